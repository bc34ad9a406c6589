import { Alert, Button, Form, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '#shared/schemas/person.ts';
import type { StationIssue } from '#shared/station-api/station-api.ts';
import { localIsoDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import { CommuneSelect } from '../residents/CommuneSelect.tsx';
import { PartialDateField } from '../residents/PartialDateField.tsx';

type Asking = 'moved' | 'deceased' | null;

/**
 * Art. 8.2: marks a resident moved away (to a commune, when known) or deceased (on a date known at least to the
 * year), each only after the health worker confirms in a dialog that says what it changes.
 */
export function StatusActions({ person, onChanged }: { person: Person; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const station = useStation();
  const [asking, setAsking] = useState<Asking>(null);
  const [movedOutTo, setMovedOutTo] = useState('');
  const [deathDate, setDeathDate] = useState('');
  const [issues, setIssues] = useState<readonly StationIssue[]>([]);
  const [busy, setBusy] = useState(false);
  if (person.status !== 'active') return null;

  const close = () => {
    setAsking(null);
    setIssues([]);
  };
  async function confirm() {
    setBusy(true);
    const answer =
      asking === 'moved'
        ? await station.api.call('residents.markMovedAway', {
            id: person.id,
            ...(movedOutTo === '' ? {} : { movedOutTo }),
            confirmed: true,
          })
        : await station.api.call('residents.markDeceased', { id: person.id, deathDate, confirmed: true });
    setBusy(false);
    if (!answer.ok) {
      setIssues(answer.errors);
      return;
    }
    close();
    await onChanged();
  }
  return (
    <>
      <Space>
        <Button
          onClick={() => {
            setAsking('moved');
          }}
        >
          {t('record.status.markMoved')}
        </Button>
        <Button
          danger
          onClick={() => {
            setAsking('deceased');
          }}
        >
          {t('record.status.markDeceased')}
        </Button>
      </Space>
      <Modal
        open={asking !== null}
        title={asking === 'moved' ? t('record.status.movedTitle') : t('record.status.deceasedTitle')}
        okText={t('record.status.confirm')}
        okButtonProps={{ danger: true, disabled: asking === 'deceased' && deathDate === '' }}
        cancelText={t('record.cancel')}
        confirmLoading={busy}
        onOk={() => void confirm()}
        onCancel={close}
        destroyOnHidden
      >
        <Form layout="vertical" data-testid="status-confirmation">
          <Typography.Paragraph>
            {t(asking === 'moved' ? 'record.status.movedExplain' : 'record.status.deceasedExplain', {
              name: person.fullName,
            })}
          </Typography.Paragraph>
          {asking === 'moved' ? (
            <Form.Item label={t('record.status.movedTo')}>
              <CommuneSelect
                id="moved-out-to"
                value={movedOutTo}
                onChange={setMovedOutTo}
                onDate={localIsoDate(station.clock.now())}
              />
            </Form.Item>
          ) : (
            <Form.Item label={t('record.status.deathDate')} required>
              <PartialDateField id="death-date" value={deathDate} onChange={setDeathDate} />
            </Form.Item>
          )}
          {issues.map((issue, index) => (
            <Alert key={index} type="error" showIcon role="alert" message={issue.message} />
          ))}
        </Form>
      </Modal>
    </>
  );
}
