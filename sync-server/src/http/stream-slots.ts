/** One claim of slots; `release` is idempotent. */
export type SlotClaim = { readonly release: () => void };

/**
 * Counts long-lived answers (event streams) per key in memory and refuses a claim that would take any of its keys
 * past its cap. A claim takes one slot of every key it names, or none.
 */
export type StreamSlots = {
  claim(keys: readonly { readonly key: string; readonly cap: number }[]): SlotClaim | undefined;
  /** Open slots of a key (for tests and metrics). */
  count(key: string): number;
};

export function createStreamSlots(): StreamSlots {
  const open = new Map<string, number>();
  return {
    claim(keys) {
      if (keys.some(({ key, cap }) => (open.get(key) ?? 0) >= cap)) return undefined;
      for (const { key } of keys) open.set(key, (open.get(key) ?? 0) + 1);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          for (const { key } of keys) {
            const left = (open.get(key) ?? 1) - 1;
            if (left <= 0) open.delete(key);
            else open.set(key, left);
          }
        },
      };
    },
    count: (key) => open.get(key) ?? 0,
  };
}
