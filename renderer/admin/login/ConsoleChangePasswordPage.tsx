import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useStore } from 'zustand';
import { checkPassword } from '#shared/accounts/password-policy.ts';
import { PasswordRulesChecklist } from '../../common/accounts/PasswordRulesChecklist.tsx';
import { FieldItem } from '../../common/forms/FieldItem.tsx';
import { formErrorMap } from '../../common/forms/form-error-map.ts';
import type { AdminProblem } from '../api/admin-http.ts';
import { useConsole } from '../app/console-context.ts';

type ChangeValues = { currentPassword: string; newPassword: string; confirmPassword: string };

/**
 * The forced password change of a first sign-in or after a reset (the server refuses everything else until then):
 * the policy's rules tick live as one types, and the server checks them again.
 */
export function ConsoleChangePasswordPage({ userName }: { userName: string }) {
  const { t, i18n } = useTranslation();
  const { session } = useConsole();
  const changePassword = useStore(session, (s) => s.changePassword);
  const logout = useStore(session, (s) => s.logout);
  const [problem, setProblem] = useState<AdminProblem | undefined>(undefined);
  const schema = z
    .object({
      currentPassword: z.string().min(1),
      newPassword: z.string().min(1),
      confirmPassword: z.string(),
    })
    .superRefine((values, ctx) => {
      if (!checkPassword(values.newPassword, { userName }).ok)
        ctx.addIssue({ code: 'custom', path: ['newPassword'], message: t('changePassword.policyUnmet') });
      if (values.confirmPassword !== values.newPassword)
        ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: t('changePassword.mismatch') });
    });
  const { control, handleSubmit, formState } = useForm<ChangeValues>({
    resolver: zodResolver(schema, { error: formErrorMap(t('register.required'), i18n.language) }),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const newPassword = useWatch({ control, name: 'newPassword' });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(await changePassword(values.currentPassword, values.newPassword));
  });
  return (
    <div className="hssk-centre">
      <Card
        className="hssk-login-card"
        title={<Typography.Title level={3}>{t('changePassword.title')}</Typography.Title>}
      >
        <Alert type="info" showIcon message={t('changePassword.why')} className="hssk-form-alert" />
        <Form layout="vertical" component={false}>
          <form onSubmit={(event) => void onSubmit(event)} noValidate>
            <FieldItem label={t('changePassword.current')} error={formState.errors.currentPassword} required>
              <Controller
                name="currentPassword"
                control={control}
                render={({ field }) => (
                  <Input.Password
                    {...field}
                    id="current-password"
                    autoComplete="current-password"
                    autoFocus
                  />
                )}
              />
            </FieldItem>
            <FieldItem label={t('changePassword.next')} error={formState.errors.newPassword} required>
              <Controller
                name="newPassword"
                control={control}
                render={({ field }) => (
                  <Input.Password {...field} id="new-password" autoComplete="new-password" />
                )}
              />
            </FieldItem>
            <Typography.Text>{t('changePassword.rules')}</Typography.Text>
            <PasswordRulesChecklist password={newPassword} context={{ userName }} />
            <FieldItem label={t('changePassword.confirm')} error={formState.errors.confirmPassword} required>
              <Controller
                name="confirmPassword"
                control={control}
                render={({ field }) => (
                  <Input.Password {...field} id="confirm-password" autoComplete="new-password" />
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
              {t('changePassword.submit')}
            </Button>
            <Button type="link" block onClick={() => void logout()}>
              {t('admin.nav.logout')}
            </Button>
          </form>
        </Form>
      </Card>
    </div>
  );
}
