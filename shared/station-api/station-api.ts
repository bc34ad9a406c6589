import { z } from 'zod';
import { misuseReportRequest } from '../server-api/auth.ts';
import type { ImmunizationDue } from '../clinical/immunization-due.ts';
import { communeCode } from '../schemas/address.ts';
import { encounterShape, type Encounter } from '../schemas/encounter.ts';
import { immunizationShape, type Immunization } from '../schemas/immunization.ts';
import { isoDate } from '../schemas/iso-date.ts';
import { partialDate } from '../schemas/partial-date-field.ts';
import { landlinePhone, mobilePhone, personShape, type Person } from '../schemas/person.ts';
import { TEXT_LIMITS, requiredText, singleLine } from '../schemas/text-field.ts';
import { MAX_DEVICE_OUTCOMES, type DeviceOutcome } from '../sync/device-outcomes-wire.ts';

/**
 * What the registration and record forms send: the resident's own data, with phones held to Vietnamese numbering; the
 * core fills ids, unit, health ID, stamps and the record of corrections.
 */
export const residentDraft = z
  .strictObject({
    ...personShape,
    phones: z.array(mobilePhone).max(10),
    landline: landlinePhone.exactOptional(),
    caregiver: z
      .strictObject({
        name: requiredText(TEXT_LIMITS.name),
        relation: singleLine(50).exactOptional(),
        phone: mobilePhone.exactOptional(),
      })
      .exactOptional(),
  })
  .omit({
    id: true,
    orgUnitId: true,
    createdAt: true,
    updatedAt: true,
    synthetic: true,
    stamps: true,
    healthId: true,
    status: true,
    deathDate: true,
    mergedInto: true,
    movedOutTo: true,
    corrections: true,
    searchName: true,
    sortKey: true,
    identityKey: true,
  });
export type ResidentDraftInput = z.infer<typeof residentDraft>;

/** The optional fields of a resident a correction may remove (a wrong CCCD, a phone that is no longer theirs). */
export const clearableResidentFields = [
  'personalId',
  'legacyId',
  'idIssueDate',
  'idIssuePlace',
  'bhxhNumber',
  'ethnicityCode',
  'nationalityCode',
  'religion',
  'occupationCode',
  'educationLevel',
  'maritalStatus',
  'birthRegistrationProvince',
  'bloodGroup',
  'permanentAddress',
  'landline',
  'email',
  'household',
  'mother',
  'father',
  'caregiver',
] as const satisfies readonly (keyof ResidentDraftInput)[];
export type ClearableResidentField = (typeof clearableResidentFields)[number];

/** What the exam form sends (QĐ 831 part D); the core fills ids, unit, stamps, status, signature and source. */
export const examDraft = z.strictObject(encounterShape).omit({
  id: true,
  orgUnitId: true,
  createdAt: true,
  updatedAt: true,
  synthetic: true,
  stamps: true,
  status: true,
  signer: true,
  signedAt: true,
  amends: true,
  source: true,
});

/** One dose given (QĐ 831 part C); the core fills ids, unit, stamps, status and source. */
export const immunizationEntry = z.strictObject(immunizationShape).omit({
  id: true,
  orgUnitId: true,
  createdAt: true,
  updatedAt: true,
  synthetic: true,
  stamps: true,
  status: true,
  source: true,
  amends: true,
  safetyOverride: true,
});

/** Most residents one worklist answer carries. */
export const MAX_WORKLIST_RESIDENTS = 10_000;

/** The worklists of Art. 8.2. */
export const worklistKinds = [
  'missing-personal-id',
  'missing-phone',
  'missing-screening',
  'vaccinations-due',
  'hospital-follow-ups',
  'annual-review',
] as const;
export type WorklistKind = (typeof worklistKinds)[number];

/** The orders a worklist can be read in: Vietnamese name order, by age, or the longest overdue first. */
export const worklistSorts = ['name', 'age-ascending', 'age-descending', 'most-overdue'] as const;
export type WorklistSort = (typeof worklistSorts)[number];

