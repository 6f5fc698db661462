// A figure's script (FigureHtml): swaps the static image for the interactive chart where plotly.js can load. It runs only
// where the front end runs scripts (a trusted notebook, a page); offline, or where plotly.js is blocked, the image stays.
(function () {
  'use strict';
  var figure = document.getElementById('__FIGURE_ID__');
  if (!figure || figure.getAttribute('data-interactive')) return;
  var url = '__PLOTLY_URL__';

  function draw(Plotly) {
    if (!Plotly || typeof Plotly.newPlot !== 'function' || figure.getAttribute('data-interactive')) return;
    var spec = JSON.parse(figure.querySelector('script.mp-figure-data').textContent);
    var plot = document.createElement('div');
    plot.className = 'mp-figure-plot';
    figure.insertBefore(plot, figure.firstChild);
    Plotly.newPlot(plot, spec.data, spec.layout, spec.config).then(function () {
      figure.setAttribute('data-interactive', 'true');
      var hidden = figure.querySelectorAll('img.mp-figure-image, .mp-figure-note');
      for (var i = 0; i < hidden.length; i++) hidden[i].style.display = 'none';
    }, function () {
      figure.removeChild(plot);
    });
  }

  function keepImage() { }

  if (window.Plotly) {
    draw(window.Plotly);
  } else if (typeof window.requirejs === 'function' && typeof window.define === 'function' && window.define.amd) {
    // The classic Notebook has requirejs: plotly.js then defines a module instead of a global.
    window.requirejs.config({ paths: { 'mp-plotly': url } });
    window.requirejs(['mp-plotly'], draw, keepImage);
  } else {
    window.mpPlotly = window.mpPlotly || new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = url + '.js';
      script.onload = function () { resolve(window.Plotly); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    window.mpPlotly.then(draw, keepImage);
  }
})();
