/**
 * The seeded commune's sync server as a process of its own (forked by `station-first-sync.bench.ts`, never run on its
 * own), so that the server and the station use a core each, as on two machines. Seeds `process.argv[2]` residents,
 * sends `ready` with what the station needs to sync, and closes on `stop`.
 */
import { encodeBase64 } from '#shared/sync/base64.ts';
import { startSeededCommuneServer } from './seeded-commune-server.ts';

const send = (message: Record<string, unknown>) => {
  process.send?.(message);
};

try {
  const server = await startSeededCommuneServer(Number(process.argv[2]));
  process.on('message', (message: { type?: unknown }) => {
    if (message.type !== 'stop') return;
    void server.close().then(() => {
      send({ type: 'stopped' });
      process.exit(0);
    });
  });
  send({
    type: 'ready',
    baseUrl: server.baseUrl,
    orgUnitId: server.orgUnitId,
    deviceId: server.device.deviceId,
    secretKey: encodeBase64(server.device.secretKey),
    counts: server.counts,
    total: server.total,
    seedSeconds: server.seedSeconds,
  });
} catch (thrown) {
  send({ type: 'failed', message: thrown instanceof Error ? thrown.message : String(thrown) });
  process.exit(1);
}
