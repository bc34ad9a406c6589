import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs `body` in a fresh Node process with the guard installed as main.ts does; resolves with its output and exit. */
function runGuarded(body: string): Promise<{ output: string; code: number | null }> {
  const guard = join(import.meta.dirname, 'process-guard.ts');
  const script = `
    import { createServer } from 'node:http';
    import { guardStationProcess } from ${JSON.stringify(guard)};
    const say = (line) => process.stdout.write(line + '\\n');
    guardStationProcess({
      process,
      log: say,
      clock: { now: () => Date.now() },
      onTooMany: () => { say('closing'); process.exit(70); },
    });
    ${body}
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: join(import.meta.dirname, '..', '..'),
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ output, code });
    });
  });
}

describe('guardStationProcess', () => {
  it('keeps a process serving after an unhandled rejection and an uncaught exception, logging neither message', async () => {
    const { output, code } = await runGuarded(`
      void Promise.reject(new Error('Nguyễn Văn An 001089012345'));
      setTimeout(() => { throw new TypeError('Trần Thị Bình 0912345678'); }, 10);
      const server = createServer((request, response) => response.end('still serving'));
      server.listen(0, '127.0.0.1', () => setTimeout(async () => {
        const answer = await fetch('http://127.0.0.1:' + server.address().port + '/');
        say(await answer.text());
        server.close();
      }, 100));
    `);
    expect(output).toContain('unhandled rejection, still serving (Error at ');
    expect(output).toContain('uncaught exception, still serving (TypeError at ');
    expect(output).toContain('still serving\n');
    expect(output).not.toMatch(/Nguyễn|Trần|0012|0912/);
    expect(code).toBe(0);
  }, 40_000);

  it('closes the process when uncaught exceptions keep coming', async () => {
    const { output, code } = await runGuarded(`
      for (let i = 0; i < 8; i++) setTimeout(() => { throw new RangeError('boom'); }, 10 * i);
      setTimeout(() => say('should not get here'), 2000);
    `);
    expect(output.match(/uncaught exception, still serving/g)).toHaveLength(5);
    expect(output).toContain('uncaught exception, 6 within 600 s: stopping (RangeError at ');
    expect(output).toContain('closing');
    expect(output).not.toContain('should not get here');
    expect(code).toBe(70);
  }, 40_000);
});
