"""Exercise checkers: ``checks.<exercise>(your_function)``.

``✅`` when every case matches the reference, ``⏳`` when your function has no answer yet (it returns
``None``), otherwise an ``ExerciseError`` naming the case, what was expected and what came back, and a
hint. ``checks.<exercise>(your_function, reveal=True)`` also prints one solution.

For authors: each chapter's checkers live in their own module (``ch01.py``, ``ch02.py``, ...) built with
the kit in ``core.py``; every checker is registered in ``core.REGISTRY`` and imported here by name.
"""
from __future__ import annotations

from .ch01 import dense_parameter_count, receptive_field, sliding_windows
from .ch02 import rnn_forward, rnn_step
from .ch03 import last_real_step, wiring_output_shape
from .ch04 import clip_grad_norm, rnn_step_backward
from .ch05 import embedding_lookup, masked_mean
from .ch06 import cell_state_gradient, lstm_cell
from .ch07 import gru_cell, recurrent_param_count
from .ch08 import bits_per_char, caption_targets, dot_attention, exact_match, softmax_with_temperature
from .core import ExerciseError

__all__ = [
    "ExerciseError",
    "sliding_windows", "receptive_field", "dense_parameter_count",
    "rnn_step", "rnn_forward",
    "wiring_output_shape", "last_real_step",
    "rnn_step_backward", "clip_grad_norm",
    "embedding_lookup", "masked_mean",
    "lstm_cell", "cell_state_gradient",
    "gru_cell", "recurrent_param_count",
    "exact_match", "dot_attention", "caption_targets", "softmax_with_temperature", "bits_per_char",
]
