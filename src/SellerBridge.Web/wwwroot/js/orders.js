// Orders pages: ask before a refund is sent (the content security policy allows no inline script).
(function () {
  "use strict";
  document.querySelectorAll("form.js-confirm[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  });
})();
