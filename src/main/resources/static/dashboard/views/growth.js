// Growth: every growth metric per month, quarter or year up to the chosen date, stacked by sector or province,
// joined and left per period, and the figure on the day itself. One GraphQL request per date or choice.
import { figure, baseOption } from '../figure.js';

const METRICS = ['NATIONAL_COALITION_MEMBERS', 'MUNICIPALITIES_JOINED', 'LOCAL_COALITIONS', 'COLLABORATIONS',
                 'PILOTS', 'NATIONAL_TO_LOCAL_LINKS'];
const BREAKDOWN = {
  NATIONAL_COALITION_MEMBERS: 'SECTOR', COLLABORATIONS: 'SECTOR', PILOTS: 'SECTOR',
  MUNICIPALITIES_JOINED: 'PROVINCE', LOCAL_COALITIONS: 'PROVINCE', NATIONAL_TO_LOCAL_LINKS: 'PROVINCE',
};
// The metrics the indicators count on the exact day (a growth point counts at the end of its period).
const ON_THE_DAY = {
  NATIONAL_COALITION_MEMBERS: 'nationalCoalitionMembers',
  MUNICIPALITIES_JOINED: 'municipalitiesParticipating',
  LOCAL_COALITIONS: 'municipalitiesWithLocalCoalition',
};
// The series start with the programme, so that a date before the first fact still has (empty) periods to show.
const PROGRAMME_START = '2018-01-01';
const INDICATOR_FIELDS = 'nationalCoalitionMembers municipalitiesParticipating municipalitiesWithLocalCoalition '
  + 'membersBySector { key total }';

function choices(state) {
  const metric = METRICS.includes(state.metric) ? state.metric : 'NATIONAL_COALITION_MEMBERS';
  const interval = ['MONTH', 'QUARTER', 'YEAR'].includes(state.interval) ? state.interval : 'YEAR';
  const kind = BREAKDOWN[metric];
  const filter = kind === 'SECTOR' ? state.sector : state.province;
  const stacked = state.stack === kind && !filter;
  return { metric, interval, kind, filter, stacked };
}

async function load(ctx) {
  const { metric, interval, kind, filter, stacked } = choices(ctx.state);
  const breakdown = stacked || filter ? kind : 'NONE';
  const compare = ctx.state.compare;
  const data = await ctx.graphql(`
    query Growth($metric: GrowthMetric!, $interval: Interval, $breakdown: Breakdown, $from: Date!, $date: Date!,
                 $compare: Date, $withCompare: Boolean!) {
      growth(metric: $metric, interval: $interval, breakdown: $breakdown, from: $from, to: $date) {
        points { periodStart periodEnd joined left total breakdown { key total } }
      }
      onDate: indicators(asOf: $date) { ${INDICATOR_FIELDS} }
      onCompare: indicators(asOf: $compare) @include(if: $withCompare) { ${INDICATOR_FIELDS} }
    }`, { metric, interval, breakdown, from: ctx.state.date < PROGRAMME_START ? ctx.state.date : PROGRAMME_START,
          date: ctx.state.date, compare: compare || null, withCompare: !!compare });
  return data;
}

function periodLabel(point, interval, lang) {
  const [year, month] = point.periodStart.split('-');
  if (interval === 'YEAR') return year;
  if (interval === 'QUARTER') return `${year} ${lang === 'en' ? 'Q' : 'K'}${(Number(month) + 2) / 3}`;
  return `${year}-${month}`;
}

function periodOf(points, date) {
  return points.findIndex(p => p.periodStart <= date && date <= p.periodEnd);
}

