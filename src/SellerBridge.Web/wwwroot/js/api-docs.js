// Lists the operations of the OpenAPI document (no inline script under the CSP).
(function () {
  "use strict";
  var holder = document.getElementById("api-docs");
  if (!holder) { return; }
  fetch(holder.getAttribute("data-document"), { headers: { "Accept": "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (doc) {
      holder.textContent = "";
      var table = document.createElement("table");
      table.className = "table table-sm bg-white";
      var head = table.createTHead().insertRow();
      ["Method", "Path", "Summary"].forEach(function (t) { var th = document.createElement("th"); th.textContent = t; head.appendChild(th); });
      var body = table.createTBody();
      Object.keys(doc.paths).sort().forEach(function (path) {
        Object.keys(doc.paths[path]).forEach(function (method) {
          var op = doc.paths[path][method];
          var row = body.insertRow();
          row.insertCell().textContent = method.toUpperCase();
          var code = document.createElement("code");
          code.textContent = path;
          row.insertCell().appendChild(code);
          row.insertCell().textContent = op.summary || op.description || "";
        });
      });
      holder.appendChild(table);
    })
    .catch(function () { holder.textContent = "The API document could not be loaded."; });
})();
