/* Chapters 6 and 7b: a trained sentiment LSTM (or GRU) reads a review, word by word.
 * The review is read exactly as in its chapter: utils.text.tokenize of the last 1,000 characters
 * (chapter 6 also drops the first token of a cut review), the last 100 tokens, left-padded with <pad>;
 * words outside the chapter's vocabulary become <unk>. For each word we show the running opinion: the
 * model's P(positive) if the review ended there, softmax(head(h_t))[1] for a head on the last state, or
 * softmax(head([mean, max of h_1..h_t]))[1] for a pooled head ("pooling": "mean_max", chapters 6 and 7b,
 * utils.sentiment.pool_over_time); and, for the word in focus, every gate, the cell state and h_t. */
(function () {
  "use strict";
  const NWM = window.NWM, t_ = NWM.t;
  // The labels are English keys of NWM.t, translated where they are shown.
  const GATES = {
    lstm: [["i", "input gate i", "unit"], ["f", "forget gate f", "unit"], ["o", "output gate o", "unit"],
      ["g", "candidate g", "signed"], ["c", "cell state c", "signed"], ["h", "hidden state h", "signed"]],
    gru: [["r", "reset gate r", "unit"], ["z", "update gate z", "unit"], ["n", "candidate n", "signed"],
      ["h", "hidden state h", "signed"]],
  };
  // The two gates drawn along the review next to the opinion: the "write" and the "keep" gate.
  const TRACKED = { lstm: [["i", "mean input gate"], ["f", "mean forget gate"]],
    gru: [["z", "mean update gate z (keep)"], ["r", "mean reset gate"]] };

  function prepare(data) {
    return { embed: NWM.tensor(data.embed), rnn: NWM.layer(data.rnn), head: NWM.linear(data.head),
      itos: data.itos, stoi: new Map(data.itos.map((w, i) => [w, i])), length: data.length,
      tail: data.tail_chars, dropFirst: data.drop_cut_first, examples: data.examples,
      pooling: data.pooling || "last" };
  }

  /** A review -> {words: the tokens read (the last `length`), ids, skipped: tokens not read}. */
  function read(model, text) {
    const chars = NWM.codePoints(text);
    let tokens = NWM.tokenize(text);
    if (chars.length > model.tail) {
      tokens = NWM.tokenize(chars.slice(-model.tail).join(""));
      if (model.dropFirst) tokens = tokens.slice(1);          // maybe half a word
    }
    const words = tokens.slice(-model.length);
    const unk = model.stoi.get("<unk>");
    return { words: words, ids: words.map((w) => (model.stoi.has(w) ? model.stoi.get(w) : unk)),
      skipped: tokens.length - words.length };
  }

  /** Run over ids, left-padded to `length` as in the chapter: one result per real token (gates, c, h, p). */
  function compute(model, ids) {
    const padded = new Array(model.length - ids.length).fill(0).concat(ids);
    const states = NWM.run(model.rnn, padded.map((id) => NWM.row(model.embed, id)));
    const H = model.rnn.H, sum = new Float64Array(H), top = new Float64Array(H).fill(-Infinity);
    return states.slice(padded.length - ids.length).map((s, k) => {
      let pooled = s.h;
      if (model.pooling === "mean_max") {     // mean and max of h over the real words so far
        for (let j = 0; j < H; j++) { sum[j] += s.h[j]; top[j] = Math.max(top[j], s.h[j]); }
        pooled = NWM.concat(sum.map((v) => v / (k + 1)), top);
      }
      const logits = NWM.applyLinear(model.head, pooled);
      return Object.assign({ logits: logits, p: NWM.softmax(logits)[1] }, s);
    });
  }
  /** P(positive) of the whole review (the empty review reads only padding). */
  function predict(model, text) {
    const r = read(model, text), steps = compute(model, r.ids);
    if (steps.length) return steps[steps.length - 1].p;
    if (model.pooling === "mean_max") {       // no real word: pool_over_time gives 0 and -1e4
      const H = model.rnn.H;
      return NWM.softmax(NWM.applyLinear(model.head, NWM.concat(new Float64Array(H),
        new Float64Array(H).fill(-1e4))))[1];
    }
    const s = NWM.run(model.rnn, new Array(model.length).fill(0).map(() => NWM.row(model.embed, 0)));
    return NWM.softmax(NWM.applyLinear(model.head, s[s.length - 1].h))[1];
  }
  const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;

  function init(stage, data) {
    const model = prepare(data), type = model.rnn.type, H = model.rnn.H;
    const rows = GATES[type].map(([key, label, scale]) => [key, t_(label), scale]);
    const tracked = TRACKED[type].map(([key, label]) => [key, t_(label)]);
    const verdictOf = (positive) => t_(positive ? "positive" : "negative");
    let focus = 0, steps = [], words = [];

    const select = NWM.el("select", { id: NWM.id("review") },
      model.examples.map((e, k) => NWM.el("option", { value: k, text: (k + 1) + ". " +
        verdictOf(e.label) + ": " + e.text.slice(0, 60) + "…" }))
        .concat([NWM.el("option", { value: "own", text: t_("Your own text (edit the box)") })]));
    select.addEventListener("change", () => {
      if (select.value !== "own") { box.input.value = model.examples[+select.value].text; update(true); }
      else box.input.focus();
    });
    const box = NWM.textField(t_("Review (edit it: the prediction follows):"), { rows: 5,
      value: model.examples[0].text }, NWM.later(() => { select.value = matching(); update(false); }, 120));
    box.input.lang = "en";                                  // the reviews are English
    const verdict = NWM.el("p", { class: "nwm-readout", "aria-live": "polite" });
    const note = NWM.el("p", { class: "nwm-note" });
    const chips = NWM.el("div", { class: "nwm-words", role: "group", "aria-label": t_("the words the model reads") });
    const trace = NWM.svg("svg", { class: "nwm-chart", role: "img" });
    const detail = NWM.svg("svg", { class: "nwm-chart", role: "img" });
    const series = [["p", "P(positive)", "nwm-a"]].concat(tracked.map(([g, label], i) => [g, label, i ? "nwm-c" : "nwm-b"]));
    const legend = NWM.el("p", { class: "nwm-note", "aria-hidden": "true" }, series.map(([, label, cls], i) =>
      NWM.el("span", { style: "margin-right:1em;white-space:nowrap" }, [NWM.svg("svg", { width: 22, height: 8 },
        NWM.svg("line", { x1: 0, x2: 22, y1: 4, y2: 4, class: "nwm-line " + cls + (i ? " nwm-dashed" : "") })), " " + label])));
    const detailText = NWM.el("p", { class: "nwm-readout" });
    stage.append(
      NWM.el("div", { class: "nwm-controls" }, [NWM.el("div", { class: "nwm-field nwm-field-wide" }, [
        NWM.el("label", { for: select.id, text: t_("Review:") }), select])]),
      NWM.el("div", { class: "nwm-controls" }, [box.box]), verdict,
      NWM.el("p", { class: "nwm-note" }, [t_("Each word is tinted by the opinion after reading it ("),
        swatch("--nwm-pos"), t_(" positive, "), swatch("--nwm-neg"),
        t_(" negative). Hover or focus a word (arrow keys move along the review) to see its gates.")]),
      chips, note, legend, trace, detailText, detail,
      NWM.el("p", { class: "nwm-note", text: t_("One column per unit ({0}). Gates: greener = nearer 1 (open). " +
        "The other rows: orange above 0, blue below 0, stronger = larger. Hover a cell for its value.", H) }));

    function swatch(variable) {
      return NWM.el("span", { class: "nwm-legend-swatch", style: "background:var(" + variable + ")" });
    }
    function matching() {
      const k = model.examples.findIndex((e) => e.text === box.input.value);
      return k < 0 ? "own" : String(k);
    }

    function update(refocus) {
      const r = read(model, box.input.value);
      words = r.words;
      steps = compute(model, r.ids);
      const p = steps.length ? steps[steps.length - 1].p : predict(model, "");
      const example = select.value === "own" ? null : model.examples[+select.value];
      verdict.replaceChildren(t_("Prediction: P(positive) = {0} ", p.toFixed(3)),
        NWM.el("span", { class: "nwm-prob-bar", "aria-hidden": "true" }, NWM.el("span", { style: "width:" + (100 * p).toFixed(1) + "%" })),
        " → " + verdictOf(p >= 0.5) + (example ? t_(" (the review's label: {0})", verdictOf(example.label)) : ""));
      const unknown = r.ids.filter((id) => id === model.stoi.get("<unk>")).length;
      note.textContent = t_("{0} tokens read", words.length) +
        (r.skipped ? t_(" (the {0} before them are not: the model reads the last {1})", r.skipped, model.length) : "") +
        t_("; {0} of them unknown to the model's vocabulary, read as <unk> (dashed).", unknown);
      if (refocus) {        // a new review: start at the word that moved the opinion most
        const change = (k) => (k ? Math.abs(steps[k].p - steps[k - 1].p) : 0);
        focus = steps.reduce((best, _, k) => (change(k) > change(best) ? k : best), 0);
      }
      focus = Math.min(focus, Math.max(0, steps.length - 1));
      drawChips();
      show(focus);
    }

    function drawChips() {
      const items = words.map((w, k) => {
        const known = model.stoi.has(w);
        const b = NWM.el("button", { type: "button", class: "nwm-word" + (known ? "" : " nwm-unk"),
          "aria-label": t_(known ? "{0}: opinion after it {1}" : "{0} (unknown word): opinion after it {1}", w,
            steps[k].p.toFixed(2)) },
          [NWM.el("span", { class: "nwm-tint", style: tint(steps[k].p) }), NWM.el("span", { lang: "en", text: w })]);
        b.addEventListener("mouseenter", () => show(k));
        return b;
      });
      chips.replaceChildren(...items);
      if (items.length) NWM.rovingFocus(items, show);
    }
    function tint(p) {
      const v = 2 * (p - 0.5);
      return "background:var(" + (v >= 0 ? "--nwm-pos" : "--nwm-neg") + ");opacity:" + (0.6 * Math.abs(v)).toFixed(3);
    }

    function show(k) {
      focus = k;
      chips.querySelectorAll(".nwm-word").forEach((b, j) => b.classList.toggle("nwm-current", j === k));
      drawTrace();
      drawDetail();
    }

    // The opinion and two mean gates along the review, the word in focus marked.
    function drawTrace() {
      const n = steps.length, width = NWM.width(stage, 260, 760, redraw), L = 30, R = width - 8, TOP = 8, B = 108;
      size(trace, width, 130);
      trace.replaceChildren();
      if (!n) { trace.setAttribute("aria-label", t_("no words")); return; }
      const X = (k) => (n === 1 ? (L + R) / 2 : L + (k / (n - 1)) * (R - L)), Y = (v) => B - v * (B - TOP);
      [0, 0.5, 1].forEach((v) => trace.append(NWM.svg("line", { x1: L, x2: R, y1: Y(v), y2: Y(v), class: "nwm-grid" }),
        NWM.svg("text", { x: L - 6, y: Y(v) + 4, "text-anchor": "end", class: "nwm-small", text: v })));
      series.forEach(([key, , cls], i) => {
        const value = (s) => (key === "p" ? s.p : mean(s[key]));
        trace.append(NWM.svg("path", { class: "nwm-line " + cls + (i ? " nwm-dashed" : ""),
          d: steps.map((s, k) => (k ? "L" : "M") + X(k).toFixed(1) + " " + Y(value(s)).toFixed(1)).join(" ") }));
      });
      trace.append(NWM.svg("line", { x1: X(focus), x2: X(focus), y1: TOP - 4, y2: B + 4, class: "nwm-marker" }),
        NWM.svg("text", { x: Math.min(R - 60, Math.max(L, X(focus) - 20)), y: B + 18, lang: "en", text: words[focus] }));
      trace.setAttribute("aria-label", t_("Along the {0} words: the opinion goes from {1} after the first word to {2} at the end. ",
        n, steps[0].p.toFixed(2), steps[n - 1].p.toFixed(2)) +
        tracked.map(([g, label]) => t_("{0} from {1} to {2}", label, Math.min(...steps.map((s) => mean(s[g]))).toFixed(2),
          Math.max(...steps.map((s) => mean(s[g]))).toFixed(2))).join("; ") + ".");
    }

    // Every unit of every gate, the cell state and h at the word in focus.
    function drawDetail() {
      detail.replaceChildren();
      const s = steps[focus];
      if (!s) { detailText.textContent = t_("Type a review to see the model read it."); return; }
      // room for the longest row label (11 px text; the Russian labels are longer than the English ones)
      const LEFT = Math.max(104, 12 + 6 * Math.max(...rows.map((row) => row[1].length)));
      const width = NWM.width(stage, 260, 560, redraw), cw = (width - LEFT - 4) / H, rh = 16;
      size(detail, width, rows.length * (rh + 4) + 4);
      rows.forEach(([key, label, scale], r) => {
        const y = 4 + r * (rh + 4);
        detail.append(NWM.svg("text", { x: LEFT - 6, y: y + 12, "text-anchor": "end", text: label }));
        for (let j = 0; j < H; j++) {
          const v = s[key][j];
          detail.append(NWM.svg("rect", { x: LEFT + j * cw, y: y, width: cw, height: rh, class: "nwm-cell",
            style: scale === "unit" ? NWM.unitStyle(v) : NWM.signedStyle(v) }, NWM.svg("title", { text: t_("{0}, unit {1}: {2}", label, j, v.toFixed(3)) })));
        }
      });
      const before = focus ? steps[focus - 1].p : null;
      const summary = t_("“{0}” (word {1} of {2}): P(positive) ", words[focus], focus + 1, words.length) +
        (before === null ? "" : before.toFixed(3) + " → ") + s.p.toFixed(3) + t_(". Mean over the {0} units: ", H) +
        rows.filter((row) => row[2] === "unit").map(([key, label]) => label + " " + mean(s[key]).toFixed(2)).join(", ") + ".";
      detailText.textContent = summary;
      detail.setAttribute("aria-label", summary + (type === "lstm" ? t_(" The cell state ranges from {0} to {1}.",
        Math.min(...s.c).toFixed(2), Math.max(...s.c).toFixed(2)) : ""));
    }

    function size(svg, width, height) {
      svg.setAttribute("viewBox", "0 0 " + width + " " + height);
      svg.setAttribute("width", width);
      svg.setAttribute("height", height);
    }
    function redraw() { drawTrace(); drawDetail(); }

    update(true);
  }

  NWM.define("gates-review", { init: init, prepare: prepare, read: read, compute: compute, predict: predict });
})();
