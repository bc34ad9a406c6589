import { Alert, Button, Layout, Menu, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import { languages } from '../../common/i18n/create-i18n.ts';
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
import { useStation } from './station-context.ts';

const menuRoutes = ['home', 'residents', 'register', 'sync', 'settings'] as const;

/** The working screens: a header with the station, the sync state and the user; the current screen below. */
export function AppShell() {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const route = useStore(station.navigation, (s) => s.route);
  const visit = useStore(station.navigation, (s) => s.visit);
  const go = useStore(station.navigation, (s) => s.go);
  const view = useStore(station.session, (s) => s.view);
  const logout = useStore(station.session, (s) => s.logout);
  const unitName = hanoiOrgUnits().find((unit) => unit.id === view?.orgUnitId)?.name;
  return (
    <Layout className="hssk-shell">
      {/* Two rows, each laid out on its own, so a longer sync label never moves the menu. */}
      <header className="hssk-header">
        <div className="hssk-header-top">
          <div className="hssk-brand">
            <Typography.Text strong>{t('app.title')}</Typography.Text>
            <Typography.Text type="secondary">{unitName ?? t('app.stationOf')}</Typography.Text>
          </div>
          <SyncIndicator />
          <Space>
            <Typography.Text data-testid="signed-in-user">
              {view?.displayName ?? view?.userName}
            </Typography.Text>
            <Select
              size="small"
              aria-label={t('app.language')}
              value={i18n.language}
              options={languages.map((code) => ({ value: code, label: code.toUpperCase() }))}
              onChange={(code: string) => void i18n.changeLanguage(code)}
            />
            <Button size="small" onClick={() => void logout()}>
              {t('nav.logout')}
            </Button>
          </Space>
        </div>
        <Menu
          mode="horizontal"
          disabledOverflow
          className="hssk-menu"
          selectedKeys={[menuKeyOf(route)]}
          items={menuRoutes.map((name) => ({ key: name, label: t(`nav.${name}`) }))}
          onClick={({ key }) => {
            go({ name: key as (typeof menuRoutes)[number] });
          }}
        />
      </header>
      {view?.mode === 'offline' ? <Alert banner type="warning" message={t('login.signedInOffline')} /> : null}
      <Layout.Content className="hssk-content">
        <Screen key={visit} route={route} />
      </Layout.Content>
    </Layout>
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
      return <ResidentSearchPage initialQuery={route.query ?? ''} />;
    case 'register':
      return <RegisterResidentPage />;
    case 'resident':
      return <ResidentRecordPage id={route.id} tab={route.tab ?? 'administrative'} />;
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
