import { bundle } from '../../i18n/bundle';

export default bundle({}, {});
