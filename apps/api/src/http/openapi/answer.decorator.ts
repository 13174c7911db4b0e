import { ApiResponse } from '@nestjs/swagger';
import type { AnswerName } from './answer-schemas.js';

export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * Names the answer of an operation in the OpenAPI document: its status, its JSON shape (a type of answers.ts) and
 * any other form it is also given in (`text/csv`, a Word document). `null` for an answer with no body (204).
 */
export function Answer(status: number, name: AnswerName | null, ...alsoAs: string[]) {
  const content: Record<string, { schema: Record<string, unknown> }> = {};
  if (name) content['application/json'] = { schema: schemaRef(name) };
  for (const type of alsoAs) content[type] = { schema: { type: 'string', format: 'binary' } };
  return ApiResponse({
    status,
    description: name ?? 'no content',
    ...(Object.keys(content).length ? { content } : {}),
  });
}
