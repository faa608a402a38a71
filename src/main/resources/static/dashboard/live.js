// Follows the registry's log: when its head moves (anything was recorded), the open view is drawn again with the
// same choices. It asks for the head only (one small request) every few seconds, and not while the tab is hidden.

const EVERY_MS = 5000;

/**
 * Calls onChange after the log grew (again at the next look if it answers false: not now); returns a function that
 * stops following.
 */
export function follow(graphql, onChange) {
  let head = null;
  let stopped = false;
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
  const timer = setInterval(tick, EVERY_MS);
  return () => { stopped = true; clearInterval(timer); };
}
