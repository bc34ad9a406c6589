import type { StationApi, StationEvents } from '#shared/station-api/station-api.ts';

type Subscription = {
  readonly event: keyof StationEvents;
  readonly listener: (payload: never) => void;
  stop?: (() => void) | undefined;
};

/**
 * The events side of a station API whose real core comes later (a locked or not yet enrolled station): listeners
 * subscribed before the core is there are attached to it when it opens (`attach`) and taken off when it closes
 * again (`detach`); while a core is open, `subscribe` goes straight to it.
 */
export type EarlySubscriptions = {
  subscribe: StationApi['subscribe'];
  attach(core: StationApi): void;
  detach(): void;
};

export function createEarlySubscriptions(current: () => StationApi | undefined): EarlySubscriptions {
  const early: Subscription[] = [];
  return {
    subscribe(event, listener) {
      const core = current();
      if (core !== undefined) return core.subscribe(event, listener);
      const subscription: Subscription = { event, listener };
      early.push(subscription);
      return () => {
        subscription.stop?.();
        early.splice(early.indexOf(subscription), 1);
      };
    },
    attach(core) {
      for (const subscription of early) {
        subscription.stop = core.subscribe(subscription.event, subscription.listener as never);
      }
    },
    detach() {
      for (const subscription of early) {
        subscription.stop?.();
        subscription.stop = undefined;
      }
    },
  };
}
