import { desc, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '../db/database.ts';
import { passwordHistory } from '../db/schema/accounts.ts';
import type { PasswordHasher } from './password-hasher.ts';

/** How many of an account's latest passwords, the current one included, may not be chosen again. */
export const PASSWORD_HISTORY_DEPTH = 5;

/** Whether `password` is one of the account's earlier passwords still remembered (their argon2id hashes). */
export async function isRecentPassword(
  tx: Transaction,
  hasher: PasswordHasher,
  accountId: string,
  password: string,
): Promise<boolean> {
  const rows = await tx
    .select({ passwordHash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.accountId, accountId))
    .orderBy(desc(passwordHistory.retiredAt), desc(passwordHistory.id))
    .limit(PASSWORD_HISTORY_DEPTH - 1);
  for (const row of rows) if (await hasher.verify(row.passwordHash, password)) return true;
  return false;
}

/**
 * Remembers a password that stops being current (its hash only) and forgets those beyond the depth. One-time
 * passwords issued by an admin are not passed here: they were never the holder's choice.
 */
export async function retirePassword(
  tx: Transaction,
  accountId: string,
  passwordHash: string,
  at: Date,
): Promise<void> {
  await tx.insert(passwordHistory).values({ accountId, passwordHash, retiredAt: at });
  const kept = await tx
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.accountId, accountId))
    .orderBy(desc(passwordHistory.retiredAt), desc(passwordHistory.id));
  const forgotten = kept.slice(PASSWORD_HISTORY_DEPTH - 1).map((row) => row.id);
  if (forgotten.length > 0) await tx.delete(passwordHistory).where(inArray(passwordHistory.id, forgotten));
}
