import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { classifyBloodPressure } from '#shared/clinical/blood-pressure.ts';
import { classifyBmi, computeBmi } from '#shared/clinical/bmi.ts';
import { formatDecimal } from '../../common/format/format-size.ts';
import { measurement } from './exam-form.ts';

const bpColour = (grade: string) =>
  grade.startsWith('grade') ? 'red' : grade === 'high-normal' ? 'orange' : 'green';
const bmiColour = (bmiClass: string) =>
  bmiClass === 'normal' ? 'green' : bmiClass === 'obese' ? 'red' : 'orange';

/**
 * BMI and blood-pressure class computed while staff type (shared/clinical): the value with its class, or, once both
 * numbers are there, the shared explanation of what is wrong with them. Adult thresholds.
 */
export function LiveVitals(props: {
  weightKg: string;
  heightCm: string;
  systolic: string;
  diastolic: string;
}) {
  const { t } = useTranslation();
  const both = (a: string, b: string) => a.trim() !== '' && b.trim() !== '';
  const bmi = computeBmi(measurement(props.weightKg), measurement(props.heightCm));
  const bmiClass = bmi.ok ? classifyBmi(bmi.value) : undefined;
  const bp = classifyBloodPressure({
    systolic: measurement(props.systolic),
    diastolic: measurement(props.diastolic),
  });
  return (
    <Space direction="vertical" className="hssk-live-vitals">
      <Space data-testid="live-bmi" wrap>
        <Typography.Text strong>BMI:</Typography.Text>
        {bmi.ok ? (
          <>
            <Typography.Text>{formatDecimal(bmi.value)}</Typography.Text>
            {bmiClass?.ok === true ? (
              <Tag color={bmiColour(bmiClass.value.class)}>{bmiClass.value.label}</Tag>
            ) : null}
          </>
        ) : both(props.weightKg, props.heightCm) ? (
          <Typography.Text type="danger">{bmi.errors[0].message}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('exam.bmiNeeds')}</Typography.Text>
        )}
      </Space>
      <Space data-testid="live-bp-class" wrap>
        <Typography.Text strong>{t('exam.bpClass')}:</Typography.Text>
        {bp.ok ? (
          <Tag color={bpColour(bp.value.grade)}>{bp.value.label}</Tag>
        ) : both(props.systolic, props.diastolic) ? (
          <Typography.Text type="danger">{bp.errors[0].message}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('exam.bpNeeds')}</Typography.Text>
        )}
      </Space>
      <Typography.Text type="secondary">{t('exam.adultThresholds')}</Typography.Text>
    </Space>
  );
}
