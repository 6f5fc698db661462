// Draws every figure of the page with the plotly.js inlined above, from the data each figure carries (its
// script.mp-figure-data), and hides the figure's static image on screen once its chart has drawn. Print shows the
// image instead (handout.css): a browser prints without waiting for scripts, and the image is vector SVG.
(function () {
  'use strict';

  function draw(figure) {
    var spec = JSON.parse(figure.querySelector('script.mp-figure-data').textContent);
    var plot = document.createElement('div');
    plot.className = 'mp-figure-plot';
    figure.insertBefore(plot, figure.firstChild);
    return Plotly.newPlot(plot, spec.data, spec.layout, spec.config).then(function () {
      figure.setAttribute('data-interactive', 'true');
    });
  }

  var figures = Array.prototype.slice.call(document.querySelectorAll('.mp-figure'))
    .filter(function (figure) { return figure.querySelector('script.mp-figure-data'); });
  Promise.all(figures.map(draw)).then(function () {
    document.documentElement.dataset.charts = 'drawn';
  }, function (error) {
    document.documentElement.dataset.charts = 'failed';
    console.error('A chart could not be drawn:', error);
  });
})();
