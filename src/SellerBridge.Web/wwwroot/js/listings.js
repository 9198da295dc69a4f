// Withdraw and relist ask before they change what buyers see (the content security policy allows no inline script).
(function () {
  "use strict";
  document.querySelectorAll("form.js-confirm[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  });
})();

// A running submission's live view: polls the progress endpoint and updates the bar and the counts.
(function () {
  "use strict";

  // Widths come from data-percent: the content security policy allows no inline styles.
  document.querySelectorAll(".progress-bar[data-percent]").forEach(function (bar) {
    bar.style.width = bar.getAttribute("data-percent") + "%";
  });

  var box = document.getElementById("submission-status");
  if (!box || box.getAttribute("data-finished") === "true") { return; }
  var url = box.getAttribute("data-progress-url");
  var poll = function () {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        document.getElementById("submission-progress").style.width = p.percent + "%";
        p.counts.forEach(function (c) {
          var item = document.querySelector("#submission-counts [data-status='" + c.status + "']");
          if (!item) { return; }
          item.querySelector("strong").textContent = c.count.toLocaleString("ko-KR");
          item.classList.toggle("d-none", c.count === 0);
        });
        if (p.finished) {
          box.setAttribute("data-finished", "true");
          document.getElementById("submission-summary").textContent = p.summary;
          document.getElementById("submission-result").classList.remove("d-none");
        } else {
          setTimeout(poll, 1000);
        }
      })
      .catch(function () { setTimeout(poll, 3000); });
  };
  setTimeout(poll, 1000);
})();
