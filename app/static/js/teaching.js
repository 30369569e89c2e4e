/* Present mode and handouts: arrow keys move between screens; a button prints. Without
   JavaScript the links and the browser's Print command do the same. */
(function () {
  "use strict";
  var keys = {};
  Array.prototype.forEach.call(document.querySelectorAll("a[data-key]"), function (link) {
    link.getAttribute("data-key").split(" ").forEach(function (key) { keys[key] = link; });
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var target = event.target;
    if (target && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)) { return; }
    var link = keys[event.key];
    if (!link) { return; }
    event.preventDefault();
    link.click();  // a click, so that site.js keeps the visit out of the history if asked
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
}());
