/* mkdocs-journeys: filters the list of a section's index page (pages/section.py writes it).
   The list is complete without this script; the script reveals the form, hides the items that do not match and
   says in the live region how many are shown. Each item carries the values of its facets as numbers
   (data-persona="0 3"), the form's selects offer the same numbers. */
(function () {
  "use strict";

  function setUp(box) {
    var form = box.querySelector(".journeys-filter__form");
    var list = box.querySelector(".journeys-filter__list");
    var count = box.querySelector(".journeys-filter__count");
    var empty = box.querySelector(".journeys-filter__empty");
    if (!form || !list || !count || form.dataset.ready) {
      return;
    }
    form.dataset.ready = "1";
    var items = Array.prototype.slice.call(list.children);
    var texts = items.map(function (item) {
      return item.textContent.toLocaleLowerCase();
    });
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var text = form.querySelector("input[type=search]");
    var timer = null;

    function apply() {
      var words = text.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      var chosen = selects
        .filter(function (select) { return select.value !== ""; })
        .map(function (select) { return [select.name, select.value]; });
      var shown = 0;
      items.forEach(function (item, index) {
        var match = words.every(function (word) { return texts[index].indexOf(word) !== -1; }) &&
          chosen.every(function (pair) {
            var values = (item.getAttribute("data-" + pair[0]) || "").split(" ");
            return values.indexOf(pair[1]) !== -1;
          });
        item.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      var total = items.length;
      var unit = total === 1 ? " page" : " pages";
      count.textContent = shown === total ? total + unit : shown + " of " + total + unit + " shown";
      if (empty) {
        empty.hidden = shown !== 0;
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () {
      window.setTimeout(apply, 0);  /* after the browser has cleared the controls */
    });
    text.addEventListener("input", function () {
      /* The list follows the typing once it pauses, so that the live region is not read out at every key. */
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, 200);
    });
    form.hidden = false;
    apply();
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".journeys-filter"), setUp);
  }

  setUpAll();
  /* Material for MkDocs' instant navigation swaps the page without loading it again. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpAll);
  }
})();
