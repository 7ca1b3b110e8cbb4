"""Chapter 2 figures: a recurrent network folded (one cell with a loop) and unrolled over time.

Later chapters reuse ``draw_unrolled_rnn`` (e.g. with ``cell_label="LSTM"`` or a highlighted step).
"""
from __future__ import annotations

import matplotlib.pyplot as plt

from .core import COLORS, arrow, canvas, layer_box, vector_node

CELL_W, CELL_H = 1.2, 0.7


def draw_folded_rnn(ax: plt.Axes | None = None, cell_label: str = "tanh",
                    title: str | None = "folded") -> plt.Axes:
    """One recurrent cell: input ``x_t`` below, state ``h_t`` above, a loop feeding ``h_{t-1}`` back in."""
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
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def draw_unrolled_rnn(ax: plt.Axes | None = None, steps: int = 4, cell_label: str = "tanh",
                      show_outputs: bool = True, input_label: str = "x", state_label: str = "h",
                      last_label: str | None = None, highlight: int | None = None,
                      title: str | None = "unrolled over time") -> plt.Axes:
    """The same cell copied once per time step, the state passed from each copy to the next.

    ``steps`` copies (1 … 8); inputs ``x_1 … x_steps`` below, states ``h_1 … h_steps`` above when
    ``show_outputs``; ``h_0`` enters on the left. ``last_label`` (e.g. ``"T"``) renames the last step's index;
    ``highlight`` (1-based) draws that step's cell in the highlight colour. Returns the Axes.
    """
    if not 1 <= steps <= 8:
        raise ValueError(f"draw_unrolled_rnn(): steps must be between 1 and 8, got {steps}")
    gap = 1.9
    width = 1.5 + steps * gap + 0.9
    ax = canvas(width, 4.4, ax)
    cy = 2.1
    xs = [1.6 + i * gap for i in range(steps)]
    names = [str(i + 1) for i in range(steps)]
    if last_label is not None:
        names[-1] = last_label
    ax.text(0.15, cy + 0.12, f"${state_label}_0$", ha="left", va="bottom", fontsize=10)
    arrow(ax, (0.15, cy), (xs[0] - CELL_W / 2, cy), width=2.6)
    for i, (x, name) in enumerate(zip(xs, names, strict=True)):
        color = COLORS["highlight"] if highlight == i + 1 else None
        layer_box(ax, x, cy, cell_label, width=CELL_W, height=CELL_H, color=color)
        vector_node(ax, x, 0.5, f"${input_label}_{{{name}}}$", "input", fontsize=9)
        arrow(ax, (x, 0.78), (x, cy - CELL_H / 2))
        if show_outputs:
            vector_node(ax, x, 3.8, f"${state_label}_{{{name}}}$", "output", fontsize=9)
            arrow(ax, (x, cy + CELL_H / 2), (x, 3.52))
        end = xs[i + 1] - CELL_W / 2 if i + 1 < steps else x + CELL_W / 2 + 0.6
        arrow(ax, (x + CELL_W / 2, cy), (end, cy), width=2.6)
        if i + 1 < steps:
            ax.text((x + CELL_W / 2 + end) / 2, cy + 0.1, f"${state_label}_{{{name}}}$", ha="center",
                    va="bottom", fontsize=9)
    ax.text(end + 0.08, cy, f"${state_label}_{{{names[-1]}}}$", ha="left", va="center", fontsize=9)
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def draw_rnn_folded_and_unrolled(steps: int = 4, cell_label: str = "tanh") -> plt.Figure:
    """The folded cell and its unrolled copies side by side (the same network drawn twice)."""
    ratios = [3.0, 2.4 + steps * 1.9]
    fig, axes = plt.subplots(1, 2, figsize=(10.0, 3.4), gridspec_kw={"width_ratios": ratios})
    draw_folded_rnn(axes[0], cell_label=cell_label)
    draw_unrolled_rnn(axes[1], steps=steps, cell_label=cell_label)
    fig.tight_layout()
    left, right = axes[0].get_position(), axes[1].get_position()
    fig.text((left.x1 + right.x0) / 2, (left.y0 + left.y1) / 2, "=", fontsize=22, ha="center", va="center")
    return fig
