import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { desktopPlan, repositoryProbe, type DesktopProbe } from './desktop-launch.ts';

const probe = (changes: Partial<DesktopProbe>): DesktopProbe => ({
  electronBinary: () => '/opt/electron/electron',
  electronAbi: () => '145',
  nativeModuleFor: async () => ({ ok: true }),
  ...changes,
});

describe('whether npm start opens the desktop app', () => {
  it('opens it only with the Electron binary and a native module built for its ABI', async () => {
    expect(await desktopPlan(probe({}))).toEqual({ kind: 'desktop', electron: '/opt/electron/electron' });
    expect(await desktopPlan(probe({ electronBinary: () => undefined }))).toMatchObject({
      kind: 'browser',
      reason: expect.stringContaining('not installed') as unknown,
    });
    const nodeBuild = await desktopPlan(
      probe({ nativeModuleFor: async () => ({ ok: false, found: ['115'] }) }),
    );
    expect(nodeBuild).toMatchObject({ kind: 'browser' });
    expect(nodeBuild.kind === 'browser' && nodeBuild.reason).toContain('ABI 115, not Electron');
  });

  it('finds no binary on this machine, where Electron cannot be downloaded, and a Node build of the module', async () => {
    const here = repositoryProbe(join(import.meta.dirname, '..', '..'));
    expect(here.electronBinary()).toBeUndefined();
    expect(await here.nativeModuleFor(process.versions.modules)).toEqual({ ok: true });
    expect((await desktopPlan(here)).kind).toBe('browser');
  });
});
