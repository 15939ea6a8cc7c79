import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { newId } from '../../src/app/ids.js';
import type { DB } from '../../src/app/schema.js';

/** The text of a PDF as poppler's `pdftotext -layout` reads it (the file goes through a temporary directory). */
export function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'kx-pdf-'));
  try {
    const file = join(dir, `${newId()}.pdf`);
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The tenant's export audit records, oldest first. */
export function exportAudits(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom('audit_log').select(['action', 'after', 'actor_label']).where('tenant_id', '=', tenantId).where('action', '=', 'export.created').orderBy('seq').execute();
}
