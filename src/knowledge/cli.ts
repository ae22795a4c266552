/**
 * `uom kb …`: the knowledge base from the terminal.
 *
 * @example
 * uom kb ingest content/knowledge        # Markdown, text, HTML, PDF, DOCX; unchanged files are skipped
 * uom kb list
 * uom kb search "khu làm việc chung" --k 5 --json
 * uom kb ask "Hội trường có cho mượn không?"
 * uom kb remove programme-mekong-innovation.md
 * uom kb feedback
 * uom kb eval ../shared/eval/kb-dev.jsonl --corpus ../shared/corpus/seeds --json
 * uom kb eval tests/knowledge/fixtures/heldout-a.jsonl --corpus content/knowledge --corpus ../shared/corpus/seeds
 * uom kb calibrate --set ../shared/eval/kb-dev.jsonl=../shared/corpus/seeds --set …  [--write]
 * uom kb calibrate --sets tests/knowledge/fixtures/calibration-sets.txt --cache /tmp/uom-kb-calibrate --summary
 * uom kb gaps --since 30d
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig, readDotEnv } from '../config.js';
import { answerQuestion, answerText } from './answer.js';
import { calibrate, type CalibrationReport, type DevSet } from './calibrate.js';
import { evaluate, loadCases, EvalCasesError, type EvalMetrics } from './evaluate.js';
import { MODEL_PATH } from './model.js';
import { contentGaps, parseSince } from './gaps.js';
import { ingestPath, listDocumentFiles } from './ingest.js';
import { llmFromConfig } from './llm.js';
import { searchKnowledgeWithQuery } from './search.js';
import { CommandError, runCommand } from '../command/context.js';

function positiveInt(value: string): number {
  const n = Number(value);
  // Commander prints an InvalidArgumentError as one line with the usage, without a stack trace.
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new InvalidArgumentError('expected a whole number from 1 to 50');
  return n;
}

const pct = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

/** One table row per category: the five metrics. */
function printCategories(title: string, byCategory: Record<string, EvalMetrics>): void {
  console.log(title);
  console.log('  category      cases  fact@1  fact@3  doc@1  answer  abstain');
  for (const [cat, m] of Object.entries(byCategory)) {
    const answerable = m.answerable > 0;
    const cell = (x: number) => (answerable ? pct(x) : ' -  ').padStart(6);
    console.log(`  ${cat.padEnd(12)} ${String(m.cases).padStart(5)}  ${cell(m.factHit1)}  ${cell(m.factHit3)}  ${cell(m.docHit1).slice(1)}  ${cell(m.answerHit)}  ${pct(m.abstention).padStart(7)}`);
  }
}

function collectSet(value: string, previous: string[] = []): string[] {
  if (!value.includes('=')) throw new InvalidArgumentError('expected <cases.jsonl>=<corpus dir>[,<corpus dir>]');
  return [...previous, value];
}

