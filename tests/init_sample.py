"""The synthetic sample city's inputs of ``carbonpath init``, shared by its tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "datasets" / "samples"
INIT = SAMPLES / "init"
BALANCE = SAMPLES / "energy_balance_sample.csv"
#: The keyword arguments of init_dataset beside the balance: base year 2022, horizon 2024,
#: one model hour per representative day.
SAMPLE = {"capacity": INIT / "sample_capacity.csv", "drivers": INIT / "sample_drivers.csv",
          "growth": INIT / "sample_growth.csv", "production": SAMPLES / "production_sample.csv",
          "region": "CN-SD", "base_year": 2022, "horizon": 2024, "model_hours": 1}


def init_args(out: Path, *extra: str) -> list[str]:
    """``carbonpath init`` arguments for the sample city (as SAMPLE) writing to ``out``."""
    return ["init", "--out", str(out), "--region", "CN-SD", "--base-year", "2022",
            "--horizon", "2024", "--model-hours", "1", "--balance", str(BALANCE),
            "--capacity", str(SAMPLE["capacity"]), "--drivers", str(SAMPLE["drivers"]),
            "--growth", str(SAMPLE["growth"]), "--production", str(SAMPLE["production"]),
            *extra]


def captive_city(base: Path, captive: str):
    """The sample city made through the CLI with the captive input ``captive`` (CSV text).

    Returns the loaded dataset (:func:`carbonpath.load_dataset`).
    """
    from typer.testing import CliRunner

    import carbonpath as cp
    from carbonpath.cli import app

    path = base / "captive.csv"
    path.write_text(captive, encoding="utf-8")
    out = base / "city"
    res = CliRunner().invoke(app, init_args(out, "--captive", str(path)))
    assert res.exit_code == 0, res.output
    return cp.load_dataset(out)


def base_year_by_region(ds) -> tuple[dict[str, float], dict[str, float], float, float]:
    """The base year's CO2 of the model (solved) and of the inventory, by region (kt).

    Two independent paths: the accounting wing's inventory of ``activity.csv`` by
    ``model_region`` (read_activity -> factor tables -> compute_inventory), and the model's
    (technologies -> flows -> Pyomo -> HiGHS), baseline at one hour per day.

    Returns
    -------
    (model by region, inventory by region, model total, inventory total), all kt CO2; the
    inventory by region also has the row ``total``.
    """
    import carbonpath as cp
    from carbonpath.accounting.regional import dataset_inventory_by_region
    from carbonpath.run import dataset_inventory

    inventory = dataset_inventory(ds)
    by_region = dataset_inventory_by_region(ds, inventory).set_index("region")["total"] / 1e3
    pathway = cp.optimise(ds, scenario="baseline", hours=1)
    rows = pathway.tables["emissions_region"]
    rows = rows[(rows["kind"] == "region") & (rows["year"] == ds.base_year)]
    model = dict(zip(rows["region"], rows["value"], strict=True))
    return (model, by_region.to_dict(), pathway.emissions_in(ds.base_year),
            inventory.total(gas="CO2").to("kt CO2").magnitude)
