"""Dataset loading: every problem reported at once, with file, row and column."""

import shutil

import pytest

from carbonpath import DataError, PathwayModel, list_datasets, load_dataset
from carbonpath._resources import data_path
from tests.test_model_hand import growth_case


@pytest.fixture
def tiny(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    return folder


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(folder):
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    return info.value.problems


def test_bundled_datasets_load():
    assert {"tiny", "liaocheng"} <= set(list_datasets())
    ds = load_dataset("tiny")
    assert ds.years == list(range(2024, 2031))
    assert ds.scenarios == ["baseline", "plan"]
    assert len(ds.checksums["parameters.csv"]) == 64


def test_every_problem_is_reported_at_once_with_its_location(tiny):
    edit(tiny / "flows.csv", "coal_power,coal,input", "coal_power,cole,input")
    edit(tiny / "parameters.csv", "coal_power,capex,,4000,CNY/kW", "coal_power,capex,,4000,CNY/kWh")
    edit(tiny / "parameters.csv", "pv,lifetime,,25,yr", "pv,lifetime,,twenty,yr")
    found = problems(tiny)
    where = {(p.file, p.row, p.column) for p in found}
    assert ("flows.csv", 3, "commodity") in where
    assert ("parameters.csv", 5, "unit") in where
    assert ("parameters.csv", 10, "value") in where
    text = "\n".join(str(p) for p in found)
    assert "did you mean 'coal'" in text  # the closest valid commodity
    assert "CNY / (MW)" in text  # what the unit should look like


def test_unknown_codes_suggest_the_closest(tiny):
    edit(tiny / "commodities.csv", "raw_coal", "raw_col")
    edit(tiny / "technologies.csv", "solar_power", "solar_pwr")
    text = "\n".join(str(p) for p in problems(tiny))
    assert "unknown fuel 'raw_col'" in text
    assert "raw_coal" in text
    assert "unknown sector 'solar_pwr'" in text


def test_missing_source_column_and_blank_values(tiny):
    edit(tiny / "demands.csv", ",assumption: toy\n", ",\n")
    found = problems(tiny)
    assert any(p.column == "source" and p.file == "demands.csv" for p in found)


def test_a_series_must_cover_the_model_years(tiny):
    edit(tiny / "demands.csv", "electricity,2030,7200", "electricity,2028,7200")
    found = problems(tiny)
    assert any("never holds a last value" in p.message for p in found)


def test_profiles_must_be_complete_and_dimensionless(tiny):
    edit(tiny / "profiles.csv", "pv,typical,3,0,1,", "pv,typical,3,0,MW,")
    edit(tiny / "profiles.csv", "load,typical,3,1.2,1,assumption: toy evening peak\n", "")
    text = "\n".join(str(p) for p in problems(tiny))
    assert "profile values are dimensionless" in text
    assert "profile 'load' has 3 of the 4" in text


def test_day_weights_must_sum_to_365(tiny):
    edit(tiny / "dataset.yaml", "weight: 365", "weight: 360")
    found = problems(tiny)
    assert any("sum to 360" in p.message for p in found)


@pytest.mark.parametrize(("day", "column", "expected"), [
    ("{name: typical, wieght: 365}", "timeslices.days[0]", "unknown key 'wieght'"),
    ("{name: typical, weight: lots}", "timeslices.days[0].weight",
     "a day's weight must be a positive number of days"),
    ("{name: typical}", "timeslices.days[0]",
     "each day needs a name and a weight (days per year)"),
])
def test_a_bad_day_is_one_problem_without_a_weight_sum(tiny, day, column, expected):
    edit(tiny / "dataset.yaml", "{name: typical, weight: 365}", day)
    found = problems(tiny)
    assert [(p.file, p.key, p.message) for p in found] == [("dataset.yaml", column, expected)]
    if "wieght" in day:
        assert "did you mean 'weight'?" in found[0].valid


def test_scenarios_name_known_targets(tiny):
    edit(tiny / "dataset.yaml", "targets: [peak, cap]", "targets: [peak, capp]")
    text = "\n".join(str(p) for p in problems(tiny))
    assert "unknown target 'capp'" in text
    assert "'cap'" in text


def test_duplicate_rows_are_errors(tiny):
    text = (tiny / "parameters.csv").read_text(encoding="utf-8")
    (tiny / "parameters.csv").write_text(text + "pv,lifetime,,30,yr,assumption: again\n",
                                         encoding="utf-8")
    found = problems(tiny)
    assert any("duplicate parameter row" in p.message for p in found)


def test_a_gbk_file_reads_and_an_unreadable_one_is_named(tiny):
    path = tiny / "commodities.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Raw coal", "原煤").encode("gbk"))
    assert load_dataset(tiny).tables["commodities"].set_index("commodity").loc[
        "coal", "name"] == "原煤"
    path.write_bytes(b"commodity,name\n\xff\xfe\xfa\x00bad\n")
    found = problems(tiny)
    assert any(p.file == "commodities.csv" and "neither UTF-8 nor GBK" in p.message
               for p in found)


