/**
 * The 300 small random tables the compact table tests read back and compare: columns drawn from
 * pools that reach the folds (flags, times on two days, derived emails, values copied from another
 * column), from a fixed seed.
 */
export function roundTripTables(): Record<string, unknown>[][] {
  let seed = 12345;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const pools = [
    ['a', 'b', 'c'],
    ['true', 'false'],
    ['x y', 'x', 'y'],
    ['2026-11-20T01:02:03Z', '2026-11-20T04:05:06Z', '2026-11-19T07:08:09Z'],
    ['=', '', 'p@q.example', 'a@q.example'],
  ];
  const tables: Record<string, unknown>[][] = [];
  for (let round = 0; round < 300; round++) {
    const columns = 2 + random(5);
    tables.push(
      Array.from({ length: 3 + random(12) }, (_, i) => {
        const row: Record<string, unknown> = { id: `r${i}` };
        for (let c = 0; c < columns; c++) {
          if (random(5) === 0) continue;
          const pool = pools[(c + round) % pools.length]!;
          const value = pool[random(pool.length)]!;
          row[`c${c}`] = value === 'true' || value === 'false' ? value === 'true' : value;
        }
        if (typeof row.c0 === 'string' && random(2)) row.c5 = `${row.c0}@q.example`;
        if (typeof row.c1 === 'string' && random(2)) row.c6 = row.c1;
        return row;
      }),
    );
  }
  return tables;
}
