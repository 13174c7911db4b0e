import { Body, Controller, Get, HttpException, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import {
  Allow,
  CAN,
  CreateUserDto,
  ListUsersQuery,
  PasswordService,
  ROLES,
  UpdateUserDto,
  UsersService,
  type UserView,
} from '#libs/auth';
import { REGIONS } from '#libs/councils';
import { CurrentActor, type ApiRequest } from '../../auth/request.js';
import {
  errorSummary,
  fieldProblems,
  formBoolean,
  problemsOf,
  reasonsOf,
  statusOf,
  validBody,
  type FieldProblems,
} from '../forms.js';
import { choices, oneOf, pageNumber, pagination, type Query as FormBody } from '../lists.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';
import {
  formFromUser,
  formOf,
  inFormOrder,
  regionItems,
  roleItems,
  roleName,
  userRows,
  type UserForm,
} from './user-page.js';

const PAGE_SIZE = 25;
const ACTIVE = ['true', 'false'] as const;

/** The problems of the API's refusal of a valid form: a 400 per field, a 409 (email taken), a 422 (an admin must remain). */
function refusalProblems(error: unknown, form: UserForm): FieldProblems {
  const status = statusOf(error);
  if (status === 400) return fieldProblems(error as HttpException);
  if (status === 409) return { email: (error as HttpException).message };
  if (status === 422) return { [form.active === 'false' ? 'active' : 'roles']: reasonsOf(error).join('. ') };
  throw error;
}

/**
 * Saves a form that has no problems, returning where to go next; otherwise, or when the API refuses it, the
 * problems and the status to show them with.
 */
async function attempt(
  problems: FieldProblems,
  form: UserForm,
  save: () => Promise<string>,
): Promise<string | { problems: FieldProblems; status: number }> {
  if (Object.keys(problems).length > 0) return { problems, status: 400 };
  try {
    return await save();
  } catch (error) {
    return { problems: refusalProblems(error, form), status: statusOf(error) };
  }
}

/** Adding, finding and changing users (admin only), with the API's own validation and `UsersService`. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('admin/users')
export class UserPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly pages: Pages,
    private readonly passwords: PasswordService,
  ) {}

  @Allow(CAN.administer)
  @Get()
  async list(@Query() query: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const role = oneOf(ROLES, query.role);
    const region = oneOf(REGIONS, query.region);
    const active = oneOf(ACTIVE, query.active);
    const page = pageNumber(query.page);
    const found = await this.users.list(
      Object.assign(new ListUsersQuery(), { role, region, active, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    );
    await this.pages.render(request, response, 'admin/users.njk', {
      title: 'Users',
      total: found.total,
      rows: userRows(found.items),
      roles: choices('Any role', ROLES, role, roleName),
      regions: choices('Any region', REGIONS, region),
      actives: choices('Any', ACTIVE, active, (a) => (a === 'true' ? 'Active' : 'Deactivated')),
      pagination: pagination('/admin/users', { role, region, active }, page, found.total, PAGE_SIZE),
    });
  }

  @Allow(CAN.administer)
  @Get('new')
  async newUser(@Req() request: ApiRequest, @Res() response: Response) {
    await this.renderForm(request, response, { form: { name: '', email: '', roles: [], region: '', active: 'true' } });
  }

  @Allow(CAN.administer)
  @Post('new')
  async create(@Body() body: FormBody, @CurrentActor() actor: Actor, @Req() request: ApiRequest, @Res() res: Response) {
    const form = formOf(body);
    const dto = { name: form.name, email: form.email, roles: form.roles, region: form.region || undefined };
    const problems = await problemsOf(() => validBody(dto, CreateUserDto));
    const outcome = await attempt(problems, form, async () => {
      const user = await this.users.create(await validBody(dto, CreateUserDto), actor);
      return `/admin/users/${user.id}?done=added`;
    });
    if (typeof outcome === 'string') return res.redirect(303, outcome);
    await this.renderForm(request, res, { form, problems: outcome.problems }, outcome.status);
  }

  @Allow(CAN.administer)
  @Get(':id')
  async show(@Param('id') id: string, @Query('done') done: unknown, @Req() req: ApiRequest, @Res() res: Response) {
    const user = await this.users.get(id);
    const banner =
      done === 'added'
        ? `${user.name} has been added. We have emailed them an invitation to choose their password; the link ` +
          'works for 7 days.'
        : done === 'saved'
          ? 'Your changes have been saved.'
          : done === 'link-sent'
            ? `We have emailed ${user.name} a link to choose a password. Their current password, if any, keeps ` +
              'working until they use it.'
            : undefined;
    await this.renderForm(req, res, { user, form: formFromUser(user), banner });
  }

  /** Emails the user a link to choose a password (an invitation, or a reset): admins never type one. */
  @Allow(CAN.administer)
  @Post(':id/password-link')
  async sendPasswordLink(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    await this.passwords.sendLink(id, actor);
    response.redirect(303, `/admin/users/${id}?done=link-sent`);
  }

  /** Changes the user; deactivating them ends their sessions. */
  @Allow(CAN.administer)
  @Post(':id')
  async update(
    @Param('id') id: string,
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const user = await this.users.get(id);
    const form = formOf(body);
    const active = formBoolean(form.active);
    const dto = { name: form.name, roles: form.roles, region: form.region || null, active };
    const problems = await problemsOf(() => validBody(dto, UpdateUserDto));
    const outcome = await attempt(problems, form, async () => {
      await this.users.update(id, await validBody(dto, UpdateUserDto), actor);
      return `/admin/users/${id}?done=saved`;
    });
    if (typeof outcome === 'string') return response.redirect(303, outcome);
    await this.renderForm(request, response, { user, form, problems: outcome.problems }, outcome.status);
  }

  /** The add form, or with `user` the edit form. */
  private async renderForm(
    request: ApiRequest,
    response: Response,
    page: { user?: UserView; form: UserForm; problems?: FieldProblems; banner?: string },
    status = 200,
  ) {
    const problems = inFormOrder(page.problems ?? {});
    await this.pages.render(
      request,
      response,
      'admin/user.njk',
      {
        title: page.user ? page.user.name : 'Add a user',
        account: page.user,
        form: page.form,
        roles: roleItems(page.form.roles),
        regions: regionItems(page.form.region),
        banner: page.banner,
        fieldErrors: problems,
        errorList: errorSummary(problems),
      },
      status,
    );
  }
}
