"""Round 25 (issue 11): model-side slips of commodity kinds and of where rows point (rel85).

MA120 MA122 MA157 a commodity's ``kind`` contradicting its ``fuel`` code is refused at
commodities.csv column ``kind``; the other cases follow below.
"""

import pytest

import carbonpath
from carbonpath.errors import DataError
from tests.conftest import assert_no_carbonpath_warnings, edit, only_problem

ELECTRICITY = "electricity,Electricity,GWh,timeslice,electricity,electricity,"
COAL = "coal,Raw coal,kt,annual,fuel,raw_coal,"


@pytest.mark.parametrize("kind", ["heat", "material", "service", "fuel"])
def test_electricity_code_on_another_kind_is_refused(tiny, kind):
    # MA120/MA122: row 2 of commodities.csv (line 1 is the header) is the electricity row;
    # as kind heat the run had given a 0.0 % non-fossil share (right: 2.3 % .. 13.5 %)
    edit(tiny, "commodities.csv", ELECTRICITY,
         f"electricity,Electricity,GWh,timeslice,{kind},electricity,")
    with pytest.raises(DataError) as err:
        carbonpath.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column, p.value) == ("commodities.csv", 2, "kind", kind)
    assert p.valid.startswith("electricity (the kind its fuel code names)")


def test_fuel_code_on_electricity_kind_is_refused(tiny):
    # MA157: coal (row 3) of kind electricity with fuel raw_coal gave 5.89 Mt in 2024 and a
    # 24.2 % non-fossil share, no word
    edit(tiny, "commodities.csv", COAL, "coal,Raw coal,kt,annual,electricity,raw_coal,")
    with pytest.raises(DataError) as err:
        carbonpath.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.row, p.column, p.value) == ("commodities.csv", 3, "kind", "electricity")
    assert "raw_coal, a fossil fuel" in p.message
    assert p.valid.startswith("fuel")


def test_kinds_agreeing_with_fuel_codes_stay_quiet(tiny):
    # a fuel code on a material (a feedstock) and a blank code on electricity are right
    edit(tiny, "commodities.csv", COAL, "coal,Raw coal,kt,annual,material,raw_coal,")
    edit(tiny, "commodities.csv", ELECTRICITY,
         "electricity,Electricity,GWh,timeslice,electricity,,")
    with assert_no_carbonpath_warnings():
        carbonpath.load_dataset(tiny)


