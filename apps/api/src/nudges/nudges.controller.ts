import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Actor } from '#libs/audit';
import { Allow, CAN, Public } from '#libs/auth';
import { NudgesService } from '#libs/nudges';
import { IsCalendarDate } from '#libs/platform';
import { CurrentActor } from '../auth/request.js';

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

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c;margin:0">
<div style="background:#0b0c0c;color:#fff;padding:12px 20px;font-weight:bold">LGA Peer Challenge</div>
<main style="padding:20px;max-width:640px"><h1 style="font-size:32px">${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></main>
</body></html>`;
}

@ApiTags('nudges')
@Controller()
export class NudgesController {
  constructor(private readonly nudges: NudgesService) {}

  @ApiBearerAuth()
  @Allow(CAN.read)
  @Get('nudges/preview')
  preview(@Query() query: PreviewQuery) {
    return this.nudges.preview(query.asOf);
  }

  @ApiBearerAuth()
  @Allow(CAN.administer)
  @Post('nudges/run')
  @HttpCode(200)
  run(@CurrentActor() actor: Actor) {
    return this.nudges.run(actor);
  }

  /** The link in every nudge: a plain page, no sign-in. */
  @Public()
  @Get('unsubscribe')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async unsubscribe(@Query() query: UnsubscribeQuery, @Res({ passthrough: true }) response: Response) {
    const name = query.token ? await this.nudges.unsubscribe(query.token) : null;
    if (!name) {
      response.status(400);
      return page(
        'This link is not valid',
        'The link may be incomplete. Copy the whole link from the email, or reply to the email to ask us to stop.',
      );
    }
    return page(
      'You will not get these emails again',
      `${name} will no longer receive emails from the LGA about arranging a corporate peer challenge.`,
    );
  }
}
