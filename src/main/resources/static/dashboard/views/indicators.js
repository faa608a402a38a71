// Indicators: the programme's section-7 indicators on the chosen date, and "as known at": what the registry said
// at a chosen past moment next to what it says now, differences marked. One GraphQL request.
import { figure, baseOption } from '../figure.js';

const FIELDS = ['nationalCoalitionMembers', 'collaborationsBetweenNationalMembers', 'nationalMembersRepresentedLocally',
                'municipalitiesParticipating', 'municipalitiesWithLocalCoalition', 'runningPilots',
                'pilotsConvertedToProjects'];

/** The knownAt moment of the URL (a local date and time) as an instant, or null. */
export function knownAtOf(state) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(state.known || '')) return null;
  const instant = new Date(state.known);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

async function load(ctx) {
  const { date, compare } = ctx.state;
  const knownAt = knownAtOf(ctx.state);
  return ctx.graphql(`
    query Indicators($date: Date!, $knownAt: DateTime, $withKnown: Boolean!, $compare: Date, $withCompare: Boolean!) {
      now: indicators(asOf: $date) { ...figures }
      known: indicators(asOf: $date, knownAt: $knownAt) @include(if: $withKnown) { ...figures }
      before: indicators(asOf: $compare) @include(if: $withCompare) { ...figures }
    }
    fragment figures on Indicators { ${FIELDS.join(' ')} membersBySector { key total } }`,
  { date, knownAt, withKnown: !!knownAt, compare: compare || null, withCompare: !!compare });
}

function draw(container, ctx, data) {
  const { state, t, fmt, element, update } = ctx;
  const knownAt = knownAtOf(state);
  const input = element('input', { id: 'known-at', type: 'datetime-local', value: state.known || '',
                                    'aria-describedby': 'known-at-help' });
  input.addEventListener('change', () => update({ known: input.value || undefined }));
  container.append(element('div', { class: 'view-controls no-print' },
    element('label', { for: 'known-at' }, element('span', {}, t('knownAt')), input),
    element('p', { id: 'known-at-help', class: 'help' }, t('knownAtHelp'))));

  const knownLabel = knownAt ? `${t('knownAt')} ${new Date(knownAt).toLocaleString(state.lang === 'en' ? 'en-GB' : 'nl-NL')}` : null;
  const columns = [{ label: t('indicator') }, { label: `${fmt.date(state.date)}, ${t('asKnownNow').toLowerCase()}`, numeric: true }];
  if (data.known) columns.push({ label: knownLabel, numeric: true }, { label: t('difference'), numeric: true });
  if (data.before) columns.push({ label: fmt.date(state.compare), numeric: true }, { label: t('difference'), numeric: true });
  const rows = FIELDS.map(field => {
    const now = data.now[field];
    const cells = [t('indicatorNames', field), now];
    let mark = false;
    if (data.known) {
      cells.push(data.known[field], now - data.known[field]);
      mark = now !== data.known[field];
    }
    if (data.before) cells.push(data.before[field], now - data.before[field]);
    return { cells, mark };
  });
  figure(container, ctx, { id: 'indicators', title: `${t('indicators')}, ${fmt.date(state.date)}`, option: null,
                           columns, rows });
  container.querySelectorAll('tr.marked td:first-child').forEach(td => td.append(` (${t('differs')})`));

  const sectors = [...new Set([data.now, data.known, data.before].filter(Boolean)
    .flatMap(i => i.membersBySector.map(b => b.key)))].sort();
  const valueIn = (indicators, key) => indicators.membersBySector.find(b => b.key === key)?.total ?? 0;
  const series = [{ label: `${fmt.date(state.date)}`, indicators: data.now }];
  if (data.known) series.push({ label: knownLabel, indicators: data.known });
  if (data.before) series.push({ label: fmt.date(state.compare), indicators: data.before });
  figure(container, ctx, {
    id: 'members-by-sector',
    title: `${t('membersBySector')}, ${fmt.date(state.date)}`,
    height: Math.max(260, sectors.length * 34 + 90),
    option: {
      ...baseOption(`${t('source')}, ${t('sourceState')} ${fmt.date(state.date)}`),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 140, right: 24, top: 36, bottom: 40 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: sectors.map(s => t('sectors', s)) },
      series: series.map(s => ({ name: s.label, type: 'bar', label: { show: true, position: 'right' },
                                 data: sectors.map(k => valueIn(s.indicators, k)) })),
    },
    columns: [{ label: t('sector') }, ...series.map(s => ({ label: s.label, numeric: true }))],
    rows: sectors.map(k => ({ cells: [t('sectors', k), ...series.map(s => valueIn(s.indicators, k))],
                              mark: state.sector === k })),
  });
}

export default { id: 'indicators', load, draw };
