import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN, DuringEnrolment, TwoFactorService, type Principal, type TwoFactorSetup } from '#libs/auth';
import { CurrentActor, CurrentPrincipal, type ApiRequest } from '../../auth/request.js';
import { formText, statusOf } from '../forms.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';

type FormBody = Record<string, unknown>;

const DONE: Record<string, string> = {
  on: 'Two-factor authentication is on. You will be asked for a code from your app each time you sign in.',
  off: 'Two-factor authentication is off.',
};

/**
 * Each user's own second factor (docs/SECURITY.md, Second factor): its status, setting up an authenticator app from a
 * QR code, turning it off. An admin signed in without one lands here and may go nowhere else until it is set up.
 */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Allow(CAN.read)
@Controller('account/two-factor')
export class TwoFactorPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly twoFactor: TwoFactorService,
  ) {}

  @DuringEnrolment()
  @Get()
  async show(
    @Query('done') done: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    await this.renderStatus(request, response, principal, {
      banner: typeof done === 'string' ? DONE[done] : undefined,
    });
  }

  /** A new secret, shown as a QR code, with the field for the first code. */
  @DuringEnrolment()
  @Post('setup')
  async setup(@CurrentPrincipal() principal: Principal, @Req() request: ApiRequest, @Res() response: Response) {
    await this.renderSetup(request, response, await this.twoFactor.begin(principal.userId));
  }

  @DuringEnrolment()
  @Post('confirm')
  async confirm(
    @Body() body: FormBody,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    try {
      await this.twoFactor.confirm(principal.userId, formText(body.code), actor);
      return response.redirect(303, '/account/two-factor?done=on');
    } catch (error) {
      if (statusOf(error) !== 422) throw error;
      const setup = await this.twoFactor.pending(principal.userId);
      if (!setup) return response.redirect(303, '/account/two-factor');
      await this.renderSetup(request, response, setup, (error as Error).message, 422);
    }
  }

  @Post('remove')
  async remove(
    @Body() body: FormBody,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    try {
      await this.twoFactor.remove(principal.userId, formText(body.code), actor);
      return response.redirect(303, '/account/two-factor?done=off');
    } catch (error) {
      const status = statusOf(error);
      if (![403, 422].includes(status)) throw error;
      await this.renderStatus(request, response, principal, { error: (error as Error).message }, status);
    }
  }

  private async renderStatus(
    request: ApiRequest,
    response: Response,
    principal: Principal,
    page: { banner?: string; error?: string },
    status = 200,
  ) {
    await this.pages.render(
      request,
      response,
      'account/two-factor.njk',
      {
        status: await this.twoFactor.status(principal.userId),
        enrolmentOnly: principal.enrolmentOnly,
        banner: page.banner,
        codeError: page.error,
        errorList: page.error ? [{ text: page.error, href: '#code' }] : [],
      },
      status,
    );
  }

  private async renderSetup(
    request: ApiRequest,
    response: Response,
    setup: TwoFactorSetup,
    error?: string,
    status = 200,
  ) {
    await this.pages.render(
      request,
      response,
      'account/two-factor-setup.njk',
      { setup, codeError: error, errorList: error ? [{ text: error, href: '#code' }] : [] },
      status,
    );
  }
}
