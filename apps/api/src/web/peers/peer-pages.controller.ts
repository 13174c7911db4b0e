import { Body, Controller, Get, HttpException, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { CaseHistoryService } from '#libs/cases';
import {
  ConflictQuery,
  CreateDealingDto,
  CreatePeerDto,
  CreateUnavailabilityDto,
  ListPeersQuery,
  PEER_KINDS,
  PeerConflictsService,
  PeersService,
  TEAM_ROLES,
  UpdatePeerDto,
  type PeerDetail,
  type PeerView,
  type PreCheck,
  type TeamRole,
} from '#libs/peers';
import { CurrentActor, type ApiRequest } from '../../auth/request.js';
import { humanise } from '../cases/case-page.js';
import { CasePageData } from '../cases/case-page.data.js';
import { errorSummary, fieldProblems, statusOf, validBody, type FieldProblems } from '../forms.js';
import { choices, oneOf, pageNumber, pagination, searchText, type Query as FormBody } from '../lists.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';
import {
  AWAY_WORDING,
  awayBody,
  awayFormOf,
  DEALING_WORDING,
  dealingBody,
  dealingFormItems,
  dealingFormOf,
  EMPTY_AWAY_FORM,
  EMPTY_DEALING_FORM,
  EMPTY_PEER_FORM,
  PEER_WORDING,
  peerBody,
  peerFormFrom,
  peerFormItems,
  peerFormOf,
  problemHref,
  problemsInWords,
  type AwayForm,
  type DealingForm,
  type PeerForm,
} from './peer-forms.js';
import { awayRows, dealingRows, findingRows, peerRows, peerSummary } from './peer-page.js';

const PAGE_SIZE = 25;
const PEER_DATES = ['trainedOn'];
const DEALING_DATES = ['from', 'to'];
/** The dealing form's fields share the page with the pre-check's, so their ids carry a prefix. */
const DEALING_PREFIX = 'dealing-';
const AWAY_PREFIX = 'away-';

type Refused = { problems: FieldProblems; status: number };

/**
 * Validates a form's body with the API's own class, then saves it. Every problem the class finds shows at
 * once; a 400 from the service (an unknown council, a future date) shows on its field, a 409 (an email another
 * peer has) on the email. Anything else goes on to the error page.
 */
async function saved<T, R>(sent: object, metatype: new () => T, save: (dto: T) => Promise<R>): Promise<R | Refused> {
  try {
    return await save(await validBody(sent, metatype));
  } catch (error) {
    const status = statusOf(error);
    if (status === 400) return { problems: fieldProblems(error as HttpException), status };
    if (status === 409) return { problems: { email: (error as HttpException).message }, status };
    throw error;
  }
}

const refused = (outcome: unknown): outcome is Refused =>
  typeof outcome === 'object' && outcome !== null && 'problems' in outcome && 'status' in outcome;

/** The page's answer to a pre-check: what was asked, and the result or the problems with the question. */
interface PreCheckAsked {
  councilGssCode: string;
  role?: TeamRole;
  check?: PreCheck;
  problems: FieldProblems;
}

/**
 * The peer pool, each peer's dealings, and the pre-check "can this peer serve council X as Y?". Admins and peer
 * challenge managers (the API's `CAN.managePeers`) add and change peers and record their dealings.
 */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('peers')
export class PeerPagesController {
  constructor(
    private readonly peers: PeersService,
    private readonly conflicts: PeerConflictsService,
    private readonly caseHistory: CaseHistoryService,
    private readonly data: CasePageData,
    private readonly pages: Pages,
  ) {}

  @Allow(CAN.read)
  @Get()
  async list(@Query() query: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const q = searchText(query.q);
    const kind = oneOf(PEER_KINDS, query.kind);
    const page = pageNumber(query.page);
    const found = await this.peers.list(
      Object.assign(new ListPeersQuery(), {
        q: q || undefined,
        kind,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    );
    await this.pages.render(request, response, 'peers/list.njk', {
      title: 'Peers',
      q,
      total: found.total,
      rows: peerRows(found.items),
      kinds: choices('Any kind', PEER_KINDS, kind, humanise),
      pagination: pagination('/peers', { q, kind }, page, found.total, PAGE_SIZE),
    });
  }

  @Allow(CAN.managePeers)
  @Get('new')
  async newPeer(@Req() request: ApiRequest, @Res() response: Response) {
    await this.renderForm(request, response, { form: EMPTY_PEER_FORM });
  }

  @Allow(CAN.managePeers)
  @Post('new')
  async create(@Body() body: FormBody, @CurrentActor() actor: Actor, @Req() request: ApiRequest, @Res() res: Response) {
    const form = peerFormOf(body);
    const outcome = await saved(peerBody(form, body, false), CreatePeerDto, (dto) => this.peers.create(dto, actor));
    if (!refused(outcome)) return res.redirect(303, `/peers/${outcome.id}?done=added`);
    await this.renderForm(request, res, { form, problems: outcome.problems }, outcome.status);
  }

  /** The peer and their dealings; with `councilGssCode` and `role`, the pre-check's answer too. */
  @Allow(CAN.read)
  @Get(':id')
  async show(@Param('id') id: string, @Query() query: FormBody, @Req() request: ApiRequest, @Res() res: Response) {
    const peer = await this.peers.get(id);
    const asked = query.councilGssCode !== undefined || query.role !== undefined;
    const preCheck = asked ? await this.preCheck(peer, query) : undefined;
    const banner =
      query.done === 'added'
        ? `${peer.name} has been added to the peer pool.`
        : query.done === 'saved'
          ? 'Your changes have been saved.'
          : query.done === 'dealing'
            ? 'The dealing has been recorded.'
            : query.done === 'away'
              ? 'The time the peer is unavailable has been recorded.'
              : query.done === 'away-removed'
                ? 'The unavailable time has been removed.'
                : undefined;
    const status = Object.keys(preCheck?.problems ?? {}).length ? 400 : 200;
    await this.renderPeer(request, res, peer, { preCheck, banner }, status);
  }

  @Allow(CAN.managePeers)
  @Get(':id/edit')
  async edit(@Param('id') id: string, @Req() request: ApiRequest, @Res() response: Response) {
    const peer = await this.peers.get(id);
    await this.renderForm(request, response, { peer, form: peerFormFrom(peer) });
  }

  @Allow(CAN.managePeers)
  @Post(':id/edit')
  async update(
    @Param('id') id: string,
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const peer = await this.peers.get(id);
    const form = peerFormOf(body);
    const outcome = await saved(peerBody(form, body, true), UpdatePeerDto, (dto) =>
      this.peers.update(peer.id, dto, actor),
    );
    if (!refused(outcome)) return response.redirect(303, `/peers/${peer.id}?done=saved`);
    await this.renderForm(request, response, { peer, form, problems: outcome.problems }, outcome.status);
  }

  /** Records a dealing; a refusal shows the peer's page again with the form as it was sent and its problems. */
  @Allow(CAN.managePeers)
  @Post(':id/dealings')
  async addDealing(
    @Param('id') id: string,
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const peer = await this.peers.get(id);
    const form = dealingFormOf(body);
    const outcome = await saved(dealingBody(form, body), CreateDealingDto, (dto) =>
      this.peers.addDealing(peer.id, dto, actor),
    );
    if (!refused(outcome)) return response.redirect(303, `/peers/${peer.id}?done=dealing`);
    await this.renderPeer(request, response, peer, { dealing: { form, problems: outcome.problems } }, outcome.status);
  }

  /** Records a time the peer cannot serve; a refusal shows the page again with the form as sent and its problems. */
  @Allow(CAN.managePeers)
  @Post(':id/unavailability')
  async addUnavailability(
    @Param('id') id: string,
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const peer = await this.peers.get(id);
    const form = awayFormOf(body);
    const outcome = await saved(awayBody(form, body), CreateUnavailabilityDto, (dto) =>
      this.peers.addUnavailability(peer.id, dto, actor),
    );
    if (!refused(outcome)) return response.redirect(303, `/peers/${peer.id}?done=away#unavailable`);
    await this.renderPeer(request, response, peer, { away: { form, problems: outcome.problems } }, outcome.status);
  }

  @Allow(CAN.managePeers)
  @Post(':id/unavailability/:periodId/remove')
  async removeUnavailability(
    @Param('id') id: string,
    @Param('periodId') periodId: string,
    @CurrentActor() actor: Actor,
    @Res() response: Response,
  ) {
    const peer = await this.peers.get(id);
    await this.peers.removeUnavailability(peer.id, periodId, actor);
    response.redirect(303, `/peers/${peer.id}?done=away-removed#unavailable`);
  }

  /** The pre-check for the council and role asked, or the problems with the question. */
  private async preCheck(peer: PeerView, query: FormBody): Promise<PreCheckAsked> {
    const councilGssCode = searchText(query.councilGssCode, 9);
    const role = oneOf(TEAM_ROLES, query.role);
    const problems: FieldProblems = {};
    if (!councilGssCode) problems.councilGssCode = 'Choose the council';
    if (!role) problems.role = 'Choose the role';
    if (!councilGssCode || !role) return { councilGssCode, role, problems };
    try {
      const dto = Object.assign(new ConflictQuery(), { councilGssCode, role });
      return { councilGssCode, role, problems, check: await this.conflicts.preCheck(peer.id, dto, this.caseHistory) };
    } catch (error) {
      if (statusOf(error) !== 400) throw error;
      return { councilGssCode, role, problems: { councilGssCode: (error as HttpException).message } };
    }
  }

  /** The peer's page: details, dealings, the dealing form (for those who may change peers) and the pre-check. */
  private async renderPeer(
    request: ApiRequest,
    response: Response,
    peer: PeerDetail,
    page: {
      banner?: string;
      preCheck?: PreCheckAsked;
      dealing?: { form: DealingForm; problems: FieldProblems };
      away?: { form: AwayForm; problems: FieldProblems };
    },
    status = 200,
  ) {
    const councils = await this.data.councilChoices();
    const asked = page.preCheck ?? { councilGssCode: '', problems: {} };
    const check = asked.check;
    const dealing = page.dealing ?? { form: EMPTY_DEALING_FORM, problems: {} };
    const dealingErrors = problemsInWords(dealing.problems, DEALING_WORDING);
    const away = page.away ?? { form: EMPTY_AWAY_FORM, problems: {} };
    const awayErrors = problemsInWords(away.problems, AWAY_WORDING);
    await this.pages.render(
      request,
      response,
      'peers/show.njk',
      {
        title: peer.name,
        peer,
        banner: page.banner,
        summary: peerSummary(peer),
        dealings: dealingRows(peer.dealings),
        councils: [{ value: '', text: 'Choose a council' }].concat(
          councils.map((c) => ({ ...c, selected: c.value === (check?.councilGssCode ?? asked.councilGssCode) })),
        ),
        roles: [{ value: '', text: 'Choose a role' }].concat(
          TEAM_ROLES.map((r) => ({ value: r, text: humanise(r), selected: r === asked.role })),
        ),
        check: check && {
          ...check,
          councilName: councils.find((c) => c.value === check.councilGssCode)?.text ?? check.councilGssCode,
          roleName: humanise(check.role).toLowerCase(),
          findings: findingRows(check.findings),
        },
        fieldErrors: asked.problems,
        dealingForm: dealing.form,
        dealingItems: dealingFormItems(dealing.form, councils),
        dealingErrors,
        unavailability: awayRows(peer.unavailability),
        awayForm: away.form,
        awayErrors,
        errorList: [
          ...errorSummary(asked.problems),
          ...errorSummary(dealingErrors, problemHref(DEALING_PREFIX, DEALING_DATES)),
          ...errorSummary(awayErrors, problemHref(AWAY_PREFIX, DEALING_DATES)),
        ],
      },
      status,
    );
  }

  /** The add form, or with `peer` the edit form, with what was typed and each problem. */
  private async renderForm(
    request: ApiRequest,
    response: Response,
    page: { peer?: PeerView; form: PeerForm; problems?: FieldProblems },
    status = 200,
  ) {
    const problems = problemsInWords(page.problems ?? {}, PEER_WORDING);
    await this.pages.render(
      request,
      response,
      'peers/form.njk',
      {
        title: page.peer ? `Change ${page.peer.name}` : 'Add a peer',
        peer: page.peer,
        form: page.form,
        items: peerFormItems(page.form, await this.data.councilChoices()),
        fieldErrors: problems,
        errorList: errorSummary(problems, problemHref('', PEER_DATES)),
      },
      status,
    );
  }
}
