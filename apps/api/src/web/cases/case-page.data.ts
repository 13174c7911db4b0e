import { Injectable } from '@nestjs/common';
import { ListUsersQuery, UsersService } from '#libs/auth';
import { CaseHistoryService, CasesService, RemindersService, type CaseEventType, type CaseView } from '#libs/cases';
import { CouncilsService, ListCouncilsQuery } from '#libs/councils';
import { CASE_TYPE_NAMES, ListPeersQuery, PeerConflictsService, PeersService } from '#libs/peers';
import {
  casePageSteps,
  eventForms,
  recordedValues,
  stepLinks,
  stepTitle,
  peerChoice,
  personName,
  reminderRows,
  stageTasks,
  summaryRows,
  teamRows,
  timelineItems,
  dateRows,
  type ChoiceSources,
  type Submitted,
  waitingItems,
} from './case-page.js';
import { humanise } from '../lists.js';
import { EVENT_FORMS } from './event-forms.js';
import { managerName, type Managers } from './caseload.js';

/** Gathers what the case pages show from the libraries' services. */
@Injectable()
export class CasePageData {
  constructor(
    private readonly cases: CasesService,
    private readonly reminders: RemindersService,
    private readonly peers: PeersService,
    private readonly users: UsersService,
    private readonly councils: CouncilsService,
    private readonly conflicts: PeerConflictsService,
    private readonly history: CaseHistoryService,
  ) {}

  /** The case page; `viewerId` is who reads it (an override is not offered for approval to the one who asked). */
  async casePage(id: string, submitted?: Submitted, viewerId?: string) {
    return this.casePageOf(await this.cases.get(id), submitted, viewerId);
  }

  private async casePageOf(view: CaseView, submitted?: Submitted, viewerId?: string) {
    const id = view.id;
    const [timeline, reminders, { names }] = await Promise.all([
      this.cases.timeline(id),
      this.reminders.list(id),
      this.managers(),
    ]);
    const who = personName(names);
    const sources = await this.choiceSources(casePageSteps(view), view);
    return {
      title: `${view.councilName}: ${CASE_TYPE_NAMES[view.type]}`,
      view,
      summary: summaryRows(view),
      tasks: stageTasks(view),
      team: teamRows(view, viewerId),
      warnings: view.conflictCheck.warnings,
      reminders: reminderRows(reminders),
      timeline: timelineItems(timeline, who),
      dates: dateRows(view, timeline, who),
      forms: eventForms(view, sources, submitted),
      steps: stepLinks(view),
      waiting: waitingItems(view),
    };
  }

  /**
   * A step on a page of its own: its one form, starting from what is recorded (and what the link or the refused
   * submission says), or null when the case does not allow it now.
   */
  async stepPage(id: string, type: string, submitted: Submitted) {
    return this.stepPageOf(await this.cases.get(id), type as CaseEventType, submitted);
  }

  private async stepPageOf(view: CaseView, type: CaseEventType, submitted: Submitted) {
    if (!Object.hasOwn(EVENT_FORMS, type)) return null;
    const filled = { ...submitted, body: { ...recordedValues(view, type), ...submitted.body } };
    const [form] = eventForms(view, await this.choiceSources([type], view), filled, type);
    return form ? { title: stepTitle(view, type), view, form, ownPage: true } : null;
  }

  /**
   * Where a form is shown again (with problems, or back from checking the answers): on the case page for a step
   * shown there, otherwise on its own page while the case still allows it, and else on the case page.
   */
  async formPage(id: string, submitted: Submitted, viewerId: string) {
    const type = submitted.type as CaseEventType;
    const view = await this.cases.get(id);
    const own = casePageSteps(view).includes(type) ? null : await this.stepPageOf(view, type, submitted);
    if (own) return { template: 'cases/step.njk', page: own };
    return { template: 'cases/show.njk', page: await this.casePageOf(view, submitted, viewerId) };
  }

  /** The register by name, for the new case form (opening a case for an abolished council is refused with a reason). */
  /**
   * The councils a case can be opened for: those that exist today (an abolished one's history stays on its page),
   * by name, with the region, and the type too where two share a name (Buckinghamshire, North Yorkshire, Somerset).
   */
  async councilChoices() {
    const query = Object.assign(new ListCouncilsQuery(), { limit: 1000, existing: 'true' });
    const { items } = await this.councils.list(query);
    const named = new Map<string, number>();
    for (const c of items) named.set(c.name, (named.get(c.name) ?? 0) + 1);
    return items
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((c) => ({
        value: c.gssCode,
        text: named.get(c.name)! > 1 ? `${c.name} (${humanise(c.type)}, ${c.region})` : `${c.name} (${c.region})`,
      }));
  }

  /** Every user's name (a case keeps its manager after they leave), and the active managers by name. */
  async managers(): Promise<Managers> {
    const { items } = await this.users.list(Object.assign(new ListUsersQuery(), { limit: 1000 }));
    return {
      names: new Map(items.map((u) => [u.id, u.name])),
      active: items.filter((u) => u.active && u.roles.includes('peer_challenge_manager')).map((u) => u.id),
    };
  }

  /** Peers and managers, loaded only when a form on the page offers them. */
  private async choiceSources(shown: CaseEventType[], view: CaseView): Promise<ChoiceSources> {
    const offersPeers = shown.includes('PROPOSE_PEER') || shown.includes('REPLACE_PEER');
    const [peers, managers] = await Promise.all([
      offersPeers ? this.peerChoices(view) : [],
      shown.includes('ASSIGN_MANAGER') ? this.managers() : undefined,
    ]);
    return {
      peers,
      managers: managers ? managers.active.map((id) => ({ value: id, text: managerName(managers, id) })) : [],
    };
  }

  /**
   * The active peers not on the team, each with what the conflict rules say of them for this case today (the
   * same rules as the team's check, for a lead role and any other).
   */
  private async peerChoices(view: CaseView) {
    const { items } = await this.peers.list(Object.assign(new ListPeersQuery(), { active: 'true', limit: 1000 }));
    const offered = items.filter((peer) => !view.team.some((member) => member.peerId === peer.id));
    const { onsiteStart, onsiteEnd } = view.dates;
    const verdicts = await this.conflicts.checkPool(
      {
        councilGssCode: view.councilGssCode,
        caseType: view.type,
        firstCpc: view.firstCpc,
        visit: onsiteStart && onsiteEnd ? { onsiteStart, onsiteEnd } : null,
        peerIds: offered.map((peer) => peer.id),
      },
      this.history.poolFactsFor(view.id),
    );
    return offered.map((peer) => peerChoice(peer, verdicts.get(peer.id)));
  }
}
