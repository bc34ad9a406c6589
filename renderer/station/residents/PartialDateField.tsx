import { DatePicker, Segmented, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type Precision = 'day' | 'month' | 'year';
const formats: Record<Precision, string[]> = {
  day: ['DD/MM/YYYY', 'DDMMYYYY', 'D/M/YYYY'],
  month: ['MM/YYYY', 'MMYYYY', 'M/YYYY'],
  year: ['YYYY'],
};
const isoFormats: Record<Precision, string> = { day: 'YYYY-MM-DD', month: 'YYYY-MM', year: 'YYYY' };
const precisionOf = (value: string): Precision =>
  value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';

/**
 * A date that may be known only to the month or year (QĐ 831 allows "sinh năm 1950"): typed as dd/mm/yyyy, mm/yyyy
 * or yyyy with Ant Design's date picker; the value is the partial ISO date the schemas store. Any real date is kept,
 * a future one too: the form explains it rather than the picker dropping it.
 */
export function PartialDateField(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  status?: 'error' | '';
}) {
  const { t } = useTranslation();
  const [precision, setPrecision] = useState<Precision>(
    props.value === '' ? 'day' : precisionOf(props.value),
  );
  const shown = props.value === '' ? null : dayjs(props.value, isoFormats[precisionOf(props.value)], true);
  return (
    <Space wrap>
      <DatePicker
        id={props.id}
        picker={precision === 'day' ? 'date' : precision}
        format={formats[precision]}
        placeholder={t(`register.dobPlaceholder.${precision}`)}
        value={shown?.isValid() === true ? shown : null}
        status={props.status ?? ''}
        // Ant Design types the date as always set, but clearing the field passes null.
        onChange={(date: Dayjs | null) => {
          props.onChange(date === null ? '' : date.format(isoFormats[precision]));
        }}
        {...(props.onBlur === undefined ? {} : { onBlur: props.onBlur })}
      />
      <Segmented<Precision>
        size="small"
        value={precision}
        options={(['day', 'month', 'year'] as const).map((p) => ({
          value: p,
          label: t(`register.dobPrecision.${p}`),
        }))}
        onChange={(next) => {
          setPrecision(next);
          if (props.value !== '') props.onChange(props.value.slice(0, isoFormats[next].length));
        }}
      />
    </Space>
  );
}
