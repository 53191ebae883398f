"""Every sampled demand of Liaocheng stays below the stock of its identity device (issue 14/17).

An identity device (no investment, the only producer of its service) must never bind: a
sampled demand above its stock makes the sample infeasible for no decision of the model.
Read from the CSV files directly: demand x the top of the sampled range, against the residual
capacity, both in the same unit (checked).
"""

import pandas as pd


def test_sampled_demands_fit_their_identity_devices(liaocheng):
    folder = liaocheng.path  # load_dataset("liaocheng"), shared (tests/conftest.py)
    unc = pd.read_csv(folder / "uncertainty.csv")
    demands = pd.read_csv(folder / "demands.csv")
    flows = pd.read_csv(folder / "flows.csv")
    params = pd.read_csv(folder / "parameters.csv")
    techs = pd.read_csv(folder / "technologies.csv").set_index("technology")
    checked = 0
    for row in unc[(unc["table"] == "demands") & (unc["scale"] == "relative")].itertuples():
        producers = flows[(flows["commodity"] == row.commodity)
                          & (flows["direction"] == "output")]["technology"].tolist()
        if len(producers) != 1 or str(techs.loc[producers[0], "investable"]).lower() == "true":
            continue
        mine = params[(params["technology"] == producers[0])
                      & (params["parameter"] == "residual_capacity")]
        assert len(mine) == 1
        assert pd.isna(mine["year"].iloc[0])  # one stock, every year
        demand = demands[(demands["commodity"] == row.commodity)
                         & (demands["year"] == int(row.year))]
        assert len(demand) == 1
        assert mine["unit"].iloc[0] == demand["unit"].iloc[0]  # MWh/yr both
        top = float(demand["value"].iloc[0]) * float(row.high)
        assert top < float(mine["value"].iloc[0]), (row.input, producers[0], top)
        checked += 1
    assert checked >= 9  # other industry, services and homes in 2030, 2035 and 2040
