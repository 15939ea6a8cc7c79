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
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
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
