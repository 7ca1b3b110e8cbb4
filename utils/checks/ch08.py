"""Checkers for chapter 8: translation, image captions and text generation."""
from __future__ import annotations

import math

import torch

from .core import Case, Mistake, run_checks

__all__ = ["exact_match", "dot_attention", "caption_targets", "softmax_with_temperature", "bits_per_char"]


def _randn(*shape: int, seed: int, scale: float = 1.0) -> torch.Tensor:
    return scale * torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


# ---------------------------------------------------------------------------------------------------------
# exact match of whole word sequences
# ---------------------------------------------------------------------------------------------------------

def _exact_reference(predictions: list[list[str]], references: list[list[str]]) -> float:
    return sum(list(p) == list(r) for p, r in zip(predictions, references, strict=True)) / len(references)


def _exact_word_accuracy(predictions, references):
    pairs = [(a, b) for p, r in zip(predictions, references, strict=True) for a, b in zip(p, r)]
    return sum(a == b for a, b in pairs) / len(pairs)


def _exact_zip_prefix(predictions, references):
    ok = [all(a == b for a, b in zip(p, r)) for p, r in zip(predictions, references, strict=True)]
    return sum(ok) / len(references)


def exact_match(fn) -> None:
    """Check ``fn(predictions, references) -> float``: the fraction of sequences predicted exactly.

    Both arguments are lists of N word lists; a prediction counts only when it has the same words in the
    same order and the same length as its reference.
    """
    ref = [["двадцать", "первое", "мая"], ["пятое", "июня"], ["первое", "января"], ["третье", "мая"]]
    cases = [
        Case("all four correct", (ref, ref)),
        Case("one word wrong in one of four", ([["двадцать", "второе", "мая"]] + ref[1:], ref)),
        Case("a prediction that stops early", ([["двадцать", "первое"]] + ref[1:], ref)),
        Case("a prediction that runs on", ([ref[0] + ["мая"]] + ref[1:], ref)),
        Case("two of three wrong", ([["five"], ["six", "six"], ["one", "two"]],
                                    [["five"], ["six"], ["one", "one"]])),
        Case("a single empty reference", ([[]], [[]])),
    ]
    mistakes = [
        Mistake("zip() stops at the shorter list, so a prediction that stops early or runs on looks "
                "right: compare the lists themselves (`pred == ref`), which also compares lengths.",
                _exact_zip_prefix),
        Mistake("that is word-level accuracy: exact match counts a sequence as right only when ALL its "
                "words are right, so one wrong word makes the whole sequence wrong.", _exact_word_accuracy),
        Mistake("that is the number of exact matches: divide by the number of sequences.",
                lambda p, r: float(sum(list(a) == list(b) for a, b in zip(p, r, strict=True)))),
        Mistake("return a fraction between 0 and 1, not a percentage.",
                lambda p, r: 100.0 * _exact_reference(p, r)),
    ]
    run_checks("exact_match", fn, cases, _exact_reference, mistakes,
               signature="exact_match(predictions, references)",
               default_hint="count the pairs with `pred == ref` and divide by len(references).",
               error_hint="loop over zip(predictions, references) and compare each pair of lists with ==.")


# ---------------------------------------------------------------------------------------------------------
# dot-product attention for one decoder step
# ---------------------------------------------------------------------------------------------------------

def _attention_reference(query, keys, pad_mask):
    scores = torch.einsum("bh,bsh->bs", query, keys)
    weights = scores.masked_fill(pad_mask, float("-inf")).softmax(dim=1)
    return torch.einsum("bs,bsh->bh", weights, keys), weights


def _attention_no_mask(query, keys, pad_mask):
    weights = torch.einsum("bh,bsh->bs", query, keys).softmax(dim=1)
    return torch.einsum("bs,bsh->bh", weights, keys), weights


def _attention_mask_after(query, keys, pad_mask):
    weights = torch.einsum("bh,bsh->bs", query, keys).softmax(dim=1).masked_fill(pad_mask, 0.0)
    return torch.einsum("bs,bsh->bh", weights, keys), weights


def _attention_wrong_dim(query, keys, pad_mask):
    weights = torch.einsum("bh,bsh->bs", query, keys).masked_fill(pad_mask, float("-inf")).softmax(dim=0)
    return torch.einsum("bs,bsh->bh", weights, keys), weights


