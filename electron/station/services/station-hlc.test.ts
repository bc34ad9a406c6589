import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterEach, describe, expect, it } from 'vitest';
import { compareHlc } from '#shared/clock/hlc.ts';
import { openStationDatabase } from '../database/open-station-database.ts';
import { getRxStorageSqlite } from '../replica/sqlite-rx-storage.ts';
import { openStationHlc } from './station-hlc.ts';

describe("the device's clock across restarts", () => {
  const directories: string[] = [];
  afterEach(async () => {
    for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
  });

  it('never issues a stamp below one it issued before a restart, even with the wall clock set back a day', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'hssk-hlc-'));
    directories.push(directory);
    const key = nacl.randomBytes(32);
    const open = () => openStationDatabase({ storage: getRxStorageSqlite({ directory, key }) });
    let wall = Date.parse('2026-11-26T08:00:00.000Z');

    const first = await open();
    const clock = await openStationHlc(first, { node: 'dev-1', now: () => wall });
    let latest = clock.now();
    for (let i = 0; i < 50; i++) latest = clock.now();
    await expect
      .poll(async () => (await first.getLocal<typeof latest>('hlc-last'))?.toJSON().data)
      .toEqual(latest);
    await first.close();

    wall -= 24 * 60 * 60 * 1000;
    const second = await open();
    try {
      const resumed = await openStationHlc(second, { node: 'dev-1', now: () => wall });
      expect(compareHlc(resumed.now(), latest)).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });
});
