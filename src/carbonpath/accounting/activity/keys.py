"""Integer keys over code columns: duplicates, first rows and groups, vectorised."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

# ---------------------------------------------------------------------------------------
# helpers: integer keys over several code columns

#: A key space at most this many times the row count is counted with ``np.bincount``
#: (one pass, no hashing); a sparser one is hashed by pandas.
_DENSE = 4


def _combine(parts: Sequence[np.ndarray]) -> tuple[np.ndarray, int]:
    """Combine code columns into one int64 key per row (mixed radix), and its key space.

    Parameters
    ----------
    parts : sequence of numpy.ndarray
        Non-negative integer codes, each of shape (n,). Each radix is the largest code
        present + 1, so that a dense grid of rows (every region x year x sector x fuel)
        gives a key space close to n.

    Returns
    -------
    key : numpy.ndarray of int64, shape (n,)
        Equal keys iff equal codes in every part.
    size : int
        ``0 <= key < size``.
    """
    n = len(parts[0]) if len(parts) else 0
    key = np.zeros(n, dtype=np.int64)
    size = 1
    for codes in parts:
        radix = int(codes.max()) + 1 if n else 1
        if radix == 1:  # a constant column adds nothing
            continue
        if size == 1:  # the key so far is constant: start from this column
            key = codes.astype(np.int64)
        else:
            if size * radix >= 2**62:  # renumber the key so far rather than overflow
                codes_so_far, uniq = pd.factorize(key)
                key, size = codes_so_far.astype(np.int64), len(uniq)
            key *= radix
            key += codes
        size *= radix
    return key, size


def _duplicated(key: np.ndarray, size: int) -> np.ndarray:
    """Boolean mask, shape (n,), of the rows whose key occurs more than once."""
    n = len(key)
    if size <= _DENSE * n + 1024:
        counts = np.bincount(key, minlength=size)
        if n == 0 or counts.max() <= 1:
            return np.zeros(n, dtype=bool)
        return counts[key] > 1
    return pd.Series(key).duplicated(keep=False).to_numpy()


def _first_index(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of a small-range int array and the first row of each (no sort)."""
    n = len(codes)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    first = np.full(int(codes.max()) + 1, n, dtype=np.int64)
    np.minimum.at(first, codes, np.arange(n, dtype=np.int64))
    uniq = np.flatnonzero(first < n)
    return uniq, first[uniq]


def _groups(key: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Number the distinct keys in order of first appearance.

    Returns
    -------
    inverse : numpy.ndarray of int64, shape (n,)
        Group number of each row, 0 .. k-1.
    first : numpy.ndarray of int64, shape (k,)
        The first row of each group.
    """
    if size <= _DENSE * len(key) + 1024:
        uniq, first = _first_index(key)
        order = np.argsort(first, kind="stable")
        lut = np.zeros(max(size, 1), dtype=np.int64)
        lut[uniq[order]] = np.arange(len(uniq))
        return lut[key], first[order]
    inverse, _ = pd.factorize(key)
    inverse = inverse.astype(np.int64, copy=False)
    first = pd.Series(inverse).drop_duplicates().index.to_numpy()
    return inverse, first
