import { Alert, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseCccdQr, type CccdQr } from '#shared/identifiers/cccd-qr.ts';

/**
 * Where a keyboard-wedge scanner types a CCCD chip's QR code: the scanner ends with Enter, and the parsed card fills
 * the form. A code that does not parse is explained, never half-applied. Keep it outside the form's `<form>`, so the
 * scanner's Enter never submits the registration.
 */
export function CccdQrField({ onScanned }: { onScanned: (qr: CccdQr) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const apply = () => {
    if (text.trim() === '') return;
    const parsed = parseCccdQr(text);
    if (parsed.ok) {
      onScanned(parsed.value);
      setMessage({ type: 'success', text: t('register.qrFilled') });
      setText('');
    } else setMessage({ type: 'error', text: parsed.errors.map((error) => error.message).join(' ') });
  };
  return (
    <div className="hssk-qr">
      <Input.Search
        id="cccd-qr"
        autoFocus
        autoComplete="off"
        placeholder={t('register.qrPlaceholder')}
        value={text}
        enterButton={t('register.qr')}
        onChange={(event) => {
          setText(event.target.value);
        }}
        onSearch={apply}
      />
      {message === null ? null : <Alert type={message.type} showIcon message={message.text} role="status" />}
    </div>
  );
}
