"""Checkers for chapter 8: translation, image captions and text generation."""
from __future__ import annotations

import math

import torch

from .core import Case, Exercise, Mistake, seeded

__all__ = ["exact_match", "dot_attention", "caption_targets", "softmax_with_temperature", "bits_per_char"]


def _randn(*shape: int, seed: int, scale: float = 1.0) -> torch.Tensor:
    return seeded(*shape, seed=seed, scale=scale)


# ---------------------------------------------------------------------------------------------------------
# exact match of whole word sequences
# ---------------------------------------------------------------------------------------------------------

def _exact_match(predictions, references):
    """predictions, references: lists of N word lists -> float in [0, 1]."""
    # whole sequences: the same words, in the same order, of the same length
    hits = sum(list(p) == list(r) for p, r in zip(predictions, references))
    return hits / len(references)


def _exact_word_accuracy(predictions, references):
    pairs = [(a, b) for p, r in zip(predictions, references, strict=True) for a, b in zip(p, r)]
    return sum(a == b for a, b in pairs) / len(pairs)


def _exact_zip_prefix(predictions, references):
    ok = [all(a == b for a, b in zip(p, r)) for p, r in zip(predictions, references, strict=True)]
    return sum(ok) / len(references)


def _exact_set(predictions, references):
    return sum(set(p) == set(r) for p, r in zip(predictions, references, strict=True)) / len(references)


def _exact_sorted(predictions, references):
    return sum(sorted(p) == sorted(r) for p, r in zip(predictions, references, strict=True)) / len(references)


def _exact_cases() -> list[Case]:
    ref = [["двадцать", "первое", "мая"], ["пятое", "июня"], ["первое", "января"], ["третье", "мая"]]
    return [
        Case("all four correct", (ref, ref)),
        Case("one word wrong in one of four", ([["двадцать", "второе", "мая"]] + ref[1:], ref)),
        Case("a prediction that stops early", ([["двадцать", "первое"]] + ref[1:], ref)),
        Case("a prediction that runs on", ([ref[0] + ["мая"]] + ref[1:], ref)),
        Case("two of three wrong", ([["five"], ["six", "six"], ["one", "two"]],
                                    [["five"], ["six"], ["one", "one"]])),
        Case("a single empty reference", ([[]], [[]])),
        Case("the right words in the wrong order", ([["первое", "двадцать", "мая"]] + ref[1:], ref)),
        Case("a repeated word instead of another one", ([["six", "six", "five"], ["one"]],
                                                        [["six", "five", "five"], ["one"]])),
    ]


_EXACT_MATCH = Exercise(
    name="exact_match", label="ch08-exact-match", reference=_exact_match, cases=_exact_cases,
    mistakes=[
        Mistake("zip() stops at the shorter list, so a prediction that stops early or runs on looks right: "
                "compare whole sequences, which also compares their lengths.", _exact_zip_prefix),
        Mistake("that is word-level accuracy: exact match counts a sequence as right only when ALL its words "
                "are right, so one wrong word makes the whole sequence wrong.", _exact_word_accuracy),
        Mistake("a set forgets the order of the words and how often each appears: compare the sequences as "
                "they are.", _exact_set),
        Mistake("the order of the words is ignored (by sorting, a Counter or a set): the same words in another "
                "order make another sentence.", _exact_sorted),
        Mistake("that is the number of exact matches: divide by the number of sequences.",
                lambda p, r: float(sum(list(a) == list(b) for a, b in zip(p, r, strict=True)))),
        Mistake("return a fraction between 0 and 1, not a percentage.", lambda p, r: 100.0 * _exact_match(p, r)),
    ],
    hint="a prediction counts only when it equals its reference word for word, in the same order and of the "
         "same length; the score is the fraction of such sequences.",
    error_hint="pair each prediction with its reference and compare the two lists as wholes.",
)


def exact_match(fn, reveal: bool = False) -> None:
    """Check ``fn(predictions, references) -> float``: the fraction of sequences predicted exactly.

    Both arguments are lists of N word lists; a prediction counts only when it has the same words in the
    same order and the same length as its reference. ``reveal=True`` also prints one solution.
    """
    _EXACT_MATCH.check(fn, reveal)


