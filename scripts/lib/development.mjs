// Whether the development conveniences apply, for the scripts (`npm start` runs its mail inbox only then). The same
// rule as developmentDefaults in libs/platform/config/config.ts, which the API and the worker use; a unit test
// (libs/platform/config/development.spec.ts) checks that the two agree.
export const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];

/** NODE_ENV=development set explicitly, or, unless NODE_ENV=production, an API listening on loopback only. */
export function developmentDefaults(env) {
  if (env.NODE_ENV === 'development') return true;
  return env.NODE_ENV !== 'production' && LOOPBACK_HOSTS.includes(env.HOST ?? '127.0.0.1');
}
