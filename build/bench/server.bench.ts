/**
 * `npm run bench:server`: push and pull throughput (documents/s) and per-request latency (p50/p99) of the real sync
 * server on PostgreSQL over loopback HTTP, with 50 and then 500 simulated stations syncing at once. Each simulated
 * station has its own account, session and Ed25519 device key, signs every request, pushes synthetic residents of
 * its own commune in batches, then pulls its scope from the beginning. Duplicate detection is on as in production; the
 * 50-station run is repeated without it to show its cost. Prints figures; asserts nothing.
 *
 * PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to create and drop a
 * throwaway database.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import nacl from 'tweetnacl';
import { openThrowawayDatabase } from './throwaway-database.ts';
import { collections } from '#shared/schemas/collections.ts';
import { signRequest } from '#shared/sync/device-signature.ts';
import { SCHEMA_VERSION_HEADER } from '#shared/sync/schema-version-header.ts';
import { encodeBase64 } from '#shared/sync/base64.ts';
import { formatHealthId } from '#shared/identifiers/health-id.ts';
import { SYNTHETIC_HEALTH_ID_FIRST_SERIAL } from '#shared/synthetic/synthetic-person.ts';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import type { SyntheticStation } from '#shared/synthetic/synthetic-station.ts';
import { buildApp } from '#sync-server/src/app/build-app.ts';
import { createAuditLog } from '#sync-server/src/audit/audit-log.ts';
import { createSessionTokens } from '#sync-server/src/auth/session-tokens.ts';
import {
  createDocumentCipher,
  generateDocumentKey,
  parseDocumentKeys,
} from '#sync-server/src/crypto/document-cipher.ts';
import { accounts } from '#sync-server/src/db/schema/accounts.ts';
import { devices } from '#sync-server/src/db/schema/devices.ts';
import { orgUnits } from '#sync-server/src/db/schema/org-units.ts';
import { seedOrgUnits } from '#sync-server/src/org-units/seed-org-units.ts';
import { rowsOf } from '#sync-server/src/db/sql-rows.ts';

const say = (line = '') => process.stdout.write(`${line}\n`);

type SimulatedStation = SyntheticStation & {
  token: string;
  deviceId: string;
  secretKey: Uint8Array;
  /** The staff account every write is credited to (`updatedBy`), as the station app does. */
  userName: string;
};

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function runScenario(
  stationCount: number,
  personsPerStation: number,
  batchSize: number,
  duplicates: boolean,
) {
  const database = await openThrowawayDatabase();
  const clock = { now: () => new Date() };
  const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
  const keys = parseDocumentKeys(generateDocumentKey('bench'));
  if (!keys.ok) throw new Error('keys');
  const app = await buildApp({
    database,
    clock,
    audit,
    bodyLimit: 20 * 1024 * 1024,
    logLevel: 'warn',
    // As in production: every accepted resident write is checked for duplicates (blind indexes), unless compared.
    replication: {
      cipher: createDocumentCipher(keys.value),
      ...(duplicates ? { blindIndexKey: nacl.randomBytes(32) } : {}),
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;

  try {
    await seedOrgUnits(database.db);
    const sessions = createSessionTokens({ clock });
    const stations: SimulatedStation[] = [];
    for (let i = 0; i < stationCount; i++) {
      const orgUnitId = `bench-tyt-${String(i).padStart(4, '0')}`;
      const communeCode = String(90000 + i).padStart(5, '0');
      await database.db.insert(orgUnits).values({
        id: orgUnitId,
        kind: 'commune-station',
        name: `Trạm Y tế mô phỏng ${String(i)}`,
        parentId: 'ttyt-kv01',
        communeCode,
        communeScheme: 'dvhc-2025',
        validFrom: '2025-07-01',
      });
      const accountId = randomUUID();
      const now = clock.now();
      const userName = `01T00_bench${String(i)}`;
      await database.db.insert(accounts).values({
        id: accountId,
        userName,
        loginKey: `01t00_bench${String(i)}`,
        displayName: `Nhân viên mô phỏng ${String(i)}`,
        role: 'station-staff',
        orgUnitId,
        passwordHash: 'not-used-by-the-benchmark',
        mustChangePassword: false,
        createdAt: now,
        updatedAt: now,
      });
      const keyPair = nacl.sign.keyPair();
      const deviceId = `bench-dev-${String(i)}`;
      await database.db.insert(devices).values({
        id: deviceId,
        orgUnitId,
        publicKey: encodeBase64(keyPair.publicKey),
        label: `Máy mô phỏng ${String(i)}`,
        enrolledAt: now,
      });
      const session = await sessions.issue(database.db, { accountId, deviceId });
      stations.push({
        orgUnitId,
        communeCode,
        facilityCode: '01T01',
        communeKind: 'phuong',
        token: session.token,
        userName,
        deviceId,
        secretKey: keyPair.secretKey,
      });
    }

    const call = async (station: SimulatedStation, method: 'GET' | 'POST', path: string, body?: unknown) => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const headers = {
        authorization: `Bearer ${station.token}`,
        // Every request here is of `persons`: the station app names the schema version it stores it in.
        [SCHEMA_VERSION_HEADER]: String(collections.persons.schema.version),
        ...(text === undefined ? {} : { 'content-type': 'application/json' }),
        ...signRequest({
          secretKey: station.secretKey,
          deviceId: station.deviceId,
          method,
          path,
          body: text,
          now: Date.now(),
        }),
      };
      const started = performance.now();
      const res = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(text === undefined ? {} : { body: text }),
      });
      const json: unknown = await res.json();
      const ms = performance.now() - started;
      if (res.status !== 200)
        throw new Error(`${method} ${path} → ${String(res.status)} ${JSON.stringify(json).slice(0, 300)}`);
      return { json, ms };
    };

    // Push: every station sends its residents in batches, all stations at once.
    const pushLatencies: number[] = [];
    let pushed = 0;
    const pushStarted = performance.now();
    await Promise.all(
      stations.map(async (station, i) => {
        const people = [
          ...generateSyntheticPopulation({
            seed: i % 100,
            size: personsPerStation,
            referenceDate: '2026-11-26',
            stations: [station],
          }),
          // Health IDs are unique on the server: stations sharing a seed (mod 100) get IDs of their own.
        ].map((r, k) => ({
          ...r.person,
          id: `${station.orgUnitId}-${r.person.id}`,
          healthId: formatHealthId(SYNTHETIC_HEALTH_ID_FIRST_SERIAL + i * personsPerStation + k),
        }));
        for (let k = 0; k < people.length; k += batchSize) {
          const rows = people
            .slice(k, k + batchSize)
            .map((doc) => ({ newDocumentState: { ...doc, updatedBy: station.userName, _deleted: false } }));
          const { json, ms } = await call(station, 'POST', '/sync/persons/push', rows);
          if (!Array.isArray(json) || json.length !== 0)
            throw new Error(`unexpected conflicts: ${JSON.stringify(json).slice(0, 300)}`);
          pushLatencies.push(ms);
          pushed += rows.length;
        }
      }),
    );
    const pushSeconds = (performance.now() - pushStarted) / 1000;

    // Pull: every station pulls its whole scope from the beginning, all at once.
    const pullLatencies: number[] = [];
    let pulled = 0;
    const pullStarted = performance.now();
    await Promise.all(
      stations.map(async (station) => {
        for (let checkpoint = 0; ;) {
          const { json, ms } = await call(
            station,
            'GET',
            `/sync/persons/pull?checkpoint=${String(checkpoint)}&limit=${String(batchSize * 2)}`,
          );
          pullLatencies.push(ms);
          const page = json as { documents: unknown[]; checkpoint: { seq: number } };
          pulled += page.documents.length;
          if (page.documents.length === 0) break;
          checkpoint = page.checkpoint.seq;
        }
      }),
    );
    const pullSeconds = (performance.now() - pullStarted) / 1000;
    if (pulled !== pushed) {
      const refused = await database.db.execute(
        sql`select reason, count(*)::int as n from quarantine group by reason order by n desc`,
      );
      throw new Error(
        `pulled ${String(pulled)} of ${String(pushed)} pushed documents; refused: ${JSON.stringify(rowsOf(refused))}`,
      );
    }
    pushLatencies.sort((a, b) => a - b);
    pullLatencies.sort((a, b) => a - b);
    return {
      stations: stationCount,
      documents: pushed,
      pushDocsPerSecond: pushed / pushSeconds,
      pushP50: percentile(pushLatencies, 0.5),
      pushP99: percentile(pushLatencies, 0.99),
      pullDocsPerSecond: pulled / pullSeconds,
      pullP50: percentile(pullLatencies, 0.5),
      pullP99: percentile(pullLatencies, 0.99),
      batchSize,
      duplicates,
    };
  } finally {
    await app.close();
    await database.close();
  }
}

