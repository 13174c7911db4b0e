import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  Allow,
  AuthService,
  CAN,
  ChangePasswordDto,
  BeforeNewPassword,
  DuringEnrolment,
  LoginDto,
  PasswordResetDto,
  PasswordResetRequestDto,
  PasswordService,
  Public,
  TwoFactorCodeDto,
  TwoFactorService,
  UsersService,
  type Principal,
} from '#libs/auth';
import type { Actor } from '#libs/audit';
import { CurrentActor, CurrentPrincipal, type ApiRequest } from './request.js';
import { Answer } from '../http/openapi/answer.decorator.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly twoFactor: TwoFactorService,
    private readonly passwords: PasswordService,
  ) {}

  @Public()
  @Answer(200, 'SignedIn')
  @Post('login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() request: ApiRequest) {
    const { accessToken, expiresAt, user } = await this.auth.login(
      dto.email,
      dto.password,
      request.ip ?? 'unknown',
      request.requestId,
      dto.code,
    );
    return { accessToken, expiresAt, user: { id: user.id, email: user.email, name: user.name, roles: user.roles } };
  }

  @ApiBearerAuth()
  @Allow(CAN.read)
  @BeforeNewPassword()
  @DuringEnrolment()
  @Answer(204, null)
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal, @Req() request: ApiRequest): Promise<void> {
    await this.auth.logout(principal, request.requestId);
  }

  @ApiBearerAuth()
  @Allow(CAN.read)
  @BeforeNewPassword()
  @DuringEnrolment()
  @Answer(200, 'Token')
  @Post('refresh')
  @HttpCode(200)
  refresh(@CurrentPrincipal() principal: Principal) {
    return this.auth.refresh(principal);
  }

  @ApiBearerAuth()
  @Allow(CAN.read)
  @BeforeNewPassword()
  @DuringEnrolment()
  @Answer(200, 'User')
  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return this.users.get(principal.userId);
  }

  /** Changes the caller's own password (422 for a wrong current one); their other sessions end. */
  @ApiBearerAuth()
  @Allow(CAN.read)
  @BeforeNewPassword()
  @Answer(200, 'PasswordChanged')
  @Post('password')
  @HttpCode(200)
  changePassword(@CurrentPrincipal() principal: Principal, @Body() dto: ChangePasswordDto, @Req() request: ApiRequest) {
    return this.passwords.change(
      principal,
      dto.currentPassword,
      dto.newPassword,
      request.ip ?? 'unknown',
      request.requestId,
    );
  }

  /** Emails a reset link to the account's user, if there is one: the answer never says whether there is. */
  @Public()
  @Answer(202, 'PasswordResetRequested')
  @Post('password-reset')
  @HttpCode(202)
  async requestPasswordReset(@Body() dto: PasswordResetRequestDto, @Req() request: ApiRequest) {
    await this.passwords.requestReset(dto.email, request.requestId);
    return { message: 'If the address belongs to an account here, a link to reset its password is on its way.' };
  }

  /** Sets a password with an emailed link (400 for one expired or used, or a weak password); all sessions end. */
  @Public()
  @Answer(204, null)
  @Post('password-reset/complete')
  @HttpCode(204)
  async completePasswordReset(@Body() dto: PasswordResetDto, @Req() request: ApiRequest): Promise<void> {
    await this.passwords.complete(dto.token, dto.password, request.requestId);
  }

  /** The caller's second factor: whether it is on, and whether they must keep one (admins). */
  @ApiBearerAuth()
  @Allow(CAN.read)
  @DuringEnrolment()
  @Answer(200, 'SecondFactor')
  @Get('two-factor')
  twoFactorStatus(@CurrentPrincipal() principal: Principal) {
    return this.twoFactor.status(principal.userId);
  }

  /** Starts setting up an authenticator app: the secret, its otpauth URI and a QR code. */
  @ApiBearerAuth()
  @Allow(CAN.read)
  @DuringEnrolment()
  @Answer(201, 'SecondFactorSetup')
  @Post('two-factor')
  @HttpCode(201)
  beginTwoFactor(@CurrentPrincipal() principal: Principal) {
    return this.twoFactor.begin(principal.userId);
  }

  /** Finishes the set-up with a code from the app (422 for a wrong one). */
  @ApiBearerAuth()
  @Allow(CAN.read)
  @DuringEnrolment()
  @Answer(204, null)
  @Post('two-factor/confirm')
  @HttpCode(204)
  async confirmTwoFactor(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: TwoFactorCodeDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.twoFactor.confirm(principal.userId, dto.code, actor);
  }

  /** Turns the second factor off, with a current code (403 for admins, who must keep one). */
  @ApiBearerAuth()
  @Allow(CAN.read)
  @Answer(204, null)
  @Post('two-factor/remove')
  @HttpCode(204)
  async removeTwoFactor(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: TwoFactorCodeDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.twoFactor.remove(principal.userId, dto.code, actor);
  }
}
