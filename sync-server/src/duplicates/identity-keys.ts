import { createHmac } from 'node:crypto';
import type { Person } from '#shared/schemas/person.ts';
import { nameSearchKey } from '#shared/text/search-keys.ts';

/** What two residents may share that makes them potential duplicates (Art. 8.2d). */
export const identityKinds = [
  'personal-id',
  'bhxh-number',
  'name-birth-sex',
  'short-name-birth-sex',
] as const;
export type IdentityKind = (typeof identityKinds)[number];

export type IdentityKey = { readonly kind: IdentityKind; readonly keyHash: string };

/** HMAC-SHA256 of `kind|value` under the blind-index key, hex: equal inputs give equal hashes, nothing else shows. */
export type BlindIndex = (kind: IdentityKind, value: string) => string;

export function createBlindIndex(key: Uint8Array): BlindIndex {
  if (key.length < 32) throw new Error('the blind-index key must have at least 32 bytes');
  return (kind, value) => createHmac('sha256', key).update(`${kind}|${value}`, 'utf8').digest('hex');
}

/**
 * The blind-indexed identity of a resident: the CCCD/CMND; the social insurance (BHXH) number inside each BHYT card
 * code (its last 10 digits, which stay the same when the card is renewed under another group); the folded full name
 * with the date of birth and sex ("nguyen van a|1980-05-12|male", so "Nguyễn Văn A" and "Nguyen Van A" meet); and the
 * same with họ and tên only, so a tên đệm left out or spelled differently still meets ("Nguyễn A").
 * A resident merged into another has none: the redirect is never a duplicate of anyone.
 */
export function identityKeysOf(person: Person, blind: BlindIndex): IdentityKey[] {
  if (person.status === 'merged') return [];
  const keys = new Map<string, IdentityKey>();
  const add = (kind: IdentityKind, value: string) => {
    const keyHash = blind(kind, value);
    keys.set(`${kind}:${keyHash}`, { kind, keyHash });
  };
  if (person.personalId !== undefined) add('personal-id', person.personalId);
  for (const card of person.bhytCards) add('bhxh-number', card.code.toUpperCase().slice(5));
  const name = nameSearchKey(person.fullName);
  if (name !== '') add('name-birth-sex', `${name}|${person.dateOfBirth}|${person.sex}`);
  // Họ and tên without the tên đệm, which is often left out or written differently ("Nguyễn A" / "Nguyễn Văn A").
  const words = name.split(' ').filter((word) => word !== '');
  if (words.length >= 2) {
    add(
      'short-name-birth-sex',
      `${words[0] ?? ''} ${words.at(-1) ?? ''}|${person.dateOfBirth}|${person.sex}`,
    );
  }
  return [...keys.values()];
}