const withoutDuplicates = await runScenario(50, 200, 50, false);
const scenarios = [await runScenario(50, 200, 50, true), await runScenario(500, 40, 20, true)];
say('\nSync server on PostgreSQL, loopback HTTP, signed requests, encrypted bodies (persons collection)');
say(
  `${'stations'.padStart(8)} ${'dups'.padStart(5)} ${'docs'.padStart(7)} ${'push docs/s'.padStart(12)} ${'push p50 ms'.padStart(12)} ${'push p99 ms'.padStart(12)} ${'pull docs/s'.padStart(12)} ${'pull p50 ms'.padStart(12)} ${'pull p99 ms'.padStart(12)}`,
);
for (const s of [withoutDuplicates, ...scenarios]) {
  say(
    `${String(s.stations).padStart(8)} ${(s.duplicates ? 'on' : 'off').padStart(5)} ${String(s.documents).padStart(7)} ${Math.round(s.pushDocsPerSecond).toString().padStart(12)} ${s.pushP50.toFixed(1).padStart(12)} ${s.pushP99.toFixed(1).padStart(12)} ${Math.round(s.pullDocsPerSecond).toString().padStart(12)} ${s.pullP50.toFixed(1).padStart(12)} ${s.pullP99.toFixed(1).padStart(12)}`,
  );
}
const [small, large] = scenarios;
if (small) {
  say(
    `duplicate detection on/off at 50 stations: push ${(small.pushDocsPerSecond / withoutDuplicates.pushDocsPerSecond).toFixed(2)}× throughput, push p99 ${(small.pushP99 / withoutDuplicates.pushP99).toFixed(2)}× latency`,
  );
}
if (small && large) {
  say(
    `ratio 500/50 stations: push ${(large.pushDocsPerSecond / small.pushDocsPerSecond).toFixed(2)}×, pull ${(large.pullDocsPerSecond / small.pullDocsPerSecond).toFixed(2)}× throughput; push p99 ${(large.pushP99 / small.pushP99).toFixed(1)}× latency`,
  );
}
