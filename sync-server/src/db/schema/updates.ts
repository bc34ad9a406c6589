import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

/**
 * Published station releases: the release manifest exactly as the city's release key signed it, its
 * detached signature, and the rollout that decides which stations are offered it. A release is never edited or
 * deleted; `state`, `staging_percentage` and `staging_org_units` are the only fields an admin changes afterwards.
 */
export const updateReleases = pgTable(
  'update_releases',
  {
    id: text('id').primaryKey(),
    channel: text('channel').notNull(),
    platform: text('platform').notNull(),
    version: text('version').notNull(),
    /** The manifest JSON text byte for byte as signed; the feed is generated from it. */
    manifest: text('manifest').notNull(),
    /** base64 Ed25519 detached signature of `manifest` (UTF-8). */
    signature: text('signature').notNull(),
    signingKeyId: text('signing_key_id').notNull(),
    /** `active` (offered to the stations in its rollout) or `paused` (offered to nobody). */
    state: text('state').notNull(),
    stagingPercentage: integer('staging_percentage').notNull(),
    /** Org units whose subtrees are in the rollout; empty = every area. */
    stagingOrgUnits: jsonb('staging_org_units').$type<string[]>().notNull(),
    publishedBy: text('published_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    unique('update_releases_version_key').on(t.channel, t.platform, t.version),
    index('update_releases_feed_idx').on(t.channel, t.platform),
  ],
);

/** Installer files uploaded for a channel (stored in the artifact store); immutable once uploaded. */
export const updateArtifacts = pgTable(
  'update_artifacts',
  {
    channel: text('channel').notNull(),
    name: text('name').notNull(),
    /** base64 SHA-512, as electron-builder writes it into `latest*.yml`. */
    sha512: text('sha512').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.name] })],
);

/** The oldest station version each channel's replication endpoints still serve. */
export const updateMinimumVersions = pgTable('update_minimum_versions', {
  channel: text('channel').primaryKey(),
  version: text('version').notNull(),
  setBy: text('set_by').notNull(),
  setAt: timestamp('set_at', { withTimezone: true, mode: 'date' }).notNull(),
});
