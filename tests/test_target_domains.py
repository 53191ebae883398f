"""Every plan target's values are checked against their domain before a model is built.

One test per domain of :data:`carbonpath.dataset.target_domains.TARGET_DOMAINS`: a value
outside it is a DataError naming plan.yaml, the key path and the valid range.
"""

import shutil

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from carbonpath import DataError, load_dataset
from carbonpath._resources import data_path
from carbonpath.dataset import TARGET_TYPES
from carbonpath.dataset.target_domains import DOMAINS, TARGET_DOMAINS


@pytest.fixture
def tiny(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(data_path("datasets") / "tiny", folder)
    return folder


def with_target(folder, target, group=None):
    """Replace tiny's plan by one target (and name it in the plan scenario)."""
    target = {"name": "t", "status": "assumption", "source": "assumption: test", **target}
    (folder / "plan.yaml").write_text(yaml.safe_dump({"targets": [target]}), encoding="utf-8")
    cfg = (folder / "dataset.yaml").read_text(encoding="utf-8")
    (folder / "dataset.yaml").write_text(cfg.replace("targets: [peak, cap]", "targets: [t]"),
                                         encoding="utf-8")
    if group:
        tech = (folder / "technologies.csv").read_text(encoding="utf-8").splitlines()
        tech[0] += ",group"
        tech[1:] = [line + ("," + group if line.split(",")[0] in ("coal_power", "pv") else ",")
                    for line in tech[1:]]
        (folder / "technologies.csv").write_text("\n".join(tech) + "\n", encoding="utf-8")


def problem(folder):
    with pytest.raises(DataError) as err:
        load_dataset(folder)
    assert "Traceback" not in str(err.value)
    return err.value.problems


def test_the_table_covers_every_target_type_and_names_known_domains():
    assert set(TARGET_DOMAINS) == set(TARGET_TYPES)
    for keys in TARGET_DOMAINS.values():
        assert set(keys.values()) <= set(DOMAINS)


@pytest.mark.parametrize(("target", "key", "valid"), [
    ({"type": "nonfossil_share", "year": 2030, "value": 20}, "value", "0 .. 1"),
    ({"type": "nonfossil_share", "year": 2030, "value": -0.1}, "value", "0 .. 1"),
    ({"type": "reduction", "year": 2030, "relative_to": 2024, "value": 1.5}, "value", "0 .. 1"),
    ({"type": "reduction", "year": 2030, "relative_to": 2024, "value": -0.2}, "value", "0 .. 1"),
    ({"type": "reduction", "year": 2026, "relative_to": 2030, "value": 0.1}, "relative_to",
     "a year before 2026"),
    ({"type": "emission_intensity", "year": 2030, "relative_to": 2024, "value": 1.0},
     "value", "0 <= cut < 1"),
    ({"type": "energy_intensity", "year": 2030, "relative_to": 2020, "value": 0.1},
     "relative_to", "reference:"),
    ({"type": "emission_intensity", "year": 2030, "relative_to": 2020, "value": 0.1,
      "reference": {"value": -2, "unit": "t CO2/万元"}}, "reference", "> 0"),
    ({"type": "emission_intensity", "year": 2030, "relative_to": 2020, "value": 0.1,
      "reference": {"value": 2, "unit": "tce/万元"}}, "reference", "t CO2 / CNY"),
    ({"type": "emission_intensity", "year": 2030, "relative_to": 2024, "value": 0.1,
      "reference": {"value": 2, "unit": "t CO2/万元"}}, "relative_to", "no 'reference'"),
    ({"type": "cap", "value": -5, "unit": "Mt CO2"}, "value", ">= 0"),
    ({"type": "cap", "value": 5, "unit": "GWh"}, "value", "t CO2"),
    ({"type": "cap", "value": 1e308, "unit": "Gt CO2"}, "value", "1e308"),
    ({"type": "budget", "start": 2030, "end": 2026, "value": 20, "unit": "Mt CO2"}, "end",
     ">= 2030"),
    ({"type": "peak_year", "year": 2040}, "year", "2024 .. 2030"),
    ({"type": "bound", "technology": "pv", "quantity": "capacity",
      "min": {"value": 500, "unit": "MW"}, "max": {"value": 100, "unit": "MW"}}, "max",
     "max >= min"),
    ({"type": "bound", "technology": "pv", "quantity": "capacity",
      "max": {"value": -1, "unit": "MW"}}, "max", ">= 0"),
])
def test_a_value_outside_its_domain_names_key_and_range(tiny, target, key, valid):
    with_target(tiny, target)
    found = problem(tiny)
    hit = [p for p in found if p.key == f"targets.t.{key}"]
    assert hit, [str(p) for p in found]
    assert hit[0].file == "plan.yaml"
    assert valid in (hit[0].valid or ""), str(hit[0])


def test_a_share_given_in_percent_says_how_to_write_it(tiny):
    with_target(tiny, {"type": "nonfossil_share", "year": 2030, "value": 20})
    assert "write 0.2" in str(problem(tiny)[0])


def test_a_share_group_must_exist_and_hold_its_members(tiny):
    with_target(tiny, {"type": "min_share", "group": "clean", "members": ["pv"], "value": 0.3})
    found = problem(tiny)
    assert found[0].key == "targets.t.group"
    assert "no technology has group 'clean'" in str(found[0])
    with_target(tiny, {"type": "min_share", "group": "power", "members": ["battery"],
                       "value": 0.3}, group="power")
    found = problem(tiny)
    assert found[0].key == "targets.t.members"
    assert "not in group 'power'" in str(found[0])


def test_an_intensity_target_needs_the_gdp_driver(tiny):
    lines = (tiny / "drivers.csv").read_text(encoding="utf-8").splitlines()
    (tiny / "drivers.csv").write_text("\n".join(x for x in lines if not x.startswith("gdp"))
                                      + "\n", encoding="utf-8")
    with_target(tiny, {"type": "energy_intensity", "year": 2030, "relative_to": 2024,
                       "value": 0.1})
    found = problem(tiny)
    assert any(p.key == "targets.t" and "gdp driver" in p.message for p in found)


@pytest.mark.parametrize("target", [
    {"type": "nonfossil_share", "year": 2030, "value": 0.25},
    {"type": "reduction", "year": 2030, "relative_to": 2024, "value": 0.0},
    {"type": "reduction", "year": 2030, "relative_to": 2024, "value": 1.0},
    {"type": "emission_intensity", "year": 2030, "relative_to": 2020, "value": 0.1,
     "reference": {"value": 2, "unit": "t CO2/万元"}},
    {"type": "budget", "start": 2026, "end": 2026, "value": 20, "unit": "Mt CO2"},
])
def test_values_at_the_edges_of_their_domain_pass(tiny, target):
    with_target(tiny, target)
    assert load_dataset(tiny).targets["t"]["type"] == target["type"]


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_share_cut_or_reduction_passes_exactly_within_its_domain(value):
    from carbonpath.dataset.target_domains import check_domains

    config = {"base_year": 2024, "horizon": 2030, "emissions": {"gas": "CO2"}}
    for kind, high_ok in (("nonfossil_share", True), ("reduction", True),
                          ("energy_intensity", False)):
        target = {"name": "t", "type": kind, "year": 2030, "relative_to": 2024,
                  "value": value}
        problems = []
        check_domains(target, "targets.t", config, {}, problems)
        inside = value >= 0 and (value <= 1 if high_ok else value < 1)  # a cut: below 1
        assert (not [p for p in problems if p.key == "targets.t.value"]) == inside, kind


def test_an_update_keeps_the_target_within_its_domain():
    import carbonpath as cp

    model = cp.PathwayModel("tiny", scenario="plan")
    # Q_ itself refuses inf and NaN (issue 11 A01/A02): the (value, unit) form reaches update
    for bad in (cp.Q_(-5, "Mt CO2"), (float("inf"), "Mt CO2"), (float("nan"), "Mt CO2")):
        with pytest.raises(DataError, match=r"targets\.cap\.value"):
            model.update(target="cap", value=bad)
    model.update(target="cap", value=cp.Q_(5, "Mt CO2"))
