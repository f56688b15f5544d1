/**
 * The two-way check between a model and its templates: every value a template reads must be declared,
 * and every declared value must be read by some template. Either failure names the path.
 *
 * References are followed through the template's scopes: `with` and `range` move the dot, `$x := …`
 * binds a variable, and `.x`, `$x.y` and `$.Values.…` are resolved against them, so a value read as
 * `.restrictEgress` inside `with .Values.networkPolicy` counts as `networkPolicy.restrictEgress`. Fields
 * of a list of typed records (`range $pool := .Values.pools` … `$pool.name`) are checked against the
 * item's model. What remains a group reference is a group passed whole (to toYaml, or to a helper), which
 * reads every leaf under it. A bare `.Values` cannot be checked, so it is refused, except as the value of
 * a variable whose fields are then followed.
 */
import { leaves, type Children, type Group, type Node } from '../core/values.js';

export class ReferenceError extends Error {}

export interface Reference {
  readonly path: readonly string[];
  readonly source: string;
  /** Opened as a scope (`with`, `range`, `$x :=`): a group opened so is read only through its fields. */
  readonly scope?: boolean;
}

export interface TemplateText {
  readonly source: string;
  readonly content: string;
}

/** What `.` or a variable stands for: a path under .Values, the chart's root context, or unknown. */
type Target = { kind: 'values'; path: string[] } | { kind: 'root' } | { kind: 'unknown' };
const UNKNOWN: Target = { kind: 'unknown' };

interface Frame {
  readonly keyword: string;
  dot: Target;
  readonly outerDot: Target;
  readonly vars: Map<string, Target>;
}

/** The actions of a template, in order: the text between `{{` and `}}`, string literals and comments skipped over. */
function* actions(content: string): Generator<string> {
  let i = 0;
  while ((i = content.indexOf('{{', i)) !== -1) {
    let j = i + 2;
    if (content.startsWith('/*', j) || content.startsWith('- /*', j)) {
      const end = content.indexOf('*/', j);
      i = content.indexOf('}}', end) + 2;
      continue;
    }
    let quote: string | undefined;
    for (; j < content.length - 1; j++) {
      const ch = content[j]!;
      if (quote) {
        if (ch === '\\' && quote === '"') j++;
        else if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === '`') quote = ch;
      else if (ch === '}' && content[j + 1] === '}') break;
    }
    yield content.slice(i + 2, j).replace(/^-?\s*/, '').replace(/\s*-?$/, '');
    i = j + 2;
  }
}
// A chain of fields starting at `$`, `$name` or `.`, e.g. `$.Values.a.b`, `$pool.name`, `.root.Values.x`, `.enabled`.
const CHAIN = /(\$[A-Za-z0-9_]*|(?<![\w)\]])\.)((?:\.?[A-Za-z_][A-Za-z0-9_]*)(?:\.[A-Za-z_][A-Za-z0-9_]*)*)?/g;

function resolve(frames: readonly Frame[], head: string, fields: string[]): Target {
  let base: Target;
  if (head === '.') base = frames.at(-1)!.dot;
  else if (head === '$') base = frames.find((f) => f.keyword === 'define')?.dot ?? { kind: 'root' };
  else {
    base = UNKNOWN;
    for (let i = frames.length - 1; i >= 0; i--) {
      const v = frames[i]!.vars.get(head);
      if (v) {
        base = v;
        break;
      }
    }
  }
  let rest = fields;
  // `.root` is the root context that helpers are called with, (dict "root" $ …).
  if (base.kind !== 'values' && rest[0] === 'root') {
    base = { kind: 'root' };
    rest = rest.slice(1);
  }
  if (base.kind === 'root') {
    if (rest[0] !== 'Values') return UNKNOWN;
    return { kind: 'values', path: rest.slice(1) };
  }
  if (base.kind === 'values') return { kind: 'values', path: [...base.path, ...rest] };
  return UNKNOWN;
}

function chainsIn(action: string): { head: string; fields: string[]; index: number }[] {
  const out: { head: string; fields: string[]; index: number }[] = [];
  // String literals hold no references ("…" and `…`).
  const text = action.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, (m) => ' '.repeat(m.length));
  for (const m of text.matchAll(CHAIN)) {
    const head = m[1]!;
    const fields = (m[2] ?? '').split('.').filter(Boolean);
    // A lone `.` is the dot itself: inside `with .Values.x`, `toYaml .` reads all of x.
    out.push({ head, fields, index: m.index! });
  }
  return out;
}

