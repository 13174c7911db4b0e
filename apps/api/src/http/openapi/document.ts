import { createRequire } from 'node:module';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { EVENT_BODIES } from '#libs/cases';
import { REGIONS } from '#libs/councils';
import { ANSWER_SCHEMAS } from './answer-schemas.js';
import { schemaRef } from './answer.decorator.js';

type Schema = Record<string, unknown>;
type Components = NonNullable<OpenAPIObject['components']>;

// class-transformer's storage (for @Type of nested bodies) has no typed entry point of its own.
const { defaultMetadataStorage } = createRequire(import.meta.url)('class-transformer/cjs/storage') as {
  defaultMetadataStorage: object;
};

/** How class-validator-jsonschema writes the validation rules of a body as JSON Schema. */
const RULES = {
  refPointerPrefix: '#/components/schemas/',
  classTransformerMetadataStorage: defaultMetadataStorage,
  additionalConverters: {
    isCalendarDate: { type: 'string', format: 'date' },
    isDateOrTime: { type: 'string', description: 'a date (YYYY-MM-DD) or a time (ISO 8601)' },
    isRegionCapacities: {
      type: ['object', 'null'],
      propertyNames: { enum: [...REGIONS] },
      additionalProperties: { type: 'integer', minimum: 0 },
    },
  },
} as Parameters<typeof validationMetadatasToSchemas>[0];

/** `SCHEDULE_SCOPING_MEETING` → `ScheduleScopingMeetingEvent`. */
export const eventSchemaName = (type: string) =>
  `${type
    .toLowerCase()
    .split('_')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')}Event`;

const refsIn = (value: unknown) =>
  new Set([...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!));

/** One schema per event type, its `type` fixed, and `CaseEvent`: one of them, told apart by `type`. */
function eventSchemas(): Record<string, Schema> {
  const schemas: Record<string, Schema> = {};
  const mapping: Record<string, string> = {};
  for (const [type, body] of Object.entries(EVENT_BODIES)) {
    const schema = targetConstructorToSchema(body, RULES) as Schema & { properties: Record<string, Schema> };
    const name = eventSchemaName(type);
    schema.properties = { ...schema.properties, type: { type: 'string', const: type } };
    schemas[name] = { ...schema, additionalProperties: false };
    mapping[type] = schemaRef(name).$ref;
  }
  schemas.CaseEvent = {
    description: 'An event for a case: its `type`, the `expectedVersion` of the case you last read, and its fields.',
    oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
    discriminator: { propertyName: 'type', mapping },
  };
  return schemas;
}

/**
 * The request bodies as the validation rules state them (what is required, lengths, patterns), with the
 * descriptions and examples the DTOs give @nestjs/swagger; and the schemas those refer to (a nested body).
 */
function requestSchemas(generated: Record<string, Schema>, referenced: Set<string>): Record<string, Schema> {
  const rules = validationMetadatasToSchemas(RULES) as Record<string, Schema & { properties?: Record<string, Schema> }>;
  const wanted = [...new Set([...Object.keys(generated), ...referenced])];
  const schemas: Record<string, Schema> = {};
  for (let i = 0; i < wanted.length; i++) {
    const name = wanted[i]!;
    const rule = rules[name];
    if (!rule || schemas[name]) continue;
    const described = generated[name] as { properties?: Record<string, Schema> } | undefined;
    const properties: Record<string, Schema> = {};
    for (const [key, property] of Object.entries(rule.properties ?? {})) {
      properties[key] = { ...property, ...(described?.properties?.[key] ?? {}) };
    }
    schemas[name] = { ...rule, properties, additionalProperties: false };
    for (const inner of refsIn(rule)) if (!wanted.includes(inner)) wanted.push(inner);
  }
  return schemas;
}

/** OpenAPI 3.0's `nullable: true` as 3.1 writes it: `null` among the types. */
function withoutNullable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullable);
  if (value === null || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Schema;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, withoutNullable(v)]));
  if (nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

/**
 * The contract as OpenAPI 3.1: every operation with its request body and each answer's schema (answers.ts, by
 * `@Answer`), and every error in the `ApiError` shape.
 */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('LGA peer challenge case management')
      .setDescription('The HTTP contract: docs/API.md. Sign in with POST /api/v1/auth/login, then Authorize.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  document.openapi = '3.1.0';
  const events = eventSchemas();
  const generated = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const requests = requestSchemas(generated, refsIn(events));
  document.components = {
    ...document.components,
    schemas: { ...generated, ...requests, ...events, ...ANSWER_SCHEMAS } as Components['schemas'],
  };
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      operation.responses.default = {
        description: 'an error',
        content: { 'application/json': { schema: schemaRef('ApiError') } },
      };
    }
  }
  return withoutNullable(document) as OpenAPIObject;
}
