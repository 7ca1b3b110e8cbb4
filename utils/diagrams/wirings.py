"""Chapter 3 figures: the four ways to wire a recurrent network to inputs and outputs.

Each panel shows time running left to right: inputs (green) below, the recurrent layer (yellow boxes, the
same weights at every step) in the middle with its state passed along the thick arrows, outputs (blue)
above. A step without an input or an output simply has no circle there.
"""
from __future__ import annotations

import matplotlib.pyplot as plt

from .core import COLORS, arrow, canvas, layer_box, vector_node

STEP = 1.15          # horizontal distance between time steps
Y_IN, Y_BOX, Y_OUT = 0.5, 2.0, 3.5
HEIGHT = 5.0

WIRINGS: dict[str, dict] = {
    "one-to-one": dict(inputs=[0], outputs=[0], steps=1, title="one-to-one\ndigit → class"),
    "one-to-many": dict(inputs=[0], outputs=[0, 1, 2, 3], steps=4, title="one-to-many\nimage → word"),
    "many-to-one": dict(inputs=[0, 1, 2, 3], outputs=[3], steps=4, title="many-to-one\nsentence → sentiment"),
    "many-to-many (aligned)": dict(inputs=[0, 1, 2, 3], outputs=[0, 1, 2, 3], steps=4,
                                   title="many-to-many, aligned\ntext → next character"),
    "many-to-many (encoder–decoder)": dict(inputs=[0, 1, 2], outputs=[3, 4, 5], steps=6, encoder_steps=3,
                                           title="many-to-many, encoder–decoder\ndigits → words"),
}
"""Which time steps of each wiring take an input and give an output (0-based), and its panel title."""


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
        label = ("dec" if decoder else "enc") if "encoder_steps" in spec else box_label
        if steps == 1:
            label = "net"
        layer_box(ax, x, Y_BOX, label, width=0.8, height=0.6, fontsize=8)
        if t > 0:  # the state handed to the next step
            handoff = t == encoder_steps
            arrow(ax, (xs[t - 1] + 0.4, Y_BOX), (x - 0.4, Y_BOX), width=2.4 if handoff else 1.8,
                  color=COLORS["highlight"] if handoff else None)
        if t in spec["inputs"]:
            vector_node(ax, x, Y_IN, f"$x_{{{t + 1}}}$" if len(spec["inputs"]) > 1 else "$x$", "input",
                        radius=0.27, fontsize=8)
            arrow(ax, (x, Y_IN + 0.27), (x, Y_BOX - 0.3))
        if t in spec["outputs"]:
            k = spec["outputs"].index(t) + 1
            out_label = f"$\\hat y_{{{k}}}$" if len(spec["outputs"]) > 1 else "$\\hat y$"
            vector_node(ax, x, Y_OUT, out_label, "output", radius=0.27, fontsize=8)
            arrow(ax, (x, Y_BOX + 0.3), (x, Y_OUT - 0.27))
    ax.text(panel_width(name) / 2, HEIGHT - 0.05, spec["title"], ha="center", va="top", fontsize=9)
    return ax


def draw_wirings() -> plt.Figure:
    """All five pictures side by side: one-to-one, one-to-many, many-to-one, and the two many-to-many."""
    names = list(WIRINGS)
    widths = [panel_width(n) for n in names]
    fig, axes = plt.subplots(1, len(names), figsize=(sum(widths) * 0.6, HEIGHT * 0.6),
                             gridspec_kw={"width_ratios": widths})
    for ax, name in zip(axes, names, strict=True):
        draw_wiring(name, ax)
    fig.tight_layout(w_pad=0.2)
    return fig
