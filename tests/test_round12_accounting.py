"""Round 12 (tester12e, accounting side): silent and poor cases fixed by rel25."""

import warnings

import pandas as pd
import pytest

import carbonpath as cp
from carbonpath import CarbonpathWarning, DataError

SAMPLE = "datasets/samples/activity_sample.csv"


def sample_with(line: int, use: str) -> pd.DataFrame:
    """The activity sample with the use of file line ``line`` (header = 1) changed."""
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    frame.loc[line - 2, "use"] = use
    return frame


# --- E01, E02, E03, E62: a use whose carbon no total counts -----------------------------


@pytest.mark.parametrize(("line", "use", "words"), [
    (2, "transformation_input", "power and heat plants burn"),   # E01 thermal_power coal
    (4, "transformation_input", "power and heat plants burn"),   # E62 heat_supply coal
    (4, "non_energy", "power and heat plants burn"),             # E62
    (2, "feedstock", "power and heat plants burn"),              # E63 (was the first law)
    (8, "transformation_input", "makes no other fuel"),          # E02 chemicals coal
    (21, "feedstock", "which this sector does not make"),        # E03 residential coal
    (21, "non_energy", "households burn their fuel"),
    (22, "feedstock", "which this sector does not make"),        # agriculture diesel
    (15, "feedstock", "which this sector does not make"),        # transport diesel
])
def test_a_use_that_drops_the_carbon_is_refused_naming_row_and_column(line, use, words):
    # the sample's row of that line with the use changed: each of these uses leaves the
    # fuel's carbon out of combustion, and no product of the sector reports it
    with pytest.raises(DataError) as err:
        cp.read_activity(sample_with(line, use), region="CN-SD", year=2022)
    problem = err.value.problems[0]
    assert problem.column == "use"
    assert problem.row == line - 2  # a DataFrame row is named by its index label
    assert words in problem.message
    assert problem.value == use
    assert "combustion" in problem.valid


def test_uses_that_keep_their_carbon_are_read():
    # coal into coke ovens, gas as ammonia feedstock, bitumen in construction: the sample
    rows = cp.read_activity(SAMPLE, region="CN-SD", year=2022).data
    kept = set(zip(rows["sector"].astype(str), rows["use"].astype(str), strict=True))
    assert {("coking", "transformation_input"), ("chemicals", "feedstock"),
            ("construction", "non_energy"), ("ferrous_metals", "feedstock")} <= kept


def test_feedstock_of_a_sector_without_its_product_warns():
    # chemicals' feedstock gas leaves its carbon to ammonia (2B1); production of cement
    # clinker only (2A1, non-metallic minerals) reports none of it
    act = pd.DataFrame([
        {"sector": "chemicals", "fuel": "natural_gas", "value": 1e7, "unit": "Nm3",
         "use": "feedstock"},
        {"sector": "non_metallic_minerals", "fuel": "raw_coal", "value": 1e5, "unit": "t",
         "use": "combustion"}])
    clinker = pd.DataFrame([{"product": "cement_clinker", "value": 2e5, "unit": "t"}])
    with pytest.warns(CarbonpathWarning, match="feedstock rows of chemicals") as rec:
        cp.compute_inventory(act, production=clinker, region="CN-SD", year=2022)
    assert "ammonia" in str(rec[0].message)
    # with ammonia (10 t of NH3 take ~375 GJ of gas, 9,600 Nm3) the same rows warn nothing
    ammonia = pd.DataFrame([{"product": "ammonia", "value": 200, "unit": "t"}])
    with warnings.catch_warnings():
        warnings.simplefilter("error", CarbonpathWarning)
        cp.compute_inventory(act.iloc[:1], production=ammonia, region="CN-SD", year=2022)
