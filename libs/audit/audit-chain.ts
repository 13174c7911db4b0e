import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** What `verify-audit` found: how many rows it checked, the chain's last link, and the first break if any. */
export interface AuditChainReport {
  rows: number;
  head: { seq: number; hash: string } | null;
  firstBreak: { id: string | null; seq: number; problem: string } | null;
}

interface Link {
  id: string;
  seq: string;
  prev_hash: Buffer;
  hash: Buffer;
  canonical: string;
}

const BATCH = 5000;

/**
 * Walks the audit log's hash chain (migration AuditIntegrity) in the order its rows were sealed, recomputing each
 * hash here, not in the database: SHA-256(the previous row's hash ‖ the row's canonical text). Reports the first
 * link that is missing (a deleted row), out of place, or whose hash no longer matches its row (a changed row), and
 * any row the chain never sealed. A deleted *last* row leaves no break: compare the head it prints with one
 * written down earlier (docs/SECURITY.md).
 */
export async function verifyAuditChain(dataSource: DataSource): Promise<AuditChainReport> {
  let previous: Buffer = Buffer.alloc(0);
  let expected = 1;
  let rows = 0;
  for (;;) {
    const batch = await dataSource.query<Link[]>(
      `SELECT a.id, a.chain_seq AS seq, a.prev_hash, a.hash, audit_log_canonical(a) AS canonical
         FROM audit_log a WHERE a.chain_seq >= $1 ORDER BY a.chain_seq LIMIT ${BATCH}`,
      [expected],
    );
    for (const link of batch) {
      const seq = Number(link.seq);
      const broken = (problem: string) => ({ rows, head: null, firstBreak: { id: link.id, seq, problem } });
      if (seq !== expected) {
        return {
          rows,
          head: null,
          firstBreak: {
            id: null,
            seq: expected,
            problem: `link ${expected}${seq > expected + 1 ? `-${seq - 1}` : ''} is missing: a row was deleted`,
          },
        };
      }
      if (!link.prev_hash.equals(previous)) return broken(`its prev_hash is not the hash of link ${seq - 1}`);
      const hash = createHash('sha256').update(previous).update(link.canonical, 'utf8').digest();
      if (!hash.equals(link.hash)) return broken('its hash does not match its contents: the row was changed');
      previous = link.hash;
      expected += 1;
      rows += 1;
    }
    if (batch.length < BATCH) break;
  }
  const [unsealed] = await dataSource.query<Array<{ id: string | null }>>(
    'SELECT min(id)::text AS id FROM audit_log WHERE chain_seq IS NULL',
  );
  if (unsealed.id) {
    return { rows, head: null, firstBreak: { id: unsealed.id, seq: expected, problem: 'the chain never sealed it' } };
  }
  return { rows, head: rows > 0 ? { seq: expected - 1, hash: previous.toString('hex') } : null, firstBreak: null };
}
