import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Issue } from '#shared/errors/issue.ts';
import { FieldItem } from '../forms/FieldItem.tsx';
import { formErrorMap } from '../forms/form-error-map.ts';
import { IssueAlerts } from './IssueAlerts.tsx';

export type SignInValues = { userName: string; password: string };

/**
 * The sign-in screen of both apps: user name and password, checked with the app's `schema`, then `signIn` with the
 * user name trimmed; the first refusal it answers is shown (through `special` when that shows it its own way).
 * `notice` (why the last session ended) shows until a refusal replaces it.
 */
export function SignInPage(props: {
  readonly title: string;
  readonly intro: string;
  readonly schema: z.ZodType<SignInValues, SignInValues>;
  readonly signIn: (userName: string, password: string) => Promise<readonly Issue[]>;
  readonly notice?: ReactNode;
  readonly special?: ((issue: Issue) => ReactNode) | undefined;
  readonly hint?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const { control, handleSubmit, formState } = useForm<SignInValues>({
    resolver: zodResolver(props.schema, { error: formErrorMap(t('register.required'), i18n.language) }),
    defaultValues: { userName: '', password: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    setIssues(await props.signIn(values.userName.trim(), values.password));
  });
  return (
    <div className="hssk-centre">
      <Card className="hssk-login-card" title={<Typography.Title level={3}>{props.title}</Typography.Title>}>
        <Typography.Paragraph type="secondary">{props.intro}</Typography.Paragraph>
        {issues.length === 0 ? props.notice : null}
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
            <IssueAlerts issues={issues.slice(0, 1)} special={props.special} />
            <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
              {t('login.submit')}
            </Button>
          </form>
        </Form>
        {props.hint === undefined ? null : (
          <Typography.Paragraph type="secondary" className="hssk-hint">
            {props.hint}
          </Typography.Paragraph>
        )}
      </Card>
    </div>
  );
}
