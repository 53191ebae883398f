"""Give memory back between the stages of a run (lower peak resident memory).

A run's peak resident set is reached in one of two phases: solving (models in memory) or
drawing the report (matplotlib, the CJK font). The models are gone when the report starts,
but their memory is not free for the report yet: Pyomo's blocks hold reference cycles (freed
only when the cycle collector runs), and HiGHS and numpy free their arrays into the C
allocator's heap, which Python's small-object allocator does not take memory from (it maps
arenas of its own). :func:`release_memory` runs the collector and, on glibc, returns the
heap's free pages to the system, so the report starts from a lower resident set
(benchmarks/main_job.py: peak RSS by stage).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["break_cycles", "frozen_heap", "heap_frozen", "rare_full_passes", "release_memory"]


def break_cycles(block: Any) -> None:
    """Break the reference cycles of a Pyomo block that is no longer used.

    A built model is a web of cycles: each indexed component holds its data objects (rows,
    columns) in a dict and each data object points back at it, the block holds itself in
    its own ``_data`` and its components as attributes, and rules' closures hold the block.
    Only the cycle collector could free it, with a pass over all its objects (the main
    job's two models: 335,000 objects, 0.1-0.3 s of CPU). With the components' data dicts
    and the block's attributes emptied, reference counting frees the model as soon as the
    last reference to it goes, and the collector's next pass finds about 900 objects.

    The block is unusable afterwards: call this only when nothing will read it again (the
    run calls it once its results are extracted, :func:`carbonpath.run.compute`).

    Parameters
    ----------
    block : pyomo.core.base.block.BlockData or None
        The model's block (anything else, None included, is left as it is).

    Returns
    -------
    None
        Never raises for a block; the objects it held are freed when their last reference
        goes.
    """
    components = getattr(block, "component_objects", None)
    if components is None:
        return
    for component in list(components(descend_into=True)):
        data = getattr(component, "_data", None)
        if isinstance(data, dict):
            data.clear()
    vars(block).clear()


def release_memory(collect: bool = True, older: bool = True) -> bool:
    """Collect reference cycles and return the C heap's free pages to the system.

    Parameters
    ----------
    collect : bool
        Run the cycle collector first (False: only return the heap's free pages, where the
        cycles were collected just before and the rest was freed by reference counting).
    older : bool
        Inside :func:`frozen_heap`: collect the frozen objects too (they are unfrozen,
        collected and frozen again: a pass over the whole process). False: only the
        objects made since the block started (what the run uses to free its models, which
        are younger than the run's block: a pass over them, not over every module).

    Returns
    -------
    bool
        True if the C heap was trimmed (glibc's ``malloc_trim``, Linux); False where there is
        no such call (other C libraries and systems: only the collector ran). Never raises.
    """
    if collect:
        if _FROZEN and older:  # inside frozen_heap: the older objects' cycles are collected too
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        else:
            gc.collect()
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # musl and others have no malloc_trim
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    trim(0)
    return True


@contextmanager
def frozen_heap(generation: int = 2) -> Iterator[None]:
    """Context manager: the cycle collector skips the objects that exist when it is entered.

    A report makes many short-lived objects (matplotlib's artists and transforms), so the
    collector runs often, and each of its full passes walks every object of the process:
    pandas, Pyomo and the run's results, none of which the report frees. Inside this block
    those objects are in the collector's permanent generation (:func:`gc.freeze`), so its
    passes walk only the objects made inside the block (benchmarks/main_job.py: about 0.4 s
    less CPU in the report). On leaving, they go back to the oldest generation
    (:func:`gc.unfreeze`): nothing is lost, cycles among them are collected by a later pass.
    :func:`carbonpath.run.run` holds the block for the whole run (the modules' 145,000
    objects are then walked by none of the run's passes: the collection that frees the
    models, the automatic ones while the data are read), and the report's block nests in it.

    The garbage of the moment is collected first (:func:`gc.collect` of ``generation``):
    frozen, it would stay until the block ends (about 10 MiB of the main job's peak RSS,
    benchmarks/main_job.py).

    Blocks nest: an inner block collects (its pass skips what the outer one froze) and
    freezes what was made since; everything frozen goes back when the last open block
    ends. :func:`release_memory` inside a block still collects every object (it unfreezes,
    collects and freezes again) unless told ``older=False``: the report calls it before the
    large font cut, so that the cut's memory goes where garbage was (peak RSS).

    Does nothing when the collector is off, or when the process has frozen objects of its
    own (an application that called :func:`gc.freeze` keeps what it froze).

    Parameters
    ----------
    generation : {0, 1, 2}
        The oldest generation collected before freezing (2: a full pass, as the report
        does; 1: the young objects only, as the run does at its start, where the older
        ones are the modules).
    """
    # (_FROZEN first: gc.get_freeze_count walks every frozen object, see heap_frozen)
    if not gc.isenabled() or (not _FROZEN and gc.get_freeze_count()):
        yield
        return
    gc.collect(generation)  # garbage frozen now would stay until the block ends (peak RSS)
    gc.freeze()
    _FROZEN.append(True)
    try:
        yield
    finally:
        _FROZEN.pop()
        if not _FROZEN:  # the last block left (blocks in two threads may end in any order)
            gc.unfreeze()


def heap_frozen() -> bool:
    """Whether objects are frozen (:func:`frozen_heap`, or the application's :func:`gc.freeze`).

    The same answer as ``gc.get_freeze_count() > 0``, without its cost inside
    :func:`frozen_heap`: CPython counts the frozen objects by walking their whole list, so
    inside the report's block (about 170,000 objects in the main job) each call cost about
    16 ms of CPU on a loaded machine, and the report asked once per figure (issue 15).

    Returns
    -------
    bool
        True inside a :func:`frozen_heap` block (no walk) or when the process froze objects
        of its own; False otherwise. Never raises.
    """
    return bool(_FROZEN) or gc.get_freeze_count() > 0


@contextmanager
def rare_full_passes(factor: int = 10) -> Iterator[None]:
    """Context manager: the collector's automatic full passes are ``factor`` times rarer.

    Python runs a full pass when its youngest generations have been collected ``threshold2``
    times (:func:`gc.get_threshold`, 10 by default) and the objects that survived them
    exceed a quarter of the oldest generation. Inside the run's :func:`frozen_heap` block
    the oldest generation is small (the modules are frozen), so a full pass came while both
    models of the main job were alive: 359,000 objects walked, none freed (0.2 s of CPU on a
    loaded machine; benchmarks/README.md, branch perf8). The run frees its models itself
    (:func:`break_cycles`, :func:`release_memory`), so it holds this block: the young
    generations are collected as before, the full passes ``factor`` times less often.

    Parameters
    ----------
    factor : int
        How much the third threshold is multiplied by (>= 1).

    Notes
    -----
    The threshold is set back when the outermost block is left, unless something inside set
    another one (that one is kept); blocks nest, also across threads (two runs at once
    raise it once). Does nothing when the collector is off.
    """
    with _RARE_LOCK:
        if not _RARE:  # the outermost block (blocks nest, e.g. runs in two threads)
            first, second, third = gc.get_threshold()
            if not gc.isenabled() or factor <= 1 or third == 0:
                raised = None
            else:
                raised = (first, second, third * factor)
                gc.set_threshold(*raised)
            _RARE.append(((first, second, third), raised))
        else:
            _RARE.append(_RARE[-1])
    try:
        yield
    finally:
        with _RARE_LOCK:
            before, raised = _RARE.pop()
            if not _RARE and raised is not None and gc.get_threshold() == raised:
                gc.set_threshold(*before)


#: The thresholds before the outermost :func:`rare_full_passes` block and the raised ones
#: (None: not raised), once per block entered and not yet left.
_RARE: list[tuple[tuple[int, int, int], tuple[int, int, int] | None]] = []
_RARE_LOCK = threading.Lock()


#: Non-empty while :func:`frozen_heap` holds objects frozen (then :func:`release_memory`
#: collects them too: it unfreezes, collects and freezes again).
_FROZEN: list[bool] = []
