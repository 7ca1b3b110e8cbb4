"""Export trained models of the chapters for the website's interactive figures ("explorables").

The JavaScript in ``_assets/explorables/`` runs the course's small models in the reader's browser. It
reads their weights from ``_assets/explorables/data/<name>.json``, which the notebooks write after
training, with one call each (``_assets/explorables/README.md`` lists the calls)::

    from utils.explorables import export_recall_rnn
    export_recall_rnn(recall_model, [X_a[0], X_b[0]])

The files are written only when the environment variable ``NWM_EXPORT`` is ``1`` (``make execute``
sets it); anywhere else (a reader's run, nbval, CI) the export functions do nothing. They print and
return nothing either way, so a notebook cell's output is the same with and without the variable. The
``*_payload`` functions build the same dictionaries without writing, for tests.

Every tensor is stored as ``{"dtype", "shape", "data"}`` with ``data`` the base64 of its little-endian
bytes. Small models keep float32 (or float64, for chapter 4's exact measurement); the larger ones are
stored as float16, and the sentiment models' embedding tables as int8 with one float32 scale per row
(``value = q * scale[row]``). Each payload records ``max_change``: the largest change that this rounding
makes to the model's outputs on the exported examples. :func:`decode` turns a stored tensor back into
the float64 array that the JavaScript computes with.
"""
from __future__ import annotations

import base64
import copy
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn

from utils.text import tokenize

__all__ = ["DATA_DIR", "FORMAT", "enabled", "encode", "decode", "write",
           "recall_rnn_payload", "export_recall_rnn", "gradient_flow_payload", "export_gradient_flow",
           "review_tokens", "sentiment_payload", "export_sentiment", "char_lm_payload", "export_char_lm",
           "date_translator_payload", "export_date_translator"]

DATA_DIR = Path(__file__).resolve().parents[1] / "_assets" / "explorables" / "data"
FORMAT = "nwm-explorable/1"
_DTYPES = {"float64": "<f8", "float32": "<f4", "float16": "<f2", "int8": "i1"}


def enabled() -> bool:
    """True when exports should be written: the environment variable ``NWM_EXPORT`` is ``1``."""
    return os.environ.get("NWM_EXPORT") == "1"


# --- tensors <-> JSON ------------------------------------------------------------------------------

def _b64(array: np.ndarray, dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(array, dtype=_DTYPES[dtype]).tobytes()).decode("ascii")


def encode(tensor: torch.Tensor | np.ndarray, dtype: str = "float32") -> dict:
    """A tensor of any shape as ``{"dtype", "shape", "data"}``, rounded to ``dtype``.

    ``dtype`` is ``float64``, ``float32``, ``float16`` or ``int8``. For ``int8`` the tensor must be 2-D
    (rows, columns): each row is scaled by its own float32 ``scale`` (largest magnitude -> 127).
    """
    array = tensor.detach().cpu().double().numpy() if isinstance(tensor, torch.Tensor) else np.asarray(tensor)
    out = {"dtype": dtype, "shape": list(array.shape)}
    if dtype == "int8":
        if array.ndim != 2:
            raise ValueError(f"int8 needs a 2-D tensor (rows, columns), got shape {array.shape}")
        scale = (np.abs(array).max(axis=1) / 127).astype(np.float32)
        safe = np.where(scale > 0, scale, 1).astype(np.float64)
        quantized = np.clip(np.rint(array / safe[:, None]), -127, 127)
        out["scale"] = encode(scale, "float32")
        out["data"] = _b64(quantized, "int8")
    else:
        out["data"] = _b64(array, dtype)
    return out


def decode(stored: dict) -> np.ndarray:
    """The float64 array (of the stored shape) that a stored tensor stands for, as the JavaScript sees it."""
    raw = np.frombuffer(base64.b64decode(stored["data"]), dtype=_DTYPES[stored["dtype"]]).astype(np.float64)
    if stored["dtype"] == "int8":
        raw = raw.reshape(stored["shape"]) * decode(stored["scale"])[:, None]
    return raw.reshape(stored["shape"])


def write(name: str, payload: dict, directory: str | os.PathLike[str] | None = None) -> Path | None:
    """Write ``payload`` to ``<directory>/<name>.json`` if :func:`enabled`; return the path, else ``None``."""
    if not enabled():
        return None
    path = Path(directory) if directory is not None else DATA_DIR
    path.mkdir(parents=True, exist_ok=True)
    path = path / f"{name}.json"
    path.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


