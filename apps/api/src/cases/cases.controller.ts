import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import {
  CaseNoteDto,
  CasesService,
  CaseWorkflowService,
  DocumentLinkDto,
  ListCasesQuery,
  OpenCaseDto,
  RemindersService,
  type EventInput,
} from '#libs/cases';
import { CurrentActor } from '../auth/request.js';
import { validEvent } from './event-body.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly workflow: CaseWorkflowService,
    private readonly reminders: RemindersService,
  ) {}

  @Allow(CAN.changeCases)
  @Post()
  open(@Body() dto: OpenCaseDto, @CurrentActor() actor: Actor) {
    return this.cases.open(dto, actor);
  }

  @Allow(CAN.read)
  @Get()
  list(@Query() query: ListCasesQuery) {
    return this.cases.list(query);
  }

  @Allow(CAN.read)
  @Get(':id')
  get(@Param('id') id: string) {
    return this.cases.get(id);
  }

  @Allow(CAN.read)
  @Get(':id/timeline')
  timeline(@Param('id') id: string) {
    return this.cases.timeline(id);
  }

  @Allow(CAN.read)
  @Get(':id/reminders')
  async remindersOf(@Param('id') id: string) {
    await this.cases.load(id);
    return this.reminders.list(id);
  }

  @Allow(CAN.changeCases)
  @Post(':id/events')
  @HttpCode(200)
  @ApiBody({ description: '{ type, expectedVersion, …payload }: see the events table in docs/API.md' })
  async event(@Param('id') id: string, @Body() body: unknown, @CurrentActor() actor: Actor) {
    const { expectedVersion, ...event } = await validEvent(body);
    return this.workflow.apply(id, event as EventInput, expectedVersion, actor);
  }

  @Allow(CAN.changeCases)
  @Post(':id/notes')
  note(@Param('id') id: string, @Body() dto: CaseNoteDto, @CurrentActor() actor: Actor) {
    return this.workflow.apply(id, { type: 'ADD_NOTE', text: dto.text }, 'latest', actor);
  }

  @Allow(CAN.changeCases)
  @Post(':id/documents')
  document(@Param('id') id: string, @Body() dto: DocumentLinkDto, @CurrentActor() actor: Actor) {
    return this.workflow.apply(
      id,
      { type: 'ADD_DOCUMENT', kind: dto.kind, title: dto.title, url: dto.url },
      'latest',
      actor,
    );
  }
}