/**
 * Which residents of a worklist to show, print or export: words of the name, the health ID or the address (any
 * order, diacritics optional), sex, an age range in completed years, and for the due list one vaccine.
 */
export const worklistFilter = z.strictObject({
  text: z.string().trim().max(100).optional(),
  sex: z.enum(['male', 'female']).optional(),
  minAgeYears: z.int().min(0).max(150).optional(),
  maxAgeYears: z.int().min(0).max(150).optional(),
  vaccineCode: z.string().max(32).optional(),
});
export type WorklistFilter = z.infer<typeof worklistFilter>;

/** One worklist read through a filter, in an order. */
const worklistQuery = {
  kind: z.enum(worklistKinds),
  onDate: isoDate.optional(),
  filter: worklistFilter.optional(),
  sort: z.enum(worklistSorts).optional(),
};

const userName = z.string().min(1).max(100);
const password = z.string().min(1).max(200);
const id = z.string().min(1).max(40);

/** An absolute folder path on this PC (POSIX or Windows, drive or UNC share). */
const backupFolder = z
  .string()
  .min(1)
  .max(1024)
  .refine((path) => !path.includes('\0') && /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path), {
    message: 'Cần đường dẫn đầy đủ tới thư mục sao lưu, ví dụ E:\\SaoLuu hoặc /media/usb/saoluu.',
  });
/**
 * A sync server's address: https, or http only to this computer itself (a server on the same machine, tests).
 * No path, query or credentials.
 */
const serverAddress = z
  .string()
  .trim()
  .max(200)
  .regex(
    /^(https:\/\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?|http:\/\/(127\.0\.0\.1|localhost|\[::1\]))(:\d{1,5})?\/?$/i,
    {
      message: 'Địa chỉ máy chủ dạng https://ten-may-chu (do bộ phận CNTT cung cấp), không kèm đường dẫn.',
    },
  )
  .transform((text) => text.replace(/\/$/, '').toLowerCase());
/** A local time of day, 24-hour 'HH:MM'. */
const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Giờ sao lưu hằng ngày dạng HH:MM, ví dụ 12:00.' });

/**
 * The station API (DESIGN.md §2): the one typed map between the station app (renderer) and the station core. Every
 * command has a zod schema for its arguments, which the core validates on arrival (the renderer is untrusted), and a
 * result type. Authorization and audit happen in the core. Transports (the Electron IPC bridge, the loopback
 * WebSocket, the in-process adapter) carry `{ command, args }` and answer `StationAnswer`s; events flow the other
 * way. Errors are `Issue`s with stable codes and Vietnamese messages.
 *
 * Every command here with the schema of its arguments; `StationCommandResults` gives its result.
 */
