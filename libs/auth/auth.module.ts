import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { NotificationsModule } from '#libs/notifications';
import { authConfig } from '#libs/platform';
import { AdminBootstrap } from './admin-bootstrap.js';
import { AuthService } from './auth.service.js';
import { PasswordService } from './password.service.js';
import { LoginThrottle } from './login-throttle.service.js';
import { SignInLockAlerts } from './sign-in-lock-alerts.js';
import { Session } from './session.entity.js';
import { TwoFactorService } from './two-factor.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    ConfigModule.forFeature(authConfig),
    TypeOrmModule.forFeature([User, Session]),
    AuditModule,
    NotificationsModule,
  ],
  providers: [
    AuthService,
    UsersService,
    LoginThrottle,
    SignInLockAlerts,
    AdminBootstrap,
    TwoFactorService,
    PasswordService,
  ],
  exports: [AuthService, UsersService, TwoFactorService, PasswordService],
})
export class AuthModule {}
