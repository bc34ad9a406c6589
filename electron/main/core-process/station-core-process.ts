/**
 * Entry of the station core's Electron utility process (bundled to `station-core.js`, forked by main.ts): the core
 * runs here, off the window's process, because better-sqlite3 is synchronous. Electron-only (`process.parentPort`);
 * what it does is `hostStationCore`, tested without Electron.
 */
import { openStation } from '../../station/open-station.ts';
import { hostStationCore, type ParentPortLike } from './station-core-host.ts';

const port: ParentPortLike = process.parentPort;
const say = (line: string) => process.stderr.write(`${line}\n`);

hostStationCore(port, {
  open: async (config, keyStore) => {
    const station = await openStation({
      dataDir: config.dataDir,
      serverUrl: config.serverUrl,
      // Unused: the machine slot is protected by `keyStore` (safeStorage in the main process).
      passphrase: '',
      keyStore,
      recoveryPublicKey: new Uint8Array(Buffer.from(config.recoveryPublicKey, 'base64')),
      enrolmentCode: config.enrolmentCode,
      appVersion: config.appVersion,
    });
    return { core: station.core, close: () => station.close() };
  },
  exit: (code) => process.exit(code),
  log: say,
});
