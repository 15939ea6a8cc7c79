// The money module is shared by the server and the web app: standard JS only (Intl yes, node: modules no).
export { isCurrency, assertCurrency, currencyExponent } from './currency.js';
export {
  type Money,
  money,
  addMoney,
  subtractMoney,
  negateMoney,
  isZero,
  compareMoney,
  sumMinor,
} from './money.js';
export { MAX_AMOUNT_MINOR, type ParseAmountOptions, parseAmountMinor, parseMoney } from './parse.js';
export { formatAmount, formatMoneyLocale } from './format.js';
export { allocate, splitEvenly } from './allocate.js';
