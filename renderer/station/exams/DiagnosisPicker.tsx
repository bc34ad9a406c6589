import { DeleteOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createIcd10Search } from '#shared/clinical/icd10-search.ts';
import { loadIcd10Full } from '#shared/reference-data/icd10-list.ts';
import { icd10Common } from '#shared/reference-data/icd10.generated.ts';
import type { CodeListEntry } from '#shared/reference-data/reference-types.ts';
import { diagnosisKey, type Diagnosis } from '#shared/schemas/diagnosis.ts';

/** The option that writes the typed words down as an uncoded diagnosis (never a code: codes have no spaces). */
const UNCODED = 'uncoded diagnosis';

/** The primary-care codes staff pick most: listed first among name matches. */
const commonCodes = new Set(icd10Common.map((entry) => entry.code));

/**
 * The exam's diagnoses (QĐ 831 part D 4): an ICD-10 picker over the full Vietnamese list as worded on the exam's date
 * (TT 06/2026/TT-BYT, QĐ 4469 before it), searched by code, by the name with or without diacritics, or by the
 * abbreviations and lay words staff use (type, arrow keys, Enter), and the chosen list with the main diagnosis
 * marked. The first one picked is the main one until another is marked. Until the full list has loaded, the
 * primary-care codes answer.
 */
export function DiagnosisPicker({
  value,
  onChange,
  onDate,
  disabled,
}: {
  value: readonly Diagnosis[];
  onChange: (diagnoses: Diagnosis[]) => void;
  onDate: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [list, setList] = useState<readonly CodeListEntry[]>(icd10Common);
  useEffect(() => {
    let current = true;
    void loadIcd10Full().then((full) => {
      if (current) setList(full);
    });
    return () => {
      current = false;
    };
  }, []);
  const search = useMemo(() => createIcd10Search(list, onDate, { preferred: commonCodes }), [list, onDate]);
  const [query, setQuery] = useState('');
  const typed = query.trim();
  const matches = search(query).map((match) => ({
    value: match.code,
    label: (
      <span data-testid={`icd10-option-${match.code}`}>
        <strong>{match.code}</strong> {match.name}
      </span>
    ),
    name: match.name,
  }));
  // When no code fits, the words themselves, for the district to code later.
  const options =
    typed === ''
      ? matches
      : [
          ...matches,
          {
            value: UNCODED,
            label: <span data-testid="icd10-option-uncoded">{t('exam.uncodedOption', { text: typed })}</span>,
            name: typed,
          },
        ];
  return (
    <Space direction="vertical" className="hssk-page">
      <AutoComplete
        id="diagnosis-search"
        className="hssk-diagnosis-search"
        disabled={disabled ?? false}
        value={query}
        options={options}
        defaultActiveFirstOption
        placeholder={t('exam.diagnosisPlaceholder')}
        notFoundContent={null}
        onChange={(typed: string) => {
          setQuery(typed);
        }}
        onSelect={(code: string, option: { name: string }) => {
          setQuery('');
          const chosen: Diagnosis =
            code === UNCODED
              ? { name: option.name, uncoded: true, primary: value.length === 0 }
              : { icd10: code, name: option.name, primary: value.length === 0 };
          if (value.some((d) => diagnosisKey(d) === diagnosisKey(chosen))) return;
          onChange([...value, chosen]);
        }}
      />
      {value.length === 0 ? (
        <Typography.Text type="secondary">{t('exam.noDiagnosesYet')}</Typography.Text>
      ) : (
        <ul className="hssk-diagnoses" data-testid="chosen-diagnoses">
          {value.map((diagnosis) => (
            <li key={diagnosisKey(diagnosis)}>
              <Radio
                checked={diagnosis.primary}
                disabled={disabled ?? false}
                onChange={() => {
                  onChange(
                    value.map((d) => ({ ...d, primary: diagnosisKey(d) === diagnosisKey(diagnosis) })),
                  );
                }}
              >
                {t('exam.primary')}
              </Radio>
              {diagnosis.icd10 === undefined ? (
                <>
                  {diagnosis.name} <Tag>{t('exam.uncoded')}</Tag>
                </>
              ) : (
                <>
                  <strong>{diagnosis.icd10}</strong> {diagnosis.name}
                </>
              )}
              <Button
                size="small"
                type="text"
                data-enter-skip
                aria-label={t('exam.removeDiagnosis', { code: diagnosis.icd10 ?? diagnosis.name })}
                icon={<DeleteOutlined />}
                disabled={disabled ?? false}
                onClick={() => {
                  const rest = value.filter((d) => diagnosisKey(d) !== diagnosisKey(diagnosis));
                  onChange(
                    diagnosis.primary && rest[0] !== undefined
                      ? rest.map((d, i) => ({ ...d, primary: i === 0 }))
                      : rest,
                  );
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </Space>
  );
}
