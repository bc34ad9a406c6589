import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiProblem, problemOf } from '#shared/errors/api-problem.ts';
import {
  BATCH_CONTENT_TYPE,
  intakeAnswer,
  intakeBatchAnswer,
  intakeOutcomes,
  patientLookupAnswer,
  patientLookupQuery,
  QD130_CONTENT_TYPES,
} from '#shared/server-api/interop.ts';
import { requirePrincipal, requireRole } from '../auth/auth-guards.ts';
import type { Issue } from '#shared/errors/issue.ts';
import type { DeviceBoundRequests } from '../devices/device-bound-requests.ts';
import type { HospitalIntake, IntakeAnswer } from './hospital-intake.ts';
import { readZipEnvelopes, type BatchLimits } from './zip-envelopes.ts';
import type { PatientLookup } from './patient-lookup.ts';
import type { IntakeIssueCode } from './intake-issues.ts';

const problems = { 400: apiProblem, 401: apiProblem, 403: apiProblem, 413: apiProblem, 415: apiProblem };

type Counts = Record<(typeof intakeOutcomes)[number], number>;

const wireIssue = (issue: Issue) => ({
  code: issue.code,
  message: issue.message,
  ...(issue.path === undefined ? {} : { path: issue.path }),
});

/** The wire answer to one envelope: every hồ sơ with its issues, and how many had each outcome. */
function answerOf(received: IntakeAnswer) {
  const counts = Object.fromEntries(
    intakeOutcomes.map((outcome) => [outcome, received.records.filter((r) => r.outcome === outcome).length]),
  ) as Counts;
  return {
    ...received,
    records: received.records.map((record) => ({ ...record, issues: record.issues.map(wireIssue) })),
    counts,
  };
}

/** The limits of a batch: 1,000 envelopes, each as large as one sent alone, 500 MB in all once decompressed. */
const batchLimits = (bodyLimit: number): BatchLimits => ({
  maxFiles: 1000,
  maxFileBytes: bodyLimit,
  maxTotalBytes: 500 * 1024 * 1024,
});

/** Envelope-level refusals: the sender's identity (403) or a body that is not a hồ sơ giám định (400). */
function statusOf(code: IntakeIssueCode): 400 | 403 {
  return code === 'facility-not-yours' || code === 'facility-unknown' ? 403 : 400;
}

/**
 * The hospitals' intake, for interop (`_lt_`) accounts: `POST /interop/qd130` takes one hồ sơ giám định (the XML a
 * hospital's export already sends the social-insurance gateway, `application/xml`, gzip or br allowed) and answers
 * each hồ sơ in it (`intakeAnswer`); `GET /interop/patients` confirms a patient by one identifier. `bodyLimit` bounds
 * the body before a byte is parsed (decompressed, too). With `deviceBound`, a hospital that has enrolled a sending
 * machine must sign every request with it (the signature covers the body as sent, before decompression).
 */
export function intakeRoutes(deps: {
  readonly intake: HospitalIntake;
  readonly lookup: PatientLookup;
  readonly bodyLimit: number;
  /** The largest ZIP `POST /interop/qd130/batch` takes, as sent (its files' sizes are checked on their own). */
  readonly batchBodyLimit: number;
  readonly deviceBound?: DeviceBoundRequests | undefined;
}): FastifyPluginAsyncZod {
  return async (app) => {
    if (deps.deviceBound !== undefined) {
      app.addHook('preParsing', deps.deviceBound.preParsing);
      app.addHook('preHandler', deps.deviceBound.preHandler);
    }
    app.addContentTypeParser(
      [...QD130_CONTENT_TYPES],
      { parseAs: 'buffer', bodyLimit: deps.bodyLimit },
      (_request, body, done) => {
        done(null, body);
      },
    );
    app.get(
      '/interop/patients',
      {
        onRequest: requireRole('interop'),
        schema: {
          tags: ['interop'],
          summary:
            'Confirm a patient: the health ID, name, date of birth and sex of the residents holding one identifier',
          querystring: patientLookupQuery,
          response: { 200: patientLookupAnswer, ...problems },
        },
      },
      async (request) => {
        const { cccd, bhyt, healthId } = request.query;
        const identifier =
          cccd !== undefined
            ? ({ kind: 'personal-id', value: cccd } as const)
            : bhyt !== undefined
              ? ({ kind: 'bhyt-card', value: bhyt } as const)
              : ({ kind: 'health-id', value: healthId ?? '' } as const);
        return { patients: await deps.lookup.find(requirePrincipal(request), identifier) };
      },
    );
    app.addContentTypeParser(
      BATCH_CONTENT_TYPE,
      { parseAs: 'buffer', bodyLimit: deps.batchBodyLimit },
      (_request, body, done) => {
        done(null, body);
      },
    );
    app.post(
      '/interop/qd130/batch',
      {
        onRequest: requireRole('interop'),
        bodyLimit: deps.batchBodyLimit,
        schema: {
          tags: ['interop'],
          summary:
            'Send a ZIP of hồ sơ giám định files for back-filling; each file and each hồ sơ answered on its own',
          consumes: [BATCH_CONTENT_TYPE],
          response: { 200: intakeBatchAnswer, ...problems },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new Error('the ZIP body parser did not run');
        const files = await readZipEnvelopes(body, batchLimits(deps.bodyLimit));
        if (!files.ok) return reply.status(400).send(problemOf(files.errors));
        const counts = Object.fromEntries(intakeOutcomes.map((outcome) => [outcome, 0])) as Counts;
        const answers = [];
        for (const file of files.value) {
          if ('issue' in file) {
            answers.push({ name: file.name, problem: wireIssue(file.issue) });
            continue;
          }
          const received = await deps.intake.receive(requirePrincipal(request), file.bytes);
          if (!received.ok) {
            const [first] = received.errors;
            answers.push({
              name: file.name,
              problem: { ...wireIssue(first), issues: received.errors.map(wireIssue) },
            });
            continue;
          }
          const answer = answerOf(received.value);
          for (const outcome of intakeOutcomes) counts[outcome] += answer.counts[outcome];
          answers.push({ name: file.name, answer });
        }
        return { files: answers, counts };
      },
    );
    app.post(
      '/interop/qd130',
      {
        onRequest: requireRole('interop'),
        bodyLimit: deps.bodyLimit,
        schema: {
          tags: ['interop'],
          summary: 'Send one hồ sơ giám định (QĐ 130/4750 XML); each hồ sơ is answered on its own',
          consumes: [...QD130_CONTENT_TYPES],
          response: { 200: intakeAnswer, ...problems },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!(body instanceof Uint8Array)) throw new Error('the XML body parser did not run');
        const received = await deps.intake.receive(requirePrincipal(request), body);
        if (!received.ok)
          return reply.status(statusOf(received.errors[0].code)).send(problemOf(received.errors));
        return answerOf(received.value);
      },
    );
  };
}
