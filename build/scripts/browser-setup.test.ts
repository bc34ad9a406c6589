import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  browserMachine,
  DEFAULT_CHROMIUM_PATH,
  planBrowserSetup,
  type BrowserMachine,
} from './browser-setup.ts';

const missing: BrowserMachine = {
  chromiumPath: DEFAULT_CHROMIUM_PATH,
  pathChosen: false,
  chromiumPresent: false,
  aptGetPresent: true,
  root: true,
};

describe('planBrowserSetup', () => {
  it('runs the tests when Chromium is there', () => {
    expect(planBrowserSetup({ ...missing, chromiumPresent: true })).toEqual({ kind: 'ready' });
  });

  it('installs Debian’s Chromium when it is missing and apt-get can run', () => {
    const plan = planBrowserSetup(missing);
    expect(plan.kind).toBe('install');
    expect(plan.kind === 'install' && plan.commands.map((command) => command.join(' '))).toEqual([
      'apt-get update -qq',
      'apt-get install -y -qq --no-install-recommends chromium',
    ]);
  });

  it.each([
    ['without apt-get', { aptGetPresent: false }],
    ['when not root', { root: false }],
  ])('stops with the command to run %s', (_case, facts) => {
    const plan = planBrowserSetup({ ...missing, ...facts });
    expect(plan.kind).toBe('stop');
    const line = plan.kind === 'stop' ? plan.line : '';
    expect(line).toContain('sudo apt-get install -y chromium');
    expect(line).not.toContain('\n');
  });

  it('never installs over a browser the person chose with CHROMIUM_PATH', () => {
    const plan = planBrowserSetup({ ...missing, chromiumPath: '/opt/chrome', pathChosen: true });
    expect(plan.kind === 'stop' ? plan.line : '').toContain('CHROMIUM_PATH=/opt/chrome');
  });
});

describe('the machine facts and the script', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hssk-browser-setup-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds apt-get on PATH and reads CHROMIUM_PATH', () => {
    writeFileSync(join(dir, 'apt-get'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, 'apt-get'), 0o755);
    const facts = browserMachine({ PATH: dir, CHROMIUM_PATH: join(dir, 'apt-get') });
    expect(facts).toMatchObject({ aptGetPresent: true, chromiumPresent: true, pathChosen: true });
    expect(browserMachine({ PATH: '/nonexistent' })).toMatchObject({
      aptGetPresent: false,
      chromiumPath: DEFAULT_CHROMIUM_PATH,
      pathChosen: false,
    });
  });

  it('stops npm test at once with one line when the chosen browser is missing', () => {
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'test-setup.ts')], {
      env: { ...process.env, CHROMIUM_PATH: join(dir, 'no-chromium') },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringContaining(`CHROMIUM_PATH=${join(dir, 'no-chromium')}`),
    ]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
