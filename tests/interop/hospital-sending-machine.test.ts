import { and, asc, eq } from 'drizzle-orm';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createActiveAccount } from '#sync-server/src/accounts/accounts-app.test-support.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { auditLog } from '#sync-server/src/db/schema/audit.ts';
import { intakeReceipts } from '#sync-server/src/db/schema/intake.ts';
import { orgUnits } from '#sync-server/src/db/schema/org-units.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import { apiProblemOf } from '#shared/errors/api-problem.ts';
import { signRequest } from '#shared/sync/device-signature.ts';
import { createSeededRandom } from '#shared/synthetic/seeded-random.ts';
import { createHospitalSender } from '../../build/simulators/hospital/hospital-sender.ts';
import { qd130EnvelopeXml } from '../../build/simulators/hospital/qd130-xml.ts';
import { SenderError } from '../../build/simulators/hospital/sender-error.ts';
import { enrolSendingMachine, type SendingMachine } from '../../build/simulators/hospital/sending-machine.ts';
import { simulatedHoso, type SimulatedPatient } from '../../build/simulators/hospital/simulated-hoso.ts';
import { startStationTestServer, type StationTestServer } from '../support/station-test-server.ts';

const CLINIC = { orgUnitId: 'pk-01K77', facilityCode: '01K77' } as const;

/**
 * A clinic that enrols a sending machine: from then on its interop account's requests (intake, patient lookup, its
 * figures, replication) must be signed by that machine; an unsigned, replayed, altered or revoked one is refused with
 * its code and audited; the machine opens no sync session of its own. Over real HTTP, with the simulator's sender.
 */
