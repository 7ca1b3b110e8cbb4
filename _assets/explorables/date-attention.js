/* Chapter 8: the GRU encoder-decoder with dot-product attention translates an English date into
 * Russian words, greedily, and shows where it looks for each word.
 * Encoder: the date's characters, left-padded with <pad> to the longest training date, through an
 * embedding and a GRU. Decoder: a GRU that starts from the encoder's last state and reads <bos>, then
 * its own previous word; at each step a_j = softmax_j(h_t . s_j) over the real (not <pad>) characters,
 * context c_t = sum_j a_j s_j, h~_t = tanh(W_c [c_t; h_t]) and the next word = argmax of head(h~_t),
 * until <eos>. */
(function () {
  "use strict";
  const NWM = window.NWM, t_ = NWM.t;

  function prepare(data) {
    return { srcItos: data.src_itos, srcStoi: new Map(data.src_itos.map((c, i) => [c, i])), tgtItos: data.tgt_itos,
      srcLen: data.src_len, tgtLen: data.tgt_len, pad: data.pad, bos: data.bos, eos: data.eos,
      srcEmbed: NWM.tensor(data.src_embed), encoder: NWM.layer(data.encoder), tgtEmbed: NWM.tensor(data.tgt_embed),
      decoder: NWM.layer(data.decoder), combine: NWM.tensor(data.combine), head: NWM.linear(data.head),
      examples: data.examples };
  }

  /** Why a date cannot be read (unknown characters, too long), or null. */
  function problem(model, text) {
    const chars = NWM.codePoints(text);
    if (!chars.length) return t_("Type a date.");
    const unknown = [...new Set(chars.filter((c) => !model.srcStoi.has(c) || c === model.srcItos[model.pad]))];
    if (unknown.length) return t_("The model never saw {0} in training (it knows dates written like “June 30, 1983”).",
      unknown.map((c) => t_("“{0}”", c)).join(", "));
    if (chars.length > model.srcLen) return t_("At most {0} characters: the longest date in training.", model.srcLen);
    return null;
  }

  /** Greedy translation: {chars, words, steps: [{word, id, weights (n_chars,), logits}]}. */
  function translate(model, text) {
    const chars = NWM.codePoints(text), n = chars.length;
    const ids = new Array(model.srcLen - n).fill(model.pad).concat(chars.map((c) => model.srcStoi.get(c)));
    const encoded = NWM.run(model.encoder, ids.map((id) => NWM.row(model.srcEmbed, id)));
    const keys = encoded.slice(model.srcLen - n).map((s) => s.h);      // the states of the real characters
    let state = { h: encoded[encoded.length - 1].h }, token = model.bos;
    const steps = [];
    for (let t = 0; t < model.tgtLen; t++) {
      state = NWM.gruStep(model.decoder, NWM.row(model.tgtEmbed, token), state);
      const weights = NWM.softmax(keys.map((s) => s.reduce((sum, v, j) => sum + v * state.h[j], 0)));
      const context = new Float64Array(state.h.length);
      keys.forEach((s, j) => s.forEach((v, k) => { context[k] += weights[j] * v; }));
      const combined = NWM.matvec(model.combine, NWM.concat(context, state.h)).map(Math.tanh);
      const logits = NWM.applyLinear(model.head, combined);
      token = NWM.argmax(logits);
      steps.push({ id: token, word: model.tgtItos[token], weights: weights, logits: logits, h: state.h });
      if (token === model.eos) break;
    }
    return { chars: chars, steps: steps, words: steps.filter((s) => s.id !== model.eos).map((s) => s.word) };
  }

  const shown_ = (c) => (c === " " ? "␣" : c);       // a space, made visible

  function init(stage, data) {
    const model = prepare(data);
    let result = null, shown = 0, timer = null, focus = -1;
    const field = NWM.textField(t_("English date:"), { value: model.examples[0], maxlength: model.srcLen + 6 },
      NWM.later(run, 250));
    field.input.lang = "en";
    const examples = model.examples.map((e) => NWM.button(e, () => { field.input.value = e; run(); }, { lang: "en" }));
    const replay = NWM.button(t_("Replay"), () => run());
    const warn = NWM.el("p", { class: "nwm-warn", hidden: true });
    const words = NWM.el("div", { class: "nwm-words", role: "group", "aria-label": t_("the translation, word by word") });
    const chart = NWM.svg("svg", { class: "nwm-chart", role: "img" });
    const readout = NWM.el("p", { class: "nwm-readout", "aria-live": "polite" });
    stage.append(NWM.el("div", { class: "nwm-controls" }, [field.box, replay]),
      NWM.el("div", { class: "nwm-controls" }, examples), warn,
      NWM.el("p", { class: "nwm-note", text: t_("Russian, word by word (hover or focus a word to see where it looked):") }),
      words, NWM.el("div", { class: "nwm-scroll" }, chart), readout);

    function run() {
      clearInterval(timer);
      const why = problem(model, field.input.value);
      warn.hidden = !why;
      warn.textContent = why || "";
      if (why) return;
      result = translate(model, field.input.value);
      shown = 0;
      focus = -1;
      const reveal = () => {                      // draw the decoder's steps one after another
        shown += 1;
        if (shown >= result.steps.length) clearInterval(timer);
        draw();
      };
      if (NWM.reducedMotion()) { shown = result.steps.length; draw(); }
      else { reveal(); timer = setInterval(reveal, 350); }
    }

    // A new decoder step was revealed: rebuild the word buttons, then the rest.
    function draw() {
      const items = result.steps.slice(0, shown).map((s, t) => {
        const b = NWM.el("button", { type: "button", class: "nwm-word", text: s.word });
        b.addEventListener("mouseenter", () => { focus = t; highlight(); });
        return b;
      });
      words.replaceChildren(...items);
      NWM.rovingFocus(items, (t) => { focus = t; highlight(); });
      highlight();
    }
    // The word in focus (or else the last one written): its row framed, where it looks in words.
    function highlight() {
      const steps = result.steps.slice(0, shown), t = focus >= 0 && focus < shown ? focus : shown - 1;
      words.querySelectorAll(".nwm-word").forEach((b, k) => b.classList.toggle("nwm-current", k === focus));
      drawChart(steps);
      const s = steps[t], order = Array.from(s.weights.keys()).sort((a, b) => s.weights[b] - s.weights[a])
        .filter((j, rank) => rank === 0 || (rank < 3 && s.weights[j] >= 0.05));   // the characters that matter
      readout.textContent = t_("Writing “{0}” (word {1}), the decoder looks at ", s.word, t + 1) +
        order.map((j) => t_("“{0}” (position {1}) {2}", shown_(result.chars[j]), j + 1, s.weights[j].toFixed(2))).join(", ") +
        "." + (shown === result.steps.length ? t_(" Translation: {0}.", result.words.join(" ")) : "");
    }

    // Rows: the words written so far; columns: the English characters; darker = more attention.
    function drawChart(steps) {
      const chars = result.chars, LEFT = 104, TOP = 22, RH = 18, rowsMax = result.steps.length;
      const room = NWM.width(stage, 260, 760, () => highlight());
      const CW = Math.max(11, Math.min(30, Math.floor((room - LEFT - 6) / chars.length)));
      const width = LEFT + chars.length * CW + 6, height = TOP + rowsMax * RH + 8;
      chart.setAttribute("viewBox", "0 0 " + width + " " + height);
      chart.setAttribute("width", width);
      chart.setAttribute("height", height);
      chart.style.maxWidth = "none";                                  // wider than the page: it scrolls
      chart.replaceChildren();
      chars.forEach((c, j) => chart.append(NWM.svg("text", { x: LEFT + j * CW + CW / 2, y: TOP - 8, "text-anchor": "middle",
        text: shown_(c) })));
      result.steps.forEach((s, t) => {
        const y = TOP + t * RH, visible = t < steps.length;
        chart.append(NWM.svg("text", { x: LEFT - 6, y: y + 13, "text-anchor": "end", class: visible ? "" : "nwm-muted",
          text: visible ? s.word : "…" }));
        chars.forEach((c, j) => chart.append(NWM.svg("rect", { x: LEFT + j * CW, y: y, width: CW - 1, height: RH - 1,
          class: "nwm-cell", style: NWM.unitStyle(visible ? s.weights[j] : 0) })));
      });
      if (focus >= 0 && focus < steps.length) {
        chart.append(NWM.svg("rect", { x: LEFT - 1, y: TOP + focus * RH - 1, width: chars.length * CW + 1, height: RH + 1,
          class: "nwm-frame" }));
      }
      chart.setAttribute("aria-label", t_("Attention weights: ") + steps.map((s) => {
        const j = NWM.argmax(s.weights);
        return t_("“{0}” looks most at “{1}” (position {2}, {3})", s.word, shown_(chars[j]), j + 1, s.weights[j].toFixed(2));
      }).join("; ") + ".");
    }
    run();
  }

  NWM.define("date-attention", { init: init, prepare: prepare, translate: translate, problem: problem });
})();
