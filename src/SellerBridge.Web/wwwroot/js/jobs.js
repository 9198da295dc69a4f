// The operator's jobs page: the jobs and failures tables follow the scheduler every few seconds while
// the page is in view, so a job started with "Run now" is seen running and then with its outcome.
(function () {
  "use strict";
  var jobs = document.getElementById("jobs-table");
  if (!jobs) { return; }
  var refresh = function () {
    if (document.visibilityState !== "visible") { setTimeout(refresh, 3000); return; }
    window.SellerBridge.fetchThisPage()
      .then(function (page) {
        ["jobs-table", "work-table", "failures-table"].forEach(function (id) {
          var fresh = page.getElementById(id);
          var here = document.getElementById(id);
          if (fresh && here) { here.tBodies[0].innerHTML = fresh.tBodies[0].innerHTML; }
        });
        setTimeout(refresh, 3000);
      })
      .catch(function () { setTimeout(refresh, 10000); });
  };
  setTimeout(refresh, 3000);
})();
