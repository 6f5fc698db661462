// Draws every chart of the page with the plotly.js inlined above, from the JSON the exporter left in place of
// the notebook's chart script, and keeps a PNG of each chart beside it: print shows that image, since a
// browser prints without waiting for scripts, and the image follows the chart as the reader zooms or hides traces.
(function () {
  'use strict';

  function keepImage(chart, image) {
    var layout = chart.layout || {};
    var width = layout.width || chart.clientWidth;
    // Twice the pixels, for paper; printed at the chart's own width, or the page's if that is narrower.
    return Plotly.toImage(chart, { format: 'png', width: width, height: layout.height || chart.clientHeight, scale: 2 })
      .then(function (url) {
        image.style.width = width + 'px';
        image.src = url;
      });
  }

  function draw(spec) {
    var chart = document.getElementById(spec.dataset.chart);
    var figure = JSON.parse(spec.textContent);
    var image = document.createElement('img');
    image.className = 'handout-chart-image';
    var title = figure.layout.title;
    image.alt = 'Chart: ' + ((typeof title === 'string' ? title : title && title.text) || 'a plot').replace(/<[^>]*>/g, ' ');
    chart.insertAdjacentElement('afterend', image);
    return Plotly.newPlot(chart, figure.data, figure.layout, figure.config).then(function () {
      chart.on('plotly_relayout', function () { keepImage(chart, image); });
      chart.on('plotly_restyle', function () { keepImage(chart, image); });
      return keepImage(chart, image);
    });
  }

  var specs = Array.prototype.slice.call(document.querySelectorAll('script.handout-chart-spec'));
  Promise.all(specs.map(draw)).then(function () {
    document.documentElement.dataset.charts = 'drawn';
  }, function (error) {
    document.documentElement.dataset.charts = 'failed';
    console.error('A chart could not be drawn:', error);
  });
})();
