import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { CouncilHistoryService } from '#libs/cases';
import {
  CouncilFactDto,
  CouncilFactsService,
  CouncilNoteDto,
  CouncilRecordsService,
  CouncilRelationshipsService,
  CreateArrangementDto,
  CouncilsService,
  ListCouncilsQuery,
  UpdateCouncilDto,
} from '#libs/councils';
import { CurrentActor } from '../auth/request.js';
import { Answer } from '../http/openapi/answer.decorator.js';

@ApiTags('councils')
@ApiBearerAuth()
@Controller('councils')
export class CouncilsController {
  constructor(
    private readonly councils: CouncilsService,
    private readonly records: CouncilRecordsService,
    private readonly councilRelationships: CouncilRelationshipsService,
    private readonly councilHistory: CouncilHistoryService,
    private readonly facts: CouncilFactsService,
  ) {}

  @Allow(CAN.read)
  @Answer(200, 'CouncilList')
  @Get()
  list(@Query() query: ListCouncilsQuery) {
    return this.councils.list(query);
  }

  @Allow(CAN.read)
  @Answer(200, 'Council')
  @Get(':gssCode')
  get(@Param('gssCode') gssCode: string) {
    return this.councils.get(gssCode);
  }

  @Allow(CAN.administer)
  @Answer(200, 'Council')
  @Patch(':gssCode')
  update(@Param('gssCode') gssCode: string, @Body() dto: UpdateCouncilDto, @CurrentActor() actor: Actor) {
    return this.records.update(gssCode, dto, actor);
  }

  @Allow(CAN.read)
  @Answer(200, 'CouncilHistoryAnswer')
  @Get(':gssCode/history')
  history(@Param('gssCode') gssCode: string, @CurrentActor() actor: Actor) {
    return this.councilHistory.history(gssCode, actor);
  }

  @Allow(CAN.read)
  @Answer(200, 'Relationships')
  @Get(':gssCode/relationships')
  relationships(@Param('gssCode') gssCode: string) {
    return this.councilRelationships.get(gssCode);
  }

  @Allow(CAN.administer)
  @Answer(201, 'Arrangement')
  @Post(':gssCode/relationships')
  addRelationship(@Param('gssCode') gssCode: string, @Body() dto: CreateArrangementDto, @CurrentActor() actor: Actor) {
    return this.councilRelationships.add(gssCode, dto, actor);
  }

  @Allow(CAN.read)
  @Answer(200, 'Facts')
  @Get(':gssCode/facts')
  async listFacts(@Param('gssCode') gssCode: string) {
    return this.facts.list((await this.councils.find(gssCode)).gssCode);
  }

  @Allow(CAN.administer)
  @Answer(201, 'Facts')
  @Post(':gssCode/facts')
  async recordFact(@Param('gssCode') gssCode: string, @Body() dto: CouncilFactDto, @CurrentActor() actor: Actor) {
    const { gssCode: code } = await this.councils.find(gssCode);
    return this.facts.record({ gssCode: code, ...dto }, actor);
  }

  @Allow(CAN.writeCouncilNotes)
  @Answer(201, 'CouncilNote')
  @Post(':gssCode/notes')
  addNote(@Param('gssCode') gssCode: string, @Body() dto: CouncilNoteDto, @CurrentActor() actor: Actor) {
    return this.records.addNote(gssCode, dto.text, actor, dto.forTeam ?? false);
  }
}
