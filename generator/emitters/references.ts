/**
 * The two-way check between a model and its templates: every `.Values.<path>` a template uses must be
 * declared, and every declared value must be used by some template. Either failure names the path.
 */
import { leaves, nodeAt, type Children, type Group } from '../core/values.js';
import type { RenderedTemplate } from './templates.js';

const VALUES_REF = /\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)*)/g;

export class ReferenceError extends Error {}

export interface Reference {
  readonly path: readonly string[];
  readonly source: string;
}

/** Every `.Values.<path>` in the templates. A bare `.Values` cannot be checked, so it is refused. */
export function collectReferences(templates: readonly RenderedTemplate[]): Reference[] {
  const refs: Reference[] = [];
  for (const t of templates) {
    for (const match of t.content.matchAll(VALUES_REF)) {
      const path = match[1]!.split('.').slice(1);
      if (path.length === 0) {
        throw new ReferenceError(`${t.source}: a bare .Values cannot be checked against the model; reference .Values.<path>`);
      }
      refs.push({ path, source: t.source });
    }
  }
  return refs;
}

/** Fails on the first reference to a value the model does not declare. */
export function checkDeclared(chart: string, model: Group<Children>, refs: readonly Reference[]): void {
  for (const ref of refs) {
    // The deepest declared prefix decides: the reference must be exact, or go into a free-form map.
    let depth = ref.path.length;
    while (depth > 0 && !nodeAt(model, ref.path.slice(0, depth))) depth--;
    const node = depth > 0 ? nodeAt(model, ref.path.slice(0, depth)) : undefined;
    const declared = node !== undefined && (depth === ref.path.length || (node.kind === 'leaf' && node.openEnded));
    if (!declared) throw new ReferenceError(`${ref.source}: .Values.${ref.path.join('.')} is not declared in the ${chart} model`);
  }
}

const isPrefix = (a: readonly string[], b: readonly string[]) => a.length <= b.length && a.every((k, i) => b[i] === k);

/** Paths of leaves that no reference reaches; `skip` lists top-level keys checked elsewhere. */
export function unusedValues(model: Group<Children>, refs: readonly Reference[], skip: readonly string[] = []): string[] {
  const unused: string[] = [];
  for (const [path] of leaves(model)) {
    if (skip.includes(path[0]!)) continue;
    if (!refs.some((r) => isPrefix(r.path, path) || isPrefix(path, r.path))) unused.push(path.join('.'));
  }
  return unused;
}
