import { and, asc, eq } from 'drizzle-orm';
import { gzipSync } from 'node:zlib';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createActiveAccount, units } from '#sync-server/src/accounts/accounts-app.test-support.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { auditLog } from '#sync-server/src/db/schema/audit.ts';
import { intakeReceipts, intakeVisits } from '#sync-server/src/db/schema/intake.ts';
import { orgUnits } from '#sync-server/src/db/schema/org-units.ts';
import { careRelationships } from '#sync-server/src/db/schema/replication.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import {
  intakeAnswer,
  intakeBatchAnswer,
  intakeFiguresAnswer,
  intakeRefusalsAnswer,
  intakeReviewAnswer,
  intakeReviewResolved,
  patientLookupAnswer,
  type IntakeAnswer,
} from '#shared/server-api/interop.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Person } from '#shared/schemas/person.ts';
import { createSeededRandom } from '#shared/synthetic/seeded-random.ts';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import { syntheticStationFor } from '#shared/synthetic/synthetic-station.ts';
import { qd130EnvelopeXml, type SimulatedHoso } from '../../build/simulators/hospital/qd130-xml.ts';
import { qd130ZipBatch } from '../../build/simulators/hospital/qd130-zip.ts';
import { patientOf, qd130Time, simulatedHoso } from '../../build/simulators/hospital/simulated-hoso.ts';
import { startStationTestServer, type StationTestServer } from '../support/station-test-server.ts';

const HOSPITAL = '01032';
const yesterday = () => new Date(Date.now() - 26 * 3_600_000);

/**
 * The hospitals' QĐ 130 intake end to end on the real server: a simulated hospital sends hồ sơ for a known resident,
 * an ambiguous one, an unknown one and a delivery, plus broken ones; each is answered on its own, known visits land
 * on the resident with diagnoses and labs, the unknown patient becomes a resident of the address's commune, the
 * newborn is created with the mother; a re-send changes nothing and a correction replaces.
 */
