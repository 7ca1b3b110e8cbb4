"""Drawing primitives shared by every diagram. Coordinates are in data units of an equal-aspect Axes.

Parts: ``layer_box`` (a learned layer), ``op_circle`` (a pointwise operation), ``vector_node`` (an input or
output vector), ``arrow`` and ``path`` (a vector flowing between parts; ``path`` bends through corners),
``state_line`` (a state carried through time) and ``junction`` (a dot where a line splits).

One way to put part of a figure in focus: draw it inside ``with emphasis(ax, "focus"):`` (drawn in the
highlight colour) or ``with emphasis(ax, "faded"):`` (drawn pale); ``"normal"`` leaves it as drawn.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib.patheffects as path_effects
import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

__all__ = ["COLORS", "EMPHASES", "arrow", "canvas", "emphasis", "junction", "layer_box", "op_circle",
           "path", "state_line", "vector_node"]

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
EMPHASES = ("normal", "focus", "faded")


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
    box = FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                         boxstyle="round,pad=0.02,rounding_size=0.12", facecolor=color or COLORS["layer"],
                         edgecolor=COLORS["layer_edge"], linewidth=1.2, zorder=3)
    ax.add_patch(box)
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, zorder=4)
    return x - width / 2, y - height / 2, x + width / 2, y + height / 2


def op_circle(ax: plt.Axes, x: float, y: float, text: str, radius: float = 0.22, color: str | None = None,
              fontsize: int = 10) -> None:
    """A pointwise operation (e.g. ``"×"``, ``"+"``, ``"tanh"``) centred at (x, y)."""
    ax.add_patch(Circle((x, y), radius, facecolor=color or COLORS["op"], edgecolor=COLORS["op_edge"],
                        linewidth=1.2, zorder=3))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize if len(text) < 3 else fontsize - 3,
            zorder=4)


def vector_node(ax: plt.Axes, x: float, y: float, text: str, kind: str = "input", radius: float = 0.28,
                fontsize: int = 10) -> None:
    """An input (green) or output (blue) vector drawn as a circle with a label, centred at (x, y)."""
    ax.add_patch(Circle((x, y), radius, facecolor=COLORS[kind], edgecolor="#555555", linewidth=1.0,
                        zorder=3))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, zorder=4)


def arrow(ax: plt.Axes, start: tuple[float, float], end: tuple[float, float], color: str | None = None,
          width: float = 1.3, style: str = "-|>", connection: str = "arc3", shrink: float = 0.0) -> None:
    """An arrow from ``start`` to ``end`` (a vector flowing between parts)."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=11,
                                 color=color or COLORS["state"], linewidth=width,
                                 connectionstyle=connection, shrinkA=shrink, shrinkB=shrink, zorder=2))


def path(ax: plt.Axes, points: Sequence[tuple[float, float]], color: str | None = None, width: float = 1.3,
         head: bool = True, bridge: bool = False) -> None:
    """A line through ``points`` (straight segments, round corners), with an arrow head at the end if
    ``head``. ``bridge=True`` draws it over a white gap, for a line that crosses another without
    joining it."""
    if len(points) < 2:
        raise ValueError(f"path(): needs at least two points, got {len(points)}")
    effects = [path_effects.Stroke(linewidth=width + 5, foreground="white"), path_effects.Normal()]
    zorder = 2.5 if bridge else 2
    body = points if not head else points[:-1]
    if len(body) >= 2:
        xs, ys = zip(*body, strict=True)
        ax.plot(xs, ys, color=color or COLORS["state"], linewidth=width, linestyle="-",
                solid_joinstyle="round", solid_capstyle="butt", zorder=zorder,
                path_effects=effects if bridge else None)
    if head:
        patch = FancyArrowPatch(points[-2], points[-1], arrowstyle="-|>", mutation_scale=11,
                                color=color or COLORS["state"], linewidth=width, zorder=zorder)
        if bridge:
            patch.set_path_effects(effects)
        ax.add_patch(patch)


def junction(ax: plt.Axes, x: float, y: float, color: str | None = None, size: float = 0.07) -> None:
    """A dot where a line splits into two that carry the same vector."""
    ax.add_patch(Circle((x, y), size, facecolor=color or COLORS["state"], edgecolor="none", zorder=2.6))


def state_line(ax: plt.Axes, x0: float, x1: float, y: float, label: str = "", color: str | None = None) -> None:
    """A thick horizontal line carrying a state from left to right, with an optional label above its start."""
    arrow(ax, (x0, y), (x1, y), color=color or COLORS["state"], width=2.6)
    if label:
        ax.text(x0, y + 0.15, label, ha="left", va="bottom", fontsize=10)


@contextmanager
def emphasis(ax: plt.Axes, mode: str = "normal") -> Iterator[None]:
    """Draw the parts created inside the block as they are (``"normal"``), in the highlight colour
    (``"focus"``: lines and arrows coloured, boxes and circles outlined thickly), or pale (``"faded"``)."""
    if mode not in EMPHASES:
        raise ValueError(f"emphasis(): mode must be one of {EMPHASES}, got {mode!r}")
    n_patches, n_lines, n_texts = len(ax.patches), len(ax.lines), len(ax.texts)
    yield
    patches, lines, texts = ax.patches[n_patches:], ax.lines[n_lines:], ax.texts[n_texts:]
    if mode == "faded":
        for artist in [*patches, *lines]:
            artist.set_alpha(0.25)
        for text in texts:
            text.set_alpha(0.3)
    elif mode == "focus":
        for line in lines:
            line.set_color(COLORS["highlight"])
        for patch in patches:
            if isinstance(patch, FancyArrowPatch) or patch.get_facecolor()[3] == 0:
                patch.set_color(COLORS["highlight"])
            elif patch.get_edgecolor()[3] == 0:  # a junction dot
                patch.set_facecolor(COLORS["highlight"])
            else:
                patch.set_edgecolor(COLORS["highlight"])
                patch.set_linewidth(2.4)
