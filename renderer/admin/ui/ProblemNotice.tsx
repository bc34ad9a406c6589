import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AdminProblem } from '../api/admin-http.ts';

/**
 * Why something could not be shown, plainly: a refusal (403) says the account may not see it; a route the server does
 * not have says so; anything else shows the server's own message.
 */
export function ProblemNotice({ problem }: { problem: AdminProblem }) {
  const { t } = useTranslation();
  if (problem.status === 403)
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="forbidden"
        message={t('admin.problem.forbiddenTitle')}
        description={problem.message === '' ? t('admin.problem.forbidden') : problem.message}
      />
    );
  if (problem.code === 'route-not-found')
    return <Alert type="info" showIcon message={t('admin.problem.notAvailable')} />;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={t('admin.problem.failedTitle')}
      description={problem.message}
    />
  );
}