export const stationCommandArgs = {
  /** Which station this is, answered before anyone signs in (the sign-in screen names it). */
  'station.info': z.strictObject({}),
  /** Who is signed in on this station, if anyone. */
  'session.status': z.strictObject({}),
  /** First start: enrols this device with an admin's one-time code (before anyone can sign in); a `label` names it. */
  'device.enrol': z.strictObject({
    code: z.string().trim().min(4).max(64),
    label: z.string().trim().min(1).max(100).optional(),
    /** The sync server to enrol with, when not the one configured at installation. */
    serverUrl: serverAddress.optional(),
  }),
  /** Online against the server when reachable; offline for staff who signed in on this station before. */
  'session.login': z.strictObject({ userName, password }),
  /** Required at first login and after a reset (online only: the server owns passwords). */
  'session.changePassword': z.strictObject({ currentPassword: password, newPassword: password }),
  'session.logout': z.strictObject({}),
  /** Art. 23: lock my own account everywhere, after the person confirmed; signs them out. Needs the server. */
  'session.lockOwnAccount': z.strictObject({ confirmed: z.literal(true) }),
  /** Art. 23: report misuse to the admins of my unit, and lock my account too if asked. Needs the server. */
  'session.reportMisuse': misuseReportRequest.extend({ lockAccount: z.boolean() }),
  /** Search as you type: name without diacritics ("nguyen van a"), CCCD, health ID, BHYT card, phone. */
  'residents.search': z.strictObject({
    query: z.string().max(100),
    limit: z.int().min(1).max(200).optional(),
  }),
  'residents.get': z.strictObject({ id }),
  'residents.findDuplicates': z.strictObject({ draft: residentDraft }),
  /** The resident's record or one of their exams was printed (an access-log event, like a read). */
  'residents.printed': z.strictObject({ id }),
  'residents.register': z.strictObject({
    draft: residentDraft,
    acknowledgedDuplicateIds: z.array(id).max(50).readonly().optional(),
  }),
  /**
   * Changes a resident's own data (part A) or history (part B). A changed birth date or sex needs `correctionReason`;
   * changed identifiers are checked for duplicates again, refused with the candidates unless each was acknowledged.
   */
  'residents.update': z.strictObject({
    id,
    changes: residentDraft.partial(),
    /** Optional fields to remove; a field both changed and cleared keeps its change. */
    clear: z.array(z.enum(clearableResidentFields)).max(clearableResidentFields.length).readonly().optional(),
    correctionReason: requiredText(TEXT_LIMITS.line).optional(),
    acknowledgedDuplicateIds: z.array(id).max(50).readonly().optional(),
  }),
  /** Art. 8.2, after the health worker confirmed. */
  'residents.markMovedAway': z.strictObject({
    id,
    movedOutTo: communeCode.optional(),
    confirmed: z.literal(true),
  }),
  'residents.markDeceased': z.strictObject({ id, deathDate: partialDate, confirmed: z.literal(true) }),
  /** A new draft exam (no `id`) or changes to a draft. */
  'exams.saveDraft': z.strictObject({ id: id.optional(), draft: examDraft }),
  /** Signs a draft: from then on it is read-only. */
  'exams.sign': z.strictObject({ id }),
  /** A new draft amending a signed exam. */
  'exams.amend': z.strictObject({ id }),
  /**
   * Records a dose after the schedule's safety checks (`doseSafety`): what cannot have happened is refused; what the
   * schedule questions is refused too unless `reason` says why it was given so (kept with the dose). With
   * `notVaccinated`, notes "Chưa chủng ngừa" for that dose on `entry.date` instead (`notVaccinatedSafety`).
   */
  'immunizations.record': z.strictObject({
    entry: immunizationEntry,
    reason: requiredText(TEXT_LIMITS.line).optional(),
    notVaccinated: z.literal(true).optional(),
  }),
  /** A dose recorded by mistake, after the health worker confirmed: marked, never deleted (it stops counting). */
  'immunizations.markEnteredInError': z.strictObject({ id, confirmed: z.literal(true) }),
  /** The next doses of the child schedule: overdue, due, upcoming (on `onDate`, default today). */
  'immunizations.due': z.strictObject({ personId: id, onDate: isoDate.optional() }),
  /** Art. 8.2 worklists with counts and their first `limit` residents in Vietnamese order (on `onDate`, default today). */
  'worklists.summary': z.strictObject({
    onDate: isoDate.optional(),
    /** How many residents of each list to answer (default 50): a worklist screen asks for more as staff scroll on. */
    limit: z.int().min(1).max(MAX_WORKLIST_RESIDENTS).optional(),
  }),
  /** One worklist, filtered and sorted: the filtered count, the list's whole count and the first `limit` residents. */
  'worklists.list': z.strictObject({
    ...worklistQuery,
    limit: z.int().min(1).max(MAX_WORKLIST_RESIDENTS).optional(),
  }),
  /**
   * The filtered worklist as an Excel workbook (every resident, up to 10,000), recorded in the access log with the
   * list and the number of rows. Text cells can never be read as formulas.
   */
  'worklists.export': z.strictObject(worklistQuery),
  /** Records in the access log that the filtered list was printed (`count` rows). */
  'worklists.printed': z.strictObject({
    kind: z.enum(worklistKinds),
    count: z.int().min(0).max(MAX_WORKLIST_RESIDENTS),
  }),
  'sync.status': z.strictObject({}),
  /** Push and pull everything now ("Đồng bộ ngay"). */
  'sync.now': z.strictObject({}),
  /** The changes not yet accepted by the server, oldest first, with whose record each is. */
  'sync.pending': z.strictObject({ limit: z.int().min(1).max(500).optional() }),
  /** What became of this device's writes the server refused (quarantined) or merged, newest first (online only). */
  'sync.outcomes': z.strictObject({ limit: z.int().min(1).max(MAX_DEVICE_OUTCOMES).optional() }),
  /** The backup settings and the last backup, with its age (Art. 19.3). */
  'backup.status': z.strictObject({}),
  /**
   * Where backups go (an absolute folder: USB disk, network share) and the daily time ('HH:MM', null: no daily;
   * omitted: unchanged, or 12:00 when the first folder is chosen).
   */
  'backup.configure': z.strictObject({ folder: backupFolder, dailyAt: timeOfDay.nullable().optional() }),
  /** Back up now ("Sao lưu ngay"), into `folder` or the configured folder. */
  'backup.now': z.strictObject({ folder: backupFolder.optional() }),
  /**
   * Restore from a backup folder of this device (`…/hssk-backup-…`), after the health worker confirmed: verified now,
   * applied when the station program next starts (the current data is moved aside, never deleted).
   */
  'backup.restore': z.strictObject({ folder: backupFolder, confirmed: z.literal(true) }),
} as const;

