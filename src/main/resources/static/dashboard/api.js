// The dashboard reads only through the public GraphQL API, with the signed-in user's token: it sees exactly what
// that role may see. The token lives in sessionStorage, so it is gone when the browser session ends.

const TOKEN_KEY = 'registry.token';

export class Unauthenticated extends Error {}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: token => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Counts the views' requests, so that a test can check that a view needs only a few (following the log is not). */
export const requestLog = { count: 0 };

/** Runs one GraphQL document; resolves to its data, rejects with the registry's message (and code) on an error. */
export async function graphql(query, variables = {}, { counted = true } = {}) {
  if (counted) requestLog.count++;
  const token = session.token();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  if (response.status === 401) throw new Unauthenticated('UNAUTHENTICATED');
  const body = await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}` }] }));
  if (body.errors?.length) {
    const error = new Error(body.errors.map(e => e.message).join('; '));
    error.code = body.errors[0].extensions?.code;
    throw error;
  }
  return body.data;
}
