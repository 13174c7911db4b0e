import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed-in session. Access tokens are short-lived and name their session; signing out or deactivating the
 * user revokes the session, and with it every token issued for it. The web UI keeps the same token in an
 * HttpOnly cookie.
 */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** No token of this session is accepted after this time, however often it is refreshed. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** An admin's password sign-in before a second factor is set up: it may only set one up (Principal.enrolmentOnly). */
  @Column({ name: 'enrolment_only', type: 'boolean', default: false })
  enrolmentOnly: boolean;
}
