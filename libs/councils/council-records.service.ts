import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, changes, type Actor } from '#libs/audit';
import { Invalid, PreparedQuery } from '#libs/platform';
import { CouncilNote } from './council-note.entity.js';
import { Council } from './council.entity.js';
import { CouncilsService, type CouncilDetail, type CouncilSummary } from './councils.service.js';
import type { UpdateCouncilDto } from './dto/update-council.dto.js';

export interface NoteView {
  id: string;
  at: string;
  author: { id: string; name: string };
  text: string;
  /** Marked for the peer team (their briefing pack). */
  forTeam: boolean;
}

/** The council's own part of its history; `CouncilHistoryService` (cases library) adds cases and peers. */
export interface CouncilRecord {
  council: CouncilDetail;
  takeUp: CouncilSummary['takeUp'];
  notes: NoteView[];
}

/** Changes to a council's record (admin), its notes, and its history as a principal adviser reads it. */
@Injectable()
export class CouncilRecordsService {
  constructor(
    private readonly councils: CouncilsService,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async update(gssCode: string, dto: UpdateCouncilDto, actor: Actor): Promise<CouncilDetail> {
    const { gssCode: code } = await this.councils.find(gssCode);
    if (dto.principalAdviserId) await this.requireAdviser(dto.principalAdviserId);
    const next: Partial<Council> = {
      ...(dto.chiefExecutive !== undefined && {
        chiefExecutiveName: dto.chiefExecutive?.name ?? null,
        chiefExecutiveEmail: dto.chiefExecutive?.email.toLowerCase() ?? null,
      }),
      ...(dto.leader !== undefined && {
        leaderName: dto.leader?.name ?? null,
        leaderEmail: dto.leader?.email.toLowerCase() ?? null,
      }),
      ...(dto.principalAdviserId !== undefined && { principalAdviserId: dto.principalAdviserId }),
      ...(dto.nudgesSuppressed !== undefined && { nudgesSuppressed: dto.nudgesSuppressed }),
    };
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.getRepository(Council).findOneOrFail({
        where: { gssCode: code },
        lock: { mode: 'pessimistic_write' },
      });
      const changed = changes(before, next);
      if (Object.keys(changed).length === 0) return;
      await manager.update(Council, { gssCode: code }, next);
      await this.audit.record(
        actor,
        { action: 'council.update', entity: 'council', entityId: code, summary: { changed } },
        manager,
      );
    });
    return this.councils.get(code);
  }

  async addNote(gssCode: string, text: string, actor: Actor, forTeam = false): Promise<NoteView> {
    const { gssCode: code } = await this.councils.find(gssCode);
    const note = await this.dataSource.transaction(async (manager) => {
      const saved = await manager
        .getRepository(CouncilNote)
        .save({ councilGssCode: code, authorId: actor.userId!, text, forTeam });
      await this.audit.record(
        actor,
        { action: 'council.note.create', entity: 'council', entityId: code, summary: { noteId: saved.id, forTeam } },
        manager,
      );
      return saved;
    });
    return (await this.notesOf(code)).find((n) => n.id === note.id)!;
  }

  /**
   * The council's record and notes, for its history, with what `rest` reads of the council. Every read is recorded
   * in the audit log. The notes, the audit entry and `rest` go to PostgreSQL together, once the council is known: a
   * history is then three round trips long instead of five, and its audit entry's commit no longer waits behind the
   * reads (docs/PERFORMANCE.md). The entry records the request: a read that then fails is recorded too.
   */
  async history<T>(
    gssCode: string,
    actor: Actor,
    rest: (gssCode: string) => Promise<T>,
  ): Promise<{ record: CouncilRecord; rest: T }> {
    const council = await this.councils.get(gssCode);
    const [notes, , more] = await Promise.all([
      this.notesOf(council.gssCode),
      this.audit.record(actor, { action: 'council.history.read', entity: 'council', entityId: council.gssCode }),
      (async () => rest(council.gssCode))(),
    ]);
    return { record: { council, takeUp: council.takeUp, notes }, rest: more };
  }

  private async notesOf(code: string): Promise<NoteView[]> {
    const rows = await COUNCIL_NOTES.run(this.dataSource, [code]);
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      author: { id: r.authorId, name: r.authorName },
      text: r.text,
      forTeam: r.forTeam,
    }));
  }

  private async requireAdviser(id: string): Promise<void> {
    const [row] = await this.dataSource.query<Array<{ ok: boolean }>>(
      `SELECT active AND 'principal_adviser' = ANY(roles) AS ok FROM users WHERE id = $1`,
      [id],
    );
    if (!row?.ok) {
      throw new Invalid('principalAdviserId must be an active user with the principal_adviser role', [
        { field: 'principalAdviserId', problems: ['must be an active user with the principal_adviser role'] },
      ]);
    }
  }
}

const COUNCIL_NOTES = new PreparedQuery<{
  id: string;
  at: Date;
  authorId: string;
  authorName: string;
  text: string;
  forTeam: boolean;
}>(
  'council-notes',
  `SELECT n.id, n.created_at AS at, u.id AS "authorId", u.name AS "authorName", n.text, n.for_team AS "forTeam"
     FROM council_notes n JOIN users u ON u.id = n.author_id
    WHERE n.council_gss_code = $1 ORDER BY n.created_at DESC, n.id`,
);
