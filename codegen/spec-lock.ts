/** The spec lock (specs/lock.yaml): which spec files the project uses, where they come from, their hashes. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const sha256Pattern = /^[0-9a-f]{64}$/;

const specFileSchema = z
  .object({
    name: z.string().min(1),
    url: z.string().url(),
    format: z.enum(['openapi-3.1-yaml', 'operation-id-mapping-yaml']),
    sha256: z.string().regex(sha256Pattern, 'must be 64 lowercase hex digits'),
  })
  .strict();

const specViewSchema = z
  .object({
    file: z.string().min(1),
    prefix: z.string().startsWith('/').optional(),
    exclude: z.array(z.string().startsWith('/')).optional(),
    overlays: z.array(z.string().min(1)).optional(),
    /** A published legacy-to-standardized operationId mapping, for messages about renamed operations. */
    mapping: z.string().min(1).optional(),
  })
  .strict();

export const SPEC_IDS = ['v1', 'v2', 'insights'] as const;
export type SpecId = (typeof SPEC_IDS)[number];

const specSetSchema = z
  .object({ v1: specViewSchema, v2: specViewSchema, insights: specViewSchema })
  .strict();

const lockSchema = z
  .object({
    files: z.array(specFileSchema).min(1),
    sets: z.record(specSetSchema),
  })
  .strict();

export type SpecFile = z.infer<typeof specFileSchema>;
export type SpecView = z.infer<typeof specViewSchema>;
export type SpecSetConfig = z.infer<typeof specSetSchema>;
export type SpecLock = z.infer<typeof lockSchema>;

export function parseSpecLock(text: string, source = 'specs/lock.yaml'): SpecLock {
  const result = lockSchema.safeParse(parse(text));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`${source} is not a valid spec lock:\n${problems.join('\n')}`);
  }
  for (const [setName, set] of Object.entries(result.data.sets)) {
    for (const view of Object.values(set)) {
      for (const name of [view.file, ...(view.mapping ? [view.mapping] : [])]) {
        if (!result.data.files.some((f) => f.name === name)) {
          throw new Error(`${source}: set "${setName}" names ${name}, which is not in files.`);
        }
      }
    }
  }
  return result.data;
}

export function readSpecLock(path: string): SpecLock {
  return parseSpecLock(readFileSync(path, 'utf8'), path);
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Throws when the bytes do not match the hash the lock records for this file. */
export function assertLockedHash({
  file,
  data,
}: {
  file: SpecFile;
  data: Uint8Array | string;
}): void {
  const actual = sha256(data);
  if (actual !== file.sha256) {
    throw new Error(
      `${file.name}: sha256 ${actual} does not match the lock (${file.sha256}). ` +
        'If JumpCloud published a new version on purpose, run `npm run specs:pull -- --accept` ' +
        'to record the new hash, then `npm run gen` and review the diff of generated/.',
    );
  }
}
