import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE, grantApplicationRole } from '../libs/platform/database/application-role.js';

/**
 * An audit log the application cannot rewrite (issue #22, docs/SECURITY.md "The audit log").
 *
 * - The application role `lga_app`: the API and the worker sign in as it; it may INSERT and SELECT audit rows but
 *   not UPDATE, DELETE or TRUNCATE them, and, not owning the table, cannot ALTER it or disable its triggers.
 * - A hash chain: when a transaction that wrote audit rows commits, each row is sealed in turn with `chain_seq` (1,
 *   2, 3…, in the order of the seals), `prev_hash` (the previous row's hash) and `hash` = SHA-256(prev_hash ‖ the
 *   row's canonical text). Sealing at commit (a deferred trigger) holds the chain's lock only for the commit itself,
 *   so audited transactions never wait on one another while they run, and cannot deadlock over it.
 *   `npm run cli -- verify-audit` walks the chain and reports the first break.
 */
export class AuditIntegrity1765900000000 implements MigrationInterface {
  name = 'AuditIntegrity1765900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE audit_log
        ADD COLUMN IF NOT EXISTS chain_seq bigint,
        ADD COLUMN IF NOT EXISTS prev_hash bytea,
        ADD COLUMN IF NOT EXISTS hash bytea`);
    await db.query(`CREATE UNIQUE INDEX IF NOT EXISTS audit_log_chain_idx ON audit_log (chain_seq)`);
    // What a row's hash covers: every column it was written with, in one unambiguous text (a JSON array; jsonb
    // writes the summary's keys in one order), the time as whole microseconds since 1970 whatever the time zone.
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_log_canonical(a audit_log) RETURNS text
      LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_array(a.id, (extract(epoch FROM a.at) * 1000000)::bigint, a.actor_id, a.actor_email,
                                 a.action, a.entity, a.entity_id, a.summary, a.request_id)::text
      $$`);
    // Seals one row as the chain's next link. Runs as the owner (SECURITY DEFINER), the only role that may
    // update the row, and only its three chain columns, once (audit_log_append_only).
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_log_seal_row(row_id bigint) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        head record;
      BEGIN
        PERFORM pg_advisory_xact_lock(7100009);
        SELECT chain_seq, hash INTO head FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1;
        UPDATE audit_log AS a
           SET chain_seq = coalesce(head.chain_seq, 0) + 1,
               prev_hash = coalesce(head.hash, ''::bytea),
               hash = sha256(coalesce(head.hash, ''::bytea) || convert_to(audit_log_canonical(a), 'UTF8'))
         WHERE a.id = row_id AND a.hash IS NULL;
      END $$`);
    await db.query(`REVOKE ALL ON FUNCTION audit_log_seal_row(bigint) FROM PUBLIC`);
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_log_seal() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM audit_log_seal_row(NEW.id);
        RETURN NULL;
      END $$`);
    // Rows may change only by being sealed: the chain columns, from empty, nothing else.
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
           AND (NEW.id, NEW.at, NEW.actor_id, NEW.actor_email, NEW.action, NEW.entity, NEW.entity_id, NEW.summary,
                NEW.request_id)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.at, OLD.actor_id, OLD.actor_email, OLD.action, OLD.entity, OLD.entity_id, OLD.summary,
                OLD.request_id) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await db.query(`DROP TRIGGER IF EXISTS audit_log_chain ON audit_log`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER audit_log_chain AFTER INSERT ON audit_log
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_log_seal()`);
    // The rows written before (or while this migration was reverted), in the order they were written.
    await db.query(`SELECT audit_log_seal_row(id) FROM (SELECT id FROM audit_log WHERE hash IS NULL ORDER BY id) r`);
    await grantApplicationRole((sql) => db.query(sql));
  }

  /** Keeps the audit log, its rows and their seals; takes away the chain's trigger and the role's privileges. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER audit_log_chain ON audit_log`);
    await db.query(`DROP FUNCTION audit_log_seal()`);
    await db.query(`DROP FUNCTION audit_log_seal_row(bigint)`);
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await db.query(`DROP FUNCTION audit_log_canonical(audit_log)`);
    await db.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APPLICATION_ROLE}`);
    await db.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APPLICATION_ROLE}`);
    await db.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APPLICATION_ROLE}`);
    await db.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APPLICATION_ROLE}`);
    await db.query(`REVOKE ALL ON SCHEMA public FROM ${APPLICATION_ROLE}`);
    await db.query(`
      DO $$ BEGIN
        EXECUTE format('REVOKE ALL ON DATABASE %I FROM ${APPLICATION_ROLE}', current_database());
      END $$`);
  }
}
