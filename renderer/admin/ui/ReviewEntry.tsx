import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Descriptions, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminProblem } from '../api/admin-http.ts';
import { ProblemNotice } from './ProblemNotice.tsx';
import type { QueryState } from './use-admin-query.ts';

/** One labelled fact in an entry's header (when, which record, which unit, what became of it, …). */
export type ReviewFact = { readonly key: string; readonly label: string; readonly value: ReactNode };

/**
 * The one layout of an opened review entry (a merge, a refused write, a potential duplicate): the way back to its
 * list, the title, notices, the facts as a bordered two-column list, the record's versions or sides (`children`), the
 * last action's problem, and the action bar with its dialogs. Nothing shows for an absent part.
 */
export function ReviewEntry(props: {
  readonly testId: string;
  readonly onBack: () => void;
  readonly title: string;
  readonly notices?: ReactNode;
  readonly facts: readonly ReviewFact[];
  readonly children: ReactNode;
  readonly problem?: AdminProblem | undefined;
  readonly actions?: ReactNode;
  readonly dialogs?: ReactNode;
}) {
  return (
    <Space direction="vertical" size="large" className="hssk-page" data-testid={props.testId}>
      <BackLink onBack={props.onBack} />
      <Typography.Title level={2}>{props.title}</Typography.Title>
      {props.notices}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        {props.facts.map((fact) => (
          <Descriptions.Item key={fact.key} label={fact.label}>
            {fact.value}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {props.children}
      {props.problem === undefined ? null : <ProblemNotice problem={props.problem} />}
      {props.actions === undefined || props.actions === null ? null : <Space>{props.actions}</Space>}
      {props.dialogs}
    </Space>
  );
}

/** An entry not (yet) shown: the way back while it loads, and the server's reason beside it when it failed. */
export function ReviewEntryPending(props: {
  readonly onBack: () => void;
  readonly state: Exclude<QueryState<unknown>, { readonly status: 'ok' }>;
}) {
  if (props.state.status === 'loading') return <BackLink onBack={props.onBack} />;
  return (
    <Space direction="vertical" className="hssk-page">
      <BackLink onBack={props.onBack} />
      <ProblemNotice problem={props.state.problem} />
    </Space>
  );
}

function BackLink({ onBack }: { readonly onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Button type="link" icon={<ArrowLeftOutlined />} className="hssk-crumb" onClick={onBack}>
      {t('admin.back')}
    </Button>
  );
}
