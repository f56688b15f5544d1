/**
 * Invariants between values, declared once beside each model. One declaration yields both checks:
 * - `violations()` evaluates the rules on values in TypeScript: the generator runs it on every chart's
 *   defaults and every environment × region overlay before it writes anything;
 * - `helmChecks()` emits the same rules as Helm template actions (each chart's templates/checks.yaml),
 *   so `helm template`/`install` with a user's values fails once, listing every violated rule by key path.
 *
 * Paths are dotted, relative to the chart's values; inside `forEach`, relative to the list item, with
 * `$.` for a path from the chart's values. Paths under `global.` always mean the release's global.
 */

export type Cond =
  | { readonly kind: 'truthy'; readonly path: string }
  | { readonly kind: 'equals'; readonly path: string; readonly value: string | number | boolean }
  | { readonly kind: 'all'; readonly conds: readonly Cond[] }
  | { readonly kind: 'any'; readonly conds: readonly Cond[] }
  | { readonly kind: 'not'; readonly cond: Cond }
  | { readonly kind: 'isCount'; readonly path: string }
  | { readonly kind: 'isList'; readonly path: string };

interface Base {
  /** Stable name of the rule: its invalid-values fixture is test/fixtures/invalid-values/rule-<id>.yaml. */
  readonly id: string;
  /** Why the rule exists, appended to the message. */
  readonly why: string;
  readonly when?: Cond;
}

export type Rule =
  | (Base & { readonly kind: 'atMost'; readonly a: string; readonly b: string; readonly strict?: boolean })
  | (Base & { readonly kind: 'keepsFewer'; readonly a: string; readonly pods: string | number })
  | (Base & { readonly kind: 'quantityAtMost'; readonly a: string; readonly b: string; readonly resource: 'cpu' | 'memory' })
  | (Base & { readonly kind: 'member'; readonly a: string; readonly list: string })
  | (Base & { readonly kind: 'nonEmpty'; readonly a: string })
  | (Base & { readonly kind: 'requires'; readonly need: Cond; readonly needText: string })
  | (Base & { readonly kind: 'unique'; readonly list: string; readonly field: string })
  | (Base & { readonly kind: 'unset'; readonly a: string })
  | (Base & { readonly kind: 'absent'; readonly a: string })
  | { readonly kind: 'forEach'; readonly id: string; readonly list: string; readonly rules: readonly Rule[] };

// ---- Constructors -------------------------------------------------------------------------------

export const truthy = (path: string): Cond => ({ kind: 'truthy', path });
export const equals = (path: string, value: string | number | boolean): Cond => ({ kind: 'equals', path, value });
export const all = (...conds: Cond[]): Cond => ({ kind: 'all', conds });
export const any = (...conds: Cond[]): Cond => ({ kind: 'any', conds });
export const not = (cond: Cond): Cond => ({ kind: 'not', cond });
/** The value is a whole number (a count, not a percentage such as "50%", nor empty). */
export const isCount = (path: string): Cond => ({ kind: 'isCount', path });
/** The value is a list (where a map is expected: the shape a key had before it became a map). */
export const isList = (path: string): Cond => ({ kind: 'isList', path });

type Opts = { readonly why: string; readonly when?: Cond };
const withWhen = (o: Opts) => ({ why: o.why, ...(o.when !== undefined && { when: o.when }) });

/** a ≤ b (or a < b with strict), as numbers. */
export const atMost = (id: string, a: string, b: string, o: Opts & { strict?: boolean }): Rule => ({ kind: 'atMost', id, a, b, ...(o.strict && { strict: true }), ...withWhen(o) });
/**
 * a, a PodDisruptionBudget's minAvailable, keeps fewer pods than `pods` (a path, or a fixed count), so that
 * a node drain can evict one. A percentage counts as the eviction API counts it: of the pods, rounded up.
 * Holds when a is empty or 0, or when there are no pods.
 */
