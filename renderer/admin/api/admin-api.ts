import { z } from 'zod';
import { queryString, type AdminAnswer, type AdminHttp, type AdminProblem } from './admin-http.ts';
import {
  accountAnswer,
  accountsAnswer,
  createdAccountAnswer,
  passwordResetAnswer,
  userNamePreviewAnswer,
  type AccountStatus,
  type AccountStatusReason,
  type CreateAccountRequest,
  type UserNamePreviewRequest,
} from '#shared/server-api/accounts.ts';
import { auditAnswer, auditVerification, auditVerificationAnswer } from '#shared/server-api/audit.ts';
import { residentCardAnswer, type DeathCorrectionRequest } from '#shared/server-api/residents.ts';
import {
  codeDiagnosisAnswer,
  codingQueueAnswer,
  type CodeDiagnosisRequest,
} from '#shared/server-api/coding-queue.ts';
import {
  loginAnswer,
  type ChangePasswordRequest,
  type LoginRequest,
  type MisuseReportRequest,
} from '#shared/server-api/auth.ts';
import { deviceAnswer, devicesAnswer, enrolmentCodeAnswer } from '#shared/server-api/devices.ts';
import {
  duplicateCandidate,
  duplicateDetail,
  duplicateMergeOutcome,
  duplicatesAnswer,
  type MergeTake,
} from '#shared/server-api/duplicates.ts';
import {
  mergeDetail,
  mergesAnswer,
  quarantineDetail,
  quarantineListAnswer,
  quarantineSummary,
} from '#shared/server-api/review.ts';
import {
  intakeFiguresAnswer,
  intakeRefusalsAnswer,
  intakeReviewAnswer,
  intakeReviewResolved,
  type IntakeReviewDecision,
} from '#shared/server-api/interop.ts';
import { signInAttacksAnswer } from '#shared/server-api/sign-in-attacks.ts';
import { stationHistoryAnswer, stationsAnswer, stationsHistoryAnswer } from '#shared/server-api/stations.ts';

type Query = Readonly<Record<string, string | number | undefined>>;

/** One route of the server's admin API: how its arguments become a request, and the schema of its answer. */
type Command<A, R> = {
  readonly method: 'GET' | 'POST';
  readonly path: (args: A) => string;
  readonly query?: (args: A) => Query;
  readonly body?: (args: A) => unknown;
  readonly answer: z.ZodType<R>;
};

const command =
  <A>() =>
  <R>(spec: Command<A, R>): Command<A, R> =>
    spec;
const segment = encodeURIComponent;
/** Answers with no body (204) or whose body the console does not read. */
const noAnswer = z.unknown();
type None = Record<string, never>;
type Page = { readonly before?: number | undefined; readonly limit?: number | undefined };
type AccountRef = { readonly accountId: string };
type AccountQuery = {
  readonly orgUnitId?: string | undefined;
  readonly status?: AccountStatus | undefined;
  readonly statusReason?: AccountStatusReason | undefined;
  readonly role?: string | undefined;
  readonly after?: string | undefined;
  readonly limit?: number | undefined;
};
export type AuditQuery = {
  readonly targetId?: string | undefined;
  readonly actor?: string | undefined;
  readonly userName?: string | undefined;
  readonly healthId?: string | undefined;
  readonly action?: string | undefined;
  readonly actionGroup?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly before?: number | undefined;
  readonly limit?: number | undefined;
};

/**
 * Every server route the console calls, named `domain.verb` like the station API's commands: the console reaches the
 * server only through `AdminApi.call(name, args)`, type-checked from arguments to the answer, which is parsed with the
 * route's own answer schema from `shared/server-api`.
 */
