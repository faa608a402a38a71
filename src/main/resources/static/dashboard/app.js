// The dashboard's shell: sign-in, navigation, the date control (slider, play, compare), the shared filters, and the
// state in the URL (#/<view>?date=...&compare=...&sector=...&province=...&lang=...&embed=1), so that every view can
// be bookmarked and shared. Views render into <main> and read the registry through GraphQL only.
import { graphql, session, requestLog, Unauthenticated } from './api.js';
import { follow } from './live.js';
import { signInOptions, startSignIn, finishSignIn } from './oidc.js';
import { translator, formats, LANGUAGES } from './i18n.js';
import growth from './views/growth.js';
import map from './views/map.js';
import indicators from './views/indicators.js';
import organisations from './views/organisations.js';
import network from './views/network.js';
import tokens from './views/tokens.js';

const VIEWS = [growth, map, indicators, network, organisations, tokens];
const FIRST_DAY = '2018-01-01';
const SECTORS = ['COMPANIES', 'CARE_AND_WELFARE', 'UMBRELLA_BODIES', 'CULTURE', 'RELIGIOUS', 'KNOWLEDGE', 'SPORT',
                 'FUNDS', 'MEDIA', 'PUBLIC', 'HOUSING', 'EDUCATION', 'OTHER'];
const PROVINCES = ['GRONINGEN', 'FRYSLAN', 'DRENTHE', 'OVERIJSSEL', 'FLEVOLAND', 'GELDERLAND', 'UTRECHT',
                   'NOORD_HOLLAND', 'ZUID_HOLLAND', 'ZEELAND', 'NOORD_BRABANT', 'LIMBURG'];

const DAY = 86_400_000;
const today = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())).toISOString().slice(0, 10);
};
const dayNumber = iso => Math.round(Date.parse(iso + 'T00:00:00Z') / DAY);
const isoOf = day => new Date(day * DAY).toISOString().slice(0, 10);
const isDate = text => /^\d{4}-\d{2}-\d{2}$/.test(text || '') && !Number.isNaN(Date.parse(text));
const addMonths = (iso, months) => {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

let state = {};
let viewer = null;
let shell = null;
let generation = 0;
let rendering = Promise.resolve();
let playing = null;
let charts = [];
let firstRender = true;
let lastPage = null;
let unfollow = null;

function readState() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const params = Object.fromEntries(new URLSearchParams(query || ''));
  const view = VIEWS.find(v => v.id === path) ? path : 'growth';
  state = { ...params, view };
  if (!isDate(state.date)) state.date = today();
  if (state.compare && !isDate(state.compare)) delete state.compare;
  if (!LANGUAGES.includes(state.lang)) state.lang = 'nl';
}

function hashOf(next) {
  const params = new URLSearchParams();
  Object.entries(next).forEach(([key, value]) => {
    if (key !== 'view' && value !== undefined && value !== null && value !== '') params.set(key, value);
  });
  return `#/${next.view}?${params}`;
}

/** Changes the state: `push` adds a history entry (a new view), otherwise the URL is replaced (a slider move). */
function update(changes, { push = false } = {}) {
  const next = { ...state, ...changes };
  Object.keys(changes).forEach(key => { if (changes[key] === undefined) delete next[key]; });
  if (push) {
    location.hash = hashOf(next);   // hashchange renders
  } else {
    history.replaceState(null, '', hashOf(next));
    readState();
    render();
  }
}

/** Records a choice in the URL without drawing again (an opened detail), so that a link or a redraw keeps it. */
function remember(changes) {
  Object.assign(state, changes);
  history.replaceState(null, '', hashOf(state));
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([key, value]) => {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? '' : value);
  });
  node.append(...children.flat().filter(c => c !== null && c !== undefined));
  return node;
}

function select(id, label, options, value, onChange) {
  const control = element('select', { id, onchange: e => onChange(e.target.value) },
                          options.map(([v, text]) => element('option', { value: v, selected: v === value }, text)));
  return element('label', { for: id }, element('span', {}, label), control);
}

