/* Unshared: the only script. Everything works without it; it adds the fast exit. */
(function () {
  "use strict";
  // Set by /exit (and here, at once): while it lasts, every page of the site is blank.
  var LEFT = "unshared_left";
  var LEFT_SECONDS = 12 * 3600;  // as app/web/quick_exit.py LEFT_FOR
  var root = document.documentElement;

  function hasLeft() {
    return ("; " + document.cookie + ";").indexOf("; " + LEFT + "=1;") !== -1;
  }

  function blank() {
    document.title = "\u2026";
    if (document.body) {
      document.body.innerHTML = "";
      document.body.className = "exited";
    }
  }

  // A page shown after the exit (Back, Forward, a restored tab, another open tab) is
  // blanked and asked for again: the server then answers with its neutral page.
  function hideIfLeft() {
    if (!hasLeft()) { return false; }
    blank();
    window.location.replace(window.location.href.split("#")[0]);
    return true;
  }

  if (hideIfLeft()) { return; }
  // Chromium keeps even no-store pages in its back/forward cache while no cookie changes.
  // A page going into it is emptied first, and asked for again if it is ever shown.
  window.addEventListener("pagehide", function (event) { if (event.persisted) { blank(); } });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      blank();
      window.location.replace(window.location.href.split("#")[0]);
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { hideIfLeft(); }
  });
  // Printing shows folded passages (lessons, handouts, the help page's sources). site.css does
  // it with ::details-content; this does it where that is not supported, and folds them again.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(
      document.querySelectorAll("main details:not([open])"),
      function (details) { details.open = true; return true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });
  // The header's menus are <details>: Escape closes an open one and puts the focus back on
  // its toggle, as a menu does; a tap or click elsewhere closes it too.
  function headerMenus() {
    return document.querySelectorAll("details[name='site-header'][open]");
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    Array.prototype.forEach.call(headerMenus(), function (menu) {
      var hadFocus = menu.contains(document.activeElement);
      menu.open = false;
      if (hadFocus) { menu.querySelector("summary").focus(); }
    });
  });
  document.addEventListener("click", function (event) {
    Array.prototype.forEach.call(headerMenus(), function (menu) {
      if (!menu.contains(event.target)) { menu.open = false; }
    });
  });
  // Another tab of the site has just left. Its cookie may not have reached this tab yet
  // (Chromium hands cookies to each tab on its own time), so the message alone is enough:
  // blank now and leave the same way, through /exit (which sets the cookie again), so every
  // tab ends where the one that left did, whichever came first.
  function leftElsewhere() {
    var exit = document.getElementById("quick-exit");  // read before the page is emptied
    var target = exit ? exit.href : window.location.href.split("#")[0];
    blank();
    window.location.replace(target);
  }
  var others = window.BroadcastChannel ? new window.BroadcastChannel("unshared") : null;
  if (others) { others.onmessage = leftElsewhere; }

  var link = document.getElementById("quick-exit");
  if (!link) { return; }
  var url = link.href;
  root.classList.add("js");

  function leave(event) {
    if (event) { event.preventDefault(); }
    // Hide the page at once, then replace this history entry so Back does not return here.
    blank();
    document.cookie = LEFT + "=1; max-age=" + LEFT_SECONDS + "; path=/; samesite=lax" +
      (window.location.protocol === "https:" ? "; secure" : "");
    if (others) { others.postMessage("left"); }
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

  // "Keep this visit out of the history" (settings): moving within the site replaces the
  // current history entry instead of adding one, so Back leaves the site at once.
  function sameSite(href) {
    var target = new URL(href, window.location.href);
    return target.origin === window.location.origin ? target : null;
  }

  var refresher = null;

  function show(response) {
    // The answer to a form: shown in place, under its own address, with no new entry.
    if ((response.headers.get("Content-Type") || "").indexOf("text/html") !== 0) {
      window.location.replace(response.url);  // a file: let the browser handle it
      return null;
    }
    return response.text().then(function (html) {
      // The page written below runs this script afresh; this copy must fall silent.
      if (others) { others.close(); }
      if (refresher) { clearInterval(refresher); }
      document.open();
      document.write(html);
      document.close();
      window.history.replaceState(null, "", response.url);
    });
  }

  if (root.getAttribute("data-history") === "replace" && window.URL) {
    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
          event.shiftKey || event.altKey) { return; }
      var a = event.target.closest ? event.target.closest("a[href]") : null;
      if (!a || (a.target && a.target !== "_self") || a.hasAttribute("download")) { return; }
      var target = sameSite(a.href);
      if (!target) { return; }
      var here = window.location;
      if (target.hash && target.pathname === here.pathname && target.search === here.search) {
        return;  // a jump within this page (skip link, contents): it stays on this page
      }
      event.preventDefault();
      window.location.replace(target.href);
    });
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (event.defaultPrevented || form.target || !window.fetch || !window.FormData) { return; }
      var action = sameSite(form.getAttribute("action") || window.location.href);
      if (!action) { return; }
      var data = new FormData(form);
      if (event.submitter && event.submitter.name) {
        data.append(event.submitter.name, event.submitter.value);
      }
      event.preventDefault();
      if ((form.getAttribute("method") || "get").toLowerCase() !== "post") {
        action.search = new URLSearchParams(data).toString();
        window.location.replace(action.href);
        return;
      }
      var body = form.enctype === "multipart/form-data" ? data : new URLSearchParams(data);
      fetch(action.href, { method: "POST", body: body, credentials: "same-origin" })
        .then(show)
        .catch(function () { form.submit(); });
    });
  }

  // Pages with data-refresh poll a fragment URL and replace their content (class dashboards).
  var live = document.querySelector("[data-refresh-url]");
  if (live && window.fetch) {
    refresher = setInterval(function () {
      if (document.hidden) { return; }
      fetch(live.getAttribute("data-refresh-url"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) { live.innerHTML = html; } })
        .catch(function () {});
    }, 15000);
  }
})();
