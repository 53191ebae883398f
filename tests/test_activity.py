"""Activity and production data: codes, units, encodings and every kind of bad input."""

import pandas as pd
import pytest

from carbonpath import DataError, EncodingError, UnitError, read_activity, read_production


def frame(**cols):
    n = max(len(v) if isinstance(v, list) else 1 for v in cols.values())
    return pd.DataFrame({k: v if isinstance(v, list) else [v] * n for k, v in cols.items()})


def test_chinese_names_and_units_resolve():
    a = read_activity(frame(sector=["工业", "居民生活", "火力发电"],
                            fuel=["原煤", "天然气", "原煤"],
                            value=[1.5, 2, 3], unit=["万吨", "亿立方米", "吨"],
                            gas_condition=["", "20C", ""]),
                      region="聊城", year=2022)
    d = a.data
    assert list(d["sector"]) == ["industry", "residential", "thermal_power"]
    assert list(d["fuel"]) == ["raw_coal", "natural_gas", "raw_coal"]
    assert list(d["region"]) == ["CN-SD-Liaocheng"] * 3
    assert d["quantity"][0] == pytest.approx(15000)  # 1.5 万吨 = 15 000 t
    # 2 亿 m3 at 20 °C = 2e8 x 273.15/293.15 Nm3 (ideal gas at 101.325 kPa)
    assert d["quantity"][1] == pytest.approx(2e8 * 273.15 / 293.15)
    assert list(d["use"]) == ["combustion"] * 3


def test_gas_volume_without_condition_is_rejected():
    with pytest.raises(UnitError, match="reference condition"):
        read_activity(frame(sector="residential", fuel="natural_gas", value=1, unit="亿立方米"),
                      region="CN", year=2022)


def test_gas_volume_condition_by_argument_and_by_unit():
    a = read_activity(frame(sector="residential", fuel="natural_gas", value=1, unit="m3"),
                      region="CN", year=2022, gas_condition="0C")
    assert a.data["quantity"][0] == pytest.approx(1.0)  # 1 m3 at 0 °C = 1 Nm3
    b = read_activity(frame(sector="residential", fuel="natural_gas", value=1, unit="Sm3"),
                      region="CN", year=2022)
    assert b.data["quantity"][0] == pytest.approx(273.15 / 288.15)


def test_liquid_volume_needs_density():
    with pytest.raises(UnitError, match="density"):
        read_activity(frame(sector="transport", fuel="diesel", value=1, unit="m3"),
                      region="CN", year=2022, gas_condition="20C")


def test_energy_of_a_fuel_needs_its_basis_except_standard_coal():
    with pytest.raises(UnitError, match="calorific basis"):
        read_activity(frame(sector="industry", fuel="natural_gas", value=1, unit="TJ"),
                      region="CN", year=2022)
    a = read_activity(frame(sector="industry", fuel="raw_coal", value=1, unit="万吨标准煤"),
                      region="CN", year=2022)
    assert a.data["energy_basis"][0] == "net"
    assert a.data["quantity"][0] == pytest.approx(293.076)
    g = read_activity(frame(sector="industry", fuel="natural_gas", value=1, unit="TJ",
                            energy_basis="GCV"), region="CN", year=2022)
    assert g.data["energy_basis"][0] == "gross"


def test_unknown_codes_suggest_the_closest():
    with pytest.raises(DataError) as err:
        read_activity(frame(sector="industri", fuel="raw_col", value=1, unit="t"),
                      region="CN", year=2022)
    text = str(err.value)
    assert "unknown fuel 'raw_col'" in text
    assert "did you mean raw_coal" in text
    assert "unknown sector 'industri'" in text
    assert "did you mean industry" in text


def test_unknown_unit_and_wrong_dimension():
    with pytest.raises(UnitError, match="furlongs"):
        read_activity(frame(sector="industry", fuel="raw_coal", value=1, unit="furlongs"),
                      region="CN", year=2022)
    with pytest.raises(UnitError, match="energy unit"):
        read_activity(frame(sector="industry", fuel="electricity", value=1, unit="t"),
                      region="CN", year=2022)


