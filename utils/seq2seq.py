"""The encoder–decoder of chapter 3, reused by chapter 8: one model, greedy decoding and its helpers.

Chapter 3 writes the plain wiring inline (digits to English words, vanilla RNN layers) and checks that this
module gives the same outputs for the same seed; chapter 8 imports it (dates to Russian words, GRU layers) and
adds attention by overriding ``decode_steps``.

The interface every model here (and any subclass) keeps, so that one ``greedy_decode`` runs them all:

- ``model.encode(src) -> (states, state)``: ``states`` (B, S, H) the encoder's output at every source step,
  ``state`` the encoder's final state in the layer's own form ((1, B, H), or a pair for an LSTM).
- ``model.decode_steps(y_in, state, states, src) -> (logits, state)``: run the decoder over the word ids
  ``y_in`` (B, T) from ``state``; ``logits`` (B, T, V_out). ``states`` and ``src`` are there for attention
  (which looks at every encoder state and masks the source's padding).
- ``model(src, y_in)``: teacher forcing, logits (B, T, V_out) for the whole target in one call.

Source sequences are padded on the **left**, so the encoder's last step has read the last real token and
``states[:, -1]`` is the summary of the source. Token id ``pad`` (0 by default) is padding on both sides.

# READY for chapter 8
"""
from __future__ import annotations

from collections.abc import Sequence

import torch
import torch.nn.functional as F
from torch import nn

CELLS = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}


class Seq2Seq(nn.Module):
    """Encoder–decoder: source ids (B, S) and decoder input ids (B, T) -> logits (B, T, tgt_vocab_size).

    ``cell`` is ``"rnn"``, ``"gru"`` or ``"lstm"`` (one layer each, ``batch_first=True``). The decoder starts
    from the encoder's final state. With ``context_every_step=True`` the decoder also reads the source's
    summary ``states[:, -1]`` beside its input at every step (Cho et al. 2014), so it cannot lose it.
    ``padding_idx`` is passed to both embeddings (``None``: the padding id gets a learned vector too).
    The modules are created in the order ``src_embed, encoder, tgt_embed, decoder, head``.
    """

    def __init__(self, src_vocab_size: int, tgt_vocab_size: int, hidden_size: int = 128, embed_size: int = 32,
                 cell: str = "gru", context_every_step: bool = False, padding_idx: int | None = 0) -> None:
        super().__init__()
        if cell not in CELLS:
            raise ValueError(f"cell must be one of {sorted(CELLS)}, not {cell!r}")
        layer = CELLS[cell]
        self.context_every_step = context_every_step
        self.src_embed = nn.Embedding(src_vocab_size, embed_size, padding_idx=padding_idx)
        self.encoder = layer(embed_size, hidden_size, batch_first=True)
        self.tgt_embed = nn.Embedding(tgt_vocab_size, embed_size, padding_idx=padding_idx)
        decoder_input = embed_size + (hidden_size if context_every_step else 0)
        self.decoder = layer(decoder_input, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, tgt_vocab_size)

    def encode(self, src: torch.Tensor):
        """src (B, S) left-padded ids -> states (B, S, H) and the final state ((1, B, H), or (h, c))."""
        states, state = self.encoder(self.src_embed(src))
        return states, state

    def decode_steps(self, y_in: torch.Tensor, state, states: torch.Tensor, src: torch.Tensor):
        """y_in (B, T) ids, the decoder's state, the encoder's states (B, S, H) and src (B, S)
        -> logits (B, T, V_out) and the decoder's new state."""
        x = self.tgt_embed(y_in)                                           # (B, T, E)
        if self.context_every_step:                                        # the summary beside every input
            summary = states[:, -1:].expand(-1, x.shape[1], -1)            # (B, T, H)
            x = torch.cat([x, summary], dim=2)
        output, state = self.decoder(x, state)                            # (B, T, H)
        return self.head(output), state

    def forward(self, src: torch.Tensor, y_in: torch.Tensor) -> torch.Tensor:
        """Teacher forcing: src (B, S), y_in (B, T) -> logits (B, T, V_out)."""
        states, state = self.encode(src)
        return self.decode_steps(y_in, state, states, src)[0]


@torch.no_grad()
def greedy_decode(model: nn.Module, src: torch.Tensor, bos: int, eos: int, max_len: int,
                  pad: int = 0) -> torch.Tensor:
    """Greedy decoding with any model that has ``encode`` and ``decode_steps`` (see the module docstring).

    src (B, S) -> LongTensor (B, max_len): at each step the most probable token, fed back as the next
    input, starting from ``bos``. A row keeps its first ``eos``; every position after it is ``pad``. The
    model is run in eval mode and left in the mode it was in.
    """
    was_training = model.training
    model.eval()
    states, state = model.encode(src)
    token = torch.full((len(src), 1), bos, dtype=torch.long, device=src.device)
    done = torch.zeros(len(src), dtype=torch.bool, device=src.device)
    columns = []
    for _ in range(max_len):
        logits, state = model.decode_steps(token, state, states, src)
        token = logits[:, -1:].argmax(dim=-1)                              # (B, 1): the most probable token
        columns.append(token.masked_fill(done.unsqueeze(1), pad))
        done = done | (token.squeeze(1) == eos)
        if done.all():
            break
    model.train(was_training)
    out = torch.cat(columns, dim=1)
    return F.pad(out, (0, max_len - out.shape[1]), value=pad)


def to_words(ids: torch.Tensor | Sequence[int], itos: Sequence[str], eos: int) -> list[str]:
    """One row of token ids (T,) -> the tokens ``itos[i]`` before the first ``eos`` (all of them if none)."""
    words = []
    for i in (ids.tolist() if isinstance(ids, torch.Tensor) else ids):
        if i == eos:
            break
        words.append(itos[i])
    return words


def exact_match_rate(predicted: torch.Tensor, target: torch.Tensor, pad: int = 0) -> float:
    """Share of rows whose predicted ids equal the target ids up to and with the target's ``eos``.

    predicted (N, T) from ``greedy_decode`` (``pad`` after its first ``eos``), target (N, T) the decoder's
    target (tokens, ``eos``, then ``pad``). A prediction that stops early or runs on past the target's
    ``eos`` does not match.
    """
    if predicted.shape != target.shape:
        raise ValueError(f"predicted {tuple(predicted.shape)} and target {tuple(target.shape)} differ in shape")
    return ((predicted == target) | (target == pad)).all(dim=1).float().mean().item()


def padded_cross_entropy(logits: torch.Tensor, target: torch.Tensor, pad: int = 0) -> torch.Tensor:
    """Mean cross-entropy over the real target tokens: logits (B, T, V), target (B, T); ``pad`` ignored."""
    return F.cross_entropy(logits.transpose(1, 2), target, ignore_index=pad)
