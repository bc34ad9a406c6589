import { Form } from 'antd';
import type { ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';

/** One labelled form field with react-hook-form's error under it, laid out by Ant Design. */
export function FieldItem(props: {
  label: ReactNode;
  error?: FieldError | undefined;
  extra?: ReactNode;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <Form.Item
      label={props.label}
      required={props.required ?? false}
      validateStatus={props.error === undefined ? '' : 'error'}
      help={props.error?.message}
      extra={props.extra}
    >
      {props.children}
    </Form.Item>
  );
}
