import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN, type Principal } from '#libs/auth';
import {
  briefingPackDocument,
  BriefingPackService,
  CaseNoteDto,
  CasesService,
  CaseWorkflowService,
  DocumentLinkDto,
  ListCasesQuery,
  OpenCaseDto,
  RemindersService,
  type EventInput,
} from '#libs/cases';
import { CurrentActor, CurrentPrincipal, type ApiRequest } from '../auth/request.js';
import { Idempotency } from '../http/idempotency.js';
import { validEvent } from './event-body.js';
import { Answer, schemaRef } from '../http/openapi/answer.decorator.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly workflow: CaseWorkflowService,
    private readonly reminders: RemindersService,
    private readonly idempotency: Idempotency,
    private readonly briefing: BriefingPackService,
  ) {}

  @Allow(CAN.changeCases)
  @Answer(201, 'Case')
  @Post()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'the same key (per user, 24 hours) returns the first answer and opens nothing new',
  })
  async open(
    @Body() dto: OpenCaseDto,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const answer = await this.idempotency.run(
      { userId: principal.userId, route: 'POST /cases', key, body: request.body },
      201,
      () => this.cases.open(dto, actor),
    );
    if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.status(answer.status);
    return answer.body;
  }

  @Allow(CAN.read)
  @Answer(200, 'CaseList')
  @Get()
  list(@Query() query: ListCasesQuery) {
    return this.cases.list(query);
  }

  @Allow(CAN.read)
  @Answer(200, 'Case')
  @Get(':id')
  get(@Param('id') id: string) {
    return this.cases.get(id);
  }

  @Allow(CAN.read)
  @Answer(200, 'Timeline')
  @Get(':id/timeline')
  timeline(@Param('id') id: string) {
    return this.cases.timeline(id);
  }

  @Allow(CAN.read)
  @Answer(200, 'Reminders')
  @Get(':id/reminders')
  async remindersOf(@Param('id') id: string) {
    await this.cases.load(id);
    return this.reminders.list(id);
  }

  /** The team's briefing pack as a Word document; each download is audited. */
  @Allow(CAN.briefTeams)
  @Answer(200, null, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @Get(':id/briefing-pack.docx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  async briefingPack(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    const pack = await this.briefing.pack(id, actor);
    const name = `briefing-pack-${pack.council.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${pack.generatedOn}`;
    response
      .setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .setHeader('Content-Disposition', `attachment; filename="${name}.docx"`)
      .setHeader('Cache-Control', 'no-store')
      .send(await briefingPackDocument(pack));
  }

  @Allow(CAN.changeCases)
  @Answer(200, 'Case')
  @Post(':id/events')
  @HttpCode(200)
  @ApiBody({
    description: '{ type, expectedVersion, …payload }: one schema per type; see the events table in docs/API.md',
    schema: schemaRef('CaseEvent'),
  })
  async event(@Param('id') id: string, @Body() body: unknown, @CurrentActor() actor: Actor) {
    const { expectedVersion, ...event } = await validEvent(body);
    return this.workflow.apply(id, event as EventInput, expectedVersion, actor);
  }

  @Allow(CAN.changeCases)
  @Answer(201, 'Case')
  @Post(':id/notes')
  note(@Param('id') id: string, @Body() dto: CaseNoteDto, @CurrentActor() actor: Actor) {
    return this.workflow.apply(id, { type: 'ADD_NOTE', text: dto.text }, 'latest', actor);
  }

  @Allow(CAN.changeCases)
  @Answer(201, 'Case')
  @Post(':id/documents')
  document(@Param('id') id: string, @Body() dto: DocumentLinkDto, @CurrentActor() actor: Actor) {
    return this.workflow.apply(
      id,
      { type: 'ADD_DOCUMENT', kind: dto.kind, title: dto.title, url: dto.url, receivedOn: dto.receivedOn },
      'latest',
      actor,
    );
  }
}