describe.each(testBackends)('a hospital’s sending machine on $name', (backend) => {
  let database: DatabaseHandle;
  let server: StationTestServer;
  let token: string;
  let patient: SimulatedPatient;
  let machine: SendingMachine;
  const random = createSeededRandom(77);

  const envelope = (visitKey: string) =>
    qd130EnvelopeXml(CLINIC.facilityCode, '20261207', [
      simulatedHoso(random.fork(visitKey), {
        facilityCode: CLINIC.facilityCode,
        visitKey,
        patient,
        admittedAt: new Date(Date.now() - 3 * 3_600_000),
      }),
    ]);
  const unsigned = (path: string, init: RequestInit = {}) =>
    fetch(`${server.baseUrl}${path}`, {
      ...init,
      headers: { ...bearer(token), ...(init.headers as Record<string, string> | undefined) },
    });
  const codeOf = async (response: Response) => apiProblemOf(await response.json())?.code;
  const signedXml = (xml: string, signer = machine) => {
    const body = Buffer.from(xml, 'utf8');
    return {
      body,
      headers: {
        ...bearer(token),
        'content-type': 'application/xml',
        ...signRequest({
          secretKey: signer.secretKey,
          deviceId: signer.deviceId,
          method: 'POST',
          path: '/interop/qd130',
          body,
          now: Date.now(),
        }),
      },
    };
  };

  beforeAll(async () => {
    database = await backend.open();
    server = await startStationTestServer(database, { blindIndexKey: nacl.randomBytes(32) });
    token = (
      await createActiveAccount(server.app, server.adminToken, {
        fullName: 'Đỗ Minh Khoa',
        role: 'interop',
        orgUnitId: CLINIC.orgUnitId,
      })
    ).token;
    const [station] = await database.db
      .select({ communeCode: orgUnits.communeCode })
      .from(orgUnits)
      .where(and(eq(orgUnits.kind, 'commune-station'), eq(orgUnits.parentId, 'ttyt-kv01')))
      .orderBy(asc(orgUnits.id))
      .limit(1);
    patient = {
      fullName: 'Phan Thị Thu Trang',
      dateOfBirth: '1988-09-02',
      sex: 'female',
      personalId: '001188054321',
      communeCode: station?.communeCode ?? undefined,
      addressDetail: 'Số 9 ngõ 4',
    };
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  it('takes unsigned requests while the clinic has no sending machine', async () => {
    const sender = createHospitalSender({ baseUrl: server.baseUrl, token });
    const answer = await sender.send(envelope('LK-BEFORE'));
    expect(answer.records.map((record) => record.outcome)).toEqual(['accepted']);
  });

  it('enrols a sending machine with a one-time code issued for the clinic', async () => {
    const code = await server.issueEnrolmentCode(CLINIC.orgUnitId);
    machine = await enrolSendingMachine(server.baseUrl, code, 'Máy chủ HIS phòng khám');
    const [enrolled] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'device-enrolled'), eq(auditLog.targetId, machine.deviceId)));
    expect(enrolled?.orgUnitId).toBe(CLINIC.orgUnitId);
    // The code is spent.
    await expect(enrolSendingMachine(server.baseUrl, code, 'Máy thứ hai')).rejects.toMatchObject({
      code: 'enrolment-code-invalid',
    });
  });

  it('then refuses every unsigned request of the clinic’s account, audited, and keeps no receipt of it', async () => {
    const unsignedSender = createHospitalSender({ baseUrl: server.baseUrl, token });
    const refused = await unsignedSender.send(envelope('LK-UNSIGNED')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SenderError);
    expect(refused).toMatchObject({ code: 'sending-device-required' });
    expect((refused as SenderError).message).toContain('máy gửi hồ sơ');
    for (const path of [
      '/interop/patients?cccd=001188054321',
      '/interop/qd130/figures',
      '/sync/encounters/pull?limit=10',
    ]) {
      const response = await unsigned(path);
      expect(response.status, path).toBe(401);
      expect(await codeOf(response), path).toBe('sending-device-required');
    }
    const receipts = await database.db
      .select()
      .from(intakeReceipts)
      .where(eq(intakeReceipts.visitKey, 'LK-UNSIGNED'));
    expect(receipts).toEqual([]);
    const rejections = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'device-signature-rejected'), eq(auditLog.orgUnitId, CLINIC.orgUnitId)));
    expect(rejections.map((entry) => (entry.detail as { reason?: string }).reason)).toContain(
      'sending-device-required',
    );
  });

  it('accepts what the machine signs (compressed as sent), for the intake and the lookup', async () => {
    const sender = createHospitalSender({ baseUrl: server.baseUrl, token, machine });
    const answer = await sender.send(envelope('LK-SIGNED'));
    expect(answer.records.map((record) => record.outcome)).toEqual(['accepted']);
    const path = '/interop/patients?cccd=001188054321';
    const lookup = await fetch(`${server.baseUrl}${path}`, {
      headers: {
        ...bearer(token),
        ...signRequest({ ...machine, method: 'GET', path, now: Date.now() }),
      },
    });
    expect(lookup.status).toBe(200);
    expect(((await lookup.json()) as { patients: unknown[] }).patients).toHaveLength(1);
  });

  it('learns the server’s clock when the machine’s is off, and signs again', async () => {
    const skewed: SendingMachine = { ...machine, clockOffsetMs: -3_600_000 };
    const sender = createHospitalSender({ baseUrl: server.baseUrl, token, machine: skewed });
    const answer = await sender.send(envelope('LK-SKEWED'));
    expect(answer.records.map((record) => record.outcome)).toEqual(['accepted']);
    expect(Math.abs(skewed.clockOffsetMs)).toBeLessThan(60_000);
  });

  it('refuses a replayed, an altered and a foreign signature', async () => {
    const request = signedXml(envelope('LK-REPLAY'));
    const first = await fetch(`${server.baseUrl}/interop/qd130`, { method: 'POST', ...request });
    expect(first.status).toBe(200);
    const replay = await fetch(`${server.baseUrl}/interop/qd130`, { method: 'POST', ...request });
    expect(replay.status).toBe(401);
    expect(await codeOf(replay)).toBe('device-replay');

    const signed = signedXml(envelope('LK-ALTERED'));
    const altered = await fetch(`${server.baseUrl}/interop/qd130`, {
      method: 'POST',
      headers: signed.headers,
      body: Buffer.from(envelope('LK-ALTERED-2'), 'utf8'),
    });
    expect(altered.status).toBe(401);
    expect(await codeOf(altered)).toBe('device-signature-invalid');

    // A commune station's device cannot sign for the clinic.
    const station = await server.enrolStation(0);
    const foreign = await fetch(`${server.baseUrl}/interop/qd130`, {
      method: 'POST',
      ...signedXml(envelope('LK-FOREIGN'), { ...station.device, clockOffsetMs: 0 }),
    });
    expect(foreign.status).toBe(403);
    expect(await codeOf(foreign)).toBe('device-not-of-station');
    const kept = await database.db
      .select({ visitKey: intakeReceipts.visitKey })
      .from(intakeReceipts)
      .where(eq(intakeReceipts.facilityCode, CLINIC.facilityCode));
    expect(kept.map((receipt) => receipt.visitKey).sort()).toEqual([
      'LK-BEFORE',
      'LK-REPLAY',
      'LK-SIGNED',
      'LK-SKEWED',
    ]);
  });

  it('opens no sync session of its own for the machine', async () => {
    const body = '{}';
    const response = await fetch(`${server.baseUrl}/auth/device-session`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signRequest({ ...machine, method: 'POST', path: '/auth/device-session', body, now: Date.now() }),
      },
      body,
    });
    expect(response.status).toBe(403);
    expect(await codeOf(response)).toBe('device-session-station-only');
  });

  it('refuses the machine once it is revoked', async () => {
    const revoked = await server.app.inject({
      method: 'POST',
      url: `/admin/devices/${machine.deviceId}/revoke`,
      headers: bearer(server.adminToken),
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const response = await fetch(`${server.baseUrl}/interop/qd130`, {
      method: 'POST',
      ...signedXml(envelope('LK-REVOKED')),
    });
    expect(response.status).toBe(403);
    expect(await codeOf(response)).toBe('device-revoked');
  });
});
