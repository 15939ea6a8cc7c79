import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiTypesCommand, apiTypesFile, apiTypesSource } from '../scripts/api-types.js';

/**
 * The web's API types are generated from the OpenAPI document (scripts/api-types.ts). The committed file must
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
    // A sample of the operations the pages call, one per part of the web.
    for (const path of ['/api/v1/reports/pivot', '/api/v1/report-templates/{id}/schedule', '/api/v1/receipts/{id}', '/api/v1/customers/{id}/statement', '/api/v1/alert-rules', '/api/v1/webhook-subscriptions/{id}/deliveries/{deliveryId}']) {
      expect(generated).toContain(`"${path}": {`);
    }
  });
});
