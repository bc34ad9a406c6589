import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second of /proc's CPU times (USER_HZ: 100 on Linux everywhere this runs). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; 0 once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    return ticksOf(readFileSync(`/proc/${String(pid)}/stat`, 'utf8')) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every process named `name` (e.g. all of PostgreSQL's backends and workers). */
export function cpuSecondsOfAll(name: string): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === name) ticks += ticksOf(stat);
    } catch {
      // The process ended while the list was read.
    }
  }
  return ticks / TICKS_PER_SECOND;
}

function ticksOf(stat: string): number {
  // Fields after the command name (which may hold spaces): state is field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
