// Network: who works with whom on the chosen date (collaborations and pilots, as `network(asOf:)` derives them), a
// force-directed graph, and what is computed from it in the page: degree, connected components and betweenness per
// organisation. With a comparison date and/or an "as known at" moment, the network then (or as the registry knew it
// then) is asked for in the same request, and the connections and organisations added or gone since are marked.
// One GraphQL request per date; the sector filter keeps the edges that touch an organisation of that sector (a
// collaboration across sectors stays visible from both sides).
import { figure, baseOption } from '../figure.js';
import { knownAtOf } from './indicators.js';

const ADDED = '#2a7d3f';
const REMOVED = '#b3261e';

async function load(ctx) {
  const { date, compare } = ctx.state;
  const knownAt = knownAtOf(ctx.state);
  return ctx.graphql(`query Network($date: Date!, $reference: Date, $knownAt: DateTime, $withReference: Boolean!) {
    network(asOf: $date) { ...graph }
    reference: network(asOf: $reference, knownAt: $knownAt) @include(if: $withReference) { ...graph }
  }
  fragment graph on Network {
    nodes { id name kind sector }
    edges { kind id since until source { id } target { id } }
  }`, { date, reference: compare || date, knownAt, withReference: !!(compare || knownAt) });
}

const edgeKey = e => `${e.kind}:${e.id}:${e.source.id}:${e.target.id}`;

