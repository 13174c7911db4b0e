import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '#libs/audit';
import { authConfig, ConfigurationError, DatabaseLock, FIRST_ADMIN_PROBLEM, withLock } from '#libs/platform';
import { hashPassword, passwordProblems } from './passwords.js';
import { User } from './user.entity.js';

const ADMINS = `SELECT count(*)::int AS admins FROM users WHERE 'admin' = ANY(roles)`;

/**
 * Whether the database at `url` holds an admin already, for the API's check before it boots (checkApiEnvironment):
 * ADMIN_PASSWORD is needed only until then. Before the migrations there is no users table, so no admin; a database
 * that cannot be asked counts as having one (the boot then fails on the database itself, and AdminBootstrap still
 * refuses to make an admin without a password).
 */
export async function adminExists(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ admins: number }>(ADMINS);
    return rows[0].admins > 0;
  } catch (error) {
    return (error as { code?: string }).code !== '42P01'; // undefined_table
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * On first start (no admin yet) creates the admin named by ADMIN_EMAIL / ADMIN_PASSWORD (the development default only
 * where the development defaults apply: developmentDefaults). Once there is an admin, ADMIN_PASSWORD is not read.
 * Outside the development defaults that admin must choose their own password at the first sign-in.
 */
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
      const [{ admins }] = await this.dataSource.query<Array<{ admins: number }>>(ADMINS);
      if (admins > 0) return;
      const { adminEmail: email, adminPassword: password } = this.config;
      if (password === null) throw new ConfigurationError([FIRST_ADMIN_PROBLEM]);
      const problems = passwordProblems(password, email);
      if (problems.length > 0) throw new ConfigurationError(problems.map((p) => `ADMIN_PASSWORD: ${p}`));
      const passwordHash = await hashPassword(password);
      await this.dataSource.transaction(async (manager) => {
        const user = await manager.getRepository(User).save({
          email,
          name: 'Administrator',
          passwordHash,
          roles: ['admin'],
          passwordChangeRequired: this.config.adminMustChangePassword,
        });
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