/** The `cases=corpus[,corpus]` lines of a sets file (blank lines and # comments skipped). */
function setsOfFile(path: string): string[] {
  if (!existsSync(path)) throw new CommandError(`${path}: no such file`);
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/** A set from `cases=corpus[,corpus]`: named after the cases file, its folders ingested into one base. */
function parseSet(pair: string): DevSet {
  const [cases, folders = ''] = pair.split('=') as [string, string?];
  const corpus = folders.split(',').map((f) => f.trim()).filter(Boolean);
  if (!existsSync(cases)) throw new CommandError(`${cases}: no such file`);
  if (corpus.length === 0) throw new CommandError(`${pair}: expected <cases.jsonl>=<corpus dir>[,<corpus dir>]`);
  for (const dir of corpus) if (!existsSync(dir)) throw new CommandError(`${dir}: no such folder`);
  return { name: basename(cases).replace(/\.jsonl$/, ''), cases: loadCases(cases), corpus };
}

/** One line per set: answer-hit / abstention / fact-hit@3 in-sample, cross-validated and leave-one-set-out. */
function printSummary(report: CalibrationReport, names: string[], which: string): void {
  const cell = (m: EvalMetrics | undefined) => (m ? `${pct(m.answerable ? m.answerHit : null)} / ${pct(m.abstention)} / ${pct(m.answerable ? m.factHit3 : null)}` : '—').padEnd(18);
  console.log(`summary: answer-hit / abstention / fact-hit@3 (threshold ${report.model.threshold}, ${which} model)`);
  console.log(`  ${'set'.padEnd(12)} ${'cases'.padStart(5)}  ${'in-sample'.padEnd(18)}  ${`cv ${report.folds} folds`.padEnd(18)}  leave-one-set-out`);
  for (const name of names) {
    const all = report.inSample[name]!.all!;
    console.log(`  ${name.padEnd(12)} ${String(all.cases).padStart(5)}  ${cell(all)}  ${cell(report.crossValidated[name]?.all)}  ${cell(report.leaveOneSetOut?.[name]?.all)}`);
  }
}

/** Collects a repeatable folder option (`--corpus a --corpus b`). */
function collectDirs(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Registers the `kb` commands on the program. */
export function registerKbCommands(program: Command): void {
  const kb = program.command('kb').description('knowledge base: ingest documents, search, answer, evaluate');

  kb.command('ingest')
    .argument('<path>', 'a file or a folder (Markdown, text, HTML, PDF, DOCX)')
    .description('add or update documents; unchanged files are skipped, changed ones replaced')
    .action((path: string) =>
      runCommand(async ({ config, store }) => {
        if (!existsSync(path)) throw new CommandError(`${path}: no such file or folder`);
        const total = listDocumentFiles(path).length;
        if (total === 0) throw new CommandError(`${path}: no Markdown, text, HTML, PDF or DOCX files`);
        const bar = process.stdout.isTTY ? new SingleBar({ format: 'ingest [{bar}] {value}/{total} {doc}', hideCursor: true }, Presets.shades_classic) : undefined;
        let started = false;
        const report = await ingestPath(store, path, {
          llm: llmFromConfig(config),
          onProgress: (done, count, doc) => {
            if (!started) bar?.start(count, 0, { doc: '' });
            started = true;
            bar?.update(done, { doc });
          },
        });
        bar?.stop();
        console.log(
          `Added ${report.added}, replaced ${report.replaced}, unchanged ${report.unchanged}; ${report.chunks} passages` +
            (report.embedded ? `, ${report.embedded} embedded` : '') + '.',
        );
        for (const f of report.failed) console.error(`  failed: ${f.doc}: ${f.error}`);
        if (report.embeddingError) console.error(`  embeddings not computed (search works without them): ${report.embeddingError}`);
        if (report.failed.length) process.exitCode = 1;
      }),
    );

  kb.command('remove')
    .argument('<doc>', 'the document key, as `uom kb list` shows it')
    .description('delete one document and its passages')
    .action((doc: string) =>
      runCommand(async ({ store }) => {
        const { removed } = await store.call<{ removed: number }>('kb_document_remove', { doc });
        if (!removed) throw new CommandError(`no document "${doc}" (see uom kb list)`);
        console.log(`Removed ${doc}.`);
      }),
    );

  kb.command('list')
    .description('the stored documents')
    .option('--json', 'one JSON array')
    .action((opts: { json?: boolean }) =>
      runCommand(async ({ store }) => {
        const docs = await store.call<{ doc: string; title: string; kind: string; chunks: number }[]>('kb_documents_list');
        if (opts.json) return console.log(JSON.stringify(docs));
        if (docs.length === 0) return console.log('The knowledge base is empty: run uom kb ingest <path>.');
        for (const d of docs) console.log(`${d.doc}\t${d.kind}\t${d.chunks} passages\t${d.title}`);
      }),
    );

  kb.command('feedback')
    .description('how many answers founders marked helpful / asked for staff after')
    .action(() =>
      runCommand(async ({ store }) => {
        const stats = await store.call<{ helpful: number; not_helpful: number }>('kb_feedback_stats');
        console.log(`helpful ${stats.helpful}\ttalk to staff ${stats.not_helpful}`);
      }),
    );

  kb.command('gaps')
    .description('questions the bot could not answer (or answered, then "talk to staff"), grouped, with the closest document')
    .option('--since <age>', 'how far back: 30d, 2w, 48h', '30d')
    .option('--json', 'print JSON')
    .action((opts: { since: string; json?: boolean }) =>
      runCommand(async ({ store }) => {
        const days = parseSince(opts.since);
        if (days === null) throw new CommandError(`--since ${opts.since}: expected a number of days, weeks or hours, e.g. 30d`);
        const groups = await contentGaps(store, { sinceDays: days });
        if (opts.json) return console.log(JSON.stringify(groups));
        if (groups.length === 0) return console.log(`No unanswered questions in the last ${days} days.`);
        for (const g of groups) {
          const outcomes = [`${g.outcomes.abstained} unanswered`, `${g.outcomes.missing_kind} fact not stated`, `${g.outcomes.escalated} then asked for staff`].join(', ');
          console.log(`${String(g.count).padStart(4)}×  ${g.examples[0]}`);
          for (const e of g.examples.slice(1)) console.log(`       ${e}`);
          console.log(`       closest document: ${g.closestDoc ?? '—'} (${outcomes})`);
        }
      }),
    );

  kb.command('search')
    .argument('<question>', 'what to look for')
    .option('--k <n>', 'how many passages', positiveInt, 5)
    .option('--json', 'print JSON')
    .description('ranked passages with document, heading and score')
    .action((question: string, opts: { k: number; json?: boolean }) =>
      runCommand(async ({ config, store }) => {
        const { query, passages } = await searchKnowledgeWithQuery(store, question, { k: opts.k, llm: llmFromConfig(config) });
        if (opts.json) return console.log(JSON.stringify({ query: { language: query.language, words: query.words }, passages }));
        if (passages.length === 0) return console.log('No passages: the knowledge base is empty.');
        passages.forEach((p, i) => {
          console.log(`${i + 1}. [${p.score.toFixed(4)} confidence ${p.confidence.toFixed(2)}] ${p.doc} — ${p.title}${p.heading ? ` › ${p.heading}` : ''}`);
          console.log(`   ${p.text.replace(/\s+/g, ' ').slice(0, 300)}`);
        });
      }),
    );

  kb.command('ask')
    .argument('<question>', 'a founder\'s question')
    .option('--json', 'print JSON')
    .description('the answer the bot would give, with its sources')
    .action((question: string, opts: { json?: boolean }) =>
      runCommand(async ({ config, store }) => {
        const answer = await answerQuestion(store, question, { llm: llmFromConfig(config) });
        if (opts.json) return console.log(JSON.stringify(answer));
        console.log(answer.abstained ? `(no answer: confidence ${answer.confidence.toFixed(2)})` : answerText(answer));
      }),
    );

  kb.command('calibrate')
    .description('score question sets per category, in-sample, cross-validated and leave-one-set-out; --write refits the confidence model')
    .option('--set <cases=corpus>', 'a question set and its documents, several folders joined by commas (repeatable)', collectSet, [])
    .option('--sets <file>', 'a file of sets, one `cases=corpus[,corpus]` a line (# comments), paths from the working directory')
    .option('--folds <n>', 'cross-validation folds', positiveInt, 5)
    .option('--cache <dir>', 'keep collected searches here between runs (keyed by the cases, corpus and sources)')
    .option('--summary', 'one line per set instead of the per-category tables')
    .option('--write', `refit on all sets and write ${MODEL_PATH.split('/').slice(-3).join('/')}`)
    .option('--json', 'print the report as JSON')
    .action(async (opts: { set: string[]; sets?: string; folds: number; cache?: string; summary?: boolean; write?: boolean; json?: boolean }) => {
      try {
        const pairs = [...(opts.sets ? setsOfFile(opts.sets) : []), ...opts.set];
        if (pairs.length === 0) throw new CommandError('give at least one --set <cases.jsonl>=<corpus dir>[,<corpus dir>] or --sets <file>');
        const sets = pairs.map(parseSet);
        const names = sets.map((s) => s.name);
        const twice = names.find((n, i) => names.indexOf(n) !== i);
        if (twice) throw new CommandError(`${twice}: the same set given twice`);
        const config = loadConfig({ ...readDotEnv(), ...process.env });
        const shipped = opts.write ? undefined : (await import('../knowledge/model.js')).confidenceModel();
        const report = await calibrate(sets, {
          folds: opts.folds,
          llm: llmFromConfig(config),
          model: shipped,
          cacheDir: opts.cache,
          // Collecting takes seconds a set: say where it is (stderr, so --json stays clean).
          onCollected: (name, count) => console.error(`collected ${name} (${count} cases)`),
        });
        if (opts.write) writeFileSync(MODEL_PATH, `${JSON.stringify(report.model, null, 2)}\n`);
        if (opts.json) return console.log(JSON.stringify(report));
        const which = opts.write ? 'refitted' : 'shipped';
        if (!opts.summary) {
          for (const set of sets) {
            printCategories(`${set.name} — in-sample (${which} model)`, report.inSample[set.name]!);
            printCategories(`${set.name} — cross-validated (${report.folds} folds over all sets)`, report.crossValidated[set.name]!);
            const loso = report.leaveOneSetOut?.[set.name];
            if (loso) printCategories(`${set.name} — leave-one-set-out (fitted on the other ${sets.length - 1} sets, threshold ${report.leaveOneSetOutThresholds![set.name]})`, loso);
          }
        }
        printSummary(report, names, which);
        if (opts.write) console.log(`wrote ${MODEL_PATH}`);
      } catch (error) {
        console.error(`uom: ${(error as Error).message}`);
        process.exitCode = error instanceof CommandError || error instanceof EvalCasesError ? 2 : 1;
      }
    });

  kb.command('eval')
    .argument('<cases>', 'JSON lines: {"id","q","doc","facts"} (see ../shared/eval/README.md)')
    .requiredOption('--corpus <dir>', 'the documents to ingest into a fresh in-memory database (repeatable: several folders into one base)', collectDirs, [])
    .option('--json', 'one JSON line per case instead of the summary')
    .description('score search and answers on a question set')
    .action(async (cases: string, opts: { corpus: string[]; json?: boolean }) => {
      try {
        if (!existsSync(cases)) throw new CommandError(`${cases}: no such file`);
        if (opts.corpus.length === 0) throw new CommandError('give at least one --corpus <dir>');
        for (const dir of opts.corpus) if (!existsSync(dir)) throw new CommandError(`${dir}: no such folder`);
        const config = loadConfig({ ...readDotEnv(), ...process.env });
        const { metrics } = await evaluate(loadCases(cases), opts.corpus, {
          llm: llmFromConfig(config),
          onCase: opts.json ? (r) => console.log(JSON.stringify(r)) : undefined,
        });
        if (opts.json) return;
        console.log(`cases ${metrics.cases} (answerable ${metrics.answerable})`);
        console.log(`fact-hit@1  ${pct(metrics.factHit1)}`);
        console.log(`fact-hit@3  ${pct(metrics.factHit3)}`);
        console.log(`doc-hit@1   ${pct(metrics.docHit1)}`);
        console.log(`answer-hit  ${pct(metrics.answerHit)}`);
        console.log(`abstention  ${pct(metrics.abstention)}`);
      } catch (error) {
        console.error(`uom: ${(error as Error).message}`);
        process.exitCode = error instanceof CommandError || error instanceof EvalCasesError ? 2 : 1;
      }
    });
}
