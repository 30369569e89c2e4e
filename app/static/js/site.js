/* Unshared: the only script. Everything works without it; it adds the fast exit. */
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) { return; }
  var url = link.getAttribute("data-exit-url") || link.href;
  document.documentElement.classList.add("js");

  function leave(event) {
    if (event) { event.preventDefault(); }
    // Hide the page at once, then replace this history entry so Back does not return here.
    document.title = "\u2026";
    document.body.innerHTML = "";
    document.body.className = "exited";
    try { window.location.replace(url); } catch (e) { window.location.href = url; }
  }

  link.addEventListener("click", leave);

  // Three presses of Shift within two seconds (GOV.UK "Exit this page" convention).
  var presses = 0;
  var timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 2000);
    if (presses >= 3) { presses = 0; leave(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { presses = 0; }
  });

  // Pages with data-refresh poll a fragment URL and replace their content (class dashboards).
  var live = document.querySelector("[data-refresh-url]");
  if (live && window.fetch) {
    setInterval(function () {
      if (document.hidden) { return; }
      fetch(live.getAttribute("data-refresh-url"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) { live.innerHTML = html; } })
        .catch(function () {});
    }, 15000);
  }
})();
