/* Mangfold: catalogue and case filters, click-to-load films.
 * Everything works without this file: all cards are shown, phase links jump
 * to their group, and a film links to where it is published. */
(function () {
  "use strict";

  /* Material's bundle fetches "sitemap.xml" next to every <link rel="alternate">
   * on DOMContentLoaded (mkdocs-material#6582). Our hreflang links point at the
   * same page in the other languages, so that is three 404s per page view.
   * This deferred script runs before DOMContentLoaded: hide the links from
   * that one query, then give them back right after Material's listener ran. */
  var hreflang = document.readyState === "complete" ? []
    : Array.prototype.slice.call(document.querySelectorAll('link[rel="alternate"][hreflang]'));
  hreflang.forEach(function (link) { link.rel = "mf-alternate"; });
  document.addEventListener("DOMContentLoaded", function () {
    hreflang.forEach(function (link) { link.rel = "alternate"; });
  }, { once: true });

  function format(template, n) { return template.replace("{n}", String(n)); }

  /* Filters: within a facet any checked value matches; across facets all must.
   * The state lives in the URL (?phase=a&theme=b&q=text) so a view can be shared. */
  function setUpFilters(root) {
    var form = root.querySelector("[data-filters]");
    if (!form) return;
    var items = Array.prototype.slice.call(root.querySelectorAll("[data-tool], [data-case]")).filter(function (el) {
      return el.classList.contains("mf-card");
    });
    var groups = Array.prototype.slice.call(root.querySelectorAll("[data-group]"));
    var count = root.querySelector("[data-count]");
    var text = form.querySelector('input[type="search"]');
    var facets = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[type="checkbox"]'), function (box) {
      (facets[box.name] = facets[box.name] || []).push(box);
    });
    var attribute = { phase: "phase", theme: root.hasAttribute("data-catalogue") ? "themes" : "theme", audience: "audience", country: "country" };

    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      Object.keys(facets).forEach(function (name) {
        var wanted = params.getAll(name);
        facets[name].forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
      });
      if (text) text.value = params.get("q") || "";
    }

    function writeUrl() {
      var params = new URLSearchParams(window.location.search);
      Object.keys(facets).forEach(function (name) {
        params.delete(name);
        facets[name].forEach(function (box) { if (box.checked) params.append(name, box.value); });
      });
      params.delete("q");
      if (text && text.value.trim()) params.set("q", text.value.trim());
      var query = params.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function apply(announce) {
      var needle = text ? text.value.trim().toLowerCase() : "";
      var shown = 0;
      items.forEach(function (item) {
        var ok = Object.keys(facets).every(function (name) {
          var checked = facets[name].filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
          if (!checked.length) return true;
          var values = (item.getAttribute("data-" + attribute[name]) || "").split(" ");
          return checked.some(function (v) { return values.indexOf(v) !== -1; });
        });
        if (ok && needle) ok = item.textContent.toLowerCase().indexOf(needle) !== -1;
        item.classList.toggle("mf-hidden", !ok);
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector(".mf-card:not([hidden])");
      });
      if (count && announce !== false) {
        count.textContent = shown === 0 ? count.getAttribute("data-none")
          : format(count.getAttribute(shown === 1 ? "data-one" : "data-other"), shown);
      }
      if (active) {
        var chosen = form.querySelectorAll('input[type="checkbox"]:checked').length;
        active.textContent = chosen ? "(" + format(active.getAttribute(chosen === 1 ? "data-one" : "data-other"), chosen) + ")" : "";
      }
    }

    /* The facets fold away on a phone, so the first cards are on the first
     * screen; open on a wide screen, or when the address already filters. */
    var more = form.querySelector("[data-filter-more]");
    var active = form.querySelector("[data-active]");
    if (more && (window.matchMedia("(min-width: 60em)").matches || /[?&](phase|theme|audience|country)=/.test(window.location.search))) {
      more.open = true;
    }
    form.hidden = false;
    var jump = root.querySelector(".mf-jump");
    if (jump) jump.hidden = true;
    readUrl();
    apply();
    form.addEventListener("change", function () { apply(); writeUrl(); });
    if (text) text.addEventListener("input", function () { apply(); writeUrl(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(); writeUrl(); }, 0);
    });
  }

  /* Films: no request to the video host until the reader presses play. */
  function setUpFilm(player) {
    var button = player.querySelector("[data-film-load]");
    if (!button) return;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = player.getAttribute("data-src");
      frame.title = player.getAttribute("data-title") || "";
      frame.setAttribute("allow", "fullscreen; picture-in-picture");
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      player.replaceChildren(frame);
      frame.focus();
    });
  }

  /* Material opens its drawer (the main menu on narrow screens) with a <label>
   * for a hidden checkbox, which Tab never reaches and a screen reader cannot
   * name. Put a real button in its place; Escape closes the menu again. */
  function setUpMenuButton() {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector('.md-header label[for="__drawer"]');
    var nav = document.querySelector(".md-nav--primary");
    if (!toggle || !label || !nav) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " mf-menu-button";
    button.setAttribute("aria-label", nav.getAttribute("aria-label") || "Menu");
    button.innerHTML = label.innerHTML;
    label.parentNode.replaceChild(button, label);
    function sync() { button.setAttribute("aria-expanded", String(toggle.checked)); }
    function set(open) {
      if (toggle.checked !== open) {
        toggle.checked = open;
        toggle.dispatchEvent(new Event("change"));
      }
      sync();
    }
    sync();
    toggle.addEventListener("change", sync);
    setUpSections(nav);
    /* The drawer is not a dialog: leaving it with Tab closes it, so focus
     * never lands on the page behind its overlay. */
    var drawer = nav.closest(".md-sidebar") || nav;
    drawer.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (toggle.checked && next && !drawer.contains(next) && next !== button) set(false);
    });
    button.addEventListener("click", function () {
      set(!toggle.checked);
      if (!toggle.checked) return;
      var first = Array.prototype.filter.call(nav.querySelectorAll("a[href], label[tabindex]"), function (el) {
        return getComputedStyle(el).visibility === "visible" && el.getClientRects().length > 0;
      })[0];
      if (first) first.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        set(false);
        button.focus();
      }
    });
  }

  /* Material opens a section of the menu with a <label> for a hidden checkbox:
   * the arrow beside a section has no name, and the "back" title of an open
   * section (on phones) is not reachable with Tab. Make both named buttons;
   * Material's own Enter handler clicks a focused label, Space is added here. */
  function setUpSections(nav) {
    Array.prototype.forEach.call(nav.querySelectorAll("label[for]"), function (label) {
      var toggle = document.getElementById(label.getAttribute("for"));
      if (!toggle || !toggle.classList.contains("md-nav__toggle")) return;
      var item = label.closest(".md-nav__item");
      var section = item && item.querySelector(".md-nav__container > a");
      var back = label.classList.contains("md-nav__title");
      label.tabIndex = 0;
      label.setAttribute("role", "button");
      if (!label.textContent.trim() && section) label.setAttribute("aria-label", section.textContent.trim());
      function sync() { if (!back) label.setAttribute("aria-expanded", String(toggle.checked)); }
      sync();
      toggle.addEventListener("change", sync);
      label.addEventListener("keydown", function (event) {
        if (event.key === " ") { event.preventDefault(); label.click(); }
      });
      label.addEventListener("click", function () {
        window.setTimeout(function () {
          sync();
          /* The closed panel takes its focused title with it: focus the section. */
          var target = back && item.querySelector(".md-nav__container > a, label.md-nav__link");
          if (target) target.focus();
        }, 0);
      });
    });
  }

  /* Material wraps wide tables (worksheets on a phone) in a scrolling box that
   * the keyboard cannot scroll. When a box does overflow, make it a named,
   * focusable region; arrow keys then scroll it (WCAG 2.1.1). */
  function markScrollingTables() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        var heading = null;
        for (var el = wrap.previousElementSibling; el && !heading; el = el.previousElementSibling) {
          if (/^H[1-6]$/.test(el.tagName)) heading = el;
        }
        var table = wrap.querySelector("table");
        var caption = table && table.caption;
        var name = (caption || heading || (table && table.querySelector("th")) || wrap).textContent.trim();
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name);
      } else if (!scrolls && wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  function init() {
    window.addEventListener("load", markScrollingTables);
    var resizing;
    window.addEventListener("resize", function () {
      window.clearTimeout(resizing);
      resizing = window.setTimeout(markScrollingTables, 200);
    });
    setUpMenuButton();
    Array.prototype.forEach.call(document.querySelectorAll("[data-catalogue], [data-case-index]"), setUpFilters);
    Array.prototype.forEach.call(document.querySelectorAll("[data-film-player]"), setUpFilm);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
