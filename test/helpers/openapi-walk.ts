import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/**
 * Walking every operation of the OpenAPI document, for tests that must keep covering routes added later
 * (cross-tenant isolation, read-only roles). The document is the source of truth for what exists.
 */

type Schema = { [key: string]: unknown };

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As in the document: /api/v1/customers/{id}. */
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema; required: boolean }[];
  body: Schema | undefined;
  /** Declared `security: []`: reachable without signing in (sign-in itself). */
  public: boolean;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

export async function operationsOf(app: FastifyInstance): Promise<Operation[]> {
  const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
  if (res.statusCode !== 200) throw new Error(`GET /api/docs/json answered ${res.statusCode}`);
  const doc = res.json() as { paths: Record<string, Record<string, Schema>>; components?: { schemas?: Record<string, Schema> } };
  const resolve = (schema: Schema | undefined): Schema | undefined => {
    const ref = schema?.$ref;
    if (typeof ref !== 'string') return schema;
    return resolve(doc.components?.schemas?.[ref.split('/').pop()!]);
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of methods) {
      const op = item[method];
      if (!op) continue;
      const parameters = ((op.parameters as Schema[] | undefined) ?? []).map((p) => resolve(p)!);
      const body = resolve((op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.['application/json']?.schema);
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: String(p.name), schema: resolve(p.schema as Schema) ?? {}, required: p.required === true })),
        body: body ? resolveDeep(body, resolve) : undefined,
        public: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return operations;
}

function resolveDeep(schema: Schema, resolve: (s: Schema | undefined) => Schema | undefined): Schema {
  const resolved = resolve(schema) ?? {};
  const out: Schema = {};
  for (const [key, value] of Object.entries(resolved)) {
    if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, resolveDeep(v, resolve)]));
    } else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object') {
      out[key] = resolveDeep(value as Schema, resolve);
    } else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = value.map((v: Schema) => resolveDeep(v, resolve));
    } else {
      out[key] = value;
    }
  }
  return out;
}

export interface SampleContext {
  /** A value for a field or parameter by its name (ids of a particular tenant, a month …), or undefined. */
  valueFor: (name: string, schema: Schema) => unknown;
}

const patternCandidates = ['1.00', '100', 'walk', 'walk_1', 'w', 'CNY', '2026-11', '2026-11-15', 'a1', 'A1', 'kx'];

/**
 * A minimal value that satisfies the schema: required properties, plus optional ones the context has a
 * value for (so ids of interest reach the handler). Not a full JSON Schema sampler: what the API uses.
 */
export function sampleOf(schema: Schema | undefined, ctx: SampleContext, name = ''): unknown {
  if (!schema) return {};
  const given = name ? ctx.valueFor(name, schema) : undefined;
  if (given !== undefined) return given;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (options) return sampleOf(options.find((o) => o.type !== 'null') ?? options[0], ctx, name);
  }
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...(schema.allOf as Schema[]).map((s) => sampleOf(s, ctx, name)));
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(properties)) {
        if (required.has(key)) out[key] = sampleOf(sub, ctx, key);
        else if (ctx.valueFor(key, sub) !== undefined) out[key] = ctx.valueFor(key, sub);
      }
      return out;
    }
    case 'array': {
      const count = Math.max(Number(schema.minItems ?? 0), 1);
      const max = schema.maxItems === undefined ? count : Math.min(count, Number(schema.maxItems));
      return Array.from({ length: max }, () => sampleOf(schema.items as Schema | undefined, ctx, singular(name)));
    }
    case 'integer':
    case 'number':
      return Math.min(Math.max(Number(schema.minimum ?? 1), 1), Number(schema.maximum ?? Number.MAX_SAFE_INTEGER));
    case 'boolean':
      return false;
    case 'string':
      return sampleString(schema);
    default:
      return {};
  }
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

function sampleString(schema: Schema): string {
  const format = schema.format;
  if (format === 'uuid') return randomUUID();
  if (format === 'date') return '2026-11-15';
  if (format === 'date-time') return new Date().toISOString();
  if (format === 'email') return 'walker@example.com';
  const min = Number(schema.minLength ?? 1);
  const max = Number(schema.maxLength ?? 1_000);
  const fit = (s: string) => (s.length < min ? s + 'x'.repeat(min - s.length) : s).slice(0, max);
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern, 'u');
    const found = patternCandidates.map(fit).find((c) => pattern.test(c));
    if (found) return found;
  }
  return fit('walk');
}

/** The URL of an operation with its path parameters filled in, and a query string. */
export function urlOf(op: Operation, pathValues: Record<string, string>, query: Record<string, unknown> = {}): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? ''));
  const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return search ? `${path}?${search}` : path;
}

/** Every combination of candidate values for the operation's path parameters. */
export function pathCombinations(op: Operation, candidatesFor: (param: string, op: Operation) => string[]): Record<string, string>[] {
  let combos: Record<string, string>[] = [{}];
  for (const param of op.pathParams) {
    const values = candidatesFor(param, op);
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [param]: v })));
  }
  return combos;
}

export const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
