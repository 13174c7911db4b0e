import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CouncilNeighbour } from './council-neighbour.entity.js';
import { CouncilSuccession } from './council-succession.entity.js';
import { Council } from './council.entity.js';
import { CouncilsService } from './councils.service.js';
import { CouncilRegisterLoader } from './register/register-loader.js';

export const COUNCIL_ENTITIES = [Council, CouncilSuccession, CouncilNeighbour];

@Module({
  imports: [TypeOrmModule.forFeature(COUNCIL_ENTITIES)],
  providers: [CouncilsService, CouncilRegisterLoader],
  exports: [CouncilsService, CouncilRegisterLoader],
})
export class CouncilsModule {}
