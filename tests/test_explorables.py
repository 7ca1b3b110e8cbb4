"""The website's interactive figures (``_assets/explorables/``) and their exports (``utils/explorables.py``).

Python side: tensors survive the JSON round trip, exports are written only with ``NWM_EXPORT=1``, and the
committed data files are complete and at most 1 MB each.

Browser side (Playwright driving Debian's /usr/bin/chromium, as tests/test_site.py): a page made of the
markdown snippets of ``_assets/explorables/README.md`` is served from a temporary folder on 127.0.0.1.
Every explorable renders and responds to its controls, and its JavaScript forward pass equals PyTorch's
(float64, on the same dequantised weights) to 1e-9: hidden states, gates, logits, the gradient norms of
chapter 4, greedy generation and translation. The JavaScript tokenizer equals ``utils.text.tokenize`` on
300 real reviews. With CI=true a missing browser fails the run; elsewhere those tests skip.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from utils import explorables as ex
from utils.text import Vocabulary, tokenize

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "_assets" / "explorables"
DATA = ASSETS / "data"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FILES = {"rnn_recall.json": "rnn-unrolled", "gradient_flow.json": "gradient-flow",
         "sentiment_lstm.json": "gates-review", "sentiment_gru.json": "gates-review",
         "char_lm.json": "char-sampler", "date_attention.json": "date-attention"}
TOL = 1e-9


def load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def t(stored: dict) -> torch.Tensor:
    """A stored tensor, dequantised, as float64."""
    return torch.from_numpy(ex.decode(stored).copy())


def torch_layer(stored: dict) -> nn.RNNBase:
    """nn.RNN / nn.LSTM / nn.GRU (float64, batch_first) holding a stored layer's weights."""
    kind = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[stored["type"]]
    layer = kind(stored["input_size"], stored["hidden_size"], batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(layer, f"{name}_l0").copy_(t(stored[name]))
    return layer


def torch_linear(stored: dict) -> nn.Linear:
    out_features, in_features = stored["weight"]["shape"]
    linear = nn.Linear(in_features, out_features, dtype=torch.float64)
    with torch.no_grad():
        linear.weight.copy_(t(stored["weight"]))
        linear.bias.copy_(t(stored["bias"]))
    return linear


def close(js, reference, tol: float = TOL) -> None:
    js, reference = np.asarray(js, dtype=np.float64), np.asarray(reference, dtype=np.float64)
    assert js.shape == reference.shape, (js.shape, reference.shape)
    assert np.abs(js - reference).max() <= tol * max(1.0, np.abs(reference).max()), np.abs(js - reference).max()


# ================================================================== Python side

def test_encode_decode_round_trip():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(7, 5, generator=g, dtype=torch.float64)
    assert np.array_equal(ex.decode(ex.encode(x, "float64")), x.numpy())
    assert np.array_equal(ex.decode(ex.encode(x, "float32")), x.float().double().numpy())
    assert np.array_equal(ex.decode(ex.encode(x, "float16")), x.half().double().numpy())
    x[3] = 0                                                   # a zero row (like <pad>) must survive
    q = ex.encode(x, "int8")
    scale = x.abs().amax(dim=1).numpy() / 127
    assert np.all(np.abs(ex.decode(q) - x.numpy()) <= scale[:, None] * 0.5 + 1e-7)
    assert np.all(ex.decode(q)[3] == 0)
    with pytest.raises(ValueError):
        ex.encode(torch.zeros(2, 2, 2), "int8")


def test_review_tokens_follow_the_chapters():
    long = "x " * 600 + "Great film!<br />Don't miss it."
    assert ex.review_tokens("A GREAT film!<br /><br />Don't") == ["a", "great", "film", "!", "don't"]
    assert ex.review_tokens(long) == tokenize(long[-1000:])[1:]                       # chapter 6
    assert ex.review_tokens(long, drop_cut_first=False) == tokenize(long[-1000:])    # chapter 7b


class _TinySentiment(nn.Module):
    def __init__(self, kind: type[nn.RNNBase], vocab_size: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, 4, padding_idx=0)
        self.rnn = kind(4, 3, batch_first=True)
        self.head = nn.Linear(3, 2)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embed(ids))[0][:, -1])


