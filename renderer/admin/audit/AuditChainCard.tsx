import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/format/format-date.ts';
import type { AdminProblem } from '../api/admin-http.ts';
import {
  auditBreakReasons,
  type AuditBreakReason,
  type AuditVerification,
} from '#shared/server-api/audit.ts';
import { useConsole } from '../state/console-context.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { useAdminQuery } from '../ui/use-admin-query.ts';

const isBreakReason = (reason: string | undefined): reason is AuditBreakReason =>
  (auditBreakReasons as readonly (string | undefined)[]).includes(reason);

/**
 * The audit chain's integrity (city and IT admins): the last verification, read when the page opens (nothing is
 * walked then), and the admin's choice to check the entries appended since it, or the whole chain again.
 */
export function AuditChainCard({ mayVerify }: { mayVerify: boolean }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const latest = useAdminQuery('audit-verification', () => api.call('audit.verification', {}), {
    enabled: mayVerify,
  });
  const [running, setRunning] = useState<'new' | 'full' | undefined>(undefined);
  const [ran, setRan] = useState<AuditVerification | undefined>(undefined);
  const [problem, setProblem] = useState<AdminProblem | undefined>(undefined);

  async function verify(full: boolean) {
    setRunning(full ? 'full' : 'new');
    const answer = await api.call('audit.verify', { full });
    setRunning(undefined);
    if (!answer.ok) {
      setProblem(answer.problem);
      return;
    }
    setProblem(undefined);
    setRan(answer.value);
  }

  const shown = ran ?? (latest.state.status === 'ok' ? (latest.state.value.latest ?? null) : undefined);
  return (
    <Card
      title={t('admin.audit.chainTitle')}
      extra={
        mayVerify ? (
          <Space wrap>
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={running === 'new'}
              disabled={running !== undefined}
              onClick={() => void verify(false)}
            >
              {t('admin.audit.verifyNew')}
            </Button>
            <Button
              loading={running === 'full'}
              disabled={running !== undefined}
              onClick={() => void verify(true)}
            >
              {t('admin.audit.verifyFull')}
            </Button>
          </Space>
        ) : null
      }
    >
      {!mayVerify ? (
        <Alert type="info" showIcon message={t('admin.audit.chainNotAllowed')} />
      ) : problem !== undefined ? (
        <ProblemNotice problem={problem} />
      ) : latest.state.status === 'failed' ? (
        <ProblemNotice problem={latest.state.problem} />
      ) : running !== undefined ? (
        <Typography.Text type="secondary">{t('admin.audit.verifying')}</Typography.Text>
      ) : shown === undefined ? (
        <Typography.Text type="secondary">{t('admin.loading')}</Typography.Text>
      ) : shown === null ? (
        <Alert type="warning" showIcon data-testid="audit-chain" message={t('admin.audit.neverVerified')} />
      ) : (
        <Space direction="vertical" className="hssk-page">
          {shown.ok ? (
            <Alert
              type="success"
              showIcon
              data-testid="audit-chain"
              data-chain-ok="true"
              message={t('admin.audit.chainOk', { entries: shown.entries.toLocaleString('vi-VN') })}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="audit-chain"
              data-chain-ok="false"
              message={t('admin.audit.chainBroken', {
                seq: (shown.firstBrokenSeq ?? 0).toLocaleString('vi-VN'),
                reason: isBreakReason(shown.reason)
                  ? t(`admin.audit.breakReasons.${shown.reason}`)
                  : (shown.reason ?? ''),
              })}
            />
          )}
          <Typography.Text type="secondary" data-testid="audit-chain-when">
            {t('admin.audit.lastVerified', {
              when: formatDateTime(shown.finishedAt),
              checked: shown.checked.toLocaleString('vi-VN'),
              scope: shown.full ? t('admin.audit.scopeFull') : t('admin.audit.scopeNew'),
            })}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}
