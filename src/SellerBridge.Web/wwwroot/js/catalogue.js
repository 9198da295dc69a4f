// Catalogue upload with an upload progress bar, then live import progress without reloading.
(function () {
  "use strict";

  // Widths come from data-percent: the content security policy allows no inline styles.
  document.querySelectorAll(".progress-bar[data-percent]").forEach(function (bar) {
    bar.style.width = bar.getAttribute("data-percent") + "%";
  });

  function token(form) {
    var field = form.querySelector("input[name='__RequestVerificationToken']");
    return field ? field.value : "";
  }

  var form = document.getElementById("upload-form");
  if (form) {
    var input = document.getElementById("file");
    var zone = document.getElementById("drop-zone");
    var wrap = document.getElementById("upload-progress-wrap");
    var bar = document.getElementById("upload-progress");
    var errorBox = document.getElementById("upload-client-error");
    var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10);

    function showError(text) {
      errorBox.textContent = text;
      errorBox.classList.remove("d-none");
      wrap.classList.add("d-none");
    }

    ["dragover", "dragenter"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("border-primary"); });
    });
    zone.addEventListener("dragleave", function () { zone.classList.remove("border-primary"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("border-primary");
      if (e.dataTransfer.files.length) { input.files = e.dataTransfer.files; }
    });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      errorBox.classList.add("d-none");
      var file = input.files[0];
      if (!file) { input.reportValidity(); return; }
      if (file.size > maxBytes) { showError(errorBox.getAttribute("data-too-large")); return; }
      var data = new FormData();
      data.append("file", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action"));
      xhr.setRequestHeader("X-CSRF-TOKEN", token(form));
      xhr.setRequestHeader("Accept", "application/json");
      wrap.classList.remove("d-none");
      xhr.upload.addEventListener("progress", function (p) {
        if (p.lengthComputable) { bar.style.width = Math.round(p.loaded * 100 / p.total) + "%"; }
      });
      xhr.onload = function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (ignored) { }
        if (xhr.status === 202 && body.url) { window.location.href = body.url; return; }
        showError(body.error || ("HTTP " + xhr.status));
      };
      xhr.onerror = function () { showError("Network error"); };
      xhr.send(data);
    });
  }

  var status = document.getElementById("import-status");
  if (status && status.getAttribute("data-finished") !== "true") {
    var url = status.getAttribute("data-progress-url");
    var poll = function () {
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (p) {
          document.getElementById("import-progress").style.width = p.percent + "%";
          document.getElementById("import-status-text").textContent = p.statusText;
          var done = document.getElementById("import-rows-done");
          done.textContent = done.textContent.replace(/[\d,]+/, p.rowsDone.toLocaleString("ko-KR"));
          if (p.finished) { window.location.reload(); } else { setTimeout(poll, 1000); }
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    setTimeout(poll, 500);
  }
})();
