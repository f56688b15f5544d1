/** Running the pinned tools from the CLI commands, with errors that name the step. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { TOOLS_BIN } from '../paths.js';

export class StepError extends Error {}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

/** Runs a tool from .tools/bin (or an absolute path), returning its output; never throws on exit codes. */
export function run(tool: string, args: readonly string[], opts: SpawnSyncOptions & { input?: string } = {}): RunResult {
  const bin = tool.includes('/') ? tool : `${TOOLS_BIN}/${tool}`;
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error) throw new StepError(`${tool} ${args[0] ?? ''}: ${r.error.message} (run \`npm run bootstrap\`)`);
  return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), status: r.status ?? -1 };
}

/** Like run, but a non-zero exit is an error naming the step. */
export function mustRun(step: string, tool: string, args: readonly string[], opts: SpawnSyncOptions & { input?: string } = {}): RunResult {
  const r = run(tool, args, opts);
  if (r.status !== 0) throw new StepError(`${step} failed (${tool} exited ${r.status}):\n${(r.stderr || r.stdout).trim()}`);
  return r;
}

/** Parses `--flag value` and `--flag` options; unknown flags are an error. */
export function parseFlags(argv: readonly string[], known: Record<string, 'value' | 'boolean'>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    // --flag value and --flag=value alike.
    const [arg, inline] = argv[i]!.startsWith('--') && argv[i]!.includes('=') ? [argv[i]!.slice(0, argv[i]!.indexOf('=')), argv[i]!.slice(argv[i]!.indexOf('=') + 1)] : [argv[i]!, undefined];
    const kind = known[arg];
    if (!kind) throw new StepError(`unknown option ${arg}; options: ${Object.keys(known).join(', ')}`);
    if (kind === 'boolean') {
      if (inline !== undefined && inline !== 'true' && inline !== 'false') throw new StepError(`${arg} takes no value, or =true or =false`);
      out[arg] = inline !== 'false';
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new StepError(`${arg} needs a value`);
      out[arg] = value;
    }
  }
  return out;
}
