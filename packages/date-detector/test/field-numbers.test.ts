/** @module field-numbers.test: the hand-read numbers of date fields equal what Number() reads from the same text. */
import { describe, expect, it } from 'vitest';
import { parseZoneOffset } from '../src/_zones.js';
import { toFraction, toNumber } from '../src/_fields.js';

const ODD = ['', ' ', ' 5', '5 ', '+5', '-5', '0x1f', '1e3', '١٢', '٣', '007', '0', '12345678', '123456789', '1234567890', '99999999999', 'a', '5a', '.5'];

describe('toNumber and toFraction', () => {
  it('read digit strings of every length as Number() does', () => {
    let seed = 7;
    for (let k = 0; k < 20000; k++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const length = 1 + (seed % 12);
      const text = String(seed).padStart(length, '0').slice(-length);
      expect(toNumber(text)).toBe(Number(text));
      expect(toFraction(text)).toBe(Number(`0.${text}`));
    }
  });

  it('read odd texts (spaces, signs, other digits, too long) as Number() does', () => {
    for (const text of ODD) {
      expect(toNumber(text)).toStrictEqual(Number(text));
      expect(toFraction(text)).toStrictEqual(Number(`0.${text}`));
    }
  });
});

describe('parseZoneOffset', () => {
  it('answers the same for a zone seen again, and for another one after it', () => {
    expect(parseZoneOffset('+01:00')).toBe(60);
    expect(parseZoneOffset('+01:00')).toBe(60);
    expect(parseZoneOffset('-0530')).toBe(-330);
    expect(parseZoneOffset('XYZ')).toBeNull();
    expect(parseZoneOffset('XYZ')).toBeNull();
    expect(parseZoneOffset('CEST')).toBe(120);
    expect(parseZoneOffset('+01:00')).toBe(60);
  });
});
