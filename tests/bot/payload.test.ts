import { describe, expect, it } from 'vitest';
import { ID, PAYLOAD_MAX_BYTES, PLACEHOLDER, PayloadError, SLUG, optional, payloadCodec, positionalCodec } from '../../src/bot/payload.js';

describe('payload codec', () => {
  const booking = payloadCodec('booking', { cancel: [ID], move: [ID], mine: [], remind: [PLACEHOLDER], space: [SLUG] });

  it('round-trips every action and rejects other namespaces and shapes', () => {
    expect(booking.encode('cancel', 42)).toBe('booking:cancel:42');
    expect(booking.decode('booking:cancel:42')).toEqual({ action: 'cancel', args: ['42'] });
    expect(booking.decode(booking.encode('mine'))).toEqual({ action: 'mine', args: [] });
    expect(booking.decode(booking.encode('remind', '{booking_id}'))).toEqual({ action: 'remind', args: ['{booking_id}'] });
    expect(booking.decode('menu:booking')).toBeNull();
    expect(booking.decode('booking:cancel:abc')).toBeNull();
    expect(booking.decode('booking:cancel:1:2')).toBeNull();
    expect(booking.decode('booking:explode:1')).toBeNull();
    expect(booking.owns('booking:anything')).toBe(true);
  });

  it('refuses to build a malformed payload or one over the platforms’ limit', () => {
    expect(() => booking.encode('cancel', 'x')).toThrow(PayloadError);
    expect(() => booking.encode('cancel')).toThrow(PayloadError);
    expect(() => booking.encode('space', 'a:b')).toThrow(PayloadError);
    const long = payloadCodec('survey', { answer: [SLUG, SLUG] });
    const arg = 'a'.repeat(30);
    expect(() => long.encode('answer', arg, arg)).toThrow(/over 64/);
    expect(long.encode('answer', 'q1', 'yes').length).toBeLessThanOrEqual(PAYLOAD_MAX_BYTES);
  });
});

describe('optional and positional arguments', () => {
  it('leaves out trailing optional arguments and lets the last argument hold a colon', () => {
    const handoff = payloadCodec('handoff', { request: [optional(SLUG), optional(SLUG)] });
    expect(handoff.encode('request')).toBe('handoff:request');
    expect(handoff.decode('handoff:request')).toEqual({ action: 'request', args: [] });
    expect(handoff.decode('handoff:request:other:kb_unanswered')).toEqual({ action: 'request', args: ['other', 'kb_unanswered'] });
    expect(handoff.decode('handoff:request:a:b:c')).toBeNull();
    const flow = positionalCodec('flow', [SLUG, /^.{1,40}$/]);
    expect(flow.encode('time', '09:30')).toBe('flow:time:09:30');
    expect(flow.decode('flow:time:09:30')).toEqual(['time', '09:30']);
    expect(flow.decode('menu:time')).toBeNull();
    expect(() => flow.encode('a:b', 'x')).toThrow(PayloadError);
    expect(() => flow.encode('step', 'x'.repeat(40) + 'y'.repeat(20))).toThrow(PayloadError);
  });
});
