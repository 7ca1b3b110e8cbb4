"""Measure the built website the way a reader sees it, page by page, in Chromium (``make site-measure``).

    python -m scripts.measure_site                  # every page of _build/html: a table, then the totals
    python -m scripts.measure_site chapters/05_embeddings.html --details
    python -m scripts.measure_site --json _build/site-measure.json --no-axe

For each page it prints the numbers the browser tests (tests/test_site.py) hold at their thresholds:

- at 1280 x 800 (every solution and folded cell opened): code cells and outputs wider than the reading
  column ("code 2/31": 2 of 31 scroll or are cut; "max hidden": the widest hidden part, px); display
  equations wider than their column ("eq 1280"; "cut": not even scrollable); figures whose alt text is empty
  or a file path, or that sit in no captioned figure; formulas that are tab stops; ids used twice;
  responses >= 400; MathJax loaded on a page without math; raw LaTeX in the references;
- at 390 x 844 (a phone): the page's width and display equations wider than the column ("eq 390");
- axe-core (WCAG 2.1 A and AA) violations, counted by node as critical/serious/moderate/minor, with the
  theme in light and in dark mode, plus the contrast of every colour used in code blocks.

``--details`` lists every offending cell (by its first code line), equation (by its TeX) and figure (by
its cell), so that a chapter author can find them. Pages are measured two at a time (``--workers``, env
NWM_SITE_WORKERS), each in one page load; the browser is Debian's chromium (env CHROMIUM, default
/usr/bin/chromium). The browser tests import these functions: the numbers here are the numbers they check.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import queue
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 90_000  # generous for a busy 2-core machine; every wait below is for an event, not a fixed time
KNOWN_PAGE_ERROR = "THEBE_JS_URL"  # Jupyter Book 1 declares it twice; harmless
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SKIP_PAGES = {"genindex.html", "search.html", "index.html"}
WORKERS = int(os.environ.get("NWM_SITE_WORKERS", "2"))  # pages measured at once, one browser each


def site_pages(site: Path = SITE) -> list[str]:
    """Every content page of the site, as a path relative to its root."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if p.name not in SKIP_PAGES and not {"_static", "_sources"} & set(p.relative_to(site).parts))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path = SITE) -> Iterator[str]:
    """Serve ``site`` on a free port of 127.0.0.1; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)


@functools.cache
def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


# Everything measured at one viewport, in one pass over the DOM. Offsets are in CSS pixels.
MEASURE_JS = r"""
() => {
  const article = document.querySelector("article.bd-article") || document.querySelector("main") || document.body;
  const style = getComputedStyle(article);
  const box = article.getBoundingClientRect();
  const colLeft = box.left + parseFloat(style.paddingLeft), colRight = box.right - parseFloat(style.paddingRight);
  const scrolls = el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  // how many pixels of el a reader cannot see without scrolling (or cannot see at all)
  const hidden = (el, stop) => {
    let worst = el.getBoundingClientRect().right - colRight;
    for (let x = el; x && x !== stop && x !== article; x = x.parentElement) {
      worst = Math.max(worst, x.scrollWidth - x.clientWidth);
    }
    for (const d of el.querySelectorAll("pre, table, div, img, figure, mjx-container")) {
      if (d.clientWidth) worst = Math.max(worst, d.scrollWidth - d.clientWidth);
    }
    return Math.max(0, Math.round(worst));
  };
  const firstLine = el => (el.textContent || "").trim().split("\n")[0].slice(0, 70);

  const code = [...document.querySelectorAll("div.cell_input pre")].map((pre, i) => (
    {index: i, hidden: hidden(pre, pre.closest("div.cell_input")), line: firstLine(pre)}));
  const outputs = [];
  document.querySelectorAll("div.cell_output").forEach((out, cell) => {
    for (const el of out.children) {
      outputs.push({cell, hidden: hidden(el, out), line: firstLine(el) || el.tagName.toLowerCase()});
    }
  });

  const tex = new Map();
  if (window.MathJax && MathJax.startup && MathJax.startup.document) {
    for (const item of MathJax.startup.document.math) tex.set(item.typesetRoot, item.math);
  }
  const equations = [...document.querySelectorAll('mjx-container[display="true"]')].map((c, i) => {
    const math = c.querySelector("mjx-math, [data-nwm-math]") || c;
    const avail = Math.min(c.getBoundingClientRect().right, colRight) - c.getBoundingClientRect().left;
    const over = Math.round(math.getBoundingClientRect().width - avail);
    let scroller = false;
    for (let x = c; x && x !== article; x = x.parentElement) if (scrolls(x)) { scroller = true; break; }
    return {index: i, over: Math.max(0, over), cut: over > 1 && !scroller,
            tex: (tex.get(c) || "").trim().replace(/\s+/g, " ").slice(0, 90)};
  });

  const pathLike = alt => !alt || !alt.trim() || /\.(png|jpe?g|svg|gif|webp)$/i.test(alt.trim())
    || /[\\/]/.test(alt) || /^[0-9a-f]{32,}/i.test(alt.trim());
  const cells = [...document.querySelectorAll("div.cell")];
  const figures = [...article.querySelectorAll("img")].map((img, i) => {
    const fig = img.closest("figure");
    const cell = img.closest("div.cell");
    const input = cell && cell.querySelector("div.cell_input pre");
    const cap = fig && fig.querySelector("figcaption");
    const r = img.getBoundingClientRect();
    return {index: i, src: img.getAttribute("src"), alt: img.getAttribute("alt") || "",
            badAlt: pathLike(img.getAttribute("alt")), caption: cap ? cap.textContent.trim().slice(0, 80) : "",
            tooWide: r.width > 1 && (r.right > colRight + 1 || r.left < colLeft - 1),
            shown: Math.round(r.width), natural: img.naturalWidth,
            cell: cell ? cells.indexOf(cell) : null, line: input ? firstLine(input) : ""};
  });

  // formulas in the tab order; a display equation that scrolls sideways must be one (site.js), the others not
  const tabStops = [...document.querySelectorAll("mjx-container")].filter(c =>
    (c.hasAttribute("tabindex") && c.tabIndex >= 0 && c.scrollWidth <= c.clientWidth + 1)
    || c.querySelector('[tabindex]:not([tabindex="-1"])')).length;

  const counts = new Map();
  document.querySelectorAll("[id]").forEach(el => counts.set(el.id, (counts.get(el.id) || 0) + 1));
  const duplicateIds = [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id} x${n}`);

  const bib = [...document.querySelectorAll('.citation, [role="doc-biblioentry"], .bibliography, dl.citation')]
    .map(el => el.textContent).join("\n");
  const rawLatex = [...new Set(bib.match(/\\[A-Za-z]+|\{\\[^}]*\}?/g) || [])];

  // the page must not pan sideways: its width, and the outermost elements that stick out of the screen
  const iw = window.innerWidth;
  const wide = [];
  const walk = el => {
    for (const child of el.children) {
      const r = child.getBoundingClientRect();
      if (r.right > iw + 1 && r.width > 0 && getComputedStyle(child).visibility !== "hidden"
          && getComputedStyle(child).position !== "fixed") {
        if (!scrolls(child) && child.children.length) { walk(child); continue; }
        wide.push(`${child.tagName.toLowerCase()}.${[...child.classList].join(".")} ` +
                  `(${Math.round(r.right - iw)} px): ${firstLine(child).slice(0, 50)}`);
      } else if (!scrolls(child) && getComputedStyle(child).overflowX !== "hidden") {
        walk(child);
      }
      if (wide.length > 8) return;
    }
  };
  const pageWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  if (pageWidth > iw) walk(article);

  // entries of the left menu a reader cannot see without opening something
  const navHidden = [...document.querySelectorAll("nav.bd-docs-nav a")]
    .filter(a => !a.getClientRects().length || getComputedStyle(a).visibility !== "visible")
    .map(a => a.textContent.trim());

  return {
    viewport: iw, column: Math.round(colRight - colLeft), pageWidth, wideElements: wide, navHidden,
    code, outputs, equations, figures, tabStops, duplicateIds, rawLatex,
    mathjaxLoaded: !![...document.scripts].find(s => /mathjax\/tex-/.test(s.src)),
    hasMath: document.querySelectorAll(".math").length,
  };
}
"""

SOLUTIONS_JS = r"""
async () => {
  const solutions = [...document.querySelectorAll("div.solution.dropdown")];
  if (!solutions.length) return {count: 0};
  const first = solutions[0];
  const body = first.querySelector(":scope > :not(.admonition-title)");
  const visible = el => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const before = visible(body);
  first.querySelector(".admonition-title").click();
  for (let i = 0; i < 300 && !visible(body); i++) await new Promise(r => requestAnimationFrame(r));
  return {count: solutions.length, hiddenBefore: !before, shownAfter: visible(body)};
}
"""

OPEN_ALL_JS = r"""
() => {
  const article = document.querySelector("article.bd-article") || document.body;
  article.querySelectorAll(".toggle-hidden").forEach(el => el.classList.remove("toggle-hidden"));
  article.querySelectorAll("details").forEach(el => { el.open = true; });
  return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
}
"""

# WCAG contrast of every colour used in code blocks (code cells, outputs), against its background. axe-core
# checks the same, but one token at a time, which takes minutes on a chapter; this takes milliseconds.
CODE_CONTRAST_JS = r"""
() => {
  const parse = c => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const v = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const lum = ([r, g, b]) => {
    const f = x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    const layers = [];
    for (let x = el; x; x = x.parentElement) {
      const c = parse(getComputedStyle(x).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255];
    if (document.documentElement.dataset.theme === "dark" && !(layers.length && layers[layers.length - 1][3] >= 1)) {
      bg = parse(getComputedStyle(document.body).backgroundColor) || [18, 18, 18];
    }
    for (const c of layers.reverse()) bg = bg.map((v, i) => c[3] * c[i] + (1 - c[3]) * v);
    return bg;
  };
  const seen = new Map();
  for (const el of document.querySelectorAll("div.highlight pre, div.highlight pre span")) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const cs = getComputedStyle(el);
    const bg = background(el);
    const c = parse(cs.color);
    const fg = bg.map((v, i) => c[3] * c[i] + (1 - c[3]) * v);
    const key = `${fg.map(Math.round)}|${bg.map(Math.round)}`;
    if (seen.has(key)) continue;
    const [l1, l2] = [lum(fg), lum(bg)];
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    seen.set(key, {ratio: Math.round(ratio * 100) / 100, token: el.className || "pre",
                   text: el.textContent.trim().slice(0, 24)});
  }
  return [...seen.values()].filter(v => v.ratio < 4.5).map(v => ({
    id: "code-color-contrast", impact: "serious", help: `code token .${v.token} has contrast ${v.ratio}:1`,
    targets: [`.${v.token}: ${v.text}`], nodes: 1}));
}
"""

# Before axe-core runs, formulas and highlighted code (measured above and by CODE_CONTRAST_JS) are replaced
# by plain boxes of the same size: the page keeps its layout and its scrolling regions, but has a few
# thousand elements instead of ten thousand, which makes axe-core ~8x faster.
STRIP_JS = r"""
() => {
  for (const c of document.querySelectorAll("mjx-container")) {
    const r = (c.querySelector("mjx-math") || c).getBoundingClientRect();
    const box = document.createElement("span");
    box.style.cssText = `display:inline-block;width:${r.width}px;height:${r.height}px`;
    box.setAttribute("data-nwm-math", "");
    c.replaceChildren(box);
  }
  for (const pre of document.querySelectorAll("div.highlight pre")) pre.textContent = pre.textContent;
}
"""

SET_MODE_JS = r"""
dark => {
  if (!document.getElementById("nwm-no-transitions")) {
    const s = document.createElement("style");
    s.id = "nwm-no-transitions";
    s.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
    document.head.appendChild(s);
  }
  const mode = dark ? "dark" : "light";
  document.documentElement.dataset.theme = mode;
  document.documentElement.dataset.mode = mode;
  return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
}
"""

# Text contrast depends only on the text's colour, size and weight and on the backgrounds behind it. Most of a
# page repeats a few such combinations (every paragraph, every table cell), and axe-core's colour-contrast is
# slow per element, so it checks one visible element of each combination (the first), marked here.
CONTRAST_SAMPLE_JS = r"""
() => {
  document.querySelectorAll("[data-nwm-contrast]").forEach(el => el.removeAttribute("data-nwm-contrast"));
  const seen = new Set();
  let kept = 0, skipped = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const owners = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.textContent.trim() && n.parentElement) owners.add(n.parentElement);
  }
  for (const el of owners) {
    if (!el.getClientRects().length) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility !== "visible") continue;
    const chain = [];
    for (let x = el; x; x = x.parentElement) {
      const xs = x === el ? cs : getComputedStyle(x);
      chain.push(`${xs.backgroundColor}/${xs.backgroundImage !== "none"}/${xs.opacity}/${xs.mixBlendMode}`);
      if (/^rgb\(/.test(xs.backgroundColor) && xs.backgroundImage === "none") break;
    }
    const key = [cs.color, cs.fontSize, cs.fontWeight, cs.textShadow, ...chain].join("|");
    if (seen.has(key)) { el.setAttribute("data-nwm-contrast", "out"); skipped++; continue; }
    seen.add(key);
    el.setAttribute("data-nwm-contrast", "in");
    kept++;
  }
  return {kept, skipped};
}
"""

def settle(page, timeout: int = TIMEOUT_MS) -> None:
    """Wait (for events, not for a fixed time) until fonts, math and images are ready."""
    page.evaluate("() => document.fonts.ready.then(() => null)")
    if page.evaluate("() => document.querySelectorAll('.math').length > 0"):
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise",
                               timeout=timeout)
        page.evaluate("() => MathJax.startup.promise.then(() => null)")
    page.evaluate("""() => Promise.all(Array.from(document.images).map(img => {
        img.loading = "eager";
        return img.decode().catch(() => null);
    })).then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))""")


def run_axe(page, colour_only: bool = False) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now (``colour_only``: color-contrast).

    color-contrast runs on one element of each combination of colours, size and weight (CONTRAST_SAMPLE_JS);
    every other rule on the whole page."""
    if not page.evaluate("() => !!window.axe"):
        page.evaluate(_axe_source())
    page.evaluate(CONTRAST_SAMPLE_JS)
    return page.evaluate("""async ([tags, colourOnly]) => {
        const keep = r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                  targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
                                                  nodes: v.nodes.length}));
        // in dark mode only colours change; links are underlined, so link-in-text-block holds in both modes
        const whole = colourOnly ? {violations: []} : await axe.run(document, {
            runOnly: {type: "tag", values: tags}, rules: {"color-contrast": {enabled: false}},
            resultTypes: ["violations"]});
        const sample = await axe.run({include: [["[data-nwm-contrast='in']"]],
                                      exclude: [["[data-nwm-contrast='out']"]]},
                                     {runOnly: {type: "rule", values: ["color-contrast"]},
                                      resultTypes: ["violations"]});
        return keep(whole).concat(keep(sample));
    }""", [AXE_TAGS, colour_only])


def _frame(page) -> None:
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def measure(browser, base: str, name: str, axe: bool = True) -> dict:
    """Open one page once and measure everything; returns a dict (see MEASURE_JS for most keys)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    outside: list[str] = []
    errors: list[str] = []
    failed: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
            else outside.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    page.on("pageerror", lambda exc: None if KNOWN_PAGE_ERROR in str(exc) else errors.append(str(exc)))
    start = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(step: str) -> None:
        timings[step] = round(time.perf_counter() - start - sum(timings.values()), 2)

    try:
        page.goto(f"{base}/{name}", wait_until="load", timeout=TIMEOUT_MS)
        settle(page)
        lap("load")
        report: dict = {"page": name, "seconds": timings}
        report["solutions"] = page.evaluate(SOLUTIONS_JS)
        page.evaluate(OPEN_ALL_JS)  # solutions and folded cells are measured too
        report["desktop"] = page.evaluate(MEASURE_JS)
        report["brokenImages"] = page.evaluate("""() => Array.from(document.images)
            .filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.getAttribute("src"))""")
        report["untypeset"] = page.evaluate("() => document.querySelectorAll('.math:not(:has(mjx-container))').length")
        report["favicon"] = page.evaluate("""() => {
            const link = document.querySelector('link[rel~="icon"]');
            return link ? fetch(link.href).then(r => r.ok ? link.getAttribute("href") : "") : "";
        }""")
        page.evaluate(SET_MODE_JS, False)
        light_code = page.evaluate(CODE_CONTRAST_JS)
        page.evaluate(SET_MODE_JS, True)
        dark_code = page.evaluate(CODE_CONTRAST_JS)
        page.evaluate(SET_MODE_JS, False)
        lap("measure")
        # what the page itself requested; axe-core then re-reads style sheets (and resolves the theme's
        # `@import "../basic.css"` against the page, not the sheet: a 404 that is axe's, not the site's)
        report["outside"], report["errors"], report["failed"] = list(outside), list(errors), list(failed)
        page.evaluate(STRIP_JS)  # same layout, a fraction of the elements: axe and the phone layout are faster
        if axe:
            report["axeLight"] = run_axe(page) + light_code
            lap("axe light")
            page.evaluate(SET_MODE_JS, True)
            report["axeDark"] = run_axe(page, colour_only=True) + dark_code
            page.evaluate(SET_MODE_JS, False)
            lap("axe dark")
        page.set_viewport_size(PHONE)
        _frame(page)
        report["phone"] = page.evaluate(MEASURE_JS)
        lap("phone")
        return report
    finally:
        context.close()


def measure_all(base: str, names: list[str], axe: bool = True, workers: int = WORKERS,
                progress=None) -> dict[str, dict | Exception]:
    """Measure every page, ``workers`` pages at a time (one browser per worker thread).

    Returns {page: report, or the exception its measurement raised}. ``progress(name, report)`` is called
    after each page. Chapters go first: they take longest, so the workers finish together."""
    from playwright.sync_api import sync_playwright

    todo = queue.Queue()
    for name in sorted(names, key=lambda n: ("chapters/" not in n, n)):
        todo.put(name)
    results: dict[str, dict | Exception] = {}

    def work() -> None:
        with sync_playwright() as p:
            browser = launch(p)
            try:
                while True:
                    try:
                        name = todo.get_nowait()
                    except queue.Empty:
                        return
                    try:
                        results[name] = measure(browser, base, name, axe=axe)
                    except Exception as exc:  # reported with the page, not raised in the thread
                        results[name] = exc
                    if progress:
                        progress(name, results[name])
            finally:
                browser.close()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(max(1, min(workers, len(names))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {name: results[name] for name in names}


def summary(r: dict) -> dict:
    """The per-page numbers, flat."""
    d, p = r["desktop"], r["phone"]

    def impacts(violations: list[dict]) -> str:
        order = ["critical", "serious", "moderate", "minor"]
        n = {k: sum(v["nodes"] for v in violations if v["impact"] == k) for k in order}
        return "/".join(str(n[k]) for k in order)

    return {
        "page": r["page"],
        "code": f"{sum(c['hidden'] > 1 for c in d['code'])}/{len(d['code'])}",
        "outputs": f"{sum(o['hidden'] > 1 for o in d['outputs'])}/{len(d['outputs'])}",
        "max hidden": max([c["hidden"] for c in d["code"] + d["outputs"]], default=0),
        "eq 1280": sum(e["over"] > 1 for e in d["equations"]),
        "eq 390": sum(e["over"] > 1 for e in p["equations"]),
        "cut": sum(e["cut"] for e in d["equations"] + p["equations"]),
        "width 390": p["pageWidth"],
        "figs": len(d["figures"]),
        "bad alt": sum(f["badAlt"] for f in d["figures"]),
        "no caption": sum(not f["caption"] for f in d["figures"]),
        "tab stops": d["tabStops"],
        "dup ids": len(d["duplicateIds"]),
        "axe light c/s/m/m": impacts(r.get("axeLight", [])) if "axeLight" in r else "-",
        "axe dark c/s/m/m": impacts(r.get("axeDark", [])) if "axeDark" in r else "-",
        "4xx": len(r["failed"]),
        "mathjax w/o math": int(d["mathjaxLoaded"] and not d["hasMath"]),
        "raw latex": len(d["rawLatex"]),
    }


def details(r: dict) -> list[str]:
    d, p = r["desktop"], r["phone"]
    lines = []
    for c in d["code"]:
        if c["hidden"] > 1:
            lines.append(f"  code cell {c['index']}: {c['hidden']} px hidden: {c['line']}")
    for o in d["outputs"]:
        if o["hidden"] > 1:
            lines.append(f"  output of cell {o['cell']}: {o['hidden']} px hidden: {o['line']}")
    for label, m in (("1280", d), ("390", p)):
        for e in m["equations"]:
            if e["over"] > 1:
                lines.append(f"  equation {e['index']} at {label} px: {e['over']} px too wide"
                             f"{' (cut)' if e['cut'] else ''}: {e['tex']}")
    for f in d["figures"]:
        problems = [k for k, bad in (("alt is a path/empty", f["badAlt"]), ("no caption", not f["caption"]),
                                     ("wider than the column", f["tooWide"])) if bad]
        if problems:
            where = f"output of cell {f['cell']} ({f['line']})" if f.get("cell") is not None else f["src"]
            lines.append(f"  figure {f['index']}, {where}: {', '.join(problems)}")
    if p["pageWidth"] > p["viewport"]:
        lines.append(f"  page is {p['pageWidth']} px wide at {p['viewport']} px; sticking out:")
        lines += [f"    {w}" for w in p["wideElements"]]
    for key in ("axeLight", "axeDark"):
        for v in r.get(key, []):
            lines.append(f"  axe ({'dark' if key == 'axeDark' else 'light'}) {v['impact']} {v['id']} "
                         f"x{v['nodes']}: {', '.join(v['targets'][:3])}")
    for name, items in (("duplicate ids", d["duplicateIds"]), ("raw LaTeX", d["rawLatex"]),
                        ("responses >= 400", r["failed"]), ("outside requests", r["outside"]),
                        ("page errors", r["errors"]), ("broken images", r["brokenImages"])):
        if items:
            lines.append(f"  {name}: {', '.join(items[:8])}")
    return lines


def totals(reports: list[dict]) -> list[str]:
    code = [c for r in reports for c in r["desktop"]["code"]]
    outs = [o for r in reports for o in r["desktop"]["outputs"]]
    figs = [f for r in reports for f in r["desktop"]["figures"]]
    fit = sum(c["hidden"] <= 1 for c in code)
    return [
        f"code cells that fit at 1280 px: {fit}/{len(code)} ({100 * fit / max(len(code), 1):.1f} %)",
        f"outputs that fit at 1280 px: {sum(o['hidden'] <= 1 for o in outs)}/{len(outs)}",
        f"display equations too wide: {sum(e['over'] > 1 for r in reports for e in r['desktop']['equations'])}"
        f" at 1280 px, {sum(e['over'] > 1 for r in reports for e in r['phone']['equations'])} at 390 px",
        f"pages wider than 390 px: {sum(r['phone']['pageWidth'] > r['phone']['viewport'] for r in reports)}",
        f"figures: {len(figs)}, alt empty or a path: {sum(f['badAlt'] for f in figs)}, "
        f"without caption: {sum(not f['caption'] for f in figs)}, wider than the column: "
        f"{sum(f['tooWide'] for f in figs)}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", help="pages relative to the site root (default: every page)")
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("--no-axe", action="store_true", help="skip axe-core (faster)")
    parser.add_argument("--details", action="store_true", help="list every offending cell, equation, figure")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    parser.add_argument("--workers", type=int, default=WORKERS, help=f"pages measured at once (default {WORKERS})")
    args = parser.parse_args(argv)
    if not (args.site / "intro.html").exists():
        print(f"measure_site: no site in {args.site}; run `make book` first", file=sys.stderr)
        return 2
    names = args.pages or site_pages(args.site)

    def progress(name, report) -> None:
        print(f"measured {name}: {report['seconds'] if isinstance(report, dict) else report!r}", file=sys.stderr)

    with serve(args.site) as base:
        results = measure_all(base, names, axe=not args.no_axe, workers=args.workers, progress=progress)
    failed = {n: r for n, r in results.items() if isinstance(r, Exception)}
    for name, exc in failed.items():
        print(f"measure_site: {name} could not be measured: {exc!r}", file=sys.stderr)
    reports = [r for r in results.values() if isinstance(r, dict)]
    if not reports:
        return 1
    rows = [summary(r) for r in reports]
    keys = list(rows[0])
    widths = {k: max(len(k), *(len(str(row[k])) for row in rows)) for k in keys}
    print("  ".join(k.ljust(widths[k]) for k in keys))
    for row, report in zip(rows, reports):
        print("  ".join(str(row[k]).ljust(widths[k]) for k in keys))
        if args.details and details(report):
            print("\n".join(details(report)))
    print()
    print("\n".join(totals(reports)))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(reports, indent=1), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
