import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPI3 } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { apiTypesCommand, apiTypesFile, apiTypesSource, onlyTagged } from '../scripts/api-types.js';

/**
 * The web's report types are generated from the OpenAPI document (scripts/api-types.ts). The committed file must
 * be what the current route schemas make, or the web type-checks against an API the server no longer has. No
 * database is involved: the document comes from the route registrations alone.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

describe('the generated API types', () => {
  it(`${apiTypesFile} is what \`${apiTypesCommand}\` makes of the current route schemas`, async () => {
    const generated = await apiTypesSource();
    const committed = readFileSync(join(root, apiTypesFile), 'utf8');
    // A stale file shows as a diff of the two texts under this message.
    expect(committed, `${apiTypesFile} is stale: run \`${apiTypesCommand}\` and commit the result`).toBe(generated);
    expect(generated).toMatch(/^\/\*\*\n \* GENERATED FILE: do not edit\. Made by `npm run api:types`/);
    // The operations the reports page calls are all there.
    for (const path of ['/api/v1/reports/pivot', '/api/v1/reports/aging', '/api/v1/report-templates/{id}/run', '/api/v1/report-templates/{id}/schedule']) {
      expect(generated).toContain(`"${path}": {`);
    }
  });

  it('keeps only the operations with one of the tags, and the paths left with any', () => {
    const op = (tag: string) => ({ tags: [tag], responses: {} });
    const document: OpenAPI3 = {
      openapi: '3.1.0',
      info: { title: 't', version: '0' },
      paths: {
        '/a': { get: op('reports'), post: op('receipts'), parameters: [] },
        '/b': { get: op('receipts') },
        '/c': { delete: op('reports') },
      },
    };
    expect(onlyTagged(document, ['reports']).paths).toEqual({
      '/a': { get: op('reports'), parameters: [] },
      '/c': { delete: op('reports') },
    });
  });
});
