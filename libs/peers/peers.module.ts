import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { CouncilsModule } from '#libs/councils';
import { checksConfig, suggestionsConfig } from '#libs/platform';
import { PeerConflictsService } from './peer-conflicts.service.js';
import { PeerDealing } from './peer-dealing.entity.js';
import { PeerUnavailability } from './peer-unavailability.entity.js';
import { Peer } from './peer.entity.js';
import { PeersService } from './peers.service.js';

@Module({
  imports: [
    ConfigModule.forFeature(checksConfig),
    ConfigModule.forFeature(suggestionsConfig),
    TypeOrmModule.forFeature([Peer, PeerDealing, PeerUnavailability]),
    AuditModule,
    CouncilsModule,
  ],
  providers: [PeersService, PeerConflictsService],
  exports: [PeersService, PeerConflictsService],
})
export class PeersModule {}