# ---------------------------------------------------------------------------------------------------------
# dot-product attention for one decoder step
# ---------------------------------------------------------------------------------------------------------

def _dot_attention(query, keys, pad_mask):
    """query (B, H), keys (B, S, H), pad_mask (B, S) bool
    -> context (B, H), weights (B, S)."""
    scores = (keys @ query.unsqueeze(2)).squeeze(2)  # (B, S): one per source position
    scores = scores.masked_fill(pad_mask, float("-inf"))  # padding gets weight 0
    weights = scores.softmax(dim=1)
    context = (weights.unsqueeze(1) @ keys).squeeze(1)  # (B, H): the weighted sum
    return context, weights


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
    _, weights = _dot_attention(query, keys, pad_mask)
    return query * weights.sum(dim=1, keepdim=True), weights


def _pad(batch: int, length: int, real: list[int]) -> torch.Tensor:
    return torch.arange(length).expand(batch, length) >= torch.tensor(real).unsqueeze(1)


_DOT_ATTENTION = Exercise(
    name="dot_attention", label="ch08-dot-attention", reference=_dot_attention, outputs=("context", "weights"),
    cases=lambda: [
        Case("B=1, S=4, H=3, no padding", (_randn(1, 3, seed=0), _randn(1, 4, 3, seed=1), _pad(1, 4, [4]))),
        Case("B=3, S=5, H=2, different padding per row",
             (_randn(3, 2, seed=2), _randn(3, 5, 2, seed=3), _pad(3, 5, [5, 3, 1]))),
        Case("B=2, S=6, H=4, large scores",
             (_randn(2, 4, seed=4, scale=3.0), _randn(2, 6, 4, seed=5, scale=3.0), _pad(2, 6, [6, 4]))),
        Case("B=4, S=1, H=5, a single source position", (_randn(4, 5, seed=6), _randn(4, 1, 5, seed=7),
                                                          _pad(4, 1, [1, 1, 1, 1]))),
    ],
    mistakes=[
        Mistake("padded positions get weight: push their scores to -inf BEFORE the softmax.", _attention_no_mask),
        Mistake("the mask is applied after the softmax, so the remaining weights no longer sum to 1: mask the "
                "scores instead.", _attention_mask_after),
        Mistake("the softmax runs over the batch: normalise over the source positions.", _attention_wrong_dim),
        Mistake("the scores are divided by sqrt(H): this exercise (and our model) uses the plain dot product.",
                _attention_scaled),
        Mistake("the context is a weighted sum of the encoder states (keys), not of the query.",
                _attention_query_context),
    ],
    hint="score every source position by its dot product with the query, hide the padding, turn the scores "
         "into weights with a softmax over the positions, and average the encoder states with those weights "
         "(section 'What comes next: attention').",
    error_hint="check the shapes: query (B, H), keys (B, S, H), pad_mask (B, S); a batched matrix product "
               "(or torch.einsum) gives scores of shape (B, S).",
)


def dot_attention(fn, reveal: bool = False) -> None:
    """Check ``fn(query, keys, pad_mask) -> (context, weights)``, dot-product attention for one step.

    ``query`` (B, H) is the decoder state, ``keys`` (B, S, H) the encoder states (they are also the
    values), ``pad_mask`` (B, S) bool, True at padding. ``weights`` (B, S) = softmax over the S source
    positions of ``keys[b, s] · query[b]`` with padded positions at weight 0; ``context`` (B, H) =
    the weighted sum of the encoder states. No scaling by sqrt(H). ``reveal=True`` also prints one solution.
    """
    _DOT_ATTENTION.check(fn, reveal)


# ---------------------------------------------------------------------------------------------------------
# decoder inputs and targets for captions
# ---------------------------------------------------------------------------------------------------------

