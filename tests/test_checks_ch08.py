"""Chapter 8 checkers: exact_match, dot_attention, caption_targets, softmax_with_temperature and bits_per_char
accept right answers, wait for stubs, and give each mistake (written the way a learner would) its hint."""
from __future__ import annotations

import math
from collections import Counter

import pytest
import torch
from checker_harness import accepts, pending, rejects_with

from utils import checks

# ---------------------------------------------------------------------------------------------------------
# right answers, written as a learner would
# ---------------------------------------------------------------------------------------------------------


def exact_match_ok(predictions, references):
    return sum(p == r for p, r in zip(predictions, references, strict=True)) / len(references)


def dot_attention_ok(query, keys, pad_mask):
    scores = (keys @ query.unsqueeze(2)).squeeze(2)
    weights = scores.masked_fill(pad_mask, float("-inf")).softmax(dim=1)
    return (weights.unsqueeze(1) @ keys).squeeze(1), weights


def caption_targets_ok(captions, stoi, max_len):
    inputs = torch.full((len(captions), max_len + 1), stoi["<pad>"], dtype=torch.long)
    targets = inputs.clone()
    for i, words in enumerate(captions):
        ids = [stoi[w] for w in words]
        inputs[i, : len(ids) + 1] = torch.tensor([stoi["<bos>"]] + ids)
        targets[i, : len(ids) + 1] = torch.tensor(ids + [stoi["<eos>"]])
    return inputs, targets


def caption_targets_sliced(captions, stoi, max_len):
    """Chapter 8b's own construction: one sequence per caption, cut into inputs Y[:, :-1] and targets Y[:, 1:]."""
    Y = torch.full((len(captions), max_len + 2), stoi["<pad>"], dtype=torch.long)
    for row, words in enumerate(captions):
        ids = [stoi["<bos>"]] + [stoi[w] for w in words] + [stoi["<eos>"]]
        Y[row, : len(ids)] = torch.tensor(ids)
    return Y[:, :-1], Y[:, 1:]


def softmax_t_ok(logits, temperature):
    scaled = logits / temperature
    return torch.softmax(scaled - scaled.max(dim=-1, keepdim=True).values, dim=-1)


def bpc_ok(logits, targets):
    nats = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
    return nats.item() / math.log(2)


RIGHT = [
    ("exact_match", exact_match_ok),
    ("dot_attention", dot_attention_ok),
    ("caption_targets", caption_targets_ok),
    ("caption_targets", caption_targets_sliced),
    ("softmax_with_temperature", softmax_t_ok),
    ("softmax_with_temperature", lambda x, t: torch.softmax(x / t, dim=-1)),
    ("bits_per_char", bpc_ok),
]
NAMES = sorted({name for name, _ in RIGHT})


@pytest.mark.parametrize("name, fn", RIGHT)
def test_right_answers_pass(name, fn):
    accepts(getattr(checks, name), fn)


@pytest.mark.parametrize("name", NAMES)
def test_stub_returning_none_is_pending(name):
    pending(getattr(checks, name), lambda *args: None)


# ---------------------------------------------------------------------------------------------------------
# typical wrong answers: (checker, wrong function, case, a phrase the hint must contain)
# ---------------------------------------------------------------------------------------------------------

def _word_accuracy(p, r):
    pairs = [(a, b) for x, y in zip(p, r) for a, b in zip(x, y)]
    return sum(a == b for a, b in pairs) / max(len(pairs), 1)


def _attention(query, keys, pad_mask, mask=True, after=False, dim=1):
    scores = (keys @ query.unsqueeze(2)).squeeze(2)
    if mask and not after:
        scores = scores.masked_fill(pad_mask, float("-inf"))
    weights = scores.softmax(dim=dim)
    if after:
        weights = weights.masked_fill(pad_mask, 0.0)
    return (weights.unsqueeze(1) @ keys).squeeze(1), weights


def _targets_no_eos(captions, stoi, max_len):
    inputs = torch.full((len(captions), max_len + 1), stoi["<pad>"], dtype=torch.long)
    targets = inputs.clone()
    for i, words in enumerate(captions):
        ids = [stoi[w] for w in words]
        inputs[i, : len(ids) + 1] = torch.tensor([stoi["<bos>"]] + ids)
        targets[i, : len(ids)] = torch.tensor(ids)  # no <eos>: the decoder never learns to stop
    return inputs, targets


def _softmax_naive(x, t):
    e = (x / t).exp()
    return e / e.sum(dim=-1, keepdim=True)


def _softmax_global_max(logits, temperature):
    z = logits / temperature
    e = (z - z.max()).exp()  # the maximum of the whole batch, not of each row
    return e / e.sum(dim=-1, keepdim=True)


