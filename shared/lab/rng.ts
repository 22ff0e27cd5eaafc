/**
 * Seeded random numbers for the lab.
 *
 * Owns: `Rng` (uniform, normal, int) over pure-rand's xoroshiro128+, and `mixSeed`, which derives an independent
 * stream per (seed, day, purpose) so any simulated day can be regenerated on its own, in any order, bit for bit.
 * Nothing here reads Math.random or the clock.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** A 32-bit integer hash of several integers (murmur3's finaliser per step), for deriving stream seeds. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9 | 0;
  for (const p of parts) {
    h = Math.imul(h ^ (p | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h | 0;
}

/** Stream purposes, so two uses of the same day never share random numbers. */
export const STREAM = { day: 1, pilot: 2, entity: 3, sample: 4, tree: 5 } as const;

export class Rng {
  private readonly g: RandomGenerator;
  private spare = 0;
  private hasSpare = false;
  constructor(seed: number) {
    this.g = xoroshiro128plus(seed | 0);
  }
  /**
   * Uniform in [0, 1) with 32 random bits: one generator step instead of the two pure-rand's uniformFloat64
   * takes (53 bits), which halved generation time; 2^-32 resolution is far finer than any simulated quantity.
   */
  uniform(): number {
    return (this.g.next() >>> 0) * 2.3283064365386963e-10;
  }
  /** Standard normal (Marsaglia's polar method: no trigonometry; the pair's second value is kept for the next call). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    this.hasSpare = true;
    return u * m;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}