def test_exports_are_written_only_with_nwm_export(tmp_path, monkeypatch):
    torch.manual_seed(0)
    vocab = Vocabulary.build([["good", "bad", "film"]])
    model = _TinySentiment(nn.GRU, len(vocab))
    monkeypatch.delenv("NWM_EXPORT", raising=False)
    assert ex.export_sentiment(model, vocab, [("good film", 1)]) is None
    assert ex.write("x", {"a": 1}, tmp_path) is None and not list(tmp_path.iterdir())
    monkeypatch.setenv("NWM_EXPORT", "1")
    path = ex.write("x", {"a": "é"}, tmp_path)
    assert path == tmp_path / "x.json" and json.loads(path.read_text(encoding="utf-8")) == {"a": "é"}
    monkeypatch.setattr(ex, "DATA_DIR", tmp_path / "data")
    assert ex.export_sentiment(model, vocab, [("good film", 1)]) is None       # no output in a notebook cell
    assert json.loads((tmp_path / "data" / "sentiment_gru.json").read_text(encoding="utf-8"))["itos"] == vocab.itos
    payload = ex.sentiment_payload(model, vocab, [("good film", 1), ("bad", 0)])
    assert payload["rnn"]["type"] == "gru" and payload["itos"] == vocab.itos
    assert payload["embed"]["dtype"] == "int8" and payload["max_change"] < 1e-2


@pytest.mark.parametrize("name", sorted(FILES))
def test_committed_data_files_are_complete_and_small(name):
    path = DATA / name
    assert path.exists(), f"{path} is missing: run `make execute` (or the development exports)"
    assert path.stat().st_size <= 1_000_000, f"{name} weighs {path.stat().st_size} bytes, more than 1 MB"
    data = load(name)
    assert data["format"] == ex.FORMAT and data["kind"] == FILES[name]
    assert data["max_change"] < 0.1, "rounding the weights changed the model's outputs too much"
    assert (ASSETS / f"{FILES[name]}.js").exists()


