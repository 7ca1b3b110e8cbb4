/* Chapter 4: how much gradient reaches a state k steps before the loss, for W_hh = rho * W_base.
 * The same matrices and inputs as the chapter's cell: a 64-unit RNN without bias, 60 steps of small
 * inputs, the loss L = w_out . h_T. Forward pass, then backpropagation through time by hand:
 *   g_T = w_out,   g_{t-1} = W_hh^T (g_t * act'(a_t))   with act' = 1 - h_t^2 (tanh) or 1 (linear). */
(function () {
  "use strict";
  const NWM = window.NWM, t_ = NWM.t;
  const Y_MIN = -24, Y_MAX = 14;          // the plot's range of log10(norm)

  function prepare(data) {
    return { W: NWM.tensor(data.W_base), Wxh: NWM.tensor(data.W_xh), X: NWM.tensor(data.X),
      w: NWM.tensor(data.w_out).data, eig: NWM.tensor(data.eigenvalues), radii: data.radii };
  }

  /** ||dL/dh_t|| for distances k = T-1-t = 0 ... T-1 (the chapter's state_grad_norms), as Float64Array (T,). */
  function norms(model, rho, activation) {
    const T = model.X.rows, tanh = activation === "tanh", states = [];
    let h = new Float64Array(model.W.rows);
    for (let t = 0; t < T; t++) {                        // forward: h_t = act(W_xh x_t + rho W h_{t-1})
      const a = NWM.matvec(model.Wxh, NWM.row(model.X, t)), r = NWM.matvec(model.W, h);
      h = a.map((v, j) => (tanh ? Math.tanh(v + rho * r[j]) : v + rho * r[j]));
      states.push(h);
    }
    const out = new Float64Array(T);
    let g = Float64Array.from(model.w);                   // dL/dh_T = w_out
    out[0] = NWM.norm(g);
    for (let k = 1; k < T; k++) {                         // backward, one step further from the loss each time
      const hNext = states[T - k];                        // the state we differentiate through
      const delta = g.map((v, j) => (tanh ? v * (1 - hNext[j] * hNext[j]) : v));
      g = NWM.matTvec(model.W, delta).map((v) => rho * v);
      out[k] = NWM.norm(g);
    }
    return out;
  }

  /** The chapter's growth_per_step: geometric mean of the ratio of successive norms from distance 20 on. */
  function growth(values, first) {
    const f = first === undefined ? 20 : first, last = values.length - 1;
    return Math.exp((Math.log(values[last]) - Math.log(values[f])) / (last - f));
  }

  function init(stage, data) {
    const model = prepare(data);
    let rho = 1.0, front = "tanh";
    const slider = NWM.slider(t_("Spectral radius ρ of W_hh:"), { min: 0.4, max: 1.6, step: 0.05, value: rho,
      format: (v) => v.toFixed(2) }, (v) => { rho = v; draw(); });
    const name = NWM.id("act");
    const radio = NWM.el("div", { class: "nwm-radio", role: "radiogroup", "aria-labelledby": name + "-label" }, [
      NWM.el("span", { id: name + "-label", class: "nwm-legend", text: t_("Network:") }),
      ...[["tanh", t_("tanh RNN")], ["linear", t_("linear RNN (no tanh)")]].map(([value, text]) => {
        const input = NWM.el("input", { type: "radio", name: name, value: value, checked: value === front });
        input.addEventListener("change", () => { front = value; draw(); });
        return NWM.el("label", {}, [input, text]);
      })]);
    const eigen = NWM.svg("svg", { class: "nwm-chart", role: "img" });
    const curve = NWM.svg("svg", { class: "nwm-chart", role: "img" });
    const readout = NWM.el("p", { class: "nwm-readout", "aria-live": "polite" });
    stage.append(NWM.el("div", { class: "nwm-controls" }, [slider.box, radio]),
      NWM.el("div", { class: "nwm-row" }, [eigen, curve]), readout);

    // --- the eigenvalues of rho * W_base, with the unit circle
    function drawEigen(S) {
      const c = S / 2, scale = (S / 2 - 12) / 1.7, P = (v) => c + v * scale, Q = (v) => c - v * scale;
      size(eigen, S, S);
      eigen.replaceChildren(
        NWM.svg("line", { x1: 8, x2: S - 8, y1: c, y2: c, class: "nwm-grid" }),
        NWM.svg("line", { y1: 8, y2: S - 8, x1: c, x2: c, class: "nwm-grid" }),
        NWM.svg("circle", { cx: c, cy: c, r: scale, class: "nwm-axis" }),
        NWM.svg("text", { x: 4, y: S - 6, class: "nwm-small nwm-muted", text: t_("circle: |λ| = 1") }),
        NWM.svg("text", { x: 4, y: 14, text: t_("eigenvalues of W_hh") }));
      for (let k = 0; k < model.eig.rows; k++) {
        const re = rho * model.eig.data[2 * k], im = rho * model.eig.data[2 * k + 1];
        eigen.append(NWM.svg("circle", { cx: P(re), cy: Q(im), r: 2.6, class: "nwm-fill-a" }));
      }
      const where = rho > 1 ? "outside" : rho < 1 ? "inside" : "on";
      eigen.setAttribute("aria-label", t_("The {0} eigenvalues of W_hh in the complex plane; the largest has modulus ρ = {1}, " +
        where + " the unit circle.", model.eig.rows, rho.toFixed(2)));
    }

    // --- the gradient norm against the distance to the loss, on a log scale
    function drawCurve(values, width) {
      const L = 46, R = width - 10, TOP = 24, B = 252, T = values.tanh.length;
      size(curve, width, 290);
      const X = (k) => L + (k / (T - 1)) * (R - L);
      const Y = (v) => B - ((Math.max(Y_MIN, Math.min(Y_MAX, Math.log10(v))) - Y_MIN) / (Y_MAX - Y_MIN)) * (B - TOP);
      curve.replaceChildren(NWM.svg("text", { x: L, y: 14, text: t_("‖∂L/∂hₜ‖: the gradient reaching k steps back") }));
      for (let e = Y_MIN; e <= Y_MAX; e += 6) {
        curve.append(NWM.svg("line", { x1: L, x2: R, y1: Y(10 ** e), y2: Y(10 ** e), class: "nwm-grid" }),
          NWM.svg("text", { x: L - 6, y: Y(10 ** e) + 4, "text-anchor": "end", class: "nwm-small", text: "1e" + e }));
      }
      for (let k = 0; k < T; k += 10) {
        curve.append(NWM.svg("text", { x: X(k), y: B + 14, "text-anchor": "middle", class: "nwm-small", text: k }));
      }
      curve.append(NWM.svg("text", { x: (L + R) / 2, y: B + 32, "text-anchor": "middle", text: t_("distance k = T − t (steps)") }),
        NWM.svg("path", { d: "M" + L + " " + TOP + " V" + B + " H" + R, class: "nwm-axis" }));
      const path = (v) => Array.from(v, (y, k) => (k ? "L" : "M") + X(k).toFixed(1) + " " + Y(y).toFixed(1)).join(" ");
      const back = front === "tanh" ? "linear" : "tanh";
      curve.append(NWM.svg("path", { d: path(values[back]), class: "nwm-line nwm-dashed " + (back === "tanh" ? "nwm-a" : "nwm-b") }),
        NWM.svg("path", { d: path(values[front]), class: "nwm-line " + (front === "tanh" ? "nwm-a" : "nwm-b"),
          "stroke-width": 3 }));
      [["tanh", t_("tanh RNN"), "nwm-a"], ["linear", t_("linear RNN"), "nwm-b"]].forEach(([key, text, cls], i) => {
        const y = TOP + 10 + 16 * i, x = R - 105;
        curve.append(NWM.svg("line", { x1: x, x2: x + 22, y1: y, y2: y, class: "nwm-line " + cls + (key === front ? "" : " nwm-dashed") }),
          NWM.svg("text", { x: x + 28, y: y + 4, text: text }));
      });
    }

    function size(svg, width, height) {
      svg.setAttribute("viewBox", "0 0 " + width + " " + height);
      svg.setAttribute("width", width);
      svg.setAttribute("height", height);
    }
    function draw() {
      const values = { tanh: norms(model, rho, "tanh"), linear: norms(model, rho, "linear") };
      const room = NWM.width(stage, 280, 900, draw), side = room >= 560;   // side by side, or one above the other
      drawEigen(side ? 210 : Math.min(room, 260));
      drawCurve(values, side ? room - 222 : room);
      const at = (key) => NWM.sci(values[key][50]);
      const text = t_("ρ = {0}. At distance 50 the gradient's norm is {1} in the linear RNN and {2} in the tanh RNN. " +
        "Per step (from distance 20 on) it is multiplied by {3} (linear) and {4} (tanh).",
        rho.toFixed(2), at("linear"), at("tanh"), growth(values.linear).toFixed(2), growth(values.tanh).toFixed(2));
      readout.textContent = text;
      curve.setAttribute("aria-label", t_("Gradient norm against the distance to the loss, log scale. ") + text);
    }
    draw();
  }

  NWM.define("gradient-flow", { init: init, prepare: prepare, norms: norms, growth: growth });
})();
