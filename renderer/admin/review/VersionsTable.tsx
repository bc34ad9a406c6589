import { Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { versionRows, type VersionRow } from './version-rows.ts';

/** Versions of one record side by side, field by field; fields that differ are marked, and can be shown alone. */
export function VersionsTable(props: {
  versions: readonly { readonly label: string; readonly document: unknown }[];
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const rows = versionRows(props.versions.map((version) => version.document));
  const shown = onlyDifferences ? rows.filter((row) => row.differs) : rows;
  return (
    <Space direction="vertical" className="hssk-page">
      <Space>
        <Switch
          checked={onlyDifferences}
          onChange={setOnlyDifferences}
          aria-label={t('admin.review.onlyDifferences')}
        />
        <Typography.Text>{t('admin.review.onlyDifferences')}</Typography.Text>
      </Space>
      <Table<VersionRow>
        rowKey="path"
        size="small"
        data-testid={props['data-testid']}
        dataSource={[...shown]}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(row) => (row.differs ? 'hssk-row-differs' : '')}
        columns={[
          {
            key: 'path',
            title: t('admin.review.field'),
            fixed: 'left',
            render: (_, row) => <Typography.Text code>{row.path}</Typography.Text>,
          },
          ...props.versions.map((version, index) => ({
            key: `v${String(index)}`,
            title: version.label,
            render: (_: unknown, row: VersionRow) =>
              row.values[index] === undefined ? (
                <Typography.Text type="secondary">{t('admin.none')}</Typography.Text>
              ) : (
                <span className="hssk-pre">{row.values[index]}</span>
              ),
          })),
        ]}
      />
    </Space>
  );
}
