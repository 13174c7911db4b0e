import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { NextFunction, Request, Response } from 'express';

/** An answer the tests received that the OpenAPI document does not describe. */
export interface Breach {
  request: string;
  status: number;
  problem: string;
}

type Operation = { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };

/** Checks answers against one document: its schemas compiled once, each the first time an answer needs it. */
export class ContractChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    addFormats.default(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: 'openapi', components: document.components }, 'openapi');
  }

  private validator(ref: string): ValidateFunction {
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi${ref}` });
      this.validators.set(ref, validate);
    }
    return validate;
  }

  /**
   * What is wrong with an answer, or null: `route` is Express's (`/api/v1/cases/:id`), undefined when no route
   * took the request (then only an error in the `ApiError` shape fits).
   */
  problem(method: string, route: string | undefined, status: number, type: string, body: string): string | null {
    let declared: Operation['responses'][string] | undefined;
    const path = route?.replace(/:([A-Za-z]+)/g, '{$1}');
    const operation = path
      ? (this.document.paths[path]?.[method.toLowerCase() as 'get'] as Operation | undefined)
      : undefined;
    if (operation) {
      declared = operation.responses[String(status)] ?? (status >= 400 ? operation.responses.default : undefined);
      if (!declared) return `${method} ${path} does not declare a ${status} answer`;
    } else {
      // No route, or the catch-all that answers 404 for an unknown path: only an error fits.
      if (status < 400)
        return `a ${status} from ${path ? `${method} ${path}, which is not in the document` : 'no route'}`;
      declared = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } };
    }
    const mediaType = type.split(';')[0]!.trim();
    // A redirect's body is Express's courtesy text ("See Other. Redirecting to …"): only its status is contract.
    if (status >= 300 && status < 400) return null;
    if (!body) {
      return declared.content && status !== 304 && method !== 'HEAD' ? `an empty ${status} answer` : null;
    }
    const content = declared.content?.[mediaType];
    if (!content) return `a ${mediaType || 'body without a type'} the ${status} answer does not declare`;
    if (mediaType !== 'application/json') return null;
    const ref = content.schema?.$ref;
    if (!ref) return `the ${status} answer has no schema`;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return 'the body is not JSON';
    }
    const validate = this.validator(ref);
    if (validate(value)) return null;
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
    return `not a ${ref.split('/').at(-1)}: ${errors.join('; ')}`;
  }
}

/**
 * Checks every answer of the JSON API against the OpenAPI document the application serves (registered before
 * anything else, so it sees every answer). An answer outside the contract fails the request that got it: it becomes
 * a 500 naming the breach (which every test notices), or, when it was already streaming, a cut connection.
 */
export function checkAnswers(app: INestApplication, document: () => OpenAPIObject): void {
  let checker: ContractChecker | undefined;
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!request.originalUrl.startsWith('/api/') || request.originalUrl.startsWith('/api/docs')) return next();
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown) => {
      if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => Response;
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return write(chunk, ...rest);
    }) as Response['write'];
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') keep(chunk);
      checker ??= new ContractChecker(document());
      const route = request.route ? `${request.baseUrl}${(request.route as { path: string }).path}` : undefined;
      const type = String(response.getHeader('content-type') ?? '');
      const body = Buffer.concat(chunks).toString('utf8');
      const problem = checker.problem(request.method, route, response.statusCode, type, body);
      if (!problem) return end(chunk, ...rest);
      const breach: Breach = {
        request: `${request.method} ${request.originalUrl}`,
        status: response.statusCode,
        problem,
      };
      process.stderr.write(`answer outside the OpenAPI document: ${JSON.stringify(breach)}\n`);
      if (response.headersSent) {
        response.destroy();
        return response;
      }
      const text = JSON.stringify({ statusCode: 500, error: 'Answer outside the OpenAPI document', message: problem });
      response.status(500).setHeader('Content-Type', 'application/json; charset=utf-8');
      response.setHeader('Content-Length', Buffer.byteLength(text));
      return end(text);
    }) as Response['end'];
    next();
  });
}
