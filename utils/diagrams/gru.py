"""Chapter 7 figures: the GRU cell in PyTorch's form, in the same visual grammar as the other diagrams.

Yellow boxes are learned layers, pink circles pointwise operations, the thick top line is the hidden state
``h`` flowing from ``h_{t-1}`` to ``h_t`` (a GRU has no separate cell state). The old state and the input
run along two separate lines at the bottom, so each box shows what it reads: the gates ``r`` and ``z`` read
both, ``W_hn`` only ``h_{t-1}``, ``W_in`` only ``x_t`` (a dot is a branch; a line drawn over a gap crosses
another without joining it). ``highlight`` puts one part in focus and fades the rest:

- ``"reset"``: the reset gate r and where it acts, ``r ⊙ (W_hn h + b_hn)``;
- ``"update"``: the update gate z, which mixes the old state and the candidate, ``(1 − z) ⊙ n + z ⊙ h``;
- ``"candidate"``: the candidate state ``n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))``.
"""
from __future__ import annotations

import matplotlib.pyplot as plt

from ..i18n import tr
from .core import arrow, canvas, emphasis, junction, layer_box, op_circle, path, vector_node

__all__ = ["HIGHLIGHTS", "draw_gru_cell", "draw_gru_gates", "titles"]

HIGHLIGHTS = (None, "reset", "update", "candidate")


def titles() -> dict[str | None, str]:
    """The default title of the whole cell (``None``) and of each part: its equation, in the learner's
    language."""
    return {
        None: tr("a GRU cell (PyTorch's form)"),
        "reset": tr("reset gate: {equation}",
                    equation="$r_t = \\sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr})$"),
        "update": tr("update gate {gate}: {equation}", gate="$z_t$",
                     equation="$h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$"),
        "candidate": tr("candidate: {equation}",
                        equation="$n_t = \\tanh(W_{in} x_t + b_{in} + r_t \\odot (W_{hn} h_{t-1} + b_{hn}))$"),
    }


# geometry (data units)
_WIDTH, _HEIGHT = 10.0, 6.5
_TOP, _H_BUS, _X_BUS, _BOX_Y, _MUL_Y, _MIX_Y = 5.4, 1.55, 0.95, 2.6, 3.6, 4.5
_X_Z, _X_R, _X_HN, _X_IN, _X_TANH, _X_ONE, _X_MIX, _X_OUT = 1.9, 3.1, 4.3, 5.5, 6.6, 6.4, 7.6, 8.7
_BOX_W, _BOX_H, _OP_R = 0.9, 0.6, 0.22


def _gate(ax: plt.Axes, x: float, text: str, label: str) -> None:
    """A gate box at column x that reads both lines: h_{t-1} (left riser) and x_t (right riser)."""
    bottom = _BOX_Y - _BOX_H / 2
    junction(ax, x - 0.15, _H_BUS)
    arrow(ax, (x - 0.15, _H_BUS), (x - 0.15, bottom))
    junction(ax, x + 0.15, _X_BUS)
    path(ax, [(x + 0.15, _X_BUS), (x + 0.15, bottom)], bridge=True)
    layer_box(ax, x, _BOX_Y, text, width=_BOX_W, height=_BOX_H)
    ax.text(x + 0.12, _BOX_Y + 0.42, label, fontsize=11, ha="left", va="bottom")


