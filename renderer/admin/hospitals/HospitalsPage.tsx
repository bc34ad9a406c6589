import { Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { AccountView } from '#shared/server-api/accounts.ts';
import { useConsole } from '../state/console-context.ts';
import { can } from '../state/menu-access.ts';
import { IntakeFiguresTab } from './IntakeFiguresTab.tsx';
import { IntakeReviewTab } from './IntakeReviewTab.tsx';

/**
 * Liên thông bệnh viện (Art. 20): whether the hospitals send their visits the same day — figures per day and per
 * facility, silent facilities, each facility's refusals — and the hospital visits waiting for a district admin to
 * decide who the patient is.
 */
export function HospitalsPage({ tab, account }: { tab: 'figures' | 'review'; account: AccountView }) {
  const { t } = useTranslation();
  const { navigation } = useConsole();
  const go = useStore(navigation, (s) => s.go);
  const reviews = can(account.role, 'intake-review');
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid="hospitals">
      <Typography.Title level={2}>{t('admin.hospitals.title')}</Typography.Title>
      <Tabs
        activeKey={reviews ? tab : 'figures'}
        onChange={(key) => {
          go(key === 'review' ? { name: 'hospitals', tab: 'review' } : { name: 'hospitals' });
        }}
        items={[
          {
            key: 'figures',
            label: t('admin.hospitals.figuresTab'),
            children: <IntakeFiguresTab account={account} />,
          },
          ...(reviews
            ? [
                {
                  key: 'review',
                  label: t('admin.hospitals.reviewTab'),
                  children: <IntakeReviewTab account={account} />,
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