def _caption_targets(captions, stoi, max_len):
    """captions: N word lists (each <= max_len words)
    -> (inputs, targets), LongTensors (N, max_len + 1)."""
    inputs = torch.full((len(captions), max_len + 1), stoi["<pad>"], dtype=torch.long)
    targets = inputs.clone()
    for row, words in enumerate(captions):
        ids = [stoi[w] for w in words]
        inputs[row, : len(ids) + 1] = torch.tensor([stoi["<bos>"]] + ids)
        targets[row, : len(ids) + 1] = torch.tensor(ids + [stoi["<eos>"]])
    return inputs, targets


def _targets_sliced(captions, stoi, max_len):
    """Also right: chapter 8b's construction, one sequence <bos> w1 .. wk <eos> <pad> .. cut into inputs (all
    but the last position) and targets (all but the first). Its inputs keep an <eos> where the reference has a
    <pad>: the target there is <pad>, which the loss ignores."""
    Y = torch.full((len(captions), max_len + 2), stoi["<pad>"], dtype=torch.long)
    for row, words in enumerate(captions):
        ids = [stoi["<bos>"]] + [stoi[w] for w in words] + [stoi["<eos>"]]
        Y[row, : len(ids)] = torch.tensor(ids)
    return Y[:, :-1], Y[:, 1:]


def _targets_no_eos(captions, stoi, max_len):
    inputs, targets = _caption_targets(captions, stoi, max_len)
    return inputs, targets.masked_fill(targets == stoi["<eos>"], stoi["<pad>"])


def _targets_not_shifted(captions, stoi, max_len):
    inputs, _ = _caption_targets(captions, stoi, max_len)
    return inputs, inputs.clone()


def _targets_eos_padding(captions, stoi, max_len):
    inputs, targets = _caption_targets(captions, stoi, max_len)
    return inputs, targets.masked_fill(targets == stoi["<pad>"], stoi["<eos>"])


def _targets_bos_in_target(captions, stoi, max_len):
    inputs, _ = _caption_targets(captions, stoi, max_len)
    targets = torch.full_like(inputs, stoi["<pad>"])
    for row, words in enumerate(captions):
        ids = [stoi["<bos>"]] + [stoi[w] for w in words]
        targets[row, : len(ids)] = torch.tensor(ids)
    return inputs, targets


def _caption_cases() -> list[Case]:
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    stoi = {"<pad>": 0, "<bos>": 1, "<eos>": 2} | {w: i + 3 for i, w in enumerate(words)}
    other = {"<pad>": 0, "<eos>": 1, "<bos>": 2, "cat": 3, "dog": 4, "sat": 5}
    return [
        Case("one caption of two words, max_len=4", ([["five", "six"]], stoi, 4)),
        Case("three captions of lengths 1, 4, 2, max_len=4",
             ([["nine"], ["one", "two", "three", "four"], ["zero", "zero"]], stoi, 4)),
        Case("a caption exactly max_len=3 words long", ([["seven", "eight", "nine"]], stoi, 3)),
        Case("a different vocabulary with <eos>=1, <bos>=2", ([["cat", "sat"], ["dog"]], other, 3)),
    ]


_CAPTION_TARGETS = Exercise(
    name="caption_targets", label="ch08b-caption-targets", reference=_caption_targets, cases=_caption_cases,
    outputs=("inputs", "targets"), also_correct=(_targets_sliced,),
    mistakes=[
        Mistake("the targets must end with <eos> after the last word: it is how the decoder learns to stop.",
                _targets_no_eos),
        Mistake("the targets are the inputs shifted left by one: at step t the decoder reads word t (<bos> at "
                "t = 0) and must predict word t + 1.", _targets_not_shifted),
        Mistake("pad with stoi['<pad>'] after <eos>, not with more <eos> (the loss ignores <pad>).",
                _targets_eos_padding),
        Mistake("<bos> belongs to the inputs only: the targets start with the first word.",
                _targets_bos_in_target),
    ],
    hint="both tensors start as padding; the inputs begin with <bos> and go on with the words, the targets "
         "are the words followed by <eos>; take every index from stoi (section 'The data: strips of digits "
         "and their words').",
    error_hint="both tensors have shape (N, max_len + 1) and dtype torch.long; build each row from a list of "
               "indices looked up in stoi.",
)


