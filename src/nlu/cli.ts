/**
 * `uom nlu …`: the intent classifier from the terminal, without the database.
 *
 * @example
 * uom nlu eval ../shared/eval/nlu-dev.jsonl --now 2026-12-01T09:00:00+07:00
 * uom nlu eval cases.jsonl --json          # one line per case: {"id","intent","slots","confidence"}
 * uom nlu explain "đặt phòng họp mai 2h chiều 2 tiếng"
 * uom nlu cv --folds 5                     # cross-validation of the content's own examples
 */
import { InvalidArgumentError, type Command } from 'commander';
import { createNlu } from './create.js';
import { evaluateNlu, loadNluCases, NluCasesError } from './evaluate.js';
import { crossValidate } from './cross-validate.js';
import { CENTRE_TIME_ZONE } from './entities/date.js';

function isoInstant(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError('expected an ISO date-time such as 2026-12-01T09:00:00+07:00');
  return date;
}

function foldCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2 || n > 20) throw new InvalidArgumentError('expected a whole number from 2 to 20');
  return n;
}

interface NluCliOptions {
  content: string;
  zone: string;
}

// The CLI reads the same settings as the bot (CONTENT_DIR, TIME_ZONE) without opening the store.
function commonOptions(command: Command): Command {
  return command
    .option('--content <dir>', 'content folder', process.env.CONTENT_DIR ?? './content')
    .option('--zone <iana>', "the centre's time zone", process.env.TIME_ZONE ?? process.env.CENTRE_TIME_ZONE ?? CENTRE_TIME_ZONE);
}

const pct = (x: number | null) => (x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(3));

function fail(message: string): void {
  console.error(`uom: ${message}`);
  process.exitCode = 1;
}

/** Registers the `nlu` commands on the program. @example registerNluCommands(program) */
export function registerNluCommands(program: Command): void {
  const nlu = program.command('nlu').description('understanding messages: evaluate the intent classifier, explain a prediction');

  commonOptions(
    nlu
      .command('eval')
      .argument('<cases>', 'a JSONL case file (shared/eval/NLU.md format)')
      .option('--now <iso>', 'the clock for relative dates', isoInstant)
      .option('--json', 'one JSON line per case: {"id","intent","slots","confidence"}')
      .option('--errors', 'list the cases that were wrong')
      .description('intent accuracy overall and per intent, slot accuracy, confusion pairs'),
  ).action((file: string, options: NluCliOptions & { now?: Date; json?: boolean; errors?: boolean }) => {
    try {
      const cases = loadNluCases(file);
      const model = createNlu({ contentDir: options.content, timeZone: options.zone });
      const report = evaluateNlu(model, cases, { now: options.now ?? new Date() });
      if (options.json) {
        for (const r of report.results) {
          console.log(JSON.stringify({ id: r.id, intent: r.got.intent, slots: r.got.slots, confidence: Number(r.got.confidence.toFixed(4)) }));
        }
        return;
      }
      console.log(`cases ${report.cases} · trained on ${model.training.examples} examples in ${model.training.milliseconds.toFixed(0)} ms`);
      console.log(`intent accuracy ${pct(report.intentAccuracy)}`);
      console.log(`slot accuracy   ${pct(report.slotAccuracy)} (${report.slotsChecked} slots)`);
      console.log(`unsure ${pct(report.unsureRate)} · accuracy when sure ${pct(report.confidentAccuracy)}`);
      console.log('per intent:');
      for (const p of [...report.perIntent].sort((a, b) => a.accuracy - b.accuracy)) {
        console.log(`  ${p.intent.padEnd(20)} ${pct(p.accuracy)}  (${p.cases})`);
      }
      if (report.confusions.length) {
        console.log('confusions (expected → got):');
        for (const c of report.confusions.slice(0, 15)) console.log(`  ${c.expected} → ${c.got}: ${c.count}`);
      }
      if (options.errors) {
        for (const r of report.results.filter((x) => !x.intentOk || x.slotsOk < x.slotsChecked)) {
          const slotText = Object.entries(r.slotErrors).map(([k, v]) => `${k}: ${JSON.stringify(v.got)}≠${JSON.stringify(v.expected)}`).join(', ');
          console.log(`  ${r.id} [${r.expected}→${r.got.intent} ${r.got.confidence.toFixed(2)}] ${slotText} :: ${r.q}`);
        }
      }
    } catch (error) {
      fail(error instanceof NluCasesError ? error.message : (error as Error).message);
    }
  });

  commonOptions(
    nlu
      .command('explain')
      .argument('<text>', 'a message as a founder would type it')
      .option('--now <iso>', 'the clock for relative dates', isoInstant)
      .option('--top <n>', 'how many intents to show', foldCount, 5)
      .description('the normalised text, the top intents with scores and why, and the slots'),
  ).action((text: string, options: NluCliOptions & { now?: Date; top: number }) => {
    try {
      const model = createNlu({ contentDir: options.content, timeZone: options.zone });
      const u = model.understand(text, { now: options.now ?? new Date() });
      console.log(`normalised: ${u.normalized}`);
      console.log(`intent:     ${u.intent} (${u.confidence.toFixed(3)})${u.unsure ? ' — unsure: the bot asks a clarifying question' : ''}`);
      for (const r of u.ranked.slice(0, options.top)) {
        const why = model.explain(text, r.intent, 4).filter((c) => c.weight > 0).map((c) => `${c.feature} +${c.weight.toFixed(2)}`).join(', ');
        console.log(`  ${r.score.toFixed(3)}  ${r.intent.padEnd(20)} ${why}`);
      }
      console.log(`slots:      ${JSON.stringify(u.slots)}`);
    } catch (error) {
      fail((error as Error).message);
    }
  });

  commonOptions(
    nlu
      .command('cv')
      .option('--folds <k>', 'number of folds', foldCount, 5)
      .option('--json', 'print the report as JSON')
      .description('k-fold cross-validation of the content examples (how well phrasings it never saw are understood)'),
  ).action((options: NluCliOptions & { folds: number; json?: boolean }) => {
    try {
      const report = crossValidate({ contentDir: options.content, timeZone: options.zone, folds: options.folds });
      if (options.json) {
        console.log(JSON.stringify(report));
        return;
      }
      console.log(`${options.folds}-fold cross-validation on ${report.examples} content examples`);
      console.log(`intent accuracy ${pct(report.accuracy)} · expected calibration error ${pct(report.calibrationError)}`);
      for (const p of [...report.perIntent].sort((a, b) => a.accuracy - b.accuracy).slice(0, 8)) {
        console.log(`  ${p.intent.padEnd(20)} ${pct(p.accuracy)}  (${p.cases})`);
      }
      for (const c of report.confusions.slice(0, 10)) console.log(`  ${c.expected} → ${c.got}: ${c.count}`);
    } catch (error) {
      fail((error as Error).message);
    }
  });
}
