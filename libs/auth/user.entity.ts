import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Region } from '#libs/councils';
import type { Role } from './roles.js';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-case; unique. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  /** Never leaves the server: `toView` leaves it out. */
  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  /** The region a principal adviser covers. */
  @Column({ type: 'text', nullable: true })
  region: Region | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** When the user set up a second factor (TOTP), or null; the secret itself is read only by TwoFactorService. */
  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true })
  totpEnabledAt: Date | null;

  /**
   * A password someone else chose (the first admin's, from ADMIN_PASSWORD): until the user sets their own, a session
   * may only change it (Principal.passwordChangeRequired).
   */
  @Column({ name: 'password_change_required', type: 'boolean', default: false })
  passwordChangeRequired: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  region: Region | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    region: user.region,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
