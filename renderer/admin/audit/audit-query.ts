import type { AuditQuery } from '../api/admin-api.ts';

/** The audit search form as typed: free text, an action code, and local calendar dates `yyyy-mm-dd`. */
export type AuditForm = {
  readonly targetId: string;
  readonly actor: string;
  /** A user name as typed (the account's acts and those stations credited to it). */
  readonly userName: string;
  /** A resident's health ID (spaces ignored). */
  readonly healthId: string;
  readonly action: string | undefined;
  /** read, print, export, merge or sync. */
  readonly actionGroup: string | undefined;
  readonly fromDate: string | undefined;
  readonly toDate: string | undefined;
};

function localDay(date: string, end: boolean): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const at = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0);
  return at.toISOString();
}

/**
 * The query of `GET /admin/audit` for a form: blank fields are left out, and the dates cover whole local days (from
 * the start of the first to the end of the last).
 */
export function auditQueryOf(form: AuditForm, page: { before?: number; limit: number }): AuditQuery {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    targetId: text(form.targetId),
    actor: text(form.actor),
    userName: text(form.userName),
    healthId: text(form.healthId.replace(/\s+/g, '')),
    action: form.action === undefined || form.action === '' ? undefined : form.action,
    actionGroup: form.actionGroup === undefined || form.actionGroup === '' ? undefined : form.actionGroup,
    from: form.fromDate === undefined ? undefined : localDay(form.fromDate, false),
    to: form.toDate === undefined ? undefined : localDay(form.toDate, true),
    before: page.before,
    limit: page.limit,
  };
}
