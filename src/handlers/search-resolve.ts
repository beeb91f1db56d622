/**
 * Reads the words search_api's grammar left over against the organization's own values: which
 * phrases name a department, job title, employee type, group or application (longest phrase
 * first, case, hyphens and plurals aside), which are the values of a field marker ("department
 * Finance", "the Engineering group", "email jane@"), and which remain text to search for.
 */
import type { FieldMarker, QueryToken } from './search-query.js';
import type { Category, VocabEntry, Vocabulary } from './search-vocabulary.js';
import { lookupPhrase } from './search-vocabulary.js';

/** A phrase of the question that names one or more of the organization's values. */
export interface PhraseMatch {
  phrase: string;
  /** Every value it names (e.g. "Finance": a department and a user group). */
  entries: VocabEntry[];
  /** The marker it was the value of, if any. */
  marker?: FieldMarker;
}

/** A marker's value that names none of the organization's values: searched in that field. */
export interface ScopedText {
  marker: FieldMarker;
  text: string;
}

export interface Resolved {
  matches: PhraseMatch[];
  scoped: ScopedText[];
  /** Words left to search for, joined; undefined when none. */
  text?: string;
}

const MAX_PHRASE = 6;

/** The categories a marker's value may name. */
const MARKER_CATEGORIES: Record<FieldMarker, Category[]> = {
  department: ['department'],
  job_title: ['job_title'],
  employee_type: ['employee_type'],
  group: ['user_group', 'device_group'],
  user_group: ['user_group'],
  device_group: ['device_group'],
  application: ['application'],
  email: [],
  hostname: [],
};

type Word = { word: string; stop: boolean };
const isWord = (t: QueryToken): t is Word => 'word' in t;

/**
 * The longest phrase starting (or, with `backwards`, ending) at `at` that names a value of one of
 * `categories`; a phrase never starts or ends with a stopword, except a value written exactly as
 * the organization spells it ("IT").
 */
function longestMatch({
  tokens,
  at,
  vocab,
  categories,
  backwards = false,
}: {
  tokens: QueryToken[];
  at: number;
  vocab: Vocabulary;
  categories?: readonly Category[];
  backwards?: boolean;
}): { start: number; end: number; entries: VocabEntry[] } | undefined {
  for (let length = MAX_PHRASE; length >= 1; length--) {
    const start = backwards ? at - length + 1 : at;
    const end = start + length;
    if (start < 0 || end > tokens.length) continue;
    const span = tokens.slice(start, end);
    if (!span.every(isWord)) continue;
    const words = span as Word[];
    const phrase = words.map((w) => w.word).join(' ');
    const edgesStop = words[0]!.stop || words[words.length - 1]!.stop;
    const entries = lookupPhrase(vocab, phrase).filter(
      (e) =>
        (categories === undefined || categories.includes(e.category)) &&
        (!edgesStop || e.value === phrase),
    );
    if (entries.length > 0) return { start, end, entries };
  }
  return undefined;
}

export function resolveTokens(tokens: QueryToken[], vocab: Vocabulary | undefined): Resolved {
  const used = new Set<number>();
  const matches: PhraseMatch[] = [];
  const scoped: ScopedText[] = [];
  const unused = <T extends { start: number; end: number }>(span: T | undefined) => {
    if (span === undefined) return undefined;
    for (let i = span.start; i < span.end; i++) if (used.has(i)) return undefined;
    return span;
  };
  const take = (start: number, end: number) => {
    for (let i = start; i < end; i++) used.add(i);
    return (tokens.slice(start, end) as Word[]).map((w) => w.word).join(' ');
  };
  tokens.forEach((token, i) => {
    if (isWord(token)) return;
    used.add(i);
    const categories = MARKER_CATEGORIES[token.marker];
    // The value after the marker: "department Finance", "job title is Data Engineer".
    let at = i + 1;
    while (at < tokens.length && isWord(tokens[at]!) && (tokens[at] as Word).stop) at++;
    const after = unused(
      vocab && categories.length > 0 ? longestMatch({ tokens, at, vocab, categories }) : undefined,
    );
    if (after) {
      matches.push({
        phrase: take(after.start, after.end),
        entries: after.entries,
        marker: token.marker,
      });
      return;
    }
    // Or the value before it: "the Finance department", "the Engineering group".
    const before = unused(
      vocab && categories.length > 0
        ? longestMatch({ tokens, at: i - 1, vocab, categories, backwards: true })
        : undefined,
    );
    if (before) {
      matches.push({
        phrase: take(before.start, before.end),
        entries: before.entries,
        marker: token.marker,
      });
      return;
    }
    // Otherwise the plain words after it, searched in that field.
    let end = at;
    while (end < tokens.length && isWord(tokens[end]!) && !(tokens[end] as Word).stop) end++;
    if (end > at) scoped.push({ marker: token.marker, text: take(at, end) });
  });
  const free: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const token = tokens[i]!;
    if (!isWord(token)) continue;
    const found = unused(vocab ? longestMatch({ tokens, at: i, vocab }) : undefined);
    if (found) {
      matches.push({ phrase: take(found.start, found.end), entries: found.entries });
      i = found.end - 1;
      continue;
    }
    if (!token.stop) free.push(token.word);
  }
  const result: Resolved = { matches, scoped };
  if (free.length > 0) result.text = free.join(' ');
  return result;
}
