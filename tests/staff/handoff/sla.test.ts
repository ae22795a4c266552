/** Business-hours arithmetic for SLA due times (Asia/Ho_Chi_Minh, weekdays, holidays). */
import { describe, expect, it } from 'vitest';
import { staffSettingsSchema } from '../../../src/staff/handoff/settings.js';
import { addBusinessMinutes } from '../../../src/staff/handoff/sla.js';

const settings = staffSettingsSchema.parse({ business_hours: { start: '08:00', end: '17:30' }, holidays: ['2026-09-02'] });
const at = (iso: string) => new Date(iso);

describe('addBusinessMinutes', () => {
  it('counts within the same working day', () => {
    // Monday 10:00 +07 → 14:00 +07
    expect(addBusinessMinutes(at('2026-11-23T03:00:00Z'), 240, settings).toISOString()).toBe('2026-11-23T07:00:00.000Z');
  });
  it('carries over the weekend', () => {
    // Friday 16:30 +07 + 120 min: 60 on Friday, 60 on Monday → Monday 09:00 +07
    expect(addBusinessMinutes(at('2026-11-27T09:30:00Z'), 120, settings).toISOString()).toBe('2026-11-30T02:00:00.000Z');
  });
  it('starts at opening time when opened at night, and skips holidays', () => {
    // Tuesday 2026-09-01 22:00 +07; Wednesday 09-02 is a holiday → Thursday 08:00 + 60 → 09:00 +07
    expect(addBusinessMinutes(at('2026-09-01T15:00:00Z'), 60, settings).toISOString()).toBe('2026-09-03T02:00:00.000Z');
  });
  it('rejects broken settings with a clear message', () => {
    const result = staffSettingsSchema.safeParse({ business_hours: { start: '18:00', end: '08:00' } });
    expect(result.success).toBe(false);
    expect(staffSettingsSchema.safeParse({ holidays: ['2/9'] }).error?.issues[0]?.message).toBe('expected YYYY-MM-DD');
  });
});
