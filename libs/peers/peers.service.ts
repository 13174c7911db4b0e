import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService, changes, type Actor } from '#libs/audit';
import { CheckInputs, Council } from '#libs/councils';
import { fieldError, todayInLondon, type Page, NotFound, Duplicate } from '#libs/platform';
import type { CreateDealingDto } from './dto/dealing.dto.js';
import type { CreatePeerDto, ListPeersQuery, UpdatePeerDto } from './dto/peer.dto.js';
import { PeerDealing } from './peer-dealing.entity.js';
import { Peer } from './peer.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DealingView {
  id: string;
  councilGssCode: string;
  councilName: string;
  kind: PeerDealing['kind'];
  from: string;
  to: string | null;
  note: string | null;
}

export interface PeerView {
  id: string;
  name: string;
  email: string;
  kind: Peer['kind'];
  homeCouncil: { gssCode: string; name: string } | null;
  politicalGroup: Peer['politicalGroup'];
  role: Peer['role'];
  expertise: string[];
  financeExpertise: boolean;
  trainedOn: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A peer with their dealings: what reading, adding or changing a peer answers. */
export type PeerDetail = PeerView & { dealings: DealingView[] };

@Injectable()
export class PeersService {
  constructor(
    @InjectRepository(Peer) private readonly peers: Repository<Peer>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly checkInputs: CheckInputs,
  ) {}

