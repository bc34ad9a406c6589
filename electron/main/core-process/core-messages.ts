import { z } from 'zod';
import {
  stationAnswerMessage,
  stationEventMessage,
  type StationCallMessage,
} from '#shared/station-api/station-messages.ts';

/** What the main process tells the station core's utility process to open (no secrets: keys stay in main). */
export type CoreStartConfig = {
  readonly dataDir: string;
  readonly serverUrl: string;
  readonly appVersion: string;
  /** The city's recovery public key, base64. */
  readonly recoveryPublicKey: string;
  /** `protection` of the main process's machine key store, which the core reaches through `key-store` messages. */
  readonly keyStore: { readonly id: string; readonly protection: 'strong' | 'weak' };
  readonly enrolmentCode?: string | undefined;
};

/** main → core. */
export type ToCore =
  | { readonly type: 'start'; readonly config: CoreStartConfig }
  | StationCallMessage
  | { readonly type: 'key-store-result'; readonly id: number; readonly bytes: string | null }
  | { readonly type: 'stop' };

/** core → main, validated on arrival: the core is a separate process, and a confused one must not confuse main. */
export const fromCore = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  stationAnswerMessage,
  stationEventMessage,
  z.object({
    type: z.literal('key-store'),
    id: z.number().int(),
    op: z.enum(['wrap', 'unwrap']),
    bytes: z.base64(),
  }),
  z.object({ type: z.literal('fatal'), code: z.string(), message: z.string() }),
]);
export type FromCore = z.infer<typeof fromCore>;
