/** The settings table as documentation: the rows `--help` prints and the README's table. */
import { listSettings, SETTINGS } from './settings.js';
import type { Setting, SettingTree } from './settings.js';

export interface SettingDoc {
  flag: string | undefined;
  env: string;
  /** Markdown: the value in backticks, or a phrase; empty when there is none. */
  default: string;
  description: string;
}

const code = (text: string) => (text === '' ? '' : `\`${text}\``);

function defaultText(setting: Setting<unknown>): string {
  return setting.defaultText ?? code(setting.default ?? '');
}

/** Markdown to plain text for a terminal. */
export function plain(markdown: string): string {
  return markdown.replaceAll('`', '');
}

export function settingDoc(setting: Setting<unknown>): SettingDoc {
  return {
    flag: setting.flag,
    env: setting.env,
    default: defaultText(setting),
    description: setting.description,
  };
}

export function settingDocs(tree: SettingTree = SETTINGS): SettingDoc[] {
  return listSettings(tree).map(({ setting }) => settingDoc(setting));
}

/** A Markdown table, one row per setting (Prettier aligns the columns). */
export function renderSettingsTable(tree: SettingTree = SETTINGS): string {
  const rows = settingDocs(tree).map((doc) =>
    [
      doc.flag ? code(doc.flag) : '(environment only)',
      code(doc.env),
      doc.default,
      doc.description.replaceAll('|', '\\|'),
    ].join(' | '),
  );
  return [
    '| Flag | Environment variable | Default | What it does |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}