# --- shared pieces ---------------------------------------------------------------------------------

class _Packer:
    """Encodes a model's parameters and remembers their rounded values, to measure what rounding changes."""

    def __init__(self, model: nn.Module):
        self.model = model
        self.names = {id(p): name for name, p in model.named_parameters()}
        self.rounded: dict[str, torch.Tensor] = {}

    def __call__(self, parameter: torch.Tensor, dtype: str) -> dict:
        stored = encode(parameter, dtype)
        if id(parameter) in self.names:
            self.rounded[self.names[id(parameter)]] = torch.from_numpy(decode(stored))
        return stored

    def max_change(self, run: Callable[[nn.Module], torch.Tensor]) -> float:
        """Largest |run(model) - run(model with the rounded weights)|, both in eval mode and float64."""
        twin = copy.deepcopy(self.model).double().eval()
        reference = copy.deepcopy(self.model).double().eval()
        with torch.no_grad():
            for name, p in twin.named_parameters():
                if name in self.rounded:
                    p.copy_(self.rounded[name])
            return float((run(twin) - run(reference)).abs().max())


def _recurrent(model: nn.Module) -> nn.RNNBase:
    """The first nn.RNN / nn.LSTM / nn.GRU inside ``model`` (one layer, batch_first)."""
    layer = next((m for m in model.modules() if isinstance(m, nn.RNNBase)), None)
    if layer is None or layer.num_layers != 1 or layer.bidirectional:
        raise ValueError("expected a model with a one-layer, one-direction nn.RNN, nn.LSTM or nn.GRU")
    return layer


def _layer(layer: nn.RNNBase, pack: _Packer, dtype: str) -> dict:
    """A recurrent layer's four tensors (PyTorch's names and gate order: LSTM i,f,g,o; GRU r,z,n)."""
    return {"type": layer.mode.lower().replace("rnn_tanh", "rnn"), "input_size": layer.input_size,
            "hidden_size": layer.hidden_size,
            **{name: pack(getattr(layer, f"{name}_l0"), dtype)
               for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}}


def _linear(linear: nn.Linear, pack: _Packer, dtype: str) -> dict:
    return {"weight": pack(linear.weight, dtype), "bias": pack(linear.bias, dtype)}


# --- chapter 2: the recall-the-first-symbol RNN ----------------------------------------------------

def recall_rnn_payload(model: nn.Module, examples: Sequence[Sequence[int] | torch.Tensor]) -> dict:
    """Chapter 2's ``RecallRNN``: one-hot symbols -> ``model.rnn`` (nn.RNN) -> ``model.head`` on a state.

    ``examples``: a few symbol sequences (each (T,) ints in 0 ... n_symbols-1), offered on the page.
    """
    pack, n = _Packer(model), model.n_symbols
    sequences = [[int(s) for s in seq] for seq in examples]
    payload = {"format": FORMAT, "kind": "rnn-unrolled", "source": "chapters/02_rnn.ipynb", "n_symbols": n,
               "rnn": _layer(model.rnn, pack, "float32"), "head": _linear(model.head, pack, "float32"),
               "examples": sequences}
    ids = torch.tensor(sequences[0])[None]
    payload["max_change"] = pack.max_change(lambda m: m.head(m.rnn(nn.functional.one_hot(ids, n).double())[0]))
    return payload


def export_recall_rnn(model: nn.Module, examples: Sequence[Sequence[int] | torch.Tensor]) -> None:
    """Write ``rnn_recall.json`` (see :func:`recall_rnn_payload`) when :func:`enabled`."""
    if enabled():
        write("rnn_recall", recall_rnn_payload(model, examples))


# --- chapter 4: the gradient reaching earlier steps -------------------------------------------------

def gradient_flow_payload(W_base: torch.Tensor, W_xh: torch.Tensor, X: torch.Tensor, w_out: torch.Tensor,
                          radii: Sequence[float] = (0.5, 1.0, 1.5)) -> dict:
    """Chapter 4's measurement, stored exactly (float64).

    ``W_base`` (H, H) has spectral radius 1 (the slider multiplies it by rho), ``W_xh`` (H, D), ``X`` the
    input sequence (1, T, D) or (T, D), ``w_out`` (H,) the read-out of the loss L = w_out . h_T (no bias).
    ``radii``: the values of rho that the chapter's figure shows. The eigenvalues of ``W_base`` are stored
    too, (H, 2) real and imaginary parts, for the page's picture of the spectrum.
    """
    eigenvalues = torch.view_as_real(torch.linalg.eigvals(W_base.double()))
    return {"format": FORMAT, "kind": "gradient-flow", "source": "chapters/04_bptt.ipynb",
            "W_base": encode(W_base, "float64"), "W_xh": encode(W_xh, "float64"),
            "X": encode(X.reshape(-1, X.shape[-1]), "float64"), "w_out": encode(w_out, "float64"),
            "eigenvalues": encode(eigenvalues, "float64"), "radii": [float(r) for r in radii], "max_change": 0.0}


