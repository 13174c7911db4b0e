// Enhances the pages when JavaScript runs; every page works without it.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();

/**
 * A case page whose conflict check is still running asks the API (with the page's own session) every 1.5 s, for
 * up to 2 minutes, and reloads itself once the check has finished, so its findings appear without anyone pressing
 * "Refresh" (the link stays for pages without JavaScript, and after 2 minutes).
 */
const waiting = document.querySelector('[data-refresh-when-checked]');
if (waiting) {
  const url = waiting.getAttribute('data-refresh-when-checked');
  let asked = 0;
  const ask = async () => {
    asked += 1;
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (response.ok) {
        const { conflictCheck } = await response.json();
        if (conflictCheck.status !== 'pending' && conflictCheck.status !== 'stale') {
          window.location.reload();
          return;
        }
      }
    } catch {
      // The network blinked: ask again next time.
    }
    if (asked < 80) setTimeout(ask, 1500);
  };
  setTimeout(ask, 1500);
}
