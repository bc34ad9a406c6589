import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { AccountSafetyMenu } from '../../common/session/AccountSafetyMenu.tsx';
import { ShellLayout } from '../../common/shell/ShellLayout.tsx';
import type { AccountView } from '#shared/server-api/accounts.ts';
import { AccountsPage } from '../accounts/AccountsPage.tsx';
import { AuditPage } from '../audit/AuditPage.tsx';
import { DevicesPage } from '../devices/DevicesPage.tsx';
import { DuplicatePairPage } from '../duplicates/DuplicatePairPage.tsx';
import { DuplicatesPage } from '../duplicates/DuplicatesPage.tsx';
import { MonitoringPage } from '../monitoring/MonitoringPage.tsx';
import { StationHistoryPage } from '../monitoring/StationHistoryPage.tsx';
import { MergeEntryPage } from '../review/MergeEntryPage.tsx';
import { QuarantineEntryPage } from '../review/QuarantineEntryPage.tsx';
import { CodingQueuePage } from '../coding/CodingQueuePage.tsx';
import { HospitalsPage } from '../hospitals/HospitalsPage.tsx';
import { ResidentPage } from '../residents/ResidentPage.tsx';
import { ReviewPage } from '../review/ReviewPage.tsx';
import type { ConsoleRoute } from '../state/console-route.ts';
import { ProblemNotice } from '../ui/ProblemNotice.tsx';
import { roleLabel } from '../ui/labels.ts';
import { useConsole } from '../state/console-context.ts';
import { menuFor, type MenuKey } from '../state/menu-access.ts';

/** The menu entry a screen belongs to. */
export function menuKeyOf(route: ConsoleRoute): MenuKey {
  switch (route.name) {
    case 'monitoring':
    case 'station':
      return 'monitoring';
    case 'quarantine':
    case 'merges':
      return 'review';
    case 'duplicates':
    case 'residents':
    case 'coding':
    case 'hospitals':
    case 'accounts':
    case 'devices':
    case 'audit':
      return route.name;
  }
}

/** The signed-in console: a header with the admin's unit, name, language and sign-out; the menu; the screen. */
export function ConsoleShell({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { api, navigation, session, orgs } = useConsole();
  const route = useStore(navigation, (s) => s.route);
  const go = useStore(navigation, (s) => s.go);
  const logout = useStore(session, (s) => s.logout);
  const ended = useStore(session, (s) => s.ended);
  const menu = menuFor(account.role);
  const key = menuKeyOf(route);
  return (
    <ShellLayout
      title={t('admin.title')}
      unit={
        <Typography.Text type="secondary" data-testid="scope-unit">
          {orgs.name(account.orgUnitId)}
        </Typography.Text>
      }
      user={
        <>
          <Typography.Text data-testid="signed-in-user">{account.displayName}</Typography.Text>
          <Typography.Text type="secondary">{roleLabel(account.role, t)}</Typography.Text>
        </>
      }
      signOut={logout}
      accountSafety={
        <AccountSafetyMenu
          actions={{
            async lockOwnAccount() {
              const answer = await api.call('auth.requestLock', {});
              if (!answer.ok) return answer.problem.message;
              ended({ status: 401, code: 'account-locked', message: t('accountSafety.locked') });
              return null;
            },
            async reportMisuse(description, lockAccount) {
              const answer = await api.call('auth.reportMisuse', { description, lockAccount });
              if (!answer.ok) return answer.problem.message;
              if (lockAccount)
                ended({ status: 401, code: 'account-locked', message: t('accountSafety.locked') });
              return null;
            },
          }}
        />
      }
      menu={menu.map((name) => ({ key: name, label: t(`admin.nav.${name}`) }))}
      selected={key}
      onSelect={(clicked) => {
        go(routeOfMenu(clicked as MenuKey));
      }}
    >
      {menu.includes(key) ? (
        <Screen route={route} account={account} />
      ) : (
        <ProblemNotice problem={{ status: 403, code: 'forbidden-role', message: '' }} />
      )}
    </ShellLayout>
  );
}

function routeOfMenu(key: MenuKey): ConsoleRoute {
  return key === 'review' ? { name: 'quarantine' } : { name: key };
}

function Screen({ route, account }: { route: ConsoleRoute; account: AccountView }) {
  switch (route.name) {
    case 'monitoring':
      return <MonitoringPage account={account} />;
    case 'station':
      return <StationHistoryPage deviceId={route.deviceId} />;
    case 'quarantine':
      return route.id === undefined ? <ReviewPage tab="quarantine" /> : <QuarantineEntryPage id={route.id} />;
    case 'merges':
      return route.id === undefined ? <ReviewPage tab="merges" /> : <MergeEntryPage id={route.id} />;
    case 'duplicates':
      return route.id === undefined ? (
        <DuplicatesPage state={route.state ?? 'open'} />
      ) : (
        // Keyed: another pair starts with no choices or outcome of the previous one.
        <DuplicatePairPage key={route.id} id={route.id} account={account} />
      );
    case 'residents':
      return <ResidentPage />;
    case 'coding':
      return <CodingQueuePage />;
    case 'hospitals':
      return <HospitalsPage tab={route.tab ?? 'figures'} account={account} />;
    case 'accounts':
      return <AccountsPage account={account} />;
    case 'devices':
      return <DevicesPage account={account} />;
    case 'audit':
      return <AuditPage account={account} />;
  }
}
