/** The console's screens, each with an address under `/console/` so a reload or a shared link opens it again. */
export type ConsoleRoute =
  | { readonly name: 'monitoring' }
  | { readonly name: 'station'; readonly deviceId: string }
  | { readonly name: 'quarantine'; readonly id?: number }
  | { readonly name: 'merges'; readonly id?: number }
  /** The potential duplicates: the open pairs, the resolved ones, or one pair opened side by side. */
  | { readonly name: 'duplicates'; readonly state?: 'resolved'; readonly id?: number }
  | { readonly name: 'residents' }
  | { readonly name: 'coding' }
  /** The hospitals' intake: the same-day figures, or the hospital visits waiting for a decision. */
  | { readonly name: 'hospitals'; readonly tab?: 'review' }
  | { readonly name: 'accounts' }
  | { readonly name: 'devices' }
  | { readonly name: 'audit' };

export const CONSOLE_BASE = '/console/';

/** The address of a screen. */
export function pathOfRoute(route: ConsoleRoute): string {
  switch (route.name) {
    case 'monitoring':
      return CONSOLE_BASE;
    case 'station':
      return `${CONSOLE_BASE}stations/${encodeURIComponent(route.deviceId)}`;
    case 'quarantine':
    case 'merges':
      return `${CONSOLE_BASE}${route.name}${route.id === undefined ? '' : `/${String(route.id)}`}`;
    case 'duplicates':
      if (route.id !== undefined) return `${CONSOLE_BASE}duplicates/${String(route.id)}`;
      return `${CONSOLE_BASE}duplicates${route.state === 'resolved' ? '/resolved' : ''}`;
    case 'hospitals':
      return `${CONSOLE_BASE}hospitals${route.tab === 'review' ? '/review' : ''}`;
    case 'residents':
    case 'coding':
    case 'accounts':
    case 'devices':
    case 'audit':
      return `${CONSOLE_BASE}${route.name}`;
  }
}

const entryId = (text: string | undefined): number | undefined =>
  text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : undefined;

/** The screen an address names; anything unknown opens the first screen, sync monitoring. */
export function routeOfPath(pathname: string): ConsoleRoute {
  const rest = pathname.startsWith(CONSOLE_BASE) ? pathname.slice(CONSOLE_BASE.length) : '';
  const [first = '', second, ...more] = rest.split('/').filter((part) => part !== '');
  if (more.length > 0) return { name: 'monitoring' };
  switch (first) {
    case 'stations': {
      if (second === undefined) return { name: 'monitoring' };
      try {
        return { name: 'station', deviceId: decodeURIComponent(second) };
      } catch {
        return { name: 'monitoring' };
      }
    }
    case 'quarantine':
    case 'merges': {
      const id = entryId(second);
      return id === undefined ? { name: first } : { name: first, id };
    }
    case 'duplicates': {
      if (second === 'resolved') return { name: 'duplicates', state: 'resolved' };
      const id = entryId(second);
      return id === undefined ? { name: 'duplicates' } : { name: 'duplicates', id };
    }
    case 'hospitals':
      if (second === undefined) return { name: 'hospitals' };
      return second === 'review' ? { name: 'hospitals', tab: 'review' } : { name: 'monitoring' };
    case 'residents':
    case 'coding':
    case 'accounts':
    case 'devices':
    case 'audit':
      return second === undefined ? { name: first } : { name: 'monitoring' };
    default:
      return { name: 'monitoring' };
  }
}
