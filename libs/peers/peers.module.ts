import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { CouncilsModule } from '#libs/councils';
import { checksConfig } from '#libs/platform';
import { PeerConflictsService } from './peer-conflicts.service.js';
import { PeerDealing } from './peer-dealing.entity.js';
import { Peer } from './peer.entity.js';
import { PeersService } from './peers.service.js';

@Module({
  imports: [
    ConfigModule.forFeature(checksConfig),
    TypeOrmModule.forFeature([Peer, PeerDealing]),
    AuditModule,
    CouncilsModule,
  ],
  providers: [PeersService, PeerConflictsService],
  exports: [PeersService, PeerConflictsService],
})
export class PeersModule {}
