"""The shared encoder–decoder (utils.seq2seq): shapes, teacher forcing = step by step, greedy decoding,
the exact-match rate and the padded loss."""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from utils.seq2seq import Seq2Seq, exact_match_rate, greedy_decode, padded_cross_entropy, to_words

PAD, BOS, EOS = 0, 1, 2


@pytest.mark.parametrize("cell", ["rnn", "gru", "lstm"])
@pytest.mark.parametrize("context_every_step", [False, True])
def test_shapes_and_teacher_forcing_equals_one_step_at_a_time(cell, context_every_step):
    torch.manual_seed(0)
    model = Seq2Seq(11, 13, hidden_size=8, embed_size=4, cell=cell, context_every_step=context_every_step).double()
    src = torch.randint(1, 11, (3, 5))
    src[0, :2] = PAD                                                   # left padding
    y_in = torch.randint(1, 13, (3, 6))
    logits = model(src, y_in)
    assert logits.shape == (3, 6, 13)
    states, state = model.encode(src)
    assert states.shape == (3, 5, 8)
    steps = []
    for t in range(6):
        step_logits, state = model.decode_steps(y_in[:, t:t + 1], state, states, src)
        steps.append(step_logits)
    assert torch.allclose(torch.cat(steps, dim=1), logits, atol=1e-12, rtol=0)


def test_modules_are_made_in_a_fixed_order_so_a_seed_gives_the_same_weights():
    """The same layers built by hand in the order src_embed, encoder, tgt_embed, decoder, head."""
    torch.manual_seed(3)
    model = Seq2Seq(7, 9, hidden_size=6, embed_size=4, cell="rnn", padding_idx=0)
    torch.manual_seed(3)
    by_hand = [nn.Embedding(7, 4, padding_idx=0), nn.RNN(4, 6, batch_first=True),
               nn.Embedding(9, 4, padding_idx=0), nn.RNN(4, 6, batch_first=True), nn.Linear(6, 9)]
    for mine, theirs in zip([model.src_embed, model.encoder, model.tgt_embed, model.decoder, model.head], by_hand):
        for a, b in zip(mine.parameters(), theirs.parameters(), strict=True):
            assert torch.equal(a, b)
    assert Seq2Seq(7, 9, padding_idx=None).src_embed.padding_idx is None
    with pytest.raises(ValueError, match="cell must be one of"):
        Seq2Seq(7, 9, cell="transformer")


class Scripted(nn.Module):
    """A fake model that writes a fixed sequence of tokens per row, whatever it is fed."""

    def __init__(self, rows):
        super().__init__()
        self.rows = torch.tensor(rows)
        self.fed = []

    def encode(self, src):
        return torch.zeros(len(src), 1, 1), torch.zeros(len(src), dtype=torch.long)   # state = step counter

    def decode_steps(self, y_in, state, states, src):
        self.fed.append(y_in.clone())
        logits = F.one_hot(self.rows[torch.arange(len(state)), state], 5).float().unsqueeze(1)  # (B, 1, V)
        return logits, state + 1


def test_greedy_decode_feeds_back_its_tokens_and_pads_after_eos():
    model = Scripted([[3, 4, EOS, 3, 3, 3], [4, EOS, 4, 4, 4, 4], [3, 3, 3, 3, 3, 3]])
    model.train()
    out = greedy_decode(model, torch.zeros(3, 2, dtype=torch.long), bos=BOS, eos=EOS, max_len=5)
    assert out.tolist() == [[3, 4, EOS, PAD, PAD], [4, EOS, PAD, PAD, PAD], [3, 3, 3, 3, 3]]
    assert model.training, "greedy_decode leaves the model in the mode it found"
    assert model.fed[0].tolist() == [[BOS]] * 3 and model.fed[1].tolist() == [[3], [4], [3]]


def test_greedy_decode_stops_early_and_pads_to_max_len():
    model = Scripted([[EOS] * 6, [3, EOS, 3, 3, 3, 3]])
    out = greedy_decode(model, torch.zeros(2, 2, dtype=torch.long), bos=BOS, eos=EOS, max_len=6)
    assert out.tolist() == [[EOS, PAD, PAD, PAD, PAD, PAD], [3, EOS, PAD, PAD, PAD, PAD]]
    assert len(model.fed) == 2, "no step after every row has written <eos>"


def test_greedy_decode_runs_a_real_model_like_a_hand_loop():
    torch.manual_seed(1)
    model = Seq2Seq(6, 8, hidden_size=5, embed_size=3, cell="gru").eval()
    src = torch.randint(1, 6, (4, 3))
    out = greedy_decode(model, src, bos=BOS, eos=EOS, max_len=7)
    with torch.no_grad():
        states, state = model.encode(src)
        token, columns = torch.full((4, 1), BOS), []
        for _ in range(7):
            logits, state = model.decode_steps(token, state, states, src)
            token = logits.argmax(dim=-1)
            columns.append(token)
    by_hand = torch.cat(columns, dim=1)
    for row, hand in zip(out.tolist(), by_hand.tolist()):
        k = hand.index(EOS) + 1 if EOS in hand else len(hand)
        assert row == hand[:k] + [PAD] * (len(hand) - k)


def test_to_words_stops_at_the_first_eos():
    itos = ["<pad>", "<bos>", "<eos>", "one", "two"]
    assert to_words(torch.tensor([3, 4, EOS, 3, PAD]), itos, EOS) == ["one", "two"]
    assert to_words([4, 4], itos, EOS) == ["two", "two"]
    assert to_words(torch.tensor([EOS, 3]), itos, EOS) == []


def test_exact_match_rate_needs_every_token_and_the_eos_in_place():
    target = torch.tensor([[3, 4, EOS, PAD], [3, 4, EOS, PAD], [3, 4, EOS, PAD], [3, EOS, PAD, PAD]])
    predicted = torch.tensor([[3, 4, EOS, PAD],      # right
                              [3, EOS, PAD, PAD],    # stops early
                              [3, 4, 4, EOS],        # runs on past the target's <eos>
                              [3, EOS, PAD, PAD]])   # right
    assert exact_match_rate(predicted, target) == 0.5
    with pytest.raises(ValueError, match="differ in shape"):
        exact_match_rate(predicted[:, :3], target)


def test_padded_cross_entropy_ignores_padding():
    torch.manual_seed(2)
    logits = torch.randn(2, 3, 5)
    target = torch.tensor([[3, 4, PAD], [1, PAD, PAD]])
    real = target != PAD
    expected = F.cross_entropy(logits[real], target[real])
    assert torch.allclose(padded_cross_entropy(logits, target), expected)
