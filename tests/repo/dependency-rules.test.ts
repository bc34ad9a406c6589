import { describe, expect, it } from 'vitest';
import { createFixtureTree } from '../support/fixture-tree.ts';
import { bin, repoRoot } from '../support/repo-root.ts';
import { run } from '../support/run.ts';

const depcruise = (cwd: string, folders: readonly string[]) =>
  run(bin('depcruise'), ['--config', '.dependency-cruiser.cjs', ...folders], cwd);

const configs = [
  '.dependency-cruiser.cjs',
  '.dependency-cruiser-server.cjs',
  'tsconfig.base.json',
  'package.json',
];

describe('the dependency rules (DESIGN.md §3)', () => {
  it('accept the repository as it is', () => {
    const result = depcruise(repoRoot, ['shared', 'build', 'tests']);
    expect(result.output).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });

  it.each([
    [
      'shared imports a runtime',
      'shared/a.ts',
      "import { x } from '../sync-server/x.ts';\n",
      'shared-imports-nothing-local',
    ],
    [
      'shared imports a Node built-in',
      'shared/a.ts',
      "import { readFileSync } from 'node:fs';\n",
      'shared-imports-no-node-builtins',
    ],
    [
      'the renderer imports the server',
      'renderer/a.ts',
      "import { x } from '../sync-server/x.ts';\n",
      'renderer-imports-only-shared',
    ],
    [
      'the server imports the station',
      'sync-server/a.ts',
      "import { y } from '../electron/station/y.ts';\n",
      'sync-server-imports-only-shared',
    ],
    [
      'the station imports the renderer',
      'electron/station/a.ts',
      "import { z } from '#renderer/z.ts';\n",
      'electron-imports-only-shared',
    ],
    [
      'the station core imports electron',
      'electron/station/a.ts',
      "import { app } from 'electron';\n",
      'station-core-never-imports-electron',
    ],
    [
      'shipped code imports a test generator',
      'shared/a.ts',
      "import fc from 'fast-check';\nexport const g = fc;\n",
      'test-support-only-in-tests',
    ],
    [
      'the renderer imports the server through a package import',
      'renderer/a.ts',
      "import { x } from '#sync-server/x.ts';\n",
      'renderer-imports-only-shared',
    ],
    ['code imports tests', 'shared/a.ts', "import { t } from '../tests/t.ts';\n", 'nothing-imports-tests'],
  ])('reject a deliberate violation: %s', (_name, file, source, rule) => {
    const fixture = createFixtureTree(
      {
        [file]: `${source}export const a = 1;\n`,
        'sync-server/x.ts': 'export const x = 1;\n',
        'electron/station/y.ts': 'export const y = 1;\n',
        'renderer/z.ts': 'export const z = 1;\n',
        'tests/t.ts': 'export const t = 1;\n',
        'shared/keep.ts': 'export const keep = 1;\n',
      },
      configs,
    );
    try {
      const result = depcruise(fixture.dir, ['shared', 'renderer', 'sync-server', 'electron']);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain(rule);
    } finally {
      fixture.remove();
    }
  });

  it('reject an import cycle', () => {
    const fixture = createFixtureTree(
      {
        'shared/a.ts': "import { b } from './b.ts';\nexport const a = b;\n",
        'shared/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      },
      configs,
    );
    try {
      const result = depcruise(fixture.dir, ['shared']);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('no-circular');
    } finally {
      fixture.remove();
    }
  });
});

describe('the dependency rules inside the sync server (DESIGN.md §3, one level down)', () => {
  const serverCruise = (cwd: string) =>
    run(bin('depcruise'), ['--config', '.dependency-cruiser-server.cjs', 'sync-server/src'], cwd);

  it('accept the server as it is', () => {
    const result = serverCruise(repoRoot);
    expect(result.output).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });

  it.each([
    [
      'the replication engine imports a feature',
      {
        'sync-server/src/replication/push/a.ts':
          "import { d } from '../../duplicates/d.ts';\nexport const a = d;\n",
        'sync-server/src/duplicates/d.ts': 'export const d = 1;\n',
      },
      'server-engine-imports-no-feature',
    ],
    [
      'two folders import each other',
      {
        'sync-server/src/stations/a.ts': "import { b } from '../health-ids/b.ts';\nexport const a = b;\n",
        'sync-server/src/health-ids/b.ts': "import { c } from '../stations/c.ts';\nexport const b = c;\n",
        'sync-server/src/stations/c.ts': 'export const c = 1;\n',
      },
      'server-no-folder-cycles',
    ],
  ])('reject a deliberate violation: %s', (_name, files, rule) => {
    const fixture = createFixtureTree(files, configs);
    try {
      const result = serverCruise(fixture.dir);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain(rule);
    } finally {
      fixture.remove();
    }
  });

  it('let the engine’s tests compose features', () => {
    const fixture = createFixtureTree(
      {
        'sync-server/src/replication/push/a.test.ts':
          "import { d } from '../../duplicates/d.ts';\nexport const a = d;\n",
        'sync-server/src/duplicates/d.ts': "import { e } from '../replication/e.ts';\nexport const d = e;\n",
        'sync-server/src/replication/e.ts': 'export const e = 1;\n',
      },
      configs,
    );
    try {
      const result = serverCruise(fixture.dir);
      expect(result.output).toContain('no dependency violations found');
      expect(result.status).toBe(0);
    } finally {
      fixture.remove();
    }
  });
});
