import { generate } from 'otplib';
import { query } from './environment.js';

const PERIOD = 30;

/**
 * A code an authenticator app holding `secret` would show, for a time step the system has not accepted yet: the
 * system takes the step before and the step after the current one too, and each step once, so this picks the first
 * of those three that is still unused (reading the user's last accepted step), or waits for the next 30 seconds.
 */
export async function freshCode(databaseUrl: string, userId: string, secret: string): Promise<string> {
  for (;;) {
    const [user] = await query<{ step: string | null }>(
      databaseUrl,
      `SELECT totp_last_step AS step FROM users WHERE id = $1`,
      [userId],
    );
    const now = Math.floor(Date.now() / 1000);
    const current = Math.floor(now / PERIOD);
    const last = user?.step === null || user?.step === undefined ? -Infinity : Number(user.step);
    // Not the edge of the window: a step that is about to fall out of tolerance might be refused a moment later.
    const usable = [current - 1, current, current + 1].filter(
      (step) => step > last && (step !== current - 1 || now % PERIOD < 20),
    );
    if (usable.length > 0) return generate({ secret, epoch: usable[0] * PERIOD + 1 });
    await new Promise((resolve) => setTimeout(resolve, (PERIOD - (now % PERIOD) + 1) * 1000));
  }
}

/** A code for the set-up's confirmation: nothing has been accepted yet, so the step before the current one. */
export function firstCode(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return generate({ secret, epoch: now % PERIOD < 20 ? now - PERIOD : now });
}
