"""Round-10 unit cases A44/A45/A48/A56/A87/A57: every unit string goes through one parser.

A44/A45: ``10 000 t`` (digits grouped by a space, as the China Energy Statistical Yearbook's
English headers print ``Raw Coal (10 000 tons)``) was read by pint as 10 x 000 x t = 0 t.
A48/A56: ``ton``/``tons`` were US short tons (907.18 kg) and ``mt`` a millitonne; in this
library they are the metric tonne (GB 3100-1993: 吨, t = 1000 kg).
A87: ``tCO2/TJ`` and ``kgC/GJ`` (no space) are the usual notation of factor tables.
Expected values are worked out by hand below.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import carbonpath as cp
from carbonpath.accounting import read_energy_balance
from carbonpath.errors import UnitError
from carbonpath.units import Q_, parse_unit, unit_factor

SAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "samples"
C2CO2 = 44 / 12
#: user factors for raw coal, per metric ton (NCV 20.908 GJ/t, 26.18 t C/TJ, oxidation 0.93)
FACTORS = ("item,quantity,gas,value,unit,basis,region,year,source,status\n"
           "raw_coal,calorific_value,,20.908,GJ/{mass},net,CN-SD,,my,unverified\n"
           "raw_coal,carbon_content,,{cc},{cc_unit},,CN-SD,,my,unverified\n"
           "raw_coal,oxidation_factor,,0.93,dimensionless,,CN-SD,,my,unverified\n")
INV = {"region": "CN-SD", "year": 2022}


def test_grouped_digits_are_one_number():
    # 10 000 t = 1e4 t = 1e7 kg; 1,000 t = 1e6 kg; 1 000 000 kWh = 1e6 kWh = 3.6e6 MJ
    assert unit_factor("10 000 t", "kg") == pytest.approx(1e7, rel=1e-12)
    assert unit_factor("10 000 tons", "kg") == pytest.approx(1e7, rel=1e-12)
    assert unit_factor("1,000 t", "kg") == pytest.approx(1e6, rel=1e-12)
    assert unit_factor("1 000 000 kWh", "MJ") == pytest.approx(3.6e6, rel=1e-12)
    assert unit_factor("GJ/(10 000 t)", "GJ/t") == pytest.approx(1e-4, rel=1e-12)
    # the same through Q_ (pint's own parse goes through the same preprocessor)
    assert Q_("3 GJ/(10 000 t)").to("GJ/t").magnitude == pytest.approx(3e-4, rel=1e-12)


@pytest.mark.parametrize("text", ["1 0 t", "10 8 kWh", "10, 000 t", "1 00 t", "0 t",
                                  "0 000 t", "10  000 t"])
def test_ambiguous_or_zero_magnitudes_are_refused(text):
    with pytest.raises(UnitError, match=r"ambiguous|magnitude"):
        parse_unit(text)


@pytest.mark.parametrize("text", ["ton", "tons", "tonne", "tonnes", "t"])
def test_ton_tons_mt_are_the_metric_tonne(text):
    assert unit_factor(text, "kg") == 1000.0


def test_mt_is_refused():
    # A56: a millitonne to pint, a metric ton to traders, a megatonne typed in lower case
    with pytest.raises(UnitError, match="millitonne"):
        parse_unit("mt")


def test_short_and_long_tons_stay_available_by_name():
    # 1 lb = 0.45359237 kg exactly: short ton 2000 lb, long ton 2240 lb
    assert unit_factor("short_ton", "kg") == pytest.approx(2000 * 0.45359237, rel=1e-12)
    assert unit_factor("US_ton", "kg") == pytest.approx(2000 * 0.45359237, rel=1e-12)
    assert unit_factor("long_ton", "kg") == pytest.approx(2240 * 0.45359237, rel=1e-12)


@pytest.mark.parametrize(("written", "spaced"), [("tCO2/TJ", "t CO2/TJ"),
                                                 ("kgCO2/GJ", "kg CO2/GJ"),
                                                 ("tC/TJ", "t C/TJ"), ("kgC/GJ", "kg C/GJ"),
                                                 ("MtCO2e", "Mt CO2e")])
def test_a87_mass_written_against_a_gas(written, spaced):
    assert parse_unit(written) == parse_unit(spaced)


def _tidy(tmp_path, value, unit):
    path = tmp_path / "a.csv"
    path.write_text(f"sector,fuel,value,unit\nindustry,原煤,{value},{unit}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("value", "unit", "mass", "cc", "cc_unit"), [
    (10, "10 000 t", "t", 26.18, "t C/TJ"),          # A45
    (10, "10 000 tons", "ton", 26.18, "tC/TJ"),      # A48 + A87
    (100000, "tons", "tonne", 26.18, "kgC/GJ"),      # kg C/GJ = t C/TJ
])
def test_activity_and_factor_units_give_the_hand_value(tmp_path, value, unit, mass, cc,
                                                       cc_unit):
    # 1e5 t x 20.908 GJ/t = 2090.8 TJ; x 26.18 t C/TJ x 0.93 x 44/12 = 186,653.66 t CO2
    expected = 1e5 * 20.908e-3 * 26.18 * 0.93 * C2CO2
    factors = tmp_path / "f.csv"
    factors.write_text(FACTORS.format(mass=mass, cc=cc, cc_unit=cc_unit), encoding="utf-8")
    inv = cp.compute_inventory(_tidy(tmp_path, value, unit), factors=[factors], **INV)
    assert inv.total(gas="CO2").to("t CO2").magnitude == pytest.approx(expected, rel=1e-9)


def test_activity_unit_with_ambiguous_digits_names_the_file(tmp_path):
    with pytest.raises(UnitError, match=r"a\.csv[\s\S]*1 0 t"):
        cp.compute_inventory(_tidy(tmp_path, 10, "1 0 t"), **INV)


def test_a45_production_in_grouped_digits(tmp_path):
    # clinker 50 x 10 000 t = 5e5 t, the same as 50 万吨 (the factor is the bundled one)
    coal = _tidy(tmp_path, 10, "万吨")
    totals = []
    for unit in ("10 000 t", "万吨"):
        prod = tmp_path / "p.csv"
        prod.write_text(f"product,value,unit\n熟料,50,{unit}\n", encoding="utf-8")
        inv = cp.compute_inventory(coal, production=prod, **INV)
        em = inv.emissions
        totals.append(float(em.loc[em["category"] == "process", "value"].sum()))
    assert totals[0] > 0
    assert totals[0] == pytest.approx(totals[1], rel=1e-12)


def test_a44_yearbook_english_header_is_read_as_wan_tonnes(tmp_path):
    lines = (SAMPLES / "energy_balance_sample.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = ("Item,Raw Coal (10 000 tons),Cleaned Coal (10 000 tons),Coke (10 000 tons),"
                "Coke Oven Gas (100 million cu.m),Gasoline (10 000 tons),Diesel (10 000 tons),"
                "Asphalt (10 000 tons),Natural Gas (100 million cu.m),Heat (10^10 kJ),"
                "Electricity (100 million kWh)")
    path = tmp_path / "english.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bs = read_energy_balance(path, year=2022, region="CN-SD")
    a = bs.activity
    sel = a[(a["sector"] == "thermal_power") & (a["fuel"] == "raw_coal")
            & (a["use"] == "combustion")]
    assert len(sel) == 1
    # 780 x 10 000 tons = 7.8e6 t of raw coal (the sample's power plants)
    tonnes = float(sel["value"].iloc[0]) * unit_factor(str(sel["unit"].iloc[0]), "t")
    assert tonnes == pytest.approx(7.8e6, rel=1e-12)


@given(st.integers(min_value=1, max_value=10**12), st.sampled_from([" ", ",", ""]),
       st.sampled_from(["t", "kWh", "tce", "GJ", "ton", "万吨"]))
def test_formatted_magnitude_round_trips(n, sep, unit):
    text = f"{n:,}".replace(",", sep) + f" {unit}"
    if text.split(" ")[0] in {f"10{e}" for e in range(2, 13)}:
        # 102 .. 1012 before a unit is a yearbook's 10^2 .. 10^12 with its superscript
        # lost in a copy (round 18, Q24/Q28): refused, naming the 10^e spelling
        with pytest.raises(UnitError, match=r"superscript"):
            unit_factor(text, unit)
        return
    assert unit_factor(text, unit) == pytest.approx(n, rel=1e-12)


@given(st.lists(st.integers(min_value=0, max_value=9999), min_size=1, max_size=4),
       st.lists(st.sampled_from([" ", ",", "", "  ", ", "]), min_size=3, max_size=3),
       st.sampled_from(["t", "tons", "mt", "kg", "万吨"]))
def test_no_parsed_mass_is_zero(groups, seps, unit):
    text = "".join(f"{g}{seps[i % 3]}" for i, g in enumerate(groups[:-1]))
    text += f"{groups[-1]} {unit}"
    try:
        factor = unit_factor(text, "kg")
    except UnitError:
        return
    assert factor > 0
