import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useStore } from 'zustand';
import { FieldItem } from '../../common/forms/FieldItem.tsx';
import { formErrorMap } from '../../common/forms/form-error-map.ts';
import type { AdminProblem } from '../api/admin-http.ts';
import { useConsole } from '../app/console-context.ts';

const loginForm = z.object({ userName: z.string().trim().min(1), password: z.string().min(1) });
type LoginValues = z.infer<typeof loginForm>;

/** Sign-in with a user name and password; the server's refusal (wrong password, lockout) is shown as it says it. */
export function ConsoleLoginPage({ notice }: { notice?: AdminProblem | undefined }) {
  const { t, i18n } = useTranslation();
  const { session } = useConsole();
  const login = useStore(session, (s) => s.login);
  const [problem, setProblem] = useState<AdminProblem | undefined>(undefined);
  const { control, handleSubmit, formState } = useForm<LoginValues>({
    resolver: zodResolver(loginForm, { error: formErrorMap(t('register.required'), i18n.language) }),
    defaultValues: { userName: '', password: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(await login(values.userName, values.password));
  });
  return (
    <div className="hssk-centre">
      <Card
        className="hssk-login-card"
        title={<Typography.Title level={3}>{t('admin.login.title')}</Typography.Title>}
      >
        <Typography.Paragraph type="secondary">{t('admin.login.intro')}</Typography.Paragraph>
        {notice === undefined || problem !== undefined ? null : (
          <Alert
            type="warning"
            showIcon
            message={t('admin.login.sessionEnded')}
            description={notice.message}
            className="hssk-form-alert"
          />
        )}
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
            {problem === undefined ? null : (
              <Alert
                type="error"
                showIcon
                role="alert"
                message={problem.message}
                className="hssk-form-alert"
              />
            )}
            <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
              {t('login.submit')}
            </Button>
          </form>
        </Form>
      </Card>
    </div>
  );
}
