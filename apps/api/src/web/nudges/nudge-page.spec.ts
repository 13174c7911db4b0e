import { leftOutRows, listQuery, nudgeReturn } from './nudge-page.js';

describe('the nudge list’s left-out rows', () => {
  const query = listQuery({ asOf: '2026-12-07', region: 'North East', list: 'left-out', page: 2 });
  const regionOf = new Map([['E06000001', 'North East']]);
  const noEmail = {
    gssCode: 'E06000001',
    name: 'Hartlepool',
    reason: 'there is no usable chief executive email address',
  };
  const optedOut = { gssCode: 'E06000001', name: 'Hartlepool', reason: 'it has opted out of these emails' };

  it('offers an admin the way to add a missing address, coming back to the same list', () => {
    const [[, , why]] = leftOutRows([noEmail] as never, regionOf, query, true);
    const back = encodeURIComponent('/nudges?asOf=2026-12-07&region=North+East&list=left-out&page=2');
    expect(why!.html).toContain(`href="/councils/E06000001/edit?returnTo=${back}"`);
    expect(why!.html).toContain('Add the chief executive’s email');
  });

  it('offers it to no one else, and for no other reason', () => {
    expect(leftOutRows([noEmail] as never, regionOf, query, false)[0]![2]!.html).not.toContain('/edit');
    expect(leftOutRows([optedOut] as never, regionOf, query, true)[0]![2]!.html).not.toContain('/edit');
  });

  it('sends the council form back only to the nudge list', () => {
    expect(nudgeReturn('/nudges?asOf=2026-12-07&region=North+East&list=left-out')).toBe(
      '/nudges?asOf=2026-12-07&region=North+East&list=left-out',
    );
    for (const elsewhere of [
      'https://evil.example/nudges',
      '//evil.example',
      '/nudges/../admin',
      '/admin',
      5,
      undefined,
    ]) {
      expect(nudgeReturn(elsewhere)).toBeUndefined();
    }
  });
});