def caption_targets(fn, reveal: bool = False) -> None:
    """Check ``fn(captions, stoi, max_len) -> (inputs, targets)``, the teacher-forcing tensors.

    ``captions`` is a list of N word lists (each at most ``max_len`` words), ``stoi`` maps every word and
    the specials ``"<pad>"``, ``"<bos>"``, ``"<eos>"`` to an index. Both results are int64 tensors of
    shape (N, max_len + 1): ``inputs[i] = [<bos>, w1, ..., wk, <pad>, ...]`` and
    ``targets[i] = [w1, ..., wk, <eos>, <pad>, ...]`` (the inputs shifted left by one, ending in <eos>).
    Inputs that keep the <eos> after the last word (``Y[:, :-1]`` of one sequence
    ``<bos> w1 .. wk <eos> <pad> ..``, as chapter 8b builds them) are right too: the target at that
    position is <pad>, which the loss ignores. ``reveal=True`` also prints one solution.
    """
    _CAPTION_TARGETS.check(fn, reveal)


# ---------------------------------------------------------------------------------------------------------
# softmax with temperature
# ---------------------------------------------------------------------------------------------------------

def _softmax_with_temperature(logits, temperature):
    """logits (..., V), temperature > 0 -> probabilities (..., V), summing to 1."""
    scaled = logits / temperature
    # each row's own maximum: then exp() <= 1 and cannot overflow
    scaled = scaled - scaled.max(dim=-1, keepdim=True).values
    e = scaled.exp()
    return e / e.sum(dim=-1, keepdim=True)


def _softmax_t_naive(logits, temperature):
    e = (logits / temperature).exp()
    return e / e.sum(dim=-1, keepdim=True)


def _softmax_t_global_max(logits, temperature):
    scaled = logits / temperature
    e = (scaled - scaled.max()).exp()
    return e / e.sum(dim=-1, keepdim=True)


_SOFTMAX_WITH_TEMPERATURE = Exercise(
    name="softmax_with_temperature", label="ch08c-softmax-temperature", reference=_softmax_with_temperature,
    cases=lambda: [
        Case("V=5 logits, temperature 1", (_randn(5, seed=0), 1.0)),
        Case("a (2, 5) batch, temperature 0.5 (sharper)", (_randn(2, 5, seed=1), 0.5)),
        Case("a (3, 4) batch, temperature 2.0 (flatter)", (_randn(3, 4, seed=2, scale=2.0), 2.0)),
        Case("logits around 1000, temperature 1", (1000.0 + _randn(2, 6, seed=3), 1.0)),
        Case("logits around 1000, temperature 0.1", (1000.0 + _randn(4, 3, seed=4), 0.1)),
        Case("two rows of very different scale, [[1000, 999, 998], [0, 1, -1]]",
             (torch.tensor([[1000.0, 999.0, 998.0], [0.0, 1.0, -1.0]], dtype=torch.float64), 1.0)),
    ],
    mistakes=[
        Mistake("the logits are multiplied by the temperature: a high temperature must flatten the "
                "distribution, so divide.", lambda x, t: _softmax_with_temperature(x * t, 1.0)),
        Mistake("exp() overflows for large logits (exp(1000) is inf, and inf / inf is NaN): subtract a "
                "maximum before exp(); a softmax does not change when a row loses a constant.", _softmax_t_naive),
        Mistake("you subtracted the maximum of the whole tensor: a row far below it underflows to exp() = 0 "
                "everywhere, and 0 / 0 is NaN. Subtract each row's own maximum.", _softmax_t_global_max),
        Mistake("the softmax runs over the wrong dimension: normalise over the last one (the vocabulary), so "
                "that each row sums to 1.", lambda x, t: torch.softmax(x / t, dim=0)),
        Mistake("the temperature is applied after the softmax: scale the logits first.",
                lambda x, t: torch.softmax(x, dim=-1) / t),
        Mistake("that is the log of the probabilities (log_softmax): return the probabilities.",
                lambda x, t: torch.log_softmax(x / t, dim=-1)),
    ],
    hint="divide the logits by the temperature, then take a softmax over the last dimension that stays "
         "finite for logits near 1000 (section 'Generating text, and the temperature').",
    error_hint="use tensor operations on the last dimension (dim=-1, keepdim=True), so that any number of "
               "leading dimensions works.",
)