def export_gradient_flow(W_base: torch.Tensor, W_xh: torch.Tensor, X: torch.Tensor, w_out: torch.Tensor,
                         radii: Sequence[float] = (0.5, 1.0, 1.5)) -> None:
    """Write ``gradient_flow.json`` (see :func:`gradient_flow_payload`) when :func:`enabled`."""
    if enabled():
        write("gradient_flow", gradient_flow_payload(W_base, W_xh, X, w_out, radii))


# --- chapters 6 and 7b: gates on a review ----------------------------------------------------------

def review_tokens(text: str, tail_chars: int = 1000, drop_cut_first: bool = True) -> list[str]:
    """A review as its chapter reads it (before the last-100 cut): ``utils.text.tokenize`` of its last
    ``tail_chars`` characters, without the first token (maybe half a word) when the text was cut and
    ``drop_cut_first`` (chapter 6 drops it, chapter 7b keeps it). The page's JavaScript mirrors this."""
    if len(text) <= tail_chars:
        return tokenize(text)
    tokens = tokenize(text[-tail_chars:])
    return tokens[1:] if drop_cut_first else tokens


def sentiment_payload(model: nn.Module, vocab, examples: Sequence[tuple[str, int]], length: int = 100,
                      tail_chars: int = 1000, drop_cut_first: bool = True, source: str = "",
                      max_words: int | None = None) -> dict:
    """A sentiment classifier: ``model.embed`` -> one nn.LSTM or nn.GRU -> ``model.head`` (2 classes). The
    head reads the last state, or, when it takes ``2 * hidden_size`` inputs, the mean and the maximum of
    the outputs over the real (not padded) steps (``utils.sentiment.pool_over_time``; ``"pooling":
    "mean_max"`` in the payload). Reviews are read as :func:`review_tokens`, the last ``length`` tokens,
    left-padded (a ``tail_chars`` longer than any review reads the whole text, as ``utils.imdb`` does).

    ``vocab``: the chapter's ``utils.text.Vocabulary``; the page knows its first ``max_words`` entries
    (the most frequent; all of them if ``None``) and reads the other words as ``<unk>``, which keeps the
    file under 1 MB. ``examples``: (review text, label 0/1) pairs offered on the page. The embedding table
    is stored as int8 (one scale per row), the rest as float32; ``max_change`` compares the page's model
    (rounded weights, shorter vocabulary) with the chapter's on the examples.
    """
    pack, layer = _Packer(model), _recurrent(model)
    words = len(vocab) if max_words is None else min(max_words, len(vocab))
    pooling = "mean_max" if model.head.in_features == 2 * layer.hidden_size else "last"
    embed = encode(model.embed.weight[:words], "int8")
    payload = {"format": FORMAT, "kind": "gates-review", "source": source, "length": length,
               "tail_chars": tail_chars, "drop_cut_first": drop_cut_first, "pooling": pooling,
               "itos": list(vocab.itos)[:words], "embed": embed, "rnn": _layer(layer, pack, "float32"),
               "head": _linear(model.head, pack, "float32"),
               "examples": [{"text": text, "label": int(label)} for text, label in examples]}
    ids = torch.stack([_review_ids(text, vocab, length, tail_chars, drop_cut_first) for text, _ in examples])
    page_ids = torch.where(ids < words, ids, 1)                              # 1 = <unk>
    twin, reference = (copy.deepcopy(model).double().eval() for _ in range(2))
    with torch.no_grad():
        for name, p in twin.named_parameters():
            if name in pack.rounded:
                p.copy_(pack.rounded[name])
        twin.embed.weight[:words] = torch.from_numpy(decode(embed))
        change = twin(page_ids).softmax(dim=-1) - reference(ids).softmax(dim=-1)
    payload["max_change"] = float(change.abs().max())
    return payload