export const adminCommands = {
  'auth.login': command<LoginRequest>()({
    method: 'POST',
    path: () => '/auth/login',
    body: (a) => a,
    answer: loginAnswer,
  }),
  'auth.session': command<None>()({ method: 'GET', path: () => '/auth/session', answer: accountAnswer }),
  'auth.changePassword': command<ChangePasswordRequest>()({
    method: 'POST',
    path: () => '/auth/change-password',
    body: (a) => a,
    answer: accountAnswer,
  }),
  'auth.logout': command<None>()({ method: 'POST', path: () => '/auth/logout', answer: noAnswer }),
  'residents.lookUp': command<{ readonly healthId: string }>()({
    method: 'GET',
    path: () => '/admin/residents',
    query: (a) => ({ healthId: a.healthId }),
    answer: residentCardAnswer,
  }),
  'residents.correctDeath': command<{ readonly id: string } & DeathCorrectionRequest>()({
    method: 'POST',
    path: (a) => `/admin/residents/${segment(a.id)}/death-correction`,
    body: (a) => ({ correction: a.correction, reason: a.reason }),
    answer: residentCardAnswer,
  }),
  'intake.figures': command<{ readonly from?: string; readonly to?: string }>()({
    method: 'GET',
    path: () => '/admin/intake/figures',
    query: (a) => ({ from: a.from, to: a.to }),
    answer: intakeFiguresAnswer,
  }),
  'intake.refusals': command<{
    readonly facilityCode: string;
    readonly from?: string;
    readonly to?: string;
  }>()({
    method: 'GET',
    path: (a) => `/admin/intake/figures/${segment(a.facilityCode)}/refused`,
    query: (a) => ({ from: a.from, to: a.to }),
    answer: intakeRefusalsAnswer,
  }),
  'intake.review': command<None>()({
    method: 'GET',
    path: () => '/admin/intake/review',
    answer: intakeReviewAnswer,
  }),
  'intake.decide': command<{
    readonly facilityCode: string;
    readonly visitKey: string;
    readonly decision: IntakeReviewDecision;
  }>()({
    method: 'POST',
    path: (a) => `/admin/intake/review/${segment(a.facilityCode)}/${segment(a.visitKey)}`,
    body: (a) => a.decision,
    answer: intakeReviewResolved,
  }),
  'coding.list': command<None>()({
    method: 'GET',
    path: () => '/admin/coding-queue',
    answer: codingQueueAnswer,
  }),
  'coding.code': command<{ readonly encounterId: string } & CodeDiagnosisRequest>()({
    method: 'POST',
    path: (a) => `/admin/coding-queue/${segment(a.encounterId)}/code`,
    body: (a) => ({ name: a.name, icd10: a.icd10 }),
    answer: codeDiagnosisAnswer,
  }),
  'auth.requestLock': command<None>()({
    method: 'POST',
    path: () => '/auth/request-lock',
    answer: accountAnswer,
  }),
  'auth.reportMisuse': command<MisuseReportRequest>()({
    method: 'POST',
    path: () => '/auth/report-misuse',
    body: (a) => a,
    answer: accountAnswer,
  }),

  'stations.list': command<{ orgUnitId?: string | undefined }>()({
    method: 'GET',
    path: () => '/admin/stations',
    query: (a) => ({ orgUnitId: a.orgUnitId }),
    answer: stationsAnswer,
  }),
  'stations.history': command<{ orgUnitId?: string | undefined; hours: number }>()({
    method: 'GET',
    path: () => '/admin/stations/history',
    query: (a) => ({ orgUnitId: a.orgUnitId, hours: a.hours }),
    answer: stationsHistoryAnswer,
  }),
  'stations.deviceHistory': command<{ deviceId: string; hours: number }>()({
    method: 'GET',
    path: (a) => `/admin/stations/${segment(a.deviceId)}/history`,
    query: (a) => ({ hours: a.hours }),
    answer: stationHistoryAnswer,
  }),

  'quarantine.list': command<Page & { state: 'open' | 'resolved' }>()({
    method: 'GET',
    path: () => '/admin/quarantine',
    query: (a) => ({ state: a.state, before: a.before, limit: a.limit }),
    answer: quarantineListAnswer,
  }),
  'quarantine.open': command<{ id: number }>()({
    method: 'GET',
    path: (a) => `/admin/quarantine/${String(a.id)}`,
    answer: quarantineDetail,
  }),
  'quarantine.dismiss': command<{ id: number; note: string }>()({
    method: 'POST',
    path: (a) => `/admin/quarantine/${String(a.id)}/dismiss`,
    body: (a) => ({ note: a.note }),
    answer: quarantineSummary,
  }),
  'quarantine.reapply': command<{ id: number }>()({
    method: 'POST',
    path: (a) => `/admin/quarantine/${String(a.id)}/reapply`,
    answer: quarantineSummary,
  }),
  'merges.list': command<Page>()({
    method: 'GET',
    path: () => '/admin/merges',
    query: (a) => ({ before: a.before, limit: a.limit }),
    answer: mergesAnswer,
  }),
  'merges.open': command<{ id: number }>()({
    method: 'GET',
    path: (a) => `/admin/merges/${String(a.id)}`,
    answer: mergeDetail,
  }),

  'duplicates.list': command<Page & { state: 'open' | 'resolved' }>()({
    method: 'GET',
    path: () => '/admin/duplicates',
    query: (a) => ({ state: a.state, before: a.before, limit: a.limit }),
    answer: duplicatesAnswer,
  }),
  'duplicates.open': command<{ id: number }>()({
    method: 'GET',
    path: (a) => `/admin/duplicates/${String(a.id)}`,
    answer: duplicateDetail,
  }),
  'duplicates.notDuplicate': command<{ id: number; note: string }>()({
    method: 'POST',
    path: (a) => `/admin/duplicates/${String(a.id)}/not-duplicate`,
    body: (a) => ({ note: a.note }),
    answer: duplicateCandidate,
  }),
  'duplicates.merge': command<{ id: number; survivorId: string; take: MergeTake }>()({
    method: 'POST',
    path: (a) => `/admin/duplicates/${String(a.id)}/merge`,
    body: (a) => ({ survivorId: a.survivorId, take: a.take }),
    answer: duplicateMergeOutcome,
  }),
  'duplicates.undo': command<{ id: number }>()({
    method: 'POST',
    path: (a) => `/admin/duplicates/${String(a.id)}/undo`,
    answer: duplicateMergeOutcome,
  }),

  'accounts.list': command<AccountQuery>()({
    method: 'GET',
    path: () => '/admin/accounts',
    query: (a) => ({ ...a }),
    answer: accountsAnswer,
  }),
  'accounts.signInAttacks': command<{ readonly days: number }>()({
    method: 'GET',
    path: () => '/admin/sign-in-attacks',
    query: (a) => ({ days: a.days }),
    answer: signInAttacksAnswer,
  }),
  'accounts.create': command<CreateAccountRequest>()({
    method: 'POST',
    path: () => '/admin/accounts',
    body: (a) => a,
    answer: createdAccountAnswer,
  }),
  'accounts.userNamePreview': command<UserNamePreviewRequest>()({
    method: 'POST',
    path: () => '/admin/accounts/user-name-preview',
    body: (a) => a,
    answer: userNamePreviewAnswer,
  }),
  'accounts.lock': command<AccountRef>()({
    method: 'POST',
    path: (a) => `/admin/accounts/${segment(a.accountId)}/lock`,
    answer: accountAnswer,
  }),
  'accounts.unlock': command<AccountRef>()({
    method: 'POST',
    path: (a) => `/admin/accounts/${segment(a.accountId)}/unlock`,
    answer: accountAnswer,
  }),
  'accounts.close': command<AccountRef>()({
    method: 'POST',
    path: (a) => `/admin/accounts/${segment(a.accountId)}/close`,
    answer: accountAnswer,
  }),
  'accounts.resetPassword': command<AccountRef>()({
    method: 'POST',
    path: (a) => `/admin/accounts/${segment(a.accountId)}/reset-password`,
    answer: passwordResetAnswer,
  }),

  'devices.list': command<{ orgUnitId?: string | undefined }>()({
    method: 'GET',
    path: () => '/admin/devices',
    query: (a) => ({ orgUnitId: a.orgUnitId }),
    answer: devicesAnswer,
  }),
  'devices.enrolmentCode': command<{ orgUnitId: string }>()({
    method: 'POST',
    path: () => '/admin/devices/enrolment-codes',
    body: (a) => a,
    answer: enrolmentCodeAnswer,
  }),
  'devices.revoke': command<{ deviceId: string }>()({
    method: 'POST',
    path: (a) => `/admin/devices/${segment(a.deviceId)}/revoke`,
    answer: deviceAnswer,
  }),

  'audit.search': command<AuditQuery>()({
    method: 'GET',
    path: () => '/admin/audit',
    query: (a) => ({ ...a }),
    answer: auditAnswer,
  }),
  'audit.verification': command<None>()({
    method: 'GET',
    path: () => '/admin/audit/verification',
    answer: auditVerificationAnswer,
  }),
  'audit.verify': command<{ readonly full: boolean }>()({
    method: 'POST',
    path: () => '/admin/audit/verify',
    body: (a) => ({ full: a.full }),
    answer: auditVerification,
  }),
} as const;

