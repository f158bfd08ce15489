/* Mangfold: "which duties apply to us?" on the law page.
 * The answer is computed here, in the browser, from the duties the page carries
 * as JSON: nothing is sent anywhere and nothing is stored. Without this file the
 * form stays hidden and the tables below it give the same answer. */
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  /* The rule by which a duty applies, or null; a rule without a condition wins. */
  function matchingRule(duty, sector, employees) {
    var matches = duty.rules.filter(function (rule) {
      return (rule.sector === "any" || rule.sector === sector) &&
        (rule.min === null || employees >= rule.min) &&
        (rule.max === null || employees <= rule.max);
    });
    var plain = matches.filter(function (rule) { return !rule.condition; });
    return plain[0] || matches[0] || null;
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setUp(root) {
    var source = document.getElementById(root.getAttribute("data-law-check"));
    var form = root.querySelector("form");
    var answer = root.querySelector("[data-law-answer]");
    if (!source || !form || !answer) return;
    var data = JSON.parse(source.textContent);
    var words = data.words;
    var input = form.querySelector('input[name="employees"]');
    var error = document.getElementById(input.getAttribute("aria-describedby"));
    var shown = "";  // the question last answered: country, sector, employees
    form.hidden = false;

    function employees() {
      var text = input.value.replace(/[\s.\u00a0]/g, "");
      return /^[0-9]+$/.test(text) && Number(text) >= 1 ? Number(text) : null;
    }

    function render(moveFocus) {
      var n = employees();
      if (n === null) {
        input.setAttribute("aria-invalid", "true");
        error.textContent = words.invalid;
        error.hidden = false;
        if (moveFocus) input.focus();
        return;
      }
      input.removeAttribute("aria-invalid");
      error.hidden = true;
      error.textContent = "";
      var country = form.querySelector('input[name="country"]:checked').value;
      var sector = form.querySelector('input[name="sector"]:checked').value;
      /* The same question again (a change event when the field loses focus): keep the answer
       * as it is, so a link in it that is being clicked is not replaced under the pointer. */
      var question = [country, sector, n].join("|");
      if (question === shown && !moveFocus) return;

      answer.textContent = "";
      var heading = element("h3", { tabindex: "-1" }, words.result);
      answer.appendChild(heading);
      answer.appendChild(element("p", {}, fill(words["for"], {
        country: data.countries[country], sector: data.sectors[sector].toLowerCase(), n: n.toLocaleString(document.documentElement.lang)
      })));
      var list = element("ul", { "class": "mf-law-answer__duties" });
      data.obligations.forEach(function (duty) {
        if (duty.country !== country) return;
        var rule = matchingRule(duty, sector, n);
        if (!rule) return;
        var item = element("li", { "data-obligation": duty.id });
        var title = element("p");
        var link = element("a", { href: duty.href }, duty.name);
        title.appendChild(link);
        if (rule.condition) title.appendChild(element("span", { "class": "mf-law-if" }, " (" + fill(words["if"], { condition: rule.condition }) + ")"));
        item.appendChild(title);
        item.appendChild(element("p", {}, duty.summary));
        if (duty.tools.length) {
          var tools = element("p", { "class": "mf-law-table__tools" }, words.tools + ": ");
          duty.tools.forEach(function (tool, i) {
            var a = element("a", { href: tool.href }, tool.title);
            if (tool.lang) a.setAttribute("lang", tool.lang);
            tools.appendChild(a);
            if (i < duty.tools.length - 1) tools.appendChild(document.createTextNode(", "));
          });
          item.appendChild(tools);
        }
        list.appendChild(item);
      });
      answer.appendChild(list);
      answer.hidden = false;
      shown = question;
      if (moveFocus) heading.focus();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      render(true);
    });
    form.addEventListener("change", function () { if (shown) render(false); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-law-check]"), setUp);
})();
