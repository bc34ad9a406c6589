import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import { AccountSafetyMenu } from '../../common/session/AccountSafetyMenu.tsx';
import { ShellLayout } from '../../common/shell/ShellLayout.tsx';
import { ExamPage } from '../exams/ExamPage.tsx';
import { HomePage } from '../home/HomePage.tsx';
import { ResidentRecordPage } from '../record/ResidentRecordPage.tsx';
import { RegisterResidentPage } from '../residents/RegisterResidentPage.tsx';
import { ResidentSearchPage } from '../residents/ResidentSearchPage.tsx';
import { SettingsPage } from '../settings/SettingsPage.tsx';
import type { Route } from '../state/navigation-store.ts';
import { SyncPanelPage } from '../sync/SyncPanelPage.tsx';
import { WorklistPage } from '../worklists/WorklistPage.tsx';
import { SyncIndicator } from './SyncIndicator.tsx';
import { useStation } from '../state/station-context.ts';

const menuRoutes = ['home', 'residents', 'register', 'sync', 'settings'] as const;

/** The working screens: a header with the station, the sync state and the user; the current screen below. */
export function AppShell() {
  const { t } = useTranslation();
  const station = useStation();
  const route = useStore(station.navigation, (s) => s.route);
  const visit = useStore(station.navigation, (s) => s.visit);
  const go = useStore(station.navigation, (s) => s.go);
  const pending = useStore(station.navigation, (s) => s.pending);
  const confirmLeave = useStore(station.navigation, (s) => s.confirmLeave);
  const stay = useStore(station.navigation, (s) => s.stay);
  const view = useStore(station.session, (s) => s.view);
  const logout = useStore(station.session, (s) => s.logout);
  const unitName = hanoiOrgUnits().find((unit) => unit.id === view?.orgUnitId)?.name;
  return (
    <ShellLayout
      title={t('app.title')}
      unit={<Typography.Text type="secondary">{unitName ?? t('app.stationOf')}</Typography.Text>}
      status={<SyncIndicator />}
      user={
        <Typography.Text data-testid="signed-in-user">{view?.displayName ?? view?.userName}</Typography.Text>
      }
      signOut={logout}
      accountSafety={
        <AccountSafetyMenu
          actions={{
            async lockOwnAccount() {
              const answer = await station.api.call('session.lockOwnAccount', { confirmed: true });
              await station.session.getState().refresh();
              return answer.ok ? null : (answer.errors[0]?.message ?? '');
            },
            async reportMisuse(description, lockAccount) {
              const answer = await station.api.call('session.reportMisuse', { description, lockAccount });
              if (lockAccount) await station.session.getState().refresh();
              return answer.ok ? null : (answer.errors[0]?.message ?? '');
            },
          }}
        />
      }
      menu={menuRoutes.map((name) => ({ key: name, label: t(`nav.${name}`) }))}
      selected={menuKeyOf(route)}
      onSelect={(key) => {
        go({ name: key as (typeof menuRoutes)[number] });
      }}
      banner={
        view?.mode === 'offline' ? <Alert banner type="warning" message={t('login.signedInOffline')} /> : null
      }
    >
      <Screen key={visit} route={route} />
      <Modal
        open={pending !== null}
        title={t('exam.leaveTitle')}
        okText={t('exam.leave')}
        cancelText={t('exam.stay')}
        okButtonProps={{ danger: true }}
        onOk={confirmLeave}
        onCancel={stay}
      >
        <span data-testid="leave-confirmation">{t('exam.leaveExplain')}</span>
      </Modal>
    </ShellLayout>
  );
}

/** The menu entry a screen belongs to: a record, an exam and a worklist open from search or today's work. */
function menuKeyOf(route: Route): string {
  if (route.name === 'resident' || route.name === 'exam') return 'residents';
  if (route.name === 'worklist') return 'home';
  return route.name;
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'residents':
      return <ResidentSearchPage initialQuery={route.query ?? ''} initialScrollTop={route.scrollTop} />;
    case 'register':
      return <RegisterResidentPage />;
    case 'resident':
      return (
        <ResidentRecordPage
          id={route.id}
          tab={route.tab ?? 'administrative'}
          edit={route.edit}
          back={route.back}
        />
      );
    case 'exam':
      return <ExamPage personId={route.personId} examId={route.examId} />;
    case 'worklist':
      return <WorklistPage kind={route.kind} />;
    case 'sync':
      return <SyncPanelPage />;
    case 'settings':
      return <SettingsPage />;
  }
}
