export { aliasKey, normalizeAccount, normalizeName } from './names.js';
export { defaultMatchOptions, suggestMatches, type MatchOptions } from './match.js';
export type * from './types.js';
