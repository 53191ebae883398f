"""Round 29 (tester29ze) cases ZE84 ZE85 ZE86 ZE89 ZE58 ZE105 ZE106 ZE108.

A balance mapping's labels as the sheet prints them (with the header's unit), one label
mapped twice, a row made twice by a mapping entry, a column of numbers under a blank header,
the one file ``Inventory.to_csv`` and the template write, and paths starting with ``~``.
Expected values are read off the sample sheet by hand in each test.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath._checks import checked
from carbonpath.accounting.balance_mapping import MappingLabelWarning
from carbonpath.cli import app
from carbonpath.errors import ArgumentValueError, DataError, OutputFolderError, UnitError
from tests.conftest import assert_no_carbonpath_warnings, only_problem

ROOT = Path(__file__).resolve().parents[1]
SHEET = ROOT / "datasets" / "samples" / "energy_balance_sample.csv"
TINY = ROOT / "datasets" / "tiny"
ACT = ("sector,fuel,value,unit,use\nindustry,原煤,10,万吨,\nindustry,电力,5,亿千瓦时,\n"
       "transfers,电力,3,亿千瓦时,import\ntransfers,电力,1,亿千瓦时,export\n")


def _mapping(tmp_path, *lines, header="axis,label,code,unit"):
    path = tmp_path / "m.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def _coal(mapping):
    """The sheet's 原煤 column as activity rows: {(sector, use): 万吨} of bituminous coal."""
    act = cp.read_energy_balance(SHEET, mapping=mapping).activity
    assert "raw_coal" not in set(act["fuel"])
    rows = act[act["fuel"] == "bituminous_coal"]
    assert set(rows["unit"]) == {"万吨"}
    return {(r.sector, r.use): r.value for r in rows.itertuples()}


# --- ZE84: a column label written with the header's unit ---------------------------------


@pytest.mark.parametrize("kind", ["dict", "csv with unit", "csv without unit"])
def test_a_label_with_the_headers_unit_maps_that_column(tmp_path, kind):
    """ZE84: '原煤(万吨)' (the header as printed) had been passed over silently, the column
    read as raw coal. The sheet's 原煤 column: thermal power 780, heating 220, industry 120
    of which 10 as feedstock (110 burnt), rural households 15, in all 1135 万吨 = the
    sheet's own 消费量合计 (line 33)."""
    mapping = {"dict": {"columns": {"原煤(万吨)": "bituminous_coal"}},
               "csv with unit": _mapping(tmp_path, "column,原煤(万吨),bituminous_coal,万吨"),
               "csv without unit": _mapping(tmp_path, "column,原煤(万吨),bituminous_coal,")}[kind]
    with assert_no_carbonpath_warnings():
        coal = _coal(mapping)
    assert coal == {("thermal_power", "combustion"): 780.0,
                    ("heat_supply", "combustion"): 220.0,
                    ("industry", "combustion"): 110.0, ("industry", "non_energy"): 10.0,
                    ("residential_rural", "combustion"): 15.0}
    assert sum(coal.values()) == 1135.0


def test_a_units_key_with_the_headers_unit_names_that_column():
    """ZE84's kind in ``units=``: the key '原煤(万吨)' had named no column and its unit (吨
    for the header's 万吨, a 10^4 slip) was dropped without a word; a key naming no column
    at all ('原媒', a typo) is refused too."""
    with pytest.raises(UnitError, match=r"mixed units in one column: 万吨 \(header\); 吨 "
                                        r"\(units argument\)"):
        cp.read_energy_balance(SHEET, units={"原煤(万吨)": "吨"})
    with pytest.raises(UnitError, match="units= key '原媒' names no column"):
        cp.read_energy_balance(SHEET, units={"原媒": "万吨"})
    assert cp.read_energy_balance(SHEET, units={"原煤(万吨)": "万吨"}).units["raw_coal"] == "万吨"


# --- ZE85: the label's unit against the entry's unit, and the closest labels -------------


def test_a_label_whose_unit_differs_from_its_unit_cell_is_refused(tmp_path):
    """ZE85: '原煤(吨)' with unit 万吨 says two units for one column."""
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(SHEET, mapping=_mapping(tmp_path,
                                                       "column,原煤(吨),cleaned_coal,万吨"))
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("m.csv", 2, "unit")
    assert "states the unit 吨, its 'unit' says 万吨" in problem.message
    assert "'原煤'" in problem.valid


def test_a_label_in_another_unit_than_the_header_is_refused(tmp_path):
    """ZE85: '原煤(吨)' alone maps the 原煤(万吨) column in 吨: a 10^4 slip, refused as mixed
    units naming the mapping row."""
    with pytest.raises(UnitError) as err:
        cp.read_energy_balance(SHEET, mapping=_mapping(tmp_path,
                                                       "column,原煤(吨),bituminous_coal,"))
    text = str(err.value)
    assert "mixed units in one column: 万吨 (header); 吨 (mapping m.csv, row 2" in text


