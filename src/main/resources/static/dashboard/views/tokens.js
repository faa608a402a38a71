// Access: the access tokens, for the programme team only (the API refuses the others; the view is not offered).
import { figure } from '../figure.js';

async function load(ctx) {
  return ctx.graphql('{ accessTokens { id role label issuedAt revokedAt organisation { name } } }');
}

function draw(container, ctx, data) {
  const { t } = ctx;
  figure(container, ctx, {
    id: 'access-tokens', title: t('accessTokens'), option: null,
    columns: [{ label: t('label') }, { label: t('role') }, { label: t('organisation') }, { label: t('issuedAt') },
              { label: t('revokedAt') }],
    rows: data.accessTokens.map(a => ({
      cells: [a.label, t('roles', a.role), a.organisation?.name, a.issuedAt, a.revokedAt], mark: !!a.revokedAt,
    })),
  });
}

export default { id: 'tokens', roles: ['PROGRAMME_TEAM'], load, draw };
