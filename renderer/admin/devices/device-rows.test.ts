import { describe, expect, it } from 'vitest';
import { compareVietnamese } from '#shared/text/vietnamese-collation.ts';
import type { DeviceView } from '#shared/server-api/devices.ts';
import type { StationRow } from '#shared/server-api/stations.ts';
import { deviceRows } from './device-rows.ts';

const device = (id: string, orgUnitId: string, patch: Partial<DeviceView> = {}): DeviceView => ({
  id,
  orgUnitId,
  label: `Máy ${id}`,
  enrolledAt: '2026-03-01T00:00:00.000Z',
  revokedAt: null,
  lastSeenAt: null,
  ...patch,
});
const names: Record<string, string> = { a: 'Trạm Y tế Văn Miếu', b: 'Trạm Y tế Điện Biên' };

describe('devices with their last contact', () => {
  it('takes the later of the last request and the last sync report', () => {
    const rows = deviceRows(
      [device('1', 'a', { lastSeenAt: '2026-03-02T01:00:00.000Z' }), device('2', 'b')],
      [{ deviceId: '1', reportedAt: '2026-03-02T03:00:00.000Z' } as StationRow],
      (id) => names[id] ?? id,
      compareVietnamese,
    );
    expect(rows.find((r) => r.id === '1')?.lastContactAt).toBe('2026-03-02T03:00:00.000Z');
    expect(rows.find((r) => r.id === '2')?.lastContactAt).toBeNull();
  });

  it('lists active devices first, by Vietnamese unit name', () => {
    const rows = deviceRows(
      [device('1', 'a'), device('2', 'b', { revokedAt: '2026-03-02T00:00:00.000Z' }), device('3', 'b')],
      [],
      (id) => names[id] ?? id,
      compareVietnamese,
    );
    expect(rows.map((r) => r.id)).toEqual(['3', '1', '2']);
  });
});
