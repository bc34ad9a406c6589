import { Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { noteAccepted } from './note-rule.ts';

/**
 * A dialog asking for the admin's note before a decision is recorded: the prompt, the note (at most 1,000 characters),
 * the rule shown once something too short was typed; OK stays disabled until the note is accepted. The note is the
 * caller's state, so it survives closing and reopening.
 */
export function NoteDialog(props: {
  readonly open: boolean;
  readonly title: string;
  readonly okText: string;
  readonly prompt: string;
  readonly rule: string;
  readonly inputId: string;
  readonly note: string;
  readonly busy: boolean;
  readonly onNoteChange: (note: string) => void;
  readonly onOk: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ruleHidden = props.note === '' || noteAccepted(props.note);
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText={t('admin.cancel')}
      okButtonProps={{ disabled: !noteAccepted(props.note), loading: props.busy }}
      onOk={props.onOk}
      onCancel={props.onCancel}
    >
      <Typography.Paragraph>{props.prompt}</Typography.Paragraph>
      <Input.TextArea
        id={props.inputId}
        rows={4}
        maxLength={1000}
        value={props.note}
        status={ruleHidden ? '' : 'error'}
        onChange={(event) => {
          props.onNoteChange(event.target.value);
        }}
      />
      {ruleHidden ? null : <Typography.Text type="danger">{props.rule}</Typography.Text>}
    </Modal>
  );
}
