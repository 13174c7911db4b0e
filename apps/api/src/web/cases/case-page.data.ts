import { Injectable } from '@nestjs/common';
import { ListUsersQuery, UsersService } from '#libs/auth';
import { CasesService, RemindersService, type CaseEventType } from '#libs/cases';
import { CouncilsService, ListCouncilsQuery } from '#libs/councils';
import { ListPeersQuery, PeersService } from '#libs/peers';
import {
  eventForms,
  ownPageLinks,
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
  ) {}

  async casePage(id: string, submitted?: Submitted) {
    const view = await this.cases.get(id);
    const [timeline, reminders, { names }] = await Promise.all([
      this.cases.timeline(id),
      this.reminders.list(id),
      this.managers(),
    ]);
    const who = personName(names);
    const sources = await this.choiceSources(view.allowedEvents);
    return {
      title: `${view.councilName}: ${view.type === 'corporate_peer_challenge' ? 'corporate peer challenge' : view.type.replace(/_/g, ' ')}`,
      view,
      summary: summaryRows(view),
      tasks: stageTasks(view),
      team: teamRows(view),
      warnings: view.conflictCheck.warnings,
      reminders: reminderRows(reminders),
      timeline: timelineItems(timeline, who),
      dates: dateRows(view, timeline, who),
      forms: eventForms(view, sources, submitted),
      ownPages: ownPageLinks(view),
      waiting: waitingItems(view),
    };
  }

  /** A step on a page of its own: its one form, or null when the case does not allow it now. */
  async stepPage(id: string, type: CaseEventType, submitted?: Submitted) {
    const view = await this.cases.get(id);
    const [form] = eventForms(view, await this.choiceSources([type]), submitted, type);
    return form ? { title: form.title, view, form, ownPage: true } : null;
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
  private async choiceSources(allowed: string[]): Promise<ChoiceSources> {
    const [peers, managers] = await Promise.all([
      allowed.includes('PROPOSE_PEER')
        ? this.peers.list(Object.assign(new ListPeersQuery(), { active: 'true', limit: 1000 }))
        : undefined,
      allowed.includes('ASSIGN_MANAGER') ? this.managers() : undefined,
    ]);
    return {
      peers: (peers?.items ?? []).map(peerChoice),
      managers: managers ? managers.active.map((id) => ({ value: id, text: managerName(managers, id) })) : [],
    };
  }
}