/** Every reference to .Values in the templates, followed through their scopes. */
export function collectReferences(templates: readonly TemplateText[]): Reference[] {
  const refs: Reference[] = [];
  for (const t of templates) {
    const frames: Frame[] = [{ keyword: 'file', dot: { kind: 'root' }, outerDot: { kind: 'root' }, vars: new Map() }];
    const push = (keyword: string, dot: Target) => frames.push({ keyword, dot, outerDot: frames.at(-1)!.dot, vars: new Map() });
    for (const raw of actions(t.content)) {
      const action = raw.trim();
      const word = /^(\w+)/.exec(action)?.[1] ?? '';
      if (word === 'end') {
        if (frames.length > 1) frames.pop();
        continue;
      }
      if (word === 'define' || word === 'block') {
        // A helper's dot is what its callers pass; `.Values` inside it is the root's (callers pass `.`).
        push('define', { kind: 'root' });
        continue;
      }
      if (word === 'else') {
        const f = frames.at(-1)!;
        // `else` of a with or range runs with the outer dot; `else with X` moves it again.
        const rest = action.slice(4).trim();
        if (rest.startsWith('with ')) {
          const target = targetOf(frames, rest.slice(5), t.source, refs);
          f.dot = target;
        } else if (f.keyword === 'with' || f.keyword === 'range') f.dot = f.outerDot;
        collect(frames, rest.replace(/^(if|with)\s+/, ''), t.source, refs);
        continue;
      }
      if (word === 'with' || word === 'range' || word === 'if') {
        const expr = action.slice(word.length).trim();
        const decl = /^(\$[A-Za-z0-9_]+)(?:\s*,\s*(\$[A-Za-z0-9_]+))?\s*:=\s*([\s\S]+)$/.exec(expr);
        const source = decl ? decl[3]! : expr;
        const target = targetOf(frames, source, t.source, refs);
        const dot = word === 'if' ? frames.at(-1)!.dot : target.kind === 'values' && word === 'range' ? target : target;
        push(word, dot);
        if (decl) {
          // range $i, $item := X binds the item to the last variable; with $x := X and range $x := X to X.
          const itemVar = decl[2] ?? decl[1]!;
          frames.at(-1)!.vars.set(itemVar, target);
          if (decl[2]) frames.at(-1)!.vars.set(decl[1]!, UNKNOWN);
        }
        continue;
      }
      const assign = /^(\$[A-Za-z0-9_]+)\s*:?=\s*([\s\S]+)$/.exec(action);
      if (assign) {
        const target = targetOf(frames, assign[2]!, t.source, refs);
        frames.at(-1)!.vars.set(assign[1]!, target);
        continue;
      }
      collect(frames, action, t.source, refs);
    }
  }
  return refs;
}

/** What an expression evaluates to, when it is a plain chain; its references are collected either way. */
function targetOf(frames: readonly Frame[], expr: string, source: string, refs: Reference[]): Target {
  const trimmed = expr.trim().replace(/^\(|\)$/g, '');
  const plain = /^(\$[A-Za-z0-9_]*|\.)((?:\.?[A-Za-z_][A-Za-z0-9_]*)(?:\.[A-Za-z_][A-Za-z0-9_]*)*)?$/.exec(trimmed);
  if (plain) {
    const target = resolve(frames, plain[1]!, (plain[2] ?? '').split('.').filter(Boolean));
    // A bare .Values bound to a variable or a dot is followed through its fields; record nothing yet.
    if (target.kind === 'values' && target.path.length > 0) refs.push({ path: target.path, source, scope: true });
    return target;
  }
  collect(frames, expr, source, refs);
  return UNKNOWN;
}

function collect(frames: readonly Frame[], action: string, source: string, refs: Reference[]): void {
  for (const c of chainsIn(action)) {
    const target = resolve(frames, c.head, c.fields);
    if (target.kind !== 'values') continue;
    if (target.path.length === 0) {
      // A variable bound to .Values, used bare, passes everything: it cannot be checked either.
      throw new ReferenceError(`${source}: a bare .Values cannot be checked against the model; reference .Values.<path>, or bind it to a variable and read its fields`);
    }
    refs.push({ path: target.path, source });
  }
}

/** The node at a path, walking into the item model of a list of records; [node, how deep it went]. */
function deepest(model: Node, path: readonly string[]): { node: Node | undefined; depth: number } {
  let here: Node = model;
  let depth = 0;
  for (const key of path) {
    if (here.kind === 'leaf') {
      if (!here.item) break;
      here = here.item;
    }
    if (here.kind !== 'group' || !Object.hasOwn(here.children, key)) break;
    here = here.children[key]!;
    depth++;
  }
  return { node: depth > 0 ? here : undefined, depth };
}

/** Fails on the first reference to a value the model does not declare. */
export function checkDeclared(chart: string, model: Group<Children>, refs: readonly Reference[]): void {
  for (const ref of refs) {
    const { node, depth } = deepest(model, ref.path);
    // Exact, or into a free-form map; a list of records' fields were walked into above.
    const declared = node !== undefined && (depth === ref.path.length || (node.kind === 'leaf' && node.openEnded));
    if (!declared) throw new ReferenceError(`${ref.source}: .Values.${ref.path.join('.')} is not declared in the ${chart} model`);
  }
}

const isPrefix = (a: readonly string[], b: readonly string[]) => a.length <= b.length && a.every((k, i) => b[i] === k);

/**
 * Paths of leaves that no reference reaches; `skip` lists top-level keys checked elsewhere. A reference
 * reaches the leaves under it, and a leaf reached below it (a map's key, a record's field); a group
 * opened as a scope reaches only what is read through it.
 */
export function unusedValues(model: Group<Children>, refs: readonly Reference[], skip: readonly string[] = []): string[] {
  const reading = refs.filter((r) => !r.scope || deepest(model, r.path).node?.kind === 'leaf');
  const unused: string[] = [];
  for (const [path] of leaves(model)) {
    if (skip.includes(path[0]!)) continue;
    if (!reading.some((r) => isPrefix(r.path, path) || isPrefix(path, r.path))) unused.push(path.join('.'));
  }
  return unused;
}
