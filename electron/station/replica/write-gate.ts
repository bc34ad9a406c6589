import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqliteDatabase } from './open-encrypted-database.ts';

/** One `together` run: what it has written becomes visible to change listeners when it commits. */
type WriteGroup = { readonly afterCommit: (() => void)[] };

/**
 * Who writes one database file now. A writer is either one synchronous storage operation (`alone`) or a group of
 * them that spans awaits (`together`): one SQLite transaction, committed when the group's function resolves and
 * rolled back when it throws. Storage operations started from inside the running group (followed through awaits with
 * `AsyncLocalStorage`) join its transaction as savepoints; every other writer waits, in arrival order, until it ends,
 * so nothing outside a group is ever committed or rolled back with it.
 */
export class WriteGate {
  private readonly context = new AsyncLocalStorage<WriteGroup>();
  private tail: Promise<void> = Promise.resolve();
  private active: WriteGroup | undefined;

  constructor(private readonly db: SqliteDatabase) {}

  /** The group the caller runs in, if it is the running one. */
  currentGroup(): WriteGroup | undefined {
    const group = this.context.getStore();
    return group !== undefined && group === this.active ? group : undefined;
  }

  /** Runs `operation` (synchronous) with no other writer: at once inside the running group, else after it. */
  async alone<T>(operation: () => T): Promise<T> {
    if (this.currentGroup() !== undefined) return operation();
    const release = await this.turn();
    try {
      return operation();
    } finally {
      release();
    }
  }

  /**
   * Runs `run` as one transaction: every write it makes through this file is committed together when it resolves, or
   * none when it throws (or the process dies first). Change listeners hear of its writes only after the commit.
   * Nested calls join the running group.
   */
  async together<T>(run: () => Promise<T>): Promise<T> {
    if (this.currentGroup() !== undefined) return run();
    const release = await this.turn();
    const group: WriteGroup = { afterCommit: [] };
    try {
      this.db.exec('BEGIN IMMEDIATE');
      this.active = group;
      const result = await this.context.run(group, run);
      this.db.exec('COMMIT');
      this.active = undefined;
      for (const notify of group.afterCommit) notify();
      return result;
    } catch (thrown) {
      if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
      throw thrown;
    } finally {
      this.active = undefined;
      release();
    }
  }

  /** Waits for every writer before the caller, then holds the file until the returned function is called. */
  private turn(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => mine);
    return previous.then(() => release);
  }
}
