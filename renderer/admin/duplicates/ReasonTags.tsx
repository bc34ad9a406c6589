import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { duplicateReasonLabel } from '../ui/labels.ts';

/** Why a pair was found, one orange tag per shared identity (same CCCD, same name + date of birth + sex, …). */
export function ReasonTags({ reasons }: { reasons: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {reasons.map((reason) => (
        <Tag key={reason} color="orange">
          {duplicateReasonLabel(reason, t)}
        </Tag>
      ))}
    </>
  );
}
