import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Actor } from '#libs/audit';
import { Allow, CAN, Public } from '#libs/auth';
import { NudgesService } from '#libs/nudges';
import { IsCalendarDate } from '#libs/platform';
import { CurrentActor } from '../auth/request.js';
import { Answer } from '../http/openapi/answer.decorator.js';

class PreviewQuery {
  @ApiPropertyOptional({ description: 'the day to reckon on (default today)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

class UnsubscribeQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;
}

@ApiTags('nudges')
@Controller()
export class NudgesController {
  constructor(private readonly nudges: NudgesService) {}

  @ApiBearerAuth()
  @Allow(CAN.read)
  @Answer(200, 'NudgesPreview')
  @Get('nudges/preview')
  preview(@Query() query: PreviewQuery) {
    return this.nudges.preview(query.asOf);
  }

  @ApiBearerAuth()
  @Allow(CAN.administer)
  @Answer(200, 'NudgesRun')
  @Post('nudges/run')
  @HttpCode(200)
  run(@CurrentActor() actor: Actor) {
    return this.nudges.run(actor);
  }

  /**
   * The link of nudges sent before the web page took over: it changes nothing and sends the browser to the page,
   * whose button opts out (a GET must not: mail gateways' link scanners follow links).
   */
  @Public()
  @Answer(303, null)
  @Get('unsubscribe')
  @Header('Cache-Control', 'no-store')
  unsubscribe(@Query() query: UnsubscribeQuery, @Res() response: Response) {
    response.redirect(303, query.token ? `/unsubscribe?token=${encodeURIComponent(query.token)}` : '/unsubscribe');
  }
}
