/**
 * The access policy file (YAML): rules that narrow what signed-in people may do, per person, group
 * claim or JumpCloud role. A rule never widens a person's JumpCloud role or the server's own tool
 * selection. Every mistake is reported with its line and how to fix it.
 *
 *   rules:
 *     - match: { group: it-contractors }      # or { email: jane@example.com }, { email: "*@example.com" }, { role: Manager }
 *       toolsets: [users, groups]             # only these toolsets (and `tools`)
 *       tools: [devices_list]                 # only these tools (besides `toolsets`)
 *       readOnly: true                        # only read-only tools
 *       organizations: [5f0c1b2a3d4e5f6a7b8c9d0e]   # MSP: the child organizations they may select
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { ToolDefinition } from '../../registry/types.js';
import type { Grant } from '../types.js';

export interface PolicyMatch {
  email?: string;
  group?: string;
  role?: string;
}

export interface PolicyRule {
  /** 1-based position in the file, for messages and audit records. */
  index: number;
  match: PolicyMatch;
  grant: Grant;
}

export interface AccessPolicy {
  rules: readonly PolicyRule[];
}

/** A policy file is invalid: the message names the file, the line and the fix. */
export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

const RULE_FIELDS = ['match', 'toolsets', 'tools', 'readOnly', 'organizations'] as const;
const MATCH_FIELDS = ['email', 'group', 'role'] as const;
const ORG_ID = /^[a-f0-9]{24}$/i;

function closest(word: string, options: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  return options.find(
    (option) =>
      option.toLowerCase() === lower ||
      option.toLowerCase().startsWith(lower.slice(0, 4)) ||
      lower.startsWith(option.toLowerCase().slice(0, 4)),
  );
}

/** Parses and validates policy text against the server's tools. */
export function parsePolicy({
  text,
  source,
  tools,
}: {
  text: string;
  source: string;
  tools: readonly ToolDefinition[];
}): AccessPolicy {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (node: Node | null | undefined) =>
    node?.range ? lines.linePos(node.range[0]).line : 1;
  const fail = (node: Node | null | undefined, message: string): never => {
    throw new PolicyError(`${source} line ${lineOf(node)}: ${message}`);
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const line = firstError.linePos?.[0].line ?? 1;
    throw new PolicyError(
      `${source} line ${line}: not valid YAML (${firstError.message.split('\n')[0]}). Check the indentation and quoting there.`,
    );
  }
  const toolsets = [...new Set(tools.map((tool) => tool.toolset))].sort();
  const toolNames = new Set(tools.map((tool) => tool.name));
  const root = doc.contents as Node | null;
  if (!isMap(root)) {
    return fail(
      root,
      'expected a mapping with a `rules:` list, e.g. `rules: [{ match: { email: jane@example.com }, readOnly: true }]`.',
    );
  }
  for (const pair of root.items) {
    const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
    if (key !== 'rules')
      fail(
        pair.key as Node,
        `unknown top-level field '${key}'; the file has one field, \`rules\`.`,
      );
  }
  const rulesNode = root.get('rules', true) as Node | undefined;
  if (!isSeq(rulesNode)) {
    return fail(
      rulesNode ?? root,
      '`rules` must be a list of rules, each starting with `- match:`.',
    );
  }
  const rules = rulesNode.items.map((item, position) =>
    parseRule({ node: item as Node, index: position + 1, fail, toolsets, toolNames }),
  );
  return { rules };
}

