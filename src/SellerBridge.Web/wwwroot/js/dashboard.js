// Draws the dashboard's charts from the data the server put in #dashboard-data (no inline script under the CSP).
(function () {
  "use strict";
  var holder = document.getElementById("dashboard-data");
  if (!holder || typeof Chart === "undefined") { return; }
  var data = JSON.parse(holder.getAttribute("data-chart"));
  var won = new Intl.NumberFormat("ko-KR");
  var yuan = new Intl.NumberFormat("ko-KR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  var sales = document.getElementById("sales-chart");
  if (sales) {
    new Chart(sales, {
      type: "bar",
      data: {
        labels: data.days,
        datasets: [
          { label: data.labels.cny, data: data.cny, backgroundColor: "#1f3b63", yAxisID: "cny" },
          { label: data.labels.krw, data: data.krw, type: "line", borderColor: "#d9480f", backgroundColor: "#d9480f", yAxisID: "krw" }
        ]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          cny: { position: "left", ticks: { callback: function (v) { return "¥" + yuan.format(v); } } },
          krw: { position: "right", grid: { drawOnChartArea: false }, ticks: { callback: function (v) { return "₩" + won.format(v); } } }
        }
      }
    });
  }

  var funnel = document.getElementById("funnel-chart");
  if (funnel) {
    new Chart(funnel, {
      type: "bar",
      data: {
        labels: data.funnel.map(function (f) { return f.label; }),
        datasets: [{ data: data.funnel.map(function (f) { return f.count; }), backgroundColor: "#2f9e44" }]
      },
      options: { animation: false, maintainAspectRatio: false, indexAxis: "y", plugins: { legend: { display: false } } }
    });
  }
})();