  async create(dto: CreatePeerDto, actor: Actor): Promise<PeerDetail> {
    const fields = await this.checked(dto);
    const id = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Peer)
        .values({ ...fields, expertise: fields.expertise ?? [] })
        .orIgnore()
        .returning('id')
        .execute();
      const newId = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!newId) throw new Duplicate(`A peer with the email address ${fields.email} already exists`);
      await this.audit.record(
        actor,
        { action: 'peer.create', entity: 'peer', entityId: newId, summary: { name: fields.name, kind: fields.kind } },
        manager,
      );
      return newId;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdatePeerDto, actor: Actor): Promise<PeerDetail> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.find(manager, id, true);
      const fields = await this.checked({ ...dto, kind: dto.kind ?? before.kind }, before, manager);
      const changed = changes(before, fields);
      if (Object.keys(changed).length === 0) return;
      try {
        await manager.update(Peer, { id }, fields);
      } catch (error) {
        if ((error as { code?: string }).code === '23505') {
          throw new Duplicate(`A peer with the email address ${fields.email} already exists`);
        }
        throw error;
      }
      await this.audit.record(
        actor,
        { action: 'peer.update', entity: 'peer', entityId: id, summary: { changed } },
        manager,
      );
      const what = Object.keys(changed).join(', ');
      const reason = `${fields.name ?? before.name}'s record changed (${what}).`;
      await this.checkInputs.changed(manager, { peerIds: [id], reason, requestId: actor.requestId });
    });
    return this.get(id);
  }

  async list(query: ListPeersQuery): Promise<Page<PeerView>> {
    const qb = this.peers.createQueryBuilder('p').orderBy('p.name').addOrderBy('p.id');
    if (query.q?.trim()) {
      const like = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(p.name ILIKE :like OR p.email ILIKE :like)', { like });
    }
    if (query.expertise) qb.andWhere(':tag = ANY(p.expertise)', { tag: query.expertise });
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.homeCouncilGssCode)
      qb.andWhere('p.home_council_gss_code = upper(:home)', { home: query.homeCouncilGssCode });
    if (query.active) qb.andWhere('p.active = :active', { active: query.active === 'true' });
    const [rows, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
    const names = await this.councilNames(rows.map((p) => p.homeCouncilGssCode));
    return { items: rows.map((p) => this.view(p, names)), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<PeerDetail> {
    const peer = await this.find(this.peers.manager, id);
    const names = await this.councilNames([peer.homeCouncilGssCode]);
    return { ...this.view(peer, names), dealings: await this.dealingsOf(peer.id) };
  }

  async addDealing(peerId: string, dto: CreateDealingDto, actor: Actor): Promise<DealingView> {
    const peer = await this.find(this.peers.manager, peerId);
    const council = await this.council(dto.councilGssCode, 'councilGssCode');
    if (dto.to && dto.to < dto.from) throw fieldError('to', 'to must be on or after from');
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(PeerDealing).save({
        peerId: peer.id,
        councilGssCode: council.gssCode,
        kind: dto.kind,
        from: dto.from,
        to: dto.to ?? null,
        note: dto.note || null,
      });
      await this.audit.record(
        actor,
        {
          action: 'peer.dealing.create',
          entity: 'peer',
          entityId: peer.id,
          summary: {
            dealingId: row.id,
            councilGssCode: council.gssCode,
            kind: dto.kind,
            from: dto.from,
            to: dto.to ?? null,
          },
        },
        manager,
      );
      const reason = `A ${dto.kind.replace(/_/g, ' ')} dealing with ${council.name} was added to ${peer.name}.`;
      await this.checkInputs.changed(manager, { peerIds: [peer.id], reason, requestId: actor.requestId });
      return row;
    });
    return {
      id: saved.id,
      councilGssCode: council.gssCode,
      councilName: council.name,
      kind: saved.kind,
      from: saved.from,
      to: saved.to,
      note: saved.note,
    };
  }

  async dealingsOf(peerId: string): Promise<DealingView[]> {
    return this.dataSource.query<DealingView[]>(
      `SELECT d.id, d.council_gss_code AS "councilGssCode", c.name AS "councilName", d.kind,
              to_char(d.from_date, 'YYYY-MM-DD') AS "from", to_char(d.to_date, 'YYYY-MM-DD') AS "to", d.note
         FROM peer_dealings d JOIN councils c ON c.gss_code = d.council_gss_code
        WHERE d.peer_id = $1 ORDER BY d.from_date, d.id`,
      [peerId],
    );
  }

  /** The ids of the peers whose home council is one of these. */
  async idsWithHomeIn(gssCodes: string[], manager: EntityManager = this.peers.manager): Promise<string[]> {
    if (gssCodes.length === 0) return [];
    const rows = await manager.query<Array<{ id: string }>>(
      'SELECT id FROM peers WHERE home_council_gss_code = ANY($1::varchar[])',
      [gssCodes],
    );
    return rows.map((row) => row.id);
  }

  /** The peer, or null when no peer has this id. */
  async findById(id: string, manager: EntityManager = this.peers.manager): Promise<Peer | null> {
    return UUID.test(id) ? manager.getRepository(Peer).findOneBy({ id }) : null;
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<Peer> {
    const peer = UUID.test(id)
      ? await manager
          .getRepository(Peer)
          .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) })
      : null;
    if (!peer) throw new NotFound(`No peer has the id ${id}`);
    return peer;
  }

  /**
   * The columns to write, after the checks a DTO cannot express. `null` clears an optional field. `manager` is the
   * caller's transaction, if any: its connection reads the council, so it never waits for a second one.
   */
  private async checked(dto: UpdatePeerDto, before?: Peer, manager?: EntityManager): Promise<Partial<Peer>> {
    for (const field of ['name', 'email', 'kind', 'expertise'] as const) {
      if (dto[field] === null) throw fieldError(field, `${field} cannot be removed`);
    }
    const kind = dto.kind ?? before?.kind;
    const politicalGroup =
      dto.politicalGroup !== undefined
        ? dto.politicalGroup
        : kind === 'member'
          ? (before?.politicalGroup ?? null)
          : null;
    if (politicalGroup && kind !== 'member')
      throw fieldError('politicalGroup', 'politicalGroup is only for member peers');
    if (dto.trainedOn && dto.trainedOn > todayInLondon()) {
      throw fieldError('trainedOn', 'trainedOn must not be in the future');
    }
    const home =
      typeof dto.homeCouncilGssCode === 'string'
        ? (await this.council(dto.homeCouncilGssCode, 'homeCouncilGssCode', manager)).gssCode
        : dto.homeCouncilGssCode;
    const fields: Partial<Peer> = {
      name: dto.name,
      email: dto.email?.toLowerCase(),
      kind: dto.kind,
      homeCouncilGssCode: home,
      politicalGroup,
      role: dto.role,
      expertise: dto.expertise ? [...new Set(dto.expertise)] : undefined,
      trainedOn: dto.trainedOn,
      active: dto.active,
    };
    return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  }

  private async council(gssCode: string, field: string, manager = this.dataSource.manager): Promise<Council> {
    if (!gssCode.trim()) throw fieldError(field, `${field} must be a GSS code such as E06000059`);
    const council = await manager.getRepository(Council).findOneBy({ gssCode: gssCode.toUpperCase() });
    if (!council) throw fieldError(field, `No council has the GSS code ${gssCode}`);
    return council;
  }

  private async councilNames(codes: Array<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(codes.filter((c): c is string => !!c))];
    if (wanted.length === 0) return new Map();
    const rows = await this.dataSource.query<Array<{ gss_code: string; name: string }>>(
      'SELECT gss_code, name FROM councils WHERE gss_code = ANY($1)',
      [wanted],
    );
    return new Map(rows.map((r) => [r.gss_code, r.name]));
  }

  private view(peer: Peer, names: Map<string, string>): PeerView {
    return {
      id: peer.id,
      name: peer.name,
      email: peer.email,
      kind: peer.kind,
      homeCouncil: peer.homeCouncilGssCode
        ? { gssCode: peer.homeCouncilGssCode, name: names.get(peer.homeCouncilGssCode)! }
        : null,
      politicalGroup: peer.politicalGroup,
      role: peer.role,
      expertise: peer.expertise,
      financeExpertise: peer.expertise.includes('finance'),
      trainedOn: peer.trainedOn,
      active: peer.active,
      createdAt: peer.createdAt.toISOString(),
      updatedAt: peer.updatedAt.toISOString(),
    };
  }
}
