"""Round 30 KF18 KF50 KF21 KF32 KF36 KF38 KF67 KF72: init's workbook, targets and messages.

* KF18, KF50: a blank ``Sheet1`` (Excel, WPS) or a chart sheet beside the template's sheets
  was refused as "a renamed or copied sheet would be ignored"; neither holds a row.
* KF21: a Word document named ``city.xlsx`` was "cannot be read (File contains no valid
  workbook part)", saying neither what it is nor what to save.
* KF32: a cap in the base year below the base year's emissions passed init and was found only
  as an infeasible run.
* KF36, KF38: ``--allow-implausible`` wrote a dataset the loader then refused.
* KF67: init wrote ``discount_rate: 0.06`` and its README did not list it.
* KF72: ``next: carbonpath run FOLDER`` printed a folder with spaces unquoted.
"""

from __future__ import annotations

import shlex
import warnings
import zipfile

import pandas as pd
import pytest
import yaml

from carbonpath.errors import DataError
from carbonpath.init.target_checks import ARGUMENT, check_targets, on_sheet
from tests.conftest import assert_no_carbonpath_warnings
from tests.init_sample import BALANCE, SAMPLE, init_args

# KF18 KF50 ---------------------------------------------------------------------------


def _template(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from carbonpath.init.workbook import write_template

    book = write_template(tmp_path / "city.xlsx")
    return openpyxl, book


def test_a_blank_sheet_and_a_chart_sheet_are_passed_over(tmp_path):
    openpyxl, book = _template(tmp_path)
    from openpyxl.chart import BarChart, Reference

    from carbonpath.init.workbook import read_workbook

    wb = openpyxl.load_workbook(book)
    blank = wb.create_sheet("Sheet1")
    blank["B4"] = "   "  # spaces only: nothing to read
    chart = BarChart()
    chart.add_data(Reference(wb["capacity"], min_col=2, min_row=1, max_row=4),
                   titles_from_data=True)
    wb.create_chartsheet("Chart1").add_chart(chart)
    wb.save(book)
    read = read_workbook(book)  # main: DataError naming 'Sheet1' and 'Chart1'
    assert read["capacity"] is not None


def test_a_sheet_holding_a_value_is_still_refused(tmp_path):
    openpyxl, book = _template(tmp_path)
    from carbonpath.init.workbook import read_workbook

    wb = openpyxl.load_workbook(book)
    wb.create_sheet("Sheet1")["A2"] = "coal"
    wb.save(book)
    with pytest.raises(DataError) as info:
        read_workbook(book)
    (problem,) = info.value.problems
    assert problem.value == "Sheet1"
    assert "renamed or copied sheet" in problem.message


# KF21 --------------------------------------------------------------------------------


def _document(path, part):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(part, "<doc/>")
    return path


@pytest.mark.parametrize(("part", "what"), [("word/document.xml", "a Word document (.docx)"),
                                            ("ppt/presentation.xml", "a PowerPoint")])
def test_a_document_named_xlsx_says_what_it_is_and_what_to_save(tmp_path, part, what):
    from carbonpath._io import open_workbook

    path = _document(tmp_path / "city.xlsx", part)
    with pytest.raises(DataError) as info:  # main: InputNotReadableError "cannot be read"
        open_workbook(path)
    (problem,) = info.value.problems
    assert problem.message.startswith(f"{what}")
    assert "named 'city.xlsx', not a workbook" in problem.message
    assert "save it as Excel Workbook (*.xlsx)" in problem.valid


def test_a_word_document_as_the_balance_of_init(tmp_path):
    from carbonpath.init import init_dataset

    path = _document(tmp_path / "city.xlsx", "word/document.xml")
    with pytest.raises(DataError) as info:
        init_dataset(path, out=tmp_path / "o", **SAMPLE)
    assert "a Word document (.docx) named 'city.xlsx'" in str(info.value)
    assert not (tmp_path / "o").exists()


def test_a_zip_without_a_workbook_part_is_no_workbook(tmp_path):
    from carbonpath._io import open_workbook

    path = _document(tmp_path / "x.xlsx", "notes/readme.xml")  # openpyxl's bare OSError
    with pytest.raises(DataError) as info:
        open_workbook(path)
    assert info.value.problems[0].message.startswith("not an Excel workbook")


# KF32 --------------------------------------------------------------------------------

# base year 2023, model years 2023 .. 2035 (2023 observed); base-year emissions 35,000 kt
CONFIG = {"name": "city", "base_year": 2023, "horizon": 2035,
          "emissions": {"method": "provincial", "gas": "CO2"}}
TABLES = {"technologies": pd.DataFrame({"technology": ["coal_pp"], "group": [""]}),
          "drivers": pd.DataFrame({"driver": ["gdp", "population"]})}


def _cap(value, years=(2023,), unit="万吨 CO2"):
    return {"name": "cap23", "type": "cap", "years": list(years), "value": value, "unit": unit,
            "gas": "CO2", "source": "plan"}


def test_a_cap_in_the_base_year_below_its_emissions_is_refused_naming_the_row():
    # 3000 万吨 = 30,000 kt < 35,000 kt observed in 2023: no plan changes 2023
    with pytest.raises(DataError) as info:
        check_targets([_cap(3000)], CONFIG, TABLES, lambda: 35_000.0)
    (problem,) = info.value.problems
    assert (problem.file, problem.key, problem.value) == (ARGUMENT, "targets[0].years", 2023)
    assert "35.00 Mt CO2" in problem.message
    # the observed level in the target's unit: 35,000 kt = 3500 万吨
    assert problem.valid == ("a year of the decision years 2024 .. 2035 (first_decision_year), "
                             "or a level no lower than the observed 3500 万吨 CO2")
    (named,) = on_sheet(info.value, [3], "city.xlsx, sheet 'targets'").problems
    assert (named.file, named.row, named.column) == ("city.xlsx, sheet 'targets'", 3, "year")


def test_an_emission_limit_in_the_base_year_below_its_emissions_is_refused():
    limit = {"name": "lim", "type": "emission_limits", "values": {2023: 30.0, 2030: 30.0},
             "unit": "Mt CO2", "gas": "CO2", "source": "plan"}  # 30 Mt = 30,000 < 35,000 kt
    with pytest.raises(DataError) as info:
        check_targets([limit], CONFIG, TABLES, lambda: 35_000.0)
    (problem,) = info.value.problems
    assert (problem.key, problem.value) == ("targets[0].values", 2023)


def test_a_base_year_cap_the_balance_meets_and_later_caps_are_quiet():
    with assert_no_carbonpath_warnings():
        check_targets([_cap(3600)], CONFIG, TABLES, lambda: 35_000.0)  # 36,000 >= 35,000 kt
        check_targets([_cap(3000, years=(2030,))], CONFIG, TABLES, lambda: 35_000.0)


def test_a_share_in_the_base_year_is_warned_of():
    from carbonpath.dataset.target_years import TargetYearWarning

    share = {"name": "nf23", "type": "nonfossil_share", "year": 2023, "value": 0.2,
             "source": "plan"}
    with pytest.warns(TargetYearWarning, match=r"targets\[0\]\.year: target 'nf23' "
                      r"\(nonfossil_share\) is set in 2023, an observed year.*valid: a year "
                      r"of the decision years 2024 \.\. 2035"):
        check_targets([share], CONFIG, TABLES)


# KF36 KF38 KF72 ------------------------------------------------------------------------

# tests/test_init_plausible.py OLD_HEAT: 供热 burns 80 万吨 of raw coal for 220, its heat
# then comes from a heat boiler of 211 % efficiency (refused unless --allow-implausible)
OLD_HEAT = [("2.供热,-220.00,", "2.供热,-80.00,"),
            ("二、加工转换投入(-)产出(+)量,-1000.00,", "二、加工转换投入(-)产出(+)量,-860.00,"),
            ("2.外省(区、市)调入量,950.00,", "2.外省(区、市)调入量,810.00,"),
            ("一、可供本地区消费的能源量,1137.00,", "一、可供本地区消费的能源量,997.00,"),
            ("六、消费量合计,1135.00,", "六、消费量合计,995.00,")]


def test_a_dataset_init_accepted_loads_and_next_is_quoted(tmp_path):
    from typer.testing import CliRunner

    import carbonpath as cp
    from carbonpath.cli import app
    from carbonpath.init.accepted_rows import REASON

    text = BALANCE.read_text(encoding="utf-8")
    for old, new in OLD_HEAT:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    balance = tmp_path / "balance.csv"
    balance.write_text(text, encoding="utf-8")
    out = tmp_path / "聊城 数据 2022"
    args = init_args(out, "--allow-implausible")
    args[args.index("--balance") + 1] = str(balance)
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    # KF72: pasted into a shell, the line is three words: carbonpath, run and the folder
    (line,) = [x for x in res.output.splitlines() if x.startswith("next: ")]
    assert shlex.split(line.removeprefix("next: ")) == ["carbonpath", "run", str(out)]
    flows = pd.read_csv(out / "flows.csv", keep_default_na=False)
    marked = flows[flows["plausibility"] != ""]
    # only the heat boiler's coal input, the row the loader's 5 % .. 100 % bound refuses
    assert [(r.technology, r.commodity) for r in marked.itertuples()] == [
        ("heatplant_raw_coal", "raw_coal")]
    assert marked["plausibility"].iloc[0] == REASON
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = cp.load_dataset(out)  # main: ImplausibleValueError naming flows.csv's row
    assert ds is not None


def test_shell_word_quotes_only_what_needs_it():
    from carbonpath._checks import shell_word

    assert shell_word("my-city") == "my-city"
    assert shell_word("/a/聊城 数据 2022") == "'/a/聊城 数据 2022'"
    word = shell_word("it's here")
    assert shlex.split("run " + word) == ["run", "it's here"]


# KF67 --------------------------------------------------------------------------------


def test_the_readme_lists_the_discount_rate_and_price_year(sample_init):
    config = yaml.safe_load((sample_init.folder / "dataset.yaml").read_text(encoding="utf-8"))
    readme = (sample_init.folder / "README.md").read_text(encoding="utf-8")
    assumed = readme.split("## What was assumed", 1)[1].split("\n## ", 1)[0]
    assert config["discount_rate"] == 0.06
    assert config["price_year"] == 2022  # the sample's base year
    assert "- discount_rate 0.06 in dataset.yaml" in assumed
    assert "6% a year" in assumed
    assert "price_year 2022" in assumed
