// Ươm staff console: progressive enhancement only (every page works without it).
// 1. Live updates: the server sends a stamp whenever what the page shows changes (server-sent
//    events); the page fetches its own live fragment again and swaps it in, keeping what the
//    staff member is typing elsewhere on the page.
// 2. The broadcast composer: the audience size as the filter is typed, and a preview.
(function () {
  'use strict';
  var live = document.getElementById('live');
  if (live && window.EventSource) {
    var dot = document.querySelector('.live-dot');
    var broadcast = live.getAttribute('data-broadcast');
    var source = new EventSource('/staff/events' + (broadcast ? '?broadcast=' + encodeURIComponent(broadcast) : ''));
    var loading = false;
    var pending = false;
    var refresh = function () {
      if (loading) { pending = true; return; }
      loading = true;
      var url = new URL(location.href);
      url.searchParams.set('partial', '1');
      fetch(url.toString(), { credentials: 'same-origin', headers: { accept: 'text/html' } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (text) {
          if (!text) return;
          var current = document.getElementById('live');
          var holder = document.createElement('div');
          holder.innerHTML = text;
          var next = holder.firstElementChild;
          if (current && next && current.getAttribute('data-stamp') !== next.getAttribute('data-stamp')) current.replaceWith(next);
        })
        .finally(function () {
          loading = false;
          if (pending) { pending = false; refresh(); }
        });
    };
    source.addEventListener('open', function () { if (dot) dot.classList.add('on'); });
    source.addEventListener('error', function () { if (dot) dot.classList.remove('on'); });
    source.addEventListener('stamp', function (e) {
      var current = document.getElementById('live');
      if (current && current.getAttribute('data-stamp') !== e.data) refresh();
    });
    source.addEventListener('signed-out', function () { source.close(); location.href = '/staff/sign-in'; });
  }

  var audience = document.getElementById('bc-audience');
  var size = document.getElementById('bc-size');
  if (audience && size) {
    var timer = null;
    var template = size.getAttribute('data-template') || '';
    var check = function () {
      fetch('/staff/broadcasts/audience?filter=' + encodeURIComponent(audience.value), { credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (body) {
          if (body.error) { size.className = 'error'; size.textContent = body.error; return; }
          size.className = 'notice';
          var parts = Object.keys(body.by_channel || {}).map(function (k) { return k + ': ' + body.by_channel[k]; });
          size.textContent = template.replace('{total}', body.total).replace('{channels}', parts.join(', ') || '—');
          size.setAttribute('data-total', String(body.total));
        });
    };
    audience.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(check, 300); });
    check();
  }
  var text = document.getElementById('bc-text');
  var preview = document.getElementById('bc-preview');
  if (text && preview) {
    var name = preview.getAttribute('data-name') || '';
    var show = function () { preview.textContent = text.value.split('{name}').join(name); };
    text.addEventListener('input', show);
    show();
  }
})();
