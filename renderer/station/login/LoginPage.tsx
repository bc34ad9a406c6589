import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { stationCommandArgs, type StationIssue } from '#shared/station-api/station-api.ts';
import { FieldItem } from '../../common/forms/FieldItem.tsx';
import { formErrorMap } from '../../common/forms/form-error-map.ts';
import { useStation } from '../app/station-context.ts';
import { LockoutNotice, isLockout } from './LockoutNotice.tsx';

const loginArgs = stationCommandArgs['session.login'];
type LoginValues = { userName: string; password: string };

/** Sign-in, online or offline (the core decides which); the core's refusal is shown as it says it. */
export function LoginPage() {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const login = useStore(station.session, (s) => s.login);
  const [issues, setIssues] = useState<readonly StationIssue[]>([]);
  const { control, handleSubmit, formState } = useForm<LoginValues>({
    resolver: zodResolver(loginArgs, { error: formErrorMap(t('register.required'), i18n.language) }),
    defaultValues: { userName: '', password: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    setIssues(await login(values.userName.trim(), values.password));
  });
  const first = issues[0];
  return (
    <div className="hssk-centre">
      <Card
        className="hssk-login-card"
        title={<Typography.Title level={3}>{t('login.title')}</Typography.Title>}
      >
        <Typography.Paragraph type="secondary">{t('app.title')}</Typography.Paragraph>
        <Form layout="vertical" component={false}>
          <form onSubmit={(event) => void onSubmit(event)} noValidate>
            <FieldItem label={t('login.userName')} error={formState.errors.userName} required>
              <Controller
                name="userName"
                control={control}
                render={({ field }) => (
                  <Input {...field} id="login-user-name" autoComplete="username" autoFocus />
                )}
              />
            </FieldItem>
            <FieldItem label={t('login.password')} error={formState.errors.password} required>
              <Controller
                name="password"
                control={control}
                render={({ field }) => (
                  <Input.Password {...field} id="login-password" autoComplete="current-password" />
                )}
              />
            </FieldItem>
            {first === undefined ? null : isLockout(first) ? (
              <LockoutNotice issue={first} clock={station.clock} />
            ) : (
              <Alert type="error" showIcon message={first.message} role="alert" className="hssk-form-alert" />
            )}
            <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
              {t('login.submit')}
            </Button>
          </form>
        </Form>
        <Typography.Paragraph type="secondary" className="hssk-hint">
          {t('login.offlineHint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
