/**
 * `npm run bench:intake [-- --short] [-- --hoso N --envelope K --senders S --residents R]`: hồ sơ per second through
 * the real `POST /interop/qd130` on PostgreSQL (a throwaway database), each hồ sơ with XML1–XML5 at realistic sizes
 * from the hospital SIMULATOR, matched against R seeded residents, sent by S concurrent senders in envelopes of K;
 * p50/p99 per request; and, as the floor, the same envelopes parsed and read alone in the same run (the ratio is the
 * figure). Meanwhile `--pullers` sessions keep syncing (pulling pages of 100 residents, as stations read): their page
 * time is measured alone first, then during the intake. Target (issue 18): 100,000 hồ sơ in under an hour, ≥ 30/s
 * sustained, while stations keep syncing. A benchmark: nothing asserts.
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import nacl from 'tweetnacl';
import { unwrap } from '#shared/errors/result.ts';
import { loadIcd10Full } from '#shared/reference-data/icd10-list.ts';
import { loginAnswer } from '#shared/server-api/auth.ts';
import { intakeAnswer } from '#shared/server-api/interop.ts';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import { syntheticStationFor } from '#shared/synthetic/synthetic-station.ts';
import { hanoiCommunes2025 } from '#shared/reference-data/hanoi-communes.generated.ts';
import { createInitialCityAdmin } from '#sync-server/src/accounts/create-initial-city-admin.ts';
import { insertAccount } from '#sync-server/src/accounts/insert-account.ts';
import { createPasswordHasher } from '#sync-server/src/accounts/password-hasher.ts';
import { buildApp } from '#sync-server/src/app/build-app.ts';
import { recordCollections } from '#sync-server/src/app/record-collections.ts';
import { createAuditLog } from '#sync-server/src/audit/audit-log.ts';
import { createDocumentCipher } from '#sync-server/src/crypto/document-cipher.ts';
import { createHealthIdAllocator } from '#sync-server/src/health-ids/health-id-allocator.ts';
import { defaultEnvelopeLimits } from '#sync-server/src/intake/hospital-intake.ts';
import { readEnvelopeRecord, readQd130Envelope } from '#sync-server/src/intake/qd130-envelope.ts';
import { indexIcd10 } from '#sync-server/src/intake/qd130-fields.ts';
import { readHospitalVisit } from '#sync-server/src/intake/qd130-visit.ts';
import { seedOrgUnits } from '#sync-server/src/org-units/seed-org-units.ts';
import { createCollectionRegistry } from '#sync-server/src/replication/collection-registry.ts';
import { storeServerDocuments } from '#sync-server/src/replication/store/store-server-documents.ts';
import { createStationStatusService } from '#sync-server/src/stations/station-status-service.ts';
import { qd130EnvelopeXml } from '../simulators/hospital/qd130-xml.ts';
import { simulatedDay } from '../simulators/hospital/simulated-day.ts';
import { openThrowawayDatabase } from './throwaway-database.ts';

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    hoso: { type: 'string' },
    envelope: { type: 'string', default: '20' },
    senders: { type: 'string', default: '4' },
    residents: { type: 'string' },
    pullers: { type: 'string', default: '2' },
  },
});
const hosoCount = Number(values.hoso ?? (values.short ? 200 : 3000));
const perEnvelope = Number(values.envelope);
const senders = Number(values.senders);
const residentCount = Number(values.residents ?? (values.short ? 2000 : 20_000));
const pullerCount = Number(values.pullers);
const say = (line = '') => process.stdout.write(`${line}\n`);
const HOSPITAL = { orgUnitId: 'bv-01032', facilityCode: '01032' };

const database = await openThrowawayDatabase();
const clock = { now: () => new Date() };
const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
const hasher = createPasswordHasher();
const cipher = createDocumentCipher(new Map([['k1', nacl.randomBytes(nacl.secretbox.keyLength)]]));
const blindIndexKey = nacl.randomBytes(32);
try {
  await seedOrgUnits(database.db);
  const admin = await createInitialCityAdmin({ db: database.db, audit, clock, hasher });
  if (admin === null) throw new Error('a fresh database had a city admin');

  // The residents the hospital's patients are matched against, spread over ten communes.
  const seedStarted = performance.now();
  const stations = hanoiCommunes2025.slice(0, 10).flatMap((c) => syntheticStationFor(c.code) ?? []);
  const residents = [
    ...generateSyntheticPopulation({ seed: 18, size: residentCount, referenceDate: '2026-12-01', stations }),
  ].map((r) => r.person);
  const registry = createCollectionRegistry(
    recordCollections({
      blindIndexKey,
      services: {
        stationStatus: createStationStatusService({ clock }),
        healthIds: createHealthIdAllocator({ audit, clock }),
        audit,
      },
    }).collections,
  );
  const actor = {
    accountId: admin.account.id,
    userName: admin.account.userName,
    role: 'city-admin',
    orgUnitId: 'so-y-te-ha-noi',
    sessionTokenHash: 'bench',
    mustChangePassword: false,
  } as const;
  for (let start = 0; start < residents.length; start += 5000) {
    await storeServerDocuments(
      { db: database.db, cipher, clock, registry, actor },
      'persons',
      residents.slice(start, start + 5000),
    );
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const hospital = unwrap(
    await insertAccount(
      database.db,
      { audit, clock, hasher },
      {
        fullName: 'Phạm Minh Đức',
        role: 'interop',
        orgUnitId: HOSPITAL.orgUnitId,
        facilityCode: HOSPITAL.facilityCode,
        createdBy: admin.account.id,
      },
    ),
  );
  const app = await buildApp({
    database,
    clock,
    audit,
    bodyLimit: 4 * 1024 * 1024,
    logLevel: 'silent',
    replication: { cipher, blindIndexKey },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${String((app.server.address() as AddressInfo).port)}`;
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });
  const first = loginAnswer.parse(
    await (
      await post('/auth/login', { userName: hospital.account.userName, password: hospital.initialPassword })
    ).json(),
  );
  await post(
    '/auth/change-password',
    { currentPassword: hospital.initialPassword, newPassword: 'Benh-vien#2026' },
    first.token,
  );
  const token = loginAnswer.parse(
    await (
      await post('/auth/login', { userName: hospital.account.userName, password: 'Benh-vien#2026' })
    ).json(),
  ).token;

  // The hồ sơ: a simulated day (80% known residents, newcomers, deliveries), 1% deliberately broken.
  const records = simulatedDay({
    seed: 18,
    facilityCode: HOSPITAL.facilityCode,
    residents,
    count: hosoCount,
    broken: Math.floor(hosoCount / 100),
    from: new Date(Date.now() - 12 * 3_600_000),
  });
  const envelopes: string[] = [];
  for (let start = 0; start < records.length; start += perEnvelope) {
    envelopes.push(
      qd130EnvelopeXml(HOSPITAL.facilityCode, '20261207', records.slice(start, start + perEnvelope)),
    );
  }
  const bytes = envelopes.reduce((sum, xml) => sum + Buffer.byteLength(xml), 0);

  // The floor: the same envelopes parsed and read alone, on this machine, in this run.
  const icd10 = indexIcd10(await loadIcd10Full());
  const floorStarted = performance.now();
  for (const xml of envelopes) {
    const envelope = readQd130Envelope(Buffer.from(xml), defaultEnvelopeLimits);
    if (!envelope.ok) throw new Error(envelope.errors[0].code);
    for (const item of envelope.value.records) {
      const record = readEnvelopeRecord(item, defaultEnvelopeLimits);
      if (record.ok) readHospitalVisit(record.value, { icd10, now: new Date() });
    }
  }
  const floorSeconds = (performance.now() - floorStarted) / 1000;

  // Stations keep syncing: sessions pulling pages of residents in a loop (the city admin's, which sees them all).
  const cityToken = loginAnswer.parse(
    await (
      await post('/auth/login', { userName: admin.account.userName, password: admin.initialPassword })
    ).json(),
  ).token;
  await post(
    '/auth/change-password',
    { currentPassword: admin.initialPassword, newPassword: 'Quan-tri#2026' },
    cityToken,
  );
  const syncToken = loginAnswer.parse(
    await (await post('/auth/login', { userName: admin.account.userName, password: 'Quan-tri#2026' })).json(),
  ).token;
  const pulls = { running: true, samples: [] as number[] };
  const pullLoop = async () => {
    for (let checkpoint = 0; pulls.running;) {
      const started = performance.now();
      const response = await fetch(
        `${baseUrl}/sync/persons/pull?checkpoint=${String(checkpoint)}&limit=100`,
        {
          headers: { authorization: `Bearer ${syncToken}`, 'accept-encoding': 'br, gzip' },
        },
      );
      const page = (await response.json()) as { documents: unknown[]; checkpoint: { seq: number } };
      pulls.samples.push(performance.now() - started);
      checkpoint = page.documents.length === 0 ? 0 : page.checkpoint.seq;
    }
  };
  const percentile = (samples: readonly number[], q: number) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  };
  let pullers = Array.from({ length: pullerCount }, () => pullLoop());
  await new Promise((resolve) => setTimeout(resolve, 5000));
  pulls.running = false;
  await Promise.all(pullers);
  const alone = [...pulls.samples];
  pulls.samples = [];
  pulls.running = true;
  pullers = Array.from({ length: pullerCount }, () => pullLoop());

  // The route: S senders, each posting envelopes one after another.
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  let next = 0;
  const routeStarted = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async () => {
      for (let i = next++; i < envelopes.length; i = next++) {
        const started = performance.now();
        const response = await fetch(`${baseUrl}/interop/qd130`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
          body: envelopes[i] ?? '',
        });
        const answer = intakeAnswer.parse(await response.json());
        latencies.push(performance.now() - started);
        for (const record of answer.records)
          outcomes.set(record.outcome, (outcomes.get(record.outcome) ?? 0) + 1);
      }
    }),
  );
  const routeSeconds = (performance.now() - routeStarted) / 1000;
  pulls.running = false;
  await Promise.all(pullers);
  const during = pulls.samples;
  await app.close();

  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const rate = hosoCount / routeSeconds;
  const floorRate = hosoCount / floorSeconds;
  say(
    `\nbench:intake — ${hosoCount.toLocaleString('en-US')} hồ sơ (XML1–XML5) in ${String(envelopes.length)} envelopes of ${String(perEnvelope)}, ${String(senders)} senders, ${(bytes / 1e6).toFixed(1)} MB, PostgreSQL`,
  );
  say(`  residents seeded:        ${residentCount.toLocaleString('en-US')} (${seedSeconds.toFixed(1)} s)`);
  say(`  outcomes:                ${[...outcomes].map(([k, v]) => `${k} ${String(v)}`).join(', ')}`);
  say(`  through the route:       ${rate.toFixed(1)} hồ sơ/s (${routeSeconds.toFixed(1)} s)`);
  say(
    `  per request (${String(perEnvelope)} hồ sơ):  p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms`,
  );
  say(`  floor, parse+read alone: ${floorRate.toFixed(1)} hồ sơ/s (${floorSeconds.toFixed(2)} s)`);
  say(`  ratio route/floor:       ${(rate / floorRate).toFixed(3)}`);
  if (pullerCount > 0) {
    say(
      `  stations syncing (${String(pullerCount)} sessions, pages of 100): alone p50 ${percentile(alone, 0.5).toFixed(0)} ms, p99 ${percentile(alone, 0.99).toFixed(0)} ms (${String(alone.length)} pages in 5 s); during the intake p50 ${percentile(during, 0.5).toFixed(0)} ms, p99 ${percentile(during, 0.99).toFixed(0)} ms (${String(during.length)} pages)`,
    );
  }
  say(`  100,000 hồ sơ at this rate: ${(100_000 / rate / 60).toFixed(1)} min (target < 60 min, ≥ 30/s)`);
} finally {
  await database.close();
}
