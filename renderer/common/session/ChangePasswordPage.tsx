import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { checkPassword } from '#shared/accounts/password-policy.ts';
import type { Issue } from '#shared/errors/issue.ts';
import { PasswordRulesChecklist } from '../accounts/PasswordRulesChecklist.tsx';
import { FieldItem } from '../forms/FieldItem.tsx';
import { formErrorMap } from '../forms/form-error-map.ts';
import { IssueAlerts } from './IssueAlerts.tsx';

type ChangeValues = { currentPassword: string; newPassword: string; confirmPassword: string };

/** The passwords of a change as the app checks them before asking (each app's own length limits). */
export type PasswordFields = z.ZodObject<{ currentPassword: z.ZodString; newPassword: z.ZodString }>;

/**
 * The forced password change of both apps (first sign-in, after a reset; nothing else is open until then): the
 * policy's rules tick live as one types, the confirmation must match, and `change` (which checks them again) answers
 * its refusals, each shown. Signing out instead is offered below.
 */
export function ChangePasswordPage(props: {
  readonly userName: string;
  readonly fields: PasswordFields;
  readonly change: (currentPassword: string, newPassword: string) => Promise<readonly Issue[]>;
  readonly signOut: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const { userName } = props;
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const schema = props.fields.extend({ confirmPassword: z.string() }).superRefine((values, ctx) => {
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
    setIssues(await props.change(values.currentPassword, values.newPassword));
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
            <IssueAlerts issues={issues} />
            <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
              {t('changePassword.submit')}
            </Button>
            <Button type="link" block onClick={() => void props.signOut()}>
              {t('nav.logout')}
            </Button>
          </form>
        </Form>
      </Card>
    </div>
  );
}
