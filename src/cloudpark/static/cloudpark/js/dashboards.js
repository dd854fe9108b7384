/* Draws the dashboards' charts with Apache ECharts. Each chart's data comes from the page as
 * JSON (a json_script element named by the box's data-chart); nothing here is built from
 * strings of code. A click on a bar or point opens the enterprises behind it. */
(function () {
  "use strict";

  function option(spec) {
    var stacked = spec.kind === "stack";
    var type = spec.kind === "line" ? "line" : "bar";
    return {
      aria: { enabled: true, label: { description: spec.description }, decal: { show: true } },
      animation: false,
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: spec.series.length > 1 ? { top: 0, type: "scroll" } : undefined,
      grid: { left: 8, right: 8, bottom: 8, top: spec.series.length > 1 ? 32 : 12, containLabel: true },
      xAxis: { type: "category", data: spec.categories, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: "value" },
      series: spec.series.map(function (series) {
        return { name: series.name, type: type, data: series.data, stack: stacked ? "total" : undefined };
      }),
    };
  }

  function draw(box) {
    var source = document.getElementById(box.dataset.chart);
    if (!source || !window.echarts) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var chart = window.echarts.init(box, null, { renderer: "svg" });
    chart.setOption(option(spec));
    chart.on("click", function (event) {
      var link = spec.links[event.dataIndex];
      if (link) {
        window.location.assign(link);
      }
    });
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  function start() {
    document.querySelectorAll(".cp-chart[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
