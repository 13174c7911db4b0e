import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PlannedSuccessor } from './reorganisations.js';

/** A reorganisation being written to the register, in the transaction that writes it. */
export interface Reorganisation {
  successors: PlannedSuccessor[];
  /** The day the transaction runs on (London): successors starting on or before it have vested. */
  today: string;
  requestId: string | null;
}

export type ReorganisationListener = (manager: EntityManager, reorganisation: Reorganisation) => Promise<void>;

/**
 * Where the council library says a reorganisation is being applied, and the libraries that hold a council's work
 * (the cases) hear it in the same transaction: to refuse it (a refusal rolls the whole reorganisation back) or to
 * follow it (moving what has vested already).
 */
@Injectable()
export class Reorganised {
  private readonly listeners: ReorganisationListener[] = [];

  listen(listener: ReorganisationListener): void {
    this.listeners.push(listener);
  }

  async applied(manager: EntityManager, reorganisation: Reorganisation): Promise<void> {
    for (const listener of this.listeners) await listener(manager, reorganisation);
  }
}