def test_model_data_problems_are_reported_before_building(tmp_path):
    folder = growth_case(tmp_path / "g")
    edit(folder / "parameters.csv", "coal,lifetime,,40,yr,assumption: test fixture\n", "")
    with pytest.raises(DataError, match="has capacity but no lifetime"):
        PathwayModel(folder)


def test_unbounded_electricity_exports_are_refused(tmp_path):
    from tests.test_model_hand import trade_case

    folder = trade_case(tmp_path / "t", "provincial")
    edit(folder / "parameters.csv", "export,max_activity,,1000,GWh/yr,assumption: test fixture\n",
         "")
    with pytest.raises(DataError, match="never a free lever"):
        PathwayModel(folder)


def test_observed_activity_beyond_capacity_is_named(tmp_path):
    from tests.test_model_hand import two_generators

    folder = two_generators(tmp_path / "two")
    edit(folder / "parameters.csv", "cheap,activity,2024,8760", "cheap,activity,2024,9000")
    with pytest.raises(DataError) as info:
        PathwayModel(folder)
    # 1 GW available all 8760 hours gives 8760 GWh a year; both sides carry their unit
    (found,) = info.value.problems
    assert (found.file, found.row, found.column) == ("parameters.csv", 5, "value")
    assert found.message == ("technology 'cheap': observed base-year activity 9000 GWh/yr "
                             "exceeds what its base-year capacity of 1 GW can give (8760 GWh/yr)")


def test_a_bound_the_data_already_break_names_both_numbers_with_units(tmp_path):
    from tests.test_model_hand import two_generators

    # 'dear' cannot invest, so its capacity is the fixed stock of 2 GW, above a 1.5 GW cap
    folder = two_generators(tmp_path / "two")
    with (folder / "parameters.csv").open("a", encoding="utf-8") as out:
        out.write("dear,max_capacity,,1500,MW,assumption: test\n")
    # (V47: the stock check names the row from the base year on, before the generic refusal)
    with pytest.raises(DataError, match=r"max_capacity of dear in 2024\S* \(1\.5 GW\) is "
                                        r"below its residual stock \(2 GW\)"):
        PathwayModel(folder)


def test_a_base_year_inconsistency_names_the_conflicting_rows(tmp_path):
    from tests.test_model_hand import two_generators

    folder = two_generators(tmp_path / "two")
    # base-year generation 8760 + 4300 GWh no longer meets the 13140 GWh demand; since
    # round 11 (D92) refused before any solve, naming the data rows (it was an
    # InfeasibleError naming LP rows after the solve)
    edit(folder / "parameters.csv", "dear,activity,2024,4380", "dear,activity,2024,4300")
    with pytest.raises(DataError) as info:
        PathwayModel(folder)
    text = str(info.value)
    assert "cannot balance electricity" in text
    assert "Supply 13060 GWh/yr" in text
    assert "Demand 13140 GWh/yr" in text
    assert "by 80 GWh/yr" in text


