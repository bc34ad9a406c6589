import { Alert, Button, Layout, Menu, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { hanoiOrgUnits } from '../../../shared/org-units/hanoi-org-units.ts';
import { languages } from '../../common/i18n/create-i18n.ts';
import { HomePage } from '../home/HomePage.tsx';
import { RegisterResidentPage } from '../residents/RegisterResidentPage.tsx';
import { ResidentSearchPage } from '../residents/ResidentSearchPage.tsx';
import type { Route } from '../state/navigation-store.ts';
import { SyncIndicator } from './SyncIndicator.tsx';
import { useStation } from './station-context.ts';

const menuRoutes = ['home', 'residents', 'register'] as const;

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
      <header className="hssk-header">
        <div className="hssk-brand">
          <Typography.Text strong>{t('app.title')}</Typography.Text>
          <Typography.Text type="secondary">{unitName ?? t('app.stationOf')}</Typography.Text>
        </div>
        <Menu
          mode="horizontal"
          className="hssk-menu"
          selectedKeys={[route.name]}
          items={menuRoutes.map((name) => ({ key: name, label: t(`nav.${name}`) }))}
          onClick={({ key }) => {
            go({ name: key as (typeof menuRoutes)[number] });
          }}
        />
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
      </header>
      {view?.mode === 'offline' ? <Alert banner type="warning" message={t('login.signedInOffline')} /> : null}
      <Layout.Content className="hssk-content">
        <Screen key={visit} route={route} />
      </Layout.Content>
    </Layout>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'residents':
      return <ResidentSearchPage initialQuery={route.query ?? ''} />;
    case 'register':
      return <RegisterResidentPage />;
  }
}