def test_the_closest_labels_name_each_cell_once():
    """ZE85: the hint for '原煤(块)' (no label of the sheet; 块 is no unit) had listed
    '原煤(万吨)' twice (the header's label with and without its unit)."""
    with pytest.warns(MappingLabelWarning) as caught:
        cp.read_energy_balance(SHEET, mapping={"columns": {"原煤(块)": "raw_coal"}})
    text = str(caught[0].message)
    assert text.count("'原煤(万吨)'") == 1


# --- ZE86: one label mapped twice --------------------------------------------------------


@pytest.mark.parametrize(("first", "second"), [("raw_coal", "bituminous_coal"),
                                                ("bituminous_coal", "raw_coal")])
def test_one_label_mapped_to_two_codes_is_refused(tmp_path, first, second):
    """ZE86: the last entry had won silently (28.18 Mt one way, 25.88 Mt the other)."""
    path = _mapping(tmp_path, f"column,原煤,{first}", f"column,原煤,{second}",
                    header="axis,label,code")
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(SHEET, mapping=path)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.column) == ("m.csv", 3, "code")
    assert f"to {first} (row 2, label '原煤') and to {second} (row 3" in problem.message


def test_the_printed_header_and_its_name_are_one_label(tmp_path):
    """ZE86 with ZE84: '原煤' and '原煤(万吨)' name one column; two codes for it are refused,
    one code twice (the unit in one entry only) reads as once: 1135 万吨 of the coal."""
    with pytest.raises(DataError, match="mapped twice"):
        cp.read_energy_balance(SHEET, mapping={"columns": {"原煤(万吨)": "bituminous_coal",
                                                           "原煤": "raw_coal"}})
    path = _mapping(tmp_path, "column,原煤,bituminous_coal,",
                    "column,原煤(万吨),bituminous_coal,万吨")
    with assert_no_carbonpath_warnings():
        assert sum(_coal(path).values()) == 1135.0


def test_a_blank_label_is_refused(tmp_path):
    """An entry with no label names no row or column: it had done nothing, silently."""
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(SHEET, mapping=_mapping(tmp_path, "column,,raw_coal,"))
    problem = only_problem(err)
    assert (problem.row, problem.column) == (2, "label")
    assert "blank column label" in problem.message


# --- ZE89: a row made twice by a mapping entry -------------------------------------------


def test_a_row_made_twice_by_a_mapping_entry_names_the_entry(tmp_path):
    """ZE89: line 27 '3.其他' (bundled: other_services) mapped to residential clashes with
    line 28 '(四)居民生活'; the error named neither the entry nor line 27's own item."""
    path = _mapping(tmp_path, "row,3.其他,residential", header="axis,label,code")
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(SHEET, mapping=path)
    problem = only_problem(err)
    assert problem.row == 28
    assert ("line 27 '3.其他' is residential by mapping m.csv, row 2 (its bundled item: "
            "other_services)") in problem.message
    assert "mapping m.csv, row 2 (line 27's item), or delete it to read the row as " \
           "other_services" in problem.valid


# --- ZE58: a column of numbers under a blank header --------------------------------------


def test_a_blank_balance_header_over_numbers_is_said_as_such(tmp_path):
    """ZE58: a 12th column with 5.00 on line 21 (1.工业) and no header had drawn "did you mean
    cleaned_coal?"."""
    lines = SHEET.read_text(encoding="utf-8").splitlines()
    lines = [line + (",5.00" if line.startswith("1.工业") else ",") if 1 <= i < 33 else line
             for i, line in enumerate(lines)]
    path = tmp_path / "b.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.read_energy_balance(path)
    problem = only_problem(err)
    assert problem.message.startswith("column 12 has a blank header but holds 1 number(s) "
                                      "(first on line 21)")
    assert "did you mean" not in problem.valid


