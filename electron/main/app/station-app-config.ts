import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const base64Key = z.base64().refine((s) => Buffer.from(s, 'base64').length === 32, 'a 32-byte key in base64');

/**
 * What a station build is configured with (`station-config.json` beside the app, written by
 * build/release/bundle-app.ts from the release environment): the city's sync server, its recovery public key, the
 * release public keys updates must be signed with, and the update channel. None of it is secret.
 */
export const stationAppConfig = z.strictObject({
  serverUrl: z.url({ protocol: /^https?$/ }),
  recoveryPublicKey: base64Key,
  releasePublicKeys: z.array(base64Key).min(1),
  updateChannel: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
});
export type StationAppConfig = z.infer<typeof stationAppConfig>;

/** Reads and checks the config; a broken one is a packaging bug, so it throws with the reason. */
export async function readStationAppConfig(file: string): Promise<StationAppConfig> {
  const parsed = stationAppConfig.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
  return parsed.data;
}
