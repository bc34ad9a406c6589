import { Select } from 'antd';
import { ethnicGroups } from '#shared/reference-data/ethnic-groups.generated.ts';
import { matchesSearchQuery, searchKey } from '#shared/text/search-keys.ts';

const options = ethnicGroups.map((group) => ({
  value: group.code,
  label: group.name,
  key: searchKey(group.name),
}));

/** An ethnic group of QĐ 121-TCTK, in the list's own order (Kinh first); typing without diacritics finds it. */
export function EthnicitySelect(props: { id: string; value: string; onChange: (code: string) => void }) {
  return (
    <Select
      id={props.id}
      showSearch
      allowClear
      value={props.value === '' ? null : props.value}
      options={options}
      filterOption={(input, option) => option !== undefined && matchesSearchQuery(input, option.key)}
      onChange={(code: string | undefined) => {
        props.onChange(code ?? '');
      }}
    />
  );
}
