import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Person } from '#shared/schemas/person.ts';
import { formatPartialDate } from '../../common/format/format-date.ts';

/**
 * The health ID just issued, large enough to read across a desk, with the resident's name and date of birth; "print"
 * prints this card alone (see the print rules in `station.css`).
 */
export function HealthIdCard({
  person,
  onAnother,
  onOpenRecord,
}: {
  person: Person;
  onAnother: () => void;
  onOpenRecord: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Result
      status="success"
      title={t('register.registeredTitle')}
      extra={
        <Space direction="vertical" size="large" align="center">
          <Card className="hssk-print-area hssk-health-id-card" data-testid="health-id-card">
            <Typography.Text type="secondary">{t('register.healthId')}</Typography.Text>
            <div className="hssk-health-id" data-testid="health-id">
              {person.healthId}
            </div>
            <Typography.Title level={3} className="hssk-health-id-name">
              {person.fullName}
            </Typography.Title>
            <Typography.Text>
              {t('residents.columns.dateOfBirth')}: {formatPartialDate(person.dateOfBirth)}
            </Typography.Text>
          </Card>
          <Space>
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              onClick={() => {
                window.print();
              }}
            >
              {t('register.print')}
            </Button>
            <Button onClick={onOpenRecord}>{t('register.openRecord')}</Button>
            <Button onClick={onAnother}>{t('register.registerAnother')}</Button>
          </Space>
        </Space>
      }
    />
  );
}
