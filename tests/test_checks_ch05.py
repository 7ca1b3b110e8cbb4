"""The chapter 5 checkers accept the reference, wait for a stub, and reject typical mistakes with a hint."""
from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from utils import checks
from utils.checks import ExerciseError


def lookup(indices, weight):
    return weight[indices]


def lookup_one_hot(indices, weight):
    return F.one_hot(indices, weight.shape[0]).to(weight.dtype) @ weight


def mean(vectors, mask):
    weights = mask.to(vectors.dtype).unsqueeze(-1)
    return (vectors * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1)


def stub(*args):
    return None


# ---------------------------------------------------------------------------------------------- lookup


@pytest.mark.parametrize("fn", [lookup, lookup_one_hot])
def test_lookup_reference_passes(fn, capsys):
    checks.embedding_lookup(fn)
    out = capsys.readouterr().out
    assert out.startswith("✅ embedding_lookup")


def test_lookup_stub_waits(capsys):
    checks.embedding_lookup(stub)
    assert capsys.readouterr().out.startswith("⏳ embedding_lookup")


@pytest.mark.parametrize("wrong, case, hint", [
    (lambda i, w: F.one_hot(i, w.shape[0]).to(w.dtype), "case 1", "one-hot rows"),
    (lambda i, w: w[i - 1], "case 1", "row of the word before"),
    (lambda i, w: w[i + 1], "case 1", "row of the word after"),
    (lambda i, w: w.T[i], "case 1", "picked columns"),
    (lambda i, w: w[:, i].permute(1, 2, 0), "case 1", "picked columns"),
    (lambda i, w: w[:, i], "case 1", "picked columns"),
    (lambda i, w: w[i].float(), "case 1", "dtype"),
    (lambda i, w: w[i.reshape(-1)], "case 1", "(B, T) layout"),
])
def test_lookup_mistakes_get_their_hint(wrong, case, hint):
    with pytest.raises(ExerciseError) as info:
        checks.embedding_lookup(wrong)
    message = str(info.value)
    assert f"embedding_lookup, {case}" in message
    assert hint in message


def test_lookup_library_embedding_is_refused_and_restored():
    with pytest.raises(ExerciseError, match="raised RuntimeError.*write the lookup yourself"):
        checks.embedding_lookup(lambda i, w: F.embedding(i, w))
    with pytest.raises(ExerciseError, match="nn.Embedding and F.embedding are not allowed"):
        checks.embedding_lookup(lambda i, w: nn.Embedding.from_pretrained(w)(i))
    assert F.embedding(torch.tensor([1]), torch.eye(3)).tolist() == [[0.0, 1.0, 0.0]]  # restored afterwards


def test_lookup_square_table_catches_columns_with_the_right_shape():
    def columns_unless_shapes_differ(indices, weight):
        return weight.T[indices] if weight.shape[0] == weight.shape[1] else weight[indices]

    with pytest.raises(ExerciseError) as info:
        checks.embedding_lookup(columns_unless_shapes_differ)
    assert "embedding_lookup, case 5 (square table" in str(info.value)
    assert "picked columns" in str(info.value)


def test_lookup_index_error_gets_the_axis_hint():
    with pytest.raises(ExerciseError, match=r"raised IndexError.*\nHint: an IndexError means"):
        checks.embedding_lookup(lambda i, w: w[i + w.shape[0]])


def test_lookup_function_that_raises_is_reported():
    def broken(indices, weight):
        raise ValueError("boom")

    with pytest.raises(ExerciseError, match=r"case 1 .*raised ValueError: boom\nHint: .*weight\[indices\]"):
        checks.embedding_lookup(broken)


@pytest.mark.parametrize("wrong, fragment", [
    (lambda i, w: w[i].numpy(), "expected a torch.Tensor"),
    (lambda i, w: w[i][..., :-1], "expected shape"),
    (lambda i, w: w[i] * float("nan"), "NaN"),
    (lambda i, w: [1, 2, 3], "expected a torch.Tensor"),
])
def test_lookup_wrong_type_shape_nan(wrong, fragment):
    with pytest.raises(ExerciseError, match=fragment):
        checks.embedding_lookup(wrong)


def test_lookup_needs_a_function():
    with pytest.raises(ExerciseError, match="needs your function itself"):
        checks.embedding_lookup(lookup(torch.tensor([[0]]), torch.eye(2)))


# ---------------------------------------------------------------------------------------------- masked mean


def test_mean_reference_passes(capsys):
    checks.masked_mean(mean)
    assert capsys.readouterr().out.startswith("✅ masked_mean")


def test_mean_matches_embedding_bag():
    """The reference agrees with PyTorch's nn.EmbeddingBag(mode="mean", padding_idx=0) on right padding."""
    torch.manual_seed(0)
    bag = nn.EmbeddingBag(10, 3, mode="mean", padding_idx=0).double()
    ids = torch.tensor([[4, 2, 0, 0], [1, 2, 3, 9]])
    ours = mean(bag.weight[ids], ids != 0)
    torch.testing.assert_close(ours, bag(ids), atol=1e-12, rtol=0)


def test_mean_stub_waits(capsys):
    checks.masked_mean(stub)
    assert capsys.readouterr().out.startswith("⏳ masked_mean")


@pytest.mark.parametrize("wrong, case, hint", [
    (lambda v, m: (v * m.to(v.dtype).unsqueeze(-1)).sum(1) / v.shape[1], "case 1", "padded length T"),
    (lambda v, m: v.mean(dim=1), "case 1", "pads are included"),
    (lambda v, m: v.sum(1) / m.to(v.dtype).sum(1, keepdim=True), "case 1", "sum includes the pad"),
    (lambda v, m: (v * m.to(v.dtype).unsqueeze(-1)).sum(1), "case 1", "not the mean"),
    (lambda v, m: mean(v, ~m), "case 1", "inverted"),
])
def test_mean_mistakes_get_their_hint(wrong, case, hint):
    with pytest.raises(ExerciseError) as info:
        checks.masked_mean(wrong)
    message = str(info.value)
    assert f"masked_mean, {case}" in message
    assert hint in message


def test_mean_empty_row_nan_gets_clamp_hint():
    def no_clamp(v, m):
        w = m.to(v.dtype).unsqueeze(-1)
        return (v * w).sum(1) / w.sum(1)

    with pytest.raises(ExerciseError) as info:
        checks.masked_mean(no_clamp)
    message = str(info.value)
    assert "masked_mean, case 7 (" in message and "NaN" in message and "clamp" in message


def test_mean_function_that_raises_is_reported():
    def bool_times_float_without_axis(v, m):
        return (v * m).sum(1) / m.sum(1)

    with pytest.raises(ExerciseError, match=r"case 1 .*raised RuntimeError.*\nHint: a bool mask"):
        checks.masked_mean(bool_times_float_without_axis)


@pytest.mark.parametrize("wrong, fragment", [
    (lambda v, m: mean(v, m).numpy(), "expected a torch.Tensor"),
    (lambda v, m: mean(v, m).unsqueeze(1), "expected shape"),
    (lambda v, m: mean(v, m).float(), "dtype"),
    (lambda v, m: np.nan * mean(v, m), "NaN"),
])
def test_mean_wrong_type_shape_dtype_nan(wrong, fragment):
    with pytest.raises(ExerciseError, match=fragment):
        checks.masked_mean(wrong)
