// Sign-in at the OIDC issuer, where the registry advertises one (GET /dashboard-sign-in): the authorization code flow
// with PKCE (RFC 7636) for a public client, in the browser, without a library. The page goes to the issuer with a
// code challenge; the issuer sends the browser back with a code, which the page redeems at the token endpoint with
// the verifier only it knows. The JWT it gets is kept like an access token: in sessionStorage, for this session only.

const PENDING_KEY = 'registry.oidc.pending';

let options = null;

/** The issuer and public client the registry advertises, or null (asked once per page). */
export function signInOptions() {
  options ??= fetch('/dashboard-sign-in', { headers: { Accept: 'application/json' } })
    .then(r => (r.ok ? r.json() : { oidc: null }))
    .then(body => body.oidc || null)
    .catch(() => null);
  return options;
}

const base64url = bytes => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_')
  .replace(/=+$/, '');
const random = length => base64url(crypto.getRandomValues(new Uint8Array(length)));
const redirectUri = () => location.origin + location.pathname;
const isJwt = value => typeof value === 'string' && value.split('.').length === 3;

/** S256: base64url(SHA-256(verifier)). */
export async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The configured endpoints, else those of the issuer's discovery document. */
async function endpoints(config) {
  if (config.authorizationEndpoint && config.tokenEndpoint) return config;
  const response = await fetch(`${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`${config.issuer}: HTTP ${response.status}`);
  const discovery = await response.json();
  return { ...config, authorizationEndpoint: config.authorizationEndpoint || discovery.authorization_endpoint,
           tokenEndpoint: config.tokenEndpoint || discovery.token_endpoint };
}

export function authorizationUrl(config, { state, challenge }) {
  const url = new URL(config.authorizationEndpoint);
  Object.entries({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: config.scope || 'openid',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  }).forEach(([key, value]) => url.searchParams.set(key, value));
  return url.toString();
}

/** Goes to the issuer; the view the user was on (the URL's hash) is restored on return. */
export async function startSignIn(config) {
  const resolved = await endpoints(config);
  const verifier = random(32);
  const state = random(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({
    verifier, state, hash: location.hash, clientId: resolved.clientId, tokenEndpoint: resolved.tokenEndpoint }));
  location.assign(authorizationUrl(resolved, { state, challenge: await challengeOf(verifier) }));
}

/**
 * On the return from the issuer (?code=…&state=… or ?error=…): redeems the code and resolves to the JWT; null when
 * this page load is not such a return. The query is removed from the address bar either way.
 */
export async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', redirectUri() + (pending?.hash || ''));
  if (params.has('error')) throw new Error(params.get('error_description') || params.get('error'));
  // A code this page did not ask for (another tab's, or forged) is not redeemed.
  if (!pending || params.get('state') !== pending.state) throw new Error('state');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'),
                                redirect_uri: redirectUri(), client_id: pending.clientId,
                                code_verifier: pending.verifier }),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const tokens = await response.json();
  // The registry checks a JWT's issuer, signature and role claim: the access token if it is one, else the ID token.
  const token = isJwt(tokens.access_token) ? tokens.access_token : tokens.id_token;
  if (!isJwt(token)) throw new Error('no JWT');
  return token;
}
