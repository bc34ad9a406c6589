import { spawnSync } from 'node:child_process';

export type RunResult = { status: number | null; output: string };

/** Runs a command to completion and returns its exit status with stdout and stderr together. */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): RunResult {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
