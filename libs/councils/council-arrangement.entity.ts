import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ARRANGEMENT_KINDS = ['shared_management', 'shared_services'] as const;
export type ArrangementKind = (typeof ARRANGEMENT_KINDS)[number];

/** Two councils sharing management or services. One row serves both councils: it is read both ways. */
@Entity('council_arrangements')
export class CouncilArrangement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'council_gss_code', type: 'varchar', length: 9 })
  councilGssCode: string;

  @Column({ name: 'other_gss_code', type: 'varchar', length: 9 })
  otherGssCode: string;

  @Column({ type: 'text' })
  kind: ArrangementKind;

  @Column({ name: 'from_date', type: 'date' })
  from: string;

  @Column({ name: 'to_date', type: 'date', nullable: true })
  to: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
