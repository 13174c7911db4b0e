import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, AuthService, CAN, LoginDto, Public, UsersService, type Principal } from '#libs/auth';
import { CurrentPrincipal, type ApiRequest } from './request.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() request: ApiRequest) {
    const { accessToken, expiresAt, user } = await this.auth.login(
      dto.email,
      dto.password,
      request.ip ?? 'unknown',
      request.requestId,
    );
    return { accessToken, expiresAt, user: { id: user.id, email: user.email, name: user.name, roles: user.roles } };
  }

  @ApiBearerAuth()
  @Allow(CAN.read)
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal, @Req() request: ApiRequest): Promise<void> {
    await this.auth.logout(principal, request.requestId);
  }

  @ApiBearerAuth()
  @Allow(CAN.read)
  @Post('refresh')
  @HttpCode(200)
  refresh(@CurrentPrincipal() principal: Principal) {
    return this.auth.refresh(principal);
  }

  @ApiBearerAuth()
  @Allow(CAN.read)
  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return this.users.get(principal.userId);
  }
}
