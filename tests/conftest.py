"""Shared test configuration: hypothesis profiles, and a copy of ``datasets/tiny`` to edit.

``HYPOTHESIS_PROFILE=ci`` (set by .ci/run) keeps solver property tests short; the default
profile explores more examples locally.

The ``tiny`` fixture is a fresh copy of the bundled ``tiny`` dataset in a temporary folder;
:func:`edit` changes one piece of text in one of its files, as a user would, and
:func:`only_problem` returns the single problem of a raised carbonpath error. Import the two
helpers with ``from tests.conftest import edit, only_problem``;
:func:`assert_no_carbonpath_warnings` asserts that a block gives no carbonpath warning. A
module defining its own ``tiny`` fixture overrides this one. The session-scoped ``tiny_out``
is one run of the tiny dataset without its report, shared by every module that only reads it
(a test that changes its files copies them first; the fixture checks at the end that nobody
wrote into it). ``tiny_report_out`` is the same run with its English report, and
``tiny_rerendered`` that run's report rendered again by ``carbonpath report --out``, both
read-only the same way. ``placeholder_png`` writes each figure's PNG as a 1x1 placeholder
(the figures still drawn), for tests that read only a report's text. The session-scoped
``liaocheng`` (the bundled Liaocheng dataset, loaded once) and ``sample_init``
(``init_dataset`` of the sample city, made once) are read-only the same way: their teardown
fails if a test changed the loaded tables, configuration or written files. Every session
keeps carbonpath's cache folder in a temporary folder of its own (``CARBONPATH_CACHE_DIR``),
never the user's; the session's xdist workers share it (they inherit the variable; entries
are written whole, and pint's half-written ones are parsed anew).

The suite runs on every core (``-n auto --dist loadfile`` in pyproject's addopts); a run of
a single test file (``pytest tests/test_x.py``) stays in one process, see
:func:`pytest_xdist_auto_num_workers`. ``pytest -n 0`` runs any selection in one process.
"""

import atexit
import contextlib
import gc
import hashlib
import os
import shutil
import tempfile
import warnings

# carbonpath's cache folder (pint's parsed definitions, the report's font cuts): the session's
# own, not the user's, set before carbonpath is imported (tests of the cache set their own)
if "CARBONPATH_CACHE_DIR" not in os.environ:
    os.environ["CARBONPATH_CACHE_DIR"] = tempfile.mkdtemp(prefix="carbonpath-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CARBONPATH_CACHE_DIR"], ignore_errors=True)

import pytest
from hypothesis import HealthCheck, settings

from carbonpath._resources import data_path

# CI: few examples, and the same ones on every run (derandomize), so a CI verdict does not
# depend on the draw; the dev profile draws afresh and is where new failures are found.
settings.register_profile(
    "ci", max_examples=15, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# The session's collector: the youngest generation collected 10x, the middle one 5x less often (700
# allocations by default). A test session keeps every test module, the
# session fixtures and pytest's own records alive, so each automatic pass of the older
# generations walks far more objects than a `carbonpath` command's does, and frees next to
# nothing. Explicit gc.collect() calls (carbonpath._memory, the tests of it) are unchanged;
# carbonpath's own threshold changes are relative to these values and are tested so.
# Measured on 12 test files: 3128 automatic passes -> 579.
_GC_DEFAULT = gc.get_threshold()
gc.set_threshold(_GC_DEFAULT[0] * 10, _GC_DEFAULT[1] * 5, _GC_DEFAULT[2])

def pytest_xdist_auto_num_workers(config):
    """``-n auto`` with a single test file asked for: no workers (the run stays in this process).

    Under ``--dist loadfile`` one file runs in one worker, so the others would only start,
    import carbonpath and wait. None (anything else): xdist's own count, one per core.
    """
    files = {str(arg).split("::")[0] for arg in config.args}
    if len(files) == 1 and next(iter(files)).endswith(".py"):
        return 0
    return None


#: The bundled hand-solvable dataset.
TINY = data_path("datasets") / "tiny"


def _digests(folder):
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="session")
def tiny_out(tmp_path_factory):
    """The output folder of ``run("tiny", out, report=False)``, made once per session.

    Read-only: a test that changes a file copies the folder (or its ``results``) first. The
    teardown fails if any file was added, removed or changed, so a test that forgets to copy
    is caught instead of changing what later tests read.
    """
    from carbonpath.run import run

    out = run("tiny", tmp_path_factory.mktemp("tiny-shared") / "out", report=False)
    before = _digests(out)
    yield out
    assert _digests(out) == before, "a test wrote into the shared tiny_out folder"