def _attention_scaled(query, keys, pad_mask):
    scores = torch.einsum("bh,bsh->bs", query, keys) / math.sqrt(query.shape[-1])
    weights = scores.masked_fill(pad_mask, float("-inf")).softmax(dim=1)
    return torch.einsum("bs,bsh->bh", weights, keys), weights


def _attention_query_context(query, keys, pad_mask):
    _, weights = _attention_reference(query, keys, pad_mask)
    return query * weights.sum(dim=1, keepdim=True), weights


def _pad(batch: int, length: int, real: list[int]) -> torch.Tensor:
    return torch.arange(length).expand(batch, length) >= torch.tensor(real).unsqueeze(1)


def dot_attention(fn) -> None:
    """Check ``fn(query, keys, pad_mask) -> (context, weights)``, dot-product attention for one step.

    ``query`` (B, H) is the decoder state, ``keys`` (B, S, H) the encoder states (they are also the
    values), ``pad_mask`` (B, S) bool, True at padding. ``weights`` (B, S) = softmax over the S source
    positions of ``keys[b, s] · query[b]`` with padded positions at weight 0; ``context`` (B, H) =
    the weighted sum of the encoder states. No scaling by sqrt(H).
    """
    cases = [
        Case("B=1, S=4, H=3, no padding", (_randn(1, 3, seed=0), _randn(1, 4, 3, seed=1), _pad(1, 4, [4]))),
        Case("B=3, S=5, H=2, different padding per row",
             (_randn(3, 2, seed=2), _randn(3, 5, 2, seed=3), _pad(3, 5, [5, 3, 1]))),
        Case("B=2, S=6, H=4, large scores",
             (_randn(2, 4, seed=4, scale=3.0), _randn(2, 6, 4, seed=5, scale=3.0), _pad(2, 6, [6, 4]))),
        Case("B=4, S=1, H=5, a single source position", (_randn(4, 5, seed=6), _randn(4, 1, 5, seed=7),
                                                          _pad(4, 1, [1, 1, 1, 1]))),
    ]
    mistakes = [
        Mistake("padded positions get weight: set their scores to -inf (masked_fill(pad_mask, "
                "float('-inf'))) BEFORE the softmax.", _attention_no_mask),
        Mistake("the mask is applied after the softmax, so the remaining weights no longer sum to 1: "
                "mask the scores with -inf before the softmax instead.", _attention_mask_after),
        Mistake("the softmax runs over the batch: normalise over the source positions, softmax(dim=1) "
                "for scores of shape (B, S).", _attention_wrong_dim),
        Mistake("the scores are divided by sqrt(H): this exercise (and our model) uses the plain dot "
                "product.", _attention_scaled),
        Mistake("the context is a weighted sum of the encoder states (keys), not of the query: "
                "context[b] = sum_s weights[b, s] * keys[b, s].", _attention_query_context),
    ]
    run_checks("dot_attention", fn, cases, _attention_reference, mistakes,
               signature="dot_attention(query, keys, pad_mask)",
               default_hint="scores = (keys @ query.unsqueeze(2)).squeeze(2); mask with -inf; softmax over "
                            "dim 1; context = (weights.unsqueeze(1) @ keys).squeeze(1). Return (context, weights).",
               error_hint="check the shapes: query (B, H), keys (B, S, H), pad_mask (B, S); "
                          "torch.einsum('bh,bsh->bs', query, keys) gives the scores.")


# ---------------------------------------------------------------------------------------------------------
# decoder inputs and targets for captions
# ---------------------------------------------------------------------------------------------------------

def _targets_reference(captions, stoi, max_len):
    inputs = torch.full((len(captions), max_len + 1), stoi["<pad>"], dtype=torch.long)
    targets = inputs.clone()
    for row, words in enumerate(captions):
        ids = [stoi[w] for w in words]
        inputs[row, : len(ids) + 1] = torch.tensor([stoi["<bos>"]] + ids)
        targets[row, : len(ids) + 1] = torch.tensor(ids + [stoi["<eos>"]])
    return inputs, targets


def _targets_no_eos(captions, stoi, max_len):
    inputs, targets = _targets_reference(captions, stoi, max_len)
    return inputs, targets.masked_fill(targets == stoi["<eos>"], stoi["<pad>"])


def _targets_not_shifted(captions, stoi, max_len):
    inputs, _ = _targets_reference(captions, stoi, max_len)
    return inputs, inputs.clone()


