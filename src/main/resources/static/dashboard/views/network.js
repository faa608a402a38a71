// Network: who works with whom on the chosen date (collaborations and pilots, as `network(asOf:)` derives them), a
// force-directed graph, and what is computed from it in the page: degree, connected components and betweenness per
// organisation. One GraphQL request per date; the sector filter keeps the edges that touch an organisation of that
// sector (a collaboration across sectors stays visible from both sides).
import { figure, baseOption } from '../figure.js';

async function load(ctx) {
  return ctx.graphql(`query Network($date: Date!) {
    network(asOf: $date) {
      nodes { id name kind sector }
      edges { kind id since until source { id } target { id } }
    }
  }`, { date: ctx.state.date });
}

/** The graph the filter leaves: edges touching the sector, and the organisations they connect. */
function filtered(network, sector) {
  const byId = new Map(network.nodes.map(n => [n.id, n]));
  const edges = network.edges.filter(e => !sector || byId.get(e.source.id)?.sector === sector
                                                  || byId.get(e.target.id)?.sector === sector);
  const used = new Set(edges.flatMap(e => [e.source.id, e.target.id]));
  const nodes = network.nodes.filter(n => used.has(n.id) || (!sector ? true : n.sector === sector));
  return { nodes, edges };
}

/** Neighbour sets (several edges between one pair count once: degree = number of distinct partners). */
function neighbours(nodes, edges) {
  const adjacent = new Map(nodes.map(n => [n.id, new Set()]));
  edges.forEach(e => {
    if (e.source.id === e.target.id) return;
    adjacent.get(e.source.id)?.add(e.target.id);
    adjacent.get(e.target.id)?.add(e.source.id);
  });
  return adjacent;
}

/** Connected components, numbered by size (largest first); returns the number of each organisation's component. */
function components(adjacent) {
  const groups = [];
  const seen = new Set();
  adjacent.forEach((_, start) => {
    if (seen.has(start)) return;
    const group = [start];
    seen.add(start);
    for (let i = 0; i < group.length; i++) {
      adjacent.get(group[i]).forEach(next => { if (!seen.has(next)) { seen.add(next); group.push(next); } });
    }
    groups.push(group);
  });
  groups.sort((a, b) => b.length - a.length);
  const number = new Map();
  groups.forEach((group, i) => group.forEach(id => number.set(id, { number: i + 1, size: group.length })));
  return { count: groups.length, number };
}

/** Brandes' betweenness (unweighted, undirected, each pair once): O(nodes × edges), cheap at the registry's size. */
function betweenness(adjacent) {
  const score = new Map([...adjacent.keys()].map(id => [id, 0]));
  adjacent.forEach((_, s) => {
    const stack = [];
    const predecessors = new Map();
    const paths = new Map([[s, 1]]);
    const distance = new Map([[s, 0]]);
    const queue = [s];
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i];
      stack.push(v);
      adjacent.get(v).forEach(w => {
        if (!distance.has(w)) { distance.set(w, distance.get(v) + 1); queue.push(w); }
        if (distance.get(w) === distance.get(v) + 1) {
          paths.set(w, (paths.get(w) || 0) + paths.get(v));
          if (!predecessors.has(w)) predecessors.set(w, []);
          predecessors.get(w).push(v);
        }
      });
    }
    const dependency = new Map();
    while (stack.length) {
      const w = stack.pop();
      (predecessors.get(w) || []).forEach(v => {
        dependency.set(v, (dependency.get(v) || 0)
                          + (paths.get(v) / paths.get(w)) * (1 + (dependency.get(w) || 0)));
      });
      if (w !== s) score.set(w, score.get(w) + (dependency.get(w) || 0));
    }
  });
  score.forEach((value, id) => score.set(id, value / 2));
  return score;
}

function draw(container, ctx, data) {
  const { state, t, fmt, element } = ctx;
  const { nodes, edges } = filtered(data.network, state.sector);
  const adjacent = neighbours(nodes, edges);
  const parts = components(adjacent);
  const between = betweenness(adjacent);
  const round = x => Math.round(x * 100) / 100;
  const ranked = nodes.map(n => ({ node: n, degree: adjacent.get(n.id).size, between: between.get(n.id),
                                   component: parts.number.get(n.id) }))
    .sort((a, b) => b.degree - a.degree || b.between - a.between || a.node.name.localeCompare(b.node.name));

  container.append(element('p', { id: 'network-summary' },
    element('span', { id: 'network-nodes', 'data-value': nodes.length }, `${t('organisations')}: ${fmt.number(nodes.length)}`),
    ' · ',
    element('span', { id: 'network-edges', 'data-value': edges.length }, `${t('networkEdges')}: ${fmt.number(edges.length)}`),
    ' · ',
    element('span', { id: 'network-components', 'data-value': parts.count },
            `${t('networkComponents')}: ${fmt.number(parts.count)}`)));

  const sectors = [...new Set(nodes.map(n => n.sector || 'OTHER'))].sort();
  const source = `${t('source')}, ${t('sourceState')} ${fmt.date(state.date)}`;
  figure(container, ctx, {
    id: 'network',
    title: `${t('network')}, ${fmt.date(state.date)}`,
    height: 560,
    option: nodes.length ? {
      ...baseOption(source),
      tooltip: { formatter: p => (p.dataType === 'edge'
        ? `${t('networkKinds', p.data.kind)}: ${p.data.sourceName} – ${p.data.targetName} (${t('since')} ${p.data.since})`
        : `${p.data.name}: ${t('degree')} ${p.data.degree}`) },
      legend: { top: 0, data: sectors.map(s => t('sectors', s)) },
      series: [{
        type: 'graph', layout: 'force', roam: true, draggable: true,
        force: { repulsion: 120, edgeLength: 60, gravity: 0.1 },
        categories: sectors.map(s => ({ name: t('sectors', s) })),
        label: { show: nodes.length <= 60, position: 'right', fontSize: 11 },
        lineStyle: { color: 'source', opacity: 0.6 },
        data: ranked.map(r => ({ id: r.node.id, name: r.node.name, degree: r.degree,
                                 category: sectors.indexOf(r.node.sector || 'OTHER'),
                                 symbolSize: 8 + 4 * Math.sqrt(r.degree) })),
        edges: edges.map(e => {
          const names = id => nodes.find(n => n.id === id)?.name;
          return { source: e.source.id, target: e.target.id, kind: e.kind, since: e.since,
                   sourceName: names(e.source.id), targetName: names(e.target.id),
                   lineStyle: e.kind === 'PILOT' ? { type: 'dashed' } : {} };
        }),
      }],
    } : null,
    columns: [{ label: t('name') }, { label: t('sector') }, { label: t('degree'), numeric: true },
              { label: t('betweenness'), numeric: true }, { label: t('networkComponent'), numeric: true },
              { label: t('networkComponentSize'), numeric: true }],
    rows: ranked.map(r => ({
      cells: [r.node.name, r.node.sector ? t('sectors', r.node.sector) : null, r.degree, round(r.between),
              r.component.number, r.component.size],
      onOpen: () => ctx.update({ view: 'organisations', org: r.node.id }, { push: true }),
    })),
    fileName: `network-${state.date}${state.sector ? `-${state.sector.toLowerCase()}` : ''}`,
  });
}

export default { id: 'network', load, draw };
