"""Checkers for chapter 3, the four ways to wire a recurrent network."""
from __future__ import annotations

import torch

from .core import Case, Exercise, Mistake, seeded

__all__ = ["wiring_output_shape", "last_real_step"]

KINDS = ("rnn_output", "rnn_h_n", "one_to_one", "one_to_many", "many_to_one", "many_to_many")


# --------------------------------------------------------------------------------------------------------
# wiring_output_shape
# --------------------------------------------------------------------------------------------------------

def _wiring_output_shape(kind, batch, time, hidden, vocab):
    """The shape (a tuple of ints) of the tensor `kind`; see the exercise text."""
    return {
        "rnn_output": (batch, time, hidden),    # every step's hidden state
        "rnn_h_n": (1, batch, hidden),          # one per layer, never batch-first
        "one_to_one": (batch, vocab),
        "one_to_many": (batch, time, vocab),    # one output per generated step
        "many_to_one": (batch, vocab),          # one output per sequence
        "many_to_many": (batch, time, vocab),
    }[kind]


def _time_major(kind, batch, time, hidden, vocab):
    shape = _wiring_output_shape(kind, batch, time, hidden, vocab)
    if kind in ("rnn_output", "one_to_many", "many_to_many"):
        return (time, batch, shape[2])
    return shape


def _h_n_without_layers(kind, batch, time, hidden, vocab):
    return (batch, hidden) if kind == "rnn_h_n" else _wiring_output_shape(kind, batch, time, hidden, vocab)


def _h_n_batch_first(kind, batch, time, hidden, vocab):
    return (batch, 1, hidden) if kind == "rnn_h_n" else _wiring_output_shape(kind, batch, time, hidden, vocab)


def _head_keeps_hidden(kind, batch, time, hidden, vocab):
    head = hidden if kind not in ("rnn_output", "rnn_h_n") else vocab
    return _wiring_output_shape(kind, batch, time, hidden, head)


def _many_to_one_every_step(kind, batch, time, hidden, vocab):
    if kind == "many_to_one":
        return (batch, time, vocab)
    return _wiring_output_shape(kind, batch, time, hidden, vocab)


def _one_to_many_single(kind, batch, time, hidden, vocab):
    if kind == "one_to_many":
        return (batch, vocab)
    return _wiring_output_shape(kind, batch, time, hidden, vocab)


def _one_to_one_with_time(kind, batch, time, hidden, vocab):
    if kind == "one_to_one":
        return (batch, 1, vocab)
    return _wiring_output_shape(kind, batch, time, hidden, vocab)


def _wiring_cases() -> list[Case]:
    sizes = [(4, 7, 16, 10), (32, 30, 64, 2), (1, 1, 8, 5), (3, 12, 20, 65)]
    return [Case("{kind}, batch={batch}, time={time}, hidden={hidden}, vocab={vocab}",
                 (kind, batch, time, hidden, vocab),
                 values={"kind": kind, "batch": batch, "time": time, "hidden": hidden, "vocab": vocab})
            for batch, time, hidden, vocab in sizes for kind in KINDS]


_WIRING_OUTPUT_SHAPE = Exercise(
    name="wiring_output_shape", label="ch03-wiring-shape", reference=_wiring_output_shape, outputs="shape",
    cases=_wiring_cases,
    mistakes=[
        Mistake("h_n keeps a leading num_layers axis, even for one layer.", _h_n_without_layers),
        Mistake("batch_first=True changes the input and `output`, but not h_n: its first axis is still the "
                "layers.", _h_n_batch_first),
        Mistake("with batch_first=True the batch axis comes first, before time.", _time_major),
        Mistake("the Linear head maps hidden features to vocab scores: the last axis of a wiring's output is "
                "the head's output size.", _head_keeps_hidden),
        Mistake("many-to-one keeps one output per sequence (from its last real step), not one per step.",
                _many_to_one_every_step),
        Mistake("one-to-many produces one output per generated step.", _one_to_many_single),
        Mistake("one-to-one has no time axis at all: one input gives one output.", _one_to_one_with_time),
    ],
    hint="nn.RNN with batch_first=True returns the state of every step and h_n, the last state of each "
         "layer; a wiring's head turns hidden features into vocab scores (section 'One layer, two outputs').",
    error_hint="handle every kind: rnn_output, rnn_h_n, one_to_one, one_to_many, many_to_one and "
               "many_to_many; a dict from kind to shape is one way.",
)


