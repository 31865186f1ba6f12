import { describe, expect, it } from 'vitest';
import { timeAgo } from './relativeTime';

const now = Date.parse('2026-12-06T14:00:00Z');

describe('timeAgo', () => {
  it('says how long ago in the largest unit that fits, in the UI language', () => {
    expect(timeAgo(now - 2 * 3_600_000 - 5 * 60_000, now, 'en')).toBe('2 hr. ago');
    expect(timeAgo(now - 2 * 3_600_000, now, 'de')).toBe('vor 2 Std.');
    expect(timeAgo(now - 3 * 60_000, now, 'en')).toBe('3 min. ago');
    expect(timeAgo(now - 3 * 86_400_000, now, 'de')).toBe('vor 3 Tagen');
  });
  it('a moment ago (or a clock a little ahead) is "now"', () => {
    expect(timeAgo(now - 10_000, now, 'en')).toBe('this minute');
    expect(timeAgo(now + 10_000, now, 'de')).toBe('in dieser Minute');
  });
});
