/**
 * The web's API types, generated from the server's OpenAPI document instead of written twice.
 *
 * `npm run api:types` builds the HTTP app (its plugins and route schemas; no database is opened), takes the
 * OpenAPI document @fastify/swagger makes of it, and writes all of it as TypeScript with openapi-typescript into
 * web/src/api/openapi.d.ts. All of it rather than the tags the web calls: those are every tag but three
 * (adjustments, fx-rates, ledger), the subset saved 8% of the lines (10,300 of 11,200), and a list of tags would be
 * one more thing to keep in step with the web's calls. test/api-types.test.ts generates the
 * same text in memory and fails when the committed file differs, so a changed route schema becomes a type error
 * in the web (after regenerating) rather than a silent mismatch.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../src/adapters/http/app.js';
import type { DB } from '../src/app/schema.js';

export const apiTypesCommand = 'npm run api:types';
/** Relative to the project root. */
export const apiTypesFile = 'web/src/api/openapi.d.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The document as the server serves it at /api/docs/json. The app is built over a Kysely whose driver never
 * connects (Kysely's DummyDriver): registering routes and starting the app with its background work off runs no
 * query, so no database (PGlite or server) is needed and the result cannot depend on one.
 */
export async function openApiDocument(): Promise<OpenAPI3> {
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  // A fixed version and key: the document must not change with the package version or from run to run.
  const app = buildApp({
    database: { db, kind: 'postgres', location: 'none (OpenAPI document only)', close: async () => db.destroy() },
    version: '0',
    gateways: { secretKey: Buffer.alloc(32), worker: false },
  });
  try {
    await app.ready();
    return app.swagger() as OpenAPI3;
  } finally {
    await app.close();
    await db.destroy();
  }
}

const header = `/**
 * GENERATED FILE: do not edit. Made by \`${apiTypesCommand}\` (scripts/api-types.ts) with openapi-typescript from the
 * server's whole OpenAPI document. To change a type, change the route's TypeBox schema in src/adapters/http/routes
 * and run \`${apiTypesCommand}\` again; test/api-types.test.ts fails while this file is stale.
 */
`;

/** The text of web/src/api/openapi.d.ts as the current route schemas produce it. */
export async function apiTypesSource(): Promise<string> {
  const ast = await openapiTS(await openApiDocument(), { silent: true });
  return header + astToString(ast);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const source = await apiTypesSource();
  writeFileSync(join(root, apiTypesFile), source);
  console.log(`Wrote ${apiTypesFile} (${source.split('\n').length} lines).`);
}
