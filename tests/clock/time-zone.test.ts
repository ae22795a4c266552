/** One time-zone setting: validated, applied once, and every formatted time follows it. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  centreTimeZone, DEFAULT_TIME_ZONE, formatInstant, isTimeZone, localInstant, offsetMinutes, useCentreTimeZone,
} from '../../src/clock/time-zone.js';
import { ConfigError, loadConfig } from '../../src/config.js';

afterEach(() => useCentreTimeZone(DEFAULT_TIME_ZONE));

describe('the centre time zone', () => {
  it('is a validated setting, Asia/Ho_Chi_Minh by default', () => {
    expect(loadConfig({}).TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
    expect(loadConfig({ TIME_ZONE: 'Asia/Bangkok' }).TIME_ZONE).toBe('Asia/Bangkok');
    expect(() => loadConfig({ TIME_ZONE: 'Hanoi/Time' })).toThrow(ConfigError);
    expect(() => loadConfig({ TIME_ZONE: 'Hanoi/Time' })).toThrow(/TIME_ZONE/);
    expect([isTimeZone('UTC'), isTimeZone('ICT+7')]).toEqual([true, false]);
    expect(() => useCentreTimeZone('Mars/Olympus')).toThrow(/unknown time zone/);
  });

  it('formats an instant in the centre zone whatever the machine zone', () => {
    // 23:30 on National Day in Hà Nội is 16:30 UTC.
    const at = '2027-09-02T16:30:05Z';
    expect(formatInstant(at)).toBe('2027-09-02 23:30');
    expect(formatInstant(at, 'date')).toBe('2027-09-02');
    expect(formatInstant(at, 'time')).toBe('23:30');
    expect(formatInstant(at, 'seconds')).toBe('2027-09-02 23:30:05');
    expect(formatInstant(null)).toBe('-');
    useCentreTimeZone('UTC');
    expect(centreTimeZone()).toBe('UTC');
    expect(formatInstant(at)).toBe('2027-09-02 16:30');
  });

  it('turns a local wall time into the instant, also where the offset changes', () => {
    expect(localInstant('2027-09-02', 23 * 60 + 30).toISOString()).toBe('2027-09-02T16:30:00.000Z');
    expect(offsetMinutes(new Date('2031-02-10T03:00:00Z'))).toBe(420);
    // Berlin: UTC+1 in winter, UTC+2 in summer.
    expect(localInstant('2031-02-10', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2031-02-10T08:00:00.000Z');
    expect(localInstant('2031-07-10', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2031-07-10T07:00:00.000Z');
  });
});
