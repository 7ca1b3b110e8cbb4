"""Network diagrams drawn with matplotlib, in one visual grammar (after the style of colah's LSTM post,
drawn anew by our own code):

- a learned layer (weights + activation) is a rounded yellow box,
- a pointwise operation (×, +, tanh applied elementwise) is a small pink circle,
- a vector travelling between them is an arrow; a state carried through time is a thick line on top,
- inputs are green circles below, outputs blue circles above.

``core`` holds the primitives; each chapter's figures are in their own module: ``memoryless`` (chapter 1),
``rnn`` (chapter 2), ``wirings`` (chapter 3), ``bptt`` (chapter 4), ``lstm`` (chapter 6), ``gru``
(chapter 7) and ``seq2seq`` (chapter 8).
"""
from .core import COLORS, arrow, canvas, layer_box, op_circle, state_line, vector_node

__all__ = ["COLORS", "arrow", "canvas", "layer_box", "op_circle", "state_line", "vector_node"]
