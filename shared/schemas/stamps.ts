import { z } from 'zod';
import type { JsonSchema } from 'rxdb';
import { parseHlc } from '../clock/hlc.ts';
import { checkedField } from './parsed-field.ts';

/** A serialized HLC (`serializeHlc`): the stamp of the last write that changed a field group. */
export const hlcStamp = checkedField((input) => parseHlc(input));

/** The storage-side shape of `serializeHlc` output; `parseHlc` is the exact check, this is the coarse one. */
export const HLC_STAMP_JSON_PATTERN = '^\\d{15}-g*[0-9a-f]{8,}-[0-9A-Za-z_.:-]{1,64}$';

/** `stamps`: one serialized HLC per field group of the collection, every group present. */
export function stampsFor<const G extends string>(groups: readonly G[]) {
  const shape = Object.fromEntries(groups.map((group) => [group, hlcStamp])) as Record<G, typeof hlcStamp>;
  return z.strictObject(shape);
}

/** The RxDB JSON schema of `stampsFor(groups)`. */
export function stampsJsonFor(groups: readonly string[]): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      groups.map((group) => [group, { type: 'string', maxLength: 100, pattern: HLC_STAMP_JSON_PATTERN }]),
    ),
    required: [...groups],
  };
}
