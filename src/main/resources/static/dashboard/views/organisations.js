// Organisations: a search, and a page per organisation. The page is a list of sections, each naming the GraphQL
// fields it needs, so that one request serves the whole page and a new section (collaborations, pilots, local
// presence, history) is one more entry.
import { figure } from '../figure.js';

const KINDS = ['NATIONAL', 'LOCAL', 'MUNICIPALITY'];
const PAGE = 50;
const HISTORY = 50;

const SECTIONS = [
  {
    fields: 'kvkNumber parent { id name } municipality { code name shortName province }',
    render(container, org, ctx) {
      const { t, element } = ctx;
      const rows = [[t('kind'), t('kinds', org.kind)], [t('sector'), org.sector ? t('sectors', org.sector) : '–'],
                    [t('kvk'), org.kvkNumber || '–']];
      const dl = element('dl', {}, rows.flatMap(([k, v]) => [element('dt', {}, k), element('dd', {}, v)]));
      if (org.parent) dl.append(element('dt', {}, t('parent')), element('dd', {}, orgLink(ctx, org.parent)));
      if (org.municipality) {
        dl.append(element('dt', {}, t('municipality')),
                  element('dd', {}, `${org.municipality.shortName || org.municipality.name} (${t('provinces', org.municipality.province)})`));
      }
      container.append(dl);
    },
  },
  {
    fields: `memberships(asOf: $date) { ...membership }
             before: memberships(asOf: $compare) @include(if: $withCompare) { ...membership }`,
    fragments: `fragment membership on Membership {
                  coalition { id kind name municipality { code name shortName } } joinedOn leftOn partyType role }`,
    render(container, org, ctx) {
      const { state, t, fmt } = ctx;
      const key = m => `${m.coalition.id}/${m.joinedOn}`;
      const before = new Set((org.before || []).map(key));
      figure(container, ctx, {
        id: 'memberships', title: `${t('memberships')} ${fmt.date(state.date)}`, option: null,
        columns: [{ label: t('coalitionName') }, { label: t('kind') }, { label: t('partyType') }, { label: t('role') },
                  { label: t('joinedOn') }, { label: t('leftOn') }],
        rows: org.memberships.map(m => ({
          cells: [m.coalition.name, t('coalitionKinds', m.coalition.kind), m.partyType ? t('partyTypes', m.partyType) : null,
                  m.role ? t('contributionRoles', m.role) : null, m.joinedOn, m.leftOn],
          // Marked: not a member yet on the comparison date.
          mark: !!state.compare && !before.has(key(m)),
        })),
        fileName: `memberships-${org.id}-${state.date}`,
      });
    },
  },
  {
    // Local presence: the branches, and the local coalitions they are members of on the date.
    fields: `branches {
               id name municipality { code name shortName province }
               memberships(asOf: $date) { coalition { kind name } joinedOn }
             }`,
    render(container, org, ctx) {
      const { state, t } = ctx;
      if (!org.branches.length) return;
      const branches = org.branches.filter(b => !state.province || b.municipality?.province === state.province);
      figure(container, ctx, {
        id: 'branches', title: `${t('branches')}, ${ctx.fmt.date(state.date)}`, option: null,
        columns: [{ label: t('name') }, { label: t('municipality') }, { label: t('province') },
                  { label: t('coalition') }, { label: t('joinedOn') }],
        rows: branches.map(b => {
          const local = b.memberships.filter(m => m.coalition.kind === 'LOCAL');
          return {
            cells: [b.name, b.municipality ? b.municipality.shortName || b.municipality.name : null,
                    b.municipality ? t('provinces', b.municipality.province) : null,
                    local.map(m => m.coalition.name).join('; ') || null, local.map(m => m.joinedOn).join('; ') || null],
            onOpen: () => ctx.update({ org: b.id }, { push: true }),
          };
        }),
        fileName: `branches-${org.id}-${state.date}`,
      });
    },
  },
  {
    fields: `collaborations {
               id title status startsOn activeFrom endedOn proposedBy { id }
               parties { organisation { id name } confirmed } municipalities { code name shortName }
             }`,
    render(container, org, ctx) {
      const { t } = ctx;
      if (!org.collaborations.length) return;
      figure(container, ctx, {
        id: 'collaborations', title: t('collaborations'), option: null,
        columns: [{ label: t('collaborationTitle') }, { label: t('statusOf') }, { label: t('otherParties') },
                  { label: t('municipalities') }, { label: t('activeFrom') }, { label: t('endedOn') }],
        rows: org.collaborations.map(c => ({
          cells: [c.title, t('collaborationStatuses', c.status),
                  c.parties.filter(p => p.organisation.id !== org.id)
                    .map(p => p.organisation.name + (p.confirmed ? '' : ` (${t('unconfirmed')})`)).join('; '),
                  c.municipalities.map(m => m.shortName || m.name).join('; ') || null, c.activeFrom || c.startsOn,
                  c.endedOn],
        })),
        fileName: `collaborations-${org.id}`,
      });
    },
  },
  {
    fields: `pilots {
               id title status startedOn convertedOn stoppedOn nationalPartner { id name } partners { id name }
               sites { municipality { code name shortName } since }
             }`,
    render(container, org, ctx) {
      const { t } = ctx;
      if (!org.pilots.length) return;
      figure(container, ctx, {
        id: 'pilots', title: t('pilots'), option: null,
        columns: [{ label: t('pilotTitle') }, { label: t('statusOf') }, { label: t('nationalPartner') },
                  { label: t('partners') }, { label: t('municipalities') }, { label: t('startedOn') },
                  { label: t('endedOn') }],
        rows: org.pilots.map(p => ({
          cells: [p.title, t('pilotStatuses', p.status), p.nationalPartner.name,
                  p.partners.map(o => o.name).join('; ') || null,
                  p.sites.map(s => `${s.municipality.shortName || s.municipality.name} (${s.since})`).join('; ') || null,
                  p.startedOn, p.stoppedOn || p.convertedOn],
        })),
        fileName: `pilots-${org.id}`,
      });
    },
  },
  {
    // National partners only: where they are present locally on the date, how (via, through what) and since when.
    fields: 'localPresence(asOf: $date) { municipality { code name shortName province } via through since until }',
    render(container, org, ctx) {
      const { state, t, fmt } = ctx;
      if (org.kind !== 'NATIONAL') return;
      const links = org.localPresence.filter(l => !state.province || l.municipality.province === state.province);
      figure(container, ctx, {
        id: 'local-presence', title: `${t('localPresence')}, ${fmt.date(state.date)}`, option: null,
        columns: [{ label: t('municipality') }, { label: t('province') }, { label: t('linkVia') }, { label: t('through') },
                  { label: t('since') }, { label: t('until') }],
        rows: links.map(l => ({
          cells: [l.municipality.shortName || l.municipality.name, t('provinces', l.municipality.province),
                  t('linkMechanisms', l.via), l.through, l.since, l.until],
        })),
        fileName: `local-presence-${org.id}-${state.date}`,
      });
    },
  },
  {
    // The audit trail: asked for only by the roles that may read it (a partner's request would be FORBIDDEN).
    fields: `history(first: ${HISTORY}) @include(if: $withHistory) {
               globalIndex type occurredOn recordedAt actor role aggregateType
             }`,
    render(container, org, ctx) {
      const { t } = ctx;
      if (!org.history) return;
      figure(container, ctx, {
        id: 'history', title: t('history'), option: null,
        columns: [{ label: t('recordedAt') }, { label: t('event') }, { label: t('occurredOn') }, { label: t('actor') },
                  { label: t('role') }, { label: t('position'), numeric: true }],
        rows: org.history.map(h => ({
          cells: [h.recordedAt, h.type, h.occurredOn, h.actor, h.role, h.globalIndex],
        })),
        fileName: `history-${org.id}`,
      });
    },
  },
];