@pytest.fixture(scope="session")
def tiny_report_out(tmp_path_factory):
    """The output folder of ``run("tiny", out, report=True)`` (results and the English
    report), made once per session; read-only as ``tiny_out`` (a test that writes into a run
    folder copies it first; the teardown fails if a file was added, removed or changed)."""
    from carbonpath.run import run

    out = run("tiny", tmp_path_factory.mktemp("tiny-report") / "out", report=True)
    before = _digests(out)
    yield out
    assert _digests(out) == before, "a test wrote into the shared tiny_report_out folder"


@pytest.fixture(scope="session")
def tiny_rerendered(tiny_report_out, tmp_path_factory):
    """The folder of ``carbonpath report <tiny_report_out> --out <folder>`` (the CLI's
    defaults: English, PNG only), rendered once per session; read-only as ``tiny_out``."""
    from typer.testing import CliRunner

    from carbonpath.cli import app

    out = tmp_path_factory.mktemp("tiny-rerendered")
    result = CliRunner().invoke(app, ["report", str(tiny_report_out), "--out", str(out)])
    assert result.exit_code == 0, result.output
    before = _digests(out)
    yield out
    assert _digests(out) == before, "a test wrote into the shared tiny_rerendered folder"


def _dataset_digest(ds):
    """A fingerprint of a loaded dataset's configuration, targets and tables."""
    import pandas as pd

    tables = {name: (tuple(frame.columns), tuple(frame.dtypes.astype(str)),
                     int(pd.util.hash_pandas_object(frame.astype(str), index=True).sum()))
              for name, frame in ds.tables.items()}
    return repr(ds.config), repr(ds.targets), tables, str(ds.path)


@pytest.fixture(scope="session")
def liaocheng():
    """``carbonpath.load_dataset("liaocheng")``, loaded once per session.

    Read-only: a test that changes the dataset loads its own (or copies the folder). The
    teardown fails if the configuration, the targets or any table changed.
    """
    import carbonpath as cp

    ds = cp.load_dataset("liaocheng")
    before = _dataset_digest(ds)
    yield ds
    assert _dataset_digest(ds) == before, "a test changed the shared liaocheng dataset"


@pytest.fixture(scope="session")
def _sample_init_made(tmp_path_factory):
    """``init_dataset`` of the sample city and every warning it gave (see ``sample_init``)."""
    from carbonpath.init import init_dataset
    from tests.init_sample import BALANCE, SAMPLE

    out = tmp_path_factory.mktemp("sample-init") / "city"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = init_dataset(BALANCE, out=out, **SAMPLE)
    for w in caught:  # given again, to the filters of the test being set up (as before)
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    before = _digests(out)
    yield result, tuple(caught)
    assert _digests(out) == before, "a test wrote into the shared sample_init folder"


@pytest.fixture(scope="session")
def sample_init(_sample_init_made):
    """``init_dataset`` of the sample city (``tests.init_sample.SAMPLE``), made once per session.

    Returns the ``InitResult`` of ``init_dataset`` (``folder``: the dataset written, named
    ``city``; ``notices``, ``mapped``: what init reported). Read-only: the teardown fails
    if a file of the folder was added, removed or changed.
    """
    return _sample_init_made[0]


