import type { StationApi, StationEvents } from '#shared/station-api/station-api.ts';

/** The core's events to its subscribers: every listener of an event hears each `emit`, in subscription order. */
export type StationEventBus = {
  emit<E extends keyof StationEvents>(event: E, payload: StationEvents[E]): void;
  subscribe: StationApi['subscribe'];
};

export function createStationEventBus(): StationEventBus {
  const listeners: { [E in keyof StationEvents]: Set<(payload: StationEvents[E]) => void> } = {
    'sync.status': new Set(),
    'session.changed': new Set(),
  };
  return {
    emit(event, payload) {
      for (const listener of listeners[event]) listener(payload);
    },
    subscribe(event, listener) {
      listeners[event].add(listener);
      return () => {
        listeners[event].delete(listener);
      };
    },
  };
}
