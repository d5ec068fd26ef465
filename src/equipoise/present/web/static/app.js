// Equipoise web app: draws plotly figures from JSON blocks, wires filters and the period slider.
// No inline scripts anywhere (the Content-Security-Policy forbids them).
"use strict";
(function () {
  var CONFIG = { responsive: true, displaylogo: false };

  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function draw(el, fig) {
    if (!window.Plotly || !fig) { return; }
    window.Plotly.react(el, fig.data || [], fig.layout || {}, CONFIG);
    el.setAttribute("data-drawn", String(Date.now()));
  }

  function drawFigures() {
    document.querySelectorAll("[data-figure]").forEach(function (el) {
      draw(el, readJSON(el.getAttribute("data-figure")));
    });
  }

  function autoSubmit() {
    document.querySelectorAll("select.autosubmit").forEach(function (sel) {
      sel.addEventListener("change", function () { if (sel.form) { sel.form.submit(); } });
    });
  }

  function periodSlider() {
    var slider = document.getElementById("period-slider");
    var data = readJSON("period-data");
    if (!slider || !data) { return; }
    var label = document.getElementById("period-label");
    var net = document.getElementById("network");
    var heat = document.getElementById("heatmap");
    function show(i) {
      var p = data.periods[i];
      if (!p) { return; }
      label.textContent = p.name;
      slider.setAttribute("aria-valuetext", p.name);
      if (net) { draw(net, p.network); net.setAttribute("data-period", p.id); }
      if (heat) { draw(heat, p.heatmap); }
      document.querySelectorAll("[data-period-block]").forEach(function (b) {
        b.hidden = b.getAttribute("data-period-block") !== p.id;
      });
      if (history.replaceState) {
        history.replaceState(null, "", "?period=" + encodeURIComponent(p.id));
      }
    }
    slider.addEventListener("input", function () { show(Number(slider.value)); });
    show(Number(slider.value));
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawFigures();
    autoSubmit();
    periodSlider();
    var hl = document.querySelector(".sent.hl");
    if (hl) { hl.scrollIntoView({ block: "center" }); }
  });
})();
