"""Chapter 8 figure: a recurrent encoder–decoder unrolled in time, drawn for the 7-inch reading column.

The encoder (left) reads the source one token at a time; its last state, the orange arrow ``h_S``, is the
only path to the decoder (right), which starts from it, reads the word it wrote last (``<bos>`` first) and
writes the next word through a linear layer. Same visual grammar as every other diagram (``core``).
"""
from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt

from ..i18n import tr
from .core import COLORS, arrow, canvas, layer_box, vector_node

WIDTH, HEIGHT = 12.4, 4.5      # data units
SCALE = 0.56                   # inches per data unit: 12.4 units -> 6.9 inches, within the column
FONT = 10                      # points: at least 9 pt at the column's width
ENC_STEP, DEC_STEP = 1.2, 1.9  # distance between time steps (the decoder's words need more room)
Y_IN, Y_RNN, Y_HEAD, Y_OUT = 0.6, 1.9, 2.9, 3.85

SOURCE = ("M", "a", "y", "…", "7")
WORDS = (("<bos>", "пятое"), ("пятое", "мая"), ("мая", "…"))


def draw_encoder_decoder(source: Sequence[str] = SOURCE, words: Sequence[tuple[str, str]] = WORDS,
                         ax: plt.Axes | None = None, cell: str = "GRU") -> plt.Axes:
    """Draw the encoder reading ``source`` (characters; ``"…"`` marks skipped steps, drawn faded) and the
    decoder taking ``words`` as (input word, output word) pairs, one per step; return the Axes.

    The defaults show "May 5, 1987" → "пятое мая …" (the translation of chapter 8).
    """
    ax = canvas(WIDTH, HEIGHT, ax, scale=SCALE)
    x_enc = [0.6 + ENC_STEP * k for k in range(len(source))]
    for k, (x, token) in enumerate(zip(x_enc, source)):          # the encoder reads characters
        skipped = token == "…"
        vector_node(ax, x, Y_IN, token, kind="input", radius=0.32, fontsize=FONT)
        arrow(ax, (x, Y_IN + 0.32), (x, Y_RNN - 0.3))
        layer_box(ax, x, Y_RNN, cell, width=0.9, color=COLORS["faded"] if skipped else None, fontsize=FONT)
        if k:
            arrow(ax, (x - ENC_STEP + 0.45, Y_RNN), (x - 0.45, Y_RNN))
    ax.text((x_enc[0] + x_enc[-1]) / 2, Y_RNN + 0.55, tr("encoder"), ha="center", va="bottom", fontsize=FONT + 1)

    x0 = x_enc[-1] + 2.0                                         # the decoder's first step
    x_dec = [x0 + DEC_STEP * j for j in range(len(words))]
    arrow(ax, (x_enc[-1] + 0.45, Y_RNN), (x0 - 0.5, Y_RNN), color=COLORS["highlight"], width=2.6)
    ax.text((x_enc[-1] + x0) / 2, Y_RNN + 0.12, "$h_S$", ha="center", va="bottom", fontsize=FONT + 2,
            color=COLORS["highlight"])
    for j, (x, (word_in, word_out)) in enumerate(zip(x_dec, words)):  # the decoder writes words
        vector_node(ax, x, Y_IN, word_in, kind="input", radius=0.55, fontsize=FONT - 1)
        arrow(ax, (x, Y_IN + 0.55), (x, Y_RNN - 0.3))
        layer_box(ax, x, Y_RNN, cell, width=1.0, fontsize=FONT)
        arrow(ax, (x, Y_RNN + 0.3), (x, Y_HEAD - 0.3))
        layer_box(ax, x, Y_HEAD, tr("linear"), width=1.1, fontsize=FONT)
        arrow(ax, (x, Y_HEAD + 0.3), (x, Y_OUT - 0.5))
        vector_node(ax, x, Y_OUT + 0.05, word_out, kind="output", radius=0.55, fontsize=FONT - 1)
        if j:
            arrow(ax, (x - DEC_STEP + 0.5, Y_RNN), (x - 0.5, Y_RNN))
    ax.text(x0 - 0.75, Y_HEAD + 0.1, tr("decoder"), ha="right", va="center", fontsize=FONT + 1)
    return ax
