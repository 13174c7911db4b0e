import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { DatabaseLock } from '#libs/platform';
import { GenerateRefused, SYNTHETIC_MARK, type GenerateResult } from './synthetic-data.service.js';

export const PEER_LIMIT = 100_000;
const ACTION = 'synthetic.generate-peers';
const EMAILS = `synthetic-peer-%@synthetic.example.org`;
/** The expertise synthetic peers are drawn from: the kinds of focus area councils ask challenges to look at. */
export const SYNTHETIC_EXPERTISE = [
  'housing',
  'climate',
  'adult social care',
  'children’s services',
  'regeneration',
  'digital',
  'governance',
  'transformation',
  'community engagement',
];

/**
 * `npm run cli -- generate-peers --peers N` (issue #23): a synthetic peer pool for the team suggestions' bench and
 * load tests, in one transaction: names "Synthetic peer 000001 (SYNTHETIC DATA - NOT REAL)", addresses at
 * synthetic.example.org. Half are officers (chief executives, directors, section 151 officers), four in ten
 * members of five political groups, one in ten external; homes spread over today's real councils; two areas of
 * expertise each from `SYNTHETIC_EXPERTISE`, finance for every section 151 officer and one in seven others; member
 * peers trained at dates spread over the last four years (so some need a refresher); one in five with an employment
 * at another council that ended within the look-back, one in ten away for a fortnight in the next six months.
 * Asked again with the same size it writes nothing; with another, it refuses.
 */
@Injectable()
export class SyntheticPeersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async generate(peers: number, actor: Actor): Promise<GenerateResult> {
    return this.dataSource.transaction(async (manager) => {
      // Peers are what conflict checks read: taken as any change of their inputs takes it.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DatabaseLock.ConflictInputs]);
      const [{ existing }] = await manager.query<Array<{ existing: number }>>(
        `SELECT count(*)::int AS existing FROM peers WHERE email LIKE $1`,
        [EMAILS],
      );
      if (existing === peers) {
        return { written: false, message: `This database already holds ${peers} synthetic peers.` };
      }
      if (existing > 0) {
        throw new GenerateRefused(
          `This database already holds ${existing} synthetic peers: generate-peers writes into a database once. ` +
            'Use a fresh database for another size.',
        );
      }
      const homes = `homes AS (
          SELECT gss_code, row_number() OVER (ORDER BY gss_code) - 1 AS k, count(*) OVER () AS n
            FROM councils WHERE end_date IS NULL AND gss_code NOT LIKE 'E99%')`;
      await manager.query(
        `WITH ${homes},
         shaped AS (
           SELECT i, kind, h.gss_code AS home,
                  CASE kind
                    WHEN 'officer' THEN (ARRAY['chief_executive', 'director', 'section_151_officer', 'director'])[(i / 10) % 4 + 1]
                    WHEN 'member' THEN (ARRAY['leader', 'cabinet_member', 'councillor'])[(i / 10) % 3 + 1]
                  END AS role
             FROM (SELECT i, CASE WHEN i % 10 < 5 THEN 'officer' WHEN i % 10 < 9 THEN 'member' ELSE 'external' END AS kind
                     FROM generate_series(1, $1::int) i) numbered
             JOIN homes h ON h.k = (i * 13) % h.n
         )
         INSERT INTO peers (name, email, kind, home_council_gss_code, political_group, role, expertise, trained_on)
         SELECT format('Synthetic peer %s (%s)', lpad(i::text, 6, '0'), $2::text),
                format('synthetic-peer-%s@synthetic.example.org', lpad(i::text, 6, '0')),
                kind,
                CASE WHEN kind <> 'external' THEN home END,
                CASE WHEN kind = 'member'
                     THEN (ARRAY['conservative', 'labour', 'liberal_democrat', 'independent', 'green'])[(i * 7) % 5 + 1] END,
                role,
                ARRAY[($3::text[])[i % 9 + 1], ($3::text[])[(i % 9 + 1 + (i / 9) % 8) % 9 + 1]]
                  || CASE WHEN role = 'section_151_officer' OR i % 7 = 0 THEN ARRAY['finance'] ELSE ARRAY[]::text[] END,
                CASE WHEN kind = 'member' THEN current_date - (i * 37) % 1460 END
           FROM shaped`,
        [peers, SYNTHETIC_MARK, SYNTHETIC_EXPERTISE],
      );
      const numbered = `numbered AS (
          SELECT id, (row_number() OVER (ORDER BY email))::int AS i FROM peers WHERE email LIKE '${EMAILS}')`;
      await manager.query(
        `WITH ${homes}, ${numbered}
         INSERT INTO peer_dealings (peer_id, council_gss_code, kind, from_date, to_date, note)
         SELECT p.id, h.gss_code, 'employment', current_date - 3000, current_date - 1200, $1::text
           FROM numbered p JOIN homes h ON h.k = (p.i * 31 + 7) % h.n
          WHERE p.i % 5 = 0`,
        [SYNTHETIC_MARK],
      );
      await manager.query(
        `WITH ${numbered}
         INSERT INTO peer_unavailability (peer_id, from_date, to_date, reason)
         SELECT id, current_date + (i * 11) % 180, current_date + (i * 11) % 180 + 13, $1::text
           FROM numbered WHERE i % 10 = 3`,
        [SYNTHETIC_MARK],
      );
      await this.audit.record(actor, { action: ACTION, entity: 'synthetic_data', summary: { peers } }, manager);
      return { written: true, message: `Wrote ${peers} synthetic peers (${SYNTHETIC_MARK}).` };
    });
  }
}
