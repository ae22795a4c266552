// Ươm staff console: progressive enhancement only (every page works without it). Live updates:
// the server sends a stamp whenever tickets change (server-sent events); the page then fetches
// its own live fragment again and swaps it in, keeping what the staff member is typing.
(function () {
  'use strict';
  var page = document.body.getAttribute('data-page');
  var live = document.getElementById('live');
  if (!live || !window.EventSource || (page !== 'inbox' && page !== 'broadcasts')) return;
  var dot = document.querySelector('.live-dot');
  var source = new EventSource('/staff/events' + (page === 'broadcasts' ? '?what=broadcasts' : ''));
  var loading = false;
  var pending = false;
  function refresh() {
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
  }
  source.addEventListener('open', function () { if (dot) dot.classList.add('on'); });
  source.addEventListener('error', function () { if (dot) dot.classList.remove('on'); });
  source.addEventListener('stamp', function (e) {
    var current = document.getElementById('live');
    if (current && current.getAttribute('data-stamp') !== e.data) refresh();
  });
  source.addEventListener('signed-out', function () { source.close(); location.href = '/staff/sign-in'; });
})();
