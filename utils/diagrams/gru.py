"""Chapter 7 figures: the GRU cell in PyTorch's form, in the same visual grammar as the other diagrams.

Yellow boxes are learned layers, pink circles pointwise operations, the thick top line is the hidden state
``h`` flowing from ``h_{t-1}`` to ``h_t`` (a GRU has no separate cell state). Lines that merge are
concatenated. ``highlight`` puts one part in focus and fades the rest:

- ``"reset"``: the reset gate r and where it acts, ``r ⊙ (W_hn h + b_hn)``;
- ``"update"``: the update gate z, which mixes the old state and the candidate, ``(1 − z) ⊙ n + z ⊙ h``;
- ``"candidate"``: the candidate state ``n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))``.
"""
from __future__ import annotations

import matplotlib.pyplot as plt

from .core import COLORS, arrow, canvas, layer_box, op_circle, vector_node

__all__ = ["draw_gru_cell", "draw_gru_gates", "HIGHLIGHTS"]

HIGHLIGHTS = (None, "reset", "update", "candidate")
_TITLE = "GRU cell (PyTorch's form)"

# which drawn parts belong to which focus
_PARTS = {
    "reset": {"r", "r_line", "mul_r", "bus"},
    "update": {"z", "z_line", "mul_old", "one_minus", "mul_new", "plus", "n_line"},
    "candidate": {"W_hn", "mul_r", "tanh", "n_line", "bus", "x_line"},
}


def _style(part: str, highlight: str | None) -> tuple[str | None, str | None, str | None]:
    """(layer colour, op colour, line colour) of one part under ``highlight``."""
    if highlight is None:
        return None, None, None
    if part in _PARTS[highlight]:
        return None, None, COLORS["highlight"]
    return COLORS["faded"], COLORS["faded"], COLORS["faded"]


def _path(ax: plt.Axes, points: list[tuple[float, float]], color: str | None, width: float = 1.3) -> None:
    """A polyline whose last segment ends in an arrow head."""
    xs, ys = zip(*points[:-1], strict=True)
    if len(points) > 2:
        ax.plot(xs, ys, color=color or COLORS["state"], linewidth=width, solid_joinstyle="round", zorder=2)
    arrow(ax, points[-2], points[-1], color=color, width=width)


def draw_gru_cell(ax: plt.Axes | None = None, highlight: str | None = None,
                  title: str | None = _TITLE) -> plt.Axes:
    """One GRU step: ``x_t`` and ``h_{t-1}`` in, ``h_t`` out; ``highlight`` in ``HIGHLIGHTS``."""
    if highlight not in HIGHLIGHTS:
        raise ValueError(f"draw_gru_cell(): highlight must be one of {HIGHLIGHTS}, got {highlight!r}")
    ax = canvas(9.0, 5.6, ax, scale=0.8)
    top, bus, gate_y, cand_y = 4.4, 1.1, 2.0, 2.9
    st = {p: _style(p, highlight) for p in
          ("r", "z", "W_hn", "mul_r", "tanh", "one_minus", "mul_new", "mul_old", "plus", "bus", "x_line",
           "r_line", "z_line", "n_line")}
    # the hidden state: h_{t-1} enters on the left, h_t leaves on the right (thick top line)
    ax.text(0.15, top + 0.15, "$h_{t-1}$", ha="left", va="bottom", fontsize=11)
    arrow(ax, (0.15, top), (2.88, top), width=2.6)
    arrow(ax, (3.32, top), (6.58, top), width=2.6, color=st["mul_old"][2])
    arrow(ax, (7.02, top), (8.85, top), width=2.6)
    ax.text(8.85, top + 0.15, "$h_t$", ha="right", va="bottom", fontsize=11)
    vector_node(ax, 7.9, 5.25, "$h_t$", "output", radius=0.26, fontsize=9)
    arrow(ax, (7.9, top), (7.9, 4.99))
    # h_{t-1} drops to the bus where x_t joins it (merging lines = concatenation)
    bus_color = st["bus"][2]
    ax.plot([0.6, 0.6, 5.9], [top, bus, bus], color=bus_color or COLORS["state"], linewidth=1.3, zorder=2)
    vector_node(ax, 1.2, 0.35, "$x_t$", "input", radius=0.26, fontsize=9)
    arrow(ax, (1.2, 0.61), (1.2, bus), color=st["x_line"][2])
    # the two gates and the hidden part of the candidate, all fed from the bus
    boxes = (("r", 1.9, "σ", "$r_t$"), ("z", 3.1, "σ", "$z_t$"), ("W_hn", 4.4, "$W_{hn}$", ""))
    for name, x, text, label in boxes:
        layer_color, _, line_color = st[name]
        arrow(ax, (x, bus), (x, gate_y - 0.3), color=line_color if name != "r" else bus_color)
        layer_box(ax, x, gate_y, text, width=0.9, height=0.6, color=layer_color)
        if label:
            ax.text(x + 0.5, gate_y + 0.35, label, fontsize=10, ha="left", va="bottom")
    # reset: r multiplies the hidden part of the candidate, AFTER the matrix product
    _path(ax, [(1.9, gate_y + 0.3), (1.9, cand_y), (4.18, cand_y)], st["r_line"][2])
    arrow(ax, (4.4, gate_y + 0.3), (4.4, cand_y - 0.22), color=st["W_hn"][2])
    op_circle(ax, 4.4, cand_y, "×", color=st["mul_r"][1])
    # candidate n = tanh(W_in x + b_in + r ⊙ (...)): x reaches it from the end of the bus
    arrow(ax, (4.62, cand_y), (5.45, cand_y), color=st["mul_r"][2])
    _path(ax, [(5.9, bus), (5.9, cand_y - 0.3)], st["x_line"][2])
    layer_box(ax, 5.9, cand_y, "tanh", width=0.9, height=0.6, color=st["tanh"][0])
    ax.text(6.4, cand_y - 0.35, "$n_t$", fontsize=10, ha="left", va="top")
    # update: z keeps the old state (z ⊙ h) and lets in the candidate ((1 − z) ⊙ n)
    z_color = st["z_line"][2]
    arrow(ax, (3.1, gate_y + 0.3), (3.1, top - 0.22), color=z_color)
    op_circle(ax, 3.1, top, "×", color=st["mul_old"][1])
    _path(ax, [(3.1, 3.55), (4.9, 3.55), (5.08, 3.55)], z_color)
    op_circle(ax, 5.3, 3.55, "1−", color=st["one_minus"][1])
    arrow(ax, (5.52, 3.55), (6.58, 3.55), color=z_color)
    _path(ax, [(6.35, cand_y), (6.8, cand_y), (6.8, 3.33)], st["n_line"][2])
    op_circle(ax, 6.8, 3.55, "×", color=st["mul_new"][1])
    arrow(ax, (6.8, 3.77), (6.8, top - 0.22), color=st["n_line"][2])
    op_circle(ax, 6.8, top, "+", color=st["plus"][1])
    if title:
        suffix = f": {highlight}" if highlight and title == _TITLE else ""
        ax.set_title(title + suffix, fontsize=10)
    return ax


def draw_gru_gates() -> plt.Figure:
    """Three panels: the reset gate, the update gate and the candidate, each highlighted in turn."""
    fig, axes = plt.subplots(1, 3, figsize=(13.5, 3.2))
    for ax, part in zip(axes, ("reset", "update", "candidate"), strict=True):
        draw_gru_cell(ax, highlight=part, title={"reset": "reset gate r", "update": "update gate z",
                                                 "candidate": "candidate n"}[part])
    fig.tight_layout()
    return fig
