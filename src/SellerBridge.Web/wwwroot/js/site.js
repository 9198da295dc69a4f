// Shared by the portal's page scripts (the content security policy allows no inline script).
window.SellerBridge = window.SellerBridge || {};

// The current page fetched again and parsed, for scripts that refresh parts of it in place.
window.SellerBridge.fetchThisPage = function () {
  "use strict";
  return fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
    .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
    .then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
};