def test_rounding_in_observed_data_is_absorbed_as_a_statistical_difference(tmp_path):
    from tests.test_model_hand import two_generators

    folder = two_generators(tmp_path / "two")
    # 1e-7 relative: well within the default base_year_tolerance of 1e-6
    edit(folder / "parameters.csv", "dear,activity,2024,4380", "dear,activity,2024,4380.0013")
    p = PathwayModel(folder).solve()
    bal = p.balances.set_index(["commodity", "year"])
    assert abs(bal.loc[("electricity", 2024), "statistical_difference"]) == pytest.approx(
        0.0013, rel=1e-3)


def test_a_gbk_dataset_yaml_reads(tiny):
    path = tiny / "dataset.yaml"
    text = path.read_text(encoding="utf-8").replace('title: "Tiny', 'title: "小城 Tiny')
    path.write_bytes(text.encode("gbk"))
    assert load_dataset(tiny).config["title"].startswith("小城")


def test_impossible_lifetimes_and_rates_are_named(tiny):
    edit(tiny / "parameters.csv", "pv,lifetime,,25,yr", "pv,lifetime,,0,yr")
    edit(tiny / "parameters.csv", "battery,charge_efficiency,,0.95,1",
         "battery,charge_efficiency,,1.5,1")
    with pytest.raises(DataError) as info:
        PathwayModel(tiny)
    text = str(info.value)
    assert "lifetime of 0 years" in text
    assert "parameters.csv, row 10" in text
    assert "charge_efficiency must be in (0, 1]" in text


def test_a_cap_below_the_observed_base_year_warns():
    import carbonpath as cp

    model = cp.PathwayModel("tiny", scenario="plan")
    model.update(target="cap", value=cp.Q_(4.0, "Mt CO2"))
    p = model.solve()
    assert any("observed emissions" in w for w in p.warnings)


def test_range_problems_come_with_the_other_problems(tiny):
    edit(tiny / "flows.csv", "coal_power,coal,input", "coal_power,cole,input")
    edit(tiny / "demands.csv", "electricity,2030,7200", "electricity,2028,7200")
    found = problems(tiny)
    assert any(p.column == "commodity" for p in found)
    assert any("never holds a last value" in p.message for p in found)


def test_a_bad_number_in_a_row_with_a_blank_year_is_the_only_problem(tiny):
    # the year is blank, so 'does not vary by year' would be a false second problem
    edit(tiny / "parameters.csv", "coal_power,lifetime,,30", "coal_power,lifetime,,thirty")
    found = problems(tiny)
    assert [(p.file, p.row, p.column) for p in found] == [("parameters.csv", 4, "value")]
    assert "'thirty' is not a finite number" in found[0].message


@pytest.mark.parametrize("table", ["flows", "parameters", "profiles"])
@pytest.mark.parametrize(("separator", "shown"), [(";", "';'"), ("\t", "a tab")])
def test_a_table_with_another_separator_is_named_once(tiny, table, separator, shown):
    path = tiny / f"{table}.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", separator), encoding="utf-8")
    found = problems(tiny)
    assert [(p.file, p.column) for p in found] == [(f"{table}.csv", None)]
    assert f"looks separated by {shown}" in found[0].message
    assert "comma-separated" in found[0].message


def test_a_semicolon_activity_table_is_named_not_misread(tiny):
    from carbonpath.run import dataset_inventory

    # a comma inside a semicolon-separated row must not make pandas fail first
    text = (tiny / "activity.csv").read_text(encoding="utf-8").replace(",", ";")
    (tiny / "activity.csv").write_text(text + "industry;raw_coal;1;t;combustion;a, b\n",
                                       encoding="utf-8")
    with pytest.raises(DataError) as info:
        dataset_inventory(load_dataset(tiny))
    assert [p.file for p in info.value.problems] == ["activity.csv"]
    assert "looks separated by ';'" in str(info.value)
    assert "missing column" not in str(info.value)


