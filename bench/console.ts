/**
 * Staff console under load: the inbox page with 10,000 open tickets and 100,000 messages (ticket
 * threads and the founders' conversation logs), and the time from a staff reply (the form POST)
 * until the relay row is in the founder's outbox (the POST answers after the commit, so its
 * latency bounds it). Measured over loopback HTTP against the real server; `/healthz` in the
 * same run is the baseline (HTTP + one trivial query).
 *
 * Goals (issue 14): inbox p95 ≤ 300 ms, reply → outbox p95 ≤ 50 ms.
 *
 * Database: PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a scratch database
 * is created and dropped), embedded PGlite in memory otherwise.
 *
 * @example
 * npx tsx bench/console.ts
 * TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/console.ts --tickets 10000
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startServer } from '../src/server.js';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite-driver.js';
import { openPostgres } from '../src/store/postgres-driver.js';
import type { SqlStore } from '../src/store/store.js';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '10000' },
    messages: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '60' },
    bookings: { type: 'string', default: '3000' },
  },
});
const TICKETS = Number(args.tickets);
const MESSAGES = Number(args.messages);
const REQUESTS = Number(args.requests);
const BOOKINGS = Number(args.bookings);

async function openStore(): Promise<{ store: SqlStore & { close(): Promise<void> }; kind: string; drop?: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    const store = await openPglite({});
    await migrate(store);
    return { store, kind: 'PGlite (in memory)' };
  }
  const name = `uom_bench_${randomBytes(4).toString('hex')}`;
  const admin = openPostgres({ connectionString: url, max: 1 });
  await admin.exec(`create database ${name}`);
  await admin.close();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const store = openPostgres({ connectionString: target.toString(), max: 10 });
  await migrate(store);
  return {
    store, kind: 'PostgreSQL',
    drop: async () => {
      const cleanup = openPostgres({ connectionString: url, max: 1 });
      await cleanup.exec(`drop database if exists ${name} with (force)`);
      await cleanup.close();
    },
  };
}

/** 10,000 founders on three channels, one open ticket each, their threads and conversation logs. */
async function seed(store: SqlStore): Promise<void> {
  const perTicket = Math.max(1, Math.floor(MESSAGES / TICKETS));
  await store.exec(`
    insert into public.contacts (display_name, locale, consented_at, consent_version, consent_channel, profile)
      select 'Nhà sáng lập ' || g, case when g % 5 = 0 then 'en' else 'vi' end, now(), 'bench', 'web', jsonb_build_object('startup', 'Startup ' || g)
        from generate_series(1, ${TICKETS}) g;
    insert into public.channel_identities (contact_id, channel, external_id)
      select id, (array['web','zalo','telegram'])[1 + id % 3], 'bench-' || id from public.contacts;
    insert into public.conversations (contact_id, identity_id, channel, chat_id)
      select i.contact_id, i.id, i.channel, i.external_id from public.channel_identities i;
    insert into public.tickets (contact_id, conversation_id, channel, recipient, category, reason, priority, status, founder_name, summary, sla_due_at, opened_at, locale)
      select c.contact_id, c.id, c.channel, c.chat_id, (array['programme','booking','funding','other'])[1 + c.id % 4], 'requested', 1 + c.id % 3,
             (array['open','assigned','waiting'])[1 + c.id % 3], 'Nhà sáng lập ' || c.contact_id, 'Câu hỏi số ' || c.id,
             now() + ((c.id % 48) - 24) * interval '1 hour', now() - (c.id % 72) * interval '1 hour', 'vi'
        from public.conversations c;
    insert into public.ticket_messages (ticket_id, author, body, created_at)
      select t.id, case when k % 2 = 0 then 'founder' else 'staff' end, jsonb_build_object('text', 'Tin nhắn ' || k || ' của yêu cầu ' || t.number), now()
        from public.tickets t cross join generate_series(1, ${perTicket}) k;
    insert into public.messages (conversation_id, direction, body, created_at)
      select c.id, case when k % 2 = 0 then 'in' else 'out' end, jsonb_build_object('kind', 'text', 'text', 'Xin chào ' || k), now()
        from public.conversations c cross join generate_series(1, ${perTicket}) k;
    analyze;`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(n: number, run: (i: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await run(i);
    out.push(performance.now() - start);
  }
  return out;
}

const line = (label: string, ms: number[], base?: number) =>
  `${label.padEnd(34)} p50 ${percentile(ms, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(ms, 95).toFixed(1).padStart(7)} ms${base ? `   ×${(percentile(ms, 95) / base).toFixed(1)} of /healthz` : ''}`;

const { store, kind, drop } = await openStore();
try {
  const seedStart = performance.now();
  await seed(store);
  const counts = await store.query<{ tickets: number; ticket_messages: number; messages: number }>(
    'select (select count(*) from public.tickets)::int as tickets, (select count(*) from public.ticket_messages)::int as ticket_messages, (select count(*) from public.messages)::int as messages');
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production' });
  const server = await startServer(config, { store, log: createLogger({ level: 'silent' }), startWorkers: false });
  try {
    await store.call('staff_add', { telegram_user_id: '4242', role: 'staff', display_name: 'Bench' });
    await fetch(`${server.url}/staff/sign-in/link`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'telegram=4242' });
    const [row] = await store.query<{ payload: { text: string } }>("select payload from public.outbox where dedupe_key like 'console:link:%'");
    const token = /token=([A-Za-z0-9_-]+)/.exec(row!.payload.text)![1]!;
    const signed = await fetch(`${server.url}/staff/link`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${token}`, redirect: 'manual' });
    const cookie = signed.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await fetch(`${server.url}/staff/inbox`, { headers: { cookie } })).text();
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(page)![1]!;

    console.log(`Staff console benchmark — ${kind}; ${counts[0]!.tickets} open tickets, ${counts[0]!.ticket_messages} ticket messages, ${counts[0]!.messages} conversation messages (seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);
    const get = (path: string) => async () => {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    for (let i = 0; i < 5; i++) await get('/staff/inbox')(); // warm up
    const health = await timed(REQUESTS, async () => { await (await fetch(`${server.url}/healthz`)).arrayBuffer(); });
    const base = percentile(health, 95);
    const inbox = await timed(REQUESTS, get('/staff/inbox'));
    const overdue = await timed(REQUESTS, get('/staff/inbox?view=overdue&channel=zalo'));
    const ticket = await timed(REQUESTS, (i) => get(`/staff/tickets/${1 + ((i * 97) % TICKETS)}`)());
    const session = (await store.query<{ token_hash: string }>('select token_hash from public.staff_sessions limit 1'))[0]!.token_hash;
    const sqlInbox = await timed(REQUESTS, async () => { await store.call('console_inbox', { session, filter: { view: 'all' }, limit: 200 }); });
    const sqlTicket = await timed(REQUESTS, async (i) => { await store.call('console_ticket', { session, number: 1 + ((i * 89) % TICKETS) }); });
    const tickets = await store.query<{ id: number }>('select id from public.tickets order by id limit 1000');
    const sqlReply = await timed(REQUESTS, async (i) => {
      const key = `bench-sql-${i}-${randomBytes(4).toString('hex')}`;
      await store.call('console_ticket_message', {
        session, ticket_id: tickets[(i * 7) % tickets.length]!.id, author: 'staff', body: { text: 'SQL' }, event_key: key,
        outbox: [{ channel: 'web', recipient: 'bench', payload: { text: 'SQL' }, kind: 'relay', priority: 5, dedupe_key: `handoff:s2f:sql:${key}` }],
      });
    });
    // The reply form is multipart (it may carry a file), as the page's form sends it.
    const replyForm = (i: number, file?: Blob) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ csrf, text: `Trả lời ${i}`, as: 'reply', key: `bench-reply-${i}-${randomBytes(4).toString('hex')}` })) form.set(k, v);
      if (file) form.set('file', file, `tai-lieu-${i}.pdf`);
      return form;
    };
    const reply = await timed(REQUESTS, async (i) => {
      const number = 1 + ((i * 131) % TICKETS);
      const res = await fetch(`${server.url}/staff/tickets/${number}/reply`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: replyForm(i) });
      if (res.status !== 303) throw new Error(`reply: ${res.status}`);
    });
    const pdf = new Blob([randomBytes(100 * 1024)], { type: 'application/pdf' });
    const replyFile = await timed(REQUESTS, async (i) => {
      const number = 1 + ((i * 137 + 7) % TICKETS);
      const res = await fetch(`${server.url}/staff/tickets/${number}/reply`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: replyForm(i, pdf) });
      if (res.status !== 303) throw new Error(`reply with file: ${res.status}`);
    });
    const relayed = await store.query<{ n: number }>("select count(*)::int as n from public.outbox where kind = 'relay' and dedupe_key like 'handoff:s2f:console:%'");
    if (relayed[0]!.n !== 2 * REQUESTS) throw new Error(`expected ${2 * REQUESTS} relays in the outbox, found ${relayed[0]!.n}`);
    // A busy month of hot-desk bookings (the spaces were synced when the server started).
    await store.exec(`
      insert into public.bookings (code, space_id, exclusive, contact_id, during, seats, status, created_at)
        select 'B' || lpad(g::text, 5, '0'), 'hot-desk', false, 1 + g % ${TICKETS},
               tstzrange(date_trunc('hour', now()) + (g % 30) * interval '1 day' + (g % 8) * interval '1 hour',
                         date_trunc('hour', now()) + (g % 30) * interval '1 day' + (g % 8 + 2) * interval '1 hour', '[)'),
               1, case when g % 10 = 0 then 'cancelled' else 'booked' end, now()
          from generate_series(1, ${BOOKINGS}) g;
      analyze public.bookings;`);
    const bookingsWeek = await timed(REQUESTS, get('/staff/bookings?view=week'));
    const month = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 31 * 86_400_000).toISOString() };
    const sqlBookings = await timed(Math.min(REQUESTS, 20), async () => { await store.call('console_bookings', { session, ...month }); });
    const replyPlain = await timed(REQUESTS, async (i) => {
      const number = 1 + ((i * 139 + 3) % TICKETS);
      const res = await fetch(`${server.url}/staff/tickets/${number}/reply`, {
        method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, text: `Trả lời ${i}`, as: 'reply', key: `bench-plain-${i}-${randomBytes(4).toString('hex')}` }),
      });
      if (res.status !== 303) throw new Error(`reply: ${res.status}`);
    });
    const bookingsCsv = await timed(Math.min(REQUESTS, 20), get(`/staff/bookings.csv?from=${new Date().toISOString().slice(0, 10)}&to=${new Date(Date.now() + 29 * 86_400_000).toISOString().slice(0, 10)}`));
    console.log(line('GET /healthz (baseline)', health));
    console.log(line('GET /staff/inbox (all open)', inbox, base));
    console.log(line('GET /staff/inbox overdue+zalo', overdue, base));
    console.log(line('GET /staff/tickets/<n>', ticket, base));
    console.log(line('  SQL console_inbox alone', sqlInbox, base));
    console.log(line('  SQL console_ticket alone', sqlTicket, base));
    console.log(line('POST reply → founder outbox row', reply, base));
    console.log(line('  SQL console_ticket_message alone', sqlReply, base));
    console.log(line('  same, urlencoded form', replyPlain, base));
    console.log(line('POST reply + 100 KB file → outbox', replyFile, base));
    console.log(line(`GET /staff/bookings week`, bookingsWeek, base));
    console.log(line(`GET bookings.csv (30 days)`, bookingsCsv, base));
    console.log(line('  SQL console_bookings (a month)', sqlBookings, base));
    console.log(`(${BOOKINGS} bookings over 30 days; the week view lists about ${Math.round((BOOKINGS * 7) / 30)})`);
    const ok = percentile(inbox, 95) <= 300 && percentile(reply, 95) <= 50;
    console.log(`goals: inbox p95 ≤ 300 ms, reply p95 ≤ 50 ms → ${ok ? 'met' : 'NOT met'}`);
  } finally {
    await server.close();
  }
} finally {
  await store.close();
  await drop?.();
}
