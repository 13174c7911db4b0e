/** Who is acting, as the audit log records it: a signed-in user, or the system itself (a job, the boot). */
export interface Actor {
  userId: string | null;
  email: string | null;
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, email: null, requestId: null };
