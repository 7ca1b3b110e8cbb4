"""Chapter 6 figures: the LSTM cell in the visual grammar of ``core`` (after colah's LSTM post, drawn anew).

The cell state ``c`` runs along the top line through a × circle (forget) and a + circle (remember);
the hidden state ``h`` enters at the bottom left, joins the input ``x_t`` and feeds four learned layers
(σ σ tanh σ: the gates f, i, the candidate g, the gate o); ``h_t`` leaves at the bottom right and at the top.

``draw_lstm_cell(highlight=...)`` colours one step and fades the rest, so a chapter can show one figure
per step: ``"forget"``, ``"input"``, ``"cell"``, ``"output"`` (or ``None`` for the whole cell).
"""
from __future__ import annotations

from contextlib import contextmanager

import matplotlib.pyplot as plt

from .core import COLORS, arrow, canvas, layer_box, op_circle, state_line, vector_node

__all__ = ["STEPS", "STEP_TITLES", "draw_lstm_cell"]

STEPS = ("forget", "input", "cell", "output")
STEP_TITLES = {
    None: "an LSTM cell",
    "forget": "1. forget: $f_t = \\sigma(W_f\\,[x_t, h_{t-1}] + b_f)$",
    "input": "2. input and candidate: $i_t = \\sigma(\\ldots)$, $g_t = \\tanh(\\ldots)$",
    "cell": "3. cell update: $c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$",
    "output": "4. output: $o_t = \\sigma(\\ldots)$, $h_t = o_t \\odot \\tanh(c_t)$",
}

# geometry (data units)
_WIDTH, _HEIGHT = 10.0, 7.4
_C_Y, _H_Y, _GATE_Y, _MID_Y = 5.3, 1.3, 2.55, 3.8
_X_F, _X_I, _X_G, _X_O, _X_TANH, _X_OUT = 2.6, 3.8, 5.0, 6.4, 7.6, 8.7


@contextmanager
def _part(ax: plt.Axes, active: bool, focus: bool):
    """Draw the parts created inside the block faded (``active`` False) or highlighted (``focus``)."""
    n_patches, n_texts = len(ax.patches), len(ax.texts)
    yield
    new_patches, new_texts = ax.patches[n_patches:], ax.texts[n_texts:]
    if not active:
        for patch in new_patches:
            patch.set_alpha(0.25)
        for text in new_texts:
            text.set_alpha(0.3)
    elif focus:
        for patch in new_patches:
            if patch.get_facecolor()[3] == 0 or type(patch).__name__ == "FancyArrowPatch":
                patch.set_color(COLORS["highlight"])
            else:
                patch.set_edgecolor(COLORS["highlight"])
                patch.set_linewidth(2.4)


def _label(ax: plt.Axes, x: float, y: float, text: str, **kwargs) -> None:
    ax.text(x, y, text, fontsize=10, **{"ha": "left", "va": "center", **kwargs})


def _elbow(ax: plt.Axes, start: tuple[float, float], end: tuple[float, float], vertical_first: bool = True,
           **kwargs) -> None:
    """An arrow that leaves vertically (or horizontally) and arrives horizontally (or vertically)."""
    angles = "angleA=90,angleB=0" if vertical_first else "angleA=0,angleB=90"
    arrow(ax, start, end, connection=f"angle,{angles},rad=0", **kwargs)


