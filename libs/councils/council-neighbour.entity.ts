import { Column, Entity, PrimaryColumn } from 'typeorm';

export type NeighbourRelation = 'shares_boundary' | 'nearby';

/** From the ONS 2021 neighbours data: councils that share a boundary, ranked by its length, and nearby others. */
@Entity('council_neighbours')
export class CouncilNeighbour {
  @PrimaryColumn({ name: 'gss_code', type: 'varchar', length: 9 })
  gssCode: string;

  @PrimaryColumn({ name: 'neighbour_gss_code', type: 'varchar', length: 9 })
  neighbourGssCode: string;

  @Column({ type: 'text' })
  relation: NeighbourRelation;

  @Column({ type: 'int' })
  rank: number;
}
