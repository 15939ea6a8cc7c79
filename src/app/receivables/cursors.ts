import { decodeCursor, encodeCursor } from '../pagination.js';

const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The position in a cursor this list handed out, or undefined for the first page. Only the canonical
 * encoding of a position of the right shape is accepted: text PostgreSQL cannot take (NUL, an unpaired
 * surrogate) would be a 500, and a cursor of another list or another sort would silently skip rows.
 */
export function positionOf(cursor: string | undefined, isShape: (position: string) => boolean): string | undefined {
  return decodeCursor(cursor, (position) =>
    position.length > 0 && position.length <= 400 && !position.includes('\u0000') && !unpairedSurrogate.test(position) && encodeCursor(position) === cursor && isShape(position));
}

/** "value|id" positions of keyset pagination over (value, id). */
export function splitPosition(position: string): [value: string, id: string] {
  const at = position.lastIndexOf('|');
  return [position.slice(0, at), position.slice(at + 1)];
}
