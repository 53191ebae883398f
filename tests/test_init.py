"""carbonpath init: statistics -> a dataset that loads, solves and equals its inventory.

Two cities with no hand-written code: the bundled energy-balance sample (Shandong, coal
power, coking, aluminium) and a synthetic coastal city (Zhejiang, offshore wind, no
aluminium). The expected base-year emissions are the accounting wing's inventory of the
very balance the dataset came from, an independent path (read_activity -> factor tables ->
compute_inventory) from the model's (technologies -> flows -> Pyomo -> HiGHS).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import carbonpath as cp
from carbonpath.catalogue import load_catalogue
from carbonpath.cli import app
from carbonpath.errors import DataError, OutputFolderError
from carbonpath.init import init_dataset, init_from_workbook
from carbonpath.run import dataset_inventory

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "datasets" / "samples"
INIT = SAMPLES / "init"
SAMPLE = {"capacity": INIT / "sample_capacity.csv", "drivers": INIT / "sample_drivers.csv",
              "growth": INIT / "sample_growth.csv", "production": SAMPLES / "production_sample.csv",
              "region": "CN-SD", "base_year": 2022, "horizon": 2025}
COASTAL = {"capacity": INIT / "coastal_capacity.csv", "drivers": INIT / "coastal_drivers.csv",
               "growth": INIT / "coastal_growth.csv", "production": INIT / "coastal_production.csv",
               "region": "CN-ZJ", "base_year": 2023, "horizon": 2026}
HOURS = 1  # model blocks per day: the calibration does not depend on the resolution


def _by_sector(pathway, inventory, year: int) -> tuple[pd.Series, pd.Series]:
    em = pathway.emissions
    em = em[(em["year"] == year) & (em["gas"] == "CO2")]
    model = em.groupby("sector")["value"].sum() * 1e3  # kt -> t
    inv = inventory.emissions
    inv = inv[inv["in_total"] & (inv["gas"] == "CO2")]
    counted = inv.groupby(inv["sector"].astype(str))["value"].sum()
    return model[model.abs() > 0], counted[counted.abs() > 0]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("init") / "sample"
    result = init_dataset(SAMPLES / "energy_balance_sample.csv", out=out, **SAMPLE)
    return result, cp.load_dataset(out)


@pytest.fixture(scope="module")
def coastal(tmp_path_factory):
    out = tmp_path_factory.mktemp("init") / "coastal"
    result = init_dataset(INIT / "coastal_balance.csv", out=out, **COASTAL)
    return result, cp.load_dataset(out)


@pytest.mark.parametrize("city", ["sample", "coastal"])
def test_base_year_equals_the_inventory_in_total_and_by_sector(city, request):
    result, ds = request.getfixturevalue(city)
    inventory = dataset_inventory(ds)
    pathway = cp.optimise(ds, scenario="baseline", hours=HOURS)
    total = inventory.total(gas="CO2").to("kt CO2").magnitude
    assert pathway.emissions_in(ds.base_year) == pytest.approx(total, rel=1e-9)
    model, counted = _by_sector(pathway, inventory, ds.base_year)
    assert set(model.index) == set(counted.index)
    for sector in counted.index:
        assert model[sector] == pytest.approx(counted[sector], rel=1e-9), sector
    # nothing of the balance was dropped: every final and plant cell is a technology
    act = pd.read_csv(ds.file("activity.csv"))
    burned = act[act["use"].isin(["combustion", "consumption"])
                 & (act["sector"] != "transfers")]
    assert len(result.mapped) >= len(burned)


def test_the_gpc_method_calibrates_too(tmp_path):
    out = tmp_path / "gpc"
    init_dataset(SAMPLES / "energy_balance_sample.csv", out=out, method="gpc", **SAMPLE)
    ds = cp.load_dataset(out)
    assert ds.config["emissions"]["method"] == "gpc"
    pathway = cp.optimise(ds, scenario="baseline", hours=HOURS)
    total = dataset_inventory(ds).total(gas="CO2").to("kt CO2").magnitude
    assert pathway.emissions_in(ds.base_year) == pytest.approx(total, rel=1e-9)


def test_the_coastal_city_has_offshore_wind_and_no_aluminium(coastal):
    _result, ds = coastal
    techs = ds.tables["technologies"].set_index("technology")
    assert techs.loc["wind_offshore", "availability_profile"] == "wind_offshore"
    assert not techs["process_item"].fillna("").str.contains("aluminium").any()
    assert ds.region == "CN-ZJ"
    # the base year's offshore wind output: the balance's 45 亿kWh of local generation split
    # by capacity x full-load hours x availability (hand calculation from the inputs and the
    # bundled Zhejiang profiles: PV 2000 MW x 1150 h, offshore 1000 MW x 3215.04 h x 0.95,
    # onshore 200 MW x 2012.4 h x 0.97)
    pot = {"pv_utility": 2000 * 1150.0014, "wind_offshore": 1000 * 3215.04 * 0.95,
           "wind_onshore": 200 * 2012.4 * 0.97}
    params = ds.tables["parameters"]
    act = params[(params["parameter"] == "activity") & (params["technology"] == "wind_offshore")]
    expected = 45e8 / 1e3 * pot["wind_offshore"] / sum(pot.values())  # MWh
    assert float(act["value"].iloc[0]) == pytest.approx(expected, rel=1e-4)
    # every written value carries a source; the catalogue version is recorded
    for name, frame in ds.tables.items():
        if "source" in frame:
            assert (frame["source"].fillna("").str.strip() != "").all(), name
    version = load_catalogue().version  # 0.2.0 since the Liaocheng measures (issue 17)
    assert f"catalogue version {version}" in (ds.path / "README.md").read_text(encoding="utf-8")
    ranges = pd.read_csv(ds.path / "ranges.csv")
    capex = ranges[(ranges["technology"] == "wind_offshore") & (ranges["parameter"] == "capex")]
    assert (capex["low"] < capex["value"]).all()
    assert (capex["value"] < capex["high"]).all()


def test_run_writes_a_report(coastal, tmp_path):
    _, ds = coastal
    out = tmp_path / "report"
    res = CliRunner().invoke(app, ["run", str(ds.path), "--out", str(out), "--hours",
                                   str(HOURS), "--sensitivity", "0"])
    assert res.exit_code == 0, res.output
    assert any(out.glob("*.html"))
    # the results record the catalogue version the dataset was made with
    meta = json.loads((out / "results" / "run.json").read_text(encoding="utf-8"))
    sources = meta["dataset"]["sources"]
    version = load_catalogue().version
    assert any(f"technology catalogue {version}" in s["title"] for s in sources)


def test_the_workbook_round_trip(tmp_path):
    from openpyxl import load_workbook

    from carbonpath.init.workbook import BALANCE_COLUMNS, BALANCE_ROWS, SHEETS, write_template

    book = tmp_path / "city.xlsx"
    res = CliRunner().invoke(app, ["template", str(book)])
    assert res.exit_code == 0, res.output
    assert write_template(book) == book  # its own earlier template, unchanged: replaced
    bs = cp.read_energy_balance(SAMPLES / "energy_balance_sample.csv")
    wb = load_workbook(book)
    ws = wb["balance"]
    f = bs.flows
    for i, item in enumerate(BALANCE_ROWS, start=2):
        for j, fuel in enumerate(BALANCE_COLUMNS, start=2):
            hit = f[(f["item"] == item) & (f["fuel"] == fuel)]
            if len(hit):
                ws.cell(row=i, column=j, value=float(hit["value"].iloc[0]))
    for sheet, file in (("capacity", SAMPLE["capacity"]), ("drivers", SAMPLE["drivers"]),
                        ("production", SAMPLE["production"]),
                        ("growth", SAMPLE["growth"])):  # the example's 2023 start: KB103
        ws = wb[sheet]
        ws.delete_rows(2, 20)
        for _, r in pd.read_csv(file, dtype=str, keep_default_na=False).iterrows():
            ws.append([r.get(c, "") for c, *_ in SHEETS[sheet]])
    wb["production"].cell(row=2, column=5, value="synthetic sample")
    wb["targets"]["C2"] = 2025  # the example row's peak year, within this short horizon
    wb["targets"]["H2"] = "the city's plan"  # its own source (round 17 O36: else refused)
    wb.save(book)
    filled = book.read_bytes()
    with pytest.raises(OutputFolderError, match=r"city\.xlsx"):  # a filled workbook stays
        write_template(book)
    assert book.read_bytes() == filled
    out = tmp_path / "from-book"
    init_from_workbook(book, region="CN-SD", base_year=2022, horizon=2026, out=out)
    ds = cp.load_dataset(out)
    pathway = cp.optimise(ds, scenario="baseline", hours=HOURS)
    total = dataset_inventory(ds).total(gas="CO2").to("kt CO2").magnitude
    assert pathway.emissions_in(2022) == pytest.approx(total, rel=1e-9)
    assert [t["name"] for t in ds.targets.values()] == ["peak"]  # the targets sheet's
    # a balance that does not add up: the sheet, the Excel row and the column
    wb = load_workbook(book)
    industry = BALANCE_ROWS.index("industry") + 2
    wb["balance"].cell(row=industry, column=2, value=999)
    wb.save(book)
    with pytest.raises(DataError) as info:
        init_from_workbook(book, region="CN-SD", base_year=2022, horizon=2026,
                           out=tmp_path / "x")
    p = info.value.problems[0]
    assert p.file == "city.xlsx, sheet 'balance'"
    assert p.row == industry - 1  # 第二产业, whose parts no longer add up
    assert "raw_coal" in p.column
    # an edited header: sheet, row 1, column, and the template's header
    wb = load_workbook(book)
    wb["balance"].cell(row=industry, column=2, value=120.0)
    wb["capacity"]["B1"] = "容量 capacity"
    wb.save(book)
    with pytest.raises(DataError) as info:
        init_from_workbook(book, region="CN-SD", base_year=2022, horizon=2026,
                           out=tmp_path / "x")
    p = info.value.problems[0]
    assert p.file == "city.xlsx, sheet 'capacity'"
    assert p.row == 1
    assert p.column.startswith("B")
    assert "装机容量 value" in p.valid


# -- bad input ---------------------------------------------------------------------------


def _init(tmp_path, balance=SAMPLES / "energy_balance_sample.csv", **changes):
    options = {**SAMPLE, **changes}
    return init_dataset(balance, out=tmp_path / "out", **options)


def test_a_balance_that_does_not_add_up(tmp_path):
    text = (SAMPLES / "energy_balance_sample.csv").read_text(encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(text.replace("1.工业,120.00", "1.工业,140.00"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        _init(tmp_path, balance=bad)
    assert any(p.file == "bad.csv" and p.row and "原煤" in str(p.column)
               for p in info.value.problems), str(info.value)


def test_fuels_the_mapping_cannot_place_are_reported_not_dropped(tmp_path):
    mapping = pd.read_csv(ROOT / "catalogue" / "mapping.csv", dtype=str,
                          keep_default_na=False)
    gone = (mapping["role"] == "device") & mapping["fuel"].isin(["gasoline", "diesel"])
    with pytest.raises(DataError) as info:
        _init(tmp_path, mapping=mapping[~gone])
    cells = {(p.row, p.column) for p in info.value.problems}
    # the sample's gasoline and diesel cells (transport line 25, households 29/30 ...)
    assert (25, "gasoline") in cells
    assert (25, "diesel") in cells
    assert all("mapping table" in p.valid for p in info.value.problems)
    assert not (tmp_path / "out").exists()


def test_capacity_without_generation_and_generation_without_capacity(tmp_path):
    cap = pd.read_csv(SAMPLE["capacity"])
    extra = pd.concat([cap, pd.DataFrame([{"type": "biomass", "value": 5, "unit": "万千瓦",
                                            "source": "test"}])])
    with pytest.raises(DataError, match="capacity without generation") as info:
        _init(tmp_path, capacity=extra)
    assert info.value.problems[0].row == 7
    assert info.value.problems[0].value == "biomass"
    no_renewables = cap[~cap["type"].isin(["pv", "wind_onshore"])]
    with pytest.raises(DataError, match="generation without capacity") as info:
        _init(tmp_path, capacity=no_renewables)
    assert info.value.problems[0].row == 4  # 一次能源生产量 of the balance
    no_coal = cap[cap["type"] != "coal"]
    with pytest.raises(DataError, match="generation without capacity"):
        _init(tmp_path, capacity=no_coal)


def test_a_region_without_profiles_or_grid_factors(tmp_path):
    with pytest.raises(DataError, match="no hourly profiles") as info:
        _init(tmp_path, region="CN-GD")
    assert "CN-SD, CN-ZJ" in info.value.problems[0].valid
    with pytest.raises(DataError, match="no grid emission factor"):
        _init(tmp_path, base_year=2020, growth=None, drivers=pd.DataFrame(
            {"driver": ["gdp", "population"], "year": [2020, 2020], "value": [1, 1],
             "unit": ["亿元", "万人"], "source": ["t", "t"]}))


def test_the_output_folder_is_never_someone_elses(tmp_path):
    from carbonpath.init.write import write_folder

    mine = tmp_path / "out"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    with pytest.raises(OutputFolderError, match=r"notes\.txt"):
        write_folder(mine, {"dataset.yaml": "name: x\n"})
    assert (mine / "notes.txt").read_text() == "mine"
    fresh = tmp_path / "fresh"
    write_folder(fresh, {"a.csv": "1\n", "b.csv": "2\n"})
    write_folder(fresh, {"a.csv": "3\n"})  # an earlier init output is replaced as a whole
    assert (fresh / "a.csv").read_text() == "3\n"
    assert not (fresh / "b.csv").exists()
    (fresh / "extra.csv").write_text("x")
    with pytest.raises(OutputFolderError, match=r"extra\.csv"):
        write_folder(fresh, {"a.csv": "4\n"})
    assert not list(tmp_path.glob(".fresh*"))
    assert not list(tmp_path.glob(".out*"))


def test_init_replaces_only_its_own_files(sample, tmp_path, monkeypatch):
    """Issue 11: a user's file is refused before any input is read; a re-run is allowed."""
    import carbonpath.accounting as accounting

    out = tmp_path / "city"
    # the first init: a copy (manifest included) of the module's, made with the same inputs
    shutil.copytree(sample[1].path, out)
    init_dataset(SAMPLES / "energy_balance_sample.csv", out=out, **SAMPLE)  # its own: allowed
    assert cp.load_dataset(out).name == "city"

    def no_read(*args, **kwargs):
        raise AssertionError("inputs read although the destination was refused")

    monkeypatch.setattr(accounting, "read_energy_balance", no_read)
    note = out / "my-notes.txt"
    note.write_bytes(b"the planner's notes\n")
    with pytest.raises(OutputFolderError, match=r"my-notes\.txt"):
        init_dataset(SAMPLES / "energy_balance_sample.csv", out=out, **SAMPLE)
    assert note.read_bytes() == b"the planner's notes\n"
    note.unlink()
    # an edited output (a value replaced by the planner) is the planner's now
    plan = out / "plan.yaml"
    edited = plan.read_bytes() + b"# checked with the DRC\n"
    plan.write_bytes(edited)
    res = CliRunner().invoke(app, ["init", "--out", str(out), "--region", "CN-SD",
                                   "--base-year", "2022", "--horizon", "2025",
                                   "--balance", str(SAMPLES / "energy_balance_sample.csv"),
                                   "--capacity", str(SAMPLE["capacity"]),
                                   "--drivers", str(SAMPLE["drivers"])])
    assert res.exit_code == 1
    assert "plan.yaml" in res.output
    assert "Traceback" not in res.output
    assert plan.read_bytes() == edited


def test_template_replaces_only_its_own_workbook(tmp_path, monkeypatch):
    """Issue 11: a user's file of the same name is refused before the workbook is built."""
    import carbonpath.init.workbook as workbook

    book = tmp_path / "city.xlsx"
    book.write_bytes(b"PK a user's workbook")
    calls = []
    monkeypatch.setattr(workbook, "_build", lambda: calls.append(1))
    res = CliRunner().invoke(app, ["template", str(book)])
    assert res.exit_code == 1
    assert "city.xlsx" in res.output
    assert "Traceback" not in res.output
    assert calls == []  # refused before any work
    assert book.read_bytes() == b"PK a user's workbook"
    monkeypatch.undo()
    other = tmp_path / "blank.xlsx"
    assert CliRunner().invoke(app, ["template", str(other)]).exit_code == 0
    assert CliRunner().invoke(app, ["template", str(other)]).exit_code == 0  # its own
    assert book.read_bytes() == b"PK a user's workbook"  # the neighbour is left alone
