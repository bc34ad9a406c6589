/** A byte count as staff read it: `850 B`, `12,3 KB`, `4,1 MB`, `1,2 GB` (decimal comma, 1 KB = 1024 B). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 ? String(Math.round(value)) : value.toFixed(1).replace('.', ',');
  return `${shown} ${units[unit] ?? 'B'}`;
}

/** How long ago: "just now" under a minute, then minutes under an hour, hours under two days, then days. */
export function ageOf(ms: number): {
  readonly unit: 'now' | 'minutes' | 'hours' | 'days';
  readonly count: number;
} {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes === 0) return { unit: 'now', count: 0 };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}

/** A measurement as Vietnamese staff write it: a decimal comma (36,8), no grouping. */
export function formatDecimal(value: number): string {
  return String(value).replace('.', ',');
}
