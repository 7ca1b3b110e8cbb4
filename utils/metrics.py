"""The course's key results: one registry that describes every metric, and ``record`` for ``make bench``.

A chapter records a result with ``record("imdb_test_acc_lstm", accuracy)``. The name must be described in
``METRICS`` below (which chapter, what it measures, whether higher or lower is better, and a published figure
to compare with), so that the results page can show it; ``record`` refuses names it does not know, and
``make bench`` refuses a name recorded by two notebooks.

``record`` appends one JSON line ``{"name": ..., "value": ...}`` to the file named by the environment
variable ``NWM_BENCH_FILE``. When the variable is not set (a reader running the notebook, nbval, the book
build) it does nothing and prints nothing.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BENCH_DIR", "COMPARISONS", "ENV_VAR", "METRICS", "Metric", "read_records", "record", "seed_spread"]

ENV_VAR = "NWM_BENCH_FILE"
BENCH_DIR = Path(__file__).resolve().parent.parent / "bench"
"""The committed results of ``make bench`` (``results.json``) and ``make bench-full`` (``results_full.json``)."""


@dataclass(frozen=True)
class Metric:
    """What a recorded number means: its chapter, a description, which direction is better, an anchor."""

    chapter: str
    description: str
    better: str  # "higher" or "lower"
    anchor: str = "—"


def _m(chapter: str, description: str, better: str, anchor: str = "—") -> Metric:
    if better not in ("higher", "lower"):
        raise ValueError(f"better must be 'higher' or 'lower', got {better!r}")
    return Metric(chapter, description, better, anchor)


JENA = ("Chollet, Jena weather 24 h ahead (a different series), test MAE: persistence 2.62; his models 2.55, "
        "2.45 and ≈ 2.39, i.e. 3–9 % below persistence")

# One block per chapter; the chapter's author keeps its block. Names ending in _acc / _match are better
# higher; _rmse / _bpc / _loss / _error / _ratio better lower (tests/test_metrics.py checks the direction).
METRICS: dict[str, Metric] = {
    # chapter 1
    "jfk_temp_rmse_vs_persistence_best_memoryless": _m(
        "1", "JFK temperature 24 h ahead from the last 48 h, best memoryless model on validation (the linear "
        "window model fitted by least squares): test RMSE / persistence", "lower", JENA),
    "memory_task_acc_window_mlp": _m("1", "recall the first symbol, window MLP (10 steps), length 100", "higher",
                                     "chance = 1 / 8"),
    # chapter 2
    "memory_task_acc_rnn": _m("2", "recall the first symbol, vanilla RNN, length 20", "higher", "chance = 1 / 8"),
    "jfk_temp_rmse_vs_persistence_rnn": _m(
        "2", "JFK temperature 24 h ahead from the last 48 h, vanilla RNN (32 units): test RMSE / persistence",
        "lower", JENA),
    # chapter 3
    "rt_sentiment_acc_rnn": _m("3", "Rotten Tomatoes sentences, positive / negative, vanilla RNN (6 epochs)",
                               "higher", "majority class 0.50"),
    "sentiment3_acc_rnn": _m("3", "Rotten Tomatoes snippets, 3 classes, vanilla RNN (6 epochs)", "higher",
                             "majority class 0.43"),
    # chapter 4
    "bptt_grad_check_rel_error": _m("4", "hand-written BPTT vs finite differences, largest relative error",
                                    "lower", "goal ≤ 1e-6"),
    # chapter 5
    "imdb_test_acc_bag_of_embeddings": _m("5", "IMDB held-out reviews, mean of word embeddings", "higher"),
    "imdb_test_acc_rnn": _m("5", "IMDB held-out reviews, embedding + vanilla RNN", "higher"),
    "imdb_test_acc_glove": _m("5", "IMDB held-out reviews, GloVe-initialised classifier", "higher",
                              "d2l BiLSTM + GloVe 0.861 (GPU, full data)"),
    # chapter 6
    "recall25_acc_rnn": _m("6", "recall the first symbol at length 25, vanilla RNN as wide as the LSTM (16 units)",
                           "higher", "chance = 1 / 8"),
    "recall25_acc_rnn_matched": _m("6", "recall the first symbol at length 25, vanilla RNN with the LSTM's "
                                   "parameter count (35 units)", "higher", "chance = 1 / 8"),
    "recall25_acc_lstm": _m("6", "recall the first symbol at length 25, LSTM (16 units, forget bias 2)", "higher",
                            "chance = 1 / 8"),
    "imdb_test_acc_lstm": _m("6", "IMDB held-out reviews, LSTM(32) over the last 160 tokens, GloVe start, mean+max "
                             "pooling, 2 epochs", "higher", "Chollet LSTM 0.876–0.893 (GPU, full data)"),
    "memory_wins_imdb_acc_memoryless": _m("6", "IMDB held-out reviews, no memory: the GloVe vectors of the last 160 "
                                          "tokens, mean+max pooled, chapter 6's recipe (2 epochs, learning rate "
                                          "0.06, chosen on validation)", "higher"),
    "memory_wins_imdb_acc_recurrent": _m("6", "IMDB held-out reviews, with memory: chapter 6's LSTM(32) on the same "
                                         "inputs, pooling and recipe (learning rate 0.01)", "higher"),
    "lstm_scratch_step_time_ratio": _m("6", "training step time, from-scratch LSTM / nn.LSTM", "lower"),
    "human_numbers_val_acc_lstm": _m("6", "Human Numbers (train 1–8,000, validate 8,001–9,999), next word, "
                                     "2-layer LSTM, 10 epochs", "higher",
                                     "fastbook LSTM 0.758, regularised 0.869 (another split)"),
    "human_numbers_val_acc_within_number_lstm": _m("6", "Human Numbers, next word except the first word of a "
                                                   "number, 2-layer LSTM", "higher"),
    # chapter 7
    "imdb_test_acc_gru": _m("7", "IMDB held-out reviews, GRU(32) with chapter 6's recipe (last 160 tokens, GloVe "
                            "start, mean+max pooling, 2 epochs)", "higher",
                            "Chollet LSTM 0.876–0.893 (GPU, full data)"),
    # chapter 7b (head to head: the same small budget for RNN, LSTM and GRU)
    "h2h_recall40_acc_gru": _m("7b", "recall the first symbol at length 40, GRU with its update gate biased to keep, "
                               "200 updates", "higher", "chance = 1 / 8"),
    "human_numbers_val_acc_rnn": _m("7b", "Human Numbers, next word, 2-layer RNN, chapter 6's recipe for 6 epochs",
                                    "higher", "fastbook 2-layer RNN 0.488 (another split)"),
    "human_numbers_val_acc_within_number_rnn": _m("7b", "Human Numbers, next word except the first word of a "
                                                  "number, 2-layer RNN, 6 epochs", "higher"),
    "human_numbers_val_acc_gru": _m("7b", "Human Numbers, next word, 2-layer GRU, chapter 6's recipe for 6 epochs",
                                    "higher", "fastbook LSTM 0.758, regularised 0.869 (another split)"),
    "human_numbers_val_acc_within_number_gru": _m("7b", "Human Numbers, next word except the first word of a "
                                                  "number, 2-layer GRU, 6 epochs", "higher"),
    "h2h_imdb_test_acc_rnn": _m("7b", "IMDB held-out reviews, pooled RNN(32), last 100 tokens, 1 epoch, learning "
                                "rate chosen on validation", "higher"),
    "h2h_imdb_test_acc_lstm": _m("7b", "IMDB held-out reviews, pooled LSTM(32), last 100 tokens, 1 epoch, learning "
                                 "rate chosen on validation", "higher"),
    "h2h_imdb_test_acc_gru": _m("7b", "IMDB held-out reviews, pooled GRU(32), last 100 tokens, 1 epoch, learning "
                                "rate chosen on validation", "higher"),
    "jfk_temp_rmse_vs_persistence_best_recurrent": _m(
        "7b", "JFK temperature 24 h ahead, the recurrent layer (RNN, LSTM or GRU, 2 epochs) with the lowest "
        "validation error: test RMSE / persistence", "lower",
        "Chollet, Jena 24 h (MAE): GRU 2.45 vs baseline 2.62 (6 % below)"),
    # chapter 8 (8: translation, 8b: captions, 8c: Shakespeare)
    "date_translation_exact_match": _m(
        "8", "dates English → Russian words, GRU encoder–decoder: held-out exact match", "higher",
        "goal ≥ 0.99"),
    "date_translation_attention_exact_match": _m(
        "8", "dates English → Russian words, with Luong dot-product attention: held-out exact match", "higher",
        "goal ≥ 0.99"),
    "caption_exact_match": _m(
        "8b", "digit-strip captions (CNN encoder, GRU decoder) of held-out handwriting: exact match", "higher",
        "goal ≥ 0.95"),
    "shakespeare_val_bpc": _m(
        "8c", "Shakespeare characters, LSTM(256), 1,000 steps: bits per character on the last 100,000 characters",
        "lower", "nanoGPT, tiny Shakespeare (another split): 1.47 nats ≈ 2.12 bits (A100, ~3 min); "
        "its CPU recipe 1.88 nats ≈ 2.71 bits; goal ≤ 2.35"),
    "shakespeare_val_bpc_ngram": _m(
        "8c", "Shakespeare characters, the memoryless baseline: interpolated Kneser–Ney 7-gram counted on the "
        "training text, bits per character on the last 100,000 characters", "lower"),
}

# Memory against no memory on real data: (task, best memoryless metric, recurrent metric), both measured
# on the same inputs within the same notebook budget. The results page gives the verdict over seeds.
COMPARISONS: list[tuple[str, str, str]] = [
    ("IMDB sentiment, GloVe vectors pooled with and without an LSTM (ch. 6)",
     "memory_wins_imdb_acc_memoryless", "memory_wins_imdb_acc_recurrent"),
    ("Shakespeare next character: Kneser–Ney 7-gram vs LSTM(256) (ch. 8c)",
     "shakespeare_val_bpc_ngram", "shakespeare_val_bpc"),
    ("JFK temperature 24 h ahead: best memoryless vs best recurrent (ch. 1, 7b)",
     "jfk_temp_rmse_vs_persistence_best_memoryless", "jfk_temp_rmse_vs_persistence_best_recurrent"),
]


def record(name: str, value: float) -> None:
    """Append ``name = value`` to the bench file, if ``make bench`` asked for one.

    ``name`` must be a key of ``METRICS``; ``value`` a finite number.
    """
    if name not in METRICS:
        raise ValueError(f"record(): unknown metric {name!r}; describe it in METRICS in utils/metrics.py first")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"record(): metric {name!r} is {value}; only finite numbers can be recorded")
    target = os.environ.get(ENV_VAR)
    if not target:
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"name": name, "value": value}) + "\n")


def read_records(path: str | Path) -> list[tuple[str, float]]:
    """Read a bench file back as ``[(name, value), ...]`` in the order they were recorded."""
    path = Path(path)
    if not path.exists():
        return []
    out: list[tuple[str, float]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out.append((item["name"], float(item["value"])))
    return out


def seed_spread(name: str, scale: str = "demo") -> dict[str, float] | None:
    """Mean, standard deviation and number of seeds of a metric from the last multi-seed ``make bench``
    (``{"mean": ..., "std": ..., "n": ...}``), or None when it has not been measured over seeds yet."""
    if name not in METRICS:
        raise ValueError(f"seed_spread(): unknown metric {name!r}")
    path = BENCH_DIR / ("results.json" if scale == "demo" else "results_full.json")
    if not path.exists():
        return None
    stats = json.loads(path.read_text(encoding="utf-8")).get("seeds", {}).get(name)
    return None if stats is None else {k: stats[k] for k in ("mean", "std", "n")}
