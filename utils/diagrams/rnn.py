"""Chapter 2 figures: a recurrent network folded (one cell with a loop) and unrolled over time."""
from __future__ import annotations

import matplotlib.pyplot as plt

from ..i18n import tr
from .core import COLORS, arrow, canvas, layer_box, vector_node

CELL_W, CELL_H = 1.2, 0.7


def draw_folded_rnn(ax: plt.Axes | None = None, cell_label: str = "tanh",
                    title: str | None = None) -> plt.Axes:
    """One recurrent cell: input ``x_t`` below, state ``h_t`` above, a loop feeding ``h_{t-1}`` back in.

    ``title`` defaults to "folded" in the learner's language; ``""`` draws none.
    """
    ax = canvas(3.0, 4.4, ax)
    cx, cy = 1.2, 2.1
    vector_node(ax, cx, 0.5, "$x_t$", "input")
    layer_box(ax, cx, cy, cell_label, width=CELL_W, height=CELL_H)
    vector_node(ax, cx, 3.8, "$h_t$", "output")
    arrow(ax, (cx, 0.78), (cx, cy - CELL_H / 2))
    arrow(ax, (cx, cy + CELL_H / 2), (cx, 3.52))
    # the loop: h_t leaves the top of the cell, goes round the right side and re-enters as h_{t-1}
    right, top, out = cx + CELL_W / 2, cy + CELL_H / 2, cx + CELL_W / 2 + 0.55
    loop = [(cx + 0.3, top), (cx + 0.3, top + 0.45), (out, top + 0.45), (out, cy)]
    ax.plot([p[0] for p in loop], [p[1] for p in loop], color=COLORS["highlight"], linewidth=2.0,
            solid_joinstyle="round", zorder=2)
    arrow(ax, (out, cy), (right, cy), width=2.0, color=COLORS["highlight"])
    ax.text(out + 0.1, cy - 0.1, "$h_{t-1}$", ha="left", va="top", fontsize=10, color=COLORS["highlight"])
    title = tr("folded") if title is None else title
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def draw_unrolled_rnn(ax: plt.Axes | None = None, steps: int = 4, cell_label: str = "tanh",
                      title: str | None = None) -> plt.Axes:
    """The same cell copied once per time step, the state passed from each copy to the next.

    ``steps`` copies (1 … 8); inputs ``x_1 … x_steps`` below, states ``h_1 … h_steps`` above; ``h_0`` enters
    on the left. ``title`` defaults to "unrolled over time" in the learner's language; ``""`` draws none.
    Returns the Axes.
    """
    if not 1 <= steps <= 8:
        raise ValueError(f"draw_unrolled_rnn(): steps must be between 1 and 8, got {steps}")
    gap = 1.9
    width = 1.5 + steps * gap + 0.9
    ax = canvas(width, 4.4, ax)
    cy = 2.1
    xs = [1.6 + i * gap for i in range(steps)]
    ax.text(0.15, cy + 0.12, "$h_0$", ha="left", va="bottom", fontsize=10)
    arrow(ax, (0.15, cy), (xs[0] - CELL_W / 2, cy), width=2.6)
    for i, x in enumerate(xs):
        name = str(i + 1)
        layer_box(ax, x, cy, cell_label, width=CELL_W, height=CELL_H)
        vector_node(ax, x, 0.5, f"$x_{{{name}}}$", "input", fontsize=10)
        arrow(ax, (x, 0.78), (x, cy - CELL_H / 2))
        vector_node(ax, x, 3.8, f"$h_{{{name}}}$", "output", fontsize=10)
        arrow(ax, (x, cy + CELL_H / 2), (x, 3.52))
        end = xs[i + 1] - CELL_W / 2 if i + 1 < steps else x + CELL_W / 2 + 0.6
        arrow(ax, (x + CELL_W / 2, cy), (end, cy), width=2.6)
        if i + 1 < steps:
            ax.text((x + CELL_W / 2 + end) / 2, cy + 0.1, f"$h_{{{name}}}$", ha="center", va="bottom",
                    fontsize=10)
    ax.text(end + 0.08, cy, f"$h_{{{steps}}}$", ha="left", va="center", fontsize=10)
    title = tr("unrolled over time") if title is None else title
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def draw_rnn_folded_and_unrolled(steps: int = 4) -> plt.Figure:
    """The folded cell and its unrolled copies side by side (the same network drawn twice), 7 inches wide."""
    ratios = [3.0, 2.4 + steps * 1.9]
    fig, axes = plt.subplots(1, 2, figsize=(7.0, 2.9), gridspec_kw={"width_ratios": ratios})
    draw_folded_rnn(axes[0])
    draw_unrolled_rnn(axes[1], steps=steps)
    fig.tight_layout()
    left, right = axes[0].get_position(), axes[1].get_position()
    fig.text((left.x1 + right.x0) / 2, (left.y0 + left.y1) / 2, "=", fontsize=20, ha="center", va="center")
    return fig
