import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reorganisation link: the predecessor ceased to exist and the successor took over its area from `startDate`. */
@Entity('council_successions')
export class CouncilSuccession {
  @PrimaryColumn({ name: 'predecessor_gss_code', type: 'varchar', length: 9 })
  predecessorGssCode: string;

  @PrimaryColumn({ name: 'successor_gss_code', type: 'varchar', length: 9 })
  successorGssCode: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;
}
