import { describe, expect, it } from 'vitest';
import { AudienceError, describeAudience, parseAudience } from '../../../src/staff/broadcast/audience.js';

describe('parseAudience', () => {
  it('reads key=value terms with quoted and comma-separated values', () => {
    expect(parseAudience('channel=telegram province="Lạng Sơn" stage=idea,prototype rsvp=12')).toEqual({
      channel: ['telegram'], province: ['lang-son'], stage: ['idea', 'prototype'], rsvp: [12],
    });
  });

  it('understands Vietnamese key names with or without diacritics', () => {
    expect(parseAudience('kênh=zalo tỉnh="Hà Nội","bac ninh" linh_vuc=agriculture')).toEqual({
      channel: ['zalo'], province: ['ha-noi', 'bac-ninh'], sector: ['agriculture'],
    });
    expect(parseAudience('kenh=Telegram giai_doan=idea')).toEqual({ channel: ['telegram'], stage: ['idea'] });
  });

  it('builds a survey filter from survey, question and answer', () => {
    expect(parseAudience('survey=intake question=need answer=funding,mentoring')).toEqual({
      survey: { survey: 'intake', question: 'need', answers: ['funding', 'mentoring'] },
    });
    expect(() => parseAudience('answer=yes')).toThrow(/survey=/);
  });

  it('takes "all", "tất cả" and nothing as everyone', () => {
    expect(parseAudience('all')).toEqual({});
    expect(parseAudience('Tất cả')).toEqual({});
    expect(parseAudience('  ')).toEqual({});
  });

  it('rejects unknown keys, bad channels and garbage with a hint', () => {
    expect(() => parseAudience('colour=red')).toThrow(AudienceError);
    expect(() => parseAudience('colour=red')).toThrow(/use channel, province/);
    expect(() => parseAudience('channel=fax')).toThrow(/one of web, telegram/);
    expect(() => parseAudience('rsvp=abc')).toThrow(/rsvp/);
    expect(() => parseAudience('stage=mvp')).toThrow(/unknown stage "mvp": use idea, prototype/);
    expect(() => parseAudience('just words')).toThrow(/key=value/);
  });

  it('finds the province id from any spelling or former name; keeps unknown names as typed', () => {
    expect(parseAudience('tinh="Sài Gòn"')).toEqual({ province: ['ho-chi-minh'] });
    expect(parseAudience('province=Atlantis')).toEqual({ province: ['Atlantis'] });
  });

  it('writes a spec back in the filter language', () => {
    const spec = parseAudience('province=lang-son stage=idea,prototype');
    expect(describeAudience(spec)).toBe('province=lang-son stage=idea,prototype');
    expect(parseAudience(describeAudience(spec))).toEqual(spec);
    expect(describeAudience({})).toBe('all');
  });
});
