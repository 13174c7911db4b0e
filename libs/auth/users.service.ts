import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { AuditService, changes, type Actor } from '#libs/audit';
import { UUID, Duplicate, fieldError, NotFound, Refused, type Page } from '#libs/platform';
import type { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto.js';
import { hashPassword, refuseWeakPassword } from './passwords.js';
import { PasswordService } from './password.service.js';
import { Session } from './session.entity.js';
import { toView, User, type UserView } from './user.entity.js';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
  ) {}

  /**
   * A new user. Without a password (the web never asks an admin for one) the account gets one nobody knows, and
   * the user an invitation to choose their own.
   */
  async create(dto: CreateUserDto, actor: Actor): Promise<UserView> {
    const email = dto.email.toLowerCase();
    if (dto.password !== undefined) refuseWeakPassword(dto.password, email);
    const passwordHash = await hashPassword(dto.password ?? randomBytes(32).toString('base64url'));
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({ email, name: dto.name, passwordHash, roles: dto.roles, region: dto.region ?? null })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!id) throw new Duplicate(`A user with the email address ${email} already exists`);
      const user = await manager.getRepository(User).findOneByOrFail({ id });
      await this.audit.record(
        actor,
        {
          action: 'user.create',
          entity: 'user',
          entityId: id,
          summary: { email, roles: dto.roles, region: user.region, invited: dto.password === undefined },
        },
        manager,
      );
      if (dto.password === undefined) await this.passwords.invite(manager, user, actor.userId);
      return toView(user);
    });
  }

  async list(query: ListUsersQuery): Promise<Page<UserView>> {
    const qb = this.users.createQueryBuilder('u').orderBy('u.name').addOrderBy('u.email');
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.region) qb.andWhere('u.region = :region', { region: query.region });
    if (query.active) qb.andWhere('u.active = :active', { active: query.active === 'true' });
    const [rows, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
    return { items: rows.map(toView), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<UserView> {
    return toView(await this.find(this.users.manager, id));
  }

  async update(id: string, dto: UpdateUserDto, actor: Actor): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.find(manager, id, true);
      const next = {
        name: dto.name,
        roles: dto.roles,
        region: dto.region,
        active: dto.active,
      };
      const roles = next.roles ?? user.roles;
      const region = next.region === undefined ? user.region : next.region;
      if (roles.includes('principal_adviser') && !region) {
        throw fieldError('region', 'region is required for a principal adviser');
      }
      await this.keepAnAdmin(manager, user, roles, next.active ?? user.active, actor);
      const changed = changes(user, next);
      await manager.update(User, { id }, next);
      const endsSessions = next.active === false;
      if (endsSessions) await manager.update(Session, { userId: id, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.audit.record(
        actor,
        {
          action: 'user.update',
          entity: 'user',
          entityId: id,
          summary: { changed, sessionsEnded: endsSessions },
        },
        manager,
      );
      return toView(await manager.getRepository(User).findOneByOrFail({ id }));
    });
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<User> {
    const user = UUID.test(id)
      ? await manager
          .getRepository(User)
          .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) })
      : null;
    if (!user) throw new NotFound(`No user has the id ${id}`);
    return user;
  }

  /** Refuses a change that would leave no active admin, or that an admin makes to lock themselves out. */
  private async keepAnAdmin(manager: EntityManager, user: User, roles: string[], active: boolean, actor: Actor) {
    const staysAdmin = roles.includes('admin') && active;
    if (!user.roles.includes('admin') || !user.active || staysAdmin) return;
    const reasons: string[] = [];
    if (actor.userId === user.id) reasons.push('You cannot remove your own admin role or deactivate yourself');
    const others = await manager
      .createQueryBuilder(User, 'u')
      .setLock('pessimistic_write')
      .where(`'admin' = ANY(u.roles) AND u.active AND u.id <> :id`, { id: user.id })
      .getMany();
    if (others.length === 0) reasons.push('At least one active admin must remain');
    if (reasons.length > 0) {
      throw new Refused(reasons, reasons.join('; '));
    }
  }
}
