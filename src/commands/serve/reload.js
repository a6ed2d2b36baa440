(function () {
  var box = null;
  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99999;margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;border-top:4px solid #e5484d";
      document.body.appendChild(box);
    }
    box.textContent = "byline: the last change did not build; showing the last good version.\n\n" + text;
  }
  function hide() { if (box) { box.remove(); box = null; } }
  var source = new EventSource("/__byline/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function () {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
      var u = new URL(l.href); u.searchParams.set("v", Date.now()); l.href = u.toString();
    });
  });
  source.addEventListener("error", function (e) { if (e.data) { show(JSON.parse(e.data)); } });
  source.addEventListener("ok", hide);
})();