def test_negative_nan_and_non_numeric_values_all_reported(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("sector,fuel,value,unit\nindustry,raw_coal,-1,t\nindustry,diesel,,t\n"
                 "industry,gasoline,abc,t\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_activity(p, region="CN", year=2022)
    text = str(err.value)
    assert "a.csv, row 2, column 'value': value is negative" in text
    assert "a.csv, row 3, column 'value': value is missing" in text
    assert "a.csv, row 4, column 'value': value is not a number" in text


def test_duplicate_rows_are_rejected():
    with pytest.raises(DataError, match="duplicate rows: rows 0, 1"):
        read_activity(frame(sector="industry", fuel=["raw_coal", "原煤"], value=[1, 2],
                            unit=["t", "万吨"]), region="CN", year=2022)


def test_gbk_file_is_read(tmp_path):
    p = tmp_path / "gbk.csv"
    p.write_bytes("sector,fuel,value,unit\n工业,原煤,1,万吨\n".encode("gbk"))
    a = read_activity(p, region="CN", year=2022)
    assert a.data["fuel"][0] == "raw_coal"


def test_unreadable_encoding():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.csv"
        p.write_bytes(b"sector,fuel,value,unit\n\xff\xfe\x80\xff,\x81\x20,1,t\n")
        with pytest.raises(EncodingError, match=r"x\.csv"):
            read_activity(p, region="CN", year=2022)


def test_missing_year_and_region_are_errors_not_assumptions():
    with pytest.raises(DataError, match="no year"):
        read_activity(frame(sector="industry", fuel="raw_coal", value=1, unit="t"), region="CN")
    with pytest.raises(DataError, match="no region"):
        read_activity(frame(sector="industry", fuel="raw_coal", value=1, unit="t"), year=2022)


def test_uses_are_checked_against_fuel_and_sector():
    with pytest.raises(DataError, match="energy carrier"):
        read_activity(frame(sector="industry", fuel="electricity", value=1, unit="MWh",
                            use="combustion"), region="CN", year=2022)
    with pytest.raises(DataError, match="transfers"):
        read_activity(frame(sector="industry", fuel="electricity", value=1, unit="MWh",
                            use="import"), region="CN", year=2022)


def test_unknown_columns_are_not_silently_ignored():
    with pytest.raises(DataError, match="unknown column"):
        read_activity(frame(sector="industry", fuel="raw_coal", value=1, unit="t", colour="red"),
                      region="CN", year=2022)


def test_production_reads_aliases_and_masses():
    p = read_production(frame(product=["熟料", "电解铝"], value=[100, 2], unit=["万吨", "万吨"]),
                        region="CN", year=2022)
    assert list(p.data["product"]) == ["cement_clinker", "primary_aluminium_prebake"]
    assert p.data["quantity"].tolist() == [1e6, 2e4]
    with pytest.raises(DataError, match="mass"):
        read_production(frame(product="lime", value=1, unit="MWh"), region="CN", year=2022)


def test_a_table_without_rows_is_an_error(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("sector,fuel,value,unit\n", encoding="utf-8")
    with pytest.raises(DataError, match="no rows"):
        read_activity(path, region="CN-SD", year=2022)


def test_an_unknown_code_names_the_file_once_and_where_the_codes_are(tmp_path):
    path = tmp_path / "unknown_fuel.csv"
    path.write_text("sector,fuel,value,unit\n工业,原煤,10,万吨\n工业,unobtainium,5,万吨\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_activity(path, region="CN", year=2022)
    text = str(err.value)
    assert text.startswith("unknown_fuel.csv, row 3, column 'fuel': unknown fuel 'unobtainium'")
    assert text.count("unknown_fuel.csv") == 1
    assert "valid: valid" not in text
    assert "carbonpath/data/fuels.csv" in text  # no close match: every code, and the file
    assert "raw_coal, anthracite" in text
    with pytest.raises(DataError, match=r"did you mean raw_coal.*carbonpath/data/fuels\.csv"):
        read_activity(frame(sector="industry", fuel="raw_col", value=1, unit="t"),
                      region="CN", year=2022)


def test_capitalised_headers_get_the_rename_that_fixes_them():
    # column names are exact (docs/data-format.md): not accepted, but the fix is named
    with pytest.raises(DataError) as err:
        read_activity(pd.DataFrame({"Sector": ["industry"], "Fuel": ["raw_coal"],
                                    "value": [1], "unit": ["t"]}), region="CN", year=2022)
    text = str(err.value)
    assert "column names are lower case: rename 'Sector' to 'sector', 'Fuel' to 'fuel'" in text
    assert "missing column" not in text
    assert "unknown column" not in text
