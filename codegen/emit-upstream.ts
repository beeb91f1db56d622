/** generated/upstream.ts and generated/openapi/<spec>.ts: the typed client paths and the server URLs. */
import openapiTS, { astToString } from 'openapi-typescript';
import { BANNER } from './banner.js';
import { byCodePoint } from './compare.js';
import { regionServers } from './load-specs.js';
import type { OpenApiDoc } from './openapi-types.js';
import { SPEC_IDS, type SpecId } from './spec-lock.js';

const TYPE_NAMES: Record<SpecId, string> = {
  v1: 'V1Paths',
  v2: 'V2Paths',
  insights: 'InsightsPaths',
};

export async function emitOpenApiTypes(pruned: OpenApiDoc): Promise<string> {
  const ast = await openapiTS(pruned as never, { alphabetize: true });
  return `${BANNER}\n${astToString(ast)}`;
}

export function emitUpstream({
  specs,
  projectRoot = '..',
}: {
  specs: Record<SpecId, OpenApiDoc>;
  projectRoot?: string;
}): string {
  const servers = Object.fromEntries(
    SPEC_IDS.map((id) => [id, regionServers({ id, doc: specs[id] })]),
  );
  return [
    BANNER,
    `import type { UpstreamApi } from '${projectRoot}/src/registry/types.js';`,
    ...SPEC_IDS.map(
      (id) => `import type { paths as ${TYPE_NAMES[id]} } from './openapi/${id}.js';`,
    ),
    '',
    '/** openapi-typescript `paths` of each spec, pruned to the operations the manifest uses. */',
    // A type literal, not an interface: UpstreamApi constrains it to Record<string, object>.
    `export type UpstreamPaths = {`,
    ...SPEC_IDS.map((id) => `  ${id}: ${TYPE_NAMES[id]};`),
    '};',
    '',
    'export type Upstream = UpstreamApi<UpstreamPaths>;',
    '',
    "/** Each spec's server URL per region, from its `servers` marked `x-jc-region`. */",
    `export const upstreamServers = ${JSON.stringify(servers)} as const;`,
    '',
  ].join('\n');
}

export function emitIndex({
  tools,
  projectRoot = '..',
}: {
  tools: { name: string; exportName: string; file: string; toolset: string }[];
  projectRoot?: string;
}): string {
  const sorted = [...tools].sort((a, b) => byCodePoint(a.name, b.name));
  const toolsets = [...new Set(sorted.map((t) => t.toolset))].sort(byCodePoint);
  return [
    BANNER,
    `import type { ToolDefinition } from '${projectRoot}/src/registry/types.js';`,
    "import type { Upstream } from './upstream.js';",
    ...sorted.map((t) => `import { ${t.exportName} } from './${t.file.replace(/\.ts$/, '.js')}';`),
    '',
    "export type { Upstream, UpstreamPaths } from './upstream.js';",
    "export { upstreamServers } from './upstream.js';",
    '',
    '/** Every toolset a tool names in the manifest, sorted. */',
    `export const toolsets = ${JSON.stringify(toolsets)} as const;`,
    '',
    'export type Toolset = (typeof toolsets)[number];',
    '',
    '/** Every tool, sorted by name. */',
    `export const tools: readonly ToolDefinition<any, Upstream>[] = [${sorted.map((t) => t.exportName).join(', ')}];`,
    '',
  ].join('\n');
}
