"""Sphinx extension of the course website, loaded through ``sphinx.local_extensions`` in ``_config.yml``.

What the theme and the other extensions leave undone, fixed at build time (so it also holds without
JavaScript and in the PDF):

- MathJax loads only on pages with math of their own. Sphinx also loads it on a page whose toctree merely
  lists pages with math, which is the home page (1.1 MB for nothing).
- The header's ".pdf" entry, which prints the current page, links the whole book's PDF instead
  (``scripts/build_pdf.py`` writes it at the site root; a translation, built into ``<site>/<language>/``,
  links the same file one level up). ``{pdf}`` in ``html.extra_footer`` becomes the same link, and so does
  a page's own link to it (``<a href="networks-with-memory.pdf">`` in intro.md).
- A favicon on every page (``_assets/favicon.png``; set here rather than with ``html.favicon`` so that a
  translation's ``_config.yml`` one folder down needs no path of its own).
- Accessibility: the chevrons of the left menu (``<summary>``) get a name; the bibliography's entries get
  the ``listitem`` role their ``role="list"`` parent requires (docutils gives them the deprecated
  ``doc-biblioentry``); the ``exercise-content`` / ``solution-content`` ids that sphinx-exercise repeats in
  every exercise become unique.
"""
from __future__ import annotations

import html
import re
from collections import Counter

PDF_NAME = "networks-with-memory.pdf"

_SUMMARY = re.compile(r'(<a class="[^"]*reference internal[^"]*" href="[^"]*">((?:(?!</a>).)*)</a>\s*<details[^>]*>\s*)'
                      r'<summary>', re.S)
_REPEATED_IDS = ("exercise-content", "solution-content")


def _has_own_math(app, pagename: str) -> bool:
    return bool(app.env.get_domain("math").data["has_equations"].get(pagename, False))


def _name_summaries(nav: str) -> str:
    def label(match: re.Match) -> str:
        title = html.unescape(re.sub(r"<[^>]+>", "", match.group(2))).strip()
        return f'{match.group(1)}<summary aria-label="{html.escape(f"Pages under {title}")}">'

    return _SUMMARY.sub(label, nav)


def _unique_ids(body: str) -> str:
    seen: Counter[str] = Counter()

    def renumber(match: re.Match) -> str:
        seen[match.group(1)] += 1
        n = seen[match.group(1)]
        return match.group(0) if n == 1 else f'id="{match.group(1)}-{n}"'

    names = "|".join(_REPEATED_IDS)
    return re.sub(rf'id="({names})"', renumber, body)


def _fix_body(body: str) -> str:
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    return _unique_ids(body)


def on_page_context(app, pagename, templatename, context, doctree) -> None:
    pathto = context.get("pathto")
    if app.builder.name == "html" and not _has_own_math(app, pagename):
        mathjax = str(app.config.mathjax_path)  # the builder files it under _static/
        context["script_files"][:] = [js for js in context.get("script_files", [])
                                      if not str(js.filename or "").endswith(mathjax)
                                      and not (js.attributes.get("body") or "").startswith("window.MathJax")]

    if not pathto:
        return
    pdf = pathto(PDF_NAME, 1)
    if app.config.language not in (None, "", "en"):
        pdf = "../" + pdf
    for group in context.get("header_buttons", []):
        for i, button in enumerate(group.get("buttons", [])):
            if button.get("label") == "download-pdf-button":
                group["buttons"][i] = {
                    "type": "link",
                    "url": pdf,
                    "text": "Whole book (PDF)",
                    "tooltip": "Download the whole book as one PDF",
                    "icon": "fas fa-file-pdf",
                    "label": "download-book-pdf-button",
                }

    if "{pdf}" in str(context.get("theme_extra_footer", "")):
        context["theme_extra_footer"] = context["theme_extra_footer"].replace("{pdf}", pdf)
    if not context.get("favicon_url"):
        context["favicon_url"] = pathto("_static/favicon.png", resource=True)

    if context.get("body"):
        # a page's own link to the PDF (intro.md) points where the header's does, in a translation too
        body = re.sub(rf'href="[^"#]*{re.escape(PDF_NAME)}"', f'href="{pdf}"', context["body"])
        context["body"] = _fix_body(body)

    toctree = context.get("generate_toctree_html")
    if toctree and not getattr(toctree, "_nwm", False):
        def named(*args, **kwargs):
            return _name_summaries(str(toctree(*args, **kwargs)))

        named._nwm = True
        context["generate_toctree_html"] = named


def setup(app):
    app.connect("html-page-context", on_page_context, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
