"""Chapter 5 checkers: embedding_lookup and masked_mean accept right answers, wait for stubs, refuse the
library lookup, and give each mistake (written the way a learner would) its hint."""
from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from checker_harness import accepts, pending, rejects_with
from torch import nn

from utils import checks


def lookup(indices, weight):
    return weight[indices]


def lookup_one_hot(indices, weight):
    return F.one_hot(indices, weight.shape[0]).to(weight.dtype) @ weight


def lookup_index_select(indices, weight):
    return weight.index_select(0, indices.reshape(-1)).reshape(*indices.shape, weight.shape[1])


def mean(vectors, mask):
    weights = mask.to(vectors.dtype).unsqueeze(-1)
    return (vectors * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1)


def stub(*args):
    return None


# ---------------------------------------------------------------------------------------------- lookup

@pytest.mark.parametrize("fn", [lookup, lookup_one_hot, lookup_index_select])
def test_lookup_right_answers_pass(fn):
    accepts(checks.embedding_lookup, fn)


def test_lookup_stub_waits():
    pending(checks.embedding_lookup, stub)


@pytest.mark.parametrize("wrong, case, hint", [
    (lambda i, w: F.one_hot(i, w.shape[0]).to(w.dtype), 1, "one-hot rows"),
    (lambda i, w: w[i - 1], 1, "row of the word before"),
    (lambda i, w: w[i + 1], 1, "row of the word after"),
    (lambda i, w: w.T[i], 1, "picked columns"),
    (lambda i, w: w[:, i].permute(1, 2, 0), 1, "picked columns"),
    (lambda i, w: w[:, i], 1, "picked columns"),
    (lambda i, w: w[i].float(), 1, "dtype"),
    (lambda i, w: w[i.reshape(-1)], 1, "(B, T) layout"),
])
def test_lookup_mistakes_get_their_hint(wrong, case, hint):
    rejects_with(checks.embedding_lookup, wrong, case=case, hint_contains=hint)


def test_lookup_learner_loop_that_subtracts_one():
    def embedding_lookup(indices, weight):
        B, T = indices.shape
        out = torch.zeros(B, T, weight.shape[1], dtype=weight.dtype)
        for b in range(B):
            for t in range(T):
                out[b, t] = weight[indices[b, t] - 1]  # "word 1 is the first row"
        return out

    rejects_with(checks.embedding_lookup, embedding_lookup, case=1, hint_contains="row of the word before")


@pytest.mark.parametrize("library, names", [
    (lambda i, w: F.embedding(i, w), "F.embedding"),
    (lambda i, w: nn.Embedding.from_pretrained(w)(i), "nn.Embedding"),
    (lambda i, w: torch.embedding(w, i), "torch.embedding"),
    (lambda i, w: torch.nn.functional.embedding(i, w), "F.embedding"),
])
def test_lookup_library_embedding_is_refused_under_any_name_and_restored(library, names):
    rejects_with(checks.embedding_lookup, library, case=1, message_contains=[names, "do without"])
    assert F.embedding(torch.tensor([1]), torch.eye(3)).tolist() == [[0.0, 1.0, 0.0]]  # usable again afterwards


def test_lookup_square_table_catches_columns_with_the_right_shape():
    def columns_unless_shapes_differ(indices, weight):
        return weight.T[indices] if weight.shape[0] == weight.shape[1] else weight[indices]

    rejects_with(checks.embedding_lookup, columns_unless_shapes_differ, case=5, hint_contains="picked columns")


def test_lookup_index_error_gets_the_axis_hint():
    rejects_with(checks.embedding_lookup, lambda i, w: w[i + w.shape[0]], case=1,
                 message_contains="raised IndexError", hint_contains="an IndexError means")


def test_lookup_function_that_raises_is_reported():
    def broken(indices, weight):
        raise ValueError("boom")

    rejects_with(checks.embedding_lookup, broken, case=1, message_contains="raised ValueError: boom",
                 hint_contains="one row per word")


@pytest.mark.parametrize("wrong, fragment", [
    (lambda i, w: w[i].numpy(), "expected a torch.Tensor"),
    (lambda i, w: w[i][..., :-1], "expected shape"),
    (lambda i, w: w[i] * float("nan"), "NaN"),
    (lambda i, w: [1, 2, 3], "expected a torch.Tensor"),
])
def test_lookup_wrong_type_shape_nan(wrong, fragment):
    rejects_with(checks.embedding_lookup, wrong, case=1, message_contains=fragment)


def test_lookup_needs_a_function():
    rejects_with(checks.embedding_lookup, lookup(torch.tensor([[0]]), torch.eye(2)),
                 message_contains="needs your function itself")


# ---------------------------------------------------------------------------------------------- masked mean

def test_mean_right_answer_passes_and_stub_waits():
    accepts(checks.masked_mean, mean)
    pending(checks.masked_mean, stub)


def test_mean_matches_embedding_bag():
    """The reference agrees with PyTorch's nn.EmbeddingBag(mode="mean", padding_idx=0) on right padding."""
    torch.manual_seed(0)
    bag = nn.EmbeddingBag(10, 3, mode="mean", padding_idx=0).double()
    ids = torch.tensor([[4, 2, 0, 0], [1, 2, 3, 9]])
    ours = mean(bag.weight[ids], ids != 0)
    torch.testing.assert_close(ours, bag(ids), atol=1e-12, rtol=0)


@pytest.mark.parametrize("wrong, case, hint", [
    (lambda v, m: (v * m.to(v.dtype).unsqueeze(-1)).sum(1) / v.shape[1], 1, "padded length T"),
    (lambda v, m: v.mean(dim=1), 1, "pads are included"),
    (lambda v, m: v.sum(1) / m.to(v.dtype).sum(1, keepdim=True), 1, "sum includes the pad"),
    (lambda v, m: (v * m.to(v.dtype).unsqueeze(-1)).sum(1), 1, "not the mean"),
    (lambda v, m: mean(v, ~m), 1, "inverted"),
])
def test_mean_mistakes_get_their_hint(wrong, case, hint):
    rejects_with(checks.masked_mean, wrong, case=case, hint_contains=hint)


def test_mean_learner_forgets_the_empty_review():
    def masked_mean(vectors, mask):
        m = mask.unsqueeze(-1).to(vectors.dtype)
        return (vectors * m).sum(dim=1) / m.sum(dim=1)

    rejects_with(checks.masked_mean, masked_mean, case=7, message_contains="NaN", hint_contains="at least 1")


def test_mean_learner_multiplies_in_place():
    def masked_mean(vectors, mask):
        vectors *= mask.unsqueeze(-1)  # zeroes the caller's pads
        return vectors.sum(1) / mask.sum(1, keepdim=True).clamp(min=1)

    rejects_with(checks.masked_mean, masked_mean, case=1, message_contains="`vectors` in place")


def test_mean_function_that_raises_is_reported():
    def bool_times_float_without_axis(v, m):
        return (v * m).sum(1) / m.sum(1)

    rejects_with(checks.masked_mean, bool_times_float_without_axis, case=1, message_contains="raised RuntimeError",
                 hint_contains="a bool mask")


@pytest.mark.parametrize("wrong, fragment", [
    (lambda v, m: mean(v, m).numpy(), "expected a torch.Tensor"),
    (lambda v, m: mean(v, m).unsqueeze(1), "expected shape"),
    (lambda v, m: mean(v, m).float(), "dtype"),
    (lambda v, m: np.nan * mean(v, m), "NaN"),
])
def test_mean_wrong_type_shape_dtype_nan(wrong, fragment):
    rejects_with(checks.masked_mean, wrong, case=1, message_contains=fragment)
