import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

const names = new Set<string>();

/**
 * A hot query as a named prepared statement: each connection parses it once and, after a few runs, executes it
 * with a generic plan instead of planning it afresh. For the queries every request or every council read makes,
 * where PostgreSQL spent longer planning (the recursive lineage above all) than running them.
 */
export class PreparedQuery<Row extends QueryResultRow> {
  constructor(
    private readonly name: string,
    private readonly text: string,
  ) {
    if (names.has(name)) throw new Error(`Two prepared queries are named ${name}`);
    names.add(name);
  }

  /** Runs on a pooled connection, or on the connection of the transaction of `source` when it has one. */
  async run(source: DataSource | EntityManager, values: unknown[]): Promise<Row[]> {
    const manager = source instanceof DataSource ? source.manager : source;
    // A released runner's client may already serve another request (TypeORM's own query() refuses it too).
    if (manager.queryRunner?.isReleased) throw new Error(`Prepared query ${this.name} on a released query runner`);
    const client: Pool | PoolClient = manager.queryRunner
      ? await manager.queryRunner.connect()
      : (manager.dataSource.driver as unknown as { master: Pool }).master;
    const { rows } = await client.query<Row>({ name: this.name, text: this.text, values });
    return rows;
  }
}
