"""Factor tables: validation, precedence, ties, projections, region walk."""

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import DataError, FactorNotFoundError, ImplausibleValueError
from carbonpath.factors import COLUMNS, bundled_factors

T = bundled_factors()


def user_table(*rows):
    return pd.DataFrame([{c: r.get(c, "") for c in COLUMNS} for r in rows])


def row(**kw):
    base = {"quantity": "emission_factor", "gas": "CO2", "unit": "t CO2/MWh",
            "source": "test document, table 1", "status": "unverified"}
    base.update(kw)
    return base


def test_bundled_tables_load_with_version_and_every_row_sourced():
    assert T.version == (cp._resources.data_path("factors") / "VERSION").read_text().strip()
    assert (T.rows["source"] != "").all()
    assert set(T.rows["status"]) <= {"verified", "unverified"}
    # no bundled row cites the project's reference folder
    assert not T.rows["source"].str.contains("shared/reference").any()
    assert not T.rows["note"].str.contains("shared/reference").any()


def test_every_volumetric_factor_states_its_gas_condition():
    vol = T.rows[T.rows["unit"].str.contains("m3")]
    assert len(vol) > 0
    assert vol["unit"].str.contains("Nm3|Sm3|m3_20C").all()


def test_ipcc_ncv_and_co2_factor_values():
    # IPCC 2006 Vol.2 Ch.1 Tables 1.2 and 1.4: other bituminous coal 25.8 TJ/Gg, 94 600 kg/TJ
    ncv = T.lookup("bituminous_coal", "calorific_value", basis="net")
    assert ncv.to("TJ/t").magnitude == pytest.approx(0.0258)
    ef = T.lookup("bituminous_coal", "emission_factor", gas="CO2")
    assert ef.to("kg CO2/TJ").magnitude == pytest.approx(94600)
    assert ef.status == "verified"


def test_natural_gas_n2o_conflict_resolved_to_0_1():
    for sector in ("thermal_power", "chemicals"):
        f = T.lookup("natural_gas", "emission_factor", gas="N2O", sector=sector)
        assert f.to("kg N2O/TJ").magnitude == pytest.approx(0.1)


def test_prebake_pfc_conflict_resolved_to_table_4_15():
    f = T.lookup("primary_aluminium_prebake", "emission_factor", gas="CF4")
    assert f.to("kg CF4/t").magnitude == pytest.approx(0.4)


def test_region_walk_liaocheng_to_shandong_to_grid_to_cn():
    assert T.regions.chain("CN-SD-Liaocheng") == ("CN-SD-Liaocheng", "CN-SD", "CN-NorthChina",
                                                   "CN", "world")
    assert T.regions.resolve("聊城") == "CN-SD-Liaocheng"
    assert T.regions.resolve("Liaocheng") == "CN-SD-Liaocheng"


def test_precedence_exact_region_and_year():
    f = T.grid_factor("CN-SD", 2022)
    assert f.value.magnitude == pytest.approx(0.641)
    assert "exact region" in f.rule
    assert "exact year" in f.rule


def test_precedence_same_region_earlier_year_beats_region_above():
    # Shandong has 2021-2022, North China has 2023: a 2023 lookup for Shandong takes SD 2022
    f = T.grid_factor("CN-SD", 2023)
    assert f.region == "CN-SD"
    assert f.year == 2022
    assert "nearest earlier year (2022)" in f.rule


def test_projection_never_freezes_a_last_value():
    with pytest.raises(FactorNotFoundError, match="earlier years are not carried forward"):
        T.grid_factor("CN-SD", 2030, historical=False)


def test_region_above_when_region_has_no_rows():
    f = T.grid_factor("CN-SD-Liaocheng", 2022)
    assert f.region == "CN-SD"
    assert "region above (CN-SD)" in f.rule
    f = T.grid_factor("CN-BJ", 2023)  # Beijing: North China grid 2023
    assert f.region == "CN-NorthChina"
    assert f.value.magnitude == pytest.approx(0.6361)


def test_ipcc_default_is_the_last_fallback():
    f = T.lookup("sub_bituminous_coal", "calorific_value", region="CN-SD", basis="net")
    assert f.region == "world"
    assert "IPCC default" in f.rule


def test_user_table_wins_over_everything():
    user = user_table(row(item="electricity", value=0.5, region="CN", year=2023))
    t = cp.load_factors(extra=user)
    f = t.grid_factor("CN-SD", 2022)  # bundled has CN-SD 2022 exactly; user CN 2023 only
    with pytest.raises(FactorNotFoundError):
        t.grid_factor("CN-SD", 2020)
    assert f.region == "CN-SD"  # user row does not match year 2022 (no earlier user year)
    # the national user row wins over the bundled Shandong row, with a word (round 16 M128)
    with pytest.warns(cp.CarbonpathWarning, match="finer region CN-SD"):
        f = t.grid_factor("CN-SD", 2024)
    assert f.value.magnitude == pytest.approx(0.5)
    assert f.rule.startswith("user table")
    assert f.version.endswith("+user")


