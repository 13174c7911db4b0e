import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#libs/audit';
import { Allow, CAN, CreateUserDto, ListUsersQuery, TwoFactorService, UpdateUserDto, UsersService } from '#libs/auth';
import { CurrentActor } from '../auth/request.js';

@ApiTags('users')
@ApiBearerAuth()
@Allow(CAN.administer)
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  @Post()
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor) {
    return this.users.create(dto, actor);
  }

  @Get()
  list(@Query() query: ListUsersQuery) {
    return this.users.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateUserDto, @CurrentActor() actor: Actor) {
    return this.users.update(id, dto, actor);
  }

  /** Clears a user's second factor (a lost phone): they set up a new one when they next sign in. */
  @Post(':id/two-factor/reset')
  @HttpCode(204)
  async resetTwoFactor(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.twoFactor.reset(actor, id);
  }
}