def softmax_with_temperature(fn, reveal: bool = False) -> None:
    """Check ``fn(logits, temperature) -> probs``: ``softmax(logits / temperature)`` over the last dim.

    ``logits`` (..., V) float64, ``temperature`` > 0 a float; ``probs`` has the shape of ``logits``,
    each row sums to 1. Must stay finite for logits of size ~1000, also next to a row of small logits.
    ``reveal=True`` also prints one solution.
    """
    _SOFTMAX_WITH_TEMPERATURE.check(fn, reveal)


# ---------------------------------------------------------------------------------------------------------
# bits per character
# ---------------------------------------------------------------------------------------------------------

def _bits_per_char(logits, targets):
    """logits (B, T, V), targets (B, T) -> mean cross-entropy in bits per character."""
    V = logits.shape[-1]
    # the mean over all characters, in nats (natural log)
    nats = torch.nn.functional.cross_entropy(logits.reshape(-1, V), targets.reshape(-1))
    return nats.item() / math.log(2)


def _bpc_nats(logits, targets):
    return _bits_per_char(logits, targets) * math.log(2)


def _bpc_case(b: int, t: int, v: int, seed: int, scale: float = 1.0) -> tuple:
    return _randn(b, t, v, seed=seed, scale=scale), seeded(b, t, seed=seed + 100, high=v, dtype=torch.int64)


_BITS_PER_CHAR = Exercise(
    name="bits_per_char", label="ch08c-bits-per-char", reference=_bits_per_char,
    cases=lambda: [
        Case("B=1, T=4, V=3", _bpc_case(1, 4, 3, 0)),
        Case("B=2, T=5, V=7", _bpc_case(2, 5, 7, 1)),
        Case("B=3, T=2, V=80, confident scores", _bpc_case(3, 2, 80, 2, scale=5.0)),
        Case("uniform scores over V=8 (the answer is log2(8) = 3 bits)",
             (torch.zeros(2, 3, 8, dtype=torch.float64), torch.tensor([[0, 1, 2], [5, 6, 7]]))),
    ],
    mistakes=[
        Mistake("that is nats per character (the natural log that cross_entropy uses): convert it to bits.",
                _bpc_nats),
        Mistake("the conversion is upside down: one bit is ln 2 ≈ 0.69 nats, so a loss is a larger number "
                "in bits than in nats.",
                lambda x, y: _bpc_nats(x, y) * math.log(2)),
        Mistake("that is the log base 10 (divided by ln 10): bits use base 2.",
                lambda x, y: _bpc_nats(x, y) / math.log(10)),
        Mistake("that is the sum over all characters: take the mean per character.",
                lambda x, y: _bits_per_char(x, y) * y.numel()),
        Mistake("that is the perplexity per character, 2 ** bits: return the bits themselves.",
                lambda x, y: 2.0 ** _bits_per_char(x, y)),
    ],
    hint="cross-entropy gives the mean loss in nats (natural log); one bit is ln 2 nats (section 'Bits per "
         "character, and two baselines').",
    error_hint="cross_entropy wants (N, V) scores and (N,) targets: flatten the batch and time axes.",
)


def bits_per_char(fn, reveal: bool = False) -> None:
    """Check ``fn(logits, targets) -> float``: the mean cross-entropy in bits per character.

    ``logits`` (B, T, V) float64 scores for the next character, ``targets`` (B, T) int64 the characters
    that came. Cross-entropy is in nats (natural log); bits = nats / ln 2. ``reveal=True`` also prints
    one solution.
    """
    _BITS_PER_CHAR.check(fn, reveal)