export const keepsFewerThan = (id: string, a: string, pods: string | number, o: Opts): Rule => ({ kind: 'keepsFewer', id, a, pods, ...withWhen(o) });
/** a ≤ b as Kubernetes quantities (CPU or memory). */
export const quantityAtMost = (id: string, a: string, b: string, resource: 'cpu' | 'memory', o: Opts): Rule => ({ kind: 'quantityAtMost', id, a, b, resource, ...withWhen(o) });
/** a is one of the list at `list`. */
export const member = (id: string, a: string, list: string, o: Opts): Rule => ({ kind: 'member', id, a, list, ...withWhen(o) });
/** a is set (not empty). */
export const nonEmpty = (id: string, a: string, o: Opts): Rule => ({ kind: 'nonEmpty', id, a, ...withWhen(o) });
/** When `when` holds, `need` must hold; `needText` says what is needed, by key path. */
export const requires = (id: string, when: Cond, need: Cond, needText: string, why: string): Rule => ({ kind: 'requires', id, when, need, needText, why });
/** a must be empty (not set): for keys that look valid but cannot be honoured where they are. */
export const unset = (id: string, a: string, why: string): Rule => ({ kind: 'unset', id, a, why });
/** The key a must not be there at all, whatever its value (0 and false included): for renamed keys. `{}` in why stands for the chart's prefix. */
export const absent = (id: string, a: string, why: string): Rule => ({ kind: 'absent', id, a, why });
/** The `field` of every item of the list at `list` is different. */
export const unique = (id: string, list: string, field: string, why: string): Rule => ({ kind: 'unique', id, list, field, why });
/** The rules, for every item of the list at `list` (item paths relative, `$.` for the chart's). */
export const forEach = (id: string, list: string, rules: readonly Rule[]): Rule => ({ kind: 'forEach', id, list, rules });

/** Every rule id, nested ones included (a forEach's own id is not a rule of its own). */
export function ruleIds(rules: readonly Rule[]): string[] {
  return rules.flatMap((r) => (r.kind === 'forEach' ? ruleIds(r.rules) : [r.id]));
}

/** Every path a rule reads, for checking them against the model: [path, list item base or undefined]. */
export function rulePaths(rules: readonly Rule[], list?: string): { path: string; list?: string }[] {
  const out: { path: string; list?: string }[] = [];
  const add = (p: string) => out.push(list !== undefined && !p.startsWith('$.') ? { path: p, list } : { path: p.replace(/^\$\./, '') });
  const cond = (c: Cond | undefined): void => {
    if (!c) return;
    if (c.kind === 'truthy' || c.kind === 'equals' || c.kind === 'isCount' || c.kind === 'isList') add(c.path);
    else if (c.kind === 'not') cond(c.cond);
    else c.conds.forEach(cond);
  };
  for (const r of rules) {
    if (r.kind === 'forEach') {
      out.push({ path: r.list });
      out.push(...rulePaths(r.rules, r.list));
      continue;
    }
    cond(r.when);
    switch (r.kind) {
      case 'atMost':
      case 'quantityAtMost':
        add(r.a);
        add(r.b);
        break;
      case 'keepsFewer':
        add(r.a);
        if (typeof r.pods === 'string') add(r.pods);
        break;
      case 'member':
        add(r.a);
        add(r.list);
        break;
      case 'nonEmpty':
      case 'unset':
      case 'absent':
        add(r.a);
        break;
      case 'requires':
        cond(r.need);
        break;
      case 'unique':
        add(r.list);
        break;
    }
  }
  return out;
}

// ---- Quantities -----------------------------------------------------------------------------------

const MULTIPLIERS: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A Kubernetes quantity ("500m", "2", 0.5, "1Gi") in base units (cores, bytes); NaN when it is not one. */
export function parseQuantity(q: unknown): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(String(q));
  return m ? Number(m[1]) * MULTIPLIERS[m[2] ?? '']! : NaN;
}

// ---- Evaluation in TypeScript -------------------------------------------------------------------------

const isPlainMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTruthy = (v: unknown) =>
  !(v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0));

