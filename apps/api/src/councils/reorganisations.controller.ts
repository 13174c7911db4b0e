import { Body, Controller, Get, Headers, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { REORGANISATION_FIELDS, ReorganisationsService } from '#libs/councils';
import { CurrentActor } from '../auth/request.js';
import { rowsOf } from '../http/import-body.js';
import { Answer } from '../http/openapi/answer.decorator.js';

/** The register's reorganisations, past and scheduled, and an admin's way to apply new ones (docs/DOMAIN.md). */
@ApiTags('councils')
@ApiBearerAuth()
@Controller('reorganisations')
export class ReorganisationsController {
  constructor(private readonly reorganisations: ReorganisationsService) {}

  @Allow(CAN.read)
  @Answer(200, 'Reorganisations')
  @Get()
  async list() {
    return { reorganisations: await this.reorganisations.list() };
  }

  @Allow(CAN.administer)
  @Answer(201, 'ReorganisationApplied')
  @Post()
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    description:
      `CSV with a header line ${REORGANISATION_FIELDS.join(',')} (end_date optional), one row per predecessor ` +
      'and successor, or a JSON array of objects with those fields; all or nothing',
  })
  apply(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @CurrentActor() actor: Actor) {
    return this.reorganisations.apply(rowsOf(body, contentType, 'reorganisation rows'), actor);
  }
}
