import { readFileSync } from 'node:fs';
import type { Configuration } from 'electron-builder';
import { beforePack } from './release/before-pack.ts';

/** Identifiers every build shares; the app id keys Windows' install registry and Linux's desktop entry. */
export const APP_ID = 'vn.gov.hanoi.soyte.hssk.tram';
export const PRODUCT_NAME = 'HSSK Trạm Y tế';
/**
 * The subject CN of the city's Windows code-signing certificate. electron-updater skips the Authenticode publisher
 * check when `app-update.yml` has no publisher name (it fails open, see notes/ on Electron), so one is always set: a
 * wrong name makes updates fail closed, never open. Override with HSSK_WIN_PUBLISHER_NAME to match the certificate.
 */
export const DEFAULT_PUBLISHER_NAME = 'Sở Y tế Hà Nội';
export const DEFAULT_UPDATE_URL = 'https://dongbo.soyte.hanoi.gov.vn/updates/latest';

function electronVersion(): string {
  const pkg = JSON.parse(
    readFileSync(new URL('../node_modules/electron/package.json', import.meta.url), 'utf8'),
  ) as {
    version: string;
  };
  return pkg.version;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Windows signing from the environment: Azure Trusted Signing when its endpoint is set, else signtool. */
export function windowsSigning(env: Env): NonNullable<Configuration['win']> {
  const publisherName = env['HSSK_WIN_PUBLISHER_NAME'] ?? DEFAULT_PUBLISHER_NAME;
  const endpoint = env['HSSK_AZURE_SIGNING_ENDPOINT'];
  if (endpoint !== undefined && endpoint !== '') {
    // Credentials come from AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET (read by Invoke-TrustedSigning).
    return {
      azureSignOptions: {
        publisherName,
        endpoint,
        certificateProfileName: env['HSSK_AZURE_CERTIFICATE_PROFILE'] ?? '',
        codeSigningAccountName: env['HSSK_AZURE_CODE_SIGNING_ACCOUNT'] ?? '',
      },
    };
  }
  // The .pfx comes from WIN_CSC_LINK / WIN_CSC_KEY_PASSWORD (read by electron-builder itself); an EV certificate on a
  // hardware token is chosen by subject name or SHA-1 thumbprint instead.
  const subject = env['HSSK_WIN_CERTIFICATE_SUBJECT'];
  const sha1 = env['HSSK_WIN_CERTIFICATE_SHA1'];
  return {
    signtoolOptions: {
      publisherName,
      signingHashAlgorithms: ['sha256'],
      rfc3161TimeStampServer: env['HSSK_WIN_TIMESTAMP_URL'] ?? 'http://timestamp.digicert.com',
      ...(subject === undefined ? {} : { certificateSubjectName: subject }),
      ...(sha1 === undefined ? {} : { certificateSha1: sha1 }),
    },
  };
}

/**
 * The electron-builder 26 configuration (run on the release machine only: `npx electron-builder --config
 * build/electron-builder.config.ts --win` or `--linux`, after `build/release/bundle-app.ts`; see build/RELEASING.md).
 * It packs the bundled app in `out/app`, rebuilds its native module for Electron in `beforePack`, flips the fuses,
 * signs Windows builds, and writes `latest.yml` / `latest-linux.yml` for the sync server's generic update feed.
 */
export function electronBuilderConfig(env: Env): Configuration {
  return {
    appId: APP_ID,
    productName: PRODUCT_NAME,
    copyright: 'Sở Y tế Hà Nội',
    electronVersion: electronVersion(),
    directories: { app: 'out/app', output: 'dist', buildResources: 'build/resources' },
    files: ['**/*', '!**/*.map'],
    asar: true,
    asarUnpack: ['**/*.node'],
    // Rebuilt by beforePack with an ABI check instead (a silent Node build would crash Electron at start).
    npmRebuild: false,
    beforePack,
    electronFuses: {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    },
    publish: [
      {
        provider: 'generic',
        url: env['HSSK_UPDATE_URL'] ?? DEFAULT_UPDATE_URL,
        channel: 'latest',
        useMultipleRangeRequest: true,
      },
    ],
    win: {
      target: [{ target: 'nsis', arch: ['x64'] }],
      verifyUpdateCodeSignature: true,
      ...windowsSigning(env),
    },
    nsis: {
      // Assisted installer: staff install for themselves; IT installs for every account of the PC
      // (`/S /allusers`, see RELEASING.md), which needs elevation.
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      artifactName: 'HSSK-Tram-Setup-${version}.${ext}',
      uninstallDisplayName: '${productName} ${version}',
      deleteAppDataOnUninstall: false,
    },
    linux: {
      target: [
        { target: 'AppImage', arch: ['x64'] },
        { target: 'deb', arch: ['x64'] },
      ],
      category: 'Office',
      maintainer: 'Sở Y tế Hà Nội <cntt@soyte.hanoi.gov.vn>',
      synopsis: 'Hồ sơ sức khỏe điện tử — phần mềm trạm y tế',
      artifactName: 'HSSK-Tram-${version}-${arch}.${ext}',
    },
    appImage: { artifactName: 'HSSK-Tram-${version}-x86_64.${ext}' },
    deb: { artifactName: 'HSSK-Tram-${version}-amd64.${ext}', depends: ['libsecret-1-0'] },
  };
}

// electron-builder reads its configuration through the default export (loaded with jiti).
export default electronBuilderConfig(process.env);
