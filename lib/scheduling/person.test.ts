import { describe, expect, it } from 'vitest';
import { samePhone } from './service';

describe('samePhone (Zoho stores phones as typed)', () => {
  it.each([
    ['(213) 555-0147', '+1 213 555 0147', true],
    ['213-555-0147', '2135550147', true],
    ['+91 98200 12345', '098200 12345', true], // national trunk prefix
    ['+91 98200 12345', '9820012345', true],
    ['+44 20 7946 0958', '020 7946 0958', true],
    ['+44 20 7946 0958', '+44 (0)20 7946 0958', true],
    ['+44 20 7946 0958', '+44 20 7946 0959', false],
    ['555-0147', '213-555-0147', false],
    ['', '2135550147', false],
    [null, '2135550147', false],
    ['12345', '12345', false],
  ])('%s ~ %s → %s', (a, b, expected) => {
    expect(samePhone(a, b)).toBe(expected);
  });
});
