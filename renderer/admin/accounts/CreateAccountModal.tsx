import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { OrgUnit } from '#shared/org-units/org-unit.ts';
import { FieldItem } from '../../common/forms/FieldItem.tsx';
import { formErrorMap } from '../../common/forms/form-error-map.ts';
import type { AdminProblem } from '../api/admin-http.ts';
import { useConsole } from '../state/console-context.ts';
import { roleLabel } from '../ui/labels.ts';
import { OneTimeSecret } from '../ui/OneTimeSecret.tsx';
import { accountRoles, rolesWithin, unitsForRole, type AccountRole } from './account-form.ts';

type CreateValues = { fullName: string; role: AccountRole; orgUnitId: string };
type Created = { readonly displayName: string; readonly userName: string; readonly initialPassword: string };

/**
 * Creates an account (Art. 7): full name, role and unit; the user name the server derives from the name and the unit's
 * facility code is shown as soon as they are chosen, and only its part after the facility code may be edited
 * (lower-case letters and digits; the server checks the rule again). The one-time initial password is shown once, with
 * copy buttons.
 */
export function CreateAccountModal(props: {
  open: boolean;
  units: readonly OrgUnit[];
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const roles = rolesWithin(props.units);
  const [problem, setProblem] = useState<AdminProblem | undefined>(undefined);
  const [created, setCreated] = useState<Created | undefined>(undefined);
  const createForm = z.object({
    fullName: z.string().trim().min(1, t('admin.accounts.fullNameRequired')).max(100),
    role: z.enum(accountRoles, t('admin.accounts.roleRequired')),
    orgUnitId: z.string().min(1, t('admin.accounts.unitRequired')),
  });
  const { control, handleSubmit, formState, reset, setValue } = useForm<CreateValues>({
    resolver: zodResolver(createForm, { error: formErrorMap(t('register.required'), i18n.language) }),
    defaultValues: { fullName: '', role: roles[0] ?? 'station-staff', orgUnitId: '' },
  });
  const role = useWatch({ control, name: 'role' });
  const fullName = useWatch({ control, name: 'fullName' });
  const orgUnitId = useWatch({ control, name: 'orgUnitId' });
  const units = unitsForRole(role, props.units);
  // The user name the server would derive now; the admin may edit the part after its prefix (Art. 7.1).
  const [derived, setDerived] = useState<{ userName: string; prefix: string } | undefined>(undefined);
  const [local, setLocal] = useState('');
  useEffect(() => {
    setDerived(undefined);
    if (fullName.trim() === '' || orgUnitId === '') return undefined;
    let current = true;
    const timer = setTimeout(() => {
      void api
        .call('accounts.userNamePreview', { fullName: fullName.trim(), role, orgUnitId })
        .then((answer) => {
          if (!current || !answer.ok) return;
          setDerived(answer.value);
          setLocal(answer.value.userName.slice(answer.value.prefix.length));
        });
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, fullName, role, orgUnitId]);
  const close = () => {
    setCreated(undefined);
    setProblem(undefined);
    setDerived(undefined);
    reset();
    props.onClose();
  };
  const onSubmit = handleSubmit(async (values) => {
    const edited = derived !== undefined && `${derived.prefix}${local}` !== derived.userName;
    const answer = await api.call('accounts.create', {
      fullName: values.fullName.trim(),
      role: values.role,
      orgUnitId: values.orgUnitId,
      ...(edited ? { userName: `${derived.prefix}${local}` } : {}),
    });
    if (!answer.ok) {
      setProblem(answer.problem);
      return;
    }
    setProblem(undefined);
    setCreated({
      displayName: answer.value.account.displayName,
      userName: answer.value.account.userName,
      initialPassword: answer.value.initialPassword,
    });
    props.onCreated();
  });
  return (
    <Modal
      open={props.open}
      title={created === undefined ? t('admin.accounts.createTitle') : t('admin.accounts.createdTitle')}
      onCancel={close}
      destroyOnHidden
      footer={
        created === undefined ? (
          <>
            <Button onClick={close}>{t('admin.cancel')}</Button>
            <Button type="primary" loading={formState.isSubmitting} onClick={() => void onSubmit()}>
              {t('admin.accounts.createSubmit')}
            </Button>
          </>
        ) : (
          <Button type="primary" onClick={close}>
            {t('admin.accounts.close')}
          </Button>
        )
      }
    >
      {created === undefined ? (
        <Form layout="vertical" component={false}>
          <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="create-account-form">
            <Typography.Paragraph type="secondary">{t('admin.accounts.derivedHint')}</Typography.Paragraph>
            <FieldItem label={t('admin.accounts.fullName')} error={formState.errors.fullName} required>
              <Controller
                name="fullName"
                control={control}
                render={({ field }) => (
                  <Input {...field} id="account-full-name" autoComplete="off" autoFocus />
                )}
              />
            </FieldItem>
            <FieldItem label={t('admin.accounts.role')} error={formState.errors.role} required>
              <Controller
                name="role"
                control={control}
                render={({ field }) => (
                  <Select
                    {...field}
                    id="account-role"
                    options={roles.map((value) => ({ value, label: roleLabel(value, t) }))}
                    onChange={(value: AccountRole) => {
                      field.onChange(value);
                      setValue('orgUnitId', '');
                    }}
                  />
                )}
              />
            </FieldItem>
            <FieldItem label={t('admin.accounts.unit')} error={formState.errors.orgUnitId} required>
              <Controller
                name="orgUnitId"
                control={control}
                render={({ field }) => (
                  <Select
                    {...field}
                    id="account-unit"
                    showSearch
                    optionFilterProp="label"
                    value={field.value === '' ? undefined : field.value}
                    placeholder={t('admin.accounts.unitRequired')}
                    options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
                  />
                )}
              />
            </FieldItem>
            <FieldItem label={t('admin.accounts.userName')}>
              {derived === undefined ? (
                <Typography.Text type="secondary" data-testid="user-name-waiting">
                  {t('admin.accounts.userNameWaiting')}
                </Typography.Text>
              ) : (
                <Space.Compact block>
                  <Input value={derived.prefix} disabled className="hssk-user-name-prefix" aria-hidden />
                  <Input
                    id="account-user-name"
                    value={local}
                    maxLength={40}
                    title={t('admin.accounts.userNameEdit')}
                    onChange={(event) => {
                      setLocal(event.target.value.toLowerCase().replace(/[^a-z0-9]/g, ''));
                    }}
                  />
                </Space.Compact>
              )}
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
            <button type="submit" hidden />
          </form>
        </Form>
      ) : (
        <OneTimeSecret
          warning={t('admin.accounts.shownOnce')}
          items={[
            { label: t('admin.accounts.columns.name'), value: created.displayName, testId: 'created-name' },
            { label: t('admin.accounts.userName'), value: created.userName, testId: 'created-user-name' },
            {
              label: t('admin.accounts.initialPassword'),
              value: created.initialPassword,
              testId: 'created-password',
            },
          ]}
        />
      )}
    </Modal>
  );
}
