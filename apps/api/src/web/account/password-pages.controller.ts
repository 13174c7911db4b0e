import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, BeforeNewPassword, CAN, PasswordService, Public, type Principal } from '#libs/auth';
import { CurrentPrincipal, type ApiRequest } from '../../auth/request.js';
import { errorSummary, fieldProblems, formText, statusOf, type FieldProblems } from '../forms.js';
import { toErrorBody } from '../../http/error.filter.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';

type FormBody = Record<string, unknown>;

const DONE: Record<string, string> = {
  changed: 'Your password has been changed. Anywhere else you were signed in has been signed out.',
};

/** The refusals a password form shows beside its fields: 400 (a weak or missing password) and 422 (wrong current). */
function passwordProblems(error: unknown, names: Record<string, string>): FieldProblems | null {
  if (![400, 422].includes(statusOf(error))) return null;
  const said = fieldProblems(error, (field) => names[field] ?? field);
  const problems: FieldProblems = {};
  for (const [field, text] of Object.entries(said)) {
    problems[field] = text
      .replace(/^(newPassword|password) /, 'Your new password ')
      .replace(/^current password/, 'Your current password');
  }
  return Object.keys(problems).length > 0 ? problems : { [Object.values(names)[0]]: toErrorBody(error).message };
}

/**
 * Passwords in the web UI (docs/SECURITY.md, Passwords): "Forgotten your password?" from the sign-in page, the page of
 * an emailed link (opening it changes nothing; only its form's POST sets the password), and a signed-in user's own
 * change with their current password.
 */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller()
export class PasswordPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly passwords: PasswordService,
  ) {}

  @Public()
  @Get('login/forgot')
  async forgotForm(@Req() request: ApiRequest, @Res() response: Response) {
    const loginToken = this.pages.loginToken(request, response);
    await this.pages.render(request, response, 'password/forgot.njk', { loginToken, fieldErrors: {} });
  }

  /** Whatever address is given, the same answer: the page never says whether an account has it. */
  @Public()
  @Post('login/forgot')
  async forgot(@Body() body: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const email = formText(body.email).trim();
    const formExpired = !this.pages.loginTokenMatches(request, body._csrf);
    if (formExpired || !email || email.length > 320) {
      const text = formExpired
        ? 'The form has expired. Enter your email address again.'
        : email
          ? 'Email address must be 320 characters or fewer'
          : 'Enter your email address';
      const loginToken = this.pages.loginToken(request, response);
      return this.pages.render(
        request,
        response,
        'password/forgot.njk',
        { loginToken, email, fieldErrors: { email: text }, errorList: [{ text, href: '#email' }] },
        400,
      );
    }
    await this.passwords.requestReset(email, request.requestId);
    await this.pages.render(request, response, 'password/forgot-sent.njk', { email });
  }

  /** An emailed link's page: the form to choose the password, or why the link no longer works. */
  @Public()
  @Get('login/reset')
  async resetForm(@Query('token') token: unknown, @Req() request: ApiRequest, @Res() response: Response) {
    const link = await this.passwords.inspect(token);
    const loginToken = this.pages.loginToken(request, response);
    await this.pages.render(
      request,
      response,
      'password/reset.njk',
      { link, token: link ? token : '', loginToken, fieldErrors: {} },
      link ? 200 : 400,
    );
  }

  @Public()
  @Post('login/reset')
  async reset(@Body() body: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const token = formText(body.token);
    const password = formText(body.password);
    const link = await this.passwords.inspect(token);
    let fieldErrors: FieldProblems = {};
    if (!link) {
      return this.pages.render(request, response, 'password/reset.njk', { link: null, fieldErrors }, 400);
    }
    if (!this.pages.loginTokenMatches(request, body._csrf)) {
      fieldErrors.password = 'The form has expired. Enter your new password again.';
    } else if (!password) fieldErrors.password = 'Enter a new password';
    else if (password !== formText(body.confirmPassword)) {
      fieldErrors.confirmPassword = 'The passwords do not match';
    } else {
      try {
        await this.passwords.complete(token, password, request.requestId);
        return response.redirect(303, '/login?done=password');
      } catch (error) {
        const problems = passwordProblems(error, { password: 'password', token: 'password' });
        if (!problems) throw error;
        fieldErrors = problems;
      }
    }
    const loginToken = this.pages.loginToken(request, response);
    const still = await this.passwords.inspect(token);
    await this.pages.render(
      request,
      response,
      'password/reset.njk',
      { link: still, token: still ? token : '', loginToken, fieldErrors, errorList: errorSummary(fieldErrors) },
      400,
    );
  }

  @Allow(CAN.read)
  @BeforeNewPassword()
  @Get('account/password')
  async changeForm(
    @Query('done') done: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    await this.pages.render(request, response, 'password/change.njk', {
      fieldErrors: {},
      banner: typeof done === 'string' ? DONE[done] : undefined,
      chosenForYou: principal.passwordChangeRequired,
    });
  }

  @Allow(CAN.read)
  @BeforeNewPassword()
  @Post('account/password')
  async change(
    @Body() body: FormBody,
    @CurrentPrincipal() principal: Principal,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const current = formText(body.currentPassword);
    const next = formText(body.newPassword);
    let fieldErrors: FieldProblems = {};
    if (!current) fieldErrors.currentPassword = 'Enter your current password';
    if (!next) fieldErrors.newPassword = 'Enter a new password';
    else if (next !== formText(body.confirmPassword)) fieldErrors.confirmPassword = 'The new passwords do not match';
    let status = 400;
    if (Object.keys(fieldErrors).length === 0) {
      try {
        await this.passwords.change(principal, current, next, request.ip ?? 'unknown', request.requestId);
        // The first admin, with a password of their own now, sets up their second factor next.
        return response.redirect(
          303,
          principal.enrolmentOnly ? '/account/two-factor' : '/account/password?done=changed',
        );
      } catch (error) {
        const body = toErrorBody(error);
        if (body.statusCode === 429) {
          const { retryAfterSeconds } = body.details as { retryAfterSeconds: number };
          response.setHeader('Retry-After', String(retryAfterSeconds));
          fieldErrors = { currentPassword: body.message };
          status = 429;
        } else {
          const problems = passwordProblems(error, { currentPassword: 'currentPassword', newPassword: 'newPassword' });
          if (!problems) throw error;
          fieldErrors = problems;
          status = body.statusCode;
        }
      }
    }
    await this.pages.render(
      request,
      response,
      'password/change.njk',
      { fieldErrors, errorList: errorSummary(fieldErrors), chosenForYou: principal.passwordChangeRequired },
      status,
    );
  }
}