/** What was added and what is gone, from the reference network to the chosen one (both as filtered). */
function differences(current, reference) {
  if (!reference) return null;
  const edgesNow = new Set(current.edges.map(edgeKey));
  const edgesThen = new Set(reference.edges.map(edgeKey));
  const nodesNow = new Set(current.nodes.map(n => n.id));
  const nodesThen = new Set(reference.nodes.map(n => n.id));
  const addedEdges = current.edges.filter(e => !edgesThen.has(edgeKey(e)));
  return {
    addedEdges,
    addedEdgeKeys: new Set(addedEdges.map(edgeKey)),
    removedEdges: reference.edges.filter(e => !edgesNow.has(edgeKey(e))),
    addedNodes: new Set(current.nodes.filter(n => !nodesThen.has(n.id)).map(n => n.id)),
    removedNodes: reference.nodes.filter(n => !nodesNow.has(n.id)),
  };
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
  const { state, t, fmt, element, update } = ctx;
  const knownAt = knownAtOf(state);
  const { nodes, edges } = filtered(data.network, state.sector);
  const diff = differences({ nodes, edges }, data.reference && filtered(data.reference, state.sector));
  const adjacent = neighbours(nodes, edges);
  const parts = components(adjacent);
  const between = betweenness(adjacent);
  const round = x => Math.round(x * 100) / 100;
  const ranked = nodes.map(n => ({ node: n, degree: adjacent.get(n.id).size, between: between.get(n.id),
                                   component: parts.number.get(n.id) }))
    .sort((a, b) => b.degree - a.degree || b.between - a.between || a.node.name.localeCompare(b.node.name));

  const input = element('input', { id: 'known-at', type: 'datetime-local', value: state.known || '',
                                    'aria-describedby': 'known-at-help' });
  input.addEventListener('change', () => update({ known: input.value || undefined }));
  container.append(element('div', { class: 'view-controls no-print' },
    element('label', { for: 'known-at' }, element('span', {}, t('knownAt')), input),
    element('p', { id: 'known-at-help', class: 'help' }, t('networkKnownAtHelp'))));

  container.append(element('p', { id: 'network-summary' },
    element('span', { id: 'network-nodes', 'data-value': nodes.length }, `${t('organisations')}: ${fmt.number(nodes.length)}`),
    ' · ',
    element('span', { id: 'network-edges', 'data-value': edges.length }, `${t('networkEdges')}: ${fmt.number(edges.length)}`),
    ' · ',
    element('span', { id: 'network-components', 'data-value': parts.count },
            `${t('networkComponents')}: ${fmt.number(parts.count)}`)));

  const locale = state.lang === 'en' ? 'en-GB' : 'nl-NL';
  const referenceLabel = diff && [fmt.date(state.compare || state.date),
    knownAt ? `${t('knownAt').toLowerCase()} ${new Date(knownAt).toLocaleString(locale)}` : null]
    .filter(Boolean).join(', ');
  if (diff) {
    const signed = (plus, minus) => `+${fmt.number(plus)} / −${fmt.number(minus)}`;
    container.append(element('p', {
      id: 'network-changes', 'data-added-edges': diff.addedEdges.length,
      'data-removed-edges': diff.removedEdges.length, 'data-added-nodes': diff.addedNodes.size,
      'data-removed-nodes': diff.removedNodes.length,
    }, `${t('networkSince')} ${referenceLabel}: ${t('networkEdges').toLowerCase()} `
       + `${signed(diff.addedEdges.length, diff.removedEdges.length)}, ${t('organisations').toLowerCase()} `
       + `${signed(diff.addedNodes.size, diff.removedNodes.length)}`));
  }

  const all = [...nodes, ...(diff?.removedNodes || [])];
  const drawn = new Set(all.map(n => n.id));
  const nameOf = new Map([...all, ...(data.reference?.nodes || [])].map(n => [n.id, n.name]));
  const sectors = [...new Set(all.map(n => n.sector || 'OTHER'))].sort();
  const source = `${t('source')}, ${t('sourceState')} ${fmt.date(state.date)}`
    + (diff ? `; ${t('networkMarks')} ${referenceLabel}` : '');
  const edgeData = (e, change) => ({
    source: e.source.id, target: e.target.id, kind: e.kind, since: e.since,
    sourceName: nameOf.get(e.source.id), targetName: nameOf.get(e.target.id), change,
    lineStyle: { type: change === 'removed' ? 'dotted' : e.kind === 'PILOT' ? 'dashed' : 'solid',
                 ...(change ? { color: change === 'added' ? ADDED : REMOVED, width: 2.5, opacity: 0.9 } : {}) },
  });
  const changeLabel = change => (change ? t(change === 'added' ? 'networkAdded' : 'networkRemoved') : '');
  figure(container, ctx, {
    id: 'network',
    title: `${t('network')}, ${fmt.date(state.date)}`,
    height: 560,
    option: all.length ? {
      ...baseOption(source),
      tooltip: { formatter: p => (p.dataType === 'edge'
        ? `${t('networkKinds', p.data.kind)}: ${p.data.sourceName} – ${p.data.targetName} (${t('since')} ${p.data.since})`
          + (p.data.change ? ` — ${changeLabel(p.data.change)}` : '')
        : `${p.data.name}: ${t('degree')} ${p.data.degree}` + (p.data.change ? ` — ${changeLabel(p.data.change)}` : '')) },
      legend: { top: 0, data: sectors.map(s => t('sectors', s)) },
      series: [{
        type: 'graph', layout: 'force', roam: true, draggable: true,
        force: { repulsion: 120, edgeLength: 60, gravity: 0.1 },
        categories: sectors.map(s => ({ name: t('sectors', s) })),
        label: { show: all.length <= 60, position: 'right', fontSize: 11 },
        lineStyle: { color: 'source', opacity: 0.6 },
        data: [
          ...ranked.map(r => {
            const added = diff?.addedNodes.has(r.node.id);
            return { id: r.node.id, name: r.node.name, degree: r.degree, change: added ? 'added' : null,
                     category: sectors.indexOf(r.node.sector || 'OTHER'), symbolSize: 8 + 4 * Math.sqrt(r.degree),
                     itemStyle: added ? { borderColor: ADDED, borderWidth: 3 } : undefined };
          }),
          ...(diff?.removedNodes || []).map(n => ({
            id: n.id, name: n.name, degree: 0, change: 'removed', category: sectors.indexOf(n.sector || 'OTHER'),
            symbolSize: 8, itemStyle: { opacity: 0.45, borderColor: REMOVED, borderWidth: 2, borderType: 'dashed' },
          })),
        ],
        edges: [
          ...edges.map(e => edgeData(e, diff?.addedEdgeKeys.has(edgeKey(e)) ? 'added' : null)),
          ...(diff?.removedEdges || []).filter(e => drawn.has(e.source.id) && drawn.has(e.target.id))
            .map(e => edgeData(e, 'removed')),
        ],
      }],
    } : null,
    columns: [{ label: t('name') }, { label: t('sector') }, { label: t('degree'), numeric: true },
              { label: t('betweenness'), numeric: true }, { label: t('networkComponent'), numeric: true },
              { label: t('networkComponentSize'), numeric: true },
              ...(diff ? [{ label: `${t('networkSince')} ${referenceLabel}` }] : [])],
    rows: [
      ...ranked.map(r => ({
        cells: [r.node.name, r.node.sector ? t('sectors', r.node.sector) : null, r.degree, round(r.between),
                r.component.number, r.component.size,
                ...(diff ? [changeLabel(diff.addedNodes.has(r.node.id) ? 'added' : null)] : [])],
        mark: diff?.addedNodes.has(r.node.id),
        onOpen: () => ctx.update({ view: 'organisations', org: r.node.id }, { push: true }),
      })),
      ...(diff?.removedNodes || []).map(n => ({
        cells: [n.name, n.sector ? t('sectors', n.sector) : null, null, null, null, null, changeLabel('removed')],
        mark: true,
        onOpen: () => ctx.update({ view: 'organisations', org: n.id }, { push: true }),
      })),
    ],
    fileName: `network-${state.date}${state.sector ? `-${state.sector.toLowerCase()}` : ''}`,
  });

  if (diff) {
    // The changed connections themselves, as a table (and CSV): what the marks in the graph stand for.
    const changed = [...diff.addedEdges.map(e => [e, 'added']), ...diff.removedEdges.map(e => [e, 'removed'])];
    figure(container, ctx, {
      id: 'network-changes-table',
      title: `${t('networkChanged')} ${t('networkSince').toLowerCase()} ${referenceLabel}`,
      option: null,
      columns: [{ label: t('networkChange') }, { label: t('networkKind') }, { label: t('networkFrom') },
                { label: t('networkTo') },
                { label: t('since') }, { label: t('until') }],
      rows: changed.map(([e, change]) => ({
        cells: [changeLabel(change), t('networkKinds', e.kind), nameOf.get(e.source.id), nameOf.get(e.target.id),
                e.since, e.until],
      })),
      fileName: `network-changes-${state.date}-${(state.compare || state.date)}${knownAt ? '-known' : ''}`,
    });
  }
}

export default { id: 'network', load, draw };
