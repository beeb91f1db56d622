/**
 * What the hand-written handler modules export, read with ts-morph, so that a manifest `handler:`
 * naming a missing file or export fails at the manifest line instead of as a type error later.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from 'ts-morph';

/** For each `src/handlers/<file>.ts` asked about: its exported functions and consts, or undefined when the file is missing. */
export type HandlerExports = (file: string) => ReadonlySet<string> | undefined;

export function readHandlerExports(root: string): HandlerExports {
  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
  });
  const cache = new Map<string, ReadonlySet<string> | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      const path = join(root, file);
      if (!existsSync(path)) cache.set(file, undefined);
      else {
        const source = project.addSourceFileAtPath(path);
        // Syntax only: ts-morph's isExported() asks the type checker, which builds a program of
        // the module and everything it imports (two seconds of every `npm run gen`). A handler
        // export is a function or const declared with `export`, or named in an `export { }` list.
        // Each function and const declared at the top level, and whether `export` declares it.
        const declared = [
          ...source.getFunctions().map((f) => ({
            name: f.getName() ?? '',
            exported: f.hasExportKeyword(),
          })),
          ...source
            .getVariableStatements()
            .flatMap((v) =>
              v
                .getDeclarations()
                .map((d) => ({ name: d.getName(), exported: v.hasExportKeyword() })),
            ),
        ];
        const local = new Set(declared.map((d) => d.name));
        const names = [
          ...declared.filter((d) => d.exported).map((d) => d.name),
          ...source
            .getExportDeclarations()
            .filter((d) => !d.hasModuleSpecifier() && !d.isTypeOnly())
            .flatMap((d) => d.getNamedExports())
            .filter((e) => !e.isTypeOnly() && local.has(e.getName()))
            .map((e) => e.getAliasNode()?.getText() ?? e.getName()),
        ];
        cache.set(file, new Set(names));
      }
    }
    return cache.get(file);
  };
}

/** Why `src/handlers/<file>.ts#<export>` cannot be called, or undefined when it can. */
export function handlerProblem(reference: string, exports: HandlerExports): string | undefined {
  const [file = '', name = ''] = reference.split('#');
  const names = exports(file);
  if (names === undefined) return `${file} does not exist. Fix: create it, or correct the path.`;
  if (names.has(name)) return undefined;
  const known = [...names].sort().join(', ') || 'nothing';
  return `${file} has no export ${name} (it exports ${known}). Fix: export it, or correct the name.`;
}
