/**
 * Survey files (`content/surveys/*.yaml`), validated with zod: questions of type single choice,
 * multiple choice, text, number, rating 1-5, date, phone, email; required or optional; skip logic
 * on earlier answers (`when`); opening and closing dates; one response per founder unless
 * `allow_multiple`.
 *
 * @example
 * const surveys = loadSurveys('content');
 * surveys.get('support-needs')?.questions.length;
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ContentError } from '../../content/messages.js';
import { localized } from '../programmes/schema.js';

export const QUESTION_TYPES = ['single', 'multiple', 'text', 'number', 'rating', 'date', 'phone', 'email'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const isoDay = z
  .union([z.string(), z.date()])
  .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/));

const questionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/),
    type: z.enum(QUESTION_TYPES),
    prompt: localized,
    required: z.boolean().default(true),
    choices: z
      .array(
        z
          .object({
            value: z.string().regex(/^[a-z0-9_-]{1,24}$/),
            label: localized,
            /**
             * Other words a founder may type for this choice, in either language ("đầu tư",
             * "gọi vốn", "investment" for "Vốn, tài trợ"); the label's own words need no entry.
             */
            aliases: z.array(z.string().min(2).max(60)).max(30).optional(),
          })
          .strict(),
      )
      .optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** Skip logic: asked only when an earlier answer is one of `in` (any of them, for multiple choice). */
    when: z.object({ question: z.string(), in: z.array(z.union([z.string(), z.number()])).min(1) }).strict().optional(),
    /**
     * "Of those, which is most urgent?": a single choice among what an earlier multiple-choice
     * question picked. Only those are offered; with one picked it is the answer, not asked.
     */
    among: z.string().optional(),
  })
  .strict()
  .refine((q) => !['single', 'multiple'].includes(q.type) || (q.choices?.length ?? 0) > 1, { message: 'choice questions need at least two choices' });

/** A day and month written as digits ("15/12"): an example that names a wrong weekday a year later. */
const WRITTEN_DATE = /(?<![\d/])\d{1,2}\/\d{1,2}(?![\d/])/;

export const surveySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
    title: localized,
    intro: localized,
    thanks: localized,
    opens: isoDay.optional(),
    closes: isoDay.optional(),
    allow_multiple: z.boolean().default(false),
    questions: z.array(questionSchema).min(1),
  })
  .strict()
  .superRefine((survey, ctx) => {
    const seen = new Set<string>();
    survey.questions.forEach((q, i) => {
      if (WRITTEN_DATE.test(q.prompt.vi) || WRITTEN_DATE.test(q.prompt.en)) {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'prompt'], message: 'no day/month date in a prompt: it goes stale (a date question gets an example computed from today)' });
      }
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `duplicate question id ${q.id}` });
      if (q.when && !seen.has(q.when.question)) {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'when'], message: `skip logic must refer to an earlier question, not ${q.when.question}` });
      }
      if (q.among !== undefined) {
        const source = survey.questions.slice(0, i).find((e) => e.id === q.among);
        const values = new Set(source?.choices?.map((c) => c.value));
        if (!source || source.type !== 'multiple' || q.type !== 'single' || !q.choices?.every((c) => values.has(c.value))) {
          ctx.addIssue({ code: 'custom', path: ['questions', i, 'among'], message: `among must name an earlier multiple-choice question whose choices hold this single choice's, not ${q.among}` });
        }
      }
      seen.add(q.id);
    });
  });

export type Survey = z.infer<typeof surveySchema>;
export type Question = Survey['questions'][number];

/**
 * Loads and validates every survey file; the file name must be `<id>.yaml`.
 *
 * @example
 * loadSurveys('content').has('support-needs') // true
 */
export function loadSurveys(contentDir: string): Map<string, Survey> {
  const dir = join(contentDir, 'surveys');
  const surveys = new Map<string, Survey>();
  if (!existsSync(dir)) return surveys;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const parsed = surveySchema.safeParse(parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ContentError(`content/surveys/${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    if (`${parsed.data.id}.yaml` !== file) throw new ContentError(`content/surveys/${file}: id ${parsed.data.id} does not match the file name`);
    surveys.set(parsed.data.id, parsed.data);
  }
  return surveys;
}

/**
 * Whether a question is asked given earlier answers (its skip logic).
 *
 * @example
 * isAsked(stageQuestion, { role: 'support' }) // false
 */
export function isAsked(question: Question, answers: Record<string, unknown>): boolean {
  if (!question.when) return true;
  const given = answers[question.when.question];
  const values = Array.isArray(given) ? given : [given];
  return values.some((v) => question.when!.in.some((w) => String(w) === String(v)));
}

/**
 * Whether the survey takes answers on `today` (ISO day).
 *
 * @example
 * isOpen(survey, '2028-01-01') // false after `closes`
 */
export function isOpen(survey: Survey, today: string): boolean {
  return (!survey.opens || survey.opens <= today) && (!survey.closes || today <= survey.closes);
}
