import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { updateFeedParams } from '#shared/server-api/updates.ts';
import { problemOf } from '#shared/errors/api-problem.ts';
import type { StoredArtifact } from './artifact-store.ts';
import { parseByteRanges, type ByteRange } from './byte-ranges.ts';
import { feedDocument } from './feed-document.ts';
import {
  artifactName,
  parseReleaseManifest,
  type ReleasePlatform,
} from '#shared/releases/release-manifest.ts';
import { updateIssue, updateIssueStatus, type UpdateIssueCode } from './update-issues.ts';
import type { UpdateService } from './update-service.ts';

const orgUnitHeader = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/);

function platformOfFeedFile(channel: string, file: string): ReleasePlatform | undefined {
  if (file === `${channel}.yml`) return 'windows';
  if (file === `${channel}-linux.yml`) return 'linux';
  return undefined;
}

function sendIssue(reply: FastifyReply, code: UpdateIssueCode, params?: Record<string, string | number>) {
  return reply.status(updateIssueStatus[code]).send(problemOf([updateIssue(code, params)]));
}

/** A `multipart/byteranges` body (RFC 9110 §14.6) with the parts in the order they were asked for. */
function multipartBody(
  artifact: StoredArtifact,
  ranges: readonly ByteRange[],
  boundary: string,
): { stream: Readable; length: number } {
  const heads = ranges.map((r, i) =>
    Buffer.from(
      `${i === 0 ? '' : '\r\n'}--${boundary}\r\ncontent-type: application/octet-stream\r\ncontent-range: bytes ${r.start}-${r.end}/${artifact.size}\r\n\r\n`,
    ),
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length =
    heads.reduce((n, h) => n + h.length, 0) +
    ranges.reduce((n, r) => n + r.end - r.start + 1, 0) +
    tail.length;
  async function* parts(): AsyncGenerator<Buffer> {
    for (const [i, range] of ranges.entries()) {
      const head = heads[i];
      if (head !== undefined) yield head;
      for await (const chunk of artifact.read(range)) yield chunk as Buffer;
    }
    yield tail;
  }
  return { stream: Readable.from(parts()), length };
}

/**
 * The update feed electron-updater's generic provider reads, public like any download site: releases
 * are signed by the city and the feed holds no personal data, and a station must be able to update before anyone
 * signs in. `GET /updates/:channel/:channel.yml` (Windows), `…/:channel-linux.yml` (Linux), and every uploaded
 * artifact of the channel with HTTP `Range` support (single ranges as 206, several as `multipart/byteranges`, as the
 * differential downloader asks). Which release a station is shown depends on its `x-user-staging-id` (sent by
 * electron-updater) and its org unit: the signed-in principal's, else the `x-hssk-org-unit` header the app sets —
 * claiming another area only brings a signed release earlier, never an unsigned one.
 */
export function updateFeedRoutes(deps: { service: UpdateService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/updates/:channel/:file',
      {
        schema: {
          tags: ['updates'],
          summary: 'Update feed (latest.yml, latest-linux.yml) and installer files, with Range support',
          params: updateFeedParams,
          // 200/206 are YAML or bytes, errors the API problem shape; no response schema, so nothing re-serialises.
        },
      },
      async (request, reply) => {
        const { channel, file } = request.params;
        const platform = platformOfFeedFile(channel, file);
        if (platform !== undefined) {
          const header = request.headers['x-hssk-org-unit'];
          const claimed = orgUnitHeader.safeParse(header);
          const stagingHeader = request.headers['x-user-staging-id'];
          const choice = await deps.service.feed(channel, platform, {
            stagingId: typeof stagingHeader === 'string' ? stagingHeader : undefined,
            orgUnitId: request.principal?.orgUnitId ?? (claimed.success ? claimed.data : undefined),
          });
          if (choice === undefined) return sendIssue(reply, 'update-feed-empty', { channel });
          const manifest = parseReleaseManifest(choice.manifestText);
          if (!manifest.ok) throw new Error('a published release has an unreadable manifest');
          return reply
            .header('cache-control', 'no-store')
            .type('text/yaml; charset=utf-8')
            .send(feedDocument({ manifest: manifest.value, ...choice }));
        }
        const name = artifactName.safeParse(file);
        const artifact = name.success ? await deps.service.artifact(channel, name.data) : undefined;
        if (artifact === undefined) return sendIssue(reply, 'update-file-not-found', { channel, file });
        const rangeHeader = request.headers.range;
        const ranges = parseByteRanges(rangeHeader, artifact.size);
        reply.header('accept-ranges', 'bytes').header('cache-control', 'public, max-age=31536000, immutable');
        if (ranges === 'unsatisfiable') {
          reply.header('content-range', `bytes */${artifact.size}`);
          return sendIssue(reply, 'update-range-unsatisfiable');
        }
        if (ranges === 'none') {
          return reply
            .type('application/octet-stream')
            .header('content-length', artifact.size)
            .send(artifact.read());
        }
        const [only] = ranges;
        if (only !== undefined && ranges.length === 1) {
          return reply
            .status(206)
            .type('application/octet-stream')
            .header('content-range', `bytes ${only.start}-${only.end}/${artifact.size}`)
            .header('content-length', only.end - only.start + 1)
            .send(artifact.read(only));
        }
        const boundary = `hssk-${crypto.randomUUID()}`;
        const body = multipartBody(artifact, ranges, boundary);
        return reply
          .status(206)
          .type(`multipart/byteranges; boundary=${boundary}`)
          .header('content-length', body.length)
          .send(body.stream);
      },
    );
  };
}
