import { Controller, Get, HttpException, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CAN } from '#libs/auth';
import { CaseHistoryService } from '#libs/cases';
import {
  ConflictQuery,
  ListPeersQuery,
  PEER_KINDS,
  PeerConflictsService,
  PeersService,
  TEAM_ROLES,
  type PreCheck,
} from '#libs/peers';
import type { ApiRequest } from '../../auth/request.js';
import { humanise } from '../cases/case-page.js';
import { CasePageData } from '../cases/case-page.data.js';
import { choices, oneOf, pageNumber, pagination, searchText, type Query as FormBody } from '../lists.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { dealingRows, findingRows, peerRows, peerSummary } from './peer-page.js';

const PAGE_SIZE = 25;

/** The peer pool, each peer's dealings, and the pre-check "can this peer serve council X as Y?". */
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

  /** The peer and their dealings; with `councilGssCode` and `role`, the pre-check's answer too. */
  @Allow(CAN.read)
  @Get(':id')
  async show(@Param('id') id: string, @Query() query: FormBody, @Req() request: ApiRequest, @Res() res: Response) {
    const peer = await this.peers.get(id);
    const asked = query.councilGssCode !== undefined || query.role !== undefined;
    const councilGssCode = searchText(query.councilGssCode, 9);
    const role = oneOf(TEAM_ROLES, query.role);
    const fieldErrors: Record<string, string> = {};
    let check: PreCheck | undefined;
    if (asked) {
      if (!councilGssCode) fieldErrors.councilGssCode = 'Choose the council';
      if (!role) fieldErrors.role = 'Choose the role';
      if (councilGssCode && role) {
        try {
          const dto = Object.assign(new ConflictQuery(), { councilGssCode, role });
          check = await this.conflicts.preCheck(peer.id, dto, this.caseHistory);
        } catch (error) {
          if (!(error instanceof HttpException) || error.getStatus() !== 400) throw error;
          fieldErrors.councilGssCode = (error.getResponse() as { message: string }).message;
        }
      }
    }
    const councils = await this.data.councilChoices();
    await this.pages.render(
      request,
      res,
      'peers/show.njk',
      {
        title: peer.name,
        peer,
        summary: peerSummary(peer),
        dealings: dealingRows(peer.dealings),
        councils: [{ value: '', text: 'Choose a council' }].concat(
          councils.map((c) => ({ ...c, selected: c.value === (check?.councilGssCode ?? councilGssCode) })),
        ),
        roles: [{ value: '', text: 'Choose a role' }].concat(
          TEAM_ROLES.map((r) => ({ value: r, text: humanise(r), selected: r === role })),
        ),
        check: check && {
          ...check,
          councilName: councils.find((c) => c.value === check!.councilGssCode)?.text ?? check.councilGssCode,
          roleName: humanise(check.role).toLowerCase(),
          findings: findingRows(check.findings),
        },
        fieldErrors,
        errorList: Object.entries(fieldErrors).map(([field, text]) => ({ text, href: `#${field}` })),
      },
      Object.keys(fieldErrors).length ? 400 : 200,
    );
  }
}
