/**
 * lru-cache options that bound a cache to `max` entries without allocating storage for all of them
 * when it is made: with `max`, lru-cache allocates its arrays for every entry up front (about 2 ms
 * and a few hundred KiB per 10,000 entries, at every start, for caches that mostly hold a few);
 * with `maxSize` and a size of 1 per entry, the same bound grows its storage as entries arrive.
 */
export function entryBound(max: number): { maxSize: number; sizeCalculation: () => number } {
  return { maxSize: max, sizeCalculation: () => 1 };
}
