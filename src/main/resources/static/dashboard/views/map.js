// Map: the municipalities that existed on the chosen date, coloured by their part in the programme (or by what
// changed since the comparison date), province totals beside it, and a municipality's local coalition on a click.
// One GraphQL request per date (two dates in it when comparing), one per click; boundary files are static.
import { figure, baseOption, echarts } from '../figure.js';
import { toGeoJson, boundaryYear } from '../topojson.js';

const STATUS = [
  { key: 'notJoined', color: '#d4d4d4' },
  { key: 'joinedNoCoalition', color: '#9cc3e4' },
  { key: 'coalitionNoPhase', color: '#c9a227' },
  { key: 'EXPLORING', color: '#f08a3c' },
  { key: 'INITIATING', color: '#2a9d8f' },
  { key: 'ESTABLISHED', color: '#1d4e89' },
];
const CHANGE = [
  { key: 'changeNone', color: '#e3e3e3' },
  { key: 'changeNew', color: '#2a7d3f' },
  { key: 'changeCoalition', color: '#1d4e89' },
  { key: 'changeLeft', color: '#b3261e' },
];
// Colours for the number of distinct national partners present (any mechanism): none, 1, 2, 3-4, 5 or more.
const PRESENCE = [
  { key: 'presence0', color: '#e3e3e3', from: 0 },
  { key: 'presence1', color: '#c6dbef', from: 1 },
  { key: 'presence2', color: '#6baed6', from: 2 },
  { key: 'presence3', color: '#2171b5', from: 3 },
  { key: 'presence5', color: '#08306b', from: 5 },
];
const PROVINCES = ['GRONINGEN', 'FRYSLAN', 'DRENTHE', 'OVERIJSSEL', 'FLEVOLAND', 'GELDERLAND', 'UTRECHT',
                   'NOORD_HOLLAND', 'ZUID_HOLLAND', 'ZEELAND', 'NOORD_BRABANT', 'LIMBURG'];
const WEESP = 'GM0457';
const AMSTERDAM = 'GM0363';
const COALITION = 'localCoalition { id name foundedOn endedOn phase phaseHistory { phase on } }';

const boundaries = new Map();

/** The GeoJSON of a boundary year, fetched and converted once per page. */
function geometry(year) {
  if (!boundaries.has(year)) {
    boundaries.set(year, fetch(`dashboard/geo/gemeente_${year}.topojson`)
      .then(r => { if (!r.ok) throw new Error(`HTTP ${r.status}`); return r.json(); })
      .then(topology => toGeoJson(topology, `gemeente_${year}`)));
  }
  return boundaries.get(year);
}

async function load(ctx) {
  const { date, compare, province } = ctx.state;
  const [data, geo] = await Promise.all([
    ctx.graphql(`
      query Map($date: Date!, $compare: Date, $withCompare: Boolean!, $province: Province, $withLinks: Boolean!) {
        links: nationalToLocalLinks(asOf: $date, province: $province) @include(if: $withLinks) {
          municipality { code } nationalPartner { id }
        }
        municipalities(asOf: $date, province: $province) {
          code name shortName province participating(asOf: $date) ${COALITION}
        }
        before: municipalities(asOf: $compare, province: $province) @include(if: $withCompare) {
          code province participating(asOf: $compare) ${COALITION}
        }
      }`, { date, compare: compare || null, withCompare: !!compare, province: province || null,
          withLinks: ctx.state.colour === 'partners' }),
    geometry(boundaryYear(date)),
  ]);
  return { ...data, geo };
}

/** The local coalition's phase on a day, '' for a coalition without one, null when it had none then. */
export function coalitionOn(coalition, day) {
  if (!coalition || coalition.foundedOn > day || (coalition.endedOn && coalition.endedOn <= day)) return null;
  const steps = coalition.phaseHistory.filter(p => p.on <= day);
  if (coalition.phaseHistory.length) return steps.length ? steps[steps.length - 1].phase : '';
  return coalition.phase || '';
}

function statusOn(m, day) {
  const phase = coalitionOn(m.localCoalition, day);
  if (phase !== null) return phase === '' ? 2 : STATUS.findIndex(s => s.key === phase);
  return m.participating ? 1 : 0;
}

function changeOf(now, before) {
  const was = before || { participating: false, status: 0 };
  if (was.participating && !now.participating) return 3;
  if (now.participating && !was.participating) return 1;
  if (now.status >= 2 && was.status < 2) return 2;
  return 0;
}

