import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const COUNCIL_TYPES = [
  'county',
  'district',
  'unitary',
  'metropolitan_district',
  'london_borough',
  'sui_generis',
] as const;
export type CouncilType = (typeof COUNCIL_TYPES)[number];

export const REGIONS = [
  'East Midlands',
  'East of England',
  'London',
  'North East',
  'North West',
  'South East',
  'South West',
  'West Midlands',
  'Yorkshire and The Humber',
] as const;
export type Region = (typeof REGIONS)[number];

/** An English principal council, identified by its ONS GSS code. Abolished councils stay, with an end date. */
@Entity('councils')
export class Council {
  @PrimaryColumn({ name: 'gss_code', type: 'varchar', length: 9 })
  gssCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'official_name', type: 'text' })
  officialName: string;

  @Column({ type: 'text' })
  type: CouncilType;

  @Column({ type: 'text' })
  region: Region;

  @Column({ name: 'county_gss_code', type: 'varchar', length: 9, nullable: true })
  countyGssCode: string | null;

  @Column({ name: 'combined_authority_gss_code', type: 'varchar', length: 9, nullable: true })
  combinedAuthorityGssCode: string | null;

  @Column({ name: 'combined_authority_name', type: 'text', nullable: true })
  combinedAuthorityName: string | null;

  /** First day the council existed, when it was created after the 2018/19 register. */
  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  /** Last day the council existed, when it has been abolished. */
  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Column({ name: 'chief_executive_name', type: 'text', nullable: true })
  chiefExecutiveName: string | null;

  @Column({ name: 'chief_executive_email', type: 'text', nullable: true })
  chiefExecutiveEmail: string | null;

  @Column({ name: 'leader_name', type: 'text', nullable: true })
  leaderName: string | null;

  @Column({ name: 'leader_email', type: 'text', nullable: true })
  leaderEmail: string | null;

  @Column({ name: 'principal_adviser_id', type: 'uuid', nullable: true })
  principalAdviserId: string | null;

  @Column({ name: 'nudges_suppressed', type: 'boolean', default: false })
  nudgesSuppressed: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
