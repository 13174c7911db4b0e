import { Body, Controller, Headers, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { HistoryImportService } from '#libs/cases';
import { CouncilFactsService } from '#libs/councils';
import { CurrentActor } from '../auth/request.js';
import { rowsOf } from '../http/import-body.js';
import { Answer } from '../http/openapi/answer.decorator.js';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly history: HistoryImportService,
    private readonly facts: CouncilFactsService,
  ) {}

  @Allow(CAN.administer)
  @Answer(201, 'FactsImported')
  @Post('council-facts')
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    description:
      'CSV with a header line gssCode,kind,value,from (kind political_control or lga_membership), or a JSON ' +
      'array of { gssCode, kind, value, from }; all or nothing',
  })
  councilFacts(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    return this.facts.import(rowsOf(body, contentType, 'council facts'), actor);
  }

  @Allow(CAN.administer)
  @Answer(201, 'ChallengesImported')
  @Post('peer-challenges')
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({
    description:
      'A JSON array of { councilGssCode, type, onsiteStart, onsiteEnd?, feedbackPresented?, reportPublished? }, ' +
      'or CSV with those columns and a header line',
  })
  async peerChallenges(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    return this.history.import(rowsOf(body, contentType, 'peer challenges'), actor);
  }
}