/** The roles that may read the audit trail (Access in the registry). */
const HISTORY_ROLES = ['PROGRAMME_TEAM', 'AUDITOR'];

function orgLink(ctx, org) {
  return ctx.element('a', { href: '#', onclick: e => { e.preventDefault(); ctx.update({ org: org.id }, { push: true }); } },
                     org.name);
}

function listQuery() {
  return `query Organisations($search: String, $kind: OrganisationKind, $sector: Sector, $after: String) {
    organisations(search: $search, kind: $kind, sector: $sector, first: ${PAGE}, after: $after) {
      edges { node { id name kind sector municipality { shortName name province } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
}

function listVariables(state, after = null) {
  return { search: state.q || null, kind: KINDS.includes(state.kind) ? state.kind : null,
           sector: state.sector || null, after };
}

async function load(ctx) {
  const { state } = ctx;
  if (state.org) {
    const query = `query Organisation($id: ID!, $date: Date!, $compare: Date, $withCompare: Boolean!, $withHistory: Boolean!) {
      organisation(id: $id) { id name kind sector ${SECTIONS.map(s => s.fields).join('\n')} }
    }
    ${SECTIONS.map(s => s.fragments || '').join('\n')}`;
    return ctx.graphql(query, { id: state.org, date: state.date, compare: state.compare || null,
                                withCompare: !!state.compare, withHistory: HISTORY_ROLES.includes(ctx.viewer.role) });
  }
  return ctx.graphql(listQuery(), listVariables(state));
}

function draw(container, ctx, data) {
  const { state, t, element, update } = ctx;
  if (state.org) {
    const org = data.organisation;
    container.append(element('p', { class: 'no-print' },
      element('a', { href: '#', onclick: e => { e.preventDefault(); update({ org: undefined }, { push: true }); } }, t('back'))));
    if (!org) {
      container.append(element('p', { role: 'alert' }, t('noneFound')));
      return;
    }
    container.append(element('h2', { id: 'organisation-name' }, org.name));
    SECTIONS.forEach(section => section.render(container, org, ctx));
    return;
  }
  const search = element('input', { id: 'search', type: 'search', value: state.q || '',
                                     placeholder: t('searchPlaceholder') });
  const form = element('form', { class: 'view-controls no-print', role: 'search',
                                 onsubmit: e => { e.preventDefault(); update({ q: search.value.trim() || undefined }); } },
    element('label', { for: 'search' }, element('span', {}, t('search')), search),
    ctx.select('kind', t('kind'), [['', t('all')], ...KINDS.map(k => [k, t('kinds', k)])], state.kind || '',
               v => update({ kind: v || undefined })),
    element('button', { type: 'submit' }, t('search')));
  container.append(form);

  let nodes = data.organisations.edges.map(e => e.node);
  let pageInfo = data.organisations.pageInfo;
  const list = element('div', { id: 'organisation-list' });
  container.append(list);
  const show = () => {
    // The province filter applies to organisations with a municipality; national ones stay.
    const shown = nodes.filter(o => !state.province || !o.municipality || o.municipality.province === state.province);
    list.replaceChildren();
    if (!shown.length) {
      list.append(element('p', {}, t('noneFound')));
      return;
    }
    figure(list, ctx, {
      id: 'organisations', title: t('organisations'), option: null,
      columns: [{ label: t('name') }, { label: t('kind') }, { label: t('sector') }, { label: t('municipality') }],
      rows: shown.map(o => ({
        cells: [o.name, t('kinds', o.kind), o.sector ? t('sectors', o.sector) : null,
                o.municipality ? o.municipality.shortName || o.municipality.name : null],
        onOpen: () => update({ org: o.id }, { push: true }),
      })),
    });
    if (pageInfo.hasNextPage) {
      list.append(element('button', { type: 'button', id: 'more', onclick: async () => {
        const next = await ctx.graphql(listQuery(), listVariables(state, pageInfo.endCursor));
        nodes = nodes.concat(next.organisations.edges.map(e => e.node));
        pageInfo = next.organisations.pageInfo;
        show();
      } }, t('more')));
    }
  };
  show();
}

export default { id: 'organisations', load, draw };
