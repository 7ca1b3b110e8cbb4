"""Fail when an internal link or anchor of the built site is broken.

Reads every HTML page under the site folder and checks each ``href``/``src`` that points inside the site:
the target file must exist and, when the link has a ``#fragment``, the target page must have an element
with that id. External links (http, mailto, ...) are not followed.

    python scripts/check_links.py _build/html
"""
from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIP_SCHEMES = {"http", "https", "mailto", "javascript", "data", "tel", "ftp"}
SKIP_DIRS = {"_static", "_sources", "_images", "_downloads", "_sphinx_design_static"}


class Page(HTMLParser):
    """Collects the ids and the links of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(values[key])
        for key in ("href", "src"):
            if values.get(key) and not (tag == "link" and values.get("rel") in ("canonical",)):
                self.links.append(values[key])


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def main(root: Path) -> int:
    if not root.is_dir():
        print(f"check_links: {root} does not exist; build the book first (make book)", file=sys.stderr)
        return 2
    pages = {p.resolve(): parse(p) for p in root.rglob("*.html") if not SKIP_DIRS & set(p.relative_to(root).parts)}
    broken: list[str] = []
    checked = 0
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in SKIP_SCHEMES or parts.netloc or link.startswith("//"):
                continue
            checked += 1
            target = path if not parts.path else (path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(root.resolve())}: {link} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(root.resolve())}: {link} (no anchor #{parts.fragment})")
    for line in broken:
        print("broken:", line)
    print(f"check_links: {len(pages)} pages, {checked} internal links, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")))
