import { longDate } from '#libs/cases';
import type { DealingView, Finding, PeerView, UnavailabilityView } from '#libs/peers';
import { humanise } from '../cases/case-page.js';
import { escapeHtml, tagHtml } from '../lists.js';

/** What the peer pages show, shaped for the GOV.UK macros. */

export function peerRows(peers: PeerView[]) {
  return peers.map((p) => [
    { html: `<a class="govuk-link" href="/peers/${escapeHtml(p.id)}">${escapeHtml(p.name)}</a>` },
    { text: humanise(p.kind) },
    { text: p.homeCouncil?.name ?? 'None' },
    { text: p.expertise.join(', ') },
    { text: p.active ? 'Active' : 'Out of the pool' },
  ]);
}

export function peerSummary(peer: PeerView) {
  const row = (key: string, text: string) => ({ key: { text: key }, value: { text } });
  return [
    row('Email', peer.email),
    row('Kind', humanise(peer.kind)),
    row('Role', peer.role ? humanise(peer.role) : 'Not recorded'),
    row('Home council', peer.homeCouncil ? `${peer.homeCouncil.name} (${peer.homeCouncil.gssCode})` : 'None'),
    ...(peer.politicalGroup ? [row('Political group', humanise(peer.politicalGroup))] : []),
    row('Expertise', peer.expertise.length ? peer.expertise.join(', ') : 'None recorded'),
    row('Trained', peer.trainedOn ?? 'Not recorded'),
    row('In the pool', peer.active ? 'Yes' : 'No'),
  ];
}

export function dealingRows(dealings: DealingView[]) {
  return dealings.map((d) => [
    { html: `<a class="govuk-link" href="/councils/${escapeHtml(d.councilGssCode)}">${escapeHtml(d.councilName)}</a>` },
    { text: humanise(d.kind) },
    { text: d.from },
    { text: d.to ?? 'Ongoing' },
    { text: d.note ?? '' },
  ]);
}

/** A peer's unavailable periods, first day first, in words. */
export function awayRows(periods: UnavailabilityView[]) {
  return periods.map((u) => ({ ...u, fromText: longDate(u.from), toText: longDate(u.to) }));
}

/** A finding's severity as a tag: a hard conflict stops the peer serving (red), a soft one is a warning. */
export function findingRows(findings: Finding[]) {
  return findings.map((f) => [
    {
      html: tagHtml(
        f.severity === 'hard'
          ? { text: 'Conflict', classes: 'govuk-tag--red' }
          : { text: 'Warning', classes: 'govuk-tag--yellow' },
      ),
    },
    { text: humanise(f.rule) },
    { text: f.detail },
  ]);
}
