import { describe, expect, it } from 'vitest';
import { aliasKey, nameProfile, nameSimilarity, normalizeAccount, normalizeName } from './names.js';

describe('aliasKey (the payer_aliases key)', () => {
  it.each<[string, string, string, string | null]>([
    ['account wins over the name', '张三', '6222 0200 1234', 'a:622202001234'],
    ['account: spaces, dashes, case, full-width', '', 'de89-3704 ｄｅ', 'a:DE893704DE'],
    ['name only: legal suffix, case, punctuation', 'Acme Trading Co., Ltd.', '', 'n:acmetrading'],
    ['name only: full-width letters', 'ＡＣＭＥ ＴＲＡＤＩＮＧ', '', 'n:acmetrading'],
    ['name only: Chinese company suffix', '北京华信科技有限公司', '', 'n:北京华信科技'],
    ['name only: 股份有限公司 cut whole', '华信股份有限公司', '', 'n:华信'],
    ['nothing identifies the payer', ' ，。 ', '  ', null],
  ])('%s', (_, name, account, key) => {
    expect(aliasKey(name, account)).toBe(key);
  });

  it('is the same key for the spellings a bank prints of one payer', () => {
    const spellings = ['Acme Trading Co., Ltd.', 'ACME TRADING CO LTD', 'acme trading', 'Acme  Trading Limited'];
    expect(new Set(spellings.map((s) => aliasKey(s, ''))).size).toBe(1);
  });

  it('keeps a legal word that is part of the name, and never empties a name that is only a suffix', () => {
    expect(normalizeName('Co Op Bakery')).toBe('coopbakery');
    expect(normalizeName('公司')).toBe('公司');
    expect(normalizeName('LLC')).toBe('llc');
  });

  it('normalizes accounts without losing masked app accounts', () => {
    expect(normalizeAccount('abc***@163.com')).toBe('ABC***@163.COM');
  });
});

describe('nameSimilarity', () => {
  const sim = (a: string, b: string) => nameSimilarity(nameProfile(a), nameProfile(b));

  it.each<[string, string, string, number]>([
    ['pinyin ↔ Chinese', 'Zhang San', '张三', 1],
    ['pinyin in another word order', 'San Zhang', '张三', 1],
    ['pinyin without a space, upper case', 'ZHANGSAN', '张三', 1],
    ['company suffixes do not count', '北京华信科技有限公司', '北京华信科技', 1],
    ['Latin suffixes do not count', 'Acme Trading Co., Ltd.', 'ACME TRADING INC', 1],
  ])('%s: %s ~ %s = %d', (_, a, b, expected) => {
    expect(sim(a, b)).toBe(expected);
  });

  it('a bank\'s short form of a company is close, another company is not', () => {
    expect(sim('华信科技', '北京华信科技有限公司')).toBeGreaterThanOrEqual(0.75);
    expect(sim('华信科技', '上海宏达贸易有限公司')).toBeLessThan(0.3);
  });

  it('Chinese names compare by characters: homophones are other people', () => {
    expect(sim('章三', '张三')).toBeLessThan(0.75);
    expect(sim('李四', '张三')).toBe(0);
  });

  it('a one-character difference in a Latin name is close, not equal', () => {
    const s = sim('Acme Tradng', 'Acme Trading');
    expect(s).toBeGreaterThan(0.8);
    expect(s).toBeLessThan(1);
  });

  it('is symmetric', () => {
    for (const [a, b] of [['Zhang San', '张三'], ['华信科技', '北京华信科技'], ['Acme', 'Acme Trading']] as const) expect(sim(a, b)).toBe(sim(b, a));
  });
});
