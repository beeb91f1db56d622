/** Code-point order: the same on every machine, whatever its locale (generated output must not vary). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
