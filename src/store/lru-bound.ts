/**
 * lru-cache options that bound a cache to `max` entries without allocating storage for all of them
 * when it is made: with `max`, lru-cache allocates its arrays for every entry up front (about 2 ms
 * and a few hundred KiB per 10,000 entries, at every start, for caches that mostly hold a few);
 * with `maxSize` and a size of 1 per entry, the same bound grows its storage as entries arrive.
 */
export function entryBound(max: number): { maxSize: number; sizeCalculation: () => number } {
  return { maxSize: max, sizeCalculation: () => 1 };
}

/**
 * lru-cache option that reads the clock at every check of a time to live. By default lru-cache
 * keeps the time it read for 1 ms and sets a timer to forget it: a lookup more than 1 ms after the
 * last one made a timer, which ran a millisecond later, and a tool call looks up several caches.
 * `performance.now()` per check costs less than a timer.
 */
export const CLOCK_AT_EVERY_CHECK = { ttlResolution: 0 } as const;
