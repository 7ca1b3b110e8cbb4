/* Chapter 8c: the character-level LSTM writes Shakespeare, one character at a time.
 * After the prompt, each step turns the logits into probabilities softmax(z / tau), draws a character
 * with a seeded generator (tau = 0: always the most probable one, greedy) and feeds it back. */
(function () {
  "use strict";
  const NWM = window.NWM, t_ = NWM.t;
  const LENGTH = 400;
  const show = (c) => (c === "\n" ? "↵" : c === " " ? "␣" : c);

  function prepare(data) {
    return { chars: data.chars, stoi: new Map(data.chars.map((c, i) => [c, i])), embed: NWM.tensor(data.embed),
      rnn: NWM.layer(data.rnn), head: NWM.linear(data.head), prompt: data.prompt };
  }

  /** Read the prompt (a string of known characters): the logits (V,) for the next character and the state. */
  function afterPrompt(model, prompt) {
    let state = NWM.zeroState(model.rnn);
    for (const c of prompt) state = NWM.step(model.rnn, NWM.row(model.embed, model.stoi.get(c)), state);
    return { logits: NWM.applyLinear(model.head, state.h), state: state };
  }

  /** Continue the prompt by n characters at temperature tau with seed; returns the new characters. */
  function* characters(model, prompt, n, tau, seed) {
    let { logits, state } = afterPrompt(model, prompt);
    const uniform = NWM.rng(seed);
    for (let k = 0; k < n; k++) {
      const u = uniform();                                   // drawn even when greedy: same stream for all tau
      const i = tau === 0 ? NWM.argmax(logits) : NWM.sample(NWM.softmax(logits, tau), u);
      yield model.chars[i];
      state = NWM.step(model.rnn, NWM.row(model.embed, i), state);
      logits = NWM.applyLinear(model.head, state.h);
    }
  }
  const generate = (model, prompt, n, tau, seed) => Array.from(characters(model, prompt, n, tau, seed)).join("");

  /** If text ends by repeating one block, {start, period}: the text from `start` on has that period. */
  function loop(text) {
    const n = text.length;
    for (let period = 1; period <= n / 3; period++) {
      let start = n - period;
      while (start > 0 && text[start - 1] === text[start - 1 + period]) start--;
      if (n - start >= Math.max(3 * period, 40)) return { start: start, period: period };
    }
    return null;
  }

  function init(stage, data) {
    const model = prepare(data);
    let tau = 0.5, seed = 0, job = 0;
    const prompt = NWM.textField(t_("Prompt:"), { rows: 2, value: model.prompt }, NWM.later(run, 200));
    prompt.input.lang = "en";                               // Shakespeare's English
    const slider = NWM.slider(t_("Temperature τ:"), { min: 0, max: 2, step: 0.05, value: tau,
      format: (v) => (v === 0 ? t_("0 (greedy)") : v.toFixed(2)) }, (v) => { tau = v; later(); });
    const seedId = NWM.id("seed");
    const seedInput = NWM.el("input", { type: "number", id: seedId, min: 0, max: 999999, step: 1, value: seed });
    seedInput.addEventListener("input", () => { seed = Math.max(0, Math.floor(+seedInput.value || 0)); later(); });
    const again = NWM.button(t_("New sample"), () => { seed += 1; seedInput.value = seed; run(); });
    const warn = NWM.el("p", { class: "nwm-warn", hidden: true });
    const bars = NWM.svg("svg", { class: "nwm-chart", role: "img" });
    const output = NWM.el("pre", { class: "nwm-output", lang: "en", "aria-live": "off", tabindex: "0", "aria-label": t_("generated text") });
    const status = NWM.el("p", { class: "nwm-readout", "aria-live": "polite" });
    stage.append(NWM.el("div", { class: "nwm-controls" }, [prompt.box]),
      NWM.el("div", { class: "nwm-controls" }, [slider.box,
        NWM.el("div", { class: "nwm-field" }, [NWM.el("label", { for: seedId, text: t_("Seed:") }), seedInput]), again]),
      warn, bars, output, status);
    const later = NWM.later(run, 120);

    let shownLogits = null;
    function drawBars(logits) {
      shownLogits = logits;
      const p = NWM.softmax(logits, tau), top = Array.from(p.keys()).sort((a, b) => p[b] - p[a]).slice(0, 12);
      const width = NWM.width(stage, 260, 520, () => drawBars(shownLogits)), L = 4, B = 110, W = (width - 8) / 12;
      bars.setAttribute("viewBox", "0 0 " + width + " 130");
      bars.setAttribute("width", width);
      bars.setAttribute("height", 130);
      bars.replaceChildren(NWM.svg("text", { x: 0, y: 12, text: t_("next character after the prompt, τ = {0}",
          tau === 0 ? "0" : tau.toFixed(2)) }),
        NWM.svg("line", { x1: L - 4, x2: L + 12 * W, y1: B, y2: B, class: "nwm-axis" }),
        NWM.svg("line", { x1: L - 4, x2: L + 12 * W, y1: 32, y2: 32, class: "nwm-grid" }),          // probability 1
        NWM.svg("text", { x: L + 12 * W, y: 29, "text-anchor": "end", class: "nwm-small nwm-muted", text: t_("probability 1") }));
      top.forEach((i, k) => {
        const h = p[i] * (B - 32);
        bars.append(NWM.svg("rect", { x: L + k * W + 3, y: B - h, width: W - 6, height: Math.max(h, 0.5),
          style: "fill:var(--nwm-seq)" }),
        NWM.svg("text", { x: L + k * W + W / 2, y: B + 13, "text-anchor": "middle", text: show(model.chars[i]) }),
        NWM.svg("text", { x: L + k * W + W / 2, y: B - h - 3, "text-anchor": "middle", class: "nwm-small",
          text: p[i] >= 0.995 ? "1" : p[i].toFixed(2).replace(/^0/, "") }));
      });
      bars.setAttribute("aria-label", t_("Most probable next characters at temperature {0}: ", tau) +
        top.slice(0, 5).map((i) => t_("“{0}”", show(model.chars[i])) + " " + p[i].toFixed(2)).join(", "));
    }

    function run() {
      const text = prompt.input.value;
      const unknown = [...new Set(Array.from(text).filter((c) => !model.stoi.has(c)))];
      warn.hidden = unknown.length === 0 && text.length > 0;
      warn.textContent = text.length === 0 ? t_("Type a prompt of at least one character.")
        : t_("The model never saw {0} in training: remove it from the prompt.", unknown.map((c) => t_("“{0}”", c)).join(", "));
      if (!warn.hidden) return;
      drawBars(afterPrompt(model, text).logits);
      const mine = ++job, chars = characters(model, text, LENGTH, tau, seed);
      const prefix = NWM.el("span", { class: "nwm-prompt", text: text });
      const body = document.createTextNode("");
      output.replaceChildren(prefix, body);
      status.textContent = t_("Writing…");
      const chunk = NWM.reducedMotion() ? LENGTH : 12;
      (function more() {                                    // a few characters per frame: watch it write
        if (mine !== job) return;                           // a newer run has started
        for (let k = 0; k < chunk; k++) {
          const next = chars.next();
          if (next.done) return finish(body.data);
          body.data += next.value;
        }
        requestAnimationFrame(more);
      })();
    }

    function finish(generated) {
      const found = loop(generated);
      let text = t_("{0} characters at τ = {1}, seed {2}.", LENGTH,
        tau === 0 ? t_("0 (greedy: always the most probable)") : tau.toFixed(2), seed);
      if (found) {
        text += t_(" From character {0} on it repeats the same {1} characters over and over: a loop.",
          found.start + 1, found.period);
        const body = output.lastChild;
        body.data = generated.slice(0, found.start);
        output.append(NWM.el("mark", { text: generated.slice(found.start) }));
      }
      status.textContent = text;
      output.setAttribute("aria-label", t_("generated text: {0}", generated.slice(0, 200)));
    }
    run();
  }

  NWM.define("char-sampler", { init: init, prepare: prepare, afterPrompt: afterPrompt, generate: generate, loop: loop });
})();