def _targets_eos_padding(captions, stoi, max_len):
    inputs, targets = _targets_reference(captions, stoi, max_len)
    return inputs, targets.masked_fill(targets == stoi["<pad>"], stoi["<eos>"])


def _targets_bos_in_target(captions, stoi, max_len):
    inputs, _ = _targets_reference(captions, stoi, max_len)
    targets = torch.full_like(inputs, stoi["<pad>"])
    for row, words in enumerate(captions):
        ids = [stoi["<bos>"]] + [stoi[w] for w in words]
        targets[row, : len(ids)] = torch.tensor(ids)
    return inputs, targets


def caption_targets(fn) -> None:
    """Check ``fn(captions, stoi, max_len) -> (inputs, targets)``, the teacher-forcing tensors.

    ``captions`` is a list of N word lists (each at most ``max_len`` words), ``stoi`` maps every word and
    the specials ``"<pad>"``, ``"<bos>"``, ``"<eos>"`` to an index. Both results are int64 tensors of
    shape (N, max_len + 1): ``inputs[i] = [<bos>, w1, ..., wk, <pad>, ...]`` and
    ``targets[i] = [w1, ..., wk, <eos>, <pad>, ...]`` (the inputs shifted left by one, ending in <eos>).
    """
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    stoi = {"<pad>": 0, "<bos>": 1, "<eos>": 2} | {w: i + 3 for i, w in enumerate(words)}
    other = {"<pad>": 0, "<eos>": 1, "<bos>": 2, "cat": 3, "dog": 4, "sat": 5}
    cases = [
        Case("one caption of two words, max_len=4", ([["five", "six"]], stoi, 4)),
        Case("three captions of lengths 1, 4, 2, max_len=4",
             ([["nine"], ["one", "two", "three", "four"], ["zero", "zero"]], stoi, 4)),
        Case("a caption exactly max_len=3 words long", ([["seven", "eight", "nine"]], stoi, 3)),
        Case("a different vocabulary with <eos>=1, <bos>=2", ([["cat", "sat"], ["dog"]], other, 3)),
    ]
    mistakes = [
        Mistake("the targets must end with <eos> after the last word: it is how the decoder learns to "
                "stop.", _targets_no_eos),
        Mistake("the targets are the inputs shifted left by one: at step t the decoder reads word t "
                "(<bos> at t=0) and must predict word t+1.", _targets_not_shifted),
        Mistake("pad with stoi['<pad>'] after <eos>, not with more <eos> (the loss ignores <pad>).",
                _targets_eos_padding),
        Mistake("<bos> belongs to the inputs only: the targets start with the first word.",
                _targets_bos_in_target),
    ]
    run_checks("caption_targets", fn, cases, _targets_reference, mistakes,
               signature="caption_targets(captions, stoi, max_len)",
               default_hint="start both tensors full of stoi['<pad>'], shape (N, max_len + 1); write "
                            "[<bos>] + ids into inputs and ids + [<eos>] into targets; use the indices in stoi.",
               error_hint="make each tensor with torch.full((N, max_len + 1), stoi['<pad>'], dtype=torch.long) "
                          "and fill row i with torch.tensor(...).")


# ---------------------------------------------------------------------------------------------------------
# softmax with temperature
# ---------------------------------------------------------------------------------------------------------

def _softmax_t_reference(logits, temperature):
    scaled = logits / temperature
    scaled = scaled - scaled.max(dim=-1, keepdim=True).values
    e = scaled.exp()
    return e / e.sum(dim=-1, keepdim=True)


def _softmax_t_naive(logits, temperature):
    e = (logits / temperature).exp()
    return e / e.sum(dim=-1, keepdim=True)