function draw(container, ctx, data) {
  const { state, t, fmt, element, select, update } = ctx;
  const date = state.date;
  const year = boundaryYear(date);
  const beforeByCode = new Map((data.before || []).map(m => [m.code, { ...m, status: statusOn(m, state.compare) }]));
  const rows = data.municipalities.map(m => {
    const status = statusOn(m, date);
    const row = { ...m, status };
    row.change = state.compare ? changeOf(row, beforeByCode.get(m.code)) : null;
    return row;
  });
  const byChange = state.compare && state.colour === 'change';
  const byPartners = !!data.links;
  // Distinct partners per municipality: a partner present by a branch and a pilot counts once.
  const partnersIn = new Map();
  (data.links || []).forEach(l => {
    if (!partnersIn.has(l.municipality.code)) partnersIn.set(l.municipality.code, new Set());
    partnersIn.get(l.municipality.code).add(l.nationalPartner.id);
  });
  rows.forEach(r => { r.partners = partnersIn.get(r.code)?.size || 0; });
  const presenceOf = n => PRESENCE.reduce((found, p, i) => (n >= p.from ? i : found), 0);
  const legend = byPartners ? PRESENCE : byChange ? CHANGE : STATUS;
  const valueOf = row => (byPartners ? presenceOf(row.partners) : byChange ? row.change : row.status);
  const colour = byPartners ? 'partners' : byChange ? 'change' : 'status';

  container.append(element('div', { class: 'view-controls no-print' },
    select('colour', t('colourBy'),
           [['status', t('status')], ...(state.compare ? [['change', t('change')]] : []),
            ['partners', t('partnersPresent')]],
           colour, v => update({ colour: v === 'status' ? undefined : v }))));

  const joined = rows.filter(r => r.participating).length;
  const withCoalition = rows.filter(r => r.status >= 2).length;
  const headlines = element('div', { class: 'headlines' },
    element('div', { class: 'headline' },
      element('div', { class: 'headline-label' }, `${t('participating')}, ${t('onDate').toLowerCase()} ${fmt.date(date)}`),
      element('div', { class: 'headline-value', id: 'map-joined-count', 'data-value': joined },
              `${fmt.number(joined)} / ${fmt.number(rows.length)}`)),
    element('div', { class: 'headline' },
      element('div', { class: 'headline-label' }, t('withCoalition')),
      element('div', { class: 'headline-value', id: 'map-coalition-count', 'data-value': withCoalition },
              fmt.number(withCoalition))));
  if (state.compare) {
    const before = [...beforeByCode.values()].filter(m => m.participating).length;
    headlines.append(element('div', { class: 'headline' },
      element('div', { class: 'headline-label' }, `${t('participating')}, ${t('onDate').toLowerCase()} ${fmt.date(state.compare)}`),
      element('div', { class: 'headline-value' }, `${fmt.number(before)} (${fmt.signed(joined - before)})`)));
  }
  container.append(headlines);

  // A province filter draws only its municipalities, so the map zooms to them.
  const codes = new Set(rows.map(r => r.code));
  const features = data.geo.features.filter(f => !state.province || codes.has(f.id)
                                               || (f.id === WEESP && codes.has(AMSTERDAM)));
  const mapName = `gemeente-${year}-${state.province || 'all'}`;
  echarts.registerMap(mapName, { type: 'FeatureCollection', features });
  const shapes = new Set(features.map(f => f.id));
  const series = rows.filter(r => shapes.has(r.code)).map(r => ({ name: r.code, value: valueOf(r) }));
  const amsterdam = rows.find(r => r.code === AMSTERDAM);
  if (shapes.has(WEESP) && !codes.has(WEESP) && amsterdam) {
    // From 24 March 2022 Weesp is part of Amsterdam, but the 2022 boundaries still draw it apart.
    series.push({ name: WEESP, value: valueOf(amsterdam) });
  }
  const nameOf = new Map(rows.map(r => [r.code, r.shortName || r.name]));
  const notOnMap = rows.filter(r => !shapes.has(r.code));

  const layout = element('div', { class: 'map-layout' });
  const left = element('div', { class: 'map-main' });
  const right = element('div', { class: 'map-side' });
  layout.append(left, right);
  container.append(layout);
  const details = element('section', { class: 'details', id: 'municipality-details', 'aria-live': 'polite' },
                          element('h2', {}, t('details')), element('p', {}, t('clickHint')));
  const open = code => {
    ctx.remember({ municipality: code });
    showDetails(details, ctx, code);
  };

  const source = `${t('source')}, ${t('sourceState')} ${fmt.date(date)}\n${t('mapCredit')}`;
  // Phases are labelled by their enum names, the other states by label keys.
  const legendLabel = s => (t(s.key) !== s.key ? t(s.key) : t('phases', s.key));
  const statusText = row => (byPartners ? `${t('partnersPresent')}: ${row.partners}`
    : legendLabel(byChange ? CHANGE[row.change] : STATUS[row.status]));
  const colourTitle = byPartners ? t('partnersPresent') : byChange ? t('change') : t('status');
  figure(left, ctx, {
    id: 'map',
    title: `${t('municipalitiesOnDate')} ${fmt.date(date)}: ${colourTitle.toLowerCase()}`,
    height: 620,
    option: {
      ...baseOption(source),
      tooltip: {
        trigger: 'item',
        formatter: p => {
          const row = rows.find(r => r.code === p.name) || (p.name === WEESP ? amsterdam : null);
          return row ? `${nameOf.get(row.code)}<br>${statusText(row)}` : p.name;
        },
      },
      visualMap: {
        type: 'piecewise', left: 8, top: 8, orient: 'vertical',
        pieces: legend.map((s, i) => ({ value: i, label: legendLabel(s), color: s.color })),
        textStyle: { color: '#1a1a1a' },
      },
      series: [{
        type: 'map', map: mapName, roam: true, top: 16, bottom: 44, left: 150, right: 8,
        itemStyle: { borderColor: '#4a4a4a', borderWidth: 0.4, areaColor: '#f7f7f7' },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd166' } },
        select: { disabled: true },
        data: series,
      }],
    },
    onClick: p => { if (p.name) open(p.name === WEESP && !codes.has(WEESP) ? AMSTERDAM : p.name); },
    columns: [{ label: t('code') }, { label: t('municipality') }, { label: t('province') }, { label: t('status') },
              ...(state.compare ? [{ label: `${t('status')} ${fmt.date(state.compare)}` }, { label: t('change') }] : []),
              ...(byPartners ? [{ label: t('partnersPresent'), numeric: true }] : [])],
    rows: rows.map(r => {
      const before = beforeByCode.get(r.code);
      return {
        cells: [r.code, r.shortName || r.name, t('provinces', r.province), legendLabel(STATUS[r.status]),
                ...(state.compare ? [before ? legendLabel(STATUS[before.status]) : null, t(CHANGE[r.change].key)] : []),
                ...(byPartners ? [r.partners] : [])],
        onOpen: () => open(r.code),
      };
    }),
  });
  if (year === 2024 && date >= '2025-01-01') left.append(element('p', { class: 'note' }, t('notCovered')));
  if (notOnMap.length) {
    left.append(element('p', { class: 'note' }, `${t('notOnMap')}: `,
      ...notOnMap.flatMap((r, i) => [i ? ', ' : '', element('button', { type: 'button', class: 'link', onclick: () => open(r.code) },
                                                              r.shortName || r.name)])));
  }

  const totals = PROVINCES.filter(p => !state.province || p === state.province).map(p => {
    const inProvince = rows.filter(r => r.province === p);
    const before = [...beforeByCode.values()].filter(m => m.participating && m.province === p);
    return {
      province: p, count: inProvince.length, joined: inProvince.filter(r => r.participating).length,
      coalition: inProvince.filter(r => r.status >= 2).length,
      byStatus: STATUS.map((_, i) => inProvince.filter(r => r.status === i).length),
      before: before.length,
    };
  });
  figure(right, ctx, {
    id: 'province-totals',
    title: `${t('provinceTotals')}, ${fmt.date(date)}`,
    height: 380,
    option: {
      ...baseOption(`${t('source')}, ${fmt.date(date)}`),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 100, right: 16, top: 36, bottom: 36 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: totals.map(x => t('provinces', x.province)) },
      series: STATUS.map((s, i) => ({ name: legendLabel(s), type: 'bar', stack: 'status', itemStyle: { color: s.color },
                                       data: totals.map(x => x.byStatus[i]) })),
    },
    columns: [{ label: t('province') }, { label: t('municipalities'), numeric: true },
              { label: t('participating'), numeric: true }, { label: t('withCoalition'), numeric: true },
              { label: t('share') },
              ...(state.compare ? [{ label: `${t('participating')} ${fmt.date(state.compare)}`, numeric: true },
                                   { label: t('difference'), numeric: true }] : [])],
    rows: [...totals.map(x => ({
      cells: [t('provinces', x.province), x.count, x.joined, x.coalition, fmt.percent(x.joined, x.count),
              ...(state.compare ? [x.before, x.joined - x.before] : [])],
    })), {
      mark: true,
      cells: [t('total'), rows.length, joined, withCoalition, fmt.percent(joined, rows.length),
              ...(state.compare ? [totals.reduce((n, x) => n + x.before, 0),
                                   joined - totals.reduce((n, x) => n + x.before, 0)] : [])],
    }],
  });
  right.append(details);
  if (state.municipality) open(state.municipality);
}

