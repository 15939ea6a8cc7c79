/**
 * Splits amountMinor in proportion to weights so that the parts add up to it exactly: each part gets the floor of
 * its share, then the minor units left over go one at a time to the largest remainders, ties to the earliest
 * index. Every part is therefore within one minor unit of its exact proportional share, and a zero weight gets 0.
 * A negative amount is split as the mirror image of the positive one.
 *
 * Bad weights are a bug in the caller (they come from our own code, not from users), so they throw plain Errors.
 */
export function allocate(amountMinor: bigint, weights: readonly bigint[]): bigint[] {
  const totalWeight = checkedTotalWeight(weights);
  if (amountMinor < 0n) return allocatePositive(-amountMinor, weights, totalWeight).map((part) => -part);
  return allocatePositive(amountMinor, weights, totalWeight);
}

/** Equal split, larger parts first: 100n into 3 → [34n, 33n, 33n]. */
export function splitEvenly(amountMinor: bigint, parts: number): bigint[] {
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw new Error(`splitEvenly: parts must be a positive integer, got ${parts}`);
  }
  return allocate(amountMinor, new Array<bigint>(parts).fill(1n));
}

function checkedTotalWeight(weights: readonly bigint[]): bigint {
  if (weights.length === 0) throw new Error('allocate: weights must not be empty');
  let total = 0n;
  for (const weight of weights) {
    if (weight < 0n) throw new Error(`allocate: weights must not be negative, got ${weight}`);
    total += weight;
  }
  if (total === 0n) throw new Error('allocate: at least one weight must be positive');
  return total;
}

function allocatePositive(amountMinor: bigint, weights: readonly bigint[], totalWeight: bigint): bigint[] {
  const parts = weights.map((weight) => (amountMinor * weight) / totalWeight);
  const remainders = weights.map((weight) => (amountMinor * weight) % totalWeight);
  let leftover = amountMinor - parts.reduce((sum, part) => sum + part, 0n);
  // leftover < number of non-zero remainders, so a zero weight (remainder 0) never receives a unit.
  for (const index of indexesByRemainderDescending(remainders)) {
    if (leftover === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts;
}

function indexesByRemainderDescending(remainders: readonly bigint[]): number[] {
  const at = (index: number): bigint => remainders[index] ?? 0n;
  return remainders
    .map((_, index) => index)
    .sort((a, b) => (at(a) === at(b) ? a - b : at(a) > at(b) ? -1 : 1));
}