def softmax_with_temperature(fn) -> None:
    """Check ``fn(logits, temperature) -> probs``: ``softmax(logits / temperature)`` over the last dim.

    ``logits`` (..., V) float64, ``temperature`` > 0 a float; ``probs`` has the shape of ``logits``,
    each row sums to 1. Must stay finite for logits of size ~1000 (subtract the maximum first).
    """
    cases = [
        Case("V=5 logits, temperature 1", (_randn(5, seed=0), 1.0)),
        Case("a (2, 5) batch, temperature 0.5 (sharper)", (_randn(2, 5, seed=1), 0.5)),
        Case("a (3, 4) batch, temperature 2.0 (flatter)", (_randn(3, 4, seed=2, scale=2.0), 2.0)),
        Case("logits around 1000, temperature 1", (1000.0 + _randn(2, 6, seed=3), 1.0)),
        Case("logits around 1000, temperature 0.1", (1000.0 + _randn(4, 3, seed=4), 0.1)),
    ]
    mistakes = [
        Mistake("the logits are multiplied by the temperature: divide them, logits / temperature "
                "(a high temperature must flatten the distribution).",
                lambda x, t: _softmax_t_reference(x * t, 1.0)),
        Mistake("exp() overflows for large logits (exp(1000) is inf, inf / inf is NaN): subtract each "
                "row's maximum before exp(); softmax does not change when a constant is subtracted.",
                _softmax_t_naive),
        Mistake("the softmax runs over the wrong dimension: normalise over the last one (the vocabulary), "
                "dim=-1, so each row sums to 1.", lambda x, t: torch.softmax(x / t, dim=0)),
        Mistake("the temperature is applied after the softmax: divide the logits by the temperature, "
                "then take the softmax.", lambda x, t: torch.softmax(x, dim=-1) / t),
        Mistake("that is the log of the probabilities (log_softmax): return the probabilities.",
                lambda x, t: torch.log_softmax(x / t, dim=-1)),
    ]
    run_checks("softmax_with_temperature", fn, cases, _softmax_t_reference, mistakes,
               signature="softmax_with_temperature(logits, temperature)",
               default_hint="scaled = logits / temperature; subtract scaled.max(dim=-1, keepdim=True).values; "
                            "exp; divide by the sum over dim=-1 (keepdim=True).",
               error_hint="use tensor operations on the last dimension (dim=-1, keepdim=True) so that any "
                          "number of leading dimensions works.")


# ---------------------------------------------------------------------------------------------------------
# bits per character
# ---------------------------------------------------------------------------------------------------------

def _bpc_reference(logits, targets):
    nats = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
    return float(nats) / math.log(2)


def _bpc_nats(logits, targets):
    return _bpc_reference(logits, targets) * math.log(2)


def bits_per_char(fn) -> None:
    """Check ``fn(logits, targets) -> float``: the mean cross-entropy in bits per character.

    ``logits`` (B, T, V) float64 scores for the next character, ``targets`` (B, T) int64 the characters
    that came. Cross-entropy is in nats (natural log); bits = nats / ln 2.
    """
    def case(b, t, v, seed, scale=1.0):
        targets = torch.randint(0, v, (b, t), generator=torch.Generator().manual_seed(seed + 100))
        return (_randn(b, t, v, seed=seed, scale=scale), targets)

    cases = [
        Case("B=1, T=4, V=3", case(1, 4, 3, 0)),
        Case("B=2, T=5, V=7", case(2, 5, 7, 1)),
        Case("B=3, T=2, V=80, confident scores", case(3, 2, 80, 2, scale=5.0)),
        Case("uniform scores over V=8 (the answer is log2(8) = 3 bits)",
             (torch.zeros(2, 3, 8, dtype=torch.float64), torch.tensor([[0, 1, 2], [5, 6, 7]]))),
    ]
    mistakes = [
        Mistake("that is nats per character (the natural log that cross_entropy uses): divide by "
                "math.log(2) to get bits.", _bpc_nats),
        Mistake("the conversion is upside down: bits = nats / ln 2 (multiplying by ln 2 makes it smaller).",
                lambda x, y: _bpc_nats(x, y) * math.log(2)),
        Mistake("that is the log base 10 (divided by ln 10): bits use base 2, divide the nats by ln 2.",
                lambda x, y: _bpc_nats(x, y) / math.log(10)),
        Mistake("that is the sum over all characters: take the mean per character.",
                lambda x, y: _bpc_reference(x, y) * y.numel()),
        Mistake("that is the perplexity per character, 2 ** bits: return the bits themselves.",
                lambda x, y: 2.0 ** _bpc_reference(x, y)),
    ]
    run_checks("bits_per_char", fn, cases, _bpc_reference, mistakes,
               signature="bits_per_char(logits, targets)",
               default_hint="F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1)) is the mean in "
                            "nats; divide by math.log(2).",
               error_hint="cross_entropy wants (N, V) scores and (N,) targets: flatten with "
                          "logits.reshape(-1, logits.shape[-1]) and targets.reshape(-1).")
