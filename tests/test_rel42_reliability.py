"""Round 18 (issue 11, rel42): the leftovers of the reliability kinds.

* production above China's output is refused on the ``init`` route too (its production
  file and the workbook's production sheet), by the one check of ``inventory``;
* the rows of one product, region and year are summed before that check;
* ``compute_inventory`` refuses a ``model_region`` column, as ``carbonpath inventory`` does;
* a cell error of a file that is recognisably a balance sheet is shown as it is;
* a row label that pandas made a float (``11.0``) is printed as the line it is (``11``);
* a flow giving more of a commodity than its activity, in the activity's own unit, is
  refused for every technology, not only for one with base-year activity.

Every expected number below is worked by hand from the bounds in
``accounting/plausible_output.py`` (China's outputs) and the rows given.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carbonpath as cp
from carbonpath.accounting.plausible_output import output_problems
from carbonpath.errors import ImplausibleValueError
from carbonpath.init import init_dataset
from tests.conftest import assert_no_carbonpath_warnings
from tests.init_sample import SAMPLE, SAMPLES

BALANCE = SAMPLES / "energy_balance_sample.csv"


def _prod(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "prod.csv"
    path.write_text(text, encoding="utf-8")
    return path


# 1. the init route: the same national ceiling ------------------------------------------

def test_init_refuses_a_product_above_china_s_output_even_when_implausible_is_allowed(
        tmp_path):
    # lime: 50000 万吨 = 5e8 t > 1.5 x China's 3.1e8 t = 4.65e8 t (no override), in the
    # province CN-SD; allow_implausible (which accepts the balance checks) does not pass it
    prod = _prod(tmp_path, "product,value,unit,plausibility\n"
                           "lime,50000,万吨,override: a test\n")
    with pytest.raises(ImplausibleValueError) as err:
        init_dataset(BALANCE, out=tmp_path / "o", allow_implausible=True,
                     **{**SAMPLE, "production": prod})
    text = str(err.value)
    assert "prod.csv, row 2, column 'value'" in text
    assert "1.61x China's output of 310 Mt" in text  # 5e8 / 3.1e8 = 1.613
    assert "at most 465 Mt per row" in text
    assert not (tmp_path / "o" / "dataset.yaml").exists()


def test_init_province_share_is_overridable_and_the_override_reaches_the_dataset(tmp_path):
    # ammonia in a province: 7000 万吨 = 7e7 t > 1.0 x 6e7 t (a province's share),
    # < 1.5 x 6e7 = 9e7 t (never): refused, then accepted with allow_implausible, and the
    # written production.csv says so in its plausibility column
    prod = _prod(tmp_path, "product,value,unit\nammonia,7000,万吨\n")
    args = {**SAMPLE, "production": prod}
    with pytest.raises(ImplausibleValueError, match="at most 60 Mt per row of a province"):
        init_dataset(BALANCE, out=tmp_path / "o", **args)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        init_dataset(BALANCE, out=tmp_path / "o", allow_implausible=True, **args)
    assert any("accepted by allow_implausible" in str(w.message)
               and "1.17x China's output" in str(w.message) for w in seen)  # 7e7 / 6e7
    written = pd.read_csv(tmp_path / "o" / "production.csv", dtype=str,
                          keep_default_na=False)
    assert written["plausibility"].str.startswith("override: ").all()


def test_init_workbook_production_sheet_is_checked(tmp_path):
    from openpyxl import load_workbook

    from carbonpath.init import init_from_workbook
    from carbonpath.init.workbook import BALANCE_COLUMNS, BALANCE_ROWS, SHEETS, write_template

    book = write_template(tmp_path / "city.xlsx")
    flows = cp.read_energy_balance(BALANCE).flows
    wb = load_workbook(book)
    for i, item in enumerate(BALANCE_ROWS, start=2):
        for j, fuel in enumerate(BALANCE_COLUMNS, start=2):
            hit = flows[(flows["item"] == item) & (flows["fuel"] == fuel)]
            if len(hit):
                wb["balance"].cell(row=i, column=j, value=float(hit["value"].iloc[0]))
    for sheet, file in (("capacity", SAMPLE["capacity"]), ("drivers", SAMPLE["drivers"])):
        wb[sheet].delete_rows(2, 20)
        for _, r in pd.read_csv(file, dtype=str, keep_default_na=False).iterrows():
            wb[sheet].append([r.get(c, "") for c, *_ in SHEETS[sheet]])
    wb["production"].delete_rows(2, 20)
    row = {"product": "coke_production", "value": 80000, "unit": "万吨", "source": "a test"}
    wb["production"].append([row.get(c, "") for c, *_ in SHEETS["production"]])
    wb["targets"]["C2"] = 2025
    wb["targets"]["H2"] = "the city's plan"
    wb.save(book)
    # coke: 80000 万吨 = 8e8 t > 1.5 x 4.93e8 t = 7.395e8 t
    with pytest.raises(ImplausibleValueError, match=r"1\.62x China's output of 493 Mt"):
        init_from_workbook(book, region="CN-SD", base_year=2022, horizon=2026,
                           out=tmp_path / "o", allow_implausible=True)


# 2. rows of one product, region and year are summed -------------------------------------

def _rows(*rows):
    data = pd.DataFrame([{"row": i + 2, "year": year, "region": region, "product": product,
                          "value": quantity / 1e4, "unit": "万吨", "quantity": quantity}
                         for i, (year, region, product, quantity) in enumerate(rows)])
    return SimpleNamespace(data=data, source="prod.csv")


def test_two_rows_each_under_the_ceiling_but_together_above_it_are_one_problem():
    # nitric acid: 2e7 + 2e7 = 4e7 t > 1.5 x 2e7 = 3e7 t, each 2e7 < 3e7
    nat, by_level = output_problems(_rows((2022, "CN-SD", "nitric_acid", 2.0e7),
                                          (2022, "CN-SD", "nitric_acid", 2.0e7)), {}, "h")
    assert by_level == []
    problem, = nat
    assert problem.row == 2
    assert "rows 2, 3 together (2000 万吨 + 2000 万吨) make 40 Mt, 2x China's" in \
        problem.message
    # pig iron in a city: 3e8 + 2e8 = 5e8 t > 0.5 x 8.88e8 = 4.44e8 t, each under
    nat, by_level = output_problems(_rows((2022, "L", "pig_iron", 3.0e8),
                                          (2022, "L", "pig_iron", 2.0e8)), {"L": "city"}, "h")
    assert nat == []
    (problem, rows), = by_level
    assert rows == [2, 3]
    assert "at most 444 Mt for one product, region and year of a city" in problem.valid


@given(st.lists(st.integers(min_value=0, max_value=30_000_000).map(float), min_size=1,
                max_size=5))
def test_splitting_a_product_into_rows_never_changes_the_verdict(parts):
    # ammonia in a city: the verdict on k rows is the verdict on one row of their sum
    # (national above 9e7 t, a city's share above 3e7 t); whole tonnes: exact sums
    split = output_problems(_rows(*[(2022, "L", "ammonia", q) for q in parts]),
                            {"L": "city"}, "h")
    whole = output_problems(_rows((2022, "L", "ammonia", sum(parts))), {"L": "city"}, "h")
    assert (len(split[0]), len(split[1])) == (len(whole[0]), len(whole[1]))
    total = sum(parts)
    assert len(split[0]) == (total > 9.0e7)
    assert len(split[1]) == (3.0e7 < total <= 9.0e7)


def test_rows_of_other_years_regions_or_products_are_not_summed():
    # each 2e7 t of nitric acid is under 3e7 t; they differ by year, region or product
    assert output_problems(_rows((2021, "CN-SD", "nitric_acid", 2.0e7),
                                 (2022, "CN-SD", "nitric_acid", 2.0e7)), {}, "h") == ([], [])
    assert output_problems(_rows((2022, "CN-SD", "nitric_acid", 2.0e7),
                                 (2022, "CN-JS", "nitric_acid", 2.0e7)), {}, "h") == ([], [])
    assert output_problems(_rows((2022, "CN-SD", "nitric_acid", 2.0e7),
                                 (2022, "CN-SD", "adipic_acid", 2.0e6)), {}, "h") == ([], [])


def test_inventory_sums_two_plants_of_one_product(tmp_path):
    # Liaocheng (a city): ammonia 2000 万吨 by reforming + 2000 万吨 by gasification =
    # 4e7 t > 0.5 x 6e7 = 3e7 t; each 2e7 t is under it
    act = tmp_path / "act.csv"
    act.write_text("sector,fuel,value,unit\n工业,原煤,10,万吨\n", encoding="utf-8")
    prod = _prod(tmp_path, "product,value,unit,technology\n"
                           "ammonia,2000,万吨,modern_reforming\n"
                           "ammonia,2000,万吨,coal_gasification\n")
    with pytest.raises(ImplausibleValueError) as err:
        cp.compute_inventory(act, production=prod, region="聊城", year=2022)
    text = str(err.value)
    assert "rows 2, 3 together (2000 万吨 + 2000 万吨) make 40 Mt, 0.667x China's" in text
    assert "prod.csv, row 2, column 'value'" in text


# 3. compute_inventory refuses model_region as carbonpath inventory does ------------------

def test_compute_inventory_refuses_model_region_with_the_cli_s_message(tmp_path):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    act = tmp_path / "act.csv"
    act.write_text("sector,fuel,value,unit,model_region\n工业,原煤,10,万吨,north\n",
                   encoding="utf-8")
    plain = tmp_path / "plain.csv"
    plain.write_text("sector,fuel,value,unit\n工业,原煤,10,万吨\n", encoding="utf-8")
    prod = _prod(tmp_path, "product,value,unit,model_region\nlime,1,万吨,north\n")
    with pytest.raises(cp.DataError) as err:
        cp.compute_inventory(act, region="聊城", year=2022)
    problem, = err.value.problems
    assert (problem.file, problem.row, problem.column) == ("act.csv", 1, "model_region")
    cli = CliRunner().invoke(app, ["inventory", str(act), "--region", "聊城", "--year",
                                   "2022"])
    assert cli.exit_code == 1
    assert problem.message.split(" (file given")[0] in " ".join(cli.output.split())
    assert "the column would be ignored" in problem.message
    # a DataFrame: no header line to name; the production file the same way
    frame = pd.DataFrame({"sector": ["工业"], "fuel": ["原煤"], "value": [10.0],
                          "unit": ["万吨"], "model_region": ["north"]})
    with pytest.raises(cp.DataError, match="column 'model_region'"):
        cp.compute_inventory(frame, region="聊城", year=2022)
    with pytest.raises(cp.DataError) as err:
        cp.compute_inventory(plain, production=prod, region="聊城", year=2022)
    assert "prod.csv, row 1, column 'model_region'" in str(err.value)
    # without the column the same rows compute: 10 万吨 of raw coal, a positive CO2
    inv = cp.compute_inventory(plain, region="聊城", year=2022)
    assert inv.total(gas="CO2").magnitude > 0


# 4. a balance sheet's own cell error is shown, not wrapped --------------------------------

def test_a_cell_error_of_a_recognisable_balance_sheet_is_shown_as_it_is(tmp_path):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    text = BALANCE.read_text(encoding="utf-8")
    assert text.count("1.一次能源生产量,292.00,") == 1  # line 4, raw coal (原煤(万吨))
    bad = tmp_path / "bad.csv"
    bad.write_text(text.replace("1.一次能源生产量,292.00,", "1.一次能源生产量,2x92,"),
                   encoding="utf-8")
    out = CliRunner().invoke(app, ["inventory", str(bad), "--region", "CN-SD", "--year",
                                   "2022"])
    said = " ".join(out.output.split())
    assert out.exit_code == 1
    assert "bad.csv, row 4, column '原煤(万吨)': cell is not a number" in said
    assert "'2x92'" in said
    assert "valid: a number" in said
    assert "read neither" not in said
    # a file of no recognisable shape keeps the wrapper that names both readings
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["inventory", str(odd), "--region", "CN-SD", "--year",
                                   "2022"])
    assert "read neither as a tidy activity table" in " ".join(out.output.split())


# 5. a whole line number pandas made a float is printed as the line ----------------------

@given(st.integers(min_value=-10**9, max_value=10**9))
def test_a_problem_prints_a_float_or_numpy_line_as_the_whole_line(n):
    import numpy as np

    from carbonpath.errors import Problem, line_label

    for row in (float(n), np.float64(n), np.int64(n), n):
        assert Problem("x", file="f.csv", row=row).location() == f"f.csv, row {n}"
        assert type(line_label(row)) is int
    assert line_label(n + 0.5) == n + 0.5  # a label that is no whole line stays as given
    assert line_label("13 [电力(万千瓦时)]") == "13 [电力(万千瓦时)]"


def test_an_override_keyed_by_a_float_line_is_named_by_its_line():
    from carbonpath.model.base_balance import row_place
    from carbonpath.model.override_checks import check_overrides
    from carbonpath.model.update_checks import row_label

    ds = cp.load_dataset("tiny")
    with pytest.raises(cp.DataError) as err:  # flows.csv line 5: pv's electricity output
        check_overrides(ds, {("flows", 5.0): "1.5"})
    text = str(err.value)
    assert "flows.csv row 5: the new value is a str" in text
    assert "5.0" not in text
    assert row_place(11.0, "flows") == "flows.csv row 11"
    assert row_label(("flows", 11.0)) == "flows.csv line 11"


# 6. an output above the activity is refused whatever the technology's years -------------

def _new_pv(tiny: Path, output: str, plausibility: str = "") -> None:
    """A PV built only in decision years (no residual capacity, no observed activity)."""
    with (tiny / "technologies.csv").open("a", encoding="utf-8") as f:
        f.write("pv_new,New PV,solar_power,supply,timeslice,MW,MWh,true,true,pv,,"
                "assumption: test\n")
    path = tiny / "flows.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{line},{'plausibility' if i == 0 else ''}" for i, line in enumerate(lines)]
    lines.append(f"pv_new,electricity,output,{output},MWh/MWh,assumption: test,{plausibility}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (tiny / "parameters.csv").open("a", encoding="utf-8") as f:
        f.write("pv_new,lifetime,,25,yr,assumption: test\n"
                "pv_new,capex,,3000,CNY/kW,assumption: test\n")


def test_a_decision_year_technology_giving_more_than_its_activity_is_refused(tiny):
    from carbonpath.model.data import ModelData

    _new_pv(tiny, "1.5")  # flows.csv line 7: 1.5 MWh of electricity per MWh of activity
    with pytest.raises(cp.DataError) as err:
        ModelData.from_dataset(cp.load_dataset(tiny), "plan")
    problem, = err.value.problems
    assert (problem.file, problem.row, problem.column) == ("flows.csv", 7, "value")
    assert "'pv_new' gives 1.5 GWh of electricity per GWh of its activity" in problem.message
    assert "at most 1 GWh/GWh" in problem.valid


def test_an_output_of_one_or_an_override_is_accepted(tiny):
    from carbonpath.model.data import ModelData

    _new_pv(tiny, "1", "")
    with assert_no_carbonpath_warnings():
        data = ModelData.from_dataset(cp.load_dataset(tiny), "plan")
    assert data.techs["pv_new"].outputs["electricity"] == pytest.approx(1.0)  # the activity itself


def test_an_output_above_one_with_an_override_warns(tiny):
    from carbonpath.model.data import ModelData

    _new_pv(tiny, "1.5", "override: activity counted by its input")
    with pytest.warns(cp.CarbonpathWarning, match="'pv_new' gives 1.5 GWh"):
        data = ModelData.from_dataset(cp.load_dataset(tiny), "plan")
    assert data.techs["pv_new"].outputs["electricity"] == pytest.approx(1.5)


def test_a_built_model_s_flow_cannot_be_changed_into_a_gain(tiny):
    from carbonpath.model.override_checks import check_overrides

    with (tiny / "technologies.csv").open("a", encoding="utf-8") as f:
        f.write("coal_new,New coal plant,thermal_power,conversion,timeslice,MW,MWh,true,false,"
                ",,assumption: test\n")
    with (tiny / "flows.csv").open("a", encoding="utf-8") as f:  # lines 7 and 8
        f.write("coal_new,coal,input,0.3,t/MWh,assumption: test\n"
                "coal_new,electricity,output,1,MWh/MWh,assumption: test\n")
    with (tiny / "parameters.csv").open("a", encoding="utf-8") as f:
        f.write("coal_new,lifetime,,30,yr,assumption: test\n")
    ds = cp.load_dataset(tiny)
    check_overrides(ds, {("flows", 8): 0.9})  # a loss: accepted
    check_overrides(ds, {("flows", 7): 2.0})  # an input (2 t/MWh): not this rule's
    with pytest.raises(cp.DataError) as err:  # 1.5 MWh out per MWh of activity
        check_overrides(ds, {("flows", 8): 1.5})
    problem, = err.value.problems
    assert (problem.file, problem.row, problem.column) == ("flows.csv", 8, "value")
    assert "'coal_new' would give 1.5 electricity per unit of its activity" in problem.message
