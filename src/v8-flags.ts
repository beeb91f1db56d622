import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags the server sets for itself as it starts, before it compiles its own code (src/boot.ts
 * for the built server, src/main.ts otherwise).
 *
 * `--interrupt-budget=16896`, a quarter of V8's default (67,584): V8 optimizes a function once it
 * has run that many bytes of bytecode since it last checked, so a function of a call's path turns
 * hot after a quarter of the calls. A call runs some two hundred functions once each, most of them
 * short: with the default, a new process (a start, a replica added under load) served `user_get`
 * at concurrency 1 at 711 calls/s over its first 2,000 calls, 976 over the next 2,000 and 1,077
 * over the 4,000 after; with this budget 787, 1,067 and 1,142 (means of four starts each,
 * interleaved, SDK clients; a budget of 8,448 gave 794, 1,076, 1,113). Functions that run seldom
 * (start-up, a rare error) still never reach it.
 *
 * `--flush-baseline-code`: V8 already drops the bytecode of a function that has not run for a few
 * full garbage collections; with this flag it also drops the function's baseline (Sparkplug)
 * machine code, which it otherwise keeps for the life of the process. A server that has served
 * 10,000 calls still holds the baseline code of functions it ran then and seldom since (start-up,
 * first requests, tools not called again); without the flag, its code space only grows as later
 * functions turn hot. Settled RSS from 10,000 to 100,000 `user_get` calls, seven runs each, read as
 * the benchmark reads it: -1.6 to +0.6 MiB (median -0.5) with the flag, where the four runs that
 * read V8's spaces found the code space 0.75 MiB smaller; -0.2 to +1.3 MiB (median +0.8) without
 * it, the code space 0.25 MiB larger (README: Performance). A function dropped and called again
 * is compiled again, as any function is the first time.
 *
 * V8 reads `--flush-baseline-code` at each full collection and the budget each time it renews a
 * function's, so setting them here is as good as on the command line, and it reaches every way the
 * server is started (`dist/jumpcloud-mcp`, `node dist/main.js` in a container, `npm start`). Set
 * before the code cache is read, they are part of the flags V8 checks a cache against, so every
 * start makes and accepts the same cache. A flag given on node's command line
 * (`--no-flush-baseline-code`, `--interrupt-budget=67584`) is left as given.
 */
export const V8_FLAGS: readonly string[] = ['--flush-baseline-code', '--interrupt-budget=16896'];

/** The flag's name without `--` or `--no-`, with `_` as `-`. */
function flagName(flag: string): string {
  return flag
    .replace(/=.*$/, '')
    .replaceAll('_', '-')
    .replace(/^--(no-?)?/, '');
}

/** Those of `V8_FLAGS` that node's own arguments (`execArgv`) do not name, either way. */
export function v8FlagsToSet(execArgv: readonly string[]): string[] {
  const given = new Set(execArgv.filter((arg) => arg.startsWith('--')).map(flagName));
  return V8_FLAGS.filter((flag) => !given.has(flagName(flag)));
}

/** Sets each of `V8_FLAGS` that node's own arguments do not name; returns those it set. */
export function applyV8Flags(execArgv: readonly string[] = process.execArgv): string[] {
  const set = v8FlagsToSet(execArgv);
  for (const flag of set) setFlagsFromString(flag);
  return set;
}
