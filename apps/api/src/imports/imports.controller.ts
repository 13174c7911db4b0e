import { BadRequestException, Body, Controller, Headers, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { HistoryImportService, rowsFromCsv } from '#libs/cases';
import { CouncilFactsService } from '#libs/councils';
import { CurrentActor } from '../auth/request.js';
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

/** The rows of a CSV body (the file's line numbers) or a JSON array (positions from 1); a 400 for anything else. */
function rowsOf(body: unknown, contentType: string | undefined, what: string) {
  if (contentType?.startsWith('text/csv')) {
    try {
      return rowsFromCsv(typeof body === 'string' ? body : '');
    } catch (error) {
      throw new BadRequestException(`The CSV cannot be read: ${(error as Error).message}`);
    }
  }
  if (!Array.isArray(body)) {
    throw new BadRequestException(`Send a JSON array of ${what}, or CSV with Content-Type: text/csv`);
  }
  return body.map((row, index) => ({ line: index + 1, row }));
}
