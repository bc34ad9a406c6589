import { App as AntApp, ConfigProvider } from 'antd';
// The ES modules: `antd/locale/*` is CommonJS, whose default import in this `"type": "module"` package is the whole
// exports object, so Ant Design's own texts (date pickers, tables) would fall back to English.
import enUS from 'antd/es/locale/en_US';
import viVN from 'antd/es/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Ant Design in the chosen language, shared by the station app and the admin console: its own texts, dayjs dates and
 * the page's `lang` follow i18next; hashed class names off, so the look does not depend on a build-specific hash.
 */
export function LocalizedAntApp(props: { fontSize: number; children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  useEffect(() => {
    dayjs.locale(language);
    document.documentElement.lang = language;
  }, [language]);
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : viVN}
      theme={{ hashed: false, token: { fontSize: props.fontSize } }}
    >
      <AntApp>{props.children}</AntApp>
    </ConfigProvider>
  );
}
