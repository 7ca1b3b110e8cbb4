"""utils.diagrams.core: one way to put part of a figure in focus (``emphasis``), polylines (``path``), and the
chapter 6 and 7 cells drawn with them."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

from utils.diagrams.core import COLORS, canvas, emphasis, junction, layer_box, path  # noqa: E402
from utils.diagrams.gru import HIGHLIGHTS, draw_gru_cell, draw_gru_gates  # noqa: E402
from utils.diagrams.lstm import STEPS, draw_lstm_cell  # noqa: E402
from utils.plots import COLUMN_INCHES, use_style  # noqa: E402


def test_emphasis_modes_restyle_only_what_the_block_drew():
    ax = canvas(4, 2)
    layer_box(ax, 1, 1, "before")
    with emphasis(ax, "focus"):
        path(ax, [(0, 0), (1, 0), (1, 1)])
        layer_box(ax, 2, 1, "focus")
    with emphasis(ax, "faded"):
        layer_box(ax, 3, 1, "faded")
    first, focused, faded = [p for p in ax.patches if not isinstance(p, FancyArrowPatch)]
    assert first.get_alpha() is None and first.get_edgecolor() != to_rgba(COLORS["highlight"])
    assert focused.get_edgecolor() == to_rgba(COLORS["highlight"])
    assert faded.get_alpha() == 0.25
    assert ax.lines[0].get_color() == COLORS["highlight"]
    with pytest.raises(ValueError):
        with emphasis(ax, "bold"):
            pass
    plt.close("all")


def test_path_draws_solid_lines_whatever_the_style_cycle():
    use_style()                                   # the course style cycles line styles for plots
    ax = canvas(3, 3)
    path(ax, [(0, 0), (1, 0), (1, 1)], bridge=True)
    path(ax, [(0, 2), (2, 2)], head=False)
    junction(ax, 1, 0)
    assert all(line.get_linestyle() == "-" for line in ax.lines)
    with pytest.raises(ValueError):
        path(ax, [(0, 0)])
    plt.close("all")


def test_gru_cell_feeds_w_hn_from_the_state_and_w_in_from_the_input_only():
    ax = draw_gru_cell()
    texts = {t.get_text() for t in ax.texts}
    assert {"$W_{hn}$", "$W_{in}$", "$r_t$", "$z_t$", "$n_t$"} <= texts
    for highlight in HIGHLIGHTS:
        draw_gru_cell(highlight=highlight)
    with pytest.raises(ValueError):
        draw_gru_cell(highlight="output")
    plt.close("all")


def test_cells_fit_the_reading_column():
    use_style()
    figures = [draw_lstm_cell(highlight=step).figure for step in (None, *STEPS)]
    figures += [draw_gru_cell().figure, draw_gru_gates()]
    for figure in figures:
        assert figure.get_size_inches()[0] <= COLUMN_INCHES
    plt.close("all")
