"""Chapter 1 figures: a memoryless network, and a sequence squeezed into one fixed-size input."""
from __future__ import annotations

import matplotlib.pyplot as plt

from ..i18n import tr
from .core import arrow, canvas, layer_box, vector_node


def draw_one_to_one(ax: plt.Axes | None = None, label: str | None = None) -> plt.Axes:
    """One input vector → a network → one output. Nothing is carried to the next input.

    ``label`` (the network's box) defaults to "dense or conv net" in the learner's language."""
    ax = canvas(3.0, 4.2, ax)
    label = tr("dense or\nconv net") if label is None else label
    vector_node(ax, 1.5, 0.5, "$x$", "input")
    layer_box(ax, 1.5, 2.1, label, width=1.8, height=0.9)
    vector_node(ax, 1.5, 3.7, "$\\hat y$", "output")
    arrow(ax, (1.5, 0.8), (1.5, 1.63))
    arrow(ax, (1.5, 2.57), (1.5, 3.4))
    ax.set_title(tr("one input → one output"), fontsize=10)
    return ax


def draw_window_squeeze(ax: plt.Axes | None = None, steps: int = 5, label: str | None = None) -> plt.Axes:
    """A sequence of ``steps`` vectors concatenated into one long input vector for a memoryless net.

    ``label`` (the network's box) defaults to "dense net" in the learner's language."""
    label = tr("dense net") if label is None else label
    width = 1.0 + steps * 0.8
    ax = canvas(width, 4.2, ax)
    xs = [0.9 + i * 0.8 for i in range(steps)]
    centre = sum(xs) / len(xs)
    for i, x in enumerate(xs):
        vector_node(ax, x, 0.5, f"$x_{i + 1}$", "input", radius=0.26, fontsize=9)
        arrow(ax, (x, 0.78), (centre + (x - centre) * 0.35, 1.63), width=1.0)
    ax.text(xs[-1] + 0.4, 0.5, "…", va="center", fontsize=12)
    layer_box(ax, centre, 2.1, tr("{label}\n(fixed window)", label=label), width=min(3.2, width - 0.6), height=0.9)
    vector_node(ax, centre, 3.7, "$\\hat y$", "output")
    arrow(ax, (centre, 2.57), (centre, 3.4))
    ax.set_title(tr("a window of {steps} steps squeezed into one input", steps=steps), fontsize=10)
    return ax


def draw_memoryless_pair() -> plt.Figure:
    """Both chapter-1 pictures side by side, 7 inches wide (the reading column)."""
    fig, axes = plt.subplots(1, 2, figsize=(7.0, 3.1), gridspec_kw={"width_ratios": [3.0, 5.0]})
    draw_one_to_one(axes[0])
    draw_window_squeeze(axes[1])
    fig.tight_layout()
    return fig
