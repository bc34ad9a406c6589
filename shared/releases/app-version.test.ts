import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appVersion, compareAppVersions } from './app-version.ts';

describe('compareAppVersions', () => {
  it('orders versions by SemVer precedence', () => {
    const ordered = [
      '0.9.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0',
      '1.10.0',
      '2.0.0',
    ];
    for (const [i, a] of ordered.entries()) {
      for (const [j, b] of ordered.entries()) {
        expect(Math.sign(compareAppVersions(a, b)), `${a} vs ${b}`).toBe(Math.sign(i - j));
      }
    }
  });

  it('is antisymmetric for any valid versions', () => {
    const version = fc
      .tuple(
        fc.nat(20),
        fc.nat(20),
        fc.nat(20),
        fc.option(fc.constantFrom('alpha', 'beta.1', 'beta.2', 'rc.10')),
      )
      .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre === null ? '' : `-${pre}`}`);
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(appVersion.safeParse(a).success).toBe(true);
        expect(Math.sign(compareAppVersions(a, b))).toBe(-Math.sign(compareAppVersions(b, a)));
      }),
    );
  });

  it('accepts only SemVer without build metadata', () => {
    for (const bad of ['1.0', 'v1.0.0', '01.0.0', '1.0.0+build.1', '1.0.0-', 'latest', '']) {
      expect(appVersion.safeParse(bad).success, bad).toBe(false);
    }
  });
});
