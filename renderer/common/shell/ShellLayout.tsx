import { Button, Layout, Menu, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { languages } from '../i18n/create-i18n.ts';

/** A menu entry of the shell, by key. */
export type ShellMenuItem = { readonly key: string; readonly label: string };

/**
 * The signed-in frame of both apps: a header whose first row holds the app's name and unit, the app's `status`
 * (the station's sync state), then who is signed in (`user`), the language and sign-out; the menu as the second row
 * (each row laid out on its own, so a longer status never moves the menu); an optional `banner`; the screen below.
 */
export function ShellLayout(props: {
  readonly title: string;
  readonly unit: ReactNode;
  readonly status?: ReactNode;
  readonly user: ReactNode;
  readonly signOut: () => Promise<void>;
  /** Art. 23 actions of the signed-in person (report misuse, lock the own account), beside sign-out. */
  readonly accountSafety?: ReactNode;
  readonly menu: readonly ShellMenuItem[];
  readonly selected: string;
  readonly onSelect: (key: string) => void;
  readonly banner?: ReactNode;
  readonly children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Layout className="hssk-shell">
      <header className="hssk-header">
        <div className="hssk-header-top">
          <div className="hssk-brand">
            <Typography.Text strong>{props.title}</Typography.Text>
            {props.unit}
          </div>
          {props.status}
          <Space className="hssk-header-user">
            {props.user}
            <Select
              size="small"
              aria-label={t('app.language')}
              value={i18n.language}
              options={languages.map((code) => ({ value: code, label: code.toUpperCase() }))}
              onChange={(code: string) => void i18n.changeLanguage(code)}
            />
            {props.accountSafety}
            <Button size="small" onClick={() => void props.signOut()}>
              {t('nav.logout')}
            </Button>
          </Space>
        </div>
        <Menu
          mode="horizontal"
          disabledOverflow
          className="hssk-menu"
          selectedKeys={[props.selected]}
          items={props.menu.map((item) => ({ key: item.key, label: item.label }))}
          onClick={({ key }) => {
            props.onSelect(key);
          }}
        />
      </header>
      {props.banner}
      <Layout.Content className="hssk-content">{props.children}</Layout.Content>
    </Layout>
  );
}