function parseRule({
  node,
  index,
  fail,
  toolsets,
  toolNames,
}: {
  node: Node;
  index: number;
  fail: (node: Node | null | undefined, message: string) => never;
  toolsets: readonly string[];
  toolNames: ReadonlySet<string>;
}): PolicyRule {
  if (!isMap(node))
    return fail(
      node,
      `rule ${index} must be a mapping such as \`- match: { email: jane@example.com }\`.`,
    );
  for (const pair of node.items) {
    const key = String((pair.key as { value?: unknown }).value);
    if (!(RULE_FIELDS as readonly string[]).includes(key)) {
      const hint = closest(key, RULE_FIELDS);
      fail(
        pair.key as Node,
        `unknown field '${key}' in rule ${index}${hint ? `; did you mean '${hint}'?` : '.'} Fields: ${RULE_FIELDS.join(', ')}.`,
      );
    }
  }
  const matchNode = node.get('match', true) as Node | undefined;
  if (!isMap(matchNode)) {
    return fail(
      matchNode ?? node,
      `rule ${index} needs \`match:\` with one of email, group or role, e.g. \`match: { group: it-helpdesk }\`.`,
    );
  }
  const match: PolicyMatch = {};
  for (const pair of matchNode.items) {
    const key = String((pair.key as { value?: unknown }).value);
    const value = (pair.value as { value?: unknown } | null)?.value;
    if (!(MATCH_FIELDS as readonly string[]).includes(key)) {
      fail(pair.key as Node, `rule ${index} matches on '${key}'; match on email, group or role.`);
    }
    if (typeof value !== 'string' || value.trim() === '') {
      fail(
        (pair.value as Node) ?? (pair.key as Node),
        `rule ${index}: match.${key} must be a non-empty text.`,
      );
    }
    match[key as keyof PolicyMatch] = (value as string).trim();
  }
  if (Object.keys(match).length === 0) {
    fail(matchNode, `rule ${index}: match names nothing; give email, group or role.`);
  }
  const grant: { -readonly [K in keyof Grant]: Grant[K] } = {};
  const list = (field: 'toolsets' | 'tools' | 'organizations'): string[] | undefined => {
    const listNode = node.get(field, true) as Node | undefined;
    if (listNode === undefined) return undefined;
    if (!isSeq(listNode))
      return fail(
        listNode,
        `rule ${index}: ${field} must be a list, e.g. \`${field}: [${field === 'organizations' ? '5f0c1b2a3d4e5f6a7b8c9d0e' : field === 'tools' ? 'users_list' : 'users'}]\`.`,
      );
    return listNode.items.map((item) => {
      const value = (item as { value?: unknown }).value;
      if (typeof value !== 'string')
        return fail(item as Node, `rule ${index}: each entry of ${field} must be a text.`);
      if (field === 'toolsets' && !toolsets.includes(value)) {
        fail(
          item as Node,
          `rule ${index}: unknown toolset '${value}'. Valid toolsets: ${toolsets.join(', ')}.`,
        );
      }
      if (field === 'tools' && !toolNames.has(value)) {
        fail(
          item as Node,
          `rule ${index}: unknown tool '${value}'. Call tools/list or see the README's tool list for the names.`,
        );
      }
      if (field === 'organizations' && !ORG_ID.test(value)) {
        fail(
          item as Node,
          `rule ${index}: '${value}' is not a JumpCloud organization id (24 hexadecimal characters, shown in the Admin Portal under Settings).`,
        );
      }
      return field === 'organizations' ? value.toLowerCase() : value;
    });
  };
  const ts = list('toolsets');
  if (ts) grant.toolsets = ts;
  const tl = list('tools');
  if (tl) grant.tools = tl;
  const orgs = list('organizations');
  if (orgs) grant.organizations = orgs;
  const readOnlyNode = node.get('readOnly', true) as Node | undefined;
  if (readOnlyNode !== undefined) {
    const value = (readOnlyNode as { value?: unknown }).value;
    if (typeof value !== 'boolean')
      fail(readOnlyNode, `rule ${index}: readOnly must be true or false.`);
    if (value === true) grant.readOnly = true;
  }
  return { index, match, grant };
}

/** Reads and validates a policy file. */
export async function loadPolicyFile({
  path,
  tools,
}: {
  path: string;
  tools: readonly ToolDefinition[];
}): Promise<AccessPolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PolicyError(
      `cannot read the access policy file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check --oauth-policy.`,
    );
  }
  return parsePolicy({ text, source: path, tools });
}

/** The person a rule is matched against. */
export interface PolicySubject {
  email: string;
  role: string;
  groups: readonly string[];
}

function matches(match: PolicyMatch, subject: PolicySubject): boolean {
  if (match.email !== undefined) {
    const wanted = match.email.toLowerCase();
    const email = subject.email.toLowerCase();
    const ok = wanted.startsWith('*@') ? email.endsWith(wanted.slice(1)) : email === wanted;
    if (!ok) return false;
  }
  if (match.role !== undefined && match.role.toLowerCase() !== subject.role.toLowerCase())
    return false;
  if (match.group !== undefined && !subject.groups.includes(match.group)) return false;
  return true;
}

/** The rules that apply to a person (all of them narrow). */
export function matchingRules(policy: AccessPolicy, subject: PolicySubject): PolicyRule[] {
  return policy.rules.filter((rule) => matches(rule.match, subject));
}
