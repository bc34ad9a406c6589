import { Button, Col, Row } from 'antd';

/** The end of a dialog's form: cancel, and the submit button that saves (spinning while it does). */
export function DialogActions(props: {
  cancelLabel: string;
  submitLabel: string;
  onCancel: () => void;
  busy: boolean;
}) {
  return (
    <Row justify="end" gutter={8}>
      <Col>
        <Button onClick={props.onCancel}>{props.cancelLabel}</Button>
      </Col>
      <Col>
        <Button type="primary" htmlType="submit" loading={props.busy}>
          {props.submitLabel}
        </Button>
      </Col>
    </Row>
  );
}
