"""One plotting style for the whole course: learning curves, sequences, heatmaps.

Every function draws on a matplotlib ``Axes`` (made for you when ``ax`` is None) and returns it, so a
notebook cell can combine several panels. End a plotting cell with ``plt.show()`` (not with a bare
``ax.plot(...)``, whose printed return value carries a memory address).

Figures are drawn for the book's reading column: at most ``COLUMN_INCHES`` wide (1 inch = 100 CSS pixels),
rendered at twice that resolution for sharp screens. Series are told apart by colour (the Okabe–Ito palette,
safe for colour-blind readers) *and* by line style, so they survive greyscale printing too.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from .i18n import tr

# Okabe & Ito (2008): blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 2)), (0, (1, 1)), (0, (3, 3))]
COLUMN_INCHES = 7.0
"""The widest a figure should be: the reading column is about 700 CSS pixels on a laptop."""
STYLE = {
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "axes.prop_cycle": mpl.cycler(color=PALETTE) + mpl.cycler(linestyle=LINESTYLES),
    "image.cmap": "cividis",
    "svg.hashsalt": "networks-with-memory",
}


def use_style() -> None:
    """Apply the course style and 2× PNG output for inline figures (SVG carries timestamps)."""
    plt.rcParams.update(STYLE)
    try:  # inside Jupyter: PNG at twice the resolution, shown at its CSS size (sharp on retina screens)
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("retina")
    except ImportError:  # pragma: no cover - plain Python
        pass


def _axes(ax: plt.Axes | None, figsize: tuple[float, float] | None = None) -> plt.Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_curves(curves: Mapping[str, Sequence[float]], ax: plt.Axes | None = None, title: str = "",
                xlabel: str | None = None, ylabel: str | None = None, logy: bool = False,
                x: Sequence[float] | None = None, markers: bool = False) -> plt.Axes:
    """Plot named curves against ``x`` (default 1, 2, ... — epochs). ``curves`` maps a label to values.

    The axis labels default to "epoch" and "loss" in the learner's language; ``""`` leaves an axis unlabelled.
    """
    ax = _axes(ax)
    xlabel = tr("epoch") if xlabel is None else xlabel
    ylabel = tr("loss") if ylabel is None else ylabel
    for label, values in curves.items():
        values = np.asarray(values, dtype=float)
        xs = np.arange(1, len(values) + 1) if x is None else np.asarray(x)
        ax.plot(xs, values, label=label, marker="o" if markers else None, markersize=3)
    if logy:
        ax.set_yscale("log")
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if len(curves) > 1:
        ax.legend()
    return ax


def plot_sequences(series: Mapping[str, Sequence[float]], ax: plt.Axes | None = None, title: str = "",
                   xlabel: str | None = None, ylabel: str | None = None, x: Sequence | None = None,
                   styles: Mapping[str, str] | None = None) -> plt.Axes:
    """Plot named 1-D sequences over time; ``styles`` may give a line style per label (e.g. ``"--"``, ``"."``).

    The axis labels default to "time step" and "value" in the learner's language; ``""`` leaves an axis
    unlabelled.
    """
    ax = _axes(ax, (COLUMN_INCHES, 3.2))
    xlabel = tr("time step") if xlabel is None else xlabel
    ylabel = tr("value") if ylabel is None else ylabel
    styles = styles or {}
    for label, values in series.items():
        values = np.asarray(values, dtype=float)
        xs = np.arange(len(values)) if x is None else x
        if label in styles:
            ax.plot(xs, values, styles[label], label=label, linewidth=1.2, markersize=3)
        else:
            ax.plot(xs, values, label=label, linewidth=1.2, markersize=3)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if len(series) > 1:
        ax.legend()
    return ax


def plot_heatmap(matrix: np.ndarray, ax: plt.Axes | None = None, title: str = "", xlabel: str = "",
                 ylabel: str = "", cmap: str = "RdBu_r", symmetric: bool = True, colorbar: bool = True,
                 xticklabels: Sequence[str] | None = None, yticklabels: Sequence[str] | None = None) -> plt.Axes:
    """Show a 2-D array (rows, columns) as colours; ``symmetric`` centres the colour scale on zero."""
    matrix = np.asarray(matrix, dtype=float)
    if matrix.ndim != 2:
        raise ValueError(f"plot_heatmap() needs a 2-D array, got shape {matrix.shape}")
    ax = _axes(ax)
    limit = np.nanmax(np.abs(matrix)) if symmetric else None
    image = ax.imshow(matrix, aspect="auto", cmap=cmap, interpolation="nearest",
                      vmin=-limit if symmetric else None, vmax=limit if symmetric else None)
    ax.grid(False)
    if xticklabels is not None:
        ax.set_xticks(range(len(xticklabels)), xticklabels, rotation=90 if len(xticklabels) > 12 else 0)
    if yticklabels is not None:
        ax.set_yticks(range(len(yticklabels)), yticklabels)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    return ax
