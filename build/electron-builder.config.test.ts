import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PUBLISHER_NAME, electronBuilderConfig, windowsSigning } from './electron-builder.config.ts';

const repoRoot = join(import.meta.dirname, '..');

describe('electron-builder configuration', () => {
  it('loads through electron-builder’s own loader and passes its schema', async () => {
    const config = await getConfig(repoRoot, 'build/electron-builder.config.ts', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.appId).toBe('vn.gov.hanoi.soyte.hssk.tram');
    expect(typeof config.beforePack).toBe('function');
  });

  it('rejects what electron-builder would reject (the check can fail)', async () => {
    const config = {
      ...electronBuilderConfig({}),
      win: { ...electronBuilderConfig({}).win, notAnOption: true },
    };
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/configuration\.win/);
  });

  it('flips the fuses: no run-as-node, encrypted cookies, ASAR integrity, app only from ASAR', () => {
    expect(electronBuilderConfig({}).electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('always sets the Windows publisher name, so update signature checks cannot silently turn off', () => {
    expect(windowsSigning({}).signtoolOptions?.publisherName).toBe(DEFAULT_PUBLISHER_NAME);
    const azure = windowsSigning({
      HSSK_AZURE_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net',
      HSSK_AZURE_CERTIFICATE_PROFILE: 'hssk',
      HSSK_AZURE_CODE_SIGNING_ACCOUNT: 'soyte',
      HSSK_WIN_PUBLISHER_NAME: 'CN=Sở Y tế Hà Nội',
    });
    expect(azure.azureSignOptions).toMatchObject({
      publisherName: 'CN=Sở Y tế Hà Nội',
      certificateProfileName: 'hssk',
    });
    expect(azure.signtoolOptions).toBeUndefined();
    const ev = windowsSigning({ HSSK_WIN_CERTIFICATE_SUBJECT: 'Sở Y tế Hà Nội' });
    expect(ev.signtoolOptions).toMatchObject({
      certificateSubjectName: 'Sở Y tế Hà Nội',
      publisherName: DEFAULT_PUBLISHER_NAME,
    });
    expect(electronBuilderConfig({}).win?.verifyUpdateCodeSignature).toBe(true);
  });

  it('offers per-machine installs, builds AppImage and deb, and publishes to the sync server’s generic feed', () => {
    const config = electronBuilderConfig({ HSSK_UPDATE_URL: 'https://sync.example/updates/latest' });
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.linux?.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
    expect(config.publish).toEqual([
      {
        provider: 'generic',
        url: 'https://sync.example/updates/latest',
        channel: 'latest',
        useMultipleRangeRequest: true,
      },
    ]);
    expect(config.npmRebuild).toBe(false);
  });
});
