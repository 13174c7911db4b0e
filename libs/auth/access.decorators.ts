import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles.js';

export const ACCESS = 'lga:access';

/** The access decision every route must carry: public, or the roles it allows. */
export type Access = { public: true } | { roles: readonly Role[] };

/** No sign-in needed (the contract's public routes: health, login, unsubscribe). */
export const Public = () => SetMetadata(ACCESS, { public: true } satisfies Access);

/** Signed in with at least one of these roles. */
export const Allow = (roles: readonly Role[]) => SetMetadata(ACCESS, { roles } satisfies Access);

export const DURING_ENROLMENT = 'lga:during-enrolment';

/**
 * Open to a session that must set up a second factor first (Principal.enrolmentOnly): setting one up, signing out,
 * who am I. Every other route refuses such a session with 403.
 */
export const DuringEnrolment = () => SetMetadata(DURING_ENROLMENT, true);

export const BEFORE_NEW_PASSWORD = 'lga:before-new-password';

/**
 * Open to a session whose user must first replace a password someone else chose (Principal.passwordChangeRequired):
 * changing it, signing out, who am I. Every other route refuses such a session with 403.
 */
export const BeforeNewPassword = () => SetMetadata(BEFORE_NEW_PASSWORD, true);
