/**
 * Broadcast progress and final reports: the figures from `broadcast_report` and their text for
 * staff (the Telegram progress message, `uom broadcast show`).
 *
 * @example
 * const report = await broadcastReport(store, 12);
 * console.log(progressText(translator(messages, 'vi'), report));
 */
import type { Translator } from '../../content/messages.js';
import type { Store } from '../../store/store.js';

export interface BroadcastReport {
  id: number;
  title: string;
  status: 'scheduled' | 'sending' | 'done' | 'cancelled';
  audience: string;
  send_at: string;
  event_at: string | null;
  rsvp: boolean;
  created_by: string;
  created_at: string;
  finished_at: string | null;
  total: number;
  sent: number;
  failed: number;
  pending: number;
  cancelled: number;
  /**
   * Sent recipients whose message was in flight when a sender died (or its lease ran out) and
   * was sent again: they may have received it twice. Delivery is at least once; this says how
   * far from exactly once the figures are.
   */
  possible_duplicates: number;
  /** Failure reason → count (unreachable reasons, platform errors, `zalo_window`). */
  failures: Record<string, number>;
  rate_per_second: number;
  eta_seconds: number | null;
  rsvps: number;
  progress_chat_id: string | null;
  progress_message_id: string | null;
}

/**
 * The current figures of one broadcast (marks it done when nothing is left to send).
 *
 * @example
 * const { sent, total } = await broadcastReport(store, 12);
 */
export function broadcastReport(store: Store, id: number): Promise<BroadcastReport> {
  return store.call<BroadcastReport>('broadcast_report', { id });
}

/**
 * "1 h 05 min", "3 min 20 s", "12 s".
 *
 * @example
 * formatDuration(3725); // '1 h 02 min'
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

const KNOWN_REASONS = new Set(['zalo_window', 'blocked', 'deactivated']);

/**
 * A failure reason in the staff's language (known reasons) or as the platform said it.
 *
 * @example
 * reasonText(t, 'zalo_window'); // 'không liên lạc được trên Zalo (…)'
 */
export function reasonText(t: Translator, reason: string): string {
  return KNOWN_REASONS.has(reason) ? t(`broadcast.reason.${reason}`) : reason;
}

/**
 * The progress message while sending, or the final report once done or cancelled.
 *
 * @example
 * progressText(t, report); // '📣 Đang gửi “Lớp gọi vốn” (#12)\nĐã gửi: 120/2000 …'
 */
export function progressText(t: Translator, report: BroadcastReport): string {
  const vars = {
    id: report.id,
    title: report.title,
    sent: report.sent,
    total: report.total,
    failed: report.failed,
    pending: report.pending,
    rsvps: report.rsvps,
    rate: report.rate_per_second.toFixed(1),
    eta: report.eta_seconds === null ? t('broadcast.eta_unknown') : formatDuration(report.eta_seconds),
  };
  if (report.status === 'sending' || report.status === 'scheduled') return t('broadcast.progress', vars);
  const lines = [t(report.status === 'cancelled' ? 'broadcast.report_cancelled' : 'broadcast.report', vars)];
  if (report.possible_duplicates > 0) lines.push(t('broadcast.report_duplicates', { duplicates: report.possible_duplicates }));
  const failures = Object.entries(report.failures).sort((a, b) => b[1] - a[1]);
  if (failures.length === 0) return lines.join('\n');
  return [...lines, t('broadcast.report_failures'), ...failures.map(([reason, n]) => `• ${reasonText(t, reason)}: ${n}`)].join('\n');
}
