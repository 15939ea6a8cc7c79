/**
 * Auto-matching of money-in statement lines to what the books expect (issue 6 §4). Pure: data in, suggestions
 * out. The app layer loads the open items and aliases of ONE tenant and currency set, calls `suggestMatches`
 * once per statement (or per batch of lines), stores the suggestions and applies the ones finance accepts.
 *
 * Implementation follows (this commit publishes the API the lead and the ingest engineer build on).
 */
import type { LineToMatch, MatchSuggestion, OpenItem, PayerAlias } from './types.js';

export interface MatchOptions {
  /** Days before/after an item's due date (instalment) or date (receipt) in which an amount-only match is proposed. */
  dateWindowDays: number;
  /** Suggestions scoring below this (0–100) are dropped. */
  minScore: number;
  /** Best suggestions kept per line, highest score first. */
  maxSuggestionsPerLine: number;
}

export const defaultMatchOptions: MatchOptions = { dateWindowDays: 30, minScore: 20, maxSuggestionsPerLine: 5 };

/**
 * Suggestions per line id (lines without any are absent), best first; a suggestion covering several lines
 * (several payments = one receipt) appears under each of its lines with the same content.
 */
export function suggestMatches(
  _lines: readonly LineToMatch[],
  _items: readonly OpenItem[],
  _aliases: readonly PayerAlias[],
  _options: Partial<MatchOptions> = {},
): Map<string, MatchSuggestion[]> {
  throw new Error('suggestMatches: not implemented yet');
}
