import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/**
 * The demo's only source of randomness. A seeded generator (never Math.random) is what makes the same seed
 * give the same business data. Each part of the generator takes its own stream (`fork`), so adding a draw
 * to one part does not shift every number drawn after it in another.
 */
export class Rng {
  private constructor(private readonly generator: JumpableRandomGenerator) {}

  static seeded(seed: number): Rng {
    return new Rng(xoroshiro128plus(seed));
  }

  /** An independent stream: a copy of this one moved 2^64 steps ahead; this one moves on too. */
  fork(): Rng {
    this.generator.jump();
    const forked = this.generator.clone();
    this.generator.jump();
    return new Rng(forked);
  }

  /** A copy in the same state: it will draw the same numbers as this one. */
  clone(): Rng {
    return new Rng(this.generator.clone());
  }

  /** Integer in [from, to], both included. */
  int(from: number, to: number): number {
    return uniformInt(this.generator, from, to);
  }

  /** Float in [0, 1). */
  float(): number {
    return uniformFloat64(this.generator);
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: no items');
    return items[this.int(0, items.length - 1)]!;
  }

  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let point = this.float() * total;
    for (const [key, weight] of entries) {
      point -= weight;
      if (point < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }
}

/**
 * Picks an index with probability proportional to precomputed weights in O(log n): for choosing among tens of
 * thousands of customers once per order, where a linear scan would dominate the run time.
 */
export class WeightedIndex {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    if (weights.length === 0) throw new Error('WeightedIndex: no weights');
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => (this.cumulative[i] = total += w));
  }

  pick(rng: Rng): number {
    const point = rng.float() * this.cumulative[this.cumulative.length - 1]!;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid]! > point) high = mid;
      else low = mid + 1;
    }
    return low;
  }
}