/** The value at a dotted path, or undefined. */
export function getPath(values: unknown, path: string): unknown {
  let here: unknown = values;
  for (const key of path.split('.')) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

interface Scope {
  /** The chart's values. */
  readonly root: unknown;
  /** The release's global (the umbrella's). */
  readonly global: unknown;
  /** The current list item, inside forEach. */
  readonly item?: unknown;
  /** How the user writes a path of this scope: prefix of chart paths ("api.") and of item paths ("workers.pools[1]." in a list, "workers.pools.default." in a map). */
  readonly rootText: string;
  readonly itemText?: string;
}

function lookupIn(scope: Scope, path: string): { value: unknown; text: string } {
  if (path.startsWith('global.')) return { value: getPath(scope.global, path.slice('global.'.length)), text: path };
  if (path.startsWith('$.')) return { value: getPath(scope.root, path.slice(2)), text: scope.rootText + path.slice(2) };
  if (scope.item !== undefined) return { value: getPath(scope.item, path), text: scope.itemText + path };
  return { value: getPath(scope.root, path), text: scope.rootText + path };
}

/** Whether `c` holds for a chart's values, with the release's global. */
export const condHolds = (c: Cond, values: unknown, global: unknown): boolean => holds({ root: values, global, rootText: '' }, c);

function holds(scope: Scope, c: Cond): boolean {
  switch (c.kind) {
    case 'truthy':
      return isTruthy(lookupIn(scope, c.path).value);
    case 'equals':
      return lookupIn(scope, c.path).value === c.value;
    case 'all':
      return c.conds.every((x) => holds(scope, x));
    case 'any':
      return c.conds.some((x) => holds(scope, x));
    case 'not':
      return !holds(scope, c.cond);
    case 'isCount':
      return /^[0-9]+$/.test(String(lookupIn(scope, c.path).value ?? ''));
    case 'isList':
      return Array.isArray(lookupIn(scope, c.path).value);
  }
}

/** A budget's count of `pods`, as the eviction API scales it: a count as it is, a percentage of the pods rounded up. */
export const scaledPodCount = (v: unknown, pods: number): number => {
  const s = String(v);
  return s.endsWith('%') ? Math.ceil((pods * Number(s.slice(0, -1))) / 100) : Number(s);
};

/** What a keepsFewer rule's message says its minAvailable keeps: "every pod of api.replicas (2)", "the one pod" or "all 3 pods". */
const keptText = (n: number, path?: string) => (path !== undefined ? `every pod of ${path} (${n})` : n === 1 ? 'the one pod' : `all ${n} pods`);

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v ?? null));
/** As Helm's %q of toString prints it. */
const quoted = (v: unknown) => JSON.stringify(v === undefined || v === null ? '' : String(v));

