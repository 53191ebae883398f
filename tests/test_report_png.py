"""The report's PNG writer (issue 15, branch perf17): matplotlib's pixels, a cheaper encoding.

The reference is matplotlib's own PNG of the same figure (``savefig`` at the report's DPI on
a white face), decoded by Pillow: the pixels must be equal, only the file's encoding differs
(RGB where every pixel is opaque, zlib level ``PNG_COMPRESS_LEVEL``, no text chunks).
"""

from __future__ import annotations

import struct

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from carbonpath.report.figures import PNG_COMPRESS_LEVEL, write_png
from carbonpath.report.figures_base import DPI, STYLE


def _figure(size: tuple[float, float]) -> Figure:
    fig = Figure(figsize=size, layout="constrained")
    ax = fig.add_subplot()
    ax.plot([2025, 2030, 2035], [3.0, 4.5, 2.0], label="CO₂ (Mt)")
    ax.bar([2025, 2030, 2035], [1.0, -0.5, 2.0], color="#59a14f", alpha=0.6)
    ax.set_title("Emissions − a test")
    ax.legend()
    return fig


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        out.append((data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]))
        pos += 12 + length
    return out


# the second: 499.5 x 310.5 px; the third is the bar figure's height for five bars,
# 3.0999999999999996 in: 464.99999... px by numpy, 465 px on Agg's canvas
@pytest.mark.parametrize("size", [(4.0, 2.5), (3.33, 2.07), (9.0, 1.2 + 0.38 * 5)])
def test_png_has_matplotlibs_pixels_as_rgb(tmp_path, size):
    with matplotlib.rc_context(STYLE):
        fig = _figure(size)
        fig.savefig(tmp_path / "ref.png", dpi=DPI, facecolor="white", metadata={"Software": None})
        write_png(fig, tmp_path / "ours.png")
        write_png(fig, tmp_path / "again.png")
    ref, ours = Image.open(tmp_path / "ref.png"), Image.open(tmp_path / "ours.png")
    assert ref.mode == "RGBA"
    assert ours.mode == "RGB"
    assert ours.size == ref.size  # matplotlib's own file is the oracle of the canvas size
    ref_pixels = np.asarray(ref)
    assert (ref_pixels[:, :, 3] == 255).all()  # opaque: nothing is lost without alpha
    assert np.array_equal(np.asarray(ours), ref_pixels[:, :, :3])
    assert ours.info["dpi"] == ref.info["dpi"]
    data = (tmp_path / "ours.png").read_bytes()
    assert data == (tmp_path / "again.png").read_bytes()  # the same bytes every time
    kinds = [kind for kind, _ in _chunks(data)]
    assert kinds[0] == b"IHDR"
    assert kinds[-1] == b"IEND"
    assert b"pHYs" in kinds
    assert not {b"tEXt", b"iTXt", b"zTXt", b"tIME"} & set(kinds)  # no software, no date
    first_idat = next(body for kind, body in _chunks(data) if kind == b"IDAT")
    # zlib header: FLEVEL (top two bits of the second byte) is 1 for levels 2-5, 2 for 6
    assert PNG_COMPRESS_LEVEL == 3
    assert first_idat[1] >> 6 == 1


def test_png_keeps_alpha_where_a_pixel_is_not_opaque(tmp_path):
    with matplotlib.rc_context(STYLE):
        fig = _figure((3.0, 2.0))
        fig.patch.set_alpha(0.0)  # stays transparent under savefig's white face
        fig.savefig(tmp_path / "ref.png", dpi=DPI, facecolor="white", metadata={"Software": None})
        write_png(fig, tmp_path / "ours.png")
    ref, ours = Image.open(tmp_path / "ref.png"), Image.open(tmp_path / "ours.png")
    assert ours.mode == "RGBA"
    ref_pixels = np.asarray(ref)
    assert (ref_pixels[:, :, 3] < 255).any()
    assert np.array_equal(np.asarray(ours), ref_pixels)
