import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isKxError, type ErrorCode } from '../src/core/errors.js';

/** The shared external test files (../shared/extdata beside the checkout); tests skip when it is absent. */
export const extdataDir = process.env.KX_EXTDATA_DIR ?? resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/extdata');
export const hasExtdata = existsSync(resolve(extdataDir, 'MANIFEST.md'));
if (!hasExtdata) console.warn(`gateway tests on real files SKIPPED: no ${extdataDir}/MANIFEST.md (set KX_EXTDATA_DIR)`);

export const extdata = (...parts: string[]): string => resolve(extdataDir, ...parts);

/** The KxError code and message a call throws; fails the test if it does not throw one. */
export function refusal(run: () => unknown): { code: ErrorCode; message: string } {
  try {
    run();
  } catch (error) {
    if (isKxError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to be refused with a KxError');
}
