import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DealingKind } from './conflicts/conflict-rules.js';

/** A peer's dealing with a council (employment, office, consultancy, …) and when it ran. */
@Entity('peer_dealings')
export class PeerDealing {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'peer_id', type: 'uuid' })
  peerId: string;

  @Column({ name: 'council_gss_code', type: 'varchar', length: 9 })
  councilGssCode: string;

  @Column({ type: 'text' })
  kind: DealingKind;

  @Column({ name: 'from_date', type: 'date' })
  from: string;

  @Column({ name: 'to_date', type: 'date', nullable: true })
  to: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