def wiring_output_shape(fn, reveal: bool = False) -> None:
    """Check ``fn(kind, batch, time, hidden, vocab) -> tuple`` of ints: the shape of a tensor in a model
    built from one ``nn.RNN(input_size, hidden, batch_first=True)`` layer and an ``nn.Linear(hidden, vocab)``
    head (scores over ``vocab`` classes).

    ``kind`` is one of ``"rnn_output"`` and ``"rnn_h_n"`` (the two things ``nn.RNN`` returns for an input
    of ``time`` steps), or the head's output of a wiring: ``"one_to_one"``, ``"one_to_many"`` (``time``
    generated steps), ``"many_to_one"`` (``time`` input steps), ``"many_to_many"`` (aligned, ``time`` steps).
    ``reveal=True`` also prints one solution.
    """
    _WIRING_OUTPUT_SHAPE.check(fn, reveal)


# --------------------------------------------------------------------------------------------------------
# last_real_step
# --------------------------------------------------------------------------------------------------------

def _last_real_step(output, lengths, padding_side):
    """output (B, T, H), lengths (B,) int64, padding_side 'left' or 'right' -> (B, H)."""
    if padding_side == "left":
        return output[:, -1]  # every sequence ends in the last column
    # sequence b ends at index lengths[b] - 1
    return output[torch.arange(len(output)), lengths - 1]


def _last_column(output, lengths, padding_side):
    return output[:, -1]


def _right_rule_always(output, lengths, padding_side):
    return output[torch.arange(len(output)), lengths - 1]


def _off_by_one(output, lengths, padding_side):
    if padding_side == "left":
        return output[:, -1]
    return output[torch.arange(len(output)), lengths]


def _first_column(output, lengths, padding_side):
    return output[:, 0]


def _left_start(output, lengths, padding_side):
    return output[torch.arange(len(output)), output.shape[1] - lengths]


def _case(batch: int, time: int, hidden: int, lengths: list[int], side: str, seed: int) -> tuple:
    return seeded(batch, time, hidden, seed=seed), torch.tensor(lengths, dtype=torch.int64), side


_LAST_REAL_STEP = Exercise(
    name="last_real_step", label="ch03-last-real-step", reference=_last_real_step,
    cases=lambda: [
        Case("right padding, lengths 3, 5, 2 of 6 steps", _case(3, 6, 4, [3, 5, 2], "right", 0)),
        Case("left padding, lengths 3, 5, 2 of 6 steps", _case(3, 6, 4, [3, 5, 2], "left", 1)),
        Case("right padding, some sequences full length", _case(4, 5, 3, [5, 1, 4, 5], "right", 2)),
        Case("right padding, one sequence", _case(1, 8, 6, [6], "right", 3)),
        Case("left padding, hidden 7, lengths 1 and 9", _case(2, 9, 7, [1, 9], "left", 4)),
        Case("right padding, all of length 1", _case(3, 4, 5, [1, 1, 1], "right", 5)),
    ],
    mistakes=[
        Mistake("off by one: a sequence of L real steps ends at index L - 1 (indices start at 0).",
                _off_by_one),
        Mistake("with right padding the last column is padding for every shorter sequence: each row's last "
                "real step is in a different column.", _last_column),
        Mistake("with left padding the padding comes first, so every sequence's real steps end in the same "
                "column; lengths does not move it.", _right_rule_always),
        Mistake("the first column is the first step, not the last one.", _first_column),
        Mistake("that is where the first real step of a left-padded sequence sits; you want the last one.",
                _left_start),
    ],
    hint="left padding puts the pads before the tokens, right padding after them; pick, for every row, the "
         "step where its real tokens end (section 'Many-to-one: the sentiment of a sentence').",
    error_hint="an 'index out of range' error usually means off by one: the last real step of a sequence of "
               "length L is at index L - 1; pick one row index per sequence.",
)


def last_real_step(fn, reveal: bool = False) -> None:
    """Check ``fn(output, lengths, padding_side) -> (batch, hidden)``.

    ``output`` (batch, time, hidden) float64 is the per-step output of a ``batch_first`` RNN over padded
    sequences, ``lengths`` (batch,) int64 the number of real (not padding) steps of each sequence,
    ``padding_side`` ``"left"`` (padding before the tokens) or ``"right"`` (after). Return, for each
    sequence, the output at its last real step. ``reveal=True`` also prints one solution.
    """
    _LAST_REAL_STEP.check(fn, reveal)