export type StationCommand = keyof typeof stationCommandArgs;
/** A command's arguments as the core sees them once parsed (defaults applied, text trimmed). */
export type StationCommandArgs<C extends StationCommand> = z.infer<(typeof stationCommandArgs)[C]>;
/** A command's arguments as a page sends them. */
export type StationCommandInput<C extends StationCommand> = z.input<(typeof stationCommandArgs)[C]>;

/** A signed-in station user as the app shows them. */
export type SessionView = {
  readonly signedIn: boolean;
  readonly userName?: string;
  readonly displayName?: string;
  readonly role?: string;
  readonly orgUnitId?: string;
  /** True when the password must be changed before anything else (first login, after a reset). */
  readonly mustChangePassword?: boolean;
  /** How this session was opened: against the server, or from this station's cached credentials. */
  readonly mode?: 'online' | 'offline';
};

/** One line of the search results list. */
export type ResidentSummary = {
  readonly id: string;
  readonly healthId?: string;
  readonly fullName: string;
  readonly dateOfBirth: Person['dateOfBirth'];
  readonly sex: Person['sex'];
  readonly personalId?: string;
  readonly status: Person['status'];
  readonly address?: string;
};

/** A child on the "vaccinations due" worklist: the doses due or overdue, and whom to call. */
export type DueResidentSummary = ResidentSummary & {
  readonly due: readonly { readonly vaccineCode: string; readonly dose: number; readonly dueDate: string }[];
  /** The first phone of the child's record, else of the caregiver. */
  readonly phone?: string;
  /** The mother, else the father, else the main caregiver. */
  readonly parent?: string;
};

/**
 * A resident of the "hospital follow-ups" worklist: the follow-up appointment a hospital gave (QĐ 130 XML14 or
 * NGAY_TAI_KHAM, from a week ago to a month ahead), the hospital, and the phone to call.
 */
export type FollowUpResidentSummary = ResidentSummary & {
  readonly followUp: { readonly date: string; readonly hospital: string };
  readonly phone?: string;
};

export type ResidentRecord = {
  readonly person: Person;
  readonly encounters: readonly Encounter[];
  readonly immunizations: readonly Immunization[];
};

export type DuplicateCandidateView = {
  readonly person: ResidentSummary;
  readonly reason: 'same-personal-id' | 'same-name-birth-sex';
};

