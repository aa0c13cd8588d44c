// The second-factor pages: say so when a passkey or security key did not
// answer (allauth's script only writes to the console). Loaded from a file:
// the portal allows no inline script.
(function () {
  document.addEventListener('allauth.error', function (event) {
    event.preventDefault()
    console.error(event.detail && event.detail.exception)
    document.querySelectorAll('[data-webauthn-error]').forEach(function (box) {
      box.hidden = false
      box.classList.add('alert', 'alert-warning')
    })
  })
})()
