/* Mangfold: catalogue and case filters, click-to-load films.
 * Everything works without this file: all cards are shown, phase links jump
 * to their group, and a film links to where it is published. */
(function () {
  "use strict";

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

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-catalogue], [data-case-index]"), setUpFilters);
    Array.prototype.forEach.call(document.querySelectorAll("[data-film-player]"), setUpFilm);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
