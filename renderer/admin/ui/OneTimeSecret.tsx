import { Alert, Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Secrets the server answers once (an initial password, an enrolment code): each with a copy button, under a warning
 * that they are never shown again. The console keeps them nowhere else; closing the dialog forgets them.
 */
export function OneTimeSecret(props: {
  warning: string;
  items: readonly { label: ReactNode; value: string; testId: string }[];
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Alert type="warning" showIcon message={props.warning} className="hssk-form-alert" />
      <Descriptions column={1} bordered size="small">
        {props.items.map((item) => (
          <Descriptions.Item key={item.testId} label={item.label}>
            <Typography.Text
              code
              className="hssk-secret"
              data-testid={item.testId}
              copyable={{ text: item.value, tooltips: [t('admin.copy'), t('admin.copied')] }}
            >
              {item.value}
            </Typography.Text>
          </Descriptions.Item>
        ))}
      </Descriptions>
      {props.extra}
    </>
  );
}
