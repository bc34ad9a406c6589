import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Issue } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Database } from '../db/database.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { updateArtifacts, updateMinimumVersions, updateReleases } from '../db/schema/updates.ts';
import { compareAppVersions } from '#shared/releases/app-version.ts';
import type { ArtifactStore, StoredArtifact } from './artifact-store.ts';
import { verifyReleaseManifest, type ReleasePlatform } from '#shared/releases/release-manifest.ts';
import { isInRollout } from './staging-bucket.ts';
import { updateIssue } from './update-issues.ts';
import type { ReleaseState, ReleaseView } from '#shared/server-api/updates.ts';
import { viewOf, type ReleaseRow } from './release-view.ts';

/** Who acts through the release admin API (a city or IT admin). */
export type ReleaseActor = { readonly accountId: string; readonly orgUnitId: string };

/** The release a station is offered: its signed manifest, and whether the station is inside its rollout. */
export type FeedChoice = {
  readonly manifestText: string;
  readonly signature: string;
  readonly signingKeyId: string;
  /** False when no release is offered to this station yet: the feed then shows the newest with 0 %. */
  readonly offered: boolean;
};

export type UpdateService = ReturnType<typeof createUpdateService>;

/** Upload limit of one artifact (an NSIS installer is ~150 MB). */
export const DEFAULT_MAX_ARTIFACT_BYTES = 1024 * 1024 * 1024;

const RELEASE_LOCK_KEY = 727_010;

const newestFirst = (a: ReleaseRow, b: ReleaseRow) => compareAppVersions(b.version, a.version);

/**
 * Station releases and their staged rollout. Artifacts are uploaded first (immutable, hashed on
 * arrival); a release is published with its manifest signed by a trusted release key, and every file it names must
 * already be uploaded with exactly the signed SHA-512 and size. Versions on a channel and platform only go up:
 * electron-updater installs only newer versions, so a rollback is a new, higher version. Every change is audited.
 */