def test_most_specific_sector_wins_along_the_ipcc_chain():
    user = user_table(
        row(item="diesel", gas="CH4", unit="kg CH4/TJ", value=1, region="CN", sector="1A"),
        row(item="diesel", gas="CH4", unit="kg CH4/TJ", value=2, region="CN", sector="1A2"),
        row(item="diesel", gas="CH4", unit="kg CH4/TJ", value=3, region="CN", sector="1A2f"),
    )
    t = cp.load_factors(extra=user)
    assert t.lookup("diesel", "emission_factor", gas="CH4", sector="non_metallic_minerals",
                    region="CN").value.magnitude == 3  # 1A2f
    assert t.lookup("diesel", "emission_factor", gas="CH4", sector="chemicals",
                    region="CN").value.magnitude == 2  # 1A2c -> 1A2
    assert t.lookup("diesel", "emission_factor", gas="CH4", sector="residential",
                    region="CN").value.magnitude == 1  # 1A4b -> 1A


def test_exact_technology_wins_and_blank_is_the_default():
    f = T.lookup("gasoline", "emission_factor", gas="CH4", sector="road_transport",
                 technology="uncontrolled")
    assert f.value.magnitude == 33
    f = T.lookup("gasoline", "emission_factor", gas="CH4", sector="road_transport")
    assert f.value.magnitude == pytest.approx(3.8)


def test_duplicate_keys_are_rejected_at_load():
    user = user_table(row(item="electricity", value=0.5, region="CN", year=2023),
                      row(item="electricity", value=0.6, region="CN", year=2023))
    with pytest.raises(DataError, match="same factor"):
        cp.load_factors(extra=user)


def test_bad_table_reports_every_problem_with_location():
    user = user_table(
        row(item="electricity", value="abc", region="CN"),
        row(item="electricity", value=0.5, region="Atlantis"),
        row(item="electricity", value=0.5, region="CN", gas="XYZ"),
        row(item="natural_gas", quantity="calorific_value", gas="", unit="MJ/m3", value=38,
            region="CN", basis="net"),
    )
    with pytest.raises(DataError) as err:
        cp.load_factors(extra=user)
    text = str(err.value)
    assert "4 problem(s)" in text
    assert "column 'value'" in text
    assert "column 'region'" in text
    assert "column 'gas'" in text
    assert "Nm3, Sm3 or m3_20C" in text  # a plain m3 has no reference condition


def test_implausible_ncv_kg_vs_t_slip():
    user = user_table({"item": "raw_coal", "quantity": "calorific_value", "value": 20908,
                       "unit": "GJ/t", "basis": "net", "region": "CN",
                       "source": "slip", "status": "unverified"})
    with pytest.raises(ImplausibleValueError, match="GJ/t"):
        cp.load_factors(extra=user)


def test_coal_rate_needs_a_stated_basis():
    f = T.coal_rate(2021, "supply")
    assert f.to("gce/kWh").magnitude == pytest.approx(302.5)
    with pytest.raises(FactorNotFoundError):
        T.coal_rate(2021, "generation")  # no generation-basis series is bundled


def test_unknown_region_in_lookup_suggests():
    with pytest.raises(DataError, match="unknown region"):
        T.grid_factor("Liaochen", 2022)


def test_gbk_user_factor_file(tmp_path):
    p = tmp_path / "mine.csv"
    df = user_table(row(item="electricity", value=0.45, region="聊城", year=2024,
                        source="某文件 表1"))
    p.write_bytes(df.to_csv(index=False).encode("gbk"))
    t = cp.load_factors(extra=p)
    f = t.grid_factor("CN-SD-Liaocheng", 2024)
    assert f.value.magnitude == pytest.approx(0.45)
    assert f.file == "mine.csv"
    assert f.row == 2


def test_unreadable_factor_file(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_bytes(b"item,quantity\n\xff\xfe\xfa,\x81\x20\n")
    with pytest.raises(cp.EncodingError, match=r"bad\.csv"):
        cp.load_factors(extra=p)


def test_ties_raise():
    user = user_table(
        row(item="electricity", value=0.5, region="CN", year=2023, technology="a"),
    )
    t = cp.load_factors(extra=user)
    # a technology row only matches when asked for; no tie
    assert t.grid_factor("CN", 2023).rule.startswith("user table") is False


def test_implausible_gas_ncv_kg_vs_t_slip():
    # natural gas 389.31 GJ per 10^4 Nm3 typed as per Nm3: 389 310 MJ/Nm3
    user = user_table({"item": "natural_gas", "quantity": "calorific_value", "value": 389.31,
                       "unit": "GJ/Nm3", "basis": "net", "region": "CN-SD",
                       "source": "slip", "status": "unverified"})
    with pytest.raises(ImplausibleValueError, match="MJ/Nm3"):
        cp.load_factors(extra=user)
