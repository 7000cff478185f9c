// The dashboard: buildings, a building's rooms at a glance, a room's series. Plain DOM, no
// library: every value is set as text, never as markup, and every request goes to this origin.
'use strict';

(() => {
  const TOKEN_KEY = 'temperature-api.reader-token';
  const SVG = 'http://www.w3.org/2000/svg';
  // ?refresh=<seconds> on the page's URL changes how often a page reloads its numbers, from every
  // 5 s to every hour. Anything else (Infinity, 0.001, 7200, words) gets the default: setTimeout
  // reads Infinity as 0, and a tiny value would reload the page in a busy loop.
  const DEFAULT_REFRESH_SECONDS = 30;
  const REFRESH_SECONDS = refreshSeconds(new URLSearchParams(location.search).get('refresh'));

  function refreshSeconds(asked) {
    const seconds = asked === null || asked.trim() === '' ? NaN : Number(asked);
    return Number.isFinite(seconds) && seconds >= 5 && seconds <= 3600 ? seconds : DEFAULT_REFRESH_SECONDS;
  }
  const RANGES = {
    '1h': { duration: '1h', interval: '1m', label: '1 hour', step: '1 minute' },
    '24h': { duration: '24h', interval: '15m', label: '24 hours', step: '15 minutes' },
    '7d': { duration: '7d', interval: '1h', label: '7 days', step: '1 hour' },
  };

  const app = document.getElementById('app');
  const status = document.getElementById('status');
  let generation = 0; // a page's refresh loop stops once another page is shown
  let timer;

  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && problem.detail) || 'HTTP ' + status);
      this.status = status;
    }
  }

  // ---- the API ----

  async function api(path) {
    const headers = { Accept: 'application/json' };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    // no-cache: revalidate with the ETag every time (a 304 costs the server no body).
    const response = await fetch(path, { headers, cache: 'no-cache', credentials: 'omit' });
    if (!response.ok) {
      let problem = null;
      try {
        problem = await response.json();
      } catch (ignored) {
        // not problem+json: the status says enough
      }
      throw new ApiError(response.status, problem);
    }
    return response.json();
  }

  const enc = encodeURIComponent;
  const buildingPath = (building) => '/api/v1/buildings/' + enc(building);
  const roomPath = (building, room) => buildingPath(building) + '/rooms/' + enc(room) + '/temperatures';

  /** Every page of the overview, following the next links. */
  async function overview(building) {
    let page = await api(buildingPath(building) + '/overview?duration=15m&limit=100');
    const all = page;
    while (page.next) {
      page = await api(page.next);
      all.rooms = all.rooms.concat(page.rooms);
    }
    return all;
  }

  // ---- small DOM helpers ----

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    children.flat().forEach((child) => node.append(child instanceof Node ? child : String(child)));
    return node;
  }

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    children.forEach((child) => node.append(child));
    return node;
  }

  const celsius = (value) => (value === null || value === undefined ? '–' : value.toFixed(1) + ' °C');
  const exact = (value) => (value === null ? '–' : String(value));
  const time = (iso) => new Date(iso).toLocaleString();

  /** How long before `now` the moment was, in words. */
  function ago(iso, now) {
    const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(iso)) / 1000));
    if (seconds < 60) return seconds + ' s ago';
    if (seconds < 3600) return Math.floor(seconds / 60) + ' min ago';
    if (seconds < 172800) return Math.floor(seconds / 3600) + ' h ago';
    return Math.floor(seconds / 86400) + ' days ago';
  }

  function show(...children) {
    app.replaceChildren(...children);
  }

  function explain(error) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (error.status === 401) {
      return token
        ? 'The server refused this token (401): it is unknown or no longer valid. Paste another above.'
        : 'This server needs a reader token to show temperatures (401). Paste one above.';
    }
    if (error.status === 403) {
      return 'This token is refused (403): it does not have the reader role. Paste a reader token above.';
    }
    if (error.status === 503) {
      return 'The database is unavailable right now (503); trying again in ' + REFRESH_SECONDS + ' s.';
    }
    return 'Could not load this page: ' + error.message;
  }

  /**
   * The firing alerts of a building, by room: a Map of room id to alert names. Alerts never keep
   * a page from showing: when they cannot be read, no room is marked.
   */
  async function firingAlerts(building) {
    const byRoom = new Map();
    try {
      const { alerts } = await api('/api/v1/alerts');
      for (const alert of alerts) {
        if (alert.state !== 'firing' || alert.building_id !== building) continue;
        byRoom.set(alert.room_id, (byRoom.get(alert.room_id) || []).concat(alert.alert));
      }
    } catch (error) {
      // no token for reads yet, or alerting unreachable: the page shows the rooms unmarked
    }
    return byRoom;
  }

  // ---- pages ----

  async function buildingsPage() {
    const { buildings } = await api('/api/v1/buildings');
    document.title = 'Buildings – Temperatures';
    show(
      el('h1', {}, 'Buildings'),
      buildings.length === 0
        ? el('p', {}, 'No readings yet.')
        : el('ul', { class: 'buildings' },
            buildings.map((b) => el('li', {}, el('a', { href: '#/buildings/' + enc(b) }, b)))),
    );
  }

  async function buildingPage(building) {
    const [answer, firing] = await Promise.all([overview(building), firingAlerts(building)]);
    document.title = building + ' – Temperatures';
    const rows = answer.rooms.map((room) => {
      // Stale: no reading inside the window of the averages (the last 15 minutes).
      const stale = room.count === 0;
      const reported = el('td', {},
        el('time', { datetime: room.latest.recorded_at, title: time(room.latest.recorded_at) },
          ago(room.latest.recorded_at, answer.to)));
      if (stale) {
        reported.append(' ', el('span', { class: 'badge' }, 'stale'));
      }
      const alerts = firing.get(room.room_id) || [];
      const name = el('th', { scope: 'row' },
        el('a', { href: '#/buildings/' + enc(building) + '/rooms/' + enc(room.room_id) }, room.room_id));
      if (alerts.length > 0) {
        name.append(' ', el('span', { class: 'badge alert', title: 'Firing: ' + alerts.join(', ') }, 'alert'));
      }
      return el('tr', { class: 'room' + (stale ? ' stale' : '') + (alerts.length > 0 ? ' firing' : ''),
        'data-room': room.room_id, 'data-alerts': alerts.join(' ') },
        name,
        el('td', { class: 'number latest' }, celsius(room.latest.temperature)),
        reported,
        el('td', { class: 'number average', 'data-average': exact(room.average) }, celsius(room.average)),
        el('td', { class: 'number count' }, room.count));
    });
    show(
      el('p', { class: 'crumbs' }, el('a', { href: '#/' }, 'Buildings'), ' / ', building),
      el('h1', {}, building),
      el('p', {}, 'Each room’s newest reading and its average over the 15 minutes up to ',
        el('time', { datetime: answer.to }, time(answer.to)),
        '. A room marked stale has not reported in that time; one marked alert has a firing alert',
        ' (hover the mark for its name).'),
      rows.length === 0
        ? el('p', {}, 'No room of this building has readings.')
        : el('table', { class: 'rooms' },
            el('caption', {}, answer.rooms.length + ' rooms'),
            el('thead', {}, el('tr', {},
              el('th', { scope: 'col' }, 'Room'),
              el('th', { scope: 'col', class: 'number' }, 'Latest'),
              el('th', { scope: 'col' }, 'Reported'),
              el('th', { scope: 'col', class: 'number' }, '15-min average'),
              el('th', { scope: 'col', class: 'number count' }, 'Readings'))),
            el('tbody', {}, rows)),
    );
  }

  async function roomPage(building, room, rangeName) {
    const range = RANGES[rangeName] || RANGES['1h'];
    const base = roomPath(building, room);
    const [latest, series] = await Promise.all([
      api(base + '/latest').catch((error) => {
        if (error.status === 404) return null;
        throw error;
      }),
      api(base + '/series?duration=' + range.duration + '&interval=' + range.interval),
    ]);
    document.title = room + ' in ' + building + ' – Temperatures';
    const here = '#/buildings/' + enc(building) + '/rooms/' + enc(room);
    show(
      el('p', { class: 'crumbs' },
        el('a', { href: '#/' }, 'Buildings'), ' / ',
        el('a', { href: '#/buildings/' + enc(building) }, building), ' / ', room),
      el('h1', {}, room),
      el('p', { class: 'latest' },
        latest
          ? ['Now: ', el('strong', {}, celsius(latest.temperature)), ', reported ',
             el('time', { datetime: latest.recorded_at, title: time(latest.recorded_at) },
               ago(latest.recorded_at, series.to))]
          : 'No readings yet.'),
      el('nav', { class: 'ranges', 'aria-label': 'Period' },
        Object.entries(RANGES).map(([name, r]) =>
          el('a', Object.assign({ href: here + '?range=' + name },
            r === range ? { 'aria-current': 'page' } : {}), r.label))),
      chart(series, range),
      numbers(series, range),
    );
  }

  // ---- the chart ----

  /** Average line over a min-max band, one slot per bucket; empty buckets leave a gap. */
  function chart(series, range) {
    const width = 720, height = 280, left = 48, right = 12, top = 12, bottom = 28;
    const buckets = series.buckets;
    const full = buckets.filter((b) => b.count > 0);
    const label = 'Average temperature per ' + range.step + ' over the last ' + range.label +
      (full.length === 0
        ? ': no readings.'
        : ', from ' + celsius(Math.min(...full.map((b) => b.average))) + ' to ' +
          celsius(Math.max(...full.map((b) => b.average))) + '; lowest reading ' +
          celsius(Math.min(...full.map((b) => b.min))) + ', highest ' +
          celsius(Math.max(...full.map((b) => b.max))) + '. The table below lists every value.');
    const figure = svg('svg', {
      class: 'chart', viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': label,
      'data-from': series.from, 'data-to': series.to,
    });
    figure.append(svg('title', {}, label));
    if (full.length === 0) {
      figure.append(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'empty' },
        'No readings in this period'));
      return figure;
    }
    let low = Math.min(...full.map((b) => b.min));
    let high = Math.max(...full.map((b) => b.max));
    if (high - low < 1) {
      low -= 0.5;
      high += 0.5;
    }
    const slot = (width - left - right) / buckets.length;
    const x = (i) => left + (i + 0.5) * slot;
    const y = (value) => top + (high - value) / (high - low) * (height - top - bottom);

    [low, (low + high) / 2, high].forEach((value) => {
      figure.append(svg('line', { class: 'grid', x1: left, x2: width - right, y1: y(value), y2: y(value) }));
      figure.append(svg('text', { class: 'axis', x: left - 6, y: y(value) + 4, 'text-anchor': 'end' },
        value.toFixed(1)));
    });
    figure.append(svg('text', { class: 'axis', x: left, y: height - 8 }, time(series.from)));
    figure.append(svg('text', { class: 'axis', x: width - right, y: height - 8, 'text-anchor': 'end' },
      time(series.to)));

    // Runs of consecutive non-empty buckets: the band and the line break where data is missing.
    const runs = [];
    buckets.forEach((b, i) => {
      if (b.count === 0) return;
      const last = runs[runs.length - 1];
      if (last && last[last.length - 1].i === i - 1) last.push({ b, i });
      else runs.push([{ b, i }]);
    });
    runs.forEach((run) => {
      const upper = run.map(({ b, i }) => x(i) + ',' + y(b.max));
      const lower = run.slice().reverse().map(({ b, i }) => x(i) + ',' + y(b.min));
      figure.append(svg('polygon', { class: 'band', points: upper.concat(lower).join(' ') }));
      figure.append(svg('polyline', { class: 'average', points: run.map(({ b, i }) => x(i) + ',' + y(b.average)).join(' ') }));
    });
    full.forEach((b) => {
      const i = buckets.indexOf(b);
      figure.append(svg('circle', {
        class: 'point', cx: x(i), cy: y(b.average), r: run1(runs, i) ? 3 : 2,
        'data-start': b.start, 'data-average': b.average, 'data-min': b.min, 'data-max': b.max,
      }, svg('title', {}, time(b.start) + ': ' + celsius(b.average))));
    });
    return figure;
  }

  /** A bucket alone in its run has no line through it, so its point is drawn larger. */
  function run1(runs, i) {
    return runs.some((run) => run.length === 1 && run[0].i === i);
  }

  /** The chart's numbers as a table: its text alternative, for screen readers and for copying. */
  function numbers(series, range) {
    const rows = series.buckets.filter((b) => b.count > 0).map((b) =>
      el('tr', {},
        el('th', { scope: 'row' }, el('time', { datetime: b.start }, time(b.start))),
        el('td', { class: 'number' }, exact(b.average)),
        el('td', { class: 'number' }, exact(b.min)),
        el('td', { class: 'number' }, exact(b.max)),
        el('td', { class: 'number' }, b.count)));
    return el('details', { class: 'numbers' },
      el('summary', {}, 'The numbers (' + rows.length + ' of ' + series.buckets.length + ' periods of ' +
        range.step + ' have readings)'),
      el('table', {},
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, 'From'),
          el('th', { scope: 'col', class: 'number' }, 'Average °C'),
          el('th', { scope: 'col', class: 'number' }, 'Lowest °C'),
          el('th', { scope: 'col', class: 'number' }, 'Highest °C'),
          el('th', { scope: 'col', class: 'number' }, 'Readings'))),
        el('tbody', {}, rows)));
  }

  /** An address no page answers, such as a hand-edited one with a stray '%'. */
  async function notAPage() {
    document.title = 'Temperatures';
    show(el('p', { class: 'problem', role: 'alert' },
      'This address is not a page of the dashboard. ', el('a', { href: '#/' }, 'See every building'), '.'));
  }

  // ---- routing and refreshing ----

  function route() {
    const [path, query] = location.hash.replace(/^#/, '').split('?');
    let parts;
    try {
      parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    } catch (malformed) {
      // decodeURIComponent throws on an escape that is not UTF-8; thrown here, it would leave the
      // page saying "Loading…" for good.
      return notAPage;
    }
    if (parts[0] === 'buildings' && parts.length === 2) {
      return () => buildingPage(parts[1]);
    }
    if (parts[0] === 'buildings' && parts[2] === 'rooms' && parts.length === 4) {
      const range = new URLSearchParams(query || '').get('range');
      return () => roomPage(parts[1], parts[3], range);
    }
    return buildingsPage;
  }

  async function render(page, mine) {
    try {
      await page();
      if (mine !== generation) return;
      status.textContent = 'Updated ' + new Date().toLocaleTimeString() +
        '; refreshes every ' + REFRESH_SECONDS + ' s.';
      status.classList.remove('error');
    } catch (error) {
      if (mine !== generation) return;
      // A page that never loaded says why in its place; one that did keeps its last numbers and
      // says it below them.
      if (app.querySelector('.loading')) {
        show(el('p', { class: 'problem', role: 'alert' }, explain(error)));
        status.textContent = '';
      } else {
        status.textContent = explain(error);
        status.classList.add('error');
      }
      if (!(error instanceof ApiError)) console.warn(error);
    }
    if (mine === generation) {
      timer = setTimeout(() => render(page, mine), REFRESH_SECONDS * 1000);
    }
  }

  function navigate() {
    generation += 1;
    clearTimeout(timer);
    show(el('p', { class: 'loading' }, 'Loading…'));
    render(route(), generation);
  }

  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = document.getElementById('token');
    const token = input.value.trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    input.value = '';
    navigate();
  });
  document.getElementById('forget-token').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    navigate();
  });
  window.addEventListener('hashchange', navigate);
  navigate();
})();
