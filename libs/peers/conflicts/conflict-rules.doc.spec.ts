import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FINDING_RULES, INFORMATION_RULES } from './conflict-rules.js';

/** The rules table of docs/CONFLICT-RULES.md, one rule id a row. */
function documentedRules(): string[] {
  const text = readFileSync(path.join(process.cwd(), 'docs', 'CONFLICT-RULES.md'), 'utf8');
  const section = text.split('## The rules')[1].split('\n## ')[0];
  return [...section.matchAll(/^\| `([a-z_]+)`/gm)].map((match) => match[1]);
}

describe('docs/CONFLICT-RULES.md', () => {
  it('lists exactly the rules the code has, row for row, in the order findings are listed', () => {
    expect(documentedRules()).toEqual([...FINDING_RULES, ...INFORMATION_RULES]);
  });
});
