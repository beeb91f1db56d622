import type { Faker } from '@faker-js/faker';
import type { FastRandom } from './fast-random.js';

/** What every seed step needs: a seeded faker, the reference time and the organization. */
export interface SeedContext {
  f: Faker;
  /** Fast seeded randomness for ids, addresses and times. */
  r: FastRandom;
  /** Reference time in epoch milliseconds; all seeded dates lie before it. */
  now: number;
  orgId: string;
}

const DAY_MS = 86_400_000;

/** An ISO time between `minDays` and `maxDays` days before the reference time. */
export function daysAgo(ctx: SeedContext, minDays: number, maxDays: number): string {
  const ms = ctx.r.int({
    min: Math.round(minDays * DAY_MS),
    max: Math.round(maxDays * DAY_MS),
  });
  return new Date(ctx.now - ms).toISOString();
}

/** An ISO time `days` days after the reference time (negative: before). */
export function daysFromNow(ctx: SeedContext, days: number): string {
  return new Date(ctx.now + days * DAY_MS).toISOString();
}
