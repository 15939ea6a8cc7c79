import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { SessionProvider, useSession } from './auth/session';
import { rememberLanguage, type Language } from './i18n';
import { AppLayout, canOpen, NoPermission, NotFound } from './layout/AppLayout';
import SignInPage from './pages/sign-in/SignInPage';
import { routes } from './routes';

/*
 * Ant Design's default blue, red and greys fall short of WCAG AA contrast (4.5:1) on white for small text, so
 * the workbench uses the next darker shades of the same palette: the look stays Ant Design, the text stays
 * readable (axe-core checks it in the browser tests).
 */
const theme = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0,0,0,0.65)',
    colorTextDescription: 'rgba(0,0,0,0.65)',
    colorTextTertiary: 'rgba(0,0,0,0.6)',
    colorTextQuaternary: 'rgba(0,0,0,0.56)',
    colorTextPlaceholder: 'rgba(0,0,0,0.56)',
    colorTextDisabled: 'rgba(0,0,0,0.56)',
    green: '#237804',
    gold: '#ad6800',
    borderRadius: 6,
    // People who ask their system for less motion (WCAG 2.3.3) get no animated transitions.
    motion: !(typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches),
  },
};

function Pages({ language, onLanguage }: { language: Language; onLanguage: (language: Language) => void }) {
  const { can } = useSession();
  return (
    <Routes>
      <Route element={<AppLayout language={language} onLanguage={onLanguage} />}>
        <Route index element={<Navigate to="/dashboard" replace />} />
        {routes.map((route) => (
          <Route key={route.path} path={route.path} element={canOpen(route, can) ? <route.page /> : <NoPermission />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export default function App() {
  const { i18n } = useTranslation();
  const [language, setLanguage] = useState<Language>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const switchLanguage = (next: Language) => {
    setLanguage(next);
    rememberLanguage(next);
    dayjs.locale(next === 'en' ? 'en' : 'zh-cn');
    void i18n.changeLanguage(next);
  };
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <BrowserRouter>
          <SessionProvider signIn={(onSignedIn) => <SignInPage onSignedIn={onSignedIn} language={language} onLanguage={switchLanguage} />}>
            <Pages language={language} onLanguage={switchLanguage} />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
