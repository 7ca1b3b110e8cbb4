"""Chapter 4 figure: the unrolled RNN as a computational graph, with the backward flow of gradients.

Forward (grey): each input ``x_t`` and the previous state ``h_{t-1}`` enter the cell, which emits ``h_t``;
``h_t`` feeds the loss term ``L_t`` above it and the next cell to its right. Backward (orange): the
gradient ``∂L/∂h_t`` collects one arrow from ``L_t`` above and one from the next state ``h_{t+1}``
(through the Jacobian ``diag(1 - h²) W_hh``), and flows on to the left, back to ``h_0``.
"""
from __future__ import annotations

import matplotlib.pyplot as plt

from ..i18n import tr
from .core import COLORS, arrow, canvas, layer_box, vector_node


def draw_bptt_graph(steps: int = 4, ax: plt.Axes | None = None) -> plt.Axes:
    """The RNN unrolled over ``steps`` steps; forward arrows in grey, gradient arrows in orange. With four
    steps the figure is 7 inches wide (the reading column), its text at least 9 points."""
    gap = 2.2
    width = 1.6 + gap * steps + 0.4
    ax = canvas(width, 5.0, ax, scale=min(0.85, 7.0 / width))
    back = COLORS["highlight"]
    xs = [1.6 + gap * (t + 0.5) for t in range(steps)]
    y_cell, y_loss, y_in = 2.4, 4.2, 0.6
    vector_node(ax, 0.55, y_cell, "$h_0$", "output", radius=0.32, fontsize=9)
    for t, x in enumerate(xs, start=1):
        name = "T" if t == steps and steps > 3 else str(t)
        layer_box(ax, x, y_cell, f"$h_{{{name}}}$\ntanh", width=1.0, height=0.8, fontsize=9)
        vector_node(ax, x, y_in, f"$x_{{{name}}}$", "input", fontsize=9)
        vector_node(ax, x, y_loss, f"$L_{{{name}}}$", "output", fontsize=9)
        arrow(ax, (x, y_in + 0.28), (x, y_cell - 0.42))                        # x_t -> cell
        arrow(ax, (x - 0.15, y_cell + 0.42), (x - 0.15, y_loss - 0.3))         # cell -> loss
        arrow(ax, (x + 0.15, y_loss - 0.3), (x + 0.15, y_cell + 0.42), color=back)  # dL_t/dh_t
        left = xs[t - 2] + 0.5 if t > 1 else 0.87
        arrow(ax, (left, y_cell + 0.12), (x - 0.5, y_cell + 0.12), width=2.0)  # h_{t-1} -> cell
        arrow(ax, (x - 0.5, y_cell - 0.18), (left, y_cell - 0.18), color=back, width=2.0)  # gradient back
    mid = (xs[0] + xs[1]) / 2 if steps > 1 else xs[0] - 1.0
    ax.text(mid, y_cell - 0.5, "diag$(1-h^2)\\,W_{hh}$", ha="center", va="top", fontsize=9, color=back)
    ax.text(0.1, 4.75, tr("grey: forward"), fontsize=9, color=COLORS["state"], va="top")
    ax.text(0.1, 4.4, tr("orange: {gradient}", gradient="∂L/∂h"), fontsize=9, color=back, va="top")
    ax.text(width / 2, 0.05, tr("the same {weights} in every box: their gradients add up over the steps",
                                weights="$W_{xh}, W_{hh}, b_h$"), ha="center", va="bottom", fontsize=9)
    ax.set_title(tr("BPTT: gradients flow back through the states"), fontsize=10)
    return ax
