import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdminAnswer, AdminProblem } from '../api/admin-http.ts';

export type QueryState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly value: T; readonly at: Date }
  | { readonly status: 'failed'; readonly problem: AdminProblem };

/**
 * Loads with `load` when `key` changes and on `reload()`; with `pollMs`, again every `pollMs` while mounted. A reload
 * keeps showing the last value until the new one arrives; answers to superseded loads are dropped.
 */
export function useAdminQuery<T>(
  key: string,
  load: () => Promise<AdminAnswer<T>>,
  options: { readonly pollMs?: number; readonly now?: () => Date; readonly enabled?: boolean } = {},
): { readonly state: QueryState<T>; readonly reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  const nowRef = useRef(options.now ?? (() => new Date()));
  const generation = useRef(0);
  const enabled = options.enabled ?? true;

  const run = useCallback(() => {
    const mine = ++generation.current;
    void loadRef.current().then((answer) => {
      if (mine !== generation.current) return;
      setState(
        answer.ok
          ? { status: 'ok', value: answer.value, at: nowRef.current() }
          : { status: 'failed', problem: answer.problem },
      );
    });
  }, []);

  useEffect(() => {
    if (!enabled) return;
    setState({ status: 'loading' });
    run();
    const timer = options.pollMs === undefined ? undefined : setInterval(run, options.pollMs);
    return () => {
      if (timer !== undefined) clearInterval(timer);
      // Whatever is still on its way belongs to the previous key.
      generation.current++;
    };
  }, [key, run, options.pollMs, enabled]);

  return { state, reload: run };
}
