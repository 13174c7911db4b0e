// Types of development.mjs for the unit test that checks it agrees with libs/platform/config/config.ts.
export const LOOPBACK_HOSTS: string[];
export function developmentDefaults(env: { NODE_ENV?: string; HOST?: string }): boolean;
