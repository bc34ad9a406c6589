import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { passwordRules, type PasswordContext } from '#shared/accounts/password-policy.ts';

/** The password policy of Art. 7.3b as a checklist that ticks each rule while the person types. */
export function PasswordRulesChecklist({
  password,
  context,
}: {
  password: string;
  context: PasswordContext;
}) {
  const text = password.normalize('NFC');
  return (
    <ul className="hssk-rules" aria-live="polite" data-testid="password-rules">
      {passwordRules.map((rule) => {
        const met = rule.test(text, context);
        return (
          <li key={rule.code} data-rule={rule.code} data-met={met}>
            <Typography.Text type={met ? 'success' : 'secondary'}>
              {met ? <CheckCircleFilled /> : <CloseCircleOutlined />} {rule.label}
            </Typography.Text>
          </li>
        );
      })}
    </ul>
  );
}
