// Networks with Memory: keyboard access to display equations that are wider than their column.
// Formulas are not tab stops (mathjax3_config in _config.yml). A display equation that does not fit its
// column scrolls sideways; like the theme does for a wide code block, it then gets tabindex=0 so that a
// keyboard user can reach it and scroll it (WCAG 2.1.1; axe: scrollable-region-focusable).
(() => {
  "use strict";
  const SELECTOR = 'div.math mjx-container, mjx-container[jax][display="true"]';

  function update() {
    for (const box of document.querySelectorAll(SELECTOR)) {
      const wide = box.scrollWidth > box.clientWidth + 1;
      if (wide && box.dataset.nwmScroll !== "1") {
        box.dataset.nwmScroll = "1";
        box.setAttribute("tabindex", "0");
      } else if (!wide && box.dataset.nwmScroll === "1") {
        delete box.dataset.nwmScroll;
        box.setAttribute("tabindex", "-1");
      }
    }
  }

  function start() {
    const mj = window.MathJax;
    const ready = mj && mj.startup && mj.startup.promise ? mj.startup.promise : Promise.resolve();
    ready.then(update);
    let pending = 0;
    window.addEventListener("resize", () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(update);
    });
  }

  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
