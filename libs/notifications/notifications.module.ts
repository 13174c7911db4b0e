import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { mailConfig, MailTransport } from '#libs/platform';
import { EmailService } from './email.service.js';
import { SendEmailJob } from './send-email.job.js';

/** The email platform: the email log and queuing (EmailService) for every process. */
@Module({
  imports: [ConfigModule.forFeature(mailConfig)],
  providers: [EmailService, MailTransport],
  exports: [EmailService],
})
export class NotificationsModule {}

/** The worker's side: sending. */
@Module({
  imports: [ConfigModule.forFeature(mailConfig), NotificationsModule],
  providers: [MailTransport, SendEmailJob],
})
export class NotificationJobsModule {}