def _review_ids(text: str, vocab, length: int, tail_chars: int, drop_cut_first: bool) -> torch.Tensor:
    """One review -> LongTensor (length,): its last ``length`` token ids, left-padded with 0."""
    ids = vocab.encode(review_tokens(text, tail_chars, drop_cut_first))[-length:]
    return torch.tensor([0] * (length - len(ids)) + ids)


def export_sentiment(model: nn.Module, vocab, examples: Sequence[tuple[str, int]], length: int = 100,
                     tail_chars: int = 1000, drop_cut_first: bool = True, source: str = "",
                     max_words: int | None = None) -> None:
    """Write ``sentiment_lstm.json`` or ``sentiment_gru.json`` (by the model's recurrent layer; see
    :func:`sentiment_payload`) when :func:`enabled`."""
    if enabled():
        payload = sentiment_payload(model, vocab, examples, length, tail_chars, drop_cut_first, source,
                                    max_words)
        write(f"sentiment_{payload['rnn']['type']}", payload)


# --- chapter 8c: sampling Shakespeare --------------------------------------------------------------

def char_lm_payload(model: nn.Module, chars: Sequence[str], prompt: str = "KING HENRY:\n") -> dict:
    """Chapter 8c's ``CharLM``: ``model.embed`` -> ``model.rnn`` (nn.LSTM or nn.GRU) -> ``model.head``, one character
    per step. ``chars``: the characters in index order. Stored as float16."""
    pack = _Packer(model)
    payload = {"format": FORMAT, "kind": "char-sampler", "source": "chapters/08c_generation.ipynb",
               "chars": list(chars), "prompt": prompt, "embed": pack(model.embed.weight, "float16"),
               "rnn": _layer(_recurrent(model), pack, "float16"), "head": _linear(model.head, pack, "float16")}
    ids = torch.tensor([[chars.index(c) for c in prompt]])
    payload["max_change"] = pack.max_change(lambda m: m(ids)[0])
    return payload


def export_char_lm(model: nn.Module, chars: Sequence[str], prompt: str = "KING HENRY:\n") -> None:
    """Write ``char_lm.json`` (see :func:`char_lm_payload`) when :func:`enabled`."""
    if enabled():
        write("char_lm", char_lm_payload(model, chars, prompt))


# --- chapter 8: translating dates, with attention --------------------------------------------------

def date_translator_payload(model: nn.Module, src_itos: Sequence[str], tgt_itos: Sequence[str], src_len: int,
                            tgt_len: int, examples: Sequence[str]) -> dict:
    """Chapter 8's ``AttentionSeq2Seq``: ``src_embed`` -> ``encoder`` (GRU) over the date's characters,
    left-padded to ``src_len`` with index 0; ``tgt_embed`` -> ``decoder`` (GRU, started from the encoder's
    last state); dot-product attention over the non-pad encoder states; Luong's layer
    ``tanh(combine([context; h_t]))`` (``combine``: no bias), then ``head``.
    Greedy decoding from ``<bos>`` (1) until ``<eos>`` (2) or ``tgt_len`` words. Stored as float16.
    ``examples``: English dates offered on the page."""
    pack = _Packer(model)
    payload = {"format": FORMAT, "kind": "date-attention", "source": "chapters/08_translation.ipynb",
               "src_itos": list(src_itos), "tgt_itos": list(tgt_itos), "src_len": src_len, "tgt_len": tgt_len,
               "pad": 0, "bos": 1, "eos": 2, "examples": list(examples),
               "src_embed": pack(model.src_embed.weight, "float16"), "encoder": _layer(model.encoder, pack, "float16"),
               "tgt_embed": pack(model.tgt_embed.weight, "float16"), "decoder": _layer(model.decoder, pack, "float16"),
               "combine": pack(model.combine.weight, "float16"), "head": _linear(model.head, pack, "float16")}
    stoi = {c: i for i, c in enumerate(src_itos)}
    x = torch.tensor([[0] * (src_len - len(e)) + [stoi[c] for c in e] for e in examples])
    y_in = torch.ones(len(examples), tgt_len, dtype=torch.long)          # <bos> at every step: any input will do
    payload["max_change"] = pack.max_change(lambda m: m(x, y_in))
    return payload


def export_date_translator(model: nn.Module, src_itos: Sequence[str], tgt_itos: Sequence[str], src_len: int,
                           tgt_len: int, examples: Sequence[str]) -> None:
    """Write ``date_attention.json`` (see :func:`date_translator_payload`) when :func:`enabled`."""
    if enabled():
        write("date_attention", date_translator_payload(model, src_itos, tgt_itos, src_len, tgt_len, examples))
