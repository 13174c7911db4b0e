import { APPLICATION_ROLE, derivedApplicationUrl } from './application-role.js';

describe('derivedApplicationUrl', () => {
  const owner = 'postgres://lga:owner%2Fsecret@127.0.0.1:5432/lga_peer_challenge?sslmode=disable';

  it('signs in to the same database as the application role, with a password derived from the owner’s', () => {
    const url = new URL(derivedApplicationUrl(owner));
    expect(url.username).toBe(APPLICATION_ROLE);
    expect(`${url.host}${url.pathname}${url.search}`).toBe('127.0.0.1:5432/lga_peer_challenge?sslmode=disable');
    expect(url.password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(derivedApplicationUrl(owner)).toBe(url.toString());
    expect(derivedApplicationUrl(owner.replace('secret', 'other'))).not.toBe(url.toString());
  });

  it('has no password when the owner has none (a server that trusts local sign-ins)', () => {
    expect(new URL(derivedApplicationUrl('postgres://lga@localhost/db')).password).toBe('');
  });
});