function evaluate(rules: readonly Rule[], scope: Scope, out: string[]): void {
  for (const r of rules) {
    if (r.kind === 'forEach') {
      // A list's items are written <list>[i], a map's <map>.<key>.
      const list = lookupIn(scope, r.list);
      if (Array.isArray(list.value)) list.value.forEach((item, i) => evaluate(r.rules, { ...scope, item, itemText: `${list.text}[${i}].` }, out));
      else if (isPlainMap(list.value)) for (const [key, item] of Object.entries(list.value)) evaluate(r.rules, { ...scope, item, itemText: `${list.text}.${key}.` }, out);
      continue;
    }
    if (r.when && !holds(scope, r.when)) continue;
    switch (r.kind) {
      case 'atMost': {
        const a = lookupIn(scope, r.a);
        const b = lookupIn(scope, r.b);
        const ok = r.strict ? Number(a.value) < Number(b.value) : Number(a.value) <= Number(b.value);
        if (!ok) out.push(`${a.text} (${show(a.value)}) must be ${r.strict ? 'less than' : 'at most'} ${b.text} (${show(b.value)}): ${r.why}`);
        break;
      }
      case 'keepsFewer': {
        const a = lookupIn(scope, r.a);
        const pods = typeof r.pods === 'number' ? { value: r.pods, text: undefined } : lookupIn(scope, r.pods);
        const n = Number(pods.value);
        if (!isTruthy(a.value) || !(n >= 1)) break;
        if (scaledPodCount(a.value, n) >= n) out.push(`${a.text} (${quoted(a.value)}) keeps ${keptText(n, pods.text)}: ${r.why}`);
        break;
      }
      case 'quantityAtMost': {
        const a = lookupIn(scope, r.a);
        const b = lookupIn(scope, r.b);
        if (parseQuantity(a.value) > parseQuantity(b.value)) out.push(`${a.text} (${quoted(a.value)}) must be at most ${b.text} (${quoted(b.value)}): ${r.why}`);
        break;
      }
      case 'member': {
        const a = lookupIn(scope, r.a);
        const list = lookupIn(scope, r.list);
        if (!Array.isArray(list.value) || !list.value.includes(a.value)) out.push(`${a.text} (${quoted(a.value)}) must be one of ${list.text} (${show(list.value)}): ${r.why}`);
        break;
      }
      case 'nonEmpty': {
        const a = lookupIn(scope, r.a);
        if (!isTruthy(a.value)) out.push(`${a.text} must be set: ${r.why}`);
        break;
      }
      case 'unset': {
        const a = lookupIn(scope, r.a);
        if (isTruthy(a.value)) out.push(`${a.text} (${quoted(a.value)}) must not be set: ${r.why}`);
        break;
      }
      case 'absent': {
        const a = lookupIn(scope, r.a);
        if (a.value !== undefined && a.value !== null) out.push(`${a.text} must not be set: ${r.why.replaceAll('{}', scope.rootText)}`);
        break;
      }
      case 'requires':
        if (!holds(scope, r.need)) out.push(`${r.needText.replaceAll('{}', scope.rootText)}: ${r.why}`);
        break;
      case 'unique': {
        const list = lookupIn(scope, r.list);
        const seen = new Set<unknown>();
        (Array.isArray(list.value) ? list.value : []).forEach((item, i) => {
          const v = getPath(item, r.field);
          if (seen.has(v)) out.push(`${list.text}[${i}].${r.field} (${quoted(v)}) is used twice: ${r.why}`);
          seen.add(v);
        });
        break;
      }
    }
  }
}

/**
 * Every violation of `rules` by a chart's values, one line each, paths as the user writes them:
 * `prefix` is how the chart's values are reached ("api." in the umbrella, "" on its own).
 */
export function violations(rules: readonly Rule[], values: unknown, global: unknown, prefix = ''): string[] {
  const out: string[] = [];
  evaluate(rules, { root: values, global, rootText: prefix }, out);
  return out;
}

// ---- Emission as Helm template actions -------------------------------------------------------------------

interface Emit {
  /** Go template variable holding the chart's values. */
  readonly root: string;
  /** Go template expression giving the text prefix of chart paths. */
  readonly rootText: string;
  /** Inside forEach: the item variable and the expression of its text prefix. */
  readonly item?: string;
  readonly itemText?: string;
  /** The chart whose helpers (quantity) the actions call. */
  readonly chart: string;
}

/** The Go template expression of a path. */
function ref(e: Emit, path: string): string {
  if (path.startsWith('global.')) return `$.Values.${path}`;
  if (path.startsWith('$.')) return `${e.root}.${path.slice(2)}`;
  if (e.item !== undefined) return `${e.item}.${path}`;
  return `${e.root}.${path}`;
}

/** The Go template expression of how the user writes a path. */
function text(e: Emit, path: string): string {
  if (path.startsWith('global.')) return JSON.stringify(path);
  if (path.startsWith('$.')) return `(print ${e.rootText} ${JSON.stringify(path.slice(2))})`;
  if (e.item !== undefined) return `(print ${e.itemText} ${JSON.stringify(path)})`;
  return `(print ${e.rootText} ${JSON.stringify(path)})`;
}

