/**
 * The header a station app sends on every request of a replicated collection (`/sync/:collection/…`): the version
 * of that collection's RxDB schema it was built with. The server answers a lower version than its own with
 * `schema-version-outdated` (the app must update before it may pull documents it cannot store, or push documents
 * that would drop what it does not know) and a higher one with `schema-version-ahead` (the server must update
 * first). Either way nothing is lost: the station keeps its writes in the outbox until both agree.
 */
export const SCHEMA_VERSION_HEADER = 'x-hssk-schema-version';