function draw(container, ctx, data) {
  const { state, t, fmt, element, select, update } = ctx;
  const { metric, interval, kind, filter, stacked } = choices(state);
  const label = t('metrics', metric) + (filter ? ` (${t('filteredTo')} ${t(kind === 'SECTOR' ? 'sectors' : 'provinces', filter)})` : '');
  // Only whole periods that ended by the chosen date: the chart shows what was known to have happened by then.
  const points = data.growth.points.filter(p => p.periodEnd <= state.date);
  const valueOf = point => (filter ? point.breakdown.find(b => b.key === filter)?.total ?? 0 : point.total);

  container.append(element('div', { class: 'view-controls no-print' },
    select('metric', t('metric'), METRICS.map(m => [m, t('metrics', m)]), metric, v => update({ metric: v })),
    select('interval', t('interval'), ['MONTH', 'QUARTER', 'YEAR'].map(i => [i, t('intervals', i)]), interval,
           v => update({ interval: v })),
    select('stack', t('stack'), [['NONE', t('breakdowns', 'NONE')], [kind, t('breakdowns', kind)]],
           stacked ? kind : 'NONE', v => update({ stack: v === 'NONE' ? undefined : v }))));

  const dayValue = indicators => {
    if (!indicators) return null;
    if (metric === 'NATIONAL_COALITION_MEMBERS' && filter) {
      return indicators.membersBySector.find(b => b.key === filter)?.total ?? 0;
    }
    return !filter && ON_THE_DAY[metric] ? indicators[ON_THE_DAY[metric]] : null;
  };
  const last = points[points.length - 1];
  let headline = dayValue(data.onDate);
  let headlineDate = state.date;
  if (headline === null && last) { headline = valueOf(last); headlineDate = last.periodEnd; }
  const cards = element('div', { class: 'headlines' },
    element('div', { class: 'headline', id: 'headline' },
      element('div', { class: 'headline-label' }, `${label}, ${t('onDate').toLowerCase()} ${fmt.date(headlineDate)}`),
      element('div', { class: 'headline-value', id: 'headline-value', 'data-value': headline ?? '' },
              fmt.number(headline))));
  const before = dayValue(data.onCompare);
  if (state.compare && before !== null && headline !== null) {
    cards.append(
      element('div', { class: 'headline' },
        element('div', { class: 'headline-label' }, `${t('onDate')} ${fmt.date(state.compare)}`),
        element('div', { class: 'headline-value' }, fmt.number(before))),
      element('div', { class: 'headline' },
        element('div', { class: 'headline-label' }, t('difference')),
        element('div', { class: 'headline-value', id: 'headline-difference' }, fmt.signed(headline - before))));
  }
  container.append(cards);
  if (!points.length) {
    container.append(element('p', {}, t('noData')));
    return;
  }

  const categories = points.map(p => periodLabel(p, interval, state.lang));
  const source = `${t('source')}, ${t('sourceState')} ${fmt.date(state.date)}`;
  const marks = [];
  const compareIndex = state.compare ? periodOf(points, state.compare) : -1;
  if (compareIndex >= 0) marks.push({ xAxis: categories[compareIndex], label: { formatter: fmt.date(state.compare) } });
  const markLine = { symbol: 'none', lineStyle: { color: '#1a1a1a', type: 'dashed' }, data: marks };

  const keys = stacked
    ? [...new Set(points.flatMap(p => p.breakdown.map(b => b.key)))]
        .sort((a, b) => (last.breakdown.find(x => x.key === b)?.total ?? 0) - (last.breakdown.find(x => x.key === a)?.total ?? 0))
    : [];
  const keyLabel = key => t(kind === 'SECTOR' ? 'sectors' : 'provinces', key);
  const totalsSeries = stacked
    ? keys.map((key, i) => ({
        name: keyLabel(key), type: 'bar', stack: 'total', emphasis: { focus: 'series' },
        data: points.map(p => p.breakdown.find(b => b.key === key)?.total ?? 0),
        ...(i === 0 ? { markLine } : {}),
      }))
    : [{ name: t('total'), type: 'line', symbolSize: 7, data: points.map(valueOf), markLine,
         label: { show: points.length <= 12, position: 'top' } }];
  figure(container, ctx, {
    id: 'growth-total',
    title: `${label}: ${t('totalPerPeriod').toLowerCase()}`,
    option: {
      ...baseOption(source),
      tooltip: { trigger: 'axis' },
      legend: stacked ? { type: 'scroll', top: 0 } : undefined,
      grid: { left: 56, right: 24, top: stacked ? 40 : 24, bottom: 56 },
      xAxis: { type: 'category', data: categories },
      yAxis: { type: 'value', minInterval: 1 },
      series: totalsSeries,
    },
    columns: [{ label: t('period') }, { label: t('periodEnd') },
              ...(stacked ? keys.map(k => ({ label: keyLabel(k), numeric: true })) : []),
              { label: t('total'), numeric: true }],
    rows: points.map((p, i) => ({
      cells: [categories[i], p.periodEnd,
              ...(stacked ? keys.map(k => p.breakdown.find(b => b.key === k)?.total ?? 0) : []), valueOf(p)],
    })),
  });

  if (filter) return;   // joined and left are counted for the whole metric, not per sector or province
  figure(container, ctx, {
    id: 'growth-flow',
    title: `${t('metrics', metric)}: ${t('joinedLeftPerPeriod').toLowerCase()}`,
    height: 280,
    option: {
      ...baseOption(source),
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 40, bottom: 56 },
      xAxis: { type: 'category', data: categories },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('joined'), type: 'bar', stack: 'flow', itemStyle: { color: '#2a7d3f' }, data: points.map(p => p.joined) },
        { name: t('left'), type: 'bar', stack: 'flow', itemStyle: { color: '#b3261e' }, data: points.map(p => -p.left) },
      ],
    },
    columns: [{ label: t('period') }, { label: t('joined'), numeric: true }, { label: t('left'), numeric: true },
              { label: t('total'), numeric: true }],
    rows: points.map((p, i) => ({ cells: [categories[i], p.joined, p.left, p.total] })),
  });
}

export default { id: 'growth', load, draw };
