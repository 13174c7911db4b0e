// The web pages' one script: GOV.UK Frontend's components, and a case page that notices its check has finished.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();

/**
 * A long list of councils becomes a search as you type (GOV.UK's accessible autocomplete, loaded by the pages that
 * need it); without JavaScript it stays the select it is. The "Choose a council" option is not a suggestion.
 */
const councils = document.querySelector('select[data-autocomplete]');
if (councils && window.accessibleAutocomplete) {
  const options = Array.from(councils.options).filter((option) => option.value !== '');
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: councils,
    // A council already chosen (`?council=`, or the form sent back with a problem) stays chosen.
    defaultValue: councils.value ? councils.options[councils.selectedIndex].textContent : '',
    source: options.map((option) => option.textContent),
  });
}

/**
 * A case page whose conflict check is still running asks the API (with the page's own session) every 1.5 s, for
 * up to 2 minutes, whether the check has finished. If nobody has started using the page it reloads itself, so the
 * findings appear without anyone pressing "Refresh"; once someone has focused or typed in a form, or submitted one,
 * it never reloads (that would lose their work) and instead says, beside the link, that the check has finished.
 * Without JavaScript, or after 2 minutes, the "Refresh" link does the same by hand.
 */
const waiting = document.querySelector('[data-refresh-when-checked]');
if (waiting) {
  const url = waiting.getAttribute('data-refresh-when-checked');
  let inUse = false;
  for (const event of ['focusin', 'input', 'change', 'submit']) {
    document.addEventListener(event, (e) => {
      if (e.target instanceof window.Element && e.target.closest('form')) inUse = true;
    });
  }
  const finished = () => {
    if (!inUse) {
      window.location.reload();
      return;
    }
    const said = document.createElement('strong');
    said.className = 'govuk-body govuk-!-font-weight-bold';
    said.setAttribute('role', 'status');
    said.textContent = ' The check has finished: refresh to see its findings.';
    waiting.after(said);
  };
  let asked = 0;
  const ask = async () => {
    asked += 1;
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (response.ok) {
        const { conflictCheck } = await response.json();
        if (conflictCheck.status !== 'pending' && conflictCheck.status !== 'stale') {
          finished();
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
