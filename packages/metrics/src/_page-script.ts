/** @module _page-script: the status page's script (plain browser JavaScript, sent inline; no external assets). */

/*
 * Every text from the server goes in through textContent: ban ids come from log lines, which
 * attackers write. The page only reads (GET status.json); it refreshes itself every 5 s.
 */
export const PAGE_SCRIPT = `
'use strict';
(function () {
  var REFRESH_MS = 5000;
  var SVG = 'http://www.w3.org/2000/svg';
  var last = null;
  var clockOffset = 0;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function stamp(epoch) {
    var d = new Date(epoch * 1000);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }
  function duration(seconds) {
    if (seconds < 0) return 'forever';
    seconds = Math.max(0, Math.round(seconds));
    var d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    if (d > 0) return d + 'd ' + h + 'h';
    if (h > 0) return h + 'h ' + pad(m) + 'm';
    return m + 'm ' + pad(s) + 's';
  }
  function serverNow() { return Date.now() / 1000 + clockOffset; }
  function fillTable(id, headers, rows, empty) {
    var table = document.getElementById(id);
    table.replaceChildren();
    var head = el('tr');
    headers.forEach(function (h) { head.appendChild(el('th', h)); });
    table.appendChild(head);
    if (rows.length === 0) {
      var tr = el('tr'); var td = el('td', empty, 'empty'); td.colSpan = headers.length; tr.appendChild(td); table.appendChild(tr);
      return;
    }
    rows.forEach(function (cells) {
      var tr = el('tr');
      cells.forEach(function (c) { var td = el('td', c.text === undefined ? c : c.text); if (c.cls) td.className = c.cls; if (c.id) td.dataset.endsAt = c.id; tr.appendChild(td); });
      table.appendChild(tr);
    });
  }
  function renderJails(s) {
    fillTable('jails', ['Jail', 'Backend', 'Failed', 'Total failed', 'Banned', 'Total banned', 'Ban time', 'Find time', 'Max retry'],
      (s.jailDetails || []).map(function (j) {
        return [j.jail, j.backend, j.currentlyFailed, j.totalFailed, j.currentlyBanned, j.totalBanned, duration(j.bantime), duration(j.findtime), j.maxretry];
      }), 'No jails running');
  }
  function renderBans(s) {
    var bans = s.bans || [];
    fillTable('bans', ['Jail', 'Address', 'Banned at', 'Ban count', 'Time left'], bans.map(function (b) {
      return [b.jail, b.ip, stamp(b.bannedAt), b.banCount, { text: b.endsAt === null ? 'forever' : duration(b.endsAt - serverNow()), cls: 'left', id: b.endsAt === null ? '' : String(b.endsAt) }];
    }), 'No address is banned');
    var total = (s.jailDetails || []).reduce(function (n, j) { return n + j.currentlyBanned; }, 0);
    document.getElementById('bans-note').textContent = total > bans.length ? 'showing the newest ' + bans.length + ' of ' + total : '';
  }
  function renderEvents(s) {
    fillTable('events', ['Time', 'Jail', 'Event', 'Address'], (s.events || []).map(function (e) {
      return [stamp(e.time), e.jail, e.kind, e.ip];
    }), 'Nothing happened yet');
  }
  function renderChart(s) {
    var svg = document.getElementById('chart');
    svg.replaceChildren();
    var series = s.failuresPerMinute || { start: 0, counts: [] };
    var counts = series.counts;
    var W = 600, H = 160, left = 36, bottom = 20, top = 8;
    var max = Math.max(1, Math.max.apply(null, counts.concat([0])));
    var plotH = H - bottom - top, barW = (W - left) / Math.max(1, counts.length);
    function add(tag, attrs, text) {
      var node = document.createElementNS(SVG, tag);
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
      if (text !== undefined) node.textContent = text;
      svg.appendChild(node);
      return node;
    }
    add('line', { x1: left, y1: top + plotH, x2: W, y2: top + plotH, 'class': 'axis' });
    add('text', { x: left - 4, y: top + 8, 'text-anchor': 'end', 'class': 'label' }, String(max));
    add('text', { x: left - 4, y: top + plotH, 'text-anchor': 'end', 'class': 'label' }, '0');
    counts.forEach(function (n, i) {
      if (n <= 0) return;
      var h = plotH * n / max;
      var bar = add('rect', { x: left + i * barW + 1, y: top + plotH - h, width: Math.max(1, barW - 2), height: h, 'class': 'bar' });
      var title = document.createElementNS(SVG, 'title');
      title.textContent = stamp(series.start + i * 60).slice(11, 16) + ': ' + n + ' failure' + (n === 1 ? '' : 's');
      bar.appendChild(title);
    });
    add('text', { x: left, y: H - 4, 'class': 'label' }, counts.length > 0 ? stamp(series.start).slice(11, 16) : '');
    add('text', { x: W, y: H - 4, 'text-anchor': 'end', 'class': 'label' }, 'now');
    var sum = counts.reduce(function (a, b) { return a + b; }, 0);
    document.getElementById('chart-total').textContent = sum + ' failure' + (sum === 1 ? '' : 's') + ' in the last hour';
  }
  function render(s) {
    var server = s.server || { version: '?', startedAt: 0, now: Date.now() / 1000 };
    clockOffset = server.now - Date.now() / 1000;
    document.getElementById('version').textContent = 'f2b ' + server.version + ', up ' + duration(server.now - server.startedAt);
    renderJails(s);
    renderBans(s);
    renderEvents(s);
    renderChart(s);
    document.getElementById('updated').textContent = 'updated ' + stamp(server.now);
    document.body.dataset.loaded = 'true';
  }
  function tick() {
    var cells = document.querySelectorAll('#bans td.left');
    for (var i = 0; i < cells.length; i++) {
      var ends = Number(cells[i].dataset.endsAt);
      if (cells[i].dataset.endsAt) cells[i].textContent = duration(Math.max(0, ends - serverNow()));
    }
  }
  function refresh() {
    fetch('status.json', { cache: 'no-store', credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (s) { last = s; render(s); document.getElementById('error').textContent = ''; })
      .catch(function (e) { document.getElementById('error').textContent = 'cannot reach the server (' + e.message + '); showing the last data'; })
      .then(function () { setTimeout(refresh, REFRESH_MS); });
  }
  setInterval(tick, 1000);
  refresh();
})();
`;
