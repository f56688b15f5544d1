/** Helpers of the real-node test files: HTTP from the node's network namespace, and polling with a diagnosis. */
import { spawnSync } from 'node:child_process';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An HTTP request from the node's namespace (curl there), to a Service's or a pod's address. */
export function httpInNode(netns: string, method: 'GET' | 'POST', url: string, body?: unknown): { status: number; body: any } {
  const args = ['netns', 'exec', netns, 'curl', '-s', '--max-time', '10', '-o', '-', '-w', '\n%{http_code}', '-X', method, url];
  if (body !== undefined) args.push('-H', 'Content-Type: application/json', '-d', JSON.stringify(body));
  const lines = spawnSync('ip', args, { encoding: 'utf8' }).stdout.trimEnd().split('\n');
  const status = Number(lines.pop());
  const text = lines.join('\n');
  try {
    return { status, body: text ? JSON.parse(text) : undefined };
  } catch {
    return { status, body: text };
  }
}

/**
 * Polls `probe` every `everyMs` until it answers something, or fails after `seconds` with what
 * `diagnose` says (text as is, anything else as JSON).
 */
export async function until<T>(what: string, seconds: number, probe: () => T | undefined, diagnose?: () => unknown, everyMs = 1000): Promise<T> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const v = probe();
    if (v !== undefined) return v;
    await sleep(everyMs);
  }
  const d = diagnose?.();
  throw new Error(`${what}: not within ${seconds} s${d === undefined ? '' : `\n${typeof d === 'string' ? d : JSON.stringify(d, null, 2)}`}`);
}
