// The operator's rule pages: follows the background draft recompute until it ends, then shows its result.
(function () {
  "use strict";

  var box = document.getElementById("drafts-status");
  if (!box) { return; }
  var bar = document.getElementById("drafts-progress");
  var text = document.getElementById("drafts-text");
  var setWidth = function (percent) { bar.style.width = percent + "%"; };
  setWidth(bar.getAttribute("data-percent"));

  // Right after a save the job may not have started yet: poll a little while even if the page said idle.
  var idlePolls = box.getAttribute("data-working") === "true" ? 0 : 3;
  var poll = function () {
    fetch(box.getAttribute("data-status-url"), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        text.textContent = s.text;
        setWidth(s.percent);
        bar.parentElement.classList.toggle("d-none", !s.working);
        text.classList.toggle("text-danger", !s.working && s.outcome === "Failed");
        text.classList.toggle("text-muted", s.working || s.outcome !== "Failed");
        box.setAttribute("data-working", s.working ? "true" : "false");
        if (s.working) {
          setTimeout(poll, 1000);
        } else if (idlePolls-- > 0) {
          setTimeout(poll, 1000);
        }
      })
      .catch(function () { setTimeout(poll, 3000); });
  };
  setTimeout(poll, 1000);
})();
