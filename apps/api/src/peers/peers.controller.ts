import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { CaseHistoryService } from '#libs/cases';
import {
  ConflictQuery,
  CreateDealingDto,
  CreatePeerDto,
  CreateUnavailabilityDto,
  ListPeersQuery,
  PeerConflictsService,
  PeersService,
  UpdatePeerDto,
} from '#libs/peers';
import { CurrentActor } from '../auth/request.js';
import { Answer } from '../http/openapi/answer.decorator.js';

@ApiTags('peers')
@ApiBearerAuth()
@Controller('peers')
export class PeersController {
  constructor(
    private readonly peers: PeersService,
    private readonly conflicts: PeerConflictsService,
    private readonly caseHistory: CaseHistoryService,
  ) {}

  @Allow(CAN.managePeers)
  @Answer(201, 'Peer')
  @Post()
  create(@Body() dto: CreatePeerDto, @CurrentActor() actor: Actor) {
    return this.peers.create(dto, actor);
  }

  @Allow(CAN.read)
  @Answer(200, 'PeerList')
  @Get()
  list(@Query() query: ListPeersQuery) {
    return this.peers.list(query);
  }

  @Allow(CAN.read)
  @Answer(200, 'Peer')
  @Get(':id')
  get(@Param('id') id: string) {
    return this.peers.get(id);
  }

  @Allow(CAN.managePeers)
  @Answer(200, 'Peer')
  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdatePeerDto, @CurrentActor() actor: Actor) {
    return this.peers.update(id, dto, actor);
  }

  @Allow(CAN.managePeers)
  @Answer(201, 'Dealing')
  @Post(':id/dealings')
  addDealing(@Param('id') id: string, @Body() dto: CreateDealingDto, @CurrentActor() actor: Actor) {
    return this.peers.addDealing(id, dto, actor);
  }

  @Allow(CAN.managePeers)
  @Answer(201, 'Unavailability')
  @Post(':id/unavailability')
  addUnavailability(@Param('id') id: string, @Body() dto: CreateUnavailabilityDto, @CurrentActor() actor: Actor) {
    return this.peers.addUnavailability(id, dto, actor);
  }

  @Allow(CAN.managePeers)
  @Answer(204, null)
  @Delete(':id/unavailability/:periodId')
  @HttpCode(204)
  removeUnavailability(@Param('id') id: string, @Param('periodId') periodId: string, @CurrentActor() actor: Actor) {
    return this.peers.removeUnavailability(id, periodId, actor);
  }

  @Allow(CAN.read)
  @Answer(200, 'ConflictPreCheck')
  @Get(':id/conflicts')
  preCheck(@Param('id') id: string, @Query() query: ConflictQuery) {
    return this.conflicts.preCheck(id, query, this.caseHistory);
  }
}