function cond(e: Emit, c: Cond): string {
  switch (c.kind) {
    case 'truthy':
      return ref(e, c.path);
    case 'equals':
      // toString: a value that may be a number or a string ("50%") would make eq fail on the types.
      if (typeof c.value === 'number') return `(eq (float64 ${ref(e, c.path)}) ${c.value.toFixed(1)})`;
      return typeof c.value === 'string' ? `(eq (toString ${ref(e, c.path)}) ${JSON.stringify(c.value)})` : `(eq ${ref(e, c.path)} ${JSON.stringify(c.value)})`;
    case 'all':
      return `(and ${c.conds.map((x) => cond(e, x)).join(' ')})`;
    case 'any':
      return `(or ${c.conds.map((x) => cond(e, x)).join(' ')})`;
    case 'not':
      return `(not ${cond(e, c.cond)})`;
    case 'isCount':
      return `(regexMatch "^[0-9]+$" (toString ${ref(e, c.path)}))`;
    case 'isList':
      return `(kindIs "slice" ${ref(e, c.path)})`;
  }
}

const fail = (format: string, ...args: string[]) => `{{- $errors = append $errors (printf ${JSON.stringify(format)} ${args.join(' ')}) }}`;

function emit(rules: readonly Rule[], e: Emit, depth: number): string[] {
  const lines: string[] = [];
  for (const r of rules) {
    if (r.kind === 'forEach') {
      const item = `$item${depth}`;
      const index = `$i${depth}`;
      lines.push(`{{- range ${index}, ${item} := ${ref(e, r.list)} }}`);
      // A list's items are written <list>[i], a map's <map>.<key>.
      lines.push(...emit(r.rules, { ...e, item, itemText: `(printf (ternary "%s.%v." "%s[%v]." (kindIs "string" ${index})) ${text(e, r.list)} ${index})` }, depth + 1));
      lines.push('{{- end }}');
      continue;
    }
    const guard = (test: string) => (r.when ? `(and ${cond(e, r.when)} ${test})` : test);
    const why = JSON.stringify(r.why);
    switch (r.kind) {
      case 'atMost': {
        const op = r.strict ? 'lt' : 'le';
        lines.push(`{{- if ${guard(`(not (${op} (float64 ${ref(e, r.a)}) (float64 ${ref(e, r.b)})))`)} }}`);
        lines.push(fail(`%s (%v) must be ${r.strict ? 'less than' : 'at most'} %s (%v): %s`, text(e, r.a), ref(e, r.a), text(e, r.b), ref(e, r.b), why));
        break;
      }
      case 'keepsFewer': {
        // The pods as the eviction API counts them: a percentage of the pods, rounded up.
        const pods = typeof r.pods === 'number' ? String(r.pods) : `(int ${ref(e, r.pods)})`;
        const a = `(toString ${ref(e, r.a)})`;
        lines.push(`{{- if ${guard(`(and ${ref(e, r.a)} (ge ${pods} 1))`)} }}`);
        lines.push(`{{- $pods := ${pods} }}`);
        lines.push(`{{- $kept := atoi (trimSuffix "%" ${a}) }}`);
        lines.push(`{{- if hasSuffix "%" ${a} }}{{- $kept = int (ceil (divf (mul $pods $kept) 100)) }}{{- end }}`);
        lines.push('{{- if ge $kept $pods }}');
        const kept = typeof r.pods === 'number' ? JSON.stringify(keptText(r.pods)) : `(printf "every pod of %s (%d)" ${text(e, r.pods)} $pods)`;
        lines.push(fail('%s (%q) keeps %s: %s', text(e, r.a), a, kept, why));
        lines.push('{{- end }}');
        break;
      }
      case 'quantityAtMost': {
        const q = (p: string) => `(float64 (include "${e.chart}.quantity" ${ref(e, p)}))`;
        lines.push(`{{- if ${guard(`(gt ${q(r.a)} ${q(r.b)})`)} }}`);
        lines.push(fail('%s (%q) must be at most %s (%q): %s', text(e, r.a), `(toString ${ref(e, r.a)})`, text(e, r.b), `(toString ${ref(e, r.b)})`, why));
        break;
      }
      case 'member':
        lines.push(`{{- if ${guard(`(not (has ${ref(e, r.a)} ${ref(e, r.list)}))`)} }}`);
        lines.push(fail('%s (%q) must be one of %s (%s): %s', text(e, r.a), `(toString ${ref(e, r.a)})`, text(e, r.list), `(toJson ${ref(e, r.list)})`, why));
        break;
      case 'nonEmpty':
        lines.push(`{{- if ${guard(`(not ${ref(e, r.a)})`)} }}`);
        lines.push(fail('%s must be set: %s', text(e, r.a), why));
        break;
      case 'unset':
        lines.push(`{{- if ${guard(ref(e, r.a))} }}`);
        lines.push(fail('%s (%q) must not be set: %s', text(e, r.a), `(toString ${ref(e, r.a)})`, why));
        break;
      case 'absent':
        // Set at all, 0 and false included; Helm drops a key whose value is null.
        lines.push(`{{- if ${guard(`(not (kindIs "invalid" ${ref(e, r.a)}))`)} }}`);
        lines.push(fail('%s must not be set: %s', text(e, r.a), `(replace "{}" ${e.rootText} ${why})`));
        break;
      case 'requires':
        lines.push(`{{- if ${guard(`(not ${cond(e, r.need)})`)} }}`);
        lines.push(fail('%s: %s', `(replace "{}" ${e.rootText} ${JSON.stringify(r.needText)})`, why));
        break;
      case 'unique': {
        const seen = `$seen${depth}`;
        const item = `$u${depth}`;
        const index = `$ui${depth}`;
        lines.push(`{{- ${seen} := list }}`);
        lines.push(`{{- range ${index}, ${item} := ${ref(e, r.list)} }}`);
        lines.push(`{{- if has ${item}.${r.field} ${seen} }}`);
        lines.push(fail(`%s[%d].${r.field} (%q) is used twice: %s`, text(e, r.list), index, `(toString ${item}.${r.field})`, why));
        lines.push('{{- end }}');
        lines.push(`{{- ${seen} = append ${seen} ${item}.${r.field} }}`);
        lines.push('{{- end }}');
        continue;
      }
    }
    lines.push('{{- end }}');
  }
  return lines;
}

