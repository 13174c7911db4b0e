import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import {
  CasesService,
  CaseWorkflowService,
  SuggestTeamDto,
  TeamSuggestionsService,
  type CaseView,
  type EventInput,
  type SuggestedTeamView,
} from '#libs/cases';
import { TEAM_ROLES, type TeamRole } from '#libs/peers';
import { CurrentActor, type ApiRequest } from '../../auth/request.js';
import { validEvent } from '../../cases/event-body.js';
import { reasonsOf, statusOf, validBody } from '../forms.js';
import { datesInWords } from '../lists.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { humanise } from './case-page.js';
import { UUID } from '#libs/platform';

const DEFAULT_SIZE = 5;
type FormBody = Record<string, unknown>;

/** A query or form field sent once or many times, as a list of texts. */
const many = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');

/** `role:peerId` pairs (kept or proposed seats), the malformed ones left out. */
function seatsOf(value: unknown): Array<{ role: TeamRole; peerId: string }> {
  return many(value).flatMap((pair) => {
    const [role, peerId] = pair.split(':');
    return (TEAM_ROLES as readonly string[]).includes(role) && UUID.test(peerId ?? '')
      ? [{ role: role as TeamRole, peerId }]
      : [];
  });
}

/** The page's address for a team of `size` keeping `keep` and leaving out `without`. */
export function suggestionHref(caseId: string, size: number, keep: string[], without: string[]): string {
  const query = new URLSearchParams({ size: String(size) });
  for (const seat of keep) query.append('keep', seat);
  for (const peerId of without) query.append('without', peerId);
  return `/cases/${caseId}/team-suggestions?${query}`;
}

/** The suggested team as the page shows it: each person's reasons and findings, a swap link for each new one. */
export function teamPage(view: CaseView, team: SuggestedTeamView, without: string[]) {
  const proposed = team.members.filter((m) => !m.onTeam);
  const seat = (m: { role: string; peerId: string }) => `${m.role}:${m.peerId}`;
  return {
    total: team.total,
    notes: team.notes,
    members: team.members.map((m) => ({
      ...m,
      roleName: humanise(m.role),
      findings: m.findings.map((f) => ({ ...f, detail: datesInWords(f.detail) })),
      swapHref: m.onTeam
        ? null
        : suggestionHref(view.id, team.size, proposed.filter((other) => other.peerId !== m.peerId).map(seat), [
            ...without,
            m.peerId,
          ]),
    })),
    proposed: proposed.map(seat),
  };
}

/**
 * "Suggest a team" on a case in team assembly (issue #23): the best team under every rule, each person with their
 * reasons and findings; swapping one asks again with the others kept and that one left out; "Propose this team"
 * records one PROPOSE_PEER per new member, all or none, so the timeline and the conflict check work as for one.
 */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('cases')
export class TeamSuggestionPagesController {
  constructor(
    private readonly cases: CasesService,
    private readonly workflow: CaseWorkflowService,
    private readonly suggestions: TeamSuggestionsService,
    private readonly pages: Pages,
  ) {}

  @Allow(CAN.changeCases)
  @Get(':id/team-suggestions')
  async show(@Param('id') id: string, @Query() query: FormBody, @Req() request: ApiRequest, @Res() res: Response) {
    const view = await this.cases.get(id);
    const size = Number.parseInt(typeof query.size === 'string' ? query.size : '', 10);
    const without = many(query.without).filter((peerId) => UUID.test(peerId));
    await this.render(request, res, view, Number.isInteger(size) ? size : DEFAULT_SIZE, seatsOf(query.keep), without);
  }

  @Allow(CAN.changeCases)
  @Post(':id/team-suggestions')
  async propose(
    @Param('id') id: string,
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() res: Response,
  ) {
    const seats = seatsOf(body.member);
    const expectedVersion = Number(body.expectedVersion);
    const size = Math.max(2, Math.min(12, Number(body.size) || DEFAULT_SIZE));
    if (seats.length === 0) {
      const problem = ['There is no one new to propose: the team suggested is the team the case has.'];
      return this.render(request, res, await this.cases.get(id), size, [], [], problem, 422);
    }
    try {
      const events = await Promise.all(
        seats.map((seat) => validEvent({ type: 'PROPOSE_PEER', expectedVersion, ...seat })),
      );
      await this.workflow.applyAll(
        id,
        events.map(({ expectedVersion: _, ...event }) => event as EventInput),
        expectedVersion,
        actor,
      );
      return res.redirect(303, `/cases/${id}?done=SUGGESTED_TEAM#main-content`);
    } catch (error) {
      const status = statusOf(error);
      if (![400, 409, 422].includes(status)) throw error;
      const view = await this.cases.get(id);
      const problem =
        status === 409
          ? [`Someone else changed this case: it is now at version ${view.version}. Look at the team suggested now.`]
          : reasonsOf(error);
      await this.render(request, res, view, size, seats, [], problem, status);
    }
  }

  private async render(
    request: ApiRequest,
    res: Response,
    view: CaseView,
    size: number,
    keep: Array<{ role: TeamRole; peerId: string }>,
    without: string[],
    problems: string[] = [],
    status = 200,
  ) {
    let team: ReturnType<typeof teamPage> | null = null;
    let refused = problems;
    try {
      const dto = await validBody({ size, keep, without }, SuggestTeamDto);
      team = teamPage(view, await this.suggestions.team(view.id, dto), without);
    } catch (error) {
      const said = statusOf(error);
      if (![400, 422].includes(said)) throw error;
      refused = [...problems, ...reasonsOf(error)];
      status = status === 200 ? said : status;
    }
    await this.pages.render(
      request,
      res,
      'cases/team-suggestions.njk',
      {
        title: 'Suggested team',
        view,
        size,
        sizes: Array.from({ length: 11 }, (_, i) => ({ value: i + 2, text: String(i + 2), selected: i + 2 === size })),
        team,
        errorList: refused.map((text) => ({ text: datesInWords(text), href: '#suggested-team' })),
      },
      status,
    );
  }
}