describe.each(testBackends)('the QĐ 130 intake on $name', (backend) => {
  let database: DatabaseHandle;
  let server: StationTestServer;
  let hospitalToken: string;
  let known: Person;
  let twinA: Person;
  let otherStation: { id: string; communeCode: string };
  const random = createSeededRandom(130);

  async function send(xml: string, token = hospitalToken) {
    return server.app.inject({
      method: 'POST',
      url: '/interop/qd130',
      headers: { ...bearer(token), 'content-type': 'application/xml' },
      payload: xml,
    });
  }
  async function sendOk(records: readonly SimulatedHoso[]): Promise<IntakeAnswer> {
    const response = await send(qd130EnvelopeXml(HOSPITAL, '20261207', records));
    expect(response.statusCode, response.body).toBe(200);
    return intakeAnswer.parse(response.json());
  }
  const hoso = (
    visitKey: string,
    patient: Parameters<typeof simulatedHoso>[1]['patient'],
    extra: Partial<Parameters<typeof simulatedHoso>[1]> = {},
  ) =>
    simulatedHoso(random.fork(visitKey), {
      facilityCode: HOSPITAL,
      visitKey,
      patient,
      admittedAt: yesterday(),
      ...extra,
    });

  beforeAll(async () => {
    database = await backend.open();
    server = await startStationTestServer(database, { blindIndexKey: nacl.randomBytes(32) });
    const hospital = await createActiveAccount(server.app, server.adminToken, {
      fullName: 'Trần Văn Bình',
      role: 'interop',
      orgUnitId: units.hospital,
    });
    hospitalToken = hospital.token;
    const stations = await database.db
      .select({ id: orgUnits.id, communeCode: orgUnits.communeCode })
      .from(orgUnits)
      .where(and(eq(orgUnits.parentId, units.centre1), eq(orgUnits.kind, 'commune-station')))
      .orderBy(asc(orgUnits.id));
    const [first, second] = stations;
    if (first?.communeCode == null || second?.communeCode == null) throw new Error('no stations');
    otherStation = { id: second.id, communeCode: second.communeCode };
    const station = syntheticStationFor(first.communeCode);
    if (station === undefined) throw new Error('no synthetic station');
    const residents = [
      ...generateSyntheticPopulation({
        seed: 31,
        size: 40,
        referenceDate: '2026-12-01',
        stations: [station],
      }),
    ].map((resident) => resident.person);
    const [a, b, c] = residents.filter(
      (person) => person.personalId !== undefined && person.sex === 'female' && person.dateOfBirth < '2000',
    );
    if (a === undefined || b === undefined || c === undefined)
      throw new Error('too few residents with a CCCD');
    known = a;
    twinA = b;
    // Two records of one CCCD (a duplicate not merged yet): a hồ sơ with that CCCD cannot be attached by itself.
    const twinB = { ...c, personalId: b.personalId };
    await server.storeDocuments('persons', [known, twinA, twinB]);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  it('answers each hồ sơ on its own: accepted, review, a new resident, a delivery, and refusals by field and rule', async () => {
    const newcomer = {
      fullName: 'Lê Thị Hồng Nhung',
      dateOfBirth: '1991-04-17',
      sex: 'female' as const,
      personalId: '001191012345',
      communeCode: otherStation.communeCode,
      addressDetail: 'Số 5 ngõ 12',
    };
    const broken = hoso('LK-BROKEN', patientOf(known));
    const badDates: SimulatedHoso = {
      ...broken,
      xml1: {
        ...broken.xml1,
        NGAY_RA: qd130Time(new Date(yesterday().getTime() - 86_400_000)),
        MA_BENH_CHINH: 'X99.99',
      },
    };
    const answer = await sendOk([
      hoso('LK-KNOWN', patientOf(known), {
        followUp: new Date(Date.now() + 7 * 86_400_000),
        inpatient: true,
      }),
      hoso('LK-TWIN', patientOf(twinA)),
      hoso('LK-NEW', newcomer),
      hoso('LK-BIRTH', patientOf(known), { newborn: { sex: 'male', bornAt: yesterday() } }),
      badDates,
    ]);
    expect(answer.records.map((r) => [r.visitKey, r.outcome])).toEqual([
      ['LK-KNOWN', 'accepted'],
      ['LK-TWIN', 'review'],
      ['LK-NEW', 'accepted'],
      ['LK-BIRTH', 'accepted'],
      ['LK-BROKEN', 'refused'],
    ]);
    expect(answer.counts).toEqual({ accepted: 3, replaced: 0, unchanged: 0, review: 1, refused: 1 });
    expect(answer.records[0]?.healthId).toBe(known.healthId);
    expect(answer.records[1]?.reviewReason).toBe('ambiguous');
    const refusal = answer.records[4];
    expect(refusal?.issues.map((i) => [i.code, i.path])).toEqual(
      expect.arrayContaining([
        ['discharge-before-admission', 'XML1/NGAY_RA'],
        ['field-icd10-unknown', 'XML1/MA_BENH_CHINH'],
      ]),
    );
    expect(refusal?.issues[0]?.message).toMatch(/NGAY_RA|ICD-10/);

    const encounters = (await server.storedDocuments('encounters')) as Encounter[];
    const visit = encounters.find((e) => e.hospital?.visitKey === 'LK-KNOWN');
    expect(visit).toMatchObject({
      personId: known.id,
      kind: 'hospital-visit',
      status: 'signed',
      orgUnitId: units.hospital,
      source: { kind: 'interop', facilityCode: HOSPITAL },
      hospital: { facilityCode: HOSPITAL, version: 1, visitType: '03' },
    });
    expect(visit?.diagnoses.filter((d) => d.primary)).toHaveLength(1);
    expect(visit?.labs?.length).toBeGreaterThanOrEqual(3);
    expect(visit?.hospital?.drugs.length).toBeGreaterThan(0);
    expect(visit?.hospital?.followUp?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const residents = (await server.storedDocuments('persons')) as Person[];
    const created = residents.find((p) => p.personalId === newcomer.personalId);
    expect(created).toMatchObject({
      fullName: newcomer.fullName,
      orgUnitId: otherStation.id,
      dateOfBirth: '1991-04-17',
    });
    expect(answer.records[2]?.healthId).toBe(created?.healthId);
    const newborn = residents.find((p) => p.mother === known.fullName);
    expect(newborn).toMatchObject({
      orgUnitId: known.orgUnitId,
      sex: 'male',
      fullName: `Con bà ${known.fullName}`,
    });

    // The first accepted visit started the hospital's care relationship with each patient.
    const cared = await database.db
      .select()
      .from(careRelationships)
      .where(eq(careRelationships.unitId, units.hospital));
    expect(cared.map((c) => c.personId).sort()).toEqual([known.id, created?.id].sort());
    // Every hồ sơ left a receipt, the refused one with its fault codes and its files kept (encrypted).
    const receipts = await database.db.select().from(intakeReceipts).orderBy(asc(intakeReceipts.position));
    expect(receipts.map((r) => r.outcome)).toEqual(['accepted', 'review', 'accepted', 'accepted', 'refused']);
    expect(receipts[4]?.issueCodes).toEqual(expect.arrayContaining(['discharge-before-admission']));
    expect(receipts[4]?.body?.length).toBeGreaterThan(100);
  });

  it('keeps what it cannot decide for the district: attached to a candidate, or a new resident of a commune', async () => {
    const outsider = hoso('LK-HCM', {
      fullName: 'Võ Văn Tâm',
      dateOfBirth: '1975',
      sex: 'male',
      communeCode: '26734',
    });
    const sent = await sendOk([{ ...outsider, xml1: { ...outsider.xml1, MATINH_CU_TRU: '79' } }]);
    expect(sent.records[0]).toMatchObject({ outcome: 'review', reviewReason: 'address-unplaceable' });

    const listed = await server.app.inject({
      method: 'GET',
      url: '/admin/intake/review',
      headers: bearer(server.adminToken),
    });
    expect(listed.statusCode, listed.body).toBe(200);
    const items = intakeReviewAnswer.parse(listed.json()).items;
    const twin = items.find((item) => item.visitKey === 'LK-TWIN');
    expect(twin).toMatchObject({
      reason: 'ambiguous',
      facilityCode: HOSPITAL,
      patient: { fullName: twinA.fullName },
    });
    expect(twin?.candidates.map((c) => c.id)).toContain(twinA.id);
    expect(items.find((item) => item.visitKey === 'LK-HCM')).toMatchObject({
      reason: 'address-unplaceable',
      candidates: [],
    });

    const decide = (visitKey: string, payload: Record<string, unknown>) =>
      server.app.inject({
        method: 'POST',
        url: `/admin/intake/review/${HOSPITAL}/${visitKey}`,
        headers: bearer(server.adminToken),
        payload,
      });
    const stranger = await decide('LK-TWIN', { action: 'attach', personId: known.id });
    expect(stranger.statusCode).toBe(409);
    const attached = await decide('LK-TWIN', { action: 'attach', personId: twinA.id });
    expect(attached.statusCode, attached.body).toBe(200);
    expect(intakeReviewResolved.parse(attached.json())).toMatchObject({
      personId: twinA.id,
      healthId: twinA.healthId,
    });
    expect((await decide('LK-TWIN', { action: 'attach', personId: twinA.id })).statusCode).toBe(404);
    const created = await decide('LK-HCM', { action: 'create', communeCode: otherStation.communeCode });
    expect(created.statusCode, created.body).toBe(200);

    const encounters = (await server.storedDocuments('encounters')) as Encounter[];
    expect(encounters.find((e) => e.hospital?.visitKey === 'LK-TWIN')?.personId).toBe(twinA.id);
    const residents = (await server.storedDocuments('persons')) as Person[];
    expect(residents.find((p) => p.fullName === 'Võ Văn Tâm')).toMatchObject({
      orgUnitId: otherStation.id,
      dateOfBirth: '1975',
    });
    const relisted = intakeReviewAnswer.parse(
      (
        await server.app.inject({
          method: 'GET',
          url: '/admin/intake/review',
          headers: bearer(server.adminToken),
        })
      ).json(),
    );
    expect(relisted.items.map((item) => item.visitKey)).not.toContain('LK-TWIN');
  });

  it('changes nothing when the same hồ sơ is sent again, and replaces the visit with a corrected re-send', async () => {
    const original = hoso('LK-RESEND', patientOf(known));
    expect((await sendOk([original])).records[0]?.outcome).toBe('accepted');
    const before = await server.storedDocuments('encounters');
    const again = await sendOk([original]);
    expect(again.records[0]).toMatchObject({ outcome: 'unchanged', healthId: known.healthId, version: 1 });
    expect(await server.storedDocuments('encounters')).toEqual(before);

    const corrected: SimulatedHoso = {
      ...original,
      xml1: { ...original.xml1, MA_BENH_CHINH: 'J18.9', MA_BENH_KT: 'I10' },
    };
    const replaced = await sendOk([corrected]);
    expect(replaced.records[0]).toMatchObject({ outcome: 'replaced', version: 2 });
    const visits = ((await server.storedDocuments('encounters')) as Encounter[]).filter(
      (e) => e.hospital?.visitKey === 'LK-RESEND',
    );
    expect(visits).toHaveLength(1);
    expect(visits[0]?.diagnoses.map((d) => d.icd10)).toEqual(['J18.9', 'I10']);
    // A replay of the first version after the correction changes nothing either.
    expect((await sendOk([original])).records[0]).toMatchObject({ outcome: 'unchanged', version: 2 });
    const [row] = await database.db
      .select({ version: intakeVisits.version })
      .from(intakeVisits)
      .where(eq(intakeVisits.visitKey, 'LK-RESEND'));
    expect(row?.version).toBe(2);
  });

  it('refuses an envelope of another facility, and a hồ sơ whose MA_CSKCB is not the sender', async () => {
    const other = await send(qd130EnvelopeXml('01K77', '20261207', [hoso('LK-OTHER', patientOf(known))]));
    expect(other.statusCode).toBe(403);
    expect(other.json<{ error: { code: string } }>().error.code).toBe('facility-not-yours');
    const record = hoso('LK-OTHER2', patientOf(known));
    const answer = await sendOk([{ ...record, xml1: { ...record.xml1, MA_CSKCB: '01K77' } }]);
    expect(answer.records[0]).toMatchObject({
      outcome: 'refused',
      issues: [{ code: 'facility-not-yours', path: 'XML1/MA_CSKCB' }],
    });
  });

  it('refuses bad input with a clear code, by size before parsing and in constant memory', async () => {
    const problem = async (payload: string | Buffer, headers: Record<string, string> = {}) => {
      const response = await server.app.inject({
        method: 'POST',
        url: '/interop/qd130',
        headers: { ...bearer(hospitalToken), 'content-type': 'application/xml', ...headers },
        payload,
      });
      return [response.statusCode, response.json<{ error: { code: string } }>().error.code];
    };
    expect(await problem('<GIAMDINHHS><THONGTINDONVI>')).toEqual([400, 'xml-malformed']);
    expect(await problem('<HOSO/>')).toEqual([400, 'envelope-root-wrong']);
    const bomb = `<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "${'a'.repeat(1000)}"><!ENTITY b "${'&a;'.repeat(1000)}">]><GIAMDINHHS>&b;</GIAMDINHHS>`;
    expect(await problem(bomb)).toEqual([400, 'xml-doctype-refused']);
    expect(await problem('<GIAMDINHHS>'.repeat(100_000))).toEqual([400, 'xml-too-deep']);
    const windows1258 = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="utf-8"?><GIAMDINHHS>Nguy'),
      Buffer.from([0xea, 0xde]),
      Buffer.from('n</GIAMDINHHS>'),
    ]);
    expect(await problem(windows1258)).toEqual([400, 'xml-not-utf8']);
    // 100 MB is refused by its declared size, before a byte is read, let alone parsed.
    expect(await problem(Buffer.alloc(100 * 1024 * 1024, 0x20))).toEqual([413, 'body-too-large']);
    // Compressed to 100 KB, the same 100 MB is refused by its decompressed size.
    const zipped = gzipSync(Buffer.alloc(100 * 1024 * 1024, 0x20));
    expect(await problem(zipped, { 'content-encoding': 'gzip' })).toEqual([413, 'body-too-large']);
    const receipts = await database.db
      .select()
      .from(intakeReceipts)
      .where(eq(intakeReceipts.visitKey, 'none'));
    expect(receipts).toEqual([]);
  });

  it('takes a gzip-compressed envelope like any other', async () => {
    const xml = qd130EnvelopeXml(HOSPITAL, '20261207', [hoso('LK-GZIP', patientOf(known))]);
    const response = await server.app.inject({
      method: 'POST',
      url: '/interop/qd130',
      headers: { ...bearer(hospitalToken), 'content-type': 'application/xml', 'content-encoding': 'gzip' },
      payload: gzipSync(Buffer.from(xml)),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(intakeAnswer.parse(response.json()).records[0]?.outcome).toBe('accepted');
  });

  it('shows the day’s figures per facility, a silent facility, and one facility’s refusals with their faults', async () => {
    const answer = await server.app.inject({
      method: 'GET',
      url: '/admin/intake/figures?silentDays=3',
      headers: bearer(server.adminToken),
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const figures = intakeFiguresAnswer.parse(answer.json());
    const today = figures.days.at(-1);
    expect(figures.days).toHaveLength(14);
    expect(today?.received).toBeGreaterThanOrEqual(10);
    expect(today?.refused).toBeGreaterThanOrEqual(2);
    const hospital = figures.facilities.find((f) => f.facilityCode === HOSPITAL);
    expect(hospital).toMatchObject({ silent: false, lastReceivedOn: today?.day });
    expect(hospital?.accepted).toBeGreaterThanOrEqual(4);
    expect(hospital?.late).toBeGreaterThanOrEqual(1);
    expect(figures.facilities.find((f) => f.facilityCode === '01K77')).toMatchObject({
      received: 0,
      silent: true,
      lastReceivedOn: null,
    });

    const refused = await server.app.inject({
      method: 'GET',
      url: `/admin/intake/figures/${HOSPITAL}/refused`,
      headers: bearer(server.adminToken),
    });
    expect(refused.statusCode, refused.body).toBe(200);
    const broken = intakeRefusalsAnswer
      .parse(refused.json())
      .items.find((item) => item.visitKey === 'LK-BROKEN');
    expect(broken?.issues.map((i) => i.code)).toContain('discharge-before-admission');
    expect(broken?.issues[0]?.message).toMatch(/[ăâđêôơư]/);

    const own = await server.app.inject({
      method: 'GET',
      url: '/interop/qd130/figures',
      headers: bearer(hospitalToken),
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(intakeFiguresAnswer.parse(own.json()).facilities.map((f) => f.facilityCode)).toEqual([HOSPITAL]);
  });

  it('confirms a patient by one identifier for the hospital, auditing each read', async () => {
    const look = (query: string, token = hospitalToken) =>
      server.app.inject({ url: `/interop/patients?${query}`, headers: bearer(token) });
    const expected = {
      healthId: known.healthId,
      fullName: known.fullName,
      dateOfBirth: known.dateOfBirth,
      sex: known.sex,
    };
    for (const query of [`cccd=${known.personalId ?? ''}`, `healthId=${known.healthId}`]) {
      const answer = await look(query);
      expect(answer.statusCode, answer.body).toBe(200);
      expect(patientLookupAnswer.parse(answer.json()).patients).toEqual([expected]);
    }
    const card = known.bhytCards.at(-1)?.code;
    if (card !== undefined) {
      expect(patientLookupAnswer.parse((await look(`bhyt=${card}`)).json()).patients).toEqual([expected]);
    }
    expect(patientLookupAnswer.parse((await look('cccd=001099999999')).json()).patients).toEqual([]);
    const both = await look(`cccd=${known.personalId ?? ''}&healthId=${known.healthId}`);
    expect(both.statusCode).toBe(400);
    expect((await look('cccd=12ab')).statusCode).toBe(400);
    expect((await look(`healthId=${known.healthId}`, server.adminToken)).statusCode).toBe(403);
    const reads = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'interop-patient-lookup'), eq(auditLog.targetId, known.id)));
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it('back-fills from a ZIP of envelopes, each file and hồ sơ answered on its own, a ZIP bomb never inflated', async () => {
    const first = qd130EnvelopeXml(HOSPITAL, '20261201', [
      hoso('LK-ZIP-1', patientOf(known)),
      hoso('LK-ZIP-2', patientOf(known)),
    ]);
    const second = qd130EnvelopeXml(HOSPITAL, '20261202', [hoso('LK-ZIP-3', patientOf(known))]);
    const zip = await qd130ZipBatch([
      { name: '2026-12-01.xml', content: first },
      { name: 'ghi-chu.txt', content: 'không phải hồ sơ' },
      { name: '2026-12-02.xml', content: second },
      { name: 'hong.xml', content: '<GIAMDINHHS><THONGTINDONVI>' },
    ]);
    const sendZip = (payload: Buffer) =>
      server.app.inject({
        method: 'POST',
        url: '/interop/qd130/batch',
        headers: { ...bearer(hospitalToken), 'content-type': 'application/zip' },
        payload,
      });
    const response = await sendZip(zip);
    expect(response.statusCode, response.body).toBe(200);
    const batch = intakeBatchAnswer.parse(response.json());
    expect(batch.files.map((f) => [f.name, f.answer?.records.length ?? f.problem?.code])).toEqual([
      ['2026-12-01.xml', 2],
      ['ghi-chu.txt', 'batch-file-not-xml'],
      ['2026-12-02.xml', 1],
      ['hong.xml', 'xml-malformed'],
    ]);
    expect(batch.counts.accepted).toBe(3);
    // The same batch again changes nothing.
    expect(intakeBatchAnswer.parse((await sendZip(zip)).json()).counts).toMatchObject({
      accepted: 0,
      unchanged: 3,
    });
    // 30 MB of one repeated byte zips to a few kB: refused from the archive's directory, never inflated.
    const bomb = await qd130ZipBatch([{ name: 'bom.xml', content: Buffer.alloc(30 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(100_000);
    const refused = intakeBatchAnswer.parse((await sendZip(bomb)).json());
    expect(refused.files[0]?.problem?.code).toBe('batch-file-too-large');
    const notZip = await sendZip(Buffer.from('PK not really'));
    expect(notZip.statusCode).toBe(400);
    expect(notZip.json<{ error: { code: string } }>().error.code).toBe('batch-not-zip');
  });

  it('is only for interop accounts', async () => {
    const response = await send(
      qd130EnvelopeXml(HOSPITAL, '20261207', [hoso('LK-ADMIN', patientOf(known))]),
      server.adminToken,
    );
    expect(response.statusCode).toBe(403);
    const receipts = await database.db
      .select()
      .from(intakeReceipts)
      .where(eq(intakeReceipts.visitKey, 'LK-ADMIN'));
    expect(receipts).toEqual([]);
  });
});
