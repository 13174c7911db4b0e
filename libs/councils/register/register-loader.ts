import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabaseLock, withLock } from '#libs/platform';
import { CouncilNeighbour } from '../council-neighbour.entity.js';
import { CouncilSuccession } from '../council-succession.entity.js';
import { Council } from '../council.entity.js';
import { buildRegister, readRegisterFiles } from './register-files.js';

/** Loads the council register from data/councils when the table is empty: once, in one transaction. */
@Injectable()
export class CouncilRegisterLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(CouncilRegisterLoader.name);

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loadIfEmpty();
  }

  async loadIfEmpty(): Promise<number> {
    return withLock(this.dataSource, DatabaseLock.CouncilRegister, async () => {
      if ((await this.dataSource.getRepository(Council).count()) > 0) return 0;
      const register = buildRegister(readRegisterFiles());
      // Counties first: districts refer to them.
      const ordered = [...register.councils].sort((a, b) => Number(b.type === 'county') - Number(a.type === 'county'));
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(Council, ordered);
        await manager.insert(CouncilSuccession, register.successions);
        for (let i = 0; i < register.neighbours.length; i += 1000) {
          await manager.insert(CouncilNeighbour, register.neighbours.slice(i, i + 1000));
        }
      });
      // Autovacuum analyses a table after 50 changes and 10% more: the register's few successions never get there,
      // and without statistics PostgreSQL misjudges every query over a council's predecessors.
      await this.dataSource.query('ANALYZE councils, council_successions, council_neighbours');
      this.logger.log(`loaded the council register: ${register.councils.length} councils`);
      return register.councils.length;
    });
  }
}
