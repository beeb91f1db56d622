/**
 * README.md carries the tool list between two markers; `npm run gen` rewrites it from
 * generated/TOOLS.md and `npm run gen:check` fails when it is stale.
 */
export const README_BEGIN = '<!-- BEGIN GENERATED TOOLS: `npm run gen` rewrites this list -->';
export const README_END = '<!-- END GENERATED TOOLS -->';

/** The README with the section between the markers replaced by the tool list of `toolsDoc`. */
export function spliceToolList(readme: string, toolsDoc: string): string {
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  if (begin < 0 || end < begin) {
    throw new Error(
      `README.md has no tool list markers. Add the two lines\n${README_BEGIN}\n${README_END}\n` +
        'where the tool list belongs, then run `npm run gen`.',
    );
  }
  const body = toolsDoc
    .split('\n')
    .filter((line) => !line.startsWith('<!--') && line !== '# Tools')
    .map((line) => (line.startsWith('## ') ? `#${line}` : line))
    .join('\n')
    .trim();
  return `${readme.slice(0, begin + README_BEGIN.length)}\n\n${body}\n\n${readme.slice(end)}`;
}
