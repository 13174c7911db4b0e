import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A period a peer has said they cannot serve on a challenge (issue #23): leave, elections, a busy budget month. */
@Entity('peer_unavailability')
export class PeerUnavailability {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'peer_id', type: 'uuid' })
  peerId: string;

  @Column({ name: 'from_date', type: 'date' })
  from: string;

  @Column({ name: 'to_date', type: 'date' })
  to: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
