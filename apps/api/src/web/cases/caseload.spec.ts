import { boardColumn, caseFilters, managerChoices, sortableHead, type Managers } from './caseload.js';

const managers: Managers = {
  names: new Map([
    ['m-1', 'Ann Active'],
    ['m-2', 'Lee Left'],
    ['v-1', 'Vic Viewer'],
  ]),
  active: ['m-1'],
};

describe('the caseload', () => {
  it('reads the filters leniently: a value that is not a choice is no filter, and managerId=me is the user', () => {
    expect(
      caseFilters(
        { stage: 'onsite', managerId: 'm-1', region: 'North West', type: 'fire_and_rescue' },
        managers,
        'v-1',
      ),
    ).toEqual({ stage: 'onsite', managerId: 'm-1', region: 'North West', type: 'fire_and_rescue', sort: 'visit' });
    expect(
      caseFilters({ stage: 'onsite.preparing', managerId: 'm-2', region: 'Narnia', type: ['other'] }, managers, 'v-1'),
    ).toEqual({ stage: undefined, managerId: undefined, region: undefined, type: undefined, sort: 'visit' });
    expect(caseFilters({ managerId: 'me' }, managers, 'v-1').managerId).toBe('v-1');
    // Open cases first, earliest visit first, unless the most recently changed are asked for.
    expect(caseFilters({ sort: 'changed' }, managers, 'v-1').sort).toBe('changed');
    expect(caseFilters({ sort: 'name' }, managers, 'v-1').sort).toBe('visit');
  });

  it('offers the active managers, and the user when they filtered by themselves', () => {
    expect(managerChoices(managers, undefined)).toEqual([
      { value: '', text: 'Any manager' },
      { value: 'm-1', text: 'Ann Active', selected: false },
    ]);
    expect(managerChoices(managers, 'v-1')).toEqual([
      { value: '', text: 'Any manager' },
      { value: 'm-1', text: 'Ann Active', selected: false },
      { value: 'v-1', text: 'Vic Viewer', selected: true },
    ]);
  });

  it('links a board column to the rest of its cases in the table, keeping the filters', () => {
    const summary = {
      id: 'c-1',
      councilName: 'Manchester',
      type: 'finance_peer_review',
      managerId: 'm-2',
      onsiteStart: null,
      onHold: true,
    };
    const found = { items: [summary as never], total: 3, limit: 1, offset: 0 };
    expect(boardColumn('team_assembly', found, managers, { region: 'North West', sort: 'visit' })).toEqual({
      id: 'stage-team-assembly',
      title: 'Team assembly',
      total: 3,
      cards: [
        {
          href: '/cases/c-1',
          councilName: 'Manchester',
          type: 'Finance peer review',
          manager: 'Lee Left',
          onsite: 'Not set',
          onHold: true,
        },
      ],
      more: {
        href: '/cases?region=North+West&stage=team_assembly',
        text: 'See all 3 team assembly cases in the table',
      },
    });
  });

  it('heads the sortable columns with links to that order, keeping the filters, and marks the one sorted', () => {
    const head = sortableHead({ region: 'North West', sort: 'council' });
    expect(head.map((h) => ('attributes' in h ? h.attributes?.['aria-sort'] : null))).toEqual([
      'ascending',
      'none',
      'none',
      null,
      'none',
    ]);
    expect(head[0]).toMatchObject({
      html: expect.stringContaining('href="/cases?region=North+West&amp;sort=council"'),
    });
    // The default order (by visit) is left out of the address.
    expect(head[4]).toMatchObject({ html: expect.stringContaining('href="/cases?region=North+West"') });
    expect(head[3]).toEqual({ text: 'Manager' });
  });
});