@pytest.fixture(scope="session")
def sample_init_warnings(_sample_init_made):
    """Every warning ``sample_init``'s ``init_dataset`` gave (``warnings.WarningMessage``
    records, taken with ``simplefilter("always")``), as a tuple."""
    return _sample_init_made[1]


@pytest.fixture
def placeholder_png(monkeypatch):
    """Figures drawn and laid out as in a report, each PNG file written as a 1x1 placeholder.

    For tests that read only a report's text (its HTML and Markdown sections, the CLI's
    messages, which files it wrote): rasterising and encoding the figures is about 40 % of
    the CPU of rendering one (tiny: 1.2 s -> 0.7 s). Every figure is still drawn by its own
    function, its ``Skip`` sentence or ``<img>`` still placed, and its file still named and
    embedded. Not for tests of a figure's pixels, bytes, size or glyphs (Agg's missing-glyph
    warnings come from rasterising): those render real PNGs, as the session's
    ``tiny_report_out``, ``tiny_rerendered`` and test_report.py's ``rich_report`` do.
    """
    import io

    from PIL import Image

    import carbonpath.report.figures as figures

    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), "white").save(buffer, format="png")
    png = buffer.getvalue()
    monkeypatch.setattr(figures, "write_png", lambda fig, path: path.write_bytes(png))
    return png


@pytest.fixture
def tiny(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    return folder


@contextlib.contextmanager
def assert_no_carbonpath_warnings():
    """Assert that the block gives no carbonpath warning (any other warning is let through).

    Records every warning of the block and fails naming the carbonpath ones, except
    ``UnverifiedResultsWarning``, which pyproject's filterwarnings ignores for the whole suite.
    Yields the list of recorded warnings.
    """
    from carbonpath.errors import CarbonpathWarning
    from carbonpath.output_changes import UnverifiedResultsWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught
    mine = [str(w.message) for w in caught if issubclass(w.category, CarbonpathWarning)
            and not issubclass(w.category, UnverifiedResultsWarning)]
    assert not mine, mine


def edit(folder, name, old, new):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def only_problem(err):
    assert len(err.value.problems) == 1, err.value.problems
    return err.value.problems[0]


def new_coal_plant(tmp_path, parameters=""):
    """A copy of tiny with a new coal plant burning 0.3 t of coal per MWh (about 37 % on
    32 GJ/t), lifetime 30 yr; ``parameters``: more parameters.csv lines for it."""
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    with open(folder / "technologies.csv", "a", encoding="utf-8") as f:
        f.write("coal_new,New coal plant,thermal_power,conversion,timeslice,MW,MWh,true,false,"
                ",,assumption: test\n")
    with open(folder / "flows.csv", "a", encoding="utf-8") as f:
        f.write("coal_new,coal,input,0.3,t/MWh,assumption: test\n"
                "coal_new,electricity,output,1,MWh/MWh,assumption: test\n")
    with open(folder / "parameters.csv", "a", encoding="utf-8") as f:
        f.write("coal_new,lifetime,,30,yr,assumption: test\n" + parameters)
    return folder


def uncertainty_with_warnings(folder, header, *rows):
    """Write ``uncertainty.csv`` (``header`` and ``rows``) into ``folder`` and load it.

    Returns the loaded uncertainty and the texts of its ``UncertainRangeWarning``s.
    """
    from carbonpath import load_dataset
    from carbonpath.dataset.uncertainty import load_uncertainty
    from carbonpath.dataset.uncertainty_rules import UncertainRangeWarning

    (folder / "uncertainty.csv").write_text(header + "".join(r + "\n" for r in rows),
                                            encoding="utf-8")
    dataset = load_dataset(folder)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        unc = load_uncertainty(dataset)
    return unc, [str(w.message) for w in caught if issubclass(w.category,
                                                             UncertainRangeWarning)]