export type AdminCommands = typeof adminCommands;
export type AdminCommandName = keyof AdminCommands;
export type ArgsOf<K extends AdminCommandName> =
  AdminCommands[K] extends Command<infer A, unknown> ? A : never;
export type AnswerOf<K extends AdminCommandName> =
  AdminCommands[K] extends Command<never, infer R> ? R : never;

/** The console's one way to the server. */
export type AdminApi = {
  call<K extends AdminCommandName>(name: K, args: ArgsOf<K>): Promise<AdminAnswer<AnswerOf<K>>>;
};

/**
 * Sends each command with the session's token. An answer saying the session is over (401) also tells
 * `onSessionEnded`, so the console returns to the sign-in screen with the server's explanation.
 */
export function createAdminApi(deps: {
  readonly http: AdminHttp;
  readonly token: () => string | null;
  readonly onSessionEnded: (problem: AdminProblem) => void;
}): AdminApi {
  return {
    async call(name, args) {
      // TypeScript cannot correlate a union of entries with the generic `K`; `ArgsOf`/`AnswerOf` state the pairing.
      const spec = adminCommands[name] as unknown as Command<typeof args, AnswerOf<typeof name>>;
      const query = spec.query === undefined ? '' : queryString(spec.query(args));
      const answer = await deps.http.send(
        {
          method: spec.method,
          path: `${spec.path(args)}${query}`,
          token: deps.token(),
          ...(spec.body === undefined ? {} : { body: spec.body(args) }),
        },
        spec.answer,
      );
      if (!answer.ok && answer.problem.status === 401 && name !== 'auth.login')
        deps.onSessionEnded(answer.problem);
      return answer;
    },
  };
}
