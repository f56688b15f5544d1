/**
 * Validates rendered built-in objects with kubernetes-models' precompiled validators. Custom resources
 * are not built-in; asking for one here is an error, so nothing slips through unvalidated.
 */
import type { K8sObject } from './helm.js';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: unknown) => Validatable;

const cache = new Map<string, Record<string, unknown>>();

async function moduleFor(apiVersion: string): Promise<Record<string, unknown>> {
  const path = `kubernetes-models/${apiVersion}`;
  if (!cache.has(path)) cache.set(path, (await import(path)) as Record<string, unknown>);
  return cache.get(path)!;
}

export async function validateBuiltIn(obj: K8sObject): Promise<void> {
  const mod = await moduleFor(obj.apiVersion);
  const Model = mod[obj.kind] as ModelClass | undefined;
  if (!Model) throw new Error(`${obj.apiVersion} ${obj.kind} is not a built-in kind that kubernetes-models knows`);
  try {
    new Model(obj).validate();
  } catch (err) {
    throw new Error(`${obj.kind}/${obj.metadata.name} is invalid: ${(err as Error).message}`);
  }
}
