// `npm run openapi`: writes the JSON Schemas of every answer in the contract (apps/api/src/http/openapi/answers.ts)
// into answer-schemas.ts, which the OpenAPI document serves as its components. `--check` writes nothing and fails
// when the file is not what the types give (test/openapi.test.ts runs it, so the document cannot drift from the code).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { onPinnedNode, root } from './lib/project.mjs';

const SOURCE = path.join(root, 'apps/api/src/http/openapi/answers.ts');
const TARGET = path.join(root, 'apps/api/src/http/openapi/answer-schemas.ts');

/** `Page<CaseSummary>` → `PageOfCaseSummary`: component names are letters, digits, `.`, `-` and `_` only. */
const componentName = (name) => name.replace(/<(.*)>$/, 'Of$1').replace(/[^A-Za-z0-9._-]+/g, '');

/**
 * JSON Schema draft 7, as the generator writes it, to the OpenAPI 3.1 dialect (JSON Schema 2020-12): refs into
 * components, tuples as `prefixItems`.
 */
function toOpenApi(schema) {
  if (Array.isArray(schema)) return schema.map(toOpenApi);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') {
      out.$ref = `#/components/schemas/${componentName(decodeURIComponent(value.replace('#/definitions/', '')))}`;
    } else if (key === 'items' && Array.isArray(value)) {
      out.prefixItems = toOpenApi(value);
      if (schema.additionalItems === false || schema.maxItems === value.length) out.items = false;
    } else if (key === 'additionalItems') {
      continue;
    } else {
      out[key] = key === 'properties' ? mapValues(value, toOpenApi) : toOpenApi(value);
    }
  }
  return out;
}

const mapValues = (object, f) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k, f(v)]));

async function generate() {
  const { createGenerator } = await import('ts-json-schema-generator');
  const prettier = await import('prettier');
  const generator = createGenerator({
    path: SOURCE,
    tsconfig: path.join(root, 'tsconfig.json'),
    type: '*',
    expose: 'export',
    jsDoc: 'extended',
    skipTypeCheck: true,
    additionalProperties: false,
  });
  const { definitions } = generator.createSchema('*');
  const schemas = {};
  for (const name of Object.keys(definitions).sort()) schemas[componentName(name)] = toOpenApi(definitions[name]);
  const names = Object.keys(schemas);
  const text =
    '// Written by `npm run openapi` from answers.ts: do not edit by hand.\n' +
    `export type AnswerName = ${names.map((n) => `'${n}'`).join(' | ')};\n\n` +
    `export const ANSWER_SCHEMAS: Record<AnswerName, Record<string, unknown>> = ${JSON.stringify(schemas)};\n`;
  const options = await prettier.resolveConfig(TARGET);
  return prettier.format(text, { ...options, filepath: TARGET });
}

async function main() {
  await onPinnedNode();
  const text = await generate();
  let current = '';
  try {
    current = readFileSync(TARGET, 'utf8');
  } catch {
    // not written yet
  }
  if (process.argv.includes('--check')) {
    if (current === text) return 0;
    process.stderr.write(
      `${path.relative(root, TARGET)} is not what the answer types give: run \`npm run openapi\` and commit it.\n`,
    );
    return 1;
  }
  if (current !== text) writeFileSync(TARGET, text);
  process.stdout.write(`wrote ${path.relative(root, TARGET)}\n`);
  return 0;
}

process.exitCode = await main();
