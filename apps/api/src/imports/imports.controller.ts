import { BadRequestException, Body, Controller, Headers, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { HistoryImportService, rowsFromCsv } from '#libs/cases';
import { CurrentActor } from '../auth/request.js';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly history: HistoryImportService) {}

  @Allow(CAN.administer)
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
    if (contentType?.startsWith('text/csv')) {
      let rows;
      try {
        rows = rowsFromCsv(typeof body === 'string' ? body : '');
      } catch (error) {
        throw new BadRequestException(`The CSV cannot be read: ${(error as Error).message}`);
      }
      return this.history.import(rows, actor);
    }
    if (!Array.isArray(body)) {
      throw new BadRequestException('Send a JSON array of peer challenges, or CSV with Content-Type: text/csv');
    }
    return this.history.import(
      body.map((row, index) => ({ line: index + 1, row })),
      actor,
    );
  }
}