def test_a_blank_dataset_header_over_values_is_named_by_line(tmp_path):
    """ZE58 in the dataset loader: the error had been "column '': unknown column"; a blank
    column with nothing in it (a spreadsheet's trailing comma) is dropped, as in tidy files."""
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    demands = folder / "demands.csv"
    lines = demands.read_text(encoding="utf-8").splitlines()
    demands.write_text("\n".join(f"{line}," for line in lines) + "\n", encoding="utf-8")
    cp.load_dataset(folder)  # blank to the end: read
    lines[2] += ",7"
    demands.write_text("\n".join(f"{line}," if i != 2 else line for i, line in
                                 enumerate(lines)) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        cp.load_dataset(folder)
    problem = only_problem(err)
    assert (problem.file, problem.row, problem.value) == ("demands.csv", 3, "7")
    assert f"column {lines[0].count(',') + 2} has no name in the header" in problem.message


def test_a_blank_init_header_over_values_is_named_by_line(tmp_path):
    """ZE58 in init's inputs: pandas' 'Unnamed: 4' had been called an unknown column."""
    from carbonpath.init.inputs import read_table

    path = tmp_path / "cap.csv"
    path.write_text("type,value,unit,source,\ncoal,100,万千瓦,x,\ngas,5,万千瓦,y,3\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_table(path, "capacity")
    problem = only_problem(err)
    assert (problem.row, problem.value) == (3, "3")
    assert "column 5 has no name in the header" in problem.message


# --- ZE105 / ZE106: the one file to_csv and the template write ---------------------------


@pytest.fixture(scope="module")
def inventory(tmp_path_factory):
    path = tmp_path_factory.mktemp("act") / "act.csv"
    path.write_text(ACT, encoding="utf-8")
    return cp.compute_inventory(path, region="聊城", year=2022, primary_electricity="calorific")


@pytest.mark.parametrize(("given", "offered"), [(".", "'emissions.csv'"), ("./", "'emissions.csv'"),
                                                ("..", "'../emissions.csv'"),
                                                ("out/", "'out/emissions.csv'")])
def test_to_csv_into_a_folder_asks_for_a_file_name(inventory, tmp_path, monkeypatch, given,
                                                   offered):
    """ZE105: to_csv('.') had failed on "will_write holds ''" (internal words)."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputFolderError, match=f"writes one file: .*such as {offered}"):
        inventory.to_csv(given)
    assert list(tmp_path.iterdir()) == []


def test_to_csv_of_an_empty_path_offers_a_file_name(inventory):
    """ZE105: the advice had been '.', which to_csv refused next."""
    with pytest.raises(ArgumentValueError) as err:
        inventory.to_csv("")
    assert "such as 'emissions.csv'" in str(err.value)
    assert "'.'" not in str(err.value)


@pytest.mark.parametrize("name", ["emissions.xlsx", "emissions.json"])
def test_to_csv_under_another_formats_suffix_is_refused(inventory, tmp_path, name):
    """ZE106: 'emissions.xlsx' had been written holding CSV text. A .csv (any case), .txt or
    bare name is written: CSV text whose header is the table's columns."""
    with pytest.raises(ArgumentValueError, match=r"valid: a name ending in \.csv"):
        inventory.to_csv(tmp_path / name)
    assert list(tmp_path.iterdir()) == []
    for name in ("E.CSV", "e.txt", "e"):
        inventory.to_csv(tmp_path / name)
        head = (tmp_path / name).read_text(encoding="utf-8").splitlines()[0]
        assert head == ",".join(inventory.emissions.columns)


def test_the_template_refuses_a_folder_and_a_csv_name(tmp_path, monkeypatch):
    """ZE105 / ZE106 for the planner's template: '.' had failed on "will_write holds ''" (and
    the command line on a ValueError traceback); 't.csv' had been written as a workbook."""
    pytest.importorskip("openpyxl")
    from carbonpath.init.workbook import write_template

    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputFolderError, match=r"such as 'template\.xlsx'"):
        write_template(".")
    with pytest.raises(ArgumentValueError, match=r"\('t\.xlsx'\)"):
        write_template("t.csv")
    result = CliRunner().invoke(app, ["template", "."])
    assert result.exit_code == 1
    assert "names a folder; the template is one file" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert list(tmp_path.iterdir()) == []


# --- ZE108: a path starting with ~ -------------------------------------------------------


def test_a_home_path_is_expanded(tmp_path, monkeypatch, inventory):
    """ZE108: compute_inventory('~/a.csv') had said "no such file" of a file in the home
    folder. The same file read through '~' and through its full path gives one total."""
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "a.csv").write_text(ACT, encoding="utf-8")
    for given in ("~/a.csv", Path("~/a.csv")):
        inv = cp.compute_inventory(given, region="聊城", year=2022,
                                   primary_electricity="calorific")
        assert inv.total().magnitude == pytest.approx(inventory.total().magnitude, rel=1e-12)
    inventory.to_csv("~/out.csv")
    assert (tmp_path / "out.csv").is_file()


def test_checked_expands_single_paths_and_lists_of_paths(tmp_path, monkeypatch):
    """The checks of every public function's arguments expand '~' in path arguments only."""
    monkeypatch.setenv("HOME", str(tmp_path))

    @checked
    def take(path: str | Path, paths: list[str | Path], label: str) -> tuple:
        return path, paths, label

    path, paths, label = take("~/a.csv", ["~/b.csv", "c.csv"], "~x")
    assert path == f"{tmp_path}/a.csv"
    assert paths == [f"{tmp_path}/b.csv", "c.csv"]
    assert label == "~x"


def test_the_command_line_says_a_quoted_home_was_not_expanded(tmp_path, monkeypatch):
    """ZE108 on the command line: a quoted '~/a.csv' reaches carbonpath as it is; the message
    says so and names the full path."""
    monkeypatch.setenv("HOME", str(tmp_path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = CliRunner().invoke(app, ["inventory", "~/missing.csv", "--region", "聊城",
                                          "--year", "2022"])
    assert result.exit_code == 1
    assert f"the full path {tmp_path}/missing.csv" in result.output
