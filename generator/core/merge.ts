/** Merges values the way Helm merges `-f` files: maps merge key by key, null deletes a key, everything else is replaced. */
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergeValues<T>(base: T, ...overlays: readonly unknown[]): T {
  let out: unknown = structuredClone(base);
  for (const overlay of overlays) out = mergeTwo(out, overlay);
  return out as T;
}

function mergeTwo(base: unknown, overlay: unknown): unknown {
  if (!isMap(base) || !isMap(overlay)) return structuredClone(overlay);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) delete out[key];
    else out[key] = key in base ? mergeTwo(base[key], value) : structuredClone(value);
  }
  return out;
}
