import { connectionEnvironment, databaseName, pgTool } from './database-tools.js';

describe('connectionEnvironment', () => {
  it("gives libpq's variables, decoding the URL's escapes, so the password is on no command line", () => {
    expect(connectionEnvironment('postgres://lga%40x:p%2Fss%3Aw0rd@db.internal:6543/lga_peer_challenge')).toEqual({
      PGHOST: 'db.internal',
      PGPORT: '6543',
      PGDATABASE: 'lga_peer_challenge',
      PGUSER: 'lga@x',
      PGPASSWORD: 'p/ss:w0rd',
    });
  });

  it('defaults the port, leaves out what the URL does not say, and keeps sslmode', () => {
    expect(connectionEnvironment('postgresql://db/lga?sslmode=require')).toEqual({
      PGHOST: 'db',
      PGPORT: '5432',
      PGDATABASE: 'lga',
      PGSSLMODE: 'require',
    });
  });
});

describe('databaseName', () => {
  it('names the server and database without the credentials', () => {
    expect(databaseName('postgres://lga:secret@db:5432/lga_peer_challenge')).toBe('db:5432/lga_peer_challenge');
  });
});

describe('pgTool', () => {
  it('takes PG_BIN_DIR first', () => {
    expect(pgTool('pg_dump', { PG_BIN_DIR: '/opt/pg/bin' })).toBe('/opt/pg/bin/pg_dump');
  });
});
