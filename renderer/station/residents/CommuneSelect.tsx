import { Select } from 'antd';
import { useMemo } from 'react';
import { hanoiCommunes2025 } from '#shared/reference-data/hanoi-communes.generated.ts';
import { isValidOn } from '#shared/reference-data/reference-types.ts';
import { compareVietnamese } from '#shared/text/vietnamese-collation.ts';
import { matchesSearchQuery, searchKey } from '#shared/text/search-keys.ts';

/** A Hà Nội commune (2025 scheme) valid on `onDate`, in Vietnamese order; typing without diacritics finds it. */
export function CommuneSelect(props: {
  id: string;
  value: string;
  onDate: string;
  onChange: (code: string) => void;
  /** For an optional address: the commune may be removed. */
  allowClear?: boolean;
}) {
  const options = useMemo(
    () =>
      hanoiCommunes2025
        .filter((commune) => isValidOn(commune, props.onDate))
        .sort((a, b) => compareVietnamese(a.name, b.name))
        .map((commune) => ({ value: commune.code, label: commune.name, key: searchKey(commune.name) })),
    [props.onDate],
  );
  return (
    <Select
      id={props.id}
      showSearch
      allowClear={props.allowClear ?? false}
      value={props.value === '' ? null : props.value}
      options={options}
      filterOption={(input, option) => option !== undefined && matchesSearchQuery(input, option.key)}
      onChange={(code: string | undefined) => {
        props.onChange(code ?? '');
      }}
    />
  );
}