@pytest.mark.parametrize("content", [b"", b"\n  \n"])
def test_an_empty_table_is_named(tiny, content):
    from carbonpath.run import dataset_inventory

    (tiny / "commodities.csv").write_bytes(content)
    found = problems(tiny)
    assert [(p.file, p.message) for p in found] == [("commodities.csv", "the file is empty")]
    shutil.copy(data_path("datasets") / "tiny" / "commodities.csv", tiny / "commodities.csv")
    (tiny / "activity.csv").write_bytes(content)
    with pytest.raises(DataError, match=r"activity\.csv: the file is empty"):
        dataset_inventory(load_dataset(tiny))


def test_unknown_keys_are_named_with_their_path_and_the_closest_key(tiny):
    edit(tiny / "dataset.yaml", "discount_rate: 0.05", "discount_rate: 0.05\ndiscount_rat: 0.5")
    edit(tiny / "dataset.yaml", "targets: [peak, cap]", "target: [peak, cap]")
    edit(tiny / "dataset.yaml", "  gas: CO2\n", "  gas: CO2\n  gwp_set: AR5\n")
    found = problems(tiny)
    text = "\n".join(str(p) for p in found)
    assert "dataset.yaml: unknown key 'discount_rat'" in text
    assert "did you mean 'discount_rate'?" in text
    assert ("dataset.yaml, key 'scenarios.plan': unknown key 'target'; valid: targets, "
            "parameters") in text
    assert "column" not in text  # YAML files have keys
    assert "'emissions': unknown key 'gwp_set'; valid: method, gas, gwp" in text
    shutil.copy(data_path("datasets") / "tiny" / "dataset.yaml", tiny / "dataset.yaml")
    edit(tiny / "plan.yaml", "    value: 4.8\n", "    value: 4.8\n    yeras: [2030]\n")
    edit(tiny / "plan.yaml", "targets:", "target_list: []\ntargets:")
    found = problems(tiny)
    assert {(p.key, p.message) for p in found} == {
        ("targets.cap", "unknown key 'yeras'"), (None, "unknown key 'target_list'")}
    assert "did you mean 'years'?" in str(found[1]) + str(found[0])


@pytest.mark.parametrize(("old", "new", "column", "expected"), [
    ("value: 4.8", 'value: "four"', "targets.cap.value", "value must be a number"),
    ("value: 4.8", "value: [4.8, 5]", "targets.cap.value", "value must be a number"),
    ("year: 2026", 'year: "2026"', "targets.peak.year",
     "year must be an integer year such as 2030, without quotes"),
    ("year: 2026", "year: 2026.5", "targets.peak.year", "year must be a whole year such as 2030"),
    ("year: 2026", "year: true", "targets.peak.year", "year must be a whole year such as 2030"),
    ("    value: 4.8\n", "    value: 4.8\n    years: 2030\n", "targets.cap.years",
     "years must be a list of model years"),
    ("gas: CO2", "gas: CH4", "targets.peak.gas", "gas 'CH4' differs"),
    ("gas: CO2", "gas: CO2\n    method: gpcx", "targets.peak.method", "method 'gpcx' differs"),
])
def test_plan_values_of_the_wrong_type_are_named(tiny, old, new, column, expected):
    edit(tiny / "plan.yaml", old, new)
    found = problems(tiny)
    assert len(found) == 1
    assert (found[0].file, found[0].key) == ("plan.yaml", column)
    assert expected in found[0].message
    assert "quoted" not in found[0].message


def test_a_missing_plan_or_a_bad_target_type_is_the_only_problem_reported(tiny):
    edit(tiny / "plan.yaml", "type: cap", "type: kap")
    found = problems(tiny)
    assert [p.message for p in found] == ["unknown target type 'kap'"]
    assert "did you mean 'cap'?" in found[0].valid
    (tiny / "plan.yaml").unlink()
    found = problems(tiny)
    assert len(found) == 1
    assert found[0].file == "plan.yaml"
    assert f"missing (expected at {tiny.resolve() / 'plan.yaml'})" in found[0].message
