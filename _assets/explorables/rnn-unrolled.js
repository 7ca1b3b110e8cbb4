/* Chapter 2: the trained recall-the-first-symbol RNN, unrolled over a sequence the reader types.
 * Each column is one time step: the one-hot input x_t, the hidden state h_t (64 units) and the output
 * softmax(head(h_t)): the model's answer "the first symbol was k" if the sequence stopped at step t. */
(function () {
  "use strict";
  const NWM = window.NWM, t_ = NWM.t;
  const MAX_LENGTH = 40;

  /** The stored model -> weights ready to run. */
  function prepare(data) {
    return { n: data.n_symbols, rnn: NWM.layer(data.rnn), head: NWM.linear(data.head), examples: data.examples };
  }

  /** Run the RNN over symbols (ints): for each step {symbol, h (H,), probs (n_symbols,)}. */
  function compute(model, symbols) {
    const onehots = symbols.map((s) => Float64Array.from({ length: model.n }, (_, k) => (k === s ? 1 : 0)));
    return NWM.run(model.rnn, onehots).map((state, t) => ({
      symbol: symbols[t], h: state.h, probs: NWM.softmax(NWM.applyLinear(model.head, state.h)) }));
  }

  /** "3 1 4" or "314" -> [3, 1, 4]; null if anything but symbols and separators. */
  function parse(text, n) {
    const cleaned = text.replace(/[\s,;]+/g, "");
    if (!new RegExp("^[0-" + (n - 1) + "]*$").test(cleaned)) return null;
    return Array.from(cleaned, Number).slice(0, MAX_LENGTH);
  }

  function init(stage, data) {
    const model = prepare(data);
    const n = model.n, H = model.rnn.H;
    let symbols = model.examples[0].slice(0, MAX_LENGTH), steps = [], t = 1, timer = null;

    const field = NWM.textField(t_("Sequence (symbols 0–{0}, up to {1}):", n - 1, MAX_LENGTH),
      { value: symbols.join(" ") }, (text) => setSequence(text, false));
    const examples = model.examples.map((seq, k) => NWM.button(
      k === 0 ? t_("The chapter's sequence") : k === 1 ? t_("Same, first symbol changed") : t_("Example {0}", k + 1),
      () => setSequence(seq.join(" "), true)));
    const random = NWM.button(t_("Random"), () => {
      const u = NWM.rng(Date.now());
      setSequence(Array.from({ length: 20 }, () => Math.floor(u() * n)).join(" "), true);
    });
    const warn = NWM.el("p", { class: "nwm-warn", hidden: true, text: t_("Only the symbols 0 to {0} exist.", n - 1) });
    const prev = NWM.button(t_("◀ Back"), () => go(t - 1), { "aria-label": t_("Back one step") });
    const next = NWM.button(t_("Step ▶"), () => go(t + 1), { "aria-label": t_("Step forward") });
    const play = NWM.button(t_("Play"), () => toggle());
    const slider = NWM.slider(t_("Time step t:"), { min: 1, max: 1, step: 1, value: 1 }, (v) => go(v));
    const chart = NWM.svg("svg", { class: "nwm-chart", role: "img" });
    const readout = NWM.el("p", { class: "nwm-readout", "aria-live": "polite" });

    stage.append(
      NWM.el("div", { class: "nwm-controls" }, [field.box]),
      NWM.el("div", { class: "nwm-controls" }, [...examples, random]), warn,
      NWM.el("div", { class: "nwm-controls" }, [prev, slider.box, next, play]),
      NWM.el("div", { class: "nwm-scroll" }, chart), readout,
      NWM.el("p", { class: "nwm-note" }, [
        t_("Colours: "), swatch("--nwm-pos"), t_(" positive and "), swatch("--nwm-neg"),
        t_(" negative state values (stronger = larger); "), swatch("--nwm-seq"),
        t_(" the input symbol and the output probabilities.")]));

    function swatch(variable) {
      return NWM.el("span", { class: "nwm-legend-swatch", style: "background:var(" + variable + ")" });
    }

    function setSequence(text, fromButton) {
      const parsed = parse(text, n);
      warn.hidden = parsed !== null;
      if (parsed === null || parsed.length === 0) return;
      if (fromButton) field.input.value = text;
      symbols = parsed;
      steps = compute(model, symbols);
      slider.input.max = symbols.length;
      go(t);                                   // stay at the same step (or the last one, if shorter)
    }

    function toggle(stop) {
      if (timer || stop) {
        clearInterval(timer); timer = null; play.textContent = t_("Play");
        return;
      }
      if (t >= symbols.length) go(1);
      play.textContent = t_("Pause");
      timer = setInterval(() => (t < symbols.length ? go(t + 1) : toggle(true)), 450);
    }

    function go(step) {
      t = Math.max(1, Math.min(symbols.length, step));
      slider.set(t);
      prev.disabled = t <= 1;
      next.disabled = t >= symbols.length;
      draw();
    }

    // Layout of the unrolled picture, in SVG units.
    const LEFT = 64, TOP = 16, IN_H = 9, H_H = 3, GAP = 14;
    function draw() {
      const T = symbols.length, yState = TOP + n * IN_H + GAP, yOut = yState + H * H_H + GAP;
      const room = NWM.width(stage, 280, 1000, draw);                  // columns as wide as the page allows
      const CW = Math.max(8, Math.min(22, Math.floor((room - LEFT - 4) / T)));
      const width = LEFT + T * CW + 4, height = yOut + n * IN_H + 18;
      chart.setAttribute("viewBox", "0 0 " + width + " " + height);
      chart.setAttribute("width", width);
      chart.setAttribute("height", height);
      chart.style.maxWidth = "none";                                  // wider than the page: it scrolls
      chart.replaceChildren();
      const label = (y, text, cls) => NWM.svg("text", { x: 2, y: y, class: cls || "", text: text });
      chart.append(label(TOP - 4, t_("input xₜ")), label(yState - 4, t_("state hₜ")), label(yOut - 4, t_("output")),
        label(yState + 12, t_("{0} units", H), "nwm-small nwm-muted"),
        label(yOut + n * IN_H + 12, t_("P(first = k)"), "nwm-small nwm-muted"));
      for (let k = 0; k < n; k++) {
        chart.append(NWM.svg("text", { x: LEFT - 4, y: TOP + k * IN_H + 8, "text-anchor": "end", class: "nwm-small", text: k }),
          NWM.svg("text", { x: LEFT - 4, y: yOut + k * IN_H + 8, "text-anchor": "end", class: "nwm-small", text: k }));
      }
      steps.forEach((s, i) => {
        const x = LEFT + i * CW, read = i < t;               // steps after t: only their input is known yet
        const column = NWM.svg("g", { class: "nwm-clickable" });
        column.addEventListener("click", () => go(i + 1));
        for (let k = 0; k < n; k++) {
          column.append(NWM.svg("rect", { x: x, y: TOP + k * IN_H, width: CW - 1, height: IN_H - 1, class: "nwm-cell",
            style: NWM.unitStyle(k === s.symbol ? (read ? 1 : 0.35) : 0) }));
        }
        if (read) {
          for (let k = 0; k < n; k++) {
            column.append(NWM.svg("rect", { x: x, y: yOut + k * IN_H, width: CW - 1, height: IN_H - 1, class: "nwm-cell",
              style: NWM.unitStyle(s.probs[k]) }));
          }
          for (let j = 0; j < H; j++) {
            column.append(NWM.svg("rect", { x: x, y: yState + j * H_H, width: CW - 1, height: H_H,
              style: NWM.signedStyle(s.h[j]) }));
          }
        } else {                                              // not computed yet: empty outlines
          column.append(NWM.svg("rect", { x: x, y: yState, width: CW - 1, height: H * H_H, class: "nwm-cell", fill: "none" }),
            NWM.svg("rect", { x: x, y: yOut, width: CW - 1, height: n * IN_H - 1, class: "nwm-cell", fill: "none" }));
        }
        column.append(NWM.svg("text", { x: x + CW / 2 - 0.5, y: height - 4, "text-anchor": "middle",
          class: "nwm-small" + (read ? "" : " nwm-muted"), text: s.symbol }));
        chart.append(column);
      });
      const x = LEFT + (t - 1) * CW;
      chart.append(NWM.svg("rect", { x: x - 1.5, y: TOP - 2, width: CW + 2, height: yOut + n * IN_H - TOP + 3, class: "nwm-frame" }));
      const s = steps[t - 1], guess = NWM.argmax(s.probs);
      const strong = s.h.filter((v) => Math.abs(v) > 0.5).length;
      const text = t_("Step {0} of {1} reads symbol {2}. The state h{3} has {4} of {5} units beyond ±0.5. " +
        "If the sequence ended here, the RNN would answer {6} (probability {7})",
        t, symbols.length, s.symbol, sub(t), strong, H, guess, s.probs[guess].toFixed(3)) +
        (guess === symbols[0] ? t_(": right, the first symbol was {0}.", symbols[0]) : t_("; the first symbol was {0}.", symbols[0]));
      readout.textContent = text;
      chart.setAttribute("aria-label", t_("The RNN unrolled over {0} steps; columns 1 to {1} have been read. ", symbols.length, t) + text);
    }
    const sub = (k) => String(k).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[d]);

    setSequence(symbols.join(" "), true);
    go(Math.min(5, symbols.length));
  }

  NWM.define("rnn-unrolled", { init: init, prepare: prepare, compute: compute, parse: parse });
})();
