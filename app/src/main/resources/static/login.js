// Polls /login/status for the login code shown in #login-box and follows it once the scanner confirmed on the phone.
(function () {
  var box = document.getElementById('login-box');
  var statusBox = document.getElementById('login-status');
  var again = document.getElementById('login-again');
  if (!box || !document.getElementById('login-qr')) { return; }
  var expires = document.getElementById('login-expires');
  if (expires) { expires.textContent = new Date(expires.getAttribute('datetime')).toLocaleString('zh-CN', { hour12: false }); }
  again.href = window.location.pathname;

  function show(s) {
    statusBox.textContent = s.message;
    statusBox.className = 'status ' + s.state;
    statusBox.setAttribute('data-state', s.state);
  }

  function poll() {
    fetch('/login/status', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        show(s);
        // accepted: confirmed on the phone; pending: an invitation scanned, the inviter approves in the list
        if ((s.state === 'accepted' || s.state === 'pending') && s.next) { window.location.assign(s.next); return; }
        // waiting for a scan, or scanned and waiting for 确认登录 on the phone
        if (s.state === 'waiting' || s.state === 'scanned') { setTimeout(poll, 1500); return; }
        again.hidden = false;
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
