"""Round 16 accounting cases (issue 11): hand values written out in each test."""

from __future__ import annotations

import pytest

import carbonpath as cp


def _cli(*args):
    from typer.testing import CliRunner

    from carbonpath.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


USER_CN_GRID = ("item,quantity,gas,value,unit,basis,region,year,source,status\n"
                "electricity,emission_factor,CO2,0.5703,t CO2/MWh,,CN,2022,national,unverified\n")


def test_m128_a_national_user_row_over_the_bundled_provincial_one_warns(tmp_path):
    """The user's CN 2022 grid factor 0.5703 replaces the bundled Shandong 2022 0.641 for
    聊城 (rule 1, user first), with a warning naming both rows and the difference:
    0.5703 / 0.641 - 1 = -0.11030 -> -11.0 %. Net import (3 - 1) x 10^8 kWh = 200 000 MWh,
    x 0.5703 t/MWh = 114 060 t CO2."""
    (tmp_path / "f.csv").write_text(USER_CN_GRID, encoding="utf-8")
    (tmp_path / "a.csv").write_text(
        "sector,fuel,value,unit,use\n工业,电力,5,亿千瓦时,\n调入调出,电力,3,亿千瓦时,import\n"
        "调入调出,电力,1,亿千瓦时,export\n", encoding="utf-8")
    out = _cli("inventory", tmp_path / "a.csv", "--region", "聊城", "--year", 2022,
               "--primary-electricity", "calorific", "--factors", tmp_path / "f.csv",
               "--format", "csv", "--by", "in_total")
    assert out.exit_code == 0, out.output
    text = " ".join(out.output.split())
    assert "user factor f.csv line 2" in text
    assert "region CN, year 2022: 0.5703 t CO2/MWh" in text
    assert "finer region CN-SD (grid_factors.csv line 31, year 2022: 0.641 t CO2/MWh, -11.0%)" \
        in text
    total = [line for line in out.output.splitlines() if line.startswith("True,")]
    assert float(total[0].split(",")[1]) == pytest.approx(200_000 * 0.5703, rel=1e-9)


def test_m128_a_user_row_of_the_same_region_is_quiet(tmp_path):
    """A user CN-SD 2022 row replaces the bundled CN-SD 2022 row of the same region: no
    coarser-region warning (the project's warnings are errors in the tests)."""
    (tmp_path / "f.csv").write_text(USER_CN_GRID.replace(",CN,", ",CN-SD,"), encoding="utf-8")
    table = cp.load_factors(extra=[tmp_path / "f.csv"])
    assert table.grid_factor("聊城", 2022).value.magnitude == pytest.approx(0.5703)


def test_m128_the_warning_comes_from_every_lookup(tmp_path):
    """The lookup the model and init use (FactorTable.resolve) warns alike; the user row
    still wins (0.5703)."""
    (tmp_path / "f.csv").write_text(USER_CN_GRID, encoding="utf-8")
    table = cp.load_factors(extra=[tmp_path / "f.csv"])
    with pytest.warns(cp.CarbonpathWarning, match=r"finer region CN-SD .*-11\.0%"):
        f = table.grid_factor("CN-SD", 2022)
    assert f.value.magnitude == pytest.approx(0.5703)