async function showDetails(panel, ctx, code) {
  const { state, t, fmt, element, update } = ctx;
  panel.replaceChildren(element('h2', {}, t('details')), element('p', {}, t('loading')));
  let m;
  try {
    m = (await ctx.graphql(`
      query Municipality($code: ID!, $date: Date!) {
        municipality(code: $code) {
          code name shortName province joinedProgrammeOn participating(asOf: $date)
          nationalPartnersPresent(asOf: $date) { nationalPartner { id name } via through since until }
          localCoalition {
            id name foundedOn endedOn phase phaseHistory { phase on } lead { id name } leadSince
            members(asOf: $date, first: 100) {
              edges { node { joinedOn partyType role organisation { id name kind parent { id name } } } }
              pageInfo { hasNextPage }
            }
          }
        }
      }`, { code, date: state.date })).municipality;
  } catch (e) {
    panel.replaceChildren(element('h2', {}, t('details')), element('p', { class: 'error', role: 'alert' }, e.message));
    return;
  }
  if (!m) return;
  const orgLink = org => element('a', { href: '#', onclick: e => { e.preventDefault(); update({ view: 'organisations', org: org.id }, { push: true }); } },
                                 org.name);
  const phase = coalitionOn(m.localCoalition, state.date);
  const parts = [element('h2', {}, `${m.shortName || m.name} (${m.code})`),
    element('dl', {},
      element('dt', {}, t('province')), element('dd', {}, t('provinces', m.province)),
      element('dt', {}, t('participating')),
      element('dd', {}, m.participating ? `${t('joinedProgrammeOn')} ${fmt.date(m.joinedProgrammeOn)}` : t('notJoined')))];
  // Every way a national partner is present here (branch, pilot, collaboration), with since when.
  parts.push(element('h3', {}, t('partnersPresent')),
    m.nationalPartnersPresent.length
      ? element('ul', { id: 'partners-present' }, m.nationalPartnersPresent.map(l => element('li', {},
          orgLink(l.nationalPartner), ` — ${t('linkMechanisms', l.via)}, ${t('since')} ${fmt.date(l.since)}`
          + (l.until ? `, ${t('until').toLowerCase()} ${fmt.date(l.until)}` : ''))))
      : element('p', {}, '–'));
  if (phase === null) {
    parts.push(element('p', {}, t('noCoalition')));
  } else {
    const c = m.localCoalition;
    const members = c.members.edges.map(e => e.node);
    parts.push(element('h3', {}, c.name), element('dl', {},
      element('dt', {}, t('founded')), element('dd', {}, fmt.date(c.foundedOn)),
      element('dt', {}, t('phase')), element('dd', {}, phase ? t('phases', phase) : '–'),
      element('dt', {}, t('lead')),
      element('dd', {}, c.lead ? [orgLink(c.lead), ` (${t('since')} ${fmt.date(c.leadSince)})`] : '–')));
    const partners = members.filter(n => n.organisation.parent);
    parts.push(element('h3', {}, t('nationalPartners')),
      partners.length
        ? element('ul', {}, partners.map(n => element('li', {}, orgLink(n.organisation.parent),
            ` — ${t('via')} ${n.organisation.name}, ${t('since')} ${fmt.date(n.joinedOn)}`)))
        : element('p', {}, '–'));
    const table = element('table', {},
      element('thead', {}, element('tr', {}, [t('organisation'), t('partyType'), t('role'), t('joinedOn')]
        .map(h => element('th', { scope: 'col' }, h)))),
      element('tbody', {}, members.map(n => element('tr', {},
        element('td', {}, orgLink(n.organisation)), element('td', {}, t('partyTypes', n.partyType)),
        element('td', {}, t('contributionRoles', n.role)), element('td', {}, fmt.date(n.joinedOn))))));
    parts.push(element('h3', {}, `${t('parties')} (${members.length}${c.members.pageInfo.hasNextPage ? '+' : ''})`), table);
  }
  panel.replaceChildren(...parts);
}

export default { id: 'map', load, draw };
