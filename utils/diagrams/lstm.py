"""Chapter 6 figures: the LSTM cell in the visual grammar of ``core`` (after colah's LSTM post, drawn anew).

The cell state ``c`` runs along the top line through a × circle (forget) and a + circle (remember);
the hidden state ``h`` enters at the bottom left, joins the input ``x_t`` and feeds four learned layers
(σ σ tanh σ: the gates f, i, the candidate g, the gate o); ``h_t`` leaves at the bottom right and at the top.

``draw_lstm_cell(highlight=...)`` colours one step and fades the rest, so a chapter can show one figure
per step: ``"forget"``, ``"input"``, ``"cell"``, ``"output"`` (or ``None`` for the whole cell).
"""
from __future__ import annotations

import matplotlib.pyplot as plt

from ..i18n import tr
from .core import arrow, canvas, emphasis, layer_box, op_circle, path, state_line, vector_node

__all__ = ["STEPS", "draw_lstm_cell", "step_titles"]

STEPS = ("forget", "input", "cell", "output")


def step_titles() -> dict[str | None, str]:
    """The default title of the whole cell (``None``) and of each step: its equation, in the learner's
    language."""
    return {
        None: tr("an LSTM cell"),
        "forget": tr("1. forget: {equation}",
                     equation="$f_t = \\sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf})$"),
        "input": tr("2. input gate and candidate: {equations}",
                    equations="$i_t = \\sigma(W_{ii} x_t + \\ldots)$, $g_t = \\tanh(W_{ig} x_t + \\ldots)$"),
        "cell": tr("3. cell update: {equation}", equation="$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$"),
        "output": tr("4. output: {equations}",
                     equations="$o_t = \\sigma(W_{io} x_t + \\ldots)$, $h_t = o_t \\odot \\tanh(c_t)$"),
    }


# geometry (data units)
_WIDTH, _HEIGHT = 10.0, 7.4
_C_Y, _H_Y, _GATE_Y, _MID_Y = 5.3, 1.3, 2.55, 3.8
_X_F, _X_I, _X_G, _X_O, _X_TANH, _X_OUT = 2.6, 3.8, 5.0, 6.4, 7.6, 8.7


def _label(ax: plt.Axes, x: float, y: float, text: str, **kwargs) -> None:
    ax.text(x, y, text, fontsize=10, **{"ha": "left", "va": "center", **kwargs})


def _elbow(ax: plt.Axes, start: tuple[float, float], end: tuple[float, float], vertical_first: bool = True,
           width: float = 1.3) -> None:
    """An arrow that leaves vertically (or horizontally) and arrives horizontally (or vertically)."""
    corner = (start[0], end[1]) if vertical_first else (end[0], start[1])
    path(ax, [start, corner, end], width=width)


def draw_lstm_cell(ax: plt.Axes | None = None, highlight: str | None = None,
                   title: str | None = None) -> plt.Axes:
    """Draw one LSTM cell; ``highlight`` in ``STEPS`` colours that step and fades the rest.

    ``title`` defaults to the step's equation (``step_titles()``). Returns the Axes.
    """
    if highlight not in (None, *STEPS):
        raise ValueError(f"highlight must be one of {(None, *STEPS)}, got {highlight!r}")
    ax = canvas(_WIDTH, _HEIGHT, ax, scale=0.62)
    on = {step: highlight in (None, step) for step in STEPS}
    focus = {step: highlight == step for step in STEPS}

    def part(*steps: str):
        mode = "focus" if any(focus[s] for s in steps) else "normal" if any(on[s] for s in steps) else "faded"
        return emphasis(ax, mode)

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
        arrow(ax, (_X_TANH, _C_Y), (_X_TANH, 4.5 + 0.36))
        op_circle(ax, _X_TANH, 4.5, "tanh", radius=0.36, fontsize=12)
        arrow(ax, (_X_TANH, 4.5 - 0.36), (_X_TANH, 3.4 + 0.22))
        op_circle(ax, _X_TANH, 3.4, "×")
        _elbow(ax, (_X_O, _GATE_Y + 0.3), (_X_TANH - 0.22, 3.4))
        _label(ax, _X_O - 0.45, 3.1, "$o_t$")
        _elbow(ax, (_X_TANH, 3.4 - 0.22), (_WIDTH - 0.3, _H_Y), width=2.0)
        _label(ax, _WIDTH - 0.3, _H_Y - 0.4, "$h_t$", ha="right")
        _elbow(ax, (_X_TANH + 0.22, 3.4), (_X_OUT, 6.55 - 0.28), vertical_first=False)
        vector_node(ax, _X_OUT, 6.55, "$h_t$", "output", radius=0.3)
    ax.set_title(step_titles()[highlight] if title is None else title, fontsize=10)
    return ax
