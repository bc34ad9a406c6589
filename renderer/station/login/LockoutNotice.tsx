import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '#shared/errors/issue.ts';
import { minutesLeft } from './lockout.ts';

/**
 * The lockout message as the core gives it (it says how long: "Thử lại sau 15 phút"), with a live count of the
 * minutes left when the issue carries the time the lock ends.
 */
export function LockoutNotice({ issue, clock }: { issue: Issue; clock: { now(): Date } }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(clock.now());
    }, 15_000);
    return () => {
      clearInterval(timer);
    };
  }, [clock]);
  const left = minutesLeft(issue, now);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      className="hssk-form-alert"
      data-testid="lockout"
      message={t('login.lockedTitle')}
      description={left === undefined ? issue.message : `${issue.message} (${String(left)}′)`}
    />
  );
}
