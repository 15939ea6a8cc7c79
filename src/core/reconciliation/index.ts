export { aliasKey, aliasKeyOfNormalized, nameSimilarity, nameProfile, normalizeAccount, normalizeName } from './names.js';
export { defaultMatchOptions, prepareMatcher, suggestMatches, Matcher, type MatchOptions } from './match.js';
export { documentNumberKey } from './references.js';
export type * from './types.js';
