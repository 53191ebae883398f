"""carbonpath needs no scipy (not a dependency: where it is installed, pint imports it and
Pyomo then loads scipy.stats and more, about 58 MiB and 0.5 s per process)."""

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
sys.modules["scipy"] = None  # any import of scipy now fails
import carbonpath as cp
from carbonpath.accounting.uncertainty import uncertainty
inv = cp.compute_inventory("{sample}", region="CN-SD", year=2022,
                           primary_electricity="coal_consumption", coal_rate_basis="supply")
for approach in (1, 2):
    uncertainty(inv, approach=approach, by=("sector",), activity_uncertainty=0.05,
                factor_uncertainty=0.1, draws=200)
assert cp.optimise("tiny", scenario="plan").peak_year == 2026
print("ok")
"""


def test_inventory_uncertainty_and_model_run_without_scipy():
    sample = Path(__file__).parents[1] / "datasets" / "samples" / "activity_sample.csv"
    src = Path(__file__).parents[1] / "src"
    out = subprocess.run([sys.executable, "-c", SCRIPT.format(sample=sample.as_posix())],
                         capture_output=True, text=True, check=False,
                         env={**os.environ, "PYTHONPATH": str(src)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().endswith("ok")
