// Follows the registry's log: when anything is recorded, the open view is drawn again with the same choices. It
// subscribes to registryEvents over graphql-ws from the log head at page load (a burst of events redraws once, after
// a short quiet moment). A partner may not read the log (FORBIDDEN): then it asks for the head only (one small
// request) every few seconds, not while the tab is hidden. When the socket fails (a restart, a network change) it
// polls meanwhile and subscribes again after a growing pause (1, 2, 4 … 30 s), from the last position it saw, so that
// nothing recorded in between is missed.
import { subscribe } from './socket.js';

const EVERY_MS = 5000;
const QUIET_MS = 400;
const RETRY_MS = 2000;
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
const STABLE_MS = 10_000;
const SUBSCRIPTION = 'subscription Live($after: Float) { registryEvents(after: $after) { globalIndex } }';

/**
 * Calls onChange after the log grew (again a little later if it answers false: not now); returns a function that
 * stops following. The mode in use ('subscription', 'reconnecting' or 'polling') is on document.body.dataset.live,
 * the number of subscriptions the server accepted on document.body.dataset.liveConnections.
 */
export function follow(graphql, onChange, { token, role }) {
  let stopped = false;
  let head = null;
  let timer = null;
  let closeSocket = null;
  let pending = null;
  let retry = null;
  let backoff = FIRST_BACKOFF_MS;
  let openedAt = null;
  let connections = 0;

  const changed = () => {
    clearTimeout(pending);
    pending = setTimeout(function redraw() {
      if (stopped) return;
      if (onChange() === false) pending = setTimeout(redraw, RETRY_MS);
    }, QUIET_MS);
  };

  const readHead = async () => (await graphql('{ registry { logHead } }', {}, { counted: false })).registry.logHead;

  const poll = mode => {
    document.body.dataset.live = mode;
    if (timer !== null) return;
    const tick = async () => {
      if (stopped || document.hidden) return;
      try {
        const now = await readHead();
        if (head !== null && now !== head && onChange() === false) return;
        head = now;
      } catch (e) {
        // A failed look is tried again at the next tick; signing out stops the following.
      }
    };
    tick();
    timer = setInterval(tick, EVERY_MS);
  };

  const stopPolling = () => {
    clearInterval(timer);
    timer = null;
  };

  const listen = () => {
    if (stopped) return;
    closeSocket = subscribe(token, SUBSCRIPTION, { after: head }, {
      onOpen: () => {
        stopPolling();
        openedAt = Date.now();
        document.body.dataset.liveConnections = String(++connections);
        document.body.dataset.live = 'subscription';
      },
      onNext: data => {
        head = data.registryEvents.globalIndex;
        changed();
      },
      onFail: (reason, refused) => {
        closeSocket = null;
        if (stopped) return;
        if (refused) {
          // The server does not let this token follow the log: asking again would be refused again.
          poll('polling');
          return;
        }
        poll('reconnecting');
        // A connection that held a while starts the pauses afresh; one that fails at once (a server accepting and
        // then erring) keeps them growing, so that it is not asked every second.
        if (openedAt !== null && Date.now() - openedAt > STABLE_MS) backoff = FIRST_BACKOFF_MS;
        openedAt = null;
        retry = setTimeout(listen, backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      },
    });
  };

  const start = async () => {
    try {
      head = await readHead();
    } catch (e) {
      // Without a head the subscription starts at the log's end; polling then finds its own.
    }
    listen();
  };

  // The audit log is not the partner's to read: straight to polling, without a request bound to be refused.
  if (role === 'PARTNER') poll('polling'); else start();
  return () => {
    stopped = true;
    stopPolling();
    clearTimeout(pending);
    clearTimeout(retry);
    closeSocket?.();
  };
}
