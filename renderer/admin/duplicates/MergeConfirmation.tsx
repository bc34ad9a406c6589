import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MergeablePersonGroup } from '#shared/schemas/field-groups.ts';
import type { DuplicatePerson } from '#shared/server-api/duplicates.ts';
import { useConsole } from '../state/console-context.ts';

/** What a merge will do, said before it is done: who is kept, what is taken, what becomes of the other record. */
export function MergeConfirmation(props: {
  survivor: DuplicatePerson;
  other: DuplicatePerson;
  taken: readonly MergeablePersonGroup[];
}) {
  const { t } = useTranslation();
  const { orgs } = useConsole();
  const { survivor, other, taken } = props;
  const survivorUnit = orgs.name(survivor.orgUnitId);
  return (
    <ul className="hssk-plain-list" data-testid="merge-confirmation">
      <li>
        <Typography.Text>
          {t('admin.duplicates.mergeKeep', {
            name: survivor.fullName,
            healthId: survivor.healthId,
            unit: survivorUnit,
          })}
        </Typography.Text>
      </li>
      <li>
        <Typography.Text>
          {taken.length === 0
            ? t('admin.duplicates.mergeTakeNothing')
            : t('admin.duplicates.mergeTake', {
                groups: taken.map((group) => t(`admin.duplicates.groups.${group}`)).join('; '),
              })}
        </Typography.Text>
      </li>
      <li>
        <Typography.Text strong>
          {t('admin.duplicates.mergeRedirect', {
            name: other.fullName,
            healthId: other.healthId,
            unit: orgs.name(other.orgUnitId),
            survivorUnit,
          })}
        </Typography.Text>
      </li>
      <li>
        <Typography.Text type="secondary">{t('admin.duplicates.mergeReach')}</Typography.Text>
      </li>
    </ul>
  );
}
