import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#libs/auth';
import { NudgesService, type UnsubscribeLink } from '#libs/nudges';
import type { ApiRequest } from '../../auth/request.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';

const PAGES = {
  invalid: { status: 400, title: 'This link is not valid' },
  expired: { status: 410, title: 'This link has expired' },
} as const;

/**
 * Unsubscribing from nudges as mail providers expect (RFC 8058). The link in a nudge opens a page whose button
 * POSTs; a GET changes nothing, so a mail gateway's link scanner cannot opt a council out. The same URL takes the
 * one-click POST (`List-Unsubscribe=One-Click`) a mail provider sends from its own button: public, without a
 * CSRF token or cookies, authenticated only by the signed token in its query (a form field for the page's button).
 */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('unsubscribe')
export class UnsubscribePageController {
  constructor(
    private readonly nudges: NudgesService,
    private readonly pages: Pages,
  ) {}

  @Public()
  @Get()
  async show(@Query('token') token: unknown, @Req() request: ApiRequest, @Res() response: Response) {
    const link = await this.nudges.checkUnsubscribe(token);
    if (link.status !== 'valid') return this.refuse(request, response, link);
    await this.pages.render(request, response, 'nudges/unsubscribe.njk', {
      title: link.suppressed ? 'You have already stopped these emails' : 'Stop emails about peer challenges',
      state: link.suppressed ? 'already' : 'confirm',
      name: link.name,
      token,
    });
  }

  @Public()
  @Post()
  async unsubscribe(
    @Query('token') fromQuery: unknown,
    @Body() body: Record<string, unknown> | undefined,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const oneClick = body?.['List-Unsubscribe'] === 'One-Click' || body?.token === undefined;
    const token = typeof fromQuery === 'string' ? fromQuery : body?.token;
    const link = await this.nudges.unsubscribe(token, oneClick ? 'one-click' : 'email link');
    if (link.status !== 'valid') return this.refuse(request, response, link);
    await this.pages.render(request, response, 'nudges/unsubscribe.njk', {
      title: 'You will not get these emails again',
      state: 'done',
      name: link.name,
    });
  }

  private async refuse(request: ApiRequest, response: Response, link: Exclude<UnsubscribeLink, { status: 'valid' }>) {
    const { status, title } = PAGES[link.status];
    await this.pages.render(request, response, 'nudges/unsubscribe.njk', { title, state: link.status }, status);
  }
}
