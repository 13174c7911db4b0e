import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CouncilType, Region } from '../council.entity.js';
import type { NeighbourRelation } from '../council-neighbour.entity.js';
import { dayBefore } from '../reorganisations.js';

export interface RegisterCouncil {
  gssCode: string;
  name: string;
  officialName: string;
  type: CouncilType;
  region: Region;
  countyGssCode: string | null;
  combinedAuthorityGssCode: string | null;
  combinedAuthorityName: string | null;
  startDate: string | null;
  endDate: string | null;
}

export interface Register {
  councils: RegisterCouncil[];
  successions: Array<{ predecessorGssCode: string; successorGssCode: string; startDate: string }>;
  neighbours: Array<{ gssCode: string; neighbourGssCode: string; relation: NeighbourRelation; rank: number }>;
}

/** The CSV files under data/councils, keyed by file name without extension. */
export type RegisterFiles = Record<
  'english_councils_extended' | 'councils_created_2019_2023' | 'reorganisations' | 'lad21_neighbours_england',
  string
>;

function rows(csv: string): Array<Record<string, string>> {
  return parse(csv, { columns: true, skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
}

const orNull = (value: string | undefined) => (value ? value : null);

/**
 * Builds the register from the source files. The sources give abolition dates inconsistently (some the last
 * day, some the successor's first day), so a council's end date is taken as the day before its successor
 * started: it existed on every date before that.
 */
export function buildRegister(files: RegisterFiles): Register {
  const successions = rows(files.reorganisations).map((r) => ({
    predecessorGssCode: r.predecessor_gss_code,
    successorGssCode: r.successor_gss_code,
    startDate: r.successor_start_date,
  }));
  const endDates = new Map<string, string>();
  for (const s of successions) {
    const end = dayBefore(s.startDate);
    const known = endDates.get(s.predecessorGssCode);
    if (!known || end < known) endDates.set(s.predecessorGssCode, end);
  }

  const existing: RegisterCouncil[] = rows(files.english_councils_extended).map((r) => ({
    gssCode: r.gss_code,
    name: r.name,
    officialName: r.official_name || r.name,
    type: r.type as CouncilType,
    region: r.region as Region,
    countyGssCode: orNull(r.county_gss_code),
    combinedAuthorityGssCode: orNull(r.combined_authority_gss_code),
    combinedAuthorityName: orNull(r.combined_authority_name),
    startDate: null,
    endDate: endDates.get(r.gss_code) ?? null,
  }));
  const created: RegisterCouncil[] = rows(files.councils_created_2019_2023).map((r) => ({
    gssCode: r.gss_code,
    name: r.name,
    officialName: r.name,
    type: r.type as CouncilType,
    region: r.region as Region,
    countyGssCode: orNull(r.county_gss_code),
    combinedAuthorityGssCode: null,
    combinedAuthorityName: null,
    startDate: r.start_date,
    endDate: endDates.get(r.gss_code) ?? null,
  }));
  const councils = [...existing, ...created];

  const codes = new Set(councils.map((c) => c.gssCode));
  const neighbours = rows(files.lad21_neighbours_england)
    .filter((r) => codes.has(r.gss_code) && codes.has(r.neighbour_gss_code) && r.gss_code !== r.neighbour_gss_code)
    .map((r) => ({
      gssCode: r.gss_code,
      neighbourGssCode: r.neighbour_gss_code,
      relation: r.relation as NeighbourRelation,
      rank: Number(r.rank),
    }));
  return { councils, successions, neighbours };
}

/** The project's folder holding package.json, found from this file whether it runs from src or dist. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the councils library');
    dir = parent;
  }
  return dir;
}

export function readRegisterFiles(dir = path.join(projectRoot(), 'data', 'councils')): RegisterFiles {
  const read = (name: keyof RegisterFiles) => readFileSync(path.join(dir, `${name}.csv`), 'utf8');
  return {
    english_councils_extended: read('english_councils_extended'),
    councils_created_2019_2023: read('councils_created_2019_2023'),
    reorganisations: read('reorganisations'),
    lad21_neighbours_england: read('lad21_neighbours_england'),
  };
}
