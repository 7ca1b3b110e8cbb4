"""Build the whole book as one PDF, offline: Jupyter Book's single-page HTML, printed by Chromium.

    python scripts/build_pdf.py                  # writes _build/html/networks-with-memory.pdf
    python scripts/build_pdf.py --skip-build     # print the single page already in _build/pdf-src again
    python scripts/build_pdf.py --out book.pdf

1. ``jupyter-book build . --builder singlehtml --path-output _build/pdf-src`` puts every page of the book,
   in the order of ``_toc.yml``, into one HTML page, so every cross-reference becomes a link inside it.
2. Chromium (env CHROMIUM, default /usr/bin/chromium) opens that page from 127.0.0.1, waits until MathJax
   has typeset every formula and every figure has loaded, opens every solution (a PDF cannot be clicked),
   starts every chapter on a new page, and prints it (A4, page numbers, an outline of the headings).
   Links inside the book are in-document links of the PDF; links to the web stay web links.
3. The PDF is checked (pages, internal links) and written next to the website's pages, where the header's
   "Whole book (PDF)" entry and the footer of every page link it.

Without a browser it says so and, outside CI (env CI=true), leaves the website without its PDF.

Nothing is fetched from the network: the site's MathJax and fonts are vendored in ``_assets``.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure_site  # noqa: E402  (the same local server and browser set-up as the site's measurements)

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "_build" / "pdf-src"
PDF_NAME = "networks-with-memory.pdf"
OUT = ROOT / "_build" / "html" / PDF_NAME
TIMEOUT_MS = 300_000

PREPARE_JS = r"""
() => {
  // the reader cannot click in a PDF: open every solution and every dropdown
  document.querySelectorAll(".toggle-hidden").forEach(el => el.classList.remove("toggle-hidden"));
  document.querySelectorAll("details").forEach(el => { el.open = true; });
  // a link to another part of this page is a fragment, so that it becomes a link inside the PDF
  let internal = 0;
  for (const a of document.querySelectorAll("a[href]")) {
    const url = new URL(a.href, location.href);
    if (url.origin === location.origin && url.pathname === location.pathname && url.hash) {
      a.setAttribute("href", url.hash);
      internal++;
    } else if (url.origin === location.origin) {
      // a file of the site (a download, the PDF itself): no use in the PDF, keep the text only
      a.removeAttribute("href");
    }
  }
  const style = document.createElement("style");
  style.textContent = `
    @media print {
      section[id^="document-"] { break-before: page; }
      section[id^="document-"]:first-of-type { break-before: auto; }
    }`;
  document.head.appendChild(style);
  return internal;
}
"""

FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#555;font-family:sans-serif">'
          'Networks with Memory &middot; <span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def build_single_page() -> Path:
    jb = Path(sys.executable).parent / "jupyter-book"
    cmd = [str(jb), "build", str(ROOT), "--builder", "singlehtml", "--path-output", str(SOURCE),
           "-W", "-n", "--keep-going"]
    print("build_pdf:", " ".join(cmd), flush=True)
    if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode:
        raise SystemExit("build_pdf: the single-page build failed (its warnings are above)")
    return SOURCE / "_build" / "singlehtml"


def print_pdf(site: Path, out: Path) -> dict:
    from playwright.sync_api import sync_playwright

    out.parent.mkdir(parents=True, exist_ok=True)
    with measure_site.serve(site) as base, sync_playwright() as p:
        browser = measure_site.launch(p)
        context = browser.new_context(viewport={"width": 1000, "height": 1400})
        context.add_init_script("localStorage.setItem('mode', 'light'); localStorage.setItem('theme', 'light');")
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        outside: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
                else outside.append(r.url))
        page.goto(f"{base}/intro.html", wait_until="load", timeout=TIMEOUT_MS)
        measure_site.settle(page, timeout=TIMEOUT_MS)
        formulas = page.evaluate("() => document.querySelectorAll('mjx-container').length")
        untypeset = page.evaluate("() => document.querySelectorAll('.math:not(:has(mjx-container))').length")
        broken = page.evaluate("""() => Array.from(document.images)
            .filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.getAttribute('src'))""")
        if untypeset or broken:
            raise SystemExit(f"build_pdf: {untypeset} formulas not typeset, images not loaded: {broken[:5]}")
        internal = page.evaluate(PREPARE_JS)
        page.emulate_media(media="print")
        page.pdf(path=str(out), format="A4", print_background=True, outline=True, tagged=True,
                 display_header_footer=True, header_template="<span></span>", footer_template=FOOTER,
                 margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"})
        browser.close()
    if outside:
        raise SystemExit(f"build_pdf: the page requested outside 127.0.0.1: {outside[:5]}")
    return {"formulas": formulas, "internal links": internal, "images": len(list((site / "_images").glob("*")))}


def check_pdf(path: Path) -> dict:
    """Pages and in-document links of the PDF, read from its objects (no PDF library needed)."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        raise SystemExit(f"build_pdf: {path} is not a PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    goto = len(re.findall(rb"/Dest\b|/S\s*/GoTo\b", data))
    uri = len(re.findall(rb"/URI\s*\(", data))
    if pages < 10 or goto < 10:
        raise SystemExit(f"build_pdf: {path} has {pages} pages and {goto} internal links: something went wrong")
    return {"pages": pages, "links inside": goto, "web links": uri, "MB": round(len(data) / 2**20, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--skip-build", action="store_true", help="reuse the single page in _build/pdf-src")
    args = parser.parse_args(argv)
    if not (Path(measure_site.CHROMIUM).exists() or shutil.which(measure_site.CHROMIUM)):
        message = (f"build_pdf: no browser at {measure_site.CHROMIUM}: install Debian's chromium "
                   "(apt-get install chromium) or set CHROMIUM to a Chrome or Chromium binary")
        if os.environ.get("CI", "").lower() == "true":
            print(message, file=sys.stderr)
            return 1
        print(f"{message}. No PDF: the website is built, but its PDF link leads nowhere.", file=sys.stderr)
        return 0
    start = time.time()
    site = SOURCE / "_build" / "singlehtml" if args.skip_build else build_single_page()
    if not (site / "intro.html").exists():
        print(f"build_pdf: no single-page build in {site}", file=sys.stderr)
        return 2
    printed = print_pdf(site, args.out)
    checked = check_pdf(args.out)
    summary = ", ".join(f"{k}: {v}" for k, v in {**printed, **checked}.items())
    print(f"build_pdf: wrote {os.path.relpath(args.out, ROOT)} in {time.time() - start:.0f} s ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
