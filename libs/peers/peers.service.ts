import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService, changes, type Actor } from '#libs/audit';
import { CheckInputs, Council } from '#libs/councils';
import { UUID, fieldError, todayInLondon, type Page, NotFound, Duplicate } from '#libs/platform';
import type { CreateDealingDto } from './dto/dealing.dto.js';
import type { CreateUnavailabilityDto } from './dto/unavailability.dto.js';
import type { CreatePeerDto, ListPeersQuery, UpdatePeerDto } from './dto/peer.dto.js';
import { PeerDealing } from './peer-dealing.entity.js';
import { PeerUnavailability } from './peer-unavailability.entity.js';
import { Peer } from './peer.entity.js';

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

/** A period the peer has said they cannot serve, both days included. */
export interface UnavailabilityView {
  id: string;
  from: string;
  to: string;
  reason: string | null;
}

/** A peer with their dealings and unavailable periods: what reading, adding or changing a peer answers. */
export type PeerDetail = PeerView & { dealings: DealingView[]; unavailability: UnavailabilityView[] };

/** What the team suggestions read of every active peer at once (issue #23). */
export interface PoolPeer {
  peer: Pick<
    Peer,
    'id' | 'name' | 'kind' | 'homeCouncilGssCode' | 'politicalGroup' | 'role' | 'expertise' | 'trainedOn' | 'active'
  >;
  dealings: DealingView[];
  unavailability: UnavailabilityView[];
}

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
    const [dealings, unavailability] = await Promise.all([this.dealingsOf(peer.id), this.unavailabilityOf(peer.id)]);
    return { ...this.view(peer, names), dealings, unavailability };
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

  /**
   * Records a period the peer cannot serve. Open cases with the peer on their team are told their check's inputs
   * changed: the double-booking rule reads these periods.
   */
  async addUnavailability(peerId: string, dto: CreateUnavailabilityDto, actor: Actor): Promise<UnavailabilityView> {
    const peer = await this.find(this.peers.manager, peerId);
    if (dto.to < dto.from) throw fieldError('to', 'to must be on or after from');
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await manager
        .getRepository(PeerUnavailability)
        .save({ peerId: peer.id, from: dto.from, to: dto.to, reason: dto.reason || null });
      await this.audit.record(
        actor,
        {
          action: 'peer.unavailability.create',
          entity: 'peer',
          entityId: peer.id,
          summary: { unavailabilityId: row.id, from: dto.from, to: dto.to },
        },
        manager,
      );
      const reason = `${peer.name} is unavailable from ${dto.from} to ${dto.to}.`;
      await this.checkInputs.changed(manager, { peerIds: [peer.id], reason, requestId: actor.requestId });
      return row;
    });
    return { id: saved.id, from: saved.from, to: saved.to, reason: saved.reason };
  }

  /** Removes a period recorded by mistake (or no longer true); the peer's open cases are told, as when adding one. */
  async removeUnavailability(peerId: string, periodId: string, actor: Actor): Promise<void> {
    const peer = await this.find(this.peers.manager, peerId);
    await this.dataSource.transaction(async (manager) => {
      const [removed] = UUID.test(periodId)
        ? await manager.query<Array<{ from: string; to: string }>>(
            `SELECT to_char(from_date, 'YYYY-MM-DD') AS "from", to_char(to_date, 'YYYY-MM-DD') AS "to"
               FROM peer_unavailability WHERE id = $1 AND peer_id = $2 FOR UPDATE`,
            [periodId, peer.id],
          )
        : [];
      if (!removed) throw new NotFound(`${peer.name} has no unavailable period with the id ${periodId}`);
      await manager.query('DELETE FROM peer_unavailability WHERE id = $1', [periodId]);
      await this.audit.record(
        actor,
        {
          action: 'peer.unavailability.delete',
          entity: 'peer',
          entityId: peer.id,
          summary: { unavailabilityId: periodId, from: removed.from, to: removed.to },
        },
        manager,
      );
      const reason = `${peer.name}'s unavailable period from ${removed.from} to ${removed.to} was removed.`;
      await this.checkInputs.changed(manager, { peerIds: [peer.id], reason, requestId: actor.requestId });
    });
  }

  async unavailabilityOf(peerId: string): Promise<UnavailabilityView[]> {
    const byPeer = await this.unavailabilityOfPeers([peerId]);
    return byPeer.get(peerId) ?? [];
  }

  /**
   * Every active peer with their dealings and unavailable periods, in three queries whatever the pool's size: what
   * the team suggestions judge.
   */
  async activePool(): Promise<PoolPeer[]> {
    // Plain rows, not entities: hydrating thousands of entities cost more time and memory than judging them.
    const peers = await this.dataSource.query<PoolPeer['peer'][]>(
      `SELECT id, name, kind, home_council_gss_code AS "homeCouncilGssCode", political_group AS "politicalGroup",
              role, expertise, to_char(trained_on, 'YYYY-MM-DD') AS "trainedOn", active
         FROM peers WHERE active ORDER BY name, id`,
    );
    const ids = peers.map((p) => p.id);
    const [dealings, unavailability] = await Promise.all([this.dealingsOfPeers(ids), this.unavailabilityOfPeers(ids)]);
    return peers.map((peer) => ({
      peer,
      dealings: dealings.get(peer.id) ?? [],
      unavailability: unavailability.get(peer.id) ?? [],
    }));
  }

  private async dealingsOfPeers(peerIds: string[]): Promise<Map<string, DealingView[]>> {
    const rows = await this.dataSource.query<Array<DealingView & { peerId: string }>>(
      `SELECT d.peer_id AS "peerId", d.id, d.council_gss_code AS "councilGssCode", c.name AS "councilName", d.kind,
              to_char(d.from_date, 'YYYY-MM-DD') AS "from", to_char(d.to_date, 'YYYY-MM-DD') AS "to", d.note
         FROM peer_dealings d JOIN councils c ON c.gss_code = d.council_gss_code
        WHERE d.peer_id = ANY($1::uuid[]) ORDER BY d.from_date, d.id`,
      [peerIds],
    );
    return groupByPeer(rows);
  }

  private async unavailabilityOfPeers(peerIds: string[]): Promise<Map<string, UnavailabilityView[]>> {
    const rows = await this.dataSource.query<Array<UnavailabilityView & { peerId: string }>>(
      `SELECT peer_id AS "peerId", id, to_char(from_date, 'YYYY-MM-DD') AS "from",
              to_char(to_date, 'YYYY-MM-DD') AS "to", reason
         FROM peer_unavailability WHERE peer_id = ANY($1::uuid[]) ORDER BY from_date, id`,
      [peerIds],
    );
    return groupByPeer(rows);
  }

  async dealingsOf(peerId: string): Promise<DealingView[]> {
    return (await this.dealingsOfPeers([peerId])).get(peerId) ?? [];
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

/** Rows of many peers, each peer's in the order they came, without the peer's id. */
function groupByPeer<T extends { peerId: string }>(rows: T[]): Map<string, Array<Omit<T, 'peerId'>>> {
  const byPeer = new Map<string, Array<Omit<T, 'peerId'>>>();
  for (const { peerId, ...rest } of rows) {
    const list = byPeer.get(peerId) ?? [];
    list.push(rest);
    byPeer.set(peerId, list);
  }
  return byPeer;
}
