import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { duplicateStateLabel } from '../ui/labels.ts';

/** Where a pair stands, as a tag: gold while open, green once merged, plain once recorded as two people. */
export function DuplicateStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={state === 'merged' ? 'green' : state === 'open' ? 'gold' : 'default'}>
      {duplicateStateLabel(state, t)}
    </Tag>
  );
}
