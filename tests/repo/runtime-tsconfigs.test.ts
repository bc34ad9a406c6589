import { describe, expect, it } from 'vitest';
import { createFixtureTree } from '../support/fixture-tree.ts';
import { bin } from '../support/repo-root.ts';
import { run } from '../support/run.ts';

const usesDom = 'export const title = document.title;\n';
const usesNode = 'export const home = process.env["HOME"];\n';
const configs = [
  'package.json',
  'tsconfig.base.json',
  'shared/tsconfig.json',
  'renderer/tsconfig.json',
  'sync-server/tsconfig.json',
  'electron/tsconfig.json',
];

function typecheck(folder: string, source: string) {
  const fixture = createFixtureTree({ [`${folder}/probe.ts`]: source }, configs);
  try {
    return run(bin('tsc'), ['-p', folder], fixture.dir);
  } finally {
    fixture.remove();
  }
}

describe('one tsconfig per runtime restricts what code may use', () => {
  it.each([
    ['shared', usesDom, false],
    ['shared', usesNode, false],
    ['renderer', usesDom, true],
    ['renderer', usesNode, false],
    ['sync-server', usesDom, false],
    ['sync-server', usesNode, true],
    ['electron', usesDom, false],
    ['electron', usesNode, true],
  ])('%s: %s compiles = %s', (folder, source, compiles) => {
    const result = typecheck(folder, source);
    if (compiles) expect(result.output).toBe('');
    else expect(result.output).toMatch(/Cannot find name '(document|process)'/);
    expect(result.status === 0).toBe(compiles);
  });
});