def draw_lstm_cell(ax: plt.Axes | None = None, highlight: str | None = None,
                   title: str | None = None) -> plt.Axes:
    """Draw one LSTM cell; ``highlight`` in ``STEPS`` colours that step and fades the rest.

    ``title`` defaults to the step's equation (``STEP_TITLES``). Returns the Axes.
    """
    if highlight not in (None, *STEPS):
        raise ValueError(f"highlight must be one of {(None, *STEPS)}, got {highlight!r}")
    ax = canvas(_WIDTH, _HEIGHT, ax, scale=0.62)
    on = {step: highlight in (None, step) for step in STEPS}
    focus = {step: highlight == step for step in STEPS}

    def part(*steps: str):
        return _part(ax, any(on[s] for s in steps), any(focus[s] for s in steps))

    # the cell state: c_{t-1} -> × (forget) -> + (remember) -> c_t
    with part("cell", "forget"):
        state_line(ax, 0.3, _X_F - 0.22, _C_Y)
        _label(ax, 0.3, _C_Y + 0.35, "$c_{t-1}$")
    with part("cell"):
        state_line(ax, _X_F + 0.22, _X_G - 0.22, _C_Y)
        state_line(ax, _X_G + 0.22, _WIDTH - 0.3, _C_Y)
        _label(ax, _WIDTH - 0.3, _C_Y + 0.35, "$c_t$", ha="right")
        op_circle(ax, _X_G, _C_Y, "+")
    with part("forget", "cell"):
        op_circle(ax, _X_F, _C_Y, "×")
    # h_{t-1} and x_t meet on the bottom line and feed the four layers
    with part(*STEPS):
        arrow(ax, (0.3, _H_Y), (_X_O, _H_Y), style="-")
        _label(ax, 0.3, _H_Y - 0.4, "$h_{t-1}$")
        vector_node(ax, 1.5, 0.35, "$x_t$", "input", radius=0.3)
        arrow(ax, (1.5, 0.65), (1.5, _H_Y), style="-")
    gates = [(_X_F, "σ", "forget"), (_X_I, "σ", "input"), (_X_G, "tanh", "input"), (_X_O, "σ", "output")]
    for x, text, step in gates:
        with part(step):
            arrow(ax, (x, _H_Y), (x, _GATE_Y - 0.3))
            layer_box(ax, x, _GATE_Y, text, width=0.95, height=0.6)
    with part("forget"):
        arrow(ax, (_X_F, _GATE_Y + 0.3), (_X_F, _C_Y - 0.22))
        _label(ax, _X_F + 0.1, _MID_Y + 0.2, "$f_t$")
    with part("input"):
        _elbow(ax, (_X_I, _GATE_Y + 0.3), (_X_G - 0.22, _MID_Y))
        _label(ax, _X_I - 0.45, _MID_Y - 0.35, "$i_t$")
        arrow(ax, (_X_G, _GATE_Y + 0.3), (_X_G, _MID_Y - 0.22))
        _label(ax, _X_G + 0.1, _GATE_Y + 0.7, "$g_t$")
        op_circle(ax, _X_G, _MID_Y, "×")
    with part("input", "cell"):
        arrow(ax, (_X_G, _MID_Y + 0.22), (_X_G, _C_Y - 0.22))
    # output: h_t = o_t * tanh(c_t), out to the right and to the top
    with part("output"):
        arrow(ax, (_X_TANH, _C_Y), (_X_TANH, 4.55 + 0.3))
        op_circle(ax, _X_TANH, 4.55, "tanh", radius=0.3, fontsize=11)
        arrow(ax, (_X_TANH, 4.55 - 0.3), (_X_TANH, 3.4 + 0.22))
        op_circle(ax, _X_TANH, 3.4, "×")
        _elbow(ax, (_X_O, _GATE_Y + 0.3), (_X_TANH - 0.22, 3.4))
        _label(ax, _X_O - 0.45, 3.1, "$o_t$")
        _elbow(ax, (_X_TANH, 3.4 - 0.22), (_WIDTH - 0.3, _H_Y), width=2.0)
        _label(ax, _WIDTH - 0.3, _H_Y - 0.4, "$h_t$", ha="right")
        _elbow(ax, (_X_TANH + 0.22, 3.4), (_X_OUT, 6.55 - 0.28), vertical_first=False)
        vector_node(ax, _X_OUT, 6.55, "$h_t$", "output", radius=0.3)
    ax.set_title(STEP_TITLES[highlight] if title is None else title, fontsize=10)
    return ax