function signInForm(message) {
  unfollow?.();
  unfollow = null;
  const t = translator(state.lang);
  document.documentElement.lang = state.lang;
  const app = document.getElementById('app');
  const input = element('input', { id: 'token', type: 'password', name: 'token', autocomplete: 'off', required: true });
  const form = element('form', {
    id: 'sign-in', class: 'sign-in',
    onsubmit: async e => {
      e.preventDefault();
      session.signIn(input.value.trim());
      viewer = null;
      await render();
    },
  },
  element('h1', {}, t('title')),
  element('h2', {}, t('signInTitle')),
  element('p', {}, t('signInIntro')),
  message ? element('p', { class: 'error', role: 'alert' }, message) : null,
  element('label', { for: 'token' }, t('token')),
  input,
  element('button', { type: 'submit' }, t('signIn')),
  languageSwitch(t));
  app.replaceChildren(form);
  input.focus();
  // The issuer's sign-in only where the registry advertises one; data-oidc tells when the question is settled.
  signInOptions().then(oidc => {
    form.dataset.oidc = oidc ? 'offered' : 'none';
    if (!oidc) return;
    const host = new URL(oidc.issuer).host;
    form.insertBefore(element('div', { class: 'oidc' },
      element('button', { type: 'button', id: 'oidc-sign-in', onclick: async () => {
        try {
          await startSignIn(oidc);
        } catch (e) {
          signInForm(`${t('oidcFailed')}: ${e.message}`);
        }
      } }, `${t('oidcSignIn')} ${host}`),
      element('p', {}, t('oidcOr'))), form.querySelector('label[for=token]'));
  });
}

function languageSwitch(t) {
  return element('div', { class: 'languages', role: 'group', 'aria-label': t('language') },
                 LANGUAGES.map(lang => element('button', {
                   type: 'button', lang, 'aria-pressed': String(lang === state.lang),
                   onclick: () => update({ lang }),
                 }, lang.toUpperCase())));
}

function buildShell() {
  const t = translator(state.lang);
  const app = document.getElementById('app');
  const nav = element('nav', { 'aria-label': t('views') },
                      element('ul', {}, visibleViews().map(v => element('li', {},
                        element('a', { href: hashOf({ ...state, view: v.id }), 'data-view': v.id }, t(v.id))))));
  const header = element('header', { class: 'no-print' },
    element('div', { class: 'brand' }, t('title')),
    element('div', { class: 'who' }, `${t('signedInAs')} ${viewer.organisation?.name || viewer.actor} (${t('roles', viewer.role)})`),
    languageSwitch(t),
    element('span', { id: 'live', class: 'live', 'aria-live': 'polite' }),
    element('button', { type: 'button', id: 'sign-out', onclick: () => { session.signOut(); viewer = null; signInForm(); } },
            t('signOut')));

  const days = dayNumber(today()) - dayNumber(FIRST_DAY);
  const slider = element('input', { id: 'date-slider', type: 'range', min: 0, max: days, step: 1,
                                    'aria-label': t('dateSlider') });
  const dateInput = element('input', { id: 'date', type: 'date', min: FIRST_DAY, max: today() });
  const playButton = element('button', { type: 'button', id: 'play', 'aria-pressed': 'false' }, t('play'));
  const compareOn = element('input', { id: 'compare-on', type: 'checkbox' });
  const compareInput = element('input', { id: 'compare', type: 'date', min: FIRST_DAY, max: today(),
                                          'aria-label': t('compareWith') });
  let sliding = null;
  slider.addEventListener('input', () => {
    dateInput.value = isoOf(dayNumber(FIRST_DAY) + Number(slider.value));
    clearTimeout(sliding);
    // Moving the slider waits until it rests a moment: one set of requests per resting point, not per day.
    sliding = setTimeout(() => update({ date: dateInput.value }), 250);
  });
  dateInput.addEventListener('change', () => { if (isDate(dateInput.value)) update({ date: dateInput.value }); });
  playButton.addEventListener('click', () => (playing ? stop() : play()));
  compareOn.addEventListener('change', () => update({
    compare: compareOn.checked ? (compareInput.value || addMonths(state.date, -12)) : undefined }));
  compareInput.addEventListener('change', () => { if (isDate(compareInput.value)) update({ compare: compareInput.value }); });

  const controls = element('div', { class: 'controls no-print', role: 'group', 'aria-label': t('date') },
    element('div', { class: 'date-control' },
      element('label', { for: 'date' }, t('date')), dateInput, slider, playButton),
    element('div', { class: 'compare-control' },
      element('label', { for: 'compare-on' }, compareOn, ' ', t('compareWith')), compareInput),
    select('filter-sector', t('sector'), [['', t('all')], ...SECTORS.map(s => [s, t('sectors', s)])],
           state.sector || '', v => update({ sector: v || undefined })),
    select('filter-province', t('province'), [['', t('all')], ...PROVINCES.map(p => [p, t('provinces', p)])],
           state.province || '', v => update({ province: v || undefined })),
    element('div', { class: 'actions' },
      element('button', { type: 'button', id: 'print', onclick: () => window.print() }, t('print')),
      element('a', { id: 'embed-link', target: '_blank', rel: 'noopener' }, t('embedLink'))));

  const printHead = element('div', { class: 'print-head' },
    element('div', { class: 'print-title' }), element('div', { class: 'print-meta' }));
  const main = element('main', { id: 'main', tabindex: '-1' });
  const footer = element('footer', { class: 'source-line' });
  app.replaceChildren(element('a', { class: 'skip', href: '#main', onclick: e => { e.preventDefault(); main.focus(); } },
                              t('skip')), header, nav, controls, printHead, main, footer);
  shell = { lang: state.lang, role: viewer.role, nav, slider, dateInput, playButton, compareOn, compareInput, main,
            printHead, footer, controls };
}