export function createUpdateService(deps: {
  readonly db: Database;
  readonly audit: AuditLog;
  readonly clock: { now(): Date };
  readonly artifacts: ArtifactStore;
  /** The city's release public keys (Ed25519); several during a key rotation. */
  readonly releasePublicKeys: readonly Uint8Array[];
  readonly maxArtifactBytes?: number | undefined;
}) {
  const { db, audit, clock } = deps;
  const maxBytes = deps.maxArtifactBytes ?? DEFAULT_MAX_ARTIFACT_BYTES;

  async function unknownOrgUnits(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const found = await db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(inArray(orgUnits.id, [...ids]));
    const known = new Set(found.map((r) => r.id));
    return ids.filter((id) => !known.has(id));
  }

  /** The unit and its ancestors, so "inside the area of X" is "X is on the path to the root". */
  async function pathToRoot(orgUnitId: string): Promise<Set<string>> {
    const result: unknown = await db.execute(sql`with recursive up(id, parent_id, depth) as (
        select id, parent_id, 0 from org_units where id = ${orgUnitId}
        union all
        select parent.id, parent.parent_id, up.depth + 1 from org_units parent join up on parent.id = up.parent_id
          where up.depth < 64
      ) select id from up`);
    return new Set((result as { rows: { id: string }[] }).rows.map((r) => r.id));
  }

  return {
    /** Receives an artifact; uploading the same bytes again is a no-op, different bytes under a used name a conflict. */
    async uploadArtifact(
      actor: ReleaseActor,
      input: { channel: string; name: string; source: AsyncIterable<Uint8Array> },
    ): Promise<Result<{ sha512: string; size: number; created: boolean }>> {
      const staged = await deps.artifacts.stage(input.channel, input.name, input.source, maxBytes);
      if (staged === 'too-large') return fail(updateIssue('artifact-too-large', { limit: maxBytes }));
      const [existing] = await db
        .select()
        .from(updateArtifacts)
        .where(and(eq(updateArtifacts.channel, input.channel), eq(updateArtifacts.name, input.name)));
      if (existing !== undefined) {
        await staged.discard();
        if (existing.sha512 !== staged.sha512 || existing.size !== staged.size) {
          return fail(updateIssue('artifact-conflict', { file: input.name, channel: input.channel }));
        }
        return ok({ sha512: existing.sha512, size: existing.size, created: false });
      }
      await staged.commit();
      await db.transaction(async (tx) => {
        await tx.insert(updateArtifacts).values({
          channel: input.channel,
          name: input.name,
          sha512: staged.sha512,
          size: staged.size,
          uploadedBy: actor.accountId,
          uploadedAt: clock.now(),
        });
        await audit.append(tx, {
          action: 'release-artifact-uploaded',
          actorAccountId: actor.accountId,
          orgUnitId: actor.orgUnitId,
          targetType: 'update-artifact',
          targetId: `${input.channel}/${input.name}`,
          detail: { size: staged.size },
        });
      });
      return ok({ sha512: staged.sha512, size: staged.size, created: true });
    },

    /** Publishes a signed release after checking its signature, channel, version order and uploaded files. */
    async publish(
      actor: ReleaseActor,
      input: {
        channel: string;
        manifest: string;
        signature: string;
        stagingPercentage: number;
        stagingOrgUnits: readonly string[];
      },
    ): Promise<Result<ReleaseView>> {
      const verified = verifyReleaseManifest(input.manifest, input.signature, deps.releasePublicKeys);
      if (!verified.ok) return verified;
      const { manifest, keyId } = verified.value;
      if (manifest.channel !== input.channel) {
        return fail(
          updateIssue('release-channel-mismatch', { signed: manifest.channel, requested: input.channel }),
        );
      }
      const unknown = await unknownOrgUnits(input.stagingOrgUnits);
      if (unknown[0] !== undefined)
        return fail(updateIssue('release-org-unit-unknown', { orgUnitId: unknown[0] }));
      const stored = await db
        .select()
        .from(updateArtifacts)
        .where(
          and(
            eq(updateArtifacts.channel, manifest.channel),
            inArray(
              updateArtifacts.name,
              manifest.files.map((f) => f.url),
            ),
          ),
        );
      const problems: Issue[] = [];
      for (const file of manifest.files) {
        const row = stored.find((r) => r.name === file.url);
        if (row === undefined)
          problems.push(updateIssue('artifact-missing', { file: file.url, channel: manifest.channel }));
        else if (row.sha512 !== file.sha512 || row.size !== file.size) {
          problems.push(updateIssue('artifact-mismatch', { file: file.url }));
        }
      }
      const [firstProblem, ...otherProblems] = problems;
      if (firstProblem !== undefined) return fail(firstProblem, ...otherProblems);

      return db.transaction(async (tx): Promise<Result<ReleaseView>> => {
        await tx.execute(sql`select pg_advisory_xact_lock(${RELEASE_LOCK_KEY})`);
        const existing = await tx
          .select({ version: updateReleases.version })
          .from(updateReleases)
          .where(
            and(eq(updateReleases.channel, manifest.channel), eq(updateReleases.platform, manifest.platform)),
          );
        const latest = existing
          .map((r) => r.version)
          .sort(compareAppVersions)
          .at(-1);
        if (latest !== undefined && compareAppVersions(manifest.version, latest) <= 0) {
          return fail(updateIssue('release-version-not-newer', { version: manifest.version, latest }));
        }
        const now = clock.now();
        const [row] = await tx
          .insert(updateReleases)
          .values({
            id: randomUUID(),
            channel: manifest.channel,
            platform: manifest.platform,
            version: manifest.version,
            manifest: input.manifest,
            signature: input.signature,
            signingKeyId: keyId,
            state: 'active',
            stagingPercentage: input.stagingPercentage,
            stagingOrgUnits: [...input.stagingOrgUnits],
            publishedBy: actor.accountId,
            publishedAt: now,
            updatedAt: now,
          })
          .returning();
        if (row === undefined) throw new Error('insert returned no release row');
        await audit.append(tx, {
          action: 'release-published',
          actorAccountId: actor.accountId,
          orgUnitId: actor.orgUnitId,
          targetType: 'update-release',
          targetId: row.id,
          detail: {
            channel: row.channel,
            platform: row.platform,
            version: row.version,
            keyId,
            stagingPercentage: row.stagingPercentage,
            stagingOrgUnits: row.stagingOrgUnits,
          },
        });
        return ok(viewOf(row));
      });
    },

    /** Pauses, resumes, widens or narrows a release's rollout. */
    async change(
      actor: ReleaseActor,
      id: string,
      input: { state?: ReleaseState; stagingPercentage?: number; stagingOrgUnits?: readonly string[] },
    ): Promise<Result<ReleaseView>> {
      if (
        input.state === undefined &&
        input.stagingPercentage === undefined &&
        input.stagingOrgUnits === undefined
      ) {
        return fail(updateIssue('release-change-empty'));
      }
      if (input.stagingOrgUnits !== undefined) {
        const unknown = await unknownOrgUnits(input.stagingOrgUnits);
        if (unknown[0] !== undefined)
          return fail(updateIssue('release-org-unit-unknown', { orgUnitId: unknown[0] }));
      }
      return db.transaction(async (tx): Promise<Result<ReleaseView>> => {
        const [before] = await tx
          .select()
          .from(updateReleases)
          .where(eq(updateReleases.id, id))
          .for('update');
        if (before === undefined) return fail(updateIssue('release-not-found'));
        const [after] = await tx
          .update(updateReleases)
          .set({
            ...(input.state === undefined ? {} : { state: input.state }),
            ...(input.stagingPercentage === undefined ? {} : { stagingPercentage: input.stagingPercentage }),
            ...(input.stagingOrgUnits === undefined ? {} : { stagingOrgUnits: [...input.stagingOrgUnits] }),
            updatedAt: clock.now(),
          })
          .where(eq(updateReleases.id, id))
          .returning();
        if (after === undefined) throw new Error('update returned no release row');
        await audit.append(tx, {
          action: 'release-changed',
          actorAccountId: actor.accountId,
          orgUnitId: actor.orgUnitId,
          targetType: 'update-release',
          targetId: id,
          detail: {
            version: after.version,
            before: {
              state: before.state,
              stagingPercentage: before.stagingPercentage,
              stagingOrgUnits: before.stagingOrgUnits,
            },
            after: {
              state: after.state,
              stagingPercentage: after.stagingPercentage,
              stagingOrgUnits: after.stagingOrgUnits,
            },
          },
        });
        return ok(viewOf(after));
      });
    },

    async list(channel?: string): Promise<ReleaseView[]> {
      const rows = await db
        .select()
        .from(updateReleases)
        .where(channel === undefined ? undefined : eq(updateReleases.channel, channel))
        .orderBy(asc(updateReleases.publishedAt));
      return rows.sort(newestFirst).map(viewOf);
    },

    /**
     * The release the feed shows a station: the newest active release whose area contains the station's org unit
     * (no area = everywhere) and whose percentage contains its staging id. When none does, the newest active release
     * is shown as not offered (the feed then says `stagingPercentage: 0`, so the updater reports no update).
     */
    async feed(
      channel: string,
      platform: ReleasePlatform,
      station: { stagingId: string | undefined; orgUnitId: string | undefined },
    ): Promise<FeedChoice | undefined> {
      const rows = (
        await db
          .select()
          .from(updateReleases)
          .where(
            and(
              eq(updateReleases.channel, channel),
              eq(updateReleases.platform, platform),
              eq(updateReleases.state, 'active'),
            ),
          )
      ).sort(newestFirst);
      const newest = rows[0];
      if (newest === undefined) return undefined;
      const path =
        station.orgUnitId === undefined || rows.every((r) => r.stagingOrgUnits.length === 0)
          ? new Set<string>()
          : await pathToRoot(station.orgUnitId);
      const offered = rows.find(
        (r) =>
          (r.stagingOrgUnits.length === 0 || r.stagingOrgUnits.some((unit) => path.has(unit))) &&
          isInRollout(station.stagingId, r.stagingPercentage),
      );
      const chosen = offered ?? newest;
      return {
        manifestText: chosen.manifest,
        signature: chosen.signature,
        signingKeyId: chosen.signingKeyId,
        offered: offered !== undefined,
      };
    },

    /** An uploaded artifact's bytes, or undefined when the channel has no such file. */
    async artifact(channel: string, name: string): Promise<StoredArtifact | undefined> {
      const [row] = await db
        .select({ size: updateArtifacts.size })
        .from(updateArtifacts)
        .where(and(eq(updateArtifacts.channel, channel), eq(updateArtifacts.name, name)));
      if (row === undefined) return undefined;
      const stored = await deps.artifacts.open(channel, name);
      if (stored !== undefined && stored.size !== row.size) {
        throw new Error(
          `artifact ${channel}/${name} on disk has ${stored.size} bytes, ${row.size} were uploaded`,
        );
      }
      return stored;
    },

    async minimumVersion(channel: string): Promise<string | undefined> {
      const [row] = await db
        .select({ version: updateMinimumVersions.version })
        .from(updateMinimumVersions)
        .where(eq(updateMinimumVersions.channel, channel));
      return row?.version;
    },

    async setMinimumVersion(actor: ReleaseActor, channel: string, version: string): Promise<void> {
      await db.transaction(async (tx) => {
        const now = clock.now();
        await tx
          .insert(updateMinimumVersions)
          .values({ channel, version, setBy: actor.accountId, setAt: now })
          .onConflictDoUpdate({
            target: updateMinimumVersions.channel,
            set: { version, setBy: actor.accountId, setAt: now },
          });
        await audit.append(tx, {
          action: 'release-minimum-version-set',
          actorAccountId: actor.accountId,
          orgUnitId: actor.orgUnitId,
          targetType: 'update-channel',
          targetId: channel,
          detail: { version },
        });
      });
    },
  };
}
