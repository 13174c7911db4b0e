import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A principal adviser's or manager's note on a council: intelligence, or why it has not engaged. */
@Entity('council_notes')
export class CouncilNote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'council_gss_code', type: 'varchar', length: 9 })
  councilGssCode: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  text: string;

  /** Marked for the peer team: it goes into the team's briefing pack. */
  @Column({ name: 'for_team', type: 'boolean', default: false })
  forTeam: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
