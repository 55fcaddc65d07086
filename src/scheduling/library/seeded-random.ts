// Seeded draws for shuffle, random and avail filling: the same seed and context always give the same
// choice, on every machine, so resolution stays deterministic (invariant 8). pure-rand supplies the
// generator and the unbiased integer distribution; the seed is an FNV-1a hash of the context.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** FNV-1a (32-bit) over the parts, separated so ("ab","c") and ("a","bc") differ. */
export function seedOf(...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    const text = `${String(part)}\u0000`;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return hash | 0;
}

export function generatorFor(...parts: readonly (string | number)[]): RandomGenerator {
  return xoroshiro128plus(seedOf(...parts));
}

/** An index in [0, n) drawn from the context. */
export function drawIndex(n: number, ...parts: readonly (string | number)[]): number {
  return uniformInt(generatorFor(...parts), 0, n - 1);
}

export function drawWith(rng: RandomGenerator, n: number): number {
  return uniformInt(rng, 0, n - 1);
}

/** A permutation of 0..n-1 (Fisher–Yates) drawn from the context. */
export function seededPermutation(n: number, ...parts: readonly (string | number)[]): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const rng = generatorFor(...parts);
  for (let i = n - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}
