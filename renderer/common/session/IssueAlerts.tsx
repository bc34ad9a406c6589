import { Alert } from 'antd';
import { Fragment, type ReactNode } from 'react';
import type { Issue } from '#shared/errors/issue.ts';

/**
 * The refusals of a submitted form, one error alert each, as their Vietnamese message says; `special` may show an
 * issue its own way (a lockout with its countdown) by answering something other than undefined.
 */
export function IssueAlerts(props: {
  readonly issues: readonly Issue[];
  readonly special?: ((issue: Issue) => ReactNode) | undefined;
}) {
  return props.issues.map((issue) => (
    <Fragment key={issue.code}>
      {props.special?.(issue) ?? (
        <Alert type="error" showIcon role="alert" message={issue.message} className="hssk-form-alert" />
      )}
    </Fragment>
  ));
}
