import { describe, expect, it } from 'vitest';
import { AudienceError, describeAudience, parseAudience } from '../../../src/bot/broadcast/audience.js';

describe('parseAudience', () => {
  it('reads key=value terms with quoted and comma-separated values', () => {
    expect(parseAudience('channel=telegram province="Lạng Sơn" stage=idea,mvp rsvp=12')).toEqual({
      channel: ['telegram'], province: ['Lạng Sơn'], stage: ['idea', 'mvp'], rsvp: [12],
    });
  });

  it('understands Vietnamese key names with or without diacritics', () => {
    expect(parseAudience('kênh=zalo tỉnh="Hà Nội","Bắc Ninh" linh_vuc=agritech')).toEqual({
      channel: ['zalo'], province: ['Hà Nội', 'Bắc Ninh'], sector: ['agritech'],
    });
    expect(parseAudience('kenh=Telegram giai_doan=y-tuong')).toEqual({ channel: ['telegram'], stage: ['y-tuong'] });
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
    expect(() => parseAudience('just words')).toThrow(/key=value/);
  });

  it('writes a spec back in the filter language', () => {
    const spec = parseAudience('province="Lạng Sơn" stage=idea,mvp');
    expect(describeAudience(spec)).toBe('province="Lạng Sơn" stage=idea,mvp');
    expect(parseAudience(describeAudience(spec))).toEqual(spec);
    expect(describeAudience({})).toBe('all');
  });
});
