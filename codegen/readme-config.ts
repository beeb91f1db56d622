/**
 * README.md carries the configuration table between two markers; `npm run gen` rewrites it from
 * the settings table (src/config/settings.ts) and `npm run gen:check` fails when it is stale.
 */
import { format } from 'prettier';
import type { Options } from 'prettier';
import { renderSettingsTable } from '../src/config/docs.js';

export const CONFIG_BEGIN =
  '<!-- BEGIN GENERATED CONFIGURATION: `npm run gen` rewrites this table from src/config/settings.ts -->';
export const CONFIG_END = '<!-- END GENERATED CONFIGURATION -->';

/** The README with the section between the configuration markers replaced by `table`. */
export function spliceConfigTable(readme: string, table: string): string {
  const begin = readme.indexOf(CONFIG_BEGIN);
  const end = readme.indexOf(CONFIG_END);
  if (begin < 0 || end < begin) {
    throw new Error(
      `README.md has no configuration table markers. Add the two lines\n${CONFIG_BEGIN}\n${CONFIG_END}\n` +
        'where the configuration table belongs, then run `npm run gen`.',
    );
  }
  return `${readme.slice(0, begin + CONFIG_BEGIN.length)}\n\n${table.trim()}\n\n${readme.slice(end)}`;
}

/** The settings table as Markdown, formatted the way the project's Prettier writes it. */
export async function configTable(prettier: Options): Promise<string> {
  return format(renderSettingsTable(), { ...prettier, parser: 'markdown' });
}
