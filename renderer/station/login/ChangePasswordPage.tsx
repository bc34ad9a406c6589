import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useStore } from 'zustand';
import { checkPassword } from '#shared/accounts/password-policy.ts';
import { stationCommandArgs, type StationIssue } from '#shared/station-api/station-api.ts';
import { FieldItem } from '../../common/forms/FieldItem.tsx';
import { formErrorMap } from '../../common/forms/form-error-map.ts';
import { useStation } from '../app/station-context.ts';
import { PasswordRulesChecklist } from '../../common/accounts/PasswordRulesChecklist.tsx';

type ChangeValues = { currentPassword: string; newPassword: string; confirmPassword: string };

/** The forced password change (first sign-in, after a reset): the policy's rules are ticked live as one types. */
export function ChangePasswordPage({ userName }: { userName: string }) {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const changePassword = useStore(station.session, (s) => s.changePassword);
  const logout = useStore(station.session, (s) => s.logout);
  const [issues, setIssues] = useState<readonly StationIssue[]>([]);
  const schema = stationCommandArgs['session.changePassword']
    .extend({ confirmPassword: z.string() })
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
    setIssues(await changePassword(values.currentPassword, values.newPassword));
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
            {issues.map((issue) => (
              <Alert
                key={issue.code}
                type="error"
                showIcon
                role="alert"
                message={issue.message}
                className="hssk-form-alert"
              />
            ))}
            <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
              {t('changePassword.submit')}
            </Button>
            <Button type="link" block onClick={() => void logout()}>
              {t('nav.logout')}
            </Button>
          </form>
        </Form>
      </Card>
    </div>
  );
}
