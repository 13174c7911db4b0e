import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#libs/audit';
import {
  Allow,
  CAN,
  CreateUserDto,
  ListUsersQuery,
  PasswordService,
  TwoFactorService,
  UpdateUserDto,
  UsersService,
} from '#libs/auth';
import { CurrentActor } from '../auth/request.js';
import { Answer } from '../http/openapi/answer.decorator.js';

@ApiTags('users')
@ApiBearerAuth()
@Allow(CAN.administer)
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly twoFactor: TwoFactorService,
    private readonly passwords: PasswordService,
  ) {}

  @Answer(201, 'User')
  @Post()
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor) {
    return this.users.create(dto, actor);
  }

  @Answer(200, 'UserList')
  @Get()
  list(@Query() query: ListUsersQuery) {
    return this.users.list(query);
  }

  @Answer(200, 'User')
  @Get(':id')
  get(@Param('id') id: string) {
    return this.users.get(id);
  }

  @Answer(200, 'User')
  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateUserDto, @CurrentActor() actor: Actor) {
    return this.users.update(id, dto, actor);
  }

  /**
   * Emails the user a link to choose a password: an invitation if they have never signed in, a reset otherwise.
   * Admins never type another person's password.
   */
  @Answer(201, 'PasswordLinkSent')
  @Post(':id/password-link')
  @HttpCode(201)
  sendPasswordLink(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.passwords.sendLink(id, actor);
  }

  /** Clears a user's second factor (a lost phone): they set up a new one when they next sign in. */
  @Answer(204, null)
  @Post(':id/two-factor/reset')
  @HttpCode(204)
  async resetTwoFactor(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.twoFactor.reset(actor, id);
  }
}
