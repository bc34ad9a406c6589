import { sql, type SQL } from 'drizzle-orm';
import type { DbExecutor } from '../../db/database.ts';
import { orgUnitSubtreeIds } from '../../org-units/org-unit-subtree.ts';
import type { ReplicationScope } from '../replication-scope.ts';
import { bytesColumn, numberColumn, rowsOf } from '../../db/sql-rows.ts';

/** One change in a replica's pull stream: a document version, or the eviction of a document from the scope. */
export type PullEntry =
  | {
      readonly kind: 'document';
      readonly seq: number;
      readonly id: string;
      readonly deleted: boolean;
      readonly keyId: string;
      readonly body: Uint8Array;
    }
  | { readonly kind: 'eviction'; readonly seq: number; readonly id: string };

/**
 * The next changes after `checkpoint` that a replica of `scope` may see, in sequence order, at most `limit`. Scope
 * is applied in SQL before LIMIT, so a short page really means "nothing more yet" (RxDB stops pulling on a short
 * page). Documents and evictions share the collection's sequence and are merged into one stream;
 * an eviction is left out when the document is visible in the scope anyway (it moved between two units of the same
 * district) or a later eviction of it from the scope exists, so one id appears at most once per page.
 */
export async function pullPage(
  db: DbExecutor,
  params: {
    collection: string;
    scope: ReplicationScope;
    checkpoint: number;
    limit: number;
    /** A subtree scope's org units when the caller already holds them (a stream group): no subtree query then. */
    unitIds?: readonly string[] | undefined;
  },
): Promise<PullEntry[]> {
  const { collection, scope, checkpoint, limit, unitIds } = params;
  const result = await db.execute(
    scope.kind === 'subtree'
      ? subtreePage(collection, scope.rootUnitId, checkpoint, limit, unitIds)
      : carePage(collection, scope.unitId, checkpoint, limit),
  );
  return rowsOf(result).map((row): PullEntry => {
    const seq = numberColumn(row['seq']);
    const id = String(row['id']);
    if (row['kind'] === 'eviction') return { kind: 'eviction', seq, id };
    return {
      kind: 'document',
      seq,
      id,
      deleted: row['deleted'] === true,
      keyId: String(row['key_id']),
      body: bytesColumn(row['body']),
    };
  });
}

function subtreePage(
  collection: string,
  rootUnitId: string,
  checkpoint: number,
  limit: number,
  unitIds: readonly string[] | undefined,
): SQL {
  // The subtree once, as a CTE every branch reads (inlined four times it cost PostgreSQL more to plan than to run),
  // or the units themselves when the caller knows them.
  const listed = unitIds !== undefined && unitIds.length > 0 ? unitIds : undefined;
  const units =
    listed === undefined
      ? sql`select id from subtree`
      : sql.join(
          listed.map((id) => sql`${id}`),
          sql`, `,
        );
  const subtree =
    listed === undefined
      ? sql`with recursive subtree(id) as (
      select id from org_units where id = ${rootUnitId}
      union
      select child.id from org_units child join subtree on child.parent_id = subtree.id
    )`
      : sql``;
  return sql`
    ${subtree}
    select page.kind, page.seq, page.id, page.deleted, page.key_id, page.body from (
      (select 'document' as kind, d.seq, d.id, d.deleted, d.key_id, d.body
         from documents d
        where d.collection = ${collection} and d.seq > ${checkpoint}
          and d.scope_unit_id in (${units})
        order by d.seq
        limit ${limit})
      union all
      (select 'eviction' as kind, e.seq, e.id, true as deleted, null::text as key_id, null::bytea as body
         from evictions e
        where e.collection = ${collection} and e.seq > ${checkpoint}
          and e.scope_unit_id in (${units})
          and not exists (
            select 1 from documents visible
             where visible.collection = e.collection and visible.id = e.id
               and visible.scope_unit_id in (${units}))
          and not exists (
            select 1 from evictions later
             where later.collection = e.collection and later.id = e.id and later.seq > e.seq
               and later.scope_unit_id in (${units}))
        order by e.seq
        limit ${limit})
    ) page
    order by page.seq
    limit ${limit}`;
}

/**
 * A care scope's page: every document of the persons the unit cares for (a person's own document carries its id as
 * `person_id`). A care relationship never ends, so there are no evictions; when one starts, the person's documents
 * get new sequence numbers (see `push-batch.ts`), so they are never behind the unit's checkpoint.
 */
function carePage(collection: string, unitId: string, checkpoint: number, limit: number): SQL {
  return sql`
    select 'document' as kind, d.seq, d.id, d.deleted, d.key_id, d.body
      from documents d
     where d.collection = ${collection} and d.seq > ${checkpoint}
       and d.person_id in (select c.person_id from care_relationships c where c.unit_id = ${unitId})
     order by d.seq
     limit ${limit}`;
}

/**
 * How many documents of `collection` a replica of `scope` has yet to receive after `checkpoint` (evictions not
 * counted): the "expected" figure of a first sync's progress. A count at one moment; writes committed later raise it.
 */
export async function countAfter(
  db: DbExecutor,
  params: { collection: string; scope: ReplicationScope; checkpoint: number },
): Promise<number> {
  const { collection, scope, checkpoint } = params;
  const visible =
    scope.kind === 'subtree'
      ? sql`d.scope_unit_id in (${orgUnitSubtreeIds(scope.rootUnitId)})`
      : sql`d.person_id in (select c.person_id from care_relationships c where c.unit_id = ${scope.unitId})`;
  const result = await db.execute(sql`
    select count(*)::int as n from documents d
     where d.collection = ${collection} and d.seq > ${checkpoint} and ${visible}`);
  return numberColumn(rowsOf(result)[0]?.['n'] ?? 0);
}
