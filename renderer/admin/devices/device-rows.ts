import type { DeviceView } from '#shared/server-api/devices.ts';
import type { StationRow } from '#shared/server-api/stations.ts';

export type DeviceRow = DeviceView & {
  /** The latest of the device's last request and its last sync report; null when it never made contact. */
  readonly lastContactAt: string | null;
};

const latest = (times: readonly (string | null | undefined)[]): string | null => {
  let best: { at: number; text: string } | null = null;
  for (const text of times) {
    if (text === null || text === undefined) continue;
    const at = Date.parse(text);
    if (!Number.isNaN(at) && (best === null || at > best.at)) best = { at, text };
  }
  return best?.text ?? null;
};

/**
 * The devices with their last contact, taken from the device list and the stations' sync reports (a device that
 * reports but whose `lastSeenAt` lags still shows when it was last heard from). Active devices first, then by unit.
 */
export function deviceRows(
  devices: readonly DeviceView[],
  stations: readonly StationRow[],
  unitName: (id: string) => string,
  compare: (a: string, b: string) => number,
): readonly DeviceRow[] {
  const reportedAt = new Map(stations.map((station) => [station.deviceId, station.reportedAt]));
  return devices
    .map((device) => ({ ...device, lastContactAt: latest([device.lastSeenAt, reportedAt.get(device.id)]) }))
    .sort(
      (a, b) =>
        Number(a.revokedAt !== null) - Number(b.revokedAt !== null) ||
        compare(unitName(a.orgUnitId), unitName(b.orgUnitId)) ||
        compare(a.label, b.label),
    );
}
