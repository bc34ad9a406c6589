import { z } from 'zod';

/** A station version as electron-builder writes it: SemVer 2 without build metadata (`1.4.0`, `1.5.0-beta.2`). */
export const appVersion = z
  .string()
  .max(64)
  .regex(
    /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/,
    'Phiên bản phải có dạng SemVer, ví dụ 1.4.0 hoặc 1.5.0-beta.2.',
  );

type Parsed = { core: [number, number, number]; pre: string[] };

function parse(version: string): Parsed {
  const [main = '', ...rest] = version.split('-');
  const [major = 0, minor = 0, patch = 0] = main.split('.').map(Number);
  const pre = rest.length === 0 ? [] : rest.join('-').split('.');
  return { core: [major, minor, patch], pre };
}

function compareIdentifiers(a: string, b: string): number {
  const aNum = /^\d+$/.test(a);
  const bNum = /^\d+$/.test(b);
  if (aNum && bNum) return Math.sign(Number(a) - Number(b));
  if (aNum !== bNum) return aNum ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * SemVer 2 precedence of two versions that passed `appVersion`: negative when `a` is older, 0 when equal, positive
 * when newer (a prerelease is older than its release; prerelease identifiers compare numerically or lexically).
 */
export function compareAppVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 3; i += 1) {
    const d = (pa.core[i] ?? 0) - (pb.core[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (pa.pre.length === 0 && pb.pre.length === 0) return 0;
  if (pa.pre.length === 0) return 1;
  if (pb.pre.length === 0) return -1;
  for (let i = 0; i < Math.max(pa.pre.length, pb.pre.length); i += 1) {
    const x = pa.pre[i];
    const y = pb.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const d = compareIdentifiers(x, y);
    if (d !== 0) return d;
  }
  return 0;
}
