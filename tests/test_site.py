"""Browser tests of the built website (Playwright driving Debian's /usr/bin/chromium, env CHROMIUM).

The site in _build/html is served on 127.0.0.1 and every page is opened once, in one browser, and measured
by ``scripts/measure_site.py`` (the numbers that script prints are the numbers checked here):

- offline and whole: no request leaves 127.0.0.1, no response >= 400 (a favicon is there), no page error
  except Jupyter Book 1's known duplicate THEBE_JS_URL declaration, every formula typeset, every image loaded;
  MathJax only on pages with math; the left menu shows every chapter without a click;
- room for code: at 1280 x 800 at least 95 % of the code cells and of the outputs fit the reading column;
  on a phone (390 x 844) no page is wider than the screen; no display equation is wider than its column
  (at 1280 and 390 px);
- for every reader: every figure has alt text that is not a file path and sits in a captioned figure;
  axe-core finds no critical or serious WCAG 2.1 A/AA violation in light or dark mode; formulas are not tab
  stops; no element id is used twice; the references show no raw LaTeX;
- chapters: solutions are hidden until clicked. Search finds "hidden state". The whole-book PDF is there.

With CI=true a missing browser or site fails the run; elsewhere these tests skip and say what to install.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import build_pdf  # noqa: E402
import measure_site  # noqa: E402

SITE = measure_site.SITE
CHROMIUM = measure_site.CHROMIUM
IN_CI = os.environ.get("CI", "").lower() == "true"
PAGES = measure_site.site_pages(SITE) if SITE.exists() else ["intro.html"]
CHAPTERS = [p for p in PAGES if "chapters/" in p]
MIN_SHARE_THAT_FITS = 0.95


def _missing(reason: str):
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server():
    if not (SITE / "intro.html").exists():
        _missing(f"{SITE} has no built site: run `make book` first")
    with measure_site.serve(SITE) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _missing(f"no browser at {CHROMIUM}: install Debian's chromium (`apt-get install chromium`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed: run `make install`")
    with sync_playwright() as p:
        browser = measure_site.launch(p)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report(server, browser):
    """report(name): the measurements of one page. Every page is measured once, when the first test asks,
    two pages at a time (env NWM_SITE_WORKERS); a page whose measurement failed fails each of its tests."""
    cache: dict[str, dict | Exception] = {}

    def get(name: str) -> dict:
        if not cache:
            cache.update(measure_site.measure_all(server, PAGES))
        if isinstance(cache[name], Exception):
            raise cache[name]
        return cache[name]

    return get


def test_site_has_the_expected_pages():
    if not SITE.exists():
        _missing("no built site: run `make book` first")
    for expected in ["intro.html", "setup.html", "notation.html", "glossary.html", "references.html",
                     "results.html", "chapters/01_memoryless_networks.html"]:
        assert expected in PAGES


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_offline_with_math_and_figures(report, name):
    r = report(name)
    assert not r["outside"], f"{name} requested outside 127.0.0.1: {r['outside'][:5]}"
    assert not r["errors"], f"{name} raised page errors: {r['errors']}"
    assert not r["failed"], f"{name}: requests that failed (404 ...): {r['failed']}"
    assert r["favicon"], f"{name}: no favicon (or it does not load)"
    assert not r["untypeset"], f"{name}: {r['untypeset']} formulas not typeset"
    assert not r["brokenImages"], f"{name}: images that did not load: {r['brokenImages']}"
    d = r["desktop"]
    assert not (d["mathjaxLoaded"] and not d["hasMath"]), f"{name} loads MathJax but has no math"
    assert not d["navHidden"], f"{name}: entries of the left menu hidden behind a chevron: {d['navHidden']}"


def test_code_and_outputs_fit_the_column_at_1280(report):
    cells, outputs = [], []
    for name in CHAPTERS:
        d = report(name)["desktop"]
        cells += [(name, c) for c in d["code"]]
        outputs += [(name, o) for o in d["outputs"]]
    for what, items in (("code cells", cells), ("outputs", outputs)):
        wide = [f"{n} {'cell' if 'index' in c else 'output of cell'} {c.get('index', c.get('cell'))}: "
                f"{c['hidden']} px hidden ({c['line']})" for n, c in items if c["hidden"] > 1]
        share = 1 - len(wide) / max(len(items), 1)
        assert share >= MIN_SHARE_THAT_FITS, (
            f"only {share:.1%} of the {what} fit the column at 1280 px (at least {MIN_SHARE_THAT_FITS:.0%}); "
            "wider ones:\n" + "\n".join(wide))


@pytest.mark.parametrize("name", PAGES)
def test_no_page_is_wider_than_a_phone(report, name):
    p = report(name)["phone"]
    assert p["pageWidth"] <= p["viewport"], (
        f"{name} is {p['pageWidth']} px wide on a {p['viewport']} px screen; sticking out: {p['wideElements']}")


@pytest.mark.parametrize("name", PAGES)
def test_display_equations_fit_their_column(report, name):
    r = report(name)
    wide = [f"at {width} px, equation {e['index']} is {e['over']} px too wide: {e['tex']}"
            for width, m in (("1280", r["desktop"]), ("390", r["phone"])) for e in m["equations"] if e["over"] > 1]
    assert not wide, f"{name}: display equations wider than the column:\n" + "\n".join(wide)


@pytest.mark.parametrize("name", PAGES)
def test_figures_have_alt_text_and_a_caption(report, name):
    bad = []
    for f in report(name)["desktop"]["figures"]:
        problems = [problem for problem, wrong in (("alt text is empty or a file path", f["badAlt"]),
                                                   ("no caption", not f["caption"]),
                                                   ("wider than the column", f["tooWide"])) if wrong]
        if problems:
            where = f"output of cell {f['cell']} ({f['line']})" if f.get("cell") is not None else f["src"]
            bad.append(f"{where}: {', '.join(problems)}")
    assert not bad, f"{name}: figures without alt text or caption:\n" + "\n".join(bad)


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation_in_light_or_dark_mode(report, name):
    r = report(name)
    found = [f"{mode}: {v['impact']} {v['id']} ({v['help']}) x{v['nodes']}: {v['targets'][:3]}"
             for mode, key in (("light", "axeLight"), ("dark", "axeDark"))
             for v in r[key] if v["impact"] in ("critical", "serious")]
    assert not found, f"{name}: axe-core violations:\n" + "\n".join(found)


@pytest.mark.parametrize("name", PAGES)
def test_formulas_are_not_tab_stops_and_ids_are_unique(report, name):
    d = report(name)["desktop"]
    assert d["tabStops"] == 0, f"{name}: {d['tabStops']} formulas are tab stops"
    assert not d["duplicateIds"], f"{name}: ids used more than once: {d['duplicateIds'][:10]}"


def test_references_show_no_raw_latex(report):
    raw = {name: report(name)["desktop"]["rawLatex"] for name in PAGES if "references" in name}
    assert raw, "no references page"
    assert not any(raw.values()), f"raw LaTeX in the references: {raw}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_solutions_are_hidden_until_clicked(report, name):
    s = report(name)["solutions"]
    assert s["count"] >= 4, f"{name}: expected at least 4 solutions, found {s['count']}"
    assert s["hiddenBefore"], f"{name}: a solution is visible before it was clicked"
    assert s["shownAfter"], f"{name}: a solution stays hidden after a click"


def test_search_finds_hidden_state(server, browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: None if measure_site.KNOWN_PAGE_ERROR in str(exc) else errors.append(str(exc)))
    try:
        page.goto(f"{server}/search.html?q=hidden+state", wait_until="load", timeout=measure_site.TIMEOUT_MS)
        page.wait_for_selector("#search-results li", timeout=measure_site.TIMEOUT_MS)
        assert page.locator("#search-results li").count(), "search for 'hidden state' found nothing"
        assert not errors, errors
    finally:
        page.close()


def test_the_whole_book_pdf_is_there_and_linked():
    pdf = SITE / build_pdf.PDF_NAME
    if not SITE.exists():
        _missing("no built site: run `make book` first")
    assert pdf.exists(), f"{pdf} is missing: `make book` builds it (or `make pdf` alone)"
    checked = build_pdf.check_pdf(pdf)
    assert checked["pages"] >= 50, checked
    for name in ["intro.html", "chapters/04_bptt.html"]:
        assert f'{build_pdf.PDF_NAME}"' in (SITE / name).read_text(encoding="utf-8"), f"{name} does not link the PDF"


RUSSIAN = SITE / "ru"


@pytest.mark.parametrize("name", ["intro.html", "chapters/02_rnn.html", "glossary.html"])
def test_the_language_switch_leads_to_the_same_page_and_back(server, browser, name):
    if not (RUSSIAN / "intro.html").exists():
        _missing("no Russian site in _build/html/ru: `make book` builds it")
    page = browser.new_page()
    try:
        page.goto(f"{server}/{name}", wait_until="load", timeout=measure_site.TIMEOUT_MS)
        assert page.locator("html").get_attribute("lang").startswith("en")
        page.locator("a.nwm-lang-switch").click()
        page.wait_for_load_state("load")
        assert page.url.endswith(f"/ru/{name}"), page.url
        assert page.locator("html").get_attribute("lang") == "ru"
        assert page.locator("a.nwm-lang-switch").inner_text() == "English"
        page.locator("a.nwm-lang-switch").click()
        page.wait_for_load_state("load")
        assert page.url == f"{server}/{name}", page.url
    finally:
        page.close()


def test_russian_search_finds_the_hidden_state(server, browser):
    if not (RUSSIAN / "search.html").exists():
        _missing("no Russian site in _build/html/ru: `make book` builds it")
    page = browser.new_page()
    try:
        page.goto(f"{server}/ru/search.html?q=скрытое+состояние", wait_until="load",
                  timeout=measure_site.TIMEOUT_MS)
        page.wait_for_selector("#search-results li", timeout=measure_site.TIMEOUT_MS)
        assert page.locator("#search-results li").count() >= 3, "Russian search found too little"
    finally:
        page.close()


def test_every_english_page_has_its_russian_counterpart():
    if not RUSSIAN.exists():
        _missing("no Russian site in _build/html/ru: `make book` builds it")
    english = [p for p in PAGES if not p.startswith("ru/")]
    missing = [p for p in english if not (RUSSIAN / p).exists()]
    assert not missing, f"pages without a Russian version: {missing}"
