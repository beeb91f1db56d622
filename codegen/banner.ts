/** The one fixed banner at the top of every generated file: no dates, paths or versions. */
export const BANNER = [
  '// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.',
  '// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.',
  '',
].join('\n');
