"""Chapter 3 figure: the four ways to wire a recurrent network to inputs and outputs.

The four wirings are one-to-one, one-to-many, many-to-one and many-to-many; many-to-many comes in two forms,
*aligned* (one output per input step) and *encoder–decoder* (an output sequence of its own length), so the
figure has five panels, like Karpathy's picture. Each panel shows time running left to right: inputs (green)
below, the recurrent layer (yellow boxes, the same weights at every step) in the middle with its state
passed along the arrows, outputs (blue) above. A step without an input or an output has no circle there.
The panels are laid out in two rows, so that the figure fits the 7-inch reading column with 9-point text.
"""
from __future__ import annotations

import matplotlib.pyplot as plt

from ..i18n import tr
from .core import COLORS, arrow, canvas, layer_box, vector_node

STEP = 1.15          # horizontal distance between time steps
Y_IN, Y_BOX, Y_OUT = 0.5, 2.0, 3.5
HEIGHT = 5.0
FONT = 9             # points: labels and titles at least 9 pt at the column's width

WIRINGS: dict[str, dict] = {
    "one-to-one": dict(inputs=[0], outputs=[0], steps=1),
    "one-to-many": dict(inputs=[0], outputs=[0, 1, 2, 3], steps=4),
    "many-to-one": dict(inputs=[0, 1, 2, 3], outputs=[3], steps=4),
    "many-to-many (aligned)": dict(inputs=[0, 1, 2, 3], outputs=[0, 1, 2, 3], steps=4),
    "many-to-many (encoder–decoder)": dict(inputs=[0, 1, 2], outputs=[3, 4, 5], steps=6, encoder_steps=3),
}
"""Which time steps of each wiring take an input and give an output (0-based); :func:`titles` has the
panel titles."""


def titles() -> dict[str, str]:
    """The panel title of each wiring (a key of :data:`WIRINGS`), in the learner's language."""
    return {
        "one-to-one": tr("one-to-one\ndigit → class"),
        "one-to-many": tr("one-to-many\nimage → word"),
        "many-to-one": tr("many-to-one\nsentence → sentiment"),
        "many-to-many (aligned)": tr("many-to-many, aligned\ntext → next character"),
        "many-to-many (encoder–decoder)": tr("many-to-many, encoder–decoder\ndigits → words"),
    }


ROWS = [["one-to-one", "one-to-many", "many-to-one"],
        ["many-to-many (aligned)", "many-to-many (encoder–decoder)"]]
"""The panels of each row of :func:`draw_wirings`."""


def panel_width(name: str) -> float:
    """Width in data units of the panel for wiring ``name`` (a key of :data:`WIRINGS`)."""
    return 0.4 + WIRINGS[name]["steps"] * STEP


def draw_wiring(name: str, ax: plt.Axes | None = None, box_label: str = "RNN") -> plt.Axes:
    """Draw one wiring (a key of :data:`WIRINGS`) unrolled in time on ``ax``; return the Axes."""
    spec = WIRINGS[name]
    steps = spec["steps"]
    encoder_steps = spec.get("encoder_steps", steps)
    ax = canvas(panel_width(name), HEIGHT, ax)
    xs = [0.2 + STEP * (t + 0.5) for t in range(steps)]
    for t, x in enumerate(xs):
        decoder = t >= encoder_steps
        label = (tr("dec") if decoder else tr("enc")) if "encoder_steps" in spec else box_label
        if steps == 1:
            label = tr("net")
        layer_box(ax, x, Y_BOX, label, width=0.86, height=0.6, fontsize=FONT)
        if t > 0:  # the state handed to the next step
            handoff = t == encoder_steps
            arrow(ax, (xs[t - 1] + 0.43, Y_BOX), (x - 0.43, Y_BOX), width=2.4 if handoff else 1.8,
                  color=COLORS["highlight"] if handoff else None)
        if t in spec["inputs"]:
            vector_node(ax, x, Y_IN, f"$x_{{{t + 1}}}$" if len(spec["inputs"]) > 1 else "$x$", "input",
                        radius=0.3, fontsize=FONT)
            arrow(ax, (x, Y_IN + 0.3), (x, Y_BOX - 0.3))
        if t in spec["outputs"]:
            k = spec["outputs"].index(t) + 1
            out_label = f"$\\hat y_{{{k}}}$" if len(spec["outputs"]) > 1 else "$\\hat y$"
            vector_node(ax, x, Y_OUT, out_label, "output", radius=0.3, fontsize=FONT)
            arrow(ax, (x, Y_BOX + 0.3), (x, Y_OUT - 0.3))
    ax.text(panel_width(name) / 2, HEIGHT - 0.05, titles()[name], ha="center", va="top", fontsize=FONT)
    return ax


def draw_wirings() -> plt.Figure:
    """The five pictures in two rows (one-to-one, one-to-many, many-to-one; then the two many-to-many),
    7 inches wide."""
    fig = plt.figure(figsize=(7.0, 5.6))
    rows = fig.add_gridspec(len(ROWS), 1, hspace=0.08)
    for row, names in zip(rows, ROWS, strict=True):
        cells = row.subgridspec(1, len(names), width_ratios=[panel_width(n) for n in names], wspace=0.05)
        for cell, name in zip(cells, names, strict=True):
            draw_wiring(name, fig.add_subplot(cell))
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01)
    return fig