# -- MA81: demand rows copied into the default region (region left blank) ------------------------
def _two_regions(tiny):
    """tiny with regions [city, captive]: every technology and the demand rows in captive, and
    the two demand rows copied below them with a blank region (= city, the first listed)."""
    edit(tiny, "dataset.yaml", "horizon: 2030\n", "horizon: 2030\nregions: [city, captive]\n")
    for name in ("technologies.csv", "demands.csv"):
        lines = (tiny / name).read_text(encoding="utf-8").splitlines()
        lines = [lines[0] + ",region"] + [line + ",captive" for line in lines[1:]]
        if name == "demands.csv":
            lines += [line.removesuffix(",captive") + "," for line in lines[1:3]]
        (tiny / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tiny


def test_ma81_demand_rows_with_a_blank_region_are_named_with_the_region_column(tiny):
    from carbonpath.model import PathwayModel

    ds = carbonpath.load_dataset(_two_regions(tiny))
    with pytest.raises(DataError) as err:
        PathwayModel(ds, "plan")
    p = only_problem(err)  # the observed year 2024 alone
    # rows 4 and 5 are the copies (header 1, captive rows 2 and 3); 6000 GWh/yr is the 2024
    # value of the copied 2024 row, the only demand of electricity@city; rows 2 and 3 are
    # captive's and were listed as city's demand before
    assert (p.file, p.row, p.column) == ("demands.csv", 4, "region")
    assert "Demand 6000 GWh/yr (demands.csv row 4, demands.csv row 5)" in p.message
    assert "row 2" not in p.message
    assert "were these rows meant for captive?" in p.message
    assert p.valid.startswith("region captive on these demand rows")


# -- MA115: roles making the plan its own BAU ----------------------------------------------------
def test_ma115_bau_role_naming_the_plan_is_warned():
    from carbonpath.run import _missing_reference

    role = {"bau": "plan", "cost_reference": "baseline", "plan": "plan"}
    with pytest.warns(carbonpath.errors.CarbonpathWarning) as record:
        (msg,) = _missing_reference(None, role, {"baseline": None, "plan": None})
    assert [str(w.message) for w in record] == [msg]
    assert msg.startswith("dataset.yaml roles make 'plan' both the plan and the BAU, so the "
                          "plan's abatement against the BAU is 0")
    assert "roles.bau" in msg
    # both roles on the plan: one warning naming both keys
    role["cost_reference"] = "plan"
    with pytest.warns(carbonpath.errors.CarbonpathWarning):
        (msg,) = _missing_reference(None, role, {"plan": None})
    assert "both the plan and the cost reference and the BAU" in msg
    assert "roles.cost_reference and roles.bau" in msg


def test_ma115_comparison_notes_say_the_plan_is_its_own_bau():
    from carbonpath.scenarios.compare import _absent

    role = {"bau": "plan", "cost_reference": "baseline", "plan": "plan"}
    assert _absent(role, {"baseline": None, "plan": None}) == [
        "dataset.yaml roles name the plan 'plan' as the bau too: the plan's numbers against "
        "it are 0"]
    role["bau"] = "baseline"
    with assert_no_carbonpath_warnings():
        assert _absent(role, {"baseline": None, "plan": None}) == []
        from carbonpath.run import _missing_reference

        assert _missing_reference(None, role, {"baseline": None, "plan": None}) == []


# -- MA147: a target's region on a one-region dataset -------------------------------------------
def test_ma147_target_region_on_a_one_region_dataset_says_to_leave_it_out(tiny):
    edit(tiny, "plan.yaml", "    type: cap\n", "    type: cap\n    region: city\n")
    with pytest.raises(DataError) as err:
        carbonpath.load_dataset(tiny)
    p = only_problem(err)
    assert (p.file, p.key, p.value) == ("plan.yaml", "targets.cap.region", "city")
    # the folder's name is the only valid region, which nothing calls a region: say so
    assert "so the dataset is one region, named after its folder ('tiny')" in p.message
    assert p.valid.startswith("leave region out")


def test_ma147_a_listed_region_still_gets_its_near_names(tiny):
    edit(tiny, "dataset.yaml", "horizon: 2030\n", "horizon: 2030\nregions: [city]\n")
    edit(tiny, "plan.yaml", "    type: cap\n", "    type: cap\n    region: citi\n")
    with pytest.raises(DataError) as err:
        carbonpath.load_dataset(tiny)
    p = only_problem(err)
    assert p.key == "targets.cap.region"
    assert "city" in p.valid
    assert "leave region out" not in p.valid


# -- MA165: a catalogue rename key that no flow of the class has ---------------------------------
@pytest.mark.parametrize(("code", "key", "near", "own"), [
    ("pv_utility", "electricty", "electricity", "electricity"),
    ("coal_usc", "coal", "raw_coal", "raw_coal, electricity")])  # coal: raw_coal's alias
def test_ma165_unused_rename_key_is_refused(code, key, near, own):
    from carbonpath.catalogue import dataset_rows
    from carbonpath.errors import ArgumentValueError

    with pytest.raises(ArgumentValueError) as err:
        dataset_rows(code, base_year=2024, horizon=2030, commodities={key: "elec"})
    text = str(err.value)
    assert f"renames '{key}' (did you mean '{near}'?)" in text
    assert f"its flows' commodities are {own} " in text


def test_ma165_a_used_rename_key_still_renames():
    from carbonpath.catalogue import dataset_rows

    rows = dataset_rows("pv_utility", base_year=2024, horizon=2030,
                        commodities={"electricity": "elec"})
    assert [f["commodity"] for f in rows.flows] == ["elec"]


# -- MA49: a blank-year bound beside a dated row is a step (documented in data-format.md) ---------
@pytest.mark.parametrize(("rows", "expected"), [
    # by hand: the blank-year 1000 GWh/yr holds every year; the one dated row's span is 2030
    # alone, where it replaces it (no interpolation from 1000: 2029 stays 1000)
    (["2030,1500"], [1000, 1000, 1000, 1000, 1000, 1000, 1500]),
    # dated span 2027 .. 2030: 1000 + 500 x 1/3 = 1166.67, + 500 x 2/3 = 1333.33
    (["2027,1000", "2030,1500"], [1000, 1000, 1000, 1000, 1000 + 500 / 3, 1000 + 1000 / 3,
                                  1500])])
def test_ma49_blank_year_bound_beside_dated_rows_holds_outside_their_span(tiny, rows, expected):
    from carbonpath.model.data import ModelData

    with (tiny / "parameters.csv").open("a", encoding="utf-8") as f:
        for row in rows:
            f.write(f"grid_import,max_activity,{row},GWh/yr,assumption: new line\n")
    data = ModelData.from_dataset(carbonpath.load_dataset(tiny), "plan")
    bound = data.techs["grid_import"].bounds["max_activity"]
    assert list(bound) == list(range(2024, 2031))
    assert list(bound.values()) == pytest.approx(expected)


def test_ma120_electricity_of_another_kind_without_fuel_code_warns(tiny):
    from carbonpath.dataset.fuel_checks import CommodityKindWarning

    # no fuel code, so the contradiction is the code's and name's reading alone: a warning
    edit(tiny, "commodities.csv", ELECTRICITY, "electricity,Electricity,GWh,timeslice,heat,,")
    with pytest.warns(CommodityKindWarning) as record:
        carbonpath.load_dataset(tiny)
    (w,) = [r for r in record if r.category is CommodityKindWarning]
    assert str(w.message).startswith("commodities.csv, row 2, column kind: commodity "
                                     "'electricity' reads as electricity but is of kind heat")
