import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StationIssue } from '#shared/station-api/station-api.ts';

/**
 * What stops a form from being sent, above its buttons: a reminder to fix the marked fields when the form has
 * field errors, and each issue the station core answered, in its own words (role="alert" for screen readers).
 */
export function FormProblems(props: { hasFieldErrors: boolean; issues: readonly StationIssue[] }) {
  const { t } = useTranslation();
  return (
    <>
      {props.hasFieldErrors ? (
        <Alert type="error" showIcon message={t('register.fixErrors')} className="hssk-form-alert" />
      ) : null}
      {props.issues.map((issue, index) => (
        <Alert
          key={index}
          type="error"
          showIcon
          role="alert"
          message={issue.message}
          className="hssk-form-alert"
        />
      ))}
    </>
  );
}
