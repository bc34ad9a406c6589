import { Select } from 'antd';

/**
 * A choice that may be left empty: the form holds '' for "not chosen" (Ant Design's Select wants null), and clearing
 * the choice gives '' back.
 */
export function OptionalSelect(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  disabled?: boolean;
}) {
  return (
    <Select
      id={props.id}
      allowClear
      disabled={props.disabled ?? false}
      value={props.value === '' ? null : props.value}
      onChange={(value: string | undefined) => {
        props.onChange(value ?? '');
      }}
      options={[...props.options]}
    />
  );
}
