"""Drawing primitives shared by every diagram. Coordinates are in data units of an equal-aspect Axes."""
from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

COLORS = {
    "layer": "#f6d55c",      # learned layer (yellow box)
    "layer_edge": "#a88a16",
    "op": "#f4a6c1",         # pointwise operation (pink circle)
    "op_edge": "#b0476f",
    "input": "#9ed99b",      # input vector
    "output": "#9cc3ea",     # output vector
    "state": "#4a4a4a",      # state line / arrows
    "faded": "#cfcfcf",      # parts not in focus
    "highlight": "#d9622b",  # the part a figure is about
}


def canvas(width: float, height: float, ax: plt.Axes | None = None, scale: float = 0.9) -> plt.Axes:
    """An Axes with equal aspect, no frame, and limits ``[0, width] x [0, height]``."""
    if ax is None:
        _, ax = plt.subplots(figsize=(width * scale, height * scale))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def layer_box(ax: plt.Axes, x: float, y: float, text: str, width: float = 1.2, height: float = 0.6,
              color: str | None = None, fontsize: int = 10) -> tuple[float, float, float, float]:
    """A learned layer centred at (x, y). Returns its (left, bottom, right, top)."""
    box = FancyBboxPatch((x - width / 2, y - height / 2), width, height, boxstyle="round,pad=0.02,rounding_size=0.12",
                         facecolor=color or COLORS["layer"], edgecolor=COLORS["layer_edge"], linewidth=1.2, zorder=3)
    ax.add_patch(box)
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, zorder=4)
    return x - width / 2, y - height / 2, x + width / 2, y + height / 2


def op_circle(ax: plt.Axes, x: float, y: float, text: str, radius: float = 0.22, color: str | None = None,
              fontsize: int = 10) -> None:
    """A pointwise operation (e.g. ``"×"``, ``"+"``, ``"tanh"``) centred at (x, y)."""
    ax.add_patch(Circle((x, y), radius, facecolor=color or COLORS["op"], edgecolor=COLORS["op_edge"],
                        linewidth=1.2, zorder=3))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize if len(text) < 3 else fontsize - 3, zorder=4)


def vector_node(ax: plt.Axes, x: float, y: float, text: str, kind: str = "input", radius: float = 0.28,
                fontsize: int = 10) -> None:
    """An input (green) or output (blue) vector drawn as a circle with a label, centred at (x, y)."""
    ax.add_patch(Circle((x, y), radius, facecolor=COLORS[kind], edgecolor="#555555", linewidth=1.0, zorder=3))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, zorder=4)


def arrow(ax: plt.Axes, start: tuple[float, float], end: tuple[float, float], color: str | None = None,
          width: float = 1.3, style: str = "-|>", connection: str = "arc3", shrink: float = 0.0) -> None:
    """An arrow from ``start`` to ``end`` (a vector flowing between parts)."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=11, color=color or COLORS["state"],
                                 linewidth=width, connectionstyle=connection, shrinkA=shrink, shrinkB=shrink,
                                 zorder=2))


def state_line(ax: plt.Axes, x0: float, x1: float, y: float, label: str = "", color: str | None = None) -> None:
    """A thick horizontal line carrying a state from left to right, with an optional label above its start."""
    arrow(ax, (x0, y), (x1, y), color=color or COLORS["state"], width=2.6)
    if label:
        ax.text(x0, y + 0.15, label, ha="left", va="bottom", fontsize=10)
