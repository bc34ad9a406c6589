import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  stationCommandArgs,
  type StationInfoView,
  type StationIssue,
} from '#shared/station-api/station-api.ts';
import { FieldItem } from '../../common/forms/FieldItem.tsx';
import { formErrorMap } from '../../common/forms/form-error-map.ts';
import { useStation } from '../state/station-context.ts';

/** The command's own rules; the name may be left empty in the form (the core then names the computer). */
const enrolForm = z.object({
  serverUrl: stationCommandArgs['device.enrol'].shape.serverUrl.unwrap(),
  code: stationCommandArgs['device.enrol'].shape.code,
  label: z.string().trim().max(100),
});
type EnrolValues = z.input<typeof enrolForm>;

/**
 * First start of a station that is not enrolled yet: the one-time code the district admin issued for this commune
 * (read over the phone: case, spaces and dashes do not matter) and a name for this computer, at the sync server
 * configured at installation unless IT types another address. The core enrols the device with that server; its refusal (wrong, used or expired code, server unreachable) is shown as
 * it says it. Once enrolled, the sign-in screen follows.
 */
export function EnrolmentPage(props: { info: StationInfoView; onEnrolled: (info: StationInfoView) => void }) {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const [issues, setIssues] = useState<readonly StationIssue[]>([]);
  const { control, handleSubmit, formState } = useForm<EnrolValues>({
    resolver: zodResolver(enrolForm, { error: formErrorMap(t('enrol.codeRequired'), i18n.language) }),
    defaultValues: { serverUrl: props.info.serverUrl ?? '', code: '', label: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    const label = values.label.trim();
    const answer = await station.api.call('device.enrol', {
      serverUrl: values.serverUrl.trim(),
      code: values.code.trim(),
      ...(label === '' ? {} : { label }),
    });
    if (answer.ok) props.onEnrolled(answer.value);
    else setIssues(answer.errors);
  });
  const first = issues[0];
  return (
    <div className="hssk-centre">
      <Card
        className="hssk-login-card"
        data-testid="enrolment"
        title={<Typography.Title level={3}>{t('enrol.title')}</Typography.Title>}
      >
        <Typography.Paragraph>{t('enrol.why')}</Typography.Paragraph>
        <Form layout="vertical" component={false}>
          <form onSubmit={(event) => void onSubmit(event)} noValidate>
            <FieldItem label={t('enrol.server')} error={formState.errors.serverUrl} required>
              <Controller
                name="serverUrl"
                control={control}
                render={({ field }) => <Input {...field} id="enrol-server" autoComplete="url" />}
              />
            </FieldItem>
            <FieldItem label={t('enrol.code')} error={formState.errors.code} required>
              <Controller
                name="code"
                control={control}
                render={({ field }) => (
                  <Input
                    {...field}
                    id="enrol-code"
                    autoComplete="off"
                    autoFocus
                    placeholder="K7QM-2XHT-9RAP-WC4N"
                    className="hssk-code-input"
                  />
                )}
              />
            </FieldItem>
            <FieldItem label={t('enrol.label')} error={formState.errors.label}>
              <Controller
                name="label"
                control={control}
                render={({ field }) => (
                  <Input {...field} id="enrol-label" placeholder={t('enrol.labelPlaceholder')} />
                )}
              />
            </FieldItem>
            {first === undefined ? null : (
              <Alert type="error" showIcon message={first.message} role="alert" className="hssk-form-alert" />
            )}
            <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
              {t('enrol.submit')}
            </Button>
          </form>
        </Form>
      </Card>
    </div>
  );
}
