// Follows the registry's log: when anything is recorded, the open view is drawn again with the same choices. It
// subscribes to registryEvents over graphql-ws from the log head at page load (a burst of events redraws once, after
// a short quiet moment). A partner may not read the log (FORBIDDEN), and a socket can fail: then it asks for the head
// only (one small request) every few seconds, not while the tab is hidden.
import { subscribe } from './socket.js';

const EVERY_MS = 5000;
const QUIET_MS = 400;
const RETRY_MS = 2000;
const SUBSCRIPTION = 'subscription Live($after: Float) { registryEvents(after: $after) { globalIndex } }';

/**
 * Calls onChange after the log grew (again a little later if it answers false: not now); returns a function that
 * stops following. The mode in use ('subscription' or 'polling') is on document.body.dataset.live.
 */
export function follow(graphql, onChange, { token, role }) {
  let stopped = false;
  let head = null;
  let timer = null;
  let closeSocket = null;
  let pending = null;

  const changed = () => {
    clearTimeout(pending);
    pending = setTimeout(function redraw() {
      if (stopped) return;
      if (onChange() === false) pending = setTimeout(redraw, RETRY_MS);
    }, QUIET_MS);
  };

  const poll = () => {
    document.body.dataset.live = 'polling';
    const tick = async () => {
      if (stopped || document.hidden) return;
      try {
        const now = (await graphql('{ registry { logHead } }', {}, { counted: false })).registry.logHead;
        if (head !== null && now !== head && onChange() === false) return;
        head = now;
      } catch (e) {
        // A failed look is tried again at the next tick; signing out stops the following.
      }
    };
    tick();
    timer = setInterval(tick, EVERY_MS);
  };

  const listen = async () => {
    try {
      head = (await graphql('{ registry { logHead } }', {}, { counted: false })).registry.logHead;
    } catch (e) {
      // Without a head the subscription would start at the log's end anyway; polling then finds its own.
    }
    if (stopped) return;
    document.body.dataset.live = 'subscription';
    closeSocket = subscribe(token, SUBSCRIPTION, { after: head }, {
      onNext: data => {
        head = data.registryEvents.globalIndex;
        changed();
      },
      onFail: () => {
        closeSocket = null;
        if (!stopped) poll();
      },
    });
  };

  // The audit log is not the partner's to read: straight to polling, without a request bound to be refused.
  if (role === 'PARTNER') poll(); else listen();
  return () => {
    stopped = true;
    clearInterval(timer);
    clearTimeout(pending);
    closeSocket?.();
  };
}
