import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';

/**
 * The library graph (issue #20): libs/graph.json says which libraries each may import; eslint.config.js enforces
 * it (npm test lints); docs/ARCHITECTURE.md draws it. Here: the drawing is the graph, every edge is used, and a
 * wrong-way import, or one past a library's index, fails the lint.
 */
const root = path.resolve(import.meta.dirname, '..');
const graph = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(path.join(root, 'libs/graph.json'), 'utf8'))).filter(
    ([k]) => k !== '$comment',
  ),
) as Record<string, string[]>;
const edges = (of: Record<string, string[]>) =>
  Object.entries(of)
    .flatMap(([from, to]) => to.map((lib) => `${from} --> ${lib}`))
    .sort();

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name));
}

describe('the library graph', () => {
  it('names every library (as nest-cli.json does), and docs/ARCHITECTURE.md draws exactly its edges', async () => {
    const libraries = (await readdir(path.join(root, 'libs'), { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(Object.keys(graph).sort()).toEqual(libraries);
    // The Nest CLI's monorepo description lists them too.
    const nest = JSON.parse(await readFile(path.join(root, 'nest-cli.json'), 'utf8')) as {
      projects: Record<string, { type: string }>;
    };
    const described = Object.entries(nest.projects).filter(([, p]) => p.type === 'library');
    expect(described.map(([name]) => name).sort()).toEqual(libraries);
    const doc = await readFile(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');
    const mermaid = /```mermaid\ngraph TD\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const drawn = mermaid
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .sort();
    expect(drawn).toEqual(edges(graph));
  });

  it('has no edge that no import uses', async () => {
    const used: Record<string, string[]> = {};
    for (const name of Object.keys(graph)) {
      const found = new Set<string>();
      for (const file of await sources(path.join(root, 'libs', name))) {
        for (const [, lib] of (await readFile(file, 'utf8')).matchAll(/from '#libs\/([a-z-]+)'/g)) {
          if (lib !== name) found.add(lib!);
        }
      }
      used[name] = [...found];
    }
    expect(edges(used)).toEqual(edges(graph));
  });

  it('fails the lint on a wrong-way import, on one past an index, and on a path into another library', async () => {
    const eslint = new ESLint({ cwd: root });
    const problems = async (filePath: string, code: string) =>
      (await eslint.lintText(code, { filePath: path.join(root, filePath) }))[0]!.messages
        .filter((m) => m.ruleId === 'no-restricted-imports')
        .map((m) => m.message);
    // councils sits below cases: cases may import it, not the other way round.
    expect(await problems('libs/cases/allowed.ts', "export { CouncilsService } from '#libs/councils';\n")).toEqual([]);
    expect(await problems('libs/councils/wrong-way.ts', "export { CasesService } from '#libs/cases';\n")).toEqual([
      expect.stringContaining('libs/councils may import only #libs/audit, #libs/platform'),
    ]);
    expect(await problems('libs/platform/wrong-way.ts', "export { AuditService } from '#libs/audit';\n")).toEqual([
      expect.stringContaining('libs/platform may import only no other library'),
    ]);
    expect(await problems('libs/peers/deep.ts', "export { CouncilGraph } from '#libs/councils/lineage.js';\n")).toEqual(
      [expect.stringContaining('by its index only')],
    );
    expect(
      await problems('libs/cases/reminders/into.ts', "export { x } from '../../platform/calendar/working-days.js';\n"),
    ).toEqual([expect.stringContaining('not by a path into it')]);
    // The schema is the application's: a library does not reach out to it.
    expect(
      await problems('libs/platform/database/x.ts', "export { MIGRATIONS } from '../../../migrations/index.js';\n"),
    ).toEqual([expect.stringContaining('an app hands them to DatabaseModule.forRoot')]);
    // A library says what went wrong with a domain error; the HTTP layer alone speaks HTTP.
    expect(await problems('libs/peers/http.ts', "export { BadRequestException } from '@nestjs/common';\n")).toEqual([
      expect.stringContaining('never HTTP ones'),
    ]);
    expect(await problems('libs/peers/fine.ts', "export { Injectable } from '@nestjs/common';\n")).toEqual([]);
    expect(await problems('apps/api/src/x.ts', "export { BadRequestException } from '@nestjs/common';\n")).toEqual([]);
  });
});
