import { bundle } from '../../i18n/bundle';

export default bundle(
  {
    title: '登录款项',
    subtitle: '应收、回款、预收与退款',
    tenant: '租户',
    tenantHelp: '公司的租户代码，例如 default',
    login: '账号',
    password: '密码',
    submit: '登录',
    required: '请填写{{field}}',
  },
  {
    title: 'Sign in to Kuanxiang',
    subtitle: 'Receivables, receipts, prepayments and refunds',
    tenant: 'Tenant',
    tenantHelp: "Your company's tenant code, e.g. default",
    login: 'Login',
    password: 'Password',
    submit: 'Sign in',
    required: 'Please enter the {{field}}',
  },
);
