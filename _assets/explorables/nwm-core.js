/* Networks with Memory: the shared library of the interactive figures ("explorables").
 *
 * A page holds <div class="nwm-explorable" data-kind="KIND" data-src="NAME.json"> with fallback
 * content (a sentence pointing at the static figure). This file, loaded on every page, finds these
 * containers, loads explorables/KIND.js and explorables/data/NAME.json from beside itself, and hands
 * both to the explorable, which replaces the fallback. Without JavaScript the fallback stays.
 *
 * Everything here is plain JavaScript, computed in float64 like PyTorch in float64:
 *   - tensors stored by utils/explorables.py (base64 float64/32/16 or int8 with one scale per row);
 *   - matrix-vector products, tanh, sigmoid, softmax with a temperature;
 *   - one step of nn.RNN, nn.LSTM (gate order i, f, g, o) and nn.GRU (r, z, n; reset after the product);
 *   - a seeded random number generator, and utils.text.tokenize written again in JavaScript;
 *   - small DOM/SVG helpers and the colour scales shared by the explorables;
 *   - NWM.t, the interface text in the page's language (English, or Russian on <html lang="ru">).
 */
(function () {
  "use strict";
  const NWM = (window.NWM = window.NWM || {});
  document.documentElement.classList.add("nwm-js"); // CSS: show captions, hide fallbacks

  // Where this file lives: the explorables' scripts and data are beside it (_static/explorables/).
  const here = document.currentScript && document.currentScript.src;
  const root = document.documentElement.dataset.content_root;
  NWM.base = here ? new URL(".", here).href
    : new URL((root !== undefined ? root : "") + "_static/explorables/", document.baseURI).href;
  // Sphinx adds ?v=<checksum> to this file's URL; passing it on keeps the other files in step after an update.
  const version = here ? new URL(here).search : "";

  // ------------------------------------------------------------------ interface language
  // Every text the reader sees (buttons, labels, legends, aria-labels, status lines, axis titles, tooltips)
  // goes through NWM.t(english, ...args): on a Russian page (<html lang="ru...">) it is looked up in RU,
  // elsewhere the English key is the text. {0}, {1}, ... are replaced by args, formatted by the caller.
  const RU = {
    // nwm-core.js
    "The interactive version did not load: {0}": "Интерактивная версия не загрузилась: {0}",
    "pages opened as files cannot load its data; serve the site (make serve) to use it.":
      "страница, открытая как файл, не может загрузить её данные; откройте сайт через сервер (make serve).",
    "“{0}”": "«{0}»",
    // rnn-unrolled.js (chapter 2)
    "Sequence (symbols 0–{0}, up to {1}):": "Последовательность (символы 0–{0}, не больше {1}):",
    "The chapter's sequence": "Последовательность из главы",
    "Same, first symbol changed": "То же, но с другим первым символом",
    "Example {0}": "Пример {0}",
    "Random": "Случайная",
    "Only the symbols 0 to {0} exist.": "Есть только символы от 0 до {0}.",
    "◀ Back": "◀ Назад",
    "Back one step": "На шаг назад",
    "Step ▶": "Шаг ▶",
    "Step forward": "На шаг вперёд",
    "Play": "Пуск",
    "Pause": "Пауза",
    "Time step t:": "Шаг по времени t:",
    "Colours: ": "Цвета: ",
    " positive and ": " положительные и ",
    " negative state values (stronger = larger); ": " отрицательные значения состояния (насыщеннее — больше по модулю); ",
    " the input symbol and the output probabilities.": " входной символ и выходные вероятности.",
    "input xₜ": "вход xₜ",
    "state hₜ": "состояние hₜ",
    "output": "выход",
    "{0} units": "нейронов: {0}",
    "P(first = k)": "P(первый = k)",
    "Step {0} of {1} reads symbol {2}. The state h{3} has {4} of {5} units beyond ±0.5. If the sequence ended here, the RNN would answer {6} (probability {7})":
      "Шаг {0} из {1}: на входе символ {2}. В состоянии h{3} {4} из {5} нейронов выходят за ±0.5. Если бы последовательность кончилась здесь, RNN ответила бы {6} (вероятность {7})",
    ": right, the first symbol was {0}.": ": верно, первым был символ {0}.",
    "; the first symbol was {0}.": "; а первым был символ {0}.",
    "The RNN unrolled over {0} steps; columns 1 to {1} have been read. ":
      "RNN, развёрнутая по последовательности длины {0}; прочитаны столбцы с 1 по {1}. ",
    // gradient-flow.js (chapter 4)
    "Spectral radius ρ of W_hh:": "Спектральный радиус ρ матрицы W_hh:",
    "Network:": "Сеть:",
    "tanh RNN": "RNN с tanh",
    "linear RNN (no tanh)": "линейная RNN (без tanh)",
    "linear RNN": "линейная RNN",
    "circle: |λ| = 1": "окружность: |λ| = 1",
    "eigenvalues of W_hh": "собственные значения W_hh",
    "The {0} eigenvalues of W_hh in the complex plane; the largest has modulus ρ = {1}, outside the unit circle.":
      "Собственные значения W_hh ({0} шт.) на комплексной плоскости; наибольшее по модулю равно ρ = {1} и лежит вне единичной окружности.",
    "The {0} eigenvalues of W_hh in the complex plane; the largest has modulus ρ = {1}, inside the unit circle.":
      "Собственные значения W_hh ({0} шт.) на комплексной плоскости; наибольшее по модулю равно ρ = {1} и лежит внутри единичной окружности.",
    "The {0} eigenvalues of W_hh in the complex plane; the largest has modulus ρ = {1}, on the unit circle.":
      "Собственные значения W_hh ({0} шт.) на комплексной плоскости; наибольшее по модулю равно ρ = {1} и лежит на единичной окружности.",
    "‖∂L/∂hₜ‖: the gradient reaching k steps back": "‖∂L/∂hₜ‖: градиент, дошедший на k шагов назад",
    "distance k = T − t (steps)": "расстояние k = T − t (в шагах)",
    "ρ = {0}. At distance 50 the gradient's norm is {1} in the linear RNN and {2} in the tanh RNN. Per step (from distance 20 on) it is multiplied by {3} (linear) and {4} (tanh).":
      "ρ = {0}. На расстоянии 50 норма градиента равна {1} в линейной RNN и {2} в RNN с tanh. За шаг (начиная с расстояния 20) она умножается на {3} (линейная) и на {4} (tanh).",
    "Gradient norm against the distance to the loss, log scale. ":
      "Норма градиента в зависимости от расстояния до функции потерь, логарифмический масштаб. ",
    // gates-review.js (chapters 6 and 7b)
    "input gate i": "входной вентиль i",
    "forget gate f": "вентиль забывания f",
    "output gate o": "выходной вентиль o",
    "candidate g": "кандидат g",
    "cell state c": "состояние ячейки c",
    "hidden state h": "скрытое состояние h",
    "reset gate r": "вентиль сброса r",
    "update gate z": "вентиль обновления z",
    "candidate n": "кандидат n",
    "mean input gate": "средний входной вентиль",
    "mean forget gate": "средний вентиль забывания",
    "mean update gate z (keep)": "средний вентиль обновления z (сохранение)",
    "mean reset gate": "средний вентиль сброса",
    "positive": "положительный",
    "negative": "отрицательный",
    "Your own text (edit the box)": "Свой текст (отредактируйте поле)",
    "Review (edit it: the prediction follows):": "Отзыв (редактируйте: предсказание следует за текстом):",
    "the words the model reads": "слова, которые читает модель",
    "Review:": "Отзыв:",
    "Each word is tinted by the opinion after reading it (": "Каждое слово подкрашено мнением модели после его прочтения (",
    " positive, ": " положительное, ",
    " negative). Hover or focus a word (arrow keys move along the review) to see its gates.":
      " отрицательное). Наведите указатель на слово или выделите его (стрелки двигают по отзыву), чтобы увидеть его вентили.",
    "One column per unit ({0}). Gates: greener = nearer 1 (open). The other rows: orange above 0, blue below 0, stronger = larger. Hover a cell for its value.":
      "По столбцу на нейрон ({0}). Вентили: зеленее — ближе к 1 (открыт). Остальные строки: оранжевый — больше 0, синий — меньше 0, насыщеннее — больше по модулю. Наведите указатель на клетку, чтобы увидеть её значение.",
    "Prediction: P(positive) = {0} ": "Предсказание: P(positive) = {0} ",
    " (the review's label: {0})": " (метка отзыва: {0})",
    "{0} tokens read": "Прочитано токенов: {0}",
    " (the {0} before them are not: the model reads the last {1})":
      " (предшествующие им {0} не прочитаны: модель читает последние {1})",
    "; {0} of them unknown to the model's vocabulary, read as <unk> (dashed).":
      "; из них неизвестны словарю модели и читаются как <unk> (пунктир): {0}.",
    "{0}: opinion after it {1}": "«{0}»: мнение после него {1}",
    "{0} (unknown word): opinion after it {1}": "«{0}» (неизвестное слово): мнение после него {1}",
    "no words": "нет слов",
    "Along the {0} words: the opinion goes from {1} after the first word to {2} at the end. ":
      "По всему отзыву (слов: {0}): мнение меняется от {1} после первого слова до {2} в конце. ",
    "{0} from {1} to {2}": "{0}: от {1} до {2}",
    "Type a review to see the model read it.": "Введите отзыв, чтобы увидеть, как модель его читает.",
    "{0}, unit {1}: {2}": "{0}, нейрон {1}: {2}",
    "“{0}” (word {1} of {2}): P(positive) ": "«{0}» (слово {1} из {2}): P(positive) ",
    ". Mean over the {0} units: ": ". Среднее по {0} нейронам: ",
    " The cell state ranges from {0} to {1}.": " Состояние ячейки меняется от {0} до {1}.",
    // char-sampler.js (chapter 8c)
    "Prompt:": "Затравка:",
    "Temperature τ:": "Температура τ:",
    "0 (greedy)": "0 (жадно)",
    "Seed:": "Зерно:",
    "New sample": "Новый образец текста",
    "generated text": "сгенерированный текст",
    "generated text: {0}": "сгенерированный текст: «{0}»",
    "next character after the prompt, τ = {0}": "следующий символ после затравки, τ = {0}",
    "probability 1": "вероятность 1",
    "Most probable next characters at temperature {0}: ": "Самые вероятные следующие символы при температуре {0}: ",
    "Type a prompt of at least one character.": "Введите затравку хотя бы из одного символа.",
    "The model never saw {0} in training: remove it from the prompt.":
      "При обучении модель не видела {0}: уберите это из затравки.",
    "Writing…": "Модель пишет…",
    "{0} characters at τ = {1}, seed {2}.": "{0} символов при τ = {1}, зерно {2}.",
    "0 (greedy: always the most probable)": "0 (жадно: всегда самый вероятный символ)",
    " From character {0} on it repeats the same {1} characters over and over: a loop.":
      " Начиная с символа {0}, текст снова и снова повторяет один и тот же отрезок длины {1}: зацикливание.",
    // date-attention.js (chapter 8)
    "Type a date.": "Введите дату.",
    "The model never saw {0} in training (it knows dates written like “June 30, 1983”).":
      "При обучении модель не видела {0} (она знает даты, записанные как «June 30, 1983»).",
    "At most {0} characters: the longest date in training.": "Не больше {0} символов: это самая длинная дата в обучении.",
    "English date:": "Дата по-английски:",
    "Replay": "Повторить",
    "the translation, word by word": "перевод, слово за словом",
    "Russian, word by word (hover or focus a word to see where it looked):":
      "Перевод, слово за словом (наведите указатель на слово или выделите его, чтобы увидеть, куда оно смотрело):",
    "Writing “{0}” (word {1}), the decoder looks at ": "Когда пишет «{0}» (слово {1}), декодер смотрит на ",
    "“{0}” (position {1}) {2}": "«{0}» (позиция {1}) {2}",
    " Translation: {0}.": " Перевод: {0}.",
    "Attention weights: ": "Веса внимания: ",
    "“{0}” looks most at “{1}” (position {2}, {3})": "«{0}» больше всего смотрит на «{1}» (позиция {2}, {3})",
  };
  NWM.messages = { ru: RU };
  /** English keys that a Russian page asked for but RU lacks (the tests check that it stays empty). */
  NWM.untranslated = new Set();
  /** "ru" on a Russian page (<html lang="ru">, "ru-RU", ...), else "en". */
  NWM.lang = () => (/^ru\b/i.test(document.documentElement.lang || "") ? "ru" : "en");
  /** The interface text `english` in the page's language, {0}, {1}, ... replaced by args. */
  NWM.t = function (english, ...args) {
    let text = english;
    if (NWM.lang() === "ru") {
      if (Object.prototype.hasOwnProperty.call(RU, english)) text = RU[english];
      else NWM.untranslated.add(english);
    }
    return args.length ? text.replace(/\{(\d+)\}/g, (all, k) => String(args[+k])) : text;
  };

  // ------------------------------------------------------------------ stored tensors
  function bytesOf(b64) {
    const text = atob(b64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new DataView(bytes.buffer);
  }

  /** IEEE half precision (16 bits) -> number, exactly. */
  function halfToNumber(h) {
    const sign = h & 0x8000 ? -1 : 1, exponent = (h >> 10) & 0x1f, fraction = h & 0x3ff;
    if (exponent === 0) return sign * fraction * 2 ** -24;            // subnormal
    if (exponent === 31) return fraction ? NaN : sign * Infinity;
    return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
  }

  /** A tensor stored by utils/explorables.py -> {shape, rows, cols, data: Float64Array} (row-major). */
  NWM.tensor = function (stored) {
    const view = bytesOf(stored.data);
    const n = stored.shape.reduce((a, b) => a * b, 1);
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      switch (stored.dtype) {
        case "float64": data[i] = view.getFloat64(8 * i, true); break;
        case "float32": data[i] = view.getFloat32(4 * i, true); break;
        case "float16": data[i] = halfToNumber(view.getUint16(2 * i, true)); break;
        case "int8": data[i] = view.getInt8(i); break;
        default: throw new Error("unknown dtype " + stored.dtype);
      }
    }
    const cols = stored.shape.length > 1 ? stored.shape[stored.shape.length - 1] : n;
    if (stored.dtype === "int8") {                                     // value = q * scale[row]
      const scale = NWM.tensor(stored.scale).data;
      for (let i = 0; i < n; i++) data[i] *= scale[Math.floor(i / cols)];
    }
    return { shape: stored.shape, rows: n / cols, cols: cols, data: data };
  };

  /** Row r of a matrix (e.g. the embedding of token r), without copying. */
  NWM.row = (M, r) => M.data.subarray(r * M.cols, (r + 1) * M.cols);

  // ------------------------------------------------------------------ arithmetic
  /** W x (+ b): W (rows, cols), x (cols,), b (rows,) or undefined -> Float64Array (rows,). */
  NWM.matvec = function (W, x, b) {
    const out = new Float64Array(W.rows), w = W.data, cols = W.cols;
    for (let r = 0; r < W.rows; r++) {
      let sum = b ? b[r] : 0;
      const offset = r * cols;
      for (let c = 0; c < cols; c++) sum += w[offset + c] * x[c];
      out[r] = sum;
    }
    return out;
  };
  /** W^T x: W (rows, cols), x (rows,) -> (cols,). Used by backpropagation (chapter 4). */
  NWM.matTvec = function (W, x) {
    const out = new Float64Array(W.cols), w = W.data, cols = W.cols;
    for (let r = 0; r < W.rows; r++) {
      const xr = x[r], offset = r * cols;
      for (let c = 0; c < cols; c++) out[c] += w[offset + c] * xr;
    }
    return out;
  };
  NWM.sigmoid = (a) => 1 / (1 + Math.exp(-a));
  NWM.norm = (v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  NWM.argmax = function (v) {
    let best = 0;
    for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  };
  /** softmax(z / temperature); temperature 0 means greedy: all the probability on the largest z. */
  NWM.softmax = function (z, temperature) {
    const t = temperature === undefined ? 1 : temperature;
    const p = new Float64Array(z.length);
    if (t === 0) { p[NWM.argmax(z)] = 1; return p; }
    let max = -Infinity, sum = 0;
    for (const v of z) max = Math.max(max, v / t);
    for (let i = 0; i < z.length; i++) { p[i] = Math.exp(z[i] / t - max); sum += p[i]; }
    for (let i = 0; i < z.length; i++) p[i] /= sum;
    return p;
  };
  /** Concatenate vectors into one Float64Array. */
  NWM.concat = function (...parts) {
    const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let k = 0;
    for (const p of parts) { out.set(p, k); k += p.length; }
    return out;
  };

  // ------------------------------------------------------------------ recurrent layers
  /** A stored layer (utils.explorables: PyTorch's weight_ih, weight_hh, bias_ih, bias_hh) -> ready to run. */
  NWM.layer = function (stored) {
    return { type: stored.type, H: stored.hidden_size, D: stored.input_size,
      Wih: NWM.tensor(stored.weight_ih), Whh: NWM.tensor(stored.weight_hh),
      bih: NWM.tensor(stored.bias_ih).data, bhh: NWM.tensor(stored.bias_hh).data };
  };
  NWM.linear = (stored) => ({ W: NWM.tensor(stored.weight), b: NWM.tensor(stored.bias).data });
  NWM.applyLinear = (L, x) => NWM.matvec(L.W, x, L.b);

  /** nn.RNN: h' = tanh(W_ih x + b_ih + W_hh h + b_hh). */
  NWM.rnnStep = function (L, x, state) {
    const a = NWM.matvec(L.Wih, x, L.bih), b = NWM.matvec(L.Whh, state.h, L.bhh);
    return { h: a.map((v, k) => Math.tanh(v + b[k])) };
  };

  /** nn.LSTM, blocks i, f, g, o: c' = f c + i g, h' = o tanh(c'). Returns the gates too. */
  NWM.lstmStep = function (L, x, state) {
    const H = L.H, a = NWM.matvec(L.Wih, x, L.bih), b = NWM.matvec(L.Whh, state.h, L.bhh);
    const gate = (k, f) => Float64Array.from({ length: H }, (_, j) => f(a[k * H + j] + b[k * H + j]));
    const i = gate(0, NWM.sigmoid), f = gate(1, NWM.sigmoid), g = gate(2, Math.tanh), o = gate(3, NWM.sigmoid);
    const c = Float64Array.from({ length: H }, (_, j) => f[j] * state.c[j] + i[j] * g[j]);
    const h = Float64Array.from({ length: H }, (_, j) => o[j] * Math.tanh(c[j]));
    return { i: i, f: f, g: g, o: o, c: c, h: h };
  };

  /** nn.GRU, blocks r, z, n: n = tanh(x part + r (W_hn h + b_hn)), h' = (1 - z) n + z h. */
  NWM.gruStep = function (L, x, state) {
    const H = L.H, a = NWM.matvec(L.Wih, x, L.bih), b = NWM.matvec(L.Whh, state.h, L.bhh);
    const r = Float64Array.from({ length: H }, (_, j) => NWM.sigmoid(a[j] + b[j]));
    const z = Float64Array.from({ length: H }, (_, j) => NWM.sigmoid(a[H + j] + b[H + j]));
    const n = Float64Array.from({ length: H }, (_, j) => Math.tanh(a[2 * H + j] + r[j] * b[2 * H + j]));
    const h = Float64Array.from({ length: H }, (_, j) => (1 - z[j]) * n[j] + z[j] * state.h[j]);
    return { r: r, z: z, n: n, h: h };
  };

  /** The zero state of a layer ({h} or, for an LSTM, {h, c}). */
  NWM.zeroState = (L) => (L.type === "lstm" ? { h: new Float64Array(L.H), c: new Float64Array(L.H) }
    : { h: new Float64Array(L.H) });
  /** One step of whichever layer L is. */
  NWM.step = (L, x, state) => ({ lstm: NWM.lstmStep, gru: NWM.gruStep, rnn: NWM.rnnStep }[L.type])(L, x, state);
  /** Run L over the inputs xs (a list of vectors) from state (zeros by default): the list of step results. */
  NWM.run = function (L, xs, state) {
    let s = state || NWM.zeroState(L);
    return xs.map((x) => (s = NWM.step(L, x, s)));
  };

  // ------------------------------------------------------------------ randomness
  /** A seeded generator of numbers in [0, 1) (mulberry32): the same seed gives the same sequence. */
  NWM.rng = function (seed) {
    let a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  };
  /** Draw an index from probabilities p with a uniform number u in [0, 1). */
  NWM.sample = function (p, u) {
    let cumulative = 0, last = 0;
    for (let i = 0; i < p.length; i++) {
      if (p[i] > 0) last = i;
      cumulative += p[i];
      if (u < cumulative) return i;
    }
    return last; // rounding left u above the total
  };

  // ------------------------------------------------------------------ utils.text.tokenize, in JavaScript
  // Python's \w (str patterns) is a letter (L*), a number (N*) or "_"; its \s is this list of spaces.
  const SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const WORD = "[\\p{L}\\p{N}_]";
  const BREAK = new RegExp("<br[" + SPACE + "]*/?>", "giu");
  const TOKEN = new RegExp(WORD + "+(?:'" + WORD + "+)*|[^\\p{L}\\p{N}_" + SPACE + "]", "gu");
  /** utils.text.tokenize: drop <br />, lower-case, then words (with inner apostrophes) and single marks. */
  NWM.tokenize = (text) => text.replace(BREAK, " ").toLowerCase().match(TOKEN) || [];
  /** Python's text[-n:] (code points, not UTF-16 units) and len(text). */
  NWM.codePoints = (text) => Array.from(text);

  // ------------------------------------------------------------------ DOM, SVG and colours
  const SVG_NS = "http://www.w3.org/2000/svg";
  function build(element, attrs, children) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "text") element.textContent = v;
      else if (k.startsWith("on")) element.addEventListener(k.slice(2), v);
      else element.setAttribute(k, v === true ? "" : v);
    }
    for (const child of [].concat(children || [])) {
      if (child !== null && child !== undefined) element.append(child);
    }
    return element;
  }
  /** el("button", {class: "x", onclick: f, text: "Go"}, [children]) */
  NWM.el = (tag, attrs, children) => build(document.createElement(tag), attrs, children);
  NWM.svg = (tag, attrs, children) => build(document.createElementNS(SVG_NS, tag), attrs, children);
  let uid = 0;
  NWM.id = (prefix) => "nwm-" + prefix + "-" + ++uid;

  /** A labelled range slider; onInput(value) on every change (arrow keys move it by `step`). */
  NWM.slider = function (label, opts, onInput) {
    const id = NWM.id("range");
    const input = NWM.el("input", { type: "range", id: id, min: opts.min, max: opts.max, step: opts.step,
      value: opts.value });
    const output = NWM.el("output", { for: id, class: "nwm-value" });
    const show = () => { output.textContent = opts.format ? opts.format(+input.value) : input.value; };
    input.addEventListener("input", () => { show(); onInput(+input.value); });
    show();
    const box = NWM.el("div", { class: "nwm-field" }, [NWM.el("label", { for: id, text: label }), input, output]);
    return { box: box, input: input, set: (v) => { input.value = v; show(); } };
  };
  /** A labelled text input (or textarea when opts.rows); onInput(value) on every edit. */
  NWM.textField = function (label, opts, onInput) {
    const id = NWM.id("text");
    const input = opts.rows
      ? NWM.el("textarea", { id: id, rows: opts.rows, spellcheck: "false" })
      : NWM.el("input", { id: id, type: "text", spellcheck: "false", autocomplete: "off", maxlength: opts.maxlength });
    input.value = opts.value || "";
    input.addEventListener("input", () => onInput(input.value));
    const box = NWM.el("div", { class: "nwm-field nwm-field-wide" + (opts.rows ? " nwm-field-stack" : "") },
      [NWM.el("label", { for: id, text: label }), input]);
    return { box: box, input: input };
  };
  NWM.button = (text, onclick, attrs) => NWM.el("button", Object.assign({ type: "button", class: "nwm-button",
    onclick: onclick, text: text }, attrs || {}));

  /** Arrow keys, Home and End move the focus among items (one tab stop for the whole group). */
  NWM.rovingFocus = function (items, onFocus) {
    items.forEach((item, k) => {
      item.tabIndex = k === 0 ? 0 : -1;
      item.addEventListener("focus", () => {
        items.forEach((other) => { other.tabIndex = -1; });
        item.tabIndex = 0;
        onFocus(k);
      });
      item.addEventListener("keydown", (event) => {
        const move = { ArrowRight: k + 1, ArrowDown: k + 1, ArrowLeft: k - 1, ArrowUp: k - 1,
          Home: 0, End: items.length - 1 }[event.key];
        if (move === undefined) return;
        event.preventDefault();
        items[Math.max(0, Math.min(items.length - 1, move))].focus();
      });
    });
  };

  /** Colour of a signed value in [-1, 1] as SVG/CSS style: orange > 0, blue < 0, opacity = |v|.
   * Over the page's background this works in light and dark mode alike; both hues are Okabe-Ito. */
  NWM.signedStyle = function (v) {
    const a = Math.min(1, Math.abs(v));
    return "fill:var(" + (v >= 0 ? "--nwm-pos" : "--nwm-neg") + ");fill-opacity:" + a.toFixed(3);
  };
  /** Colour of a value in [0, 1] (a gate, a probability): one hue, opacity = value. */
  NWM.unitStyle = (v) => "fill:var(--nwm-seq);fill-opacity:" + Math.max(0, Math.min(1, v)).toFixed(3);
  /** Python's "%.0e" (or "%.{digits}e"): 2e+08, 4e-01. */
  NWM.sci = (v, digits) => v.toExponential(digits || 0).replace(/e([+-])(\d)$/, "e$10$2");
  NWM.reducedMotion = () => window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  /** Debounce: run f once, `ms` after the last call. */
  NWM.later = function (f, ms) {
    let timer = null;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => f(...args), ms); };
  };

  /** Charts are drawn 1:1 in CSS pixels, as wide as `element`: its width now (clamped to [min, max]),
   * and redraw() whenever that width changes (a phone turned, a window resized). */
  NWM.width = function (element, min, max, redraw) {
    const measure = () => Math.max(min, Math.min(max, Math.floor(element.clientWidth || max)));
    if (redraw && window.ResizeObserver && !element.nwmObserved) {
      element.nwmObserved = true;
      let last = measure();
      new ResizeObserver(NWM.later(() => { if (measure() !== last) { last = measure(); redraw(); } }, 80)).observe(element);
    }
    return measure();
  };

  // ------------------------------------------------------------------ loading and start-up
  const modules = {}, waiting = {};
  /** Called by each explorable's file: NWM.define("kind", {init(container, data, options), ...}). */
  NWM.define = function (kind, module) {
    modules[kind] = module;
    if (waiting[kind]) waiting[kind].resolve(module);
  };
  /** The module of an explorable kind, loading explorables/KIND.js once. */
  NWM.loadKind = function (kind) {
    if (modules[kind]) return Promise.resolve(modules[kind]);
    if (!waiting[kind]) {
      let resolve, reject;
      const promise = new Promise((ok, fail) => { resolve = ok; reject = fail; });
      waiting[kind] = { promise: promise, resolve: resolve };
      if (!/^[a-z-]+$/.test(kind)) { reject(new Error("unknown explorable " + kind)); return promise; }
      const script = NWM.el("script", { src: NWM.base + kind + ".js" + version });
      script.onerror = () => reject(new Error("could not load " + kind + ".js"));
      document.head.append(script);
    }
    return waiting[kind].promise;
  };
  /** The JSON of explorables/data/NAME (fetch needs http: pages opened from file:// cannot load it). */
  NWM.loadData = function (name) {
    return fetch(new URL("data/" + name + version, NWM.base)).then((response) => {
      if (!response.ok) throw new Error(name + ": HTTP " + response.status);
      return response.json();
    });
  };

  function start(container) {
    if (container.dataset.nwmStarted) return;
    container.dataset.nwmStarted = "loading";
    Promise.all([NWM.loadKind(container.dataset.kind), NWM.loadData(container.dataset.src)])
      .then(([module, data]) => {
        const caption = container.querySelector(".nwm-caption");
        const stage = NWM.el("div", { class: "nwm-stage" });
        container.querySelectorAll(".nwm-fallback").forEach((node) => { node.hidden = true; });
        if (caption) { caption.hidden = false; container.insertBefore(stage, caption); }
        else container.append(stage);
        module.init(stage, data, container.dataset);
        container.dataset.nwmStarted = "ready";
      })
      .catch((error) => {
        container.dataset.nwmStarted = "failed";
        const why = location.protocol === "file:"
          ? NWM.t("pages opened as files cannot load its data; serve the site (make serve) to use it.")
          : String(error.message || error);
        container.append(NWM.el("p", { class: "nwm-error", text: NWM.t("The interactive version did not load: {0}", why) }));
      });
  }
  NWM.startAll = () => document.querySelectorAll(".nwm-explorable[data-kind][data-src]").forEach(start);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", NWM.startAll);
  else NWM.startAll();
})();