/** The sync state the header and the sync panel show (see the station core's `SyncStatus`). */
export type SyncStatusView = {
  readonly state: 'synced' | 'syncing' | 'pending' | 'offline' | 'needs-attention';
  readonly online: boolean;
  readonly lastPullAt: string | null;
  readonly lastPushAt: string | null;
  readonly lastSyncedAt: string | null;
  readonly pendingChanges: number;
  readonly oldestPendingAt: string | null;
  readonly errors: readonly { collection: string; code: string; message: string; at: string }[];
  /** Documents received per collection since the station started. */
  readonly received: Readonly<Record<string, number>>;
  /** Documents the server had for this station per collection when sync started: a first sync's progress is
   *  received / expected. A collection is absent until the server has said. */
  readonly expected: Readonly<Record<string, number>>;
  /** Seconds until `expected` is received at the link's recent rate; null when nothing is left or not yet known. */
  readonly secondsLeft: number | null;
  readonly clockOffsetMs: number;
  /** Unused health IDs in this device's pools (null until counted): registrations stop at 0 until the server tops up. */
  readonly healthIdsRemaining: number | null;
};

/** One change waiting for the server: which collection and record, whose, since when. */
export type PendingChangeView = {
  readonly collection: string;
  readonly documentId: string;
  /** The resident the record belongs to, when it is a resident or one of their records. */
  readonly personId?: string;
  readonly personName?: string;
  readonly since: string;
};

/** A write of this device that did not stand as sent (see `DeviceOutcome`), with whose record it is. */
export type SyncOutcomeView = DeviceOutcome & {
  readonly personId?: string;
  readonly personName?: string;
};

/** What the settings screen shows of backups. */
export type BackupStatusView = {
  readonly folder: string | null;
  readonly dailyAt: string | null;
  readonly lastBackup: {
    readonly at: string;
    readonly directory: string;
    readonly bytes: number;
  } | null;
  readonly lastFailure: { readonly at: string; readonly code: string; readonly message: string } | null;
  /** Age of the last successful backup in milliseconds, null when there is none. */
  readonly lastBackupAgeMs: number | null;
  readonly running: boolean;
  /** A restore asked for from the app, applied when the station program next starts; null when none. */
  readonly pendingRestore: {
    readonly backupDir: string;
    readonly backupCreatedAt: string;
    readonly requestedAt: string;
    readonly requestedBy: string;
  } | null;
};

/**
 * This station as the sign-in screen shows it; only `locked` and `appVersion` while the replica is locked, and
 * `enrolled: false` with the server address before the device is enrolled.
 */
export type StationInfoView = {
  readonly locked: boolean;
  /** False only before the device is enrolled (then `device.enrol` is the one thing to do). */
  readonly enrolled?: boolean;
  readonly appVersion?: string;
  readonly deviceId?: string;
  readonly orgUnitId?: string;
  readonly unitName?: string;
  readonly facilityCode?: string;
  /** The sync server this station syncs with. */
  readonly serverUrl?: string;
};

