import { hash, verify } from '@node-rs/argon2';

/**
 * Password hashing with argon2id (PHC string format, salt included). Passwords are NFC-normalised first, so the same
 * Vietnamese password typed on keyboards that compose differently verifies. Nothing reversible is ever stored.
 */
export type PasswordHasher = {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /**
   * Spends the time of one verification without a stored hash, so a login for an unknown user name takes as long
   * as one for a known name and the difference cannot be used to find user names.
   */
  verifyNothing(password: string): Promise<void>;
};

/** argon2id algorithm number of @node-rs/argon2 (its `Algorithm` is an ambient const enum, unusable here). */
const ARGON2ID = 2;

/**
 * Creates the hasher. The defaults are the library's (19 MiB, 2 passes, 1 lane — the OWASP argon2id baseline);
 * tests may pass smaller costs to run faster.
 */
export function createPasswordHasher(
  options: { memoryCost?: number; timeCost?: number } = {},
): PasswordHasher {
  const params = {
    algorithm: ARGON2ID,
    ...(options.memoryCost === undefined ? {} : { memoryCost: options.memoryCost }),
    ...(options.timeCost === undefined ? {} : { timeCost: options.timeCost }),
  } as const;
  let decoy: Promise<string> | undefined;
  const hasher: PasswordHasher = {
    hash: (password) => hash(password.normalize('NFC'), params),
    verify: (passwordHash, password) => verify(passwordHash, password.normalize('NFC')),
    async verifyNothing(password) {
      decoy ??= hash('decoy password that no account has', params);
      await verify(await decoy, password.normalize('NFC'));
    },
  };
  return hasher;
}
