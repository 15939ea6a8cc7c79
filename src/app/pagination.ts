import { KxError } from '../core/errors.js';
import { limits } from '../core/limits.js';

/** Items per page when the caller does not say. */
export const pageSizeDefault = 50;

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Cursors are opaque to clients (base64url of a small JSON value), so the order they encode can change
 * without breaking anyone; a cursor that does not decode is a validation error, never a 500.
 */
export function encodeCursor(position: string): string {
  return Buffer.from(JSON.stringify([position]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, isValid: (position: string) => boolean): string | undefined {
  if (cursor === undefined) return undefined;
  let position: unknown;
  try {
    position = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[])[0];
  } catch {
    position = undefined;
  }
  if (typeof position !== 'string' || !isValid(position)) {
    throw new KxError('validation_failed', 'the cursor is not one this list handed out', {
      fields: [{ field: 'cursor', code: 'validation_failed', message: 'unknown cursor' }],
    });
  }
  return position;
}

export function pageSize(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? pageSizeDefault, 1), limits.pageSizeMax);
}

/** Rows were fetched with one extra row: its presence says whether a next page exists. */
export function toPage<Row, T>(rows: Row[], size: number, map: (row: Row) => T, positionOf: (row: Row) => string): Page<T> {
  const more = rows.length > size;
  const kept = more ? rows.slice(0, size) : rows;
  return { items: kept.map(map), nextCursor: more ? encodeCursor(positionOf(kept[kept.length - 1]!)) : null };
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
