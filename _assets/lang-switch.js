// The language switcher: a link from every page to the same page in the book's other language.
// The English book is the site's root, the Russian one lives in ru/ with the same file names, so the
// counterpart of chapters/02_rnn.html is ru/chapters/02_rnn.html and back.
(function () {
  "use strict";
  function addSwitcher() {
    const html = document.documentElement;
    const lang = (html.lang || "en").slice(0, 2);
    // Sphinx 7 writes the relative path from this page to its site's root into data-content_root.
    const root = new URL(html.dataset.content_root || "./", window.location.href);
    const here = window.location.href.split("#")[0].split("?")[0];
    let page = here.startsWith(root.href) ? here.slice(root.href.length) : "";
    if (page === "" || page.endsWith("/")) page += "index.html";
    const russian = lang === "ru";
    const target = new URL((russian ? "../" : "ru/") + page, root);
    const link = document.createElement("a");
    link.href = target.href;
    link.className = "nwm-lang-switch";
    link.hreflang = russian ? "en" : "ru";
    link.lang = russian ? "en" : "ru";
    link.textContent = russian ? "English" : "Русский";
    link.title = russian ? "Read this page in English" : "Эта страница по-русски";
    const slot = document.querySelector(".article-header-buttons")
      || document.querySelector(".header-article-items__end")
      || document.querySelector(".bd-header-article");
    if (slot) slot.prepend(link);
    else document.body.prepend(link);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addSwitcher);
  else addSwitcher();
})();