WRONG = [
    ("exact_match", _word_accuracy, 2, "word-level accuracy"),
    ("exact_match", lambda p, r: sum(all(a == b for a, b in zip(x, y)) for x, y in zip(p, r)) / len(r), 3,
     "zip() stops at the shorter list"),
    ("exact_match", lambda p, r: float(sum(x == y for x, y in zip(p, r))), 1, "divide by the number"),
    ("exact_match", lambda p, r: sum(sorted(x) == sorted(y) for x, y in zip(p, r)) / len(r), 7,
     "order of the words is ignored"),
    ("exact_match", lambda p, r: sum(Counter(x) == Counter(y) for x, y in zip(p, r)) / len(r), 7,
     "order of the words is ignored"),
    ("exact_match", lambda p, r: sum(set(x) == set(y) for x, y in zip(p, r)) / len(r), 4, "a set forgets"),
    ("dot_attention", lambda q, k, m: _attention(q, k, m, mask=False), 2, "padded positions get weight"),
    ("dot_attention", lambda q, k, m: _attention(q, k, m, after=True), 2, "after the softmax"),
    ("dot_attention", lambda q, k, m: _attention(q, k, m, dim=0), 1, "over the batch"),
    ("caption_targets", _targets_no_eos, 1, "end with <eos>"),
    ("caption_targets", lambda c, s, m: (caption_targets_ok(c, s, m)[0],) * 2, 1, "shifted left by one"),
    ("softmax_with_temperature", lambda x, t: torch.softmax(x * t, dim=-1), 2, "so divide"),
    ("softmax_with_temperature", _softmax_naive, 4, "overflows"),
    ("softmax_with_temperature", _softmax_global_max, 6, "each row's own maximum"),
    ("softmax_with_temperature", lambda x, t: torch.softmax(x / t, dim=0), 2, "wrong dimension"),
    ("softmax_with_temperature", lambda x, t: torch.softmax(x, dim=-1) / t, 2, "after the softmax"),
    ("bits_per_char", lambda x, y: bpc_ok(x, y) * math.log(2), 1, "nats per character"),
    ("bits_per_char", lambda x, y: bpc_ok(x, y) * math.log(2) / math.log(10), 1, "log base 10"),
    ("bits_per_char", lambda x, y: bpc_ok(x, y) * y.numel(), 1, "sum over all characters"),
]


@pytest.mark.parametrize(("name", "wrong", "case", "phrase"), WRONG)
def test_typical_mistakes_get_their_hint(name, wrong, case, phrase):
    rejects_with(getattr(checks, name), wrong, case=case, hint_contains=phrase)


def test_softmax_learner_global_max_gets_nan_and_the_row_hint():
    rejects_with(checks.softmax_with_temperature, _softmax_global_max, case=6, message_contains="NaN",
                 hint_lacks="overflows")


def test_caption_targets_names_the_tensor_and_demands_int64():
    rejects_with(checks.caption_targets, _targets_no_eos, case=1, message_contains="targets: values differ")
    rejects_with(checks.caption_targets, lambda *a: tuple(t.int() for t in caption_targets_ok(*a)), case=1,
                 message_contains=["inputs: expected dtype torch.int64, got torch.int32", "F.cross_entropy"])


@pytest.mark.parametrize("name", NAMES)
def test_a_function_that_raises_is_reported(name):
    def broken(*args):
        raise RuntimeError("boom")

    rejects_with(getattr(checks, name), broken, case=1, message_contains="raised RuntimeError: boom")


@pytest.mark.parametrize("name", NAMES)
def test_not_a_function(name):
    rejects_with(getattr(checks, name), None, message_contains="needs your function")


def test_wrong_type_shape_and_nan():
    rejects_with(checks.softmax_with_temperature, lambda x, t: softmax_t_ok(x, t).numpy(), case=1,
                 message_contains="expected a torch.Tensor")
    rejects_with(checks.exact_match, lambda p, r: "all", case=1, message_contains="expected the number")
    rejects_with(checks.dot_attention, lambda q, k, m: (dot_attention_ok(q, k, m)[0], dot_attention_ok(q, k, m)[1].T),
                 case=1, message_contains="weights: expected shape")
    rejects_with(checks.caption_targets, lambda c, s, m: tuple(x[:, :-1] for x in caption_targets_ok(c, s, m)),
                 case=1, message_contains="inputs: expected shape")
    rejects_with(checks.softmax_with_temperature, lambda x, t: softmax_t_ok(x, t) * float("nan"), case=1,
                 message_contains="NaN")
    rejects_with(checks.bits_per_char, lambda x, y: float("nan"), case=1, message_contains="NaN")
    rejects_with(checks.softmax_with_temperature, lambda x, t: softmax_t_ok(x, t).float(), case=1,
                 message_contains="dtype")