function visibleViews() {
  return VIEWS.filter(v => !v.roles || v.roles.includes(viewer.role));
}

function syncShell(t, fmt, view) {
  shell.slider.value = dayNumber(state.date) - dayNumber(FIRST_DAY);
  shell.dateInput.value = state.date;
  shell.compareOn.checked = !!state.compare;
  shell.compareInput.disabled = !state.compare;
  shell.compareInput.value = state.compare || '';
  document.getElementById('filter-sector').value = state.sector || '';
  document.getElementById('filter-province').value = state.province || '';
  shell.nav.querySelectorAll('a').forEach(a => {
    a.href = hashOf({ ...state, view: a.dataset.view });
    if (a.dataset.view === state.view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  document.getElementById('embed-link').href = hashOf({ ...state, embed: '1' });
  document.body.classList.toggle('embed', state.embed === '1');
  const filters = [state.sector && t('sectors', state.sector), state.province && t('provinces', state.province)]
    .filter(Boolean).join(', ');
  shell.printHead.querySelector('.print-title').textContent = `${t(view.id)} — ${t('title')}`;
  shell.printHead.querySelector('.print-meta').textContent = [
    `${t('onDate')} ${fmt.date(state.date)}`,
    state.compare ? `${t('compareWith')} ${fmt.date(state.compare)}` : null, filters || null,
  ].filter(Boolean).join(' · ');
  shell.footer.textContent = `${t('source')}, ${t('sourceState')} ${fmt.date(state.date)}; ${t('retrieved')} `
    + new Date().toLocaleString(state.lang === 'en' ? 'en-GB' : 'nl-NL');
  document.title = `${t(view.id)} · ${t('title')}`;
}

function play() {
  const t = translator(state.lang);
  if (state.date >= today()) update({ date: FIRST_DAY });
  shell.playButton.textContent = t('pause');
  shell.playButton.setAttribute('aria-pressed', 'true');
  playing = true;
  const step = async () => {
    await rendering;
    if (!playing) return;
    const next = addMonths(state.date, 1);
    if (next > today()) { stop(); return; }
    update({ date: next });
    await rendering;
    playing = playing && setTimeout(step, 700);
  };
  step();
}

function stop() {
  if (typeof playing === 'number') clearTimeout(playing);
  playing = null;
  if (shell) {
    shell.playButton.textContent = translator(state.lang)('play');
    shell.playButton.setAttribute('aria-pressed', 'false');
  }
}

/** The open view drawn again after something was recorded; false (not now) while playing or typing. */
function redrawAfterChange() {
  if (!viewer) return true;
  // A field being typed in would be drawn anew under the user's hands.
  if (playing || document.activeElement?.matches('input:not([type=checkbox]):not([type=range]), textarea')) {
    return false;
  }
  render().then(() => {
    const live = document.getElementById('live');
    if (live) {
      live.textContent = `${translator(state.lang)('live')} `
        + new Date().toLocaleTimeString(state.lang === 'en' ? 'en-GB' : 'nl-NL');
    }
  });
  return true;
}

async function render() {
  if (!session.token()) { signInForm(); return; }
  const mine = ++generation;
  const t = translator(state.lang);
  const fmt = formats(state.lang);
  document.documentElement.lang = state.lang;
  try {
    if (!viewer) {
      viewer = (await graphql('{ me { actor role organisation { id name } } }')).me;
      shell = null;
      unfollow?.();
      unfollow = follow(graphql, redrawAfterChange, { token: session.token(), role: viewer.role });
    }
  } catch (e) {
    session.signOut();
    viewer = null;
    signInForm(e instanceof Unauthenticated ? t('signInFailed') : `${t('error')}: ${e.message}`);
    return;
  }
  if (!visibleViews().some(v => v.id === state.view)) state.view = visibleViews()[0].id;
  if (!shell || shell.lang !== state.lang || shell.role !== viewer.role) buildShell();
  const view = VIEWS.find(v => v.id === state.view);
  syncShell(t, fmt, view);
  const requestsBefore = requestLog.count;
  const main = shell.main;
  main.setAttribute('aria-busy', 'true');
  document.body.dataset.state = 'loading';
  const ctx = {
    state, t, fmt, viewer, charts: [], update, remember, graphql, element, select,
    current: () => mine === generation,
  };
  let done;
  rendering = new Promise(resolve => { done = resolve; });
  try {
    // Load first, then swap: the old view stays until the new one has its data, and a superseded load is dropped.
    const data = await view.load(ctx);
    if (mine !== generation) return;
    charts.forEach(c => c.dispose());
    charts = ctx.charts;
    const container = element('div', { class: `view view-${view.id}` });
    const page = `${view.id}/${state.org || ''}`;
    main.replaceChildren(element('h1', {}, t(view.id)), container);
    view.draw(container, ctx, data);
    // Another view (or organisation) starts at the top; a new date or filter keeps the reader's place.
    if (page !== lastPage) window.scrollTo(0, 0);
    lastPage = page;
    document.body.dataset.requests = String(requestLog.count - requestsBefore);
    document.body.dataset.state = 'ready';
    document.body.dataset.view = view.id;
    document.body.dataset.date = state.date;
    if (firstRender) {
      firstRender = false;
      window.dashboardTimings = { firstViewMs: Math.round(performance.now()) };
    }
  } catch (e) {
    if (mine !== generation) return;
    if (e instanceof Unauthenticated) {
      session.signOut();
      viewer = null;
      signInForm(t('signInFailed'));
      return;
    }
    main.replaceChildren(element('h1', {}, t(view.id)),
                         element('p', { class: 'error', role: 'alert' }, `${t('error')}: ${e.message}`));
    document.body.dataset.state = 'error';
  } finally {
    main.removeAttribute('aria-busy');
    done();
  }
}

window.addEventListener('hashchange', () => { readState(); render(); });
window.addEventListener('resize', () => charts.forEach(c => c.resize()));
// Printing lays the figures out for A4: charts are resized to the printed width and back.
window.addEventListener('beforeprint', () => charts.forEach(c => c.resize({ width: 680 })));
window.addEventListener('afterprint', () => charts.forEach(c => c.resize()));
readState();
// Back from the issuer's sign-in: the code becomes the session's token before the first view is drawn.
finishSignIn().then(token => {
  if (token) {
    session.signIn(token);
    readState();
  }
  render();
}, e => {
  readState();
  signInForm(`${translator(state.lang)('oidcFailed')}: ${e.message}`);
});