def snippets() -> dict[str, str]:
    """The markdown snippets of the README (```markdown fences), by their data-src."""
    text = (ASSETS / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```markdown\n(.*?)```", text, re.S)
    return {re.search(r'data-src="([^"]+)"', b).group(1): b for b in blocks}


def test_readme_has_one_snippet_per_data_file():
    found = snippets()
    assert set(found) == set(FILES)
    for name, block in found.items():
        assert f'data-kind="{FILES[name]}"' in block and 'class="nwm-fallback"' in block
        assert re.search(r'class="nwm-caption" hidden>.{80,}', block), f"{name}: no caption"
        assert "\n\n" not in block.strip(), f"{name}: a blank line would end the HTML block in MyST"


# ================================================================== the browser

def _missing(reason: str):
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A page with every README snippet, served with the explorables under _static/ like the book: index.html
    (lang="en"; the URL this fixture yields) and the same page as the Russian edition has it, ru.html (lang="ru")."""
    site = tmp_path_factory.mktemp("site")
    shutil.copytree(ASSETS, site / "_static" / "explorables", ignore=shutil.ignore_patterns("README.md"))
    body = "\n".join(f"<h2>{name}</h2>\n{block}" for name, block in sorted(snippets().items()))
    for page_name, lang in (("index.html", "en"), ("ru.html", "ru")):   # ru.html: the Russian edition's pages
        (site / page_name).write_text(
            f'<!doctype html><html lang="{lang}" data-content_root="./"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="stylesheet" href="_static/explorables/explorables.css">'
            '<script defer src="_static/explorables/nwm-core.js"></script></head>'
            f'<body style="margin:0 8px">{body}</body></html>', encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/index.html"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _missing(f"no browser at {CHROMIUM}: install Debian's chromium (`apt-get install chromium`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed: run `make install`")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield browser
        browser.close()


def open_page(browser, url: str, width: int = 1280, javascript: bool = True):
    """Open the page; return (page, requests that left 127.0.0.1, page errors). Waits for every explorable."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript,
                                  reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(60_000)       # generous: CI machines have 2 cores shared with other work
    outside, errors = [], []
    page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
            else outside.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    if javascript:
        page.wait_for_function("() => [...document.querySelectorAll('.nwm-explorable')]"
                               ".every(e => ['ready', 'failed'].includes(e.dataset.nwmStarted))", timeout=90_000)
    return page, outside, errors


@pytest.fixture(scope="module")
def page(server, browser):
    page, outside, errors = open_page(browser, server)
    page.outside, page.errors = outside, errors
    yield page
    page.context.close()


def box(page, name: str):
    """The container of one explorable on the test page."""
    return page.locator(f'.nwm-explorable[data-src="{name}"]')


def js(page, kind: str, name: str, body: str, *args):
    """Run `body` (a function body) with m = the explorable's module, model = its prepared weights."""
    return page.evaluate(f"""async ([args]) => {{
        const m = await NWM.loadKind("{kind}"), model = m.prepare(await NWM.loadData("{name}"));
        const f = (arr) => Array.from(arr); {body} }}""", [list(args)])


def test_every_explorable_renders_offline_without_errors(page):
    assert not page.outside, f"requests outside 127.0.0.1: {page.outside}"
    assert not page.errors, f"page errors: {page.errors}"
    for name in FILES:
        container = box(page, name)
        assert container.get_attribute("data-nwm-started") == "ready", name
        assert not container.locator(".nwm-fallback").is_visible() and container.locator(".nwm-caption").is_visible()
        charts = container.locator("svg[role=img]")
        assert charts.count() >= 1 and all(len(charts.nth(i).get_attribute("aria-label") or "") > 20
                                           for i in range(charts.count())), name


def test_without_javascript_the_fallback_stays(server, browser):
    page, _, _ = open_page(browser, server, javascript=False)
    try:
        for name in FILES:
            assert box(page, name).locator(".nwm-fallback").is_visible()
            assert not box(page, name).locator(".nwm-caption").is_visible()
    finally:
        page.context.close()


def test_phone_width_has_no_overflow(server, browser):
    page, _, errors = open_page(browser, server, width=390)
    try:
        assert not errors
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for name in FILES:
            assert box(page, name).evaluate("e => e.scrollWidth <= e.clientWidth"), f"{name} overflows at 390 px"
    finally:
        page.context.close()


def test_every_control_is_labelled_and_shows_its_focus(page):
    controls = page.locator(".nwm-explorable input, .nwm-explorable select, .nwm-explorable textarea")
    for i in range(controls.count()):
        control = controls.nth(i)
        labelled = control.evaluate("e => e.labels && e.labels.length > 0 || !!e.getAttribute('aria-label')")
        assert labelled, control.evaluate("e => e.outerHTML")
    slider = box(page, "gradient_flow.json").locator("input[type=range]")
    slider.focus()
    page.keyboard.press("ArrowRight")      # a key press makes :focus-visible apply
    assert slider.evaluate("e => getComputedStyle(e).outlineStyle") != "none"


# ------------------------------------------------------------------ the tokenizer

TRICKY = ["A GREAT film!<br /><br />Don't miss it...", "<BR/>x<br   />y<Br>z", "naïve café ÉCOLE", "İstanbul ΟΔΟΣ",
          "rock'n'roll 90's l'été 'quoted' it''s", "日本語のテキスト、です。", "١٢٣ ½ ² x²",
          "a\u00a0b\u2003c\x1cd\x85e", "tab\tsep\nline", "\ufeffbom", "e\u0301 combining", "ﬁ ǅ ß K",
          "emoji 😀!?", "_under_score__", "$5.99 -- 10%"]


def test_javascript_tokenizer_equals_utils_text_tokenize(page):
    from utils.data import load_movie_reviews
    texts, _ = load_movie_reviews("imdb")
    cases = TRICKY + list(texts[:300])
    got = page.evaluate("cases => cases.map(c => NWM.tokenize(c))", cases)
    for case, tokens in zip(cases, got):
        assert tokens == tokenize(case), case[:80]


# ------------------------------------------------------------------ chapter 2

def test_recall_rnn_equals_torch(page):
    data = load("rnn_recall.json")
    rnn, head = torch_layer(data["rnn"]), torch_linear(data["head"])
    sequences = data["examples"] + [[3, 1, 4, 1, 5, 2, 6]]
    got = js(page, "rnn-unrolled", "rnn_recall.json",
             "return args[0].map(s => m.compute(model, s).map(r => [f(r.h), f(r.probs)]));", sequences)
    for sequence, steps in zip(sequences, got):
        x = nn.functional.one_hot(torch.tensor([sequence]), data["n_symbols"]).double()
        with torch.no_grad():
            states = rnn(x)[0][0]
            probs = head(states).softmax(dim=-1)
        close([s[0] for s in steps], states)
        close([s[1] for s in steps], probs)


def test_recall_rnn_responds_to_the_reader(page):
    container = box(page, "rnn_recall.json")
    chart = container.locator("svg[role=img]")
    before = chart.get_attribute("aria-label")
    container.get_by_role("button", name="Step forward").click()
    assert chart.get_attribute("aria-label") != before
    container.locator("input[type=text]").fill("5 2 2 7 1")
    assert "of 5 reads" in container.locator(".nwm-readout").inner_text()
    container.locator("input[type=range]").focus()
    page.keyboard.press("Home")
    assert "Step 1 of 5 reads symbol 5" in container.locator(".nwm-readout").inner_text()


# ------------------------------------------------------------------ chapter 4

def autograd_norms(data: dict, rho: float, activation: str) -> np.ndarray:
    """The chapter's state_grad_norms: ||dL/dh_t|| for distances 0 ... T-1, by autograd."""
    W, W_xh, X, w_out = (t(data[k]) for k in ("W_base", "W_xh", "X", "w_out"))
    act = torch.tanh if activation == "tanh" else (lambda a: a)
    h, states = torch.zeros(1, W.shape[0], dtype=torch.float64, requires_grad=True), []
    for step in range(X.shape[0]):
        h = act(X[step][None] @ W_xh.T + h @ (rho * W).T)
        h.retain_grad()
        states.append(h)
    (states[-1] @ w_out).sum().backward()
    return np.array([states[-1 - k].grad.norm().item() for k in range(len(states))])


def test_gradient_norms_equal_autograd_and_the_chapter(page):
    data = load("gradient_flow.json")
    cases = [(r, a) for r in (0.5, 1.0, 1.5, 0.85) for a in ("tanh", "linear")]
    got = js(page, "gradient-flow", "gradient_flow.json",
             "return args[0].map(([r, a]) => { const n = m.norms(model, r, a); return [f(n), m.growth(n)]; });", cases)
    growth = {}
    for (rho, activation), (norms, per_step) in zip(cases, got):
        reference = autograd_norms(data, rho, activation)
        assert np.all(np.abs(np.array(norms) - reference) <= 1e-9 * reference), (rho, activation)
        growth[rho, activation] = per_step
    # the chapter's printed growth per step: linear 0.50 / 1.00 / 1.49, tanh 0.49 / 0.96 / 1.11
    for rho, linear, tanh in [(0.5, 0.50, 0.49), (1.0, 1.00, 0.96), (1.5, 1.49, 1.11)]:
        assert round(growth[rho, "linear"], 2) == linear and round(growth[rho, "tanh"], 2) == tanh


def test_gradient_slider_and_switch_change_the_curve(page):
    container = box(page, "gradient_flow.json")
    curve = container.locator("svg[role=img]").nth(1)
    solid = curve.locator("path.nwm-line:not(.nwm-dashed)")
    before, label = solid.get_attribute("d"), curve.get_attribute("aria-label")
    container.locator("input[type=range]").focus()
    page.keyboard.press("End")
    assert solid.get_attribute("d") != before and curve.get_attribute("aria-label") != label
    page.keyboard.press("ArrowLeft")
    assert "ρ = 1.55" in container.locator(".nwm-readout").inner_text()
    container.get_by_label("linear RNN (no tanh)").check()
    assert "nwm-b" in solid.get_attribute("class")


# ------------------------------------------------------------------ chapters 6 and 7b

def torch_gates(layer: nn.RNNBase, x: torch.Tensor) -> dict[str, torch.Tensor]:
    """Every gate of every step, (T, H) each, computed from the layer's weights as chapters 6 and 7 do."""
    H, W_ih, W_hh = layer.hidden_size, layer.weight_ih_l0, layer.weight_hh_l0
    h, c, out = x.new_zeros(H), x.new_zeros(H), {}
    for x_t in x:
        a, b = W_ih @ x_t + layer.bias_ih_l0, W_hh @ h + layer.bias_hh_l0
        if layer.mode == "LSTM":
            i, f, g, o = (a + b).chunk(4)
            i, f, g, o = i.sigmoid(), f.sigmoid(), g.tanh(), o.sigmoid()
            c = f * c + i * g
            h = o * c.tanh()
            step = {"i": i, "f": f, "g": g, "o": o, "c": c, "h": h}
        else:
            r, z = (a[:H] + b[:H]).sigmoid(), (a[H:2 * H] + b[H:2 * H]).sigmoid()
            n = (a[2 * H:] + r * b[2 * H:]).tanh()
            h = (1 - z) * n + z * h
            step = {"r": r, "z": z, "n": n, "h": h}
        for key, value in step.items():
            out.setdefault(key, []).append(value)
    return {key: torch.stack(values) for key, values in out.items()}


def opinions(data: dict, head: nn.Linear, out: torch.Tensor, n: int) -> torch.Tensor:
    """The head's logits after each step of out (T, H), whose last n steps are real words: on h_t, or on the
    mean and max of the real steps so far (utils.sentiment.pool_over_time) for a pooled head."""
    if data.get("pooling", "last") == "last":
        return head(out)
    real = out[out.shape[0] - n:]
    if n == 0:                                                  # no real word: pool_over_time's 0 and -1e4
        return head(torch.cat([out.new_zeros(out.shape[1]), out.new_full((out.shape[1],), -1e4)]))[None]
    so_far = torch.arange(1, n + 1, dtype=out.dtype).unsqueeze(1)
    return head(torch.cat([real.cumsum(0) / so_far, real.cummax(0).values], dim=1))


@pytest.mark.parametrize("name", ["sentiment_lstm.json", "sentiment_gru.json"])
def test_sentiment_model_equals_torch(page, name):
    data = load(name)
    vocab = Vocabulary(data["itos"])
    embed, layer, head = t(data["embed"]), torch_layer(data["rnn"]), torch_linear(data["head"])
    texts = [e["text"] for e in data["examples"]] + ["A zorblatt of a film: not good, but I loved it!", ""]
    keys = ["i", "f", "g", "o", "c", "h"] if data["rnn"]["type"] == "lstm" else ["r", "z", "n", "h"]
    got = js(page, "gates-review", name, """return args[0].map(text => {
        const r = m.read(model, text), steps = m.compute(model, r.ids);
        return {words: r.words, ids: r.ids, p: m.predict(model, text),
                steps: steps.map(s => Object.fromEntries(args[1].concat(['logits']).map(k => [k, f(s[k])])))}; });""",
             texts, keys)
    for text, result in zip(texts, got):
        words = ex.review_tokens(text, data["tail_chars"], data["drop_cut_first"])[-data["length"]:]
        ids = vocab.encode(words)
        assert result["words"] == words and result["ids"] == ids
        padded = torch.tensor([0] * (data["length"] - len(ids)) + ids)
        with torch.no_grad():
            out, _ = layer(embed[padded][None])
            logits = opinions(data, head, out[0], len(ids))
            gates = torch_gates(layer, embed[padded])
        close(gates["h"], out[0])                                  # our gate arithmetic is nn.LSTM's / nn.GRU's
        assert abs(result["p"] - logits[-1].softmax(-1)[1].item()) <= TOL
        if ids:
            n = len(ids)
            close([s["logits"] for s in result["steps"]], logits[-n:])
            for key in keys:
                close([s[key] for s in result["steps"]], gates[key][-n:])


def test_typing_a_review_updates_the_prediction_and_words_are_focusable(page):
    data = load("sentiment_lstm.json")
    container = box(page, "sentiment_lstm.json")
    verdict = container.locator(".nwm-readout").first
    before = verdict.inner_text()
    text = "A wonderful, moving film. The acting is superb and I loved every minute of it."
    container.locator("textarea").fill(text)
    page.wait_for_function("([el, before]) => el.innerText !== before", arg=[verdict.element_handle(), before])
    with torch.no_grad():
        tokens = ex.review_tokens(text, data["tail_chars"], data["drop_cut_first"])[-data["length"]:]
        ids = Vocabulary(data["itos"]).encode(tokens)
        padded = torch.tensor([0] * (data["length"] - len(ids)) + ids)
        out, _ = torch_layer(data["rnn"])(t(data["embed"])[padded][None])
        p = opinions(data, torch_linear(data["head"]), out[0], len(ids))[-1].softmax(-1)[1].item()
    assert f"P(positive) = {p:.3f}" in verdict.inner_text()
    words = container.locator("button.nwm-word")
    assert words.count() == len(ids)
    words.nth(0).focus()
    page.keyboard.press("End")
    assert words.nth(len(ids) - 1).evaluate("e => e === document.activeElement")
    assert "(word " + str(len(ids)) + " of " + str(len(ids)) + ")" in container.inner_text()


# ------------------------------------------------------------------ chapter 8c

def test_char_model_equals_torch_and_greedy_loops(page):
    data = load("char_lm.json")
    chars, prompt = data["chars"], data["prompt"]
    embed, layer, head = t(data["embed"]), torch_layer(data["rnn"]), torch_linear(data["head"])
    got = js(page, "char-sampler", "char_lm.json", """const p = args[0];
        return {logits: f(m.afterPrompt(model, p).logits), greedy: m.generate(model, p, 300, 0, 0),
                a: m.generate(model, p, 200, 0.8, 1), b: m.generate(model, p, 200, 0.8, 1),
                c: m.generate(model, p, 200, 0.8, 2)};""", prompt)
    with torch.no_grad():
        out, h = layer(embed[torch.tensor([chars.index(c) for c in prompt])][None])
        logits = head(out[0, -1])
        close(got["logits"], logits)
        greedy = []
        for _ in range(300):
            i = int(logits.argmax())
            greedy.append(chars[i])
            out, h = layer(embed[i][None, None], h)
            logits = head(out[0, -1])
    assert got["greedy"] == "".join(greedy)
    assert got["a"] == got["b"] != got["c"]                       # seeded: same seed, same text


def test_temperature_zero_shows_a_loop_and_changes_the_text(page):
    container = box(page, "char_lm.json")
    output = container.locator("pre")
    status = container.locator(".nwm-readout").element_handle()
    page.wait_for_function("el => /characters at/.test(el.innerText)", arg=status)
    before = output.inner_text()
    container.locator("input[type=range]").focus()
    page.keyboard.press("Home")
    page.wait_for_function("el => /greedy/.test(el.innerText)", arg=status)
    assert output.inner_text() != before
    assert "loop" in container.locator(".nwm-readout").inner_text()
    assert container.locator("pre mark").count() == 1


# ------------------------------------------------------------------ chapter 8

def torch_translate(data: dict, text: str):
    """Chapter 8's greedy decoding with attention, in PyTorch: (words, weights (steps, n), logits (steps, V))."""
    stoi = {c: i for i, c in enumerate(data["src_itos"])}
    x = torch.tensor([data["pad"]] * (data["src_len"] - len(text)) + [stoi[c] for c in text])
    encoder, decoder, head = torch_layer(data["encoder"]), torch_layer(data["decoder"]), torch_linear(data["head"])
    src_embed, tgt_embed = t(data["src_embed"]), t(data["tgt_embed"])
    with torch.no_grad():
        states, h = encoder(src_embed[x][None])
        keys = states[0][x != data["pad"]]                            # (n, H): the real characters
        token, words, weights, logits = data["bos"], [], [], []
        for _ in range(data["tgt_len"]):
            out, h = decoder(tgt_embed[token][None, None], h)
            w = (keys @ out[0, 0]).softmax(dim=0)
            combined = torch.tanh(t(data["combine"]) @ torch.cat([w @ keys, out[0, 0]]))  # Luong's W_c
            step_logits = head(combined)
            token = int(step_logits.argmax())
            words.append(data["tgt_itos"][token])
            weights.append(w)
            logits.append(step_logits)
            if token == data["eos"]:
                break
    return words, torch.stack(weights), torch.stack(logits)


def test_date_translator_equals_torch(page):
    data = load("date_attention.json")
    dates = data["examples"] + ["March 8, 2101", "9, 1"]
    got = js(page, "date-attention", "date_attention.json", """return args[0].map(d => {
        const r = m.translate(model, d);
        return {words: r.steps.map(s => s.word), weights: r.steps.map(s => f(s.weights)),
                logits: r.steps.map(s => f(s.logits))}; });""", dates)
    for date, result in zip(dates, got):
        words, weights, logits = torch_translate(data, date)
        assert result["words"] == words, date
        close(result["weights"], weights)
        close(result["logits"], logits)


def test_typing_a_date_translates_it(page):
    data = load("date_attention.json")
    container = box(page, "date_attention.json")
    container.locator("input[type=text]").fill("June 30, 1983")
    words, _, _ = torch_translate(data, "June 30, 1983")
    expected = " ".join(w for w in words if w != "<eos>")
    page.wait_for_function("([el, want]) => el.innerText.includes(want)",
                           arg=[container.locator(".nwm-readout").element_handle(), expected])
    assert container.locator("button.nwm-word").count() == len(words)
    container.locator("input[type=text]").fill("june 30, 1983")
    page.wait_for_function("el => !el.hidden", arg=container.locator(".nwm-warn").element_handle())
    assert "never saw “j”" in container.locator(".nwm-warn").inner_text()



# ------------------------------------------------------------------ the Russian edition

# Latin words a Russian page may show outside quotes: model names, tokens and notation shared with the Russian chapters.
LATIN_OK = {"RNN", "LSTM", "GRU", "tanh", "unk", "eos", "make", "serve"}   # <unk>, <eos>: tokens
CYRILLIC = re.compile(r"[а-яё]", re.I)

UI_TEXTS = """stage => {
    // Every text the reader sees or hears, except the English content (reviews, prompts, dates, generated text).
    const content = '[lang="en"], textarea, input, pre, select';
    const out = [], walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.data.trim() && !node.parentElement.closest(content)) out.push(node.data);
    }
    for (const el of stage.querySelectorAll('[aria-label]')) out.push(el.getAttribute('aria-label'));
    for (const o of stage.querySelectorAll('option')) out.push(o.value === 'own' ? o.text : o.text.split(':')[0]);
    return out;
}"""


def english_left(texts: list[str], table: dict[str, str]) -> list[str]:
    """The English words of `texts`, and the English fragments of the table's keys found in them."""
    found = []
    for text in texts:
        plain = re.sub(r"«[^»]*»", "«»", text).replace("P(positive)", "P()")   # quoted words are content
        found += [w for w in re.findall(r"(?<!\w)[A-Za-z]{3,}(?!\w)", plain) if w not in LATIN_OK]
        for key, russian in table.items():
            for part in re.split(r"\{\d+\}", key):
                if re.search(r"[A-Za-z]{3,}", part) and part.strip() not in russian \
                        and re.search(r"(?<!\w)" + re.escape(part.strip()) + r"(?!\w)", plain):
                    found.append(f"{part.strip()!r} in {text!r}")
    return found


def test_explorables_speak_russian_on_russian_pages(server, browser):
    page, outside, errors = open_page(browser, server.replace("index.html", "ru.html"))
    try:
        assert not errors and not outside
        table = page.evaluate("NWM.messages.ru")
        assert table and all(v != k and (CYRILLIC.search(v) or not re.search("[A-Za-z]{3,}", k))
                             for k, v in table.items()), "a Russian string without Russian"
        seen = {name: [] for name in FILES}

        def look():
            for name in FILES:
                seen[name] += box(page, name).locator(".nwm-stage").evaluate(UI_TEXTS)

        for name in FILES:                                             # every control speaks Russian
            container = box(page, name)
            assert container.get_attribute("data-nwm-started") == "ready", name
            controls = container.locator(".nwm-stage label, .nwm-stage button:not(.nwm-word):not([lang=en])")
            assert controls.count() >= 2, name
            for i in range(controls.count()):
                assert CYRILLIC.search(controls.nth(i).inner_text()), (name, controls.nth(i).inner_text())
        look()

        rnn = box(page, "rnn_recall.json")                             # chapter 2: buttons, playing, a wrong symbol
        rnn.get_by_role("button", name="На шаг вперёд").click()
        assert "Шаг 6 из" in rnn.locator(".nwm-readout").inner_text()
        rnn.get_by_role("button", name="То же, но с другим первым символом").click()
        rnn.get_by_role("button", name="Пуск").click()
        assert rnn.get_by_role("button", name="Пауза").is_visible()
        look()
        rnn.get_by_role("button", name="Пауза").click()
        rnn.locator("input[type=text]").fill("1 2 9")
        assert rnn.locator(".nwm-warn").is_visible()
        look()

        grad = box(page, "gradient_flow.json")                         # chapter 4: both ends of the slider
        grad.locator("input[type=range]").focus()
        for key in ("End", "Home"):
            page.keyboard.press(key)
            look()
        grad.get_by_label("линейная RNN (без tanh)").check()
        assert "норма градиента" in grad.locator(".nwm-readout").inner_text()
        look()

        for name in ("sentiment_lstm.json", "sentiment_gru.json"):    # chapters 6, 7b: a review of one's own
            review = box(page, name)
            verdict = review.locator(".nwm-readout").first
            before = verdict.inner_text()
            review.locator("textarea").fill("A zorblatt of a film: not good, but I loved it!")
            page.wait_for_function("([el, before]) => el.innerText !== before", arg=[verdict.element_handle(), before])
            assert "Предсказание: P(positive) = " in verdict.inner_text()
            review.locator("button.nwm-word").nth(1).focus()
            assert "(слово 2 из" in review.inner_text()
            look()
            review.locator("textarea").fill("")
            page.wait_for_function("el => el.innerText.includes('Введите отзыв')",
                                   arg=review.locator(".nwm-readout").nth(1).element_handle())
            look()

        chars = box(page, "char_lm.json")                              # chapter 8c: greedy, a loop, a bad prompt
        status = chars.locator(".nwm-readout").element_handle()
        page.wait_for_function("el => /символов при/.test(el.innerText)", arg=status)
        chars.locator("input[type=range]").focus()
        page.keyboard.press("Home")
        page.wait_for_function("el => /жадно/.test(el.innerText)", arg=status)
        assert "зацикливание" in chars.locator(".nwm-readout").inner_text()
        look()
        chars.get_by_role("button", name="Новый образец текста").click()
        for text, warning in (("Жили-были", "не видела «Ж»"), ("", "Введите затравку")):
            chars.locator("textarea").fill(text)
            page.wait_for_function("([el, want]) => !el.hidden && el.innerText.includes(want)",
                                   arg=[chars.locator(".nwm-warn").element_handle(), warning])
            look()

        dates = box(page, "date_attention.json")                       # chapter 8: a translation, two warnings
        dates.locator("input[type=text]").fill("June 30, 1983")
        page.wait_for_function("el => el.innerText.includes('Перевод:')",
                               arg=dates.locator(".nwm-readout").element_handle())
        dates.locator("button.nwm-word").first.focus()
        look()
        for text, warning in (("june 30, 1983", "не видела «j»"), ("", "Введите дату"),
                              ("September 30, 19833", "Не больше")):
            dates.locator("input[type=text]").fill(text)
            page.wait_for_function("([el, want]) => !el.hidden && el.innerText.includes(want)",
                                   arg=[dates.locator(".nwm-warn").element_handle(), warning])
            look()

        assert page.evaluate("[...NWM.untranslated]") == [], "strings shown without a Russian translation"
        for name, texts in seen.items():
            assert any(CYRILLIC.search(t) for t in texts), name
            assert not english_left(texts, table), (name, sorted(set(english_left(texts, table))))
        assert not errors, errors
    finally:
        page.context.close()