export interface ChartRules {
  /** The chart whose values the rules read; "" for rules on global alone. */
  readonly section: string;
  readonly rules: readonly Rule[];
}

/**
 * The rule checks of a chart's templates/checks.yaml. `sections` are the rule sets: a subchart has its
 * own (section "") and global's; the umbrella has its own, global's, and each subchart's under its
 * section, checked when that subchart is enabled.
 */
export function helmChecks(chart: string, sections: readonly ChartRules[]): string {
  const lines: string[] = ['{{- $errors := list }}'];
  for (const s of sections) {
    const root = s.section === '' ? '$.Values' : `$.Values.${s.section}`;
    const body = emit(s.rules, { root: '$v', rootText: '$prefix', chart }, 0);
    if (body.length === 0) continue;
    lines.push(`{{- $v := ${root} }}`);
    lines.push(`{{- $prefix := ${s.section === '' ? '$ownPrefix' : JSON.stringify(`${s.section}.`)} }}`);
    if (s.section !== '') lines.push(`{{- if $v.enabled }}`);
    lines.push(...body);
    if (s.section !== '') lines.push('{{- end }}');
  }
  lines.push('{{- if $errors }}');
  lines.push(`{{- fail (printf "invalid values for the ${chart} chart:\\n  %s" (join "\\n  " $errors)) }}`);
  lines.push('{{- end }}');
  // Nested in another chart, paths are written under the chart's name.
  const prefix = `{{- $ownPrefix := ternary (printf "%s." .Chart.Name) "" (contains "/charts/" .Template.BasePath) }}`;
  return [prefix, ...lines].join('\n') + '\n';
}

/** The Go template expression of a path, against a values variable ("$v"), for other emitters. */
export const goRef = (path: string, root: string): string => ref({ root, rootText: '""', chart: '' }, path);
/** The Go template expression of a condition, against a values variable, for other emitters. */
export const goCond = (c: Cond, root: string): string => cond({ root, rootText: '""', chart: '' }, c);
