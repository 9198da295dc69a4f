// Orders pages: ask before a refund is sent; follow a shipment until it is reported (the content security policy allows no inline script).
(function () {
  "use strict";
  document.querySelectorAll("form.js-confirm[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  });
})();

// An order whose shipment waits to be reported (or for the marketplace to show it shipped): fetch the
// page again every few seconds and show the shipment, the marketplace status and the timeline as
// they are now, until that is done (or for five minutes at most).
(function () {
  "use strict";
  var live = document.getElementById("shipment-live");
  if (!live || live.getAttribute("data-pending") !== "true") { return; }
  var until = Date.now() + 5 * 60 * 1000;
  var refresh = function () {
    window.SellerBridge.fetchThisPage()
      .then(function (page) {
        var fresh = page.getElementById("shipment-live");
        if (!fresh) { return; }
        live.innerHTML = fresh.innerHTML;
        live.setAttribute("data-pending", fresh.getAttribute("data-pending"));
        // Once the shipment is reported the form is gone from the page; a form still there is left
        // alone, so nothing the seller is typing is replaced.
        var form = document.querySelector("[data-testid='shipment-form']");
        if (form && !page.querySelector("[data-testid='shipment-form']")) { form.remove(); }
        ["order-status", "timeline"].forEach(function (id) {
          var now = page.querySelector("[data-testid='" + id + "']");
          var here = document.querySelector("[data-testid='" + id + "']");
          if (now && here) { here.innerHTML = now.innerHTML; }
        });
        if (fresh.getAttribute("data-pending") === "true" && Date.now() < until) { setTimeout(refresh, 3000); }
      })
      .catch(function () { setTimeout(refresh, 5000); });
  };
  setTimeout(refresh, 3000);
})();
