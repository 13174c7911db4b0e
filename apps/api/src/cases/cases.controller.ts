import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import {
  CaseNoteDto,
  CasesService,
  CaseWorkflowService,
  DocumentLinkDto,
  EVENT_BODIES,
  ListCasesQuery,
  OpenCaseDto,
  RemindersService,
  type CaseEventDto,
  type EventInput,
} from '#libs/cases';
import { CurrentActor } from '../auth/request.js';
import { validationPipe } from '../http/validation.js';

const EVENT_TYPES = Object.keys(EVENT_BODIES);
const bodyPipe = validationPipe();

/** Checks an event body against the class for its type: 400 naming each bad field. */
async function validEvent(body: unknown): Promise<CaseEventDto & EventInput> {
  const type = (body as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !EVENT_TYPES.includes(type)) {
    const problem = `type must be one of: ${EVENT_TYPES.join(', ')}`;
    throw new BadRequestException({ message: problem, details: [{ field: 'type', problems: [problem] }] });
  }
  const metatype = EVENT_BODIES[type as keyof typeof EVENT_BODIES]!;
  return (await bodyPipe.transform(body, { type: 'body', metatype })) as CaseEventDto & EventInput;
}

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
