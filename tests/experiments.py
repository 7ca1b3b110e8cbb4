"""Every "change X and rerun" that an exercise suggests, in one place, so that each is tested.

An ``Experiment`` names a notebook, the exercise (its label), the values the exercise suggests, and the
last cell to run (a unique piece of its source): ``tests/test_experiments.py`` (``make experiments``,
part of ``make bench``) injects the values right after the cell that first assigns each name, runs the
notebook from the top through that cell, and fails on any error. ``test_every_experiment_exercise_is_listed``
(in ``make test``) fails when an exercise's statement starts "Experiment" and has no entry here; an
experiment that changes no value (e.g. "rerun with other seeds") is listed with ``values={}`` and a
``note`` saying so.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Experiment:
    notebook: str            # the notebook's stem, e.g. "01_memoryless_networks"
    exercise: str            # the exercise's label, e.g. "ch01-window-experiment"
    values: dict = field(default_factory=dict)  # name -> the value the exercise suggests
    through: str = ""        # a unique piece of the source of the last cell to run ("" = the whole notebook)
    note: str = ""           # why there are no values, or what the run shows


EXPERIMENTS: list[Experiment] = [
    # Chapter authors: one entry per suggested value (two values, two entries).
    # chapter 1
    Experiment("01_memoryless_networks", "ch01-window-experiment", {"MLP_WINDOW": 20},
               through="lengths = sorted({4, 8, MLP_WINDOW"),
    Experiment("01_memoryless_networks", "ch01-window-experiment", {"WINDOW": 6}),
    # chapter 2
    Experiment("02_rnn", "ch02-fixed-length",
               note="the learner trains a fresh RecallRNN in a new cell with train_recall_rnn(..., "
                    "curriculum=False); nothing to inject (Solution 2.5 gives seeds 0-2)"),
    Experiment("02_rnn", "ch02-longer-window", {"WINDOW": 96},
               through='plot_sequences(series_plot, xlabel="hour of the test period"'),
    # chapter 3
    Experiment("03_sequence_architectures", "ch03-right-padding", {"PADDING_SIDE": "right"},
               through="p_positive = rt_model(X[test_idx[:3]])"),
    Experiment("03_sequence_architectures", "ch03-temperature", {"TEMPERATURE": 0.3},
               through='print(generate(char_model, "ROMEO:\\n", 240, temperature=TEMPERATURE))'),
    Experiment("03_sequence_architectures", "ch03-temperature", {"TEMPERATURE": 2.0},
               through='print(generate(char_model, "ROMEO:\\n", 240, temperature=TEMPERATURE))'),
    # chapter 4
    Experiment("04_bptt", "ch04-truncation-experiment", {"MAX_NORM": 10.0},
               through="(plain, plain_norms), (clipped, clipped_norms) = curves.values()"),
    Experiment("04_bptt", "ch04-truncation-experiment", {"MAX_NORM": 0.1},
               through="(plain, plain_norms), (clipped, clipped_norms) = curves.values()"),
    # chapters 5, 6, 7, 7b
    Experiment("05_embeddings", "ch05-shuffle", note="the learner writes the shuffling code; nothing to inject"),
    Experiment("05_embeddings", "ch05-analogies",
               note="the learner calls analogy() with words of their choice; nothing to inject"),
    Experiment("06_lstm", "ch06-seeds", {"SEED": 1}, through="claim(max(rnn_40, wide_40) < 0.2"),
    Experiment("06_lstm", "ch06-seeds", {"SEED": 2}, through="claim(max(rnn_40, wide_40) < 0.2"),
    Experiment("06_lstm", "ch06-seeds", {"FORGET_BIAS": 1.0}, through="claim(acc_default_init < lstm_25"),
    Experiment("06_lstm", "ch06-seeds", {"FORGET_BIAS": 3.0}, through="claim(acc_default_init < lstm_25"),
    Experiment("07b_head_to_head", "ch07b-imdb-all", {"IMDB_KEEP": "first"},
               through='record("h2h_imdb_test_acc_gru"'),
    Experiment("07b_head_to_head", "ch07b-no-state", {"CARRY_STATE": False},
               through='record("human_numbers_val_acc_gru"'),
    Experiment("07_gru", "ch07-timing", {"HIDDEN": 256}, through="claim(rnn_cheaper and no_three_quarters"),
    Experiment("07_gru", "ch07-timing", {"BATCH": 1}, through="claim(rnn_cheaper and no_three_quarters"),
    # chapters 8, 8b, 8c
    Experiment("08_translation", "ch08-reverse-source", {"REVERSE_SOURCE": True},
               through="wrong, counts = error_parts(early_pred)"),
    Experiment("08b_captioning", "ch08b-image-input", {"IMAGE_INPUT": "first_input"},
               through="by_length = {}"),
    Experiment("08b_captioning", "ch08b-image-input", {"IMAGE_INPUT": "every_step"},
               through="by_length = {}"),
    Experiment("08b_captioning", "ch08b-encoder", {"ENCODER": "mlp"}, through="by_length = {}"),
    Experiment("08c_generation", "ch08c-carry-state", {"CARRY_STATE": False},
               through="bpc = valid_curve[-1]"),
]