def draw_gru_cell(ax: plt.Axes | None = None, highlight: str | None = None,
                  title: str | None = None) -> plt.Axes:
    """One GRU step: ``x_t`` and ``h_{t-1}`` in, ``h_t`` out; ``highlight`` in ``HIGHLIGHTS``.

    ``title`` defaults to the part's equation (``titles()``); ``""`` draws none. Returns the Axes.
    """
    if highlight not in HIGHLIGHTS:
        raise ValueError(f"draw_gru_cell(): highlight must be one of {HIGHLIGHTS}, got {highlight!r}")
    ax = canvas(_WIDTH, _HEIGHT, ax, scale=0.68)

    def part(*names: str):
        return emphasis(ax, "normal" if highlight is None else "focus" if highlight in names else "faded")

    # inputs, in every panel: h_{t-1} on the top line and dropping to its own line; x_t on another line
    ax.text(0.15, _TOP + 0.15, "$h_{t-1}$", ha="left", va="bottom", fontsize=11)
    arrow(ax, (0.15, _TOP), (_X_Z - _OP_R, _TOP), width=2.6)
    junction(ax, 0.5, _TOP)
    path(ax, [(0.5, _TOP), (0.5, _H_BUS), (_X_HN, _H_BUS)], head=False)
    ax.text(0.6, _H_BUS + 0.08, "$h_{t-1}$", ha="left", va="bottom", fontsize=10)
    vector_node(ax, 1.1, 0.3, "$x_t$", "input", radius=0.26)
    path(ax, [(1.1, 0.56), (1.1, _X_BUS), (_X_IN, _X_BUS)], head=False)
    # the reset gate multiplies the hidden part of the candidate, after the matrix product
    with part("reset"):
        _gate(ax, _X_R, "σ", "$r_t$")
        path(ax, [(_X_R, _BOX_Y + _BOX_H / 2), (_X_R, _MUL_Y), (_X_HN - _OP_R, _MUL_Y)])
    with part("update"):
        _gate(ax, _X_Z, "σ", "$z_t$")
    # the candidate: W_hn reads h_{t-1} only, W_in reads x_t only
    with part("candidate"):
        path(ax, [(_X_HN, _H_BUS), (_X_HN, _BOX_Y - _BOX_H / 2)])
        layer_box(ax, _X_HN, _BOX_Y, "$W_{hn}$", width=_BOX_W, height=_BOX_H)
        arrow(ax, (_X_HN, _BOX_Y + _BOX_H / 2), (_X_HN, _MUL_Y - _OP_R))
        path(ax, [(_X_IN, _X_BUS), (_X_IN, _BOX_Y - _BOX_H / 2)], bridge=True)
        layer_box(ax, _X_IN, _BOX_Y, "$W_{in}$", width=_BOX_W, height=_BOX_H)
        arrow(ax, (_X_IN, _BOX_Y + _BOX_H / 2), (_X_IN, _MUL_Y - _OP_R))
        arrow(ax, (_X_HN + _OP_R, _MUL_Y), (_X_IN - _OP_R, _MUL_Y))
        op_circle(ax, _X_IN, _MUL_Y, "+")
        arrow(ax, (_X_IN + _OP_R, _MUL_Y), (_X_TANH - 0.36, _MUL_Y))
        op_circle(ax, _X_TANH, _MUL_Y, "tanh", radius=0.36, fontsize=12)
        path(ax, [(_X_TANH + 0.36, _MUL_Y), (_X_MIX, _MUL_Y), (_X_MIX, _MIX_Y - _OP_R)])
        ax.text((_X_TANH + _X_MIX) / 2 + 0.2, _MUL_Y + 0.08, "$n_t$", fontsize=11, ha="center", va="bottom")
    with part("reset", "candidate"):
        op_circle(ax, _X_HN, _MUL_Y, "×")
    # the update gate: z_t of the old state is kept, 1 - z_t of the candidate let in
    with part("update"):
        arrow(ax, (_X_Z, _BOX_Y + _BOX_H / 2), (_X_Z, _TOP - _OP_R))
        junction(ax, _X_Z, _MIX_Y)
        arrow(ax, (_X_Z, _MIX_Y), (_X_ONE - _OP_R, _MIX_Y))
        op_circle(ax, _X_ONE, _MIX_Y, "1−")
        arrow(ax, (_X_ONE + _OP_R, _MIX_Y), (_X_MIX - _OP_R, _MIX_Y))
        op_circle(ax, _X_Z, _TOP, "×")
        arrow(ax, (_X_Z + _OP_R, _TOP), (_X_MIX - _OP_R, _TOP), width=2.6)
        arrow(ax, (_X_MIX, _MIX_Y + _OP_R), (_X_MIX, _TOP - _OP_R))
    with part("update", "candidate"):
        op_circle(ax, _X_MIX, _MIX_Y, "×")
        op_circle(ax, _X_MIX, _TOP, "+")
    # the new state leaves on the top line and as the output
    arrow(ax, (_X_MIX + _OP_R, _TOP), (_WIDTH - 0.15, _TOP), width=2.6)
    ax.text(_WIDTH - 0.15, _TOP + 0.15, "$h_t$", ha="right", va="bottom", fontsize=11)
    junction(ax, _X_OUT, _TOP)
    arrow(ax, (_X_OUT, _TOP), (_X_OUT, _TOP + 0.45))
    vector_node(ax, _X_OUT, _TOP + 0.7, "$h_t$", "output", radius=0.25)
    title = titles()[highlight] if title is None else title
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def draw_gru_gates() -> plt.Figure:
    """Three panels stacked for the reading column: the reset gate, the update gate and the candidate."""
    fig, axes = plt.subplots(3, 1, figsize=(6.8, 12.6))
    for ax, part in zip(axes, HIGHLIGHTS[1:], strict=True):
        draw_gru_cell(ax, highlight=part)
    fig.tight_layout()
    return fig
