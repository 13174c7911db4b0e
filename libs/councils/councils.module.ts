import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { CheckInputs } from './check-inputs.js';
import { CouncilArrangement } from './council-arrangement.entity.js';
import { CouncilNeighbour } from './council-neighbour.entity.js';
import { CouncilFactsService } from './council-facts.service.js';
import { CouncilNote } from './council-note.entity.js';
import { CouncilRecordsService } from './council-records.service.js';
import { CouncilRelationshipsService } from './council-relationships.service.js';
import { CouncilSuccession } from './council-succession.entity.js';
import { Council } from './council.entity.js';
import { CouncilsService } from './councils.service.js';
import { CouncilRegisterLoader } from './register/register-loader.js';
import { Reorganised } from './reorganised.js';
import { ReorganisationsService } from './reorganisations.service.js';

export const COUNCIL_ENTITIES = [Council, CouncilSuccession, CouncilNeighbour, CouncilNote, CouncilArrangement];

@Module({
  imports: [TypeOrmModule.forFeature(COUNCIL_ENTITIES), AuditModule],
  providers: [
    CouncilsService,
    CouncilRecordsService,
    CouncilRelationshipsService,
    CouncilRegisterLoader,
    CouncilFactsService,
    CheckInputs,
    Reorganised,
    ReorganisationsService,
  ],
  exports: [
    CouncilsService,
    CouncilRecordsService,
    CouncilRelationshipsService,
    CouncilRegisterLoader,
    CouncilFactsService,
    CheckInputs,
    Reorganised,
    ReorganisationsService,
  ],
})
export class CouncilsModule {}
