/**
 * Bounded exact subset sums: which few of these amounts add up to exactly that amount. Subset sum is
 * exponential in general; here the subset size, the number of candidates and the number of search steps are all
 * capped (src/core/limits.ts), so one search costs at most `stepsMax` steps whatever the data.
 */

export interface SumSearch<T> {
  /** Candidates, each with a positive amount; the caller has already cut them to a bounded, relevant few. */
  candidates: readonly T[];
  amountOf: (candidate: T) => bigint;
  target: bigint;
  sizeMin: number;
  sizeMax: number;
  solutionsMax: number;
  stepsMax: number;
  /** Whether `next` may join `chosen` (e.g. not an order together with one of its own instalments). */
  compatible?: (chosen: readonly T[], next: T) => boolean;
}

/**
 * Subsets of sizeMin..sizeMax candidates whose amounts sum exactly to the target, largest amounts first, at most
 * solutionsMax of them. Deterministic for a given candidate order (ties keep that order).
 */
export function findExactSums<T>(search: SumSearch<T>): T[][] {
  const { target, sizeMin, sizeMax, solutionsMax, stepsMax } = search;
  if (target <= 0n || search.candidates.length < sizeMin) return [];
  const sorted = search.candidates
    .map((candidate, order) => ({ candidate, order, amount: search.amountOf(candidate) }))
    .filter((c) => c.amount > 0n && c.amount <= target)
    .sort((a, b) => (a.amount > b.amount ? -1 : a.amount < b.amount ? 1 : a.order - b.order));
  // prefix[i] = sum of sorted[0..i-1]: the k largest amounts from i on sum to prefix[i+k] - prefix[i].
  const prefix: bigint[] = [0n];
  for (const c of sorted) prefix.push(prefix[prefix.length - 1]! + c.amount);
  const solutions: T[][] = [];
  const chosen: T[] = [];
  let steps = 0;

  const walk = (from: number, need: bigint): void => {
    for (let i = from; i < sorted.length; i++) {
      if (solutions.length >= solutionsMax || ++steps > stepsMax) return;
      const slots = sizeMax - chosen.length;
      // Sorted largest first: if the largest `slots` amounts from here cannot reach the need, nothing later can.
      if (prefix[Math.min(sorted.length, i + slots)]! - prefix[i]! < need) return;
      const { candidate, amount } = sorted[i]!;
      if (amount > need) continue;
      if (search.compatible !== undefined && !search.compatible(chosen, candidate)) continue;
      chosen.push(candidate);
      if (amount === need) {
        if (chosen.length >= sizeMin) solutions.push([...chosen]);
      } else if (chosen.length < sizeMax) {
        walk(i + 1, need - amount);
      }
      chosen.pop();
    }
  };
  walk(0, target);
  return solutions;
}
