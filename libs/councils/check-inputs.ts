import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Something a conflict check reads has changed: a peer (its kind, role, home council or dealings), a council's
 * shared arrangements, or the register. Published inside the transaction that made the change, so the checks that
 * read it are marked stale in that same transaction (the case library listens: `case-workflow.service.ts`).
 */
export interface CheckInputChange {
  peerIds?: string[];
  councilGssCodes?: string[];
  register?: boolean;
  /** A sentence for the case timeline: "A dealing with Dorset Council was added to Jane Smith." */
  reason: string;
  requestId: string | null;
}

export type CheckInputListener = (manager: EntityManager, change: CheckInputChange) => Promise<void>;

/** Where the libraries that own a check's inputs say they changed, and the case library hears it. */
@Injectable()
export class CheckInputs {
  private readonly listeners: CheckInputListener[] = [];

  listen(listener: CheckInputListener): void {
    this.listeners.push(listener);
  }

  async changed(manager: EntityManager, change: CheckInputChange): Promise<void> {
    for (const listener of this.listeners) await listener(manager, change);
  }
}