export type StationCommandResults = {
  'station.info': StationInfoView;
  'session.status': SessionView;
  'device.enrol': StationInfoView;
  'session.login': SessionView;
  'session.changePassword': SessionView;
  'session.logout': SessionView;
  'session.lockOwnAccount': SessionView;
  'session.reportMisuse': SessionView;
  'residents.search': { readonly residents: readonly ResidentSummary[] };
  'residents.get': ResidentRecord;
  'residents.findDuplicates': { readonly candidates: readonly DuplicateCandidateView[] };
  'residents.printed': Record<string, never>;
  'residents.register': { readonly person: Person };
  'residents.update': { readonly person: Person };
  'residents.markMovedAway': { readonly person: Person };
  'residents.markDeceased': { readonly person: Person };
  'exams.saveDraft': { readonly encounter: Encounter };
  'exams.sign': { readonly encounter: Encounter };
  'exams.amend': { readonly encounter: Encounter };
  /** `warnings`: what the health worker should check (a vaccine outside the schedule, a dose past the series…). */
  'immunizations.record': { readonly immunization: Immunization; readonly warnings: readonly StationIssue[] };
  'immunizations.markEnteredInError': { readonly immunization: Immunization };
  'immunizations.due': { readonly due: readonly ImmunizationDue[] };
  'worklists.summary': {
    readonly lists: readonly {
      kind: WorklistKind;
      count: number;
      residents: readonly (ResidentSummary | DueResidentSummary | FollowUpResidentSummary)[];
    }[];
  };
  'worklists.list': {
    readonly kind: WorklistKind;
    /** Residents matching the filter. */
    readonly count: number;
    /** Residents on the list before filtering. */
    readonly total: number;
    readonly residents: readonly (ResidentSummary | DueResidentSummary | FollowUpResidentSummary)[];
  };
  'worklists.export': { readonly fileName: string; readonly rows: number; readonly xlsxBase64: string };
  'worklists.printed': Record<string, never>;
  'sync.status': SyncStatusView;
  'sync.now': SyncStatusView;
  'sync.pending': { readonly changes: readonly PendingChangeView[]; readonly total: number };
  'sync.outcomes': { readonly outcomes: readonly SyncOutcomeView[] };
  'backup.status': BackupStatusView;
  'backup.configure': BackupStatusView;
  'backup.now': BackupStatusView;
  'backup.restore': BackupStatusView;
};

/** Events the core pushes to the app. */
export type StationEvents = {
  'sync.status': SyncStatusView;
  'session.changed': SessionView;
};

/** An issue as it crosses the boundary. */
export type StationIssue = {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  /** The values in the message (minutes left of a lockout, …), for an app that formats them itself. */
  readonly params?: Readonly<Record<string, string | number>>;
};

/** The answer to one command: its result, or why not (with duplicate candidates when a registration was held). */
export type StationAnswer<C extends StationCommand> =
  | { readonly ok: true; readonly value: StationCommandResults[C] }
  | {
      readonly ok: false;
      readonly errors: readonly StationIssue[];
      readonly candidates?: readonly DuplicateCandidateView[];
    };

/**
 * The station API as a page uses it, whichever transport carries it: `call` checks a command's arguments at compile
 * time, and every call is answered (an unreachable core is an answer with an issue, never a throw).
 */
export type StationApi = {
  call<C extends StationCommand>(command: C, args: StationCommandInput<C>): Promise<StationAnswer<C>>;
  subscribe<E extends keyof StationEvents>(
    event: E,
    listener: (payload: StationEvents[E]) => void,
  ): () => void;
};

/**
 * What a transport hands untrusted input to: the core, which checks the command name and parses its arguments
 * itself. Every endpoint is also a `StationApi`.
 */
export type StationEndpoint = {
  call<C extends StationCommand>(command: C, args: unknown): Promise<StationAnswer<C>>;
  subscribe: StationApi['subscribe'];
};

/** Where the link between the app and its station core stands (the header shows it: nothing works without it). */
export type StationConnection =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'ready' }
  /** Dropped (the core stopped or restarted); it comes back on its own. */
  | { readonly kind: 'lost'; readonly message?: string }
  /** Refused for good (a wrong launch secret, a core that keeps crashing): a person must act. */
  | { readonly kind: 'refused'; readonly code: string; readonly message: string };

/**
 * What the desktop app's preload exposes to the page as `window.hsskStation`: the station API over IPC, and the
 * state of the link to the core (sent on every change and whenever the page has loaded).
 */
export type StationBridge = StationApi & {
  onConnection(listener: (state: StationConnection) => void): () => void;
  /**
   * The desktop app's folder picker (the system dialog, which can also create a folder): the chosen absolute path,
   * or null when cancelled. Absent in a browser, where the path is typed.
   */
  pickFolder?(title: string): Promise<string | null>;
};
