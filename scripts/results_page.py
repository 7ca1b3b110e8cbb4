"""Turn ``_build/bench/results.json`` (from ``make bench``) into the book page ``results.md``:
each recorded metric beside the anchor's published number, the notebook timings, and the machine.

    python scripts/results_page.py _build/bench/results.json results.md
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

# metric -> (chapter, what it is, higher_is_better, anchor text)
METRICS: dict[str, tuple[str, str, bool | None, str]] = {
    "jfk_temp_rmse_vs_persistence_mlp": ("1", "JFK temperature 24 h ahead, best memoryless model: "
                                         "test RMSE / persistence RMSE", False,
                                         "Chollet, Jena 24 h (MAE): dense net about equal to the baseline"),
    "memory_task_acc_window_mlp": ("1", "recall the first symbol, window MLP, longest length", True,
                                   "chance = 1 / symbols"),
    "memory_task_acc_rnn": ("2", "recall the first symbol, vanilla RNN, length 20", True, "—"),
    "jfk_temp_rmse_vs_persistence_rnn": ("2", "JFK temperature 24 h ahead, RNN: RMSE / persistence", False,
                                         "Chollet, Jena (MAE): recurrent nets roughly 10 % below the baseline"),
    "rt_sentiment_acc_rnn": ("3", "Rotten Tomatoes sentences, positive / negative, vanilla RNN", True, "—"),
    "sentiment3_acc_rnn": ("3", "Rotten Tomatoes snippets, 3 classes, vanilla RNN", True, "—"),
    "bptt_grad_check_rel_error": ("4", "hand-written BPTT vs finite differences, largest relative error", False,
                                  "goal ≤ 1e-6"),
    "imdb_test_acc_bag_of_embeddings": ("5", "IMDB, mean of word embeddings", True, "—"),
    "imdb_test_acc_rnn": ("5", "IMDB, embedding + vanilla RNN", True, "—"),
    "imdb_test_acc_glove": ("5", "IMDB, GloVe-initialised classifier", True,
                            "d2l BiLSTM + GloVe 0.861 (GPU, full data)"),
    "recall25_acc_rnn": ("6", "recall the first symbol at length 25, vanilla RNN (same budget as the LSTM)", True, "—"),
    "recall25_acc_lstm": ("6", "recall the first symbol at length 25, LSTM", True, "—"),
    "imdb_test_acc_lstm": ("6", "IMDB, embedding + LSTM", True, "Chollet LSTM 0.876–0.893 (GPU, full data)"),
    "lstm_scratch_step_time_ratio": ("6", "training step time, from-scratch LSTM / nn.LSTM", False, "—"),
    "human_numbers_val_acc_lstm": ("6", "Human Numbers, next word, 2-layer LSTM with state carried", True,
                                   "fastbook LSTM 0.758; regularised 0.869"),
    "human_numbers_val_acc_rnn": ("7", "Human Numbers, next word, RNN", True, "fastbook 2-layer RNN 0.488"),
    "human_numbers_val_acc_lstm_same_budget": ("7", "Human Numbers, next word, LSTM, same budget as RNN/GRU",
                                               True,
                                               "fastbook LSTM 0.758; regularised 0.869"),
    "human_numbers_val_acc_gru": ("7", "Human Numbers, next word, GRU", True, "fastbook LSTM 0.758; regularised 0.869"),
    "imdb_test_acc_gru": ("7", "IMDB, GRU", True, "Chollet LSTM 0.876–0.893 (GPU, full data)"),
    "jfk_temp_rmse_vs_persistence_gru": ("7", "JFK temperature 24 h ahead, GRU: RMSE / persistence", False,
                                         "Chollet, Jena (MAE): recurrent nets roughly 10 % below the baseline"),
    "date_translation_exact_match": ("8", "dates English → Russian words, exact match", True, "goal ≥ 0.99"),
    "date_translation_attention_exact_match": ("8", "dates English → Russian words, with attention", True,
                                               "goal ≥ 0.99"),
    "caption_exact_match": ("8", "digit-strip captions, exact match", True, "—"),
    "shakespeare_val_bpc": ("8", "Shakespeare characters, validation bits per character", False,
                            "Karpathy char-rnn ≈ 2.01 bits (1.395 nats) on tiny Shakespeare, long GPU run"),
}


def render(results: dict) -> str:
    lines = ["# Results", "",
             "Every number on this page was produced by `make bench`, which executes each chapter notebook in a fresh",
             "kernel and collects what the notebooks `record`. It is regenerated, never edited by hand. Our models",
             "train for seconds on one CPU thread; the anchors are the published figures of longer runs, usually",
             "on GPUs and with more data, so they show what the same idea reaches with more compute.", "",
             "## Metrics", "", "| chapter | metric | ours | anchor |", "|---|---|---|---|"]
    metrics = results.get("metrics", {})
    for name, (chapter, what, _, anchor) in METRICS.items():
        value = metrics.get(name)
        shown = "not recorded yet" if value is None else f"{value:.4g}"
        lines.append(f"| {chapter} | {what} (`{name}`) | {shown} | {anchor} |")
    for name in sorted(set(metrics) - set(METRICS)):
        lines.append(f"| — | `{name}` | {metrics[name]:.4g} | — |")
    lines += ["", "## Execution time per notebook", "", "| notebook | seconds |", "|---|---|"]
    for stem, info in results.get("notebooks", {}).items():
        lines.append(f"| {stem} | {info['seconds']:.1f} |")
    if "total_seconds" in results:
        lines.append(f"| **total** | **{results['total_seconds']:.1f}** |")
    m = results.get("machine", {})
    if m:
        lines += ["", "## Machine", "",
                  f"{m.get('cpus')} CPU cores ({m.get('processor')}), {m.get('platform')}; Python {m.get('python')}, "
                  f"PyTorch {m.get('torch')} on {m.get('torch_threads')} thread; measured {m.get('date')}."]
    return "\n".join(lines) + "\n"


def main() -> int:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/bench/results.json")
    target = Path(sys.argv[2] if len(sys.argv) > 2 else "results.md")
    if not source.exists():
        print(f"results_page: {source} not found; run `make bench` first", file=sys.stderr)
        return 2
    target.write_text(render(json.loads(source.read_text(encoding="utf-8"))), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
