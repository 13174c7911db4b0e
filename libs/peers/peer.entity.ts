import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PeerKind, PeerRole } from './conflicts/conflict-rules.js';

export const PEER_KINDS = ['officer', 'member', 'external'] as const;
export const PEER_ROLES = [
  'chief_executive',
  'director',
  'section_151_officer',
  'leader',
  'cabinet_member',
  'councillor',
  'other',
] as const;
export const POLITICAL_GROUPS = [
  'conservative',
  'labour',
  'liberal_democrat',
  'independent',
  'green',
  'other',
] as const;
export type PoliticalGroup = (typeof POLITICAL_GROUPS)[number];

/** An officer, member or external peer who can be asked to join a challenge team. */
@Entity('peers')
export class Peer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  kind: PeerKind;

  @Column({ name: 'home_council_gss_code', type: 'varchar', length: 9, nullable: true })
  homeCouncilGssCode: string | null;

  @Column({ name: 'political_group', type: 'text', nullable: true })
  politicalGroup: PoliticalGroup | null;

  @Column({ type: 'text', nullable: true })
  role: PeerRole | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  expertise: string[];

  @Column({ name: 'trained_on', type: 'date', nullable: true })
  trainedOn: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
