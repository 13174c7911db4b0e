import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '#libs/audit';
import { authConfig, ConfigurationError, DatabaseLock, withLock } from '#libs/platform';
import { hashPassword, passwordProblems } from './passwords.js';
import { User } from './user.entity.js';

/** On first start (no admin yet) creates the admin named by ADMIN_EMAIL / ADMIN_PASSWORD. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await withLock(this.dataSource, DatabaseLock.AdminBootstrap, async () => {
      const [{ admins }] = await this.dataSource.query<Array<{ admins: number }>>(
        `SELECT count(*)::int AS admins FROM users WHERE 'admin' = ANY(roles)`,
      );
      if (admins > 0) return;
      const { adminEmail: email, adminPassword: password } = this.config;
      const problems = passwordProblems(password, email);
      if (problems.length > 0) throw new ConfigurationError(problems.map((p) => `ADMIN_PASSWORD: ${p}`));
      const passwordHash = await hashPassword(password);
      await this.dataSource.transaction(async (manager) => {
        const user = await manager
          .getRepository(User)
          .save({ email, name: 'Administrator', passwordHash, roles: ['admin'] });
        await this.audit.record(
          SYSTEM_ACTOR,
          {
            action: 'user.create',
            entity: 'user',
            entityId: user.id,
            summary: { email, roles: ['admin'], firstStart: true },
          },
          manager,
        );
      });
      this.logger.log('created the first admin from ADMIN_EMAIL');
    });
  }
}
