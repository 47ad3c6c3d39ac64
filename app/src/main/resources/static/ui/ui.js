// Data Mapper web UI: the few behaviours htmx does not give by attributes. No inline scripts
// (the Content-Security-Policy forbids them), no eval, nothing loaded from another host.
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  // every htmx request carries the session's CSRF token in a header
  document.addEventListener('htmx:configRequest', function (e) {
    e.detail.headers['X-CSRF-Token'] = csrfToken();
  });

  // the mapping's YAML box changes nothing until "Use this YAML": its edits must not trigger a preview
  document.addEventListener('change', function (e) {
    if (e.target && e.target.classList && e.target.classList.contains('no-preview')) e.stopPropagation();
  }, true);

  // drag and drop onto the Import page's drop zone: the dropped file becomes the input's file
  function setUpDropZone() {
    var zone = document.getElementById('dropzone');
    var input = document.getElementById('file');
    if (!zone || !input) return;
    ['dragenter', 'dragover'].forEach(function (type) {
      zone.addEventListener(type, function (e) {
        e.preventDefault();
        zone.classList.add('over');
      });
    });
    ['dragleave', 'drop'].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove('over'); });
    });
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      if (!e.dataTransfer || !e.dataTransfer.files || e.dataTransfer.files.length === 0) return;
      input.files = e.dataTransfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }

  // the Console's charts: the server sends labels and numbers as data-chart JSON; Chart.js draws them
  function drawCharts(root) {
    if (!window.Chart) return;
    (root || document).querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (canvas.getAttribute('data-drawn')) return;
      canvas.setAttribute('data-drawn', 'true');
      var spec = JSON.parse(canvas.getAttribute('data-chart'));
      new window.Chart(canvas, {
        type: spec.type,
        data: {
          labels: spec.labels,
          datasets: spec.datasets.map(function (s) { return { label: s.label, data: s.data }; })
        },
        options: { animation: false, responsive: true, maintainAspectRatio: false }
      });
    });
  }
  document.addEventListener('htmx:afterSettle', function (e) { drawCharts(e.target.parentNode || document); });

  function ready() {
    setUpDropZone();
    drawCharts(document);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', ready);
  } else {
    ready();
  }
})();
