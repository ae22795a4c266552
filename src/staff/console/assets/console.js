// Ươm staff console: progressive enhancement only (every page works without it).
// 1. Live updates: the server sends a stamp whenever what the page shows changes (server-sent
//    events); the page fetches its own live fragment again and swaps it in, keeping what the
//    staff member is typing elsewhere on the page.
// 2. The broadcast composer: the audience size as the filter is typed, and a preview.
// 3. A file over the size limit is refused before it is sent (the server says 413 anyway).
// 4. Knowledge uploads with a progress bar: each file is sent as its own raw body (XHR, for
//    upload progress); without JavaScript the form posts them all as multipart.
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

  var upload = document.getElementById('kb-upload');
  if (upload && window.XMLHttpRequest) {
    var input = document.getElementById('kb-file');
    var bar = document.getElementById('kb-progress');
    var status = document.getElementById('kb-status');
    var csrf = (document.querySelector('meta[name=csrf-token]') || {}).content || '';
    var max = Number(upload.getAttribute('data-max')) || Infinity;
    upload.addEventListener('submit', function (e) {
      var files = Array.prototype.slice.call(input.files || []);
      if (!files.length) return;
      e.preventDefault();
      var done = [];
      var send = function (i) {
        if (i >= files.length) { location.href = '/staff/knowledge?uploaded=' + encodeURIComponent(done.join(',')); return; }
        var file = files[i];
        if (file.size > max) { status.className = 'error'; status.setAttribute('data-code', 'too_big'); status.textContent = file.name + ': ' + upload.getAttribute('data-too-big'); return; }
        var xhr = new XMLHttpRequest();
        xhr.open('POST', '/staff/knowledge/upload');
        xhr.setRequestHeader('content-type', 'application/octet-stream');
        xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
        xhr.setRequestHeader('x-csrf-token', csrf);
        xhr.setRequestHeader('accept', 'application/json');
        bar.hidden = false;
        bar.value = 0;
        status.className = 'meta';
        status.textContent = file.name + ' (' + (i + 1) + '/' + files.length + ')';
        xhr.upload.addEventListener('progress', function (p) { if (p.lengthComputable) bar.value = Math.round((p.loaded / p.total) * 100); });
        xhr.addEventListener('load', function () {
          var body = {};
          try { body = JSON.parse(xhr.responseText); } catch (err) { body = { message: String(xhr.status) }; }
          if (xhr.status === 200 && body.ok) { bar.value = 100; done.push(file.name); send(i + 1); return; }
          status.className = 'error';
          status.setAttribute('data-code', body.error || String(xhr.status));
          status.textContent = body.message || String(xhr.status);
        });
        xhr.addEventListener('error', function () { status.className = 'error'; status.textContent = file.name + ': network error'; });
        xhr.send(file);
      };
      send(0);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('input[type=file][data-max]'), function (input) {
    input.addEventListener('change', function () {
      var max = Number(input.getAttribute('data-max'));
      var big = Array.prototype.some.call(input.files || [], function (f) { return f.size > max; });
      input.setCustomValidity(big ? input.getAttribute('data-too-big') || 'too big' : '');
      if (big) input.reportValidity();
    });
  });
})();
