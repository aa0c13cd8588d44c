// A "Print" button ([data-print], hidden until this script runs, so that a
// browser without scripts shows no button that does nothing). Loaded from a
// file: the portal allows no inline script.
(function () {
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.hidden = false
      button.addEventListener('click', function () { window.print() })
    })
  })
})()
