import type { Activity } from 'botbuilder';
import type { StepId } from '../../bot/reports/report-steps';
import { readable, textOf, type ReportHarness, type Someone } from './report-harness';

/** How a test answers one question: type text, click a button, or fill the card's inputs and click Verder. */
export type Answer =
  | { type: 'text'; text: string }
  | { type: 'button'; title: string }
  | { type: 'inputs'; inputs: Record<string, string> };

export const typed = (text: string): Answer => ({ type: 'text', text });
export const button = (title: string): Answer => ({ type: 'button', title });
export const inputs = (values: Record<string, string>): Answer => ({ type: 'inputs', inputs: values });

/** The step the last question card of an answer asks, or `summary` for the card to check and send. */
export function stepOf(replies: Partial<Activity>[]): string | undefined {
  for (const activity of [...replies].reverse()) {
    const json = JSON.stringify(activity.attachments ?? []);
    const question = /"id":"question-([a-z]+)"/.exec(json);
    if (question) return question[1];
    if (json.includes('"id":"summary-check"')) return 'summary';
  }
  return undefined;
}

export async function answer(h: ReportHarness, who: Someone, replies: Partial<Activity>[], given: Answer) {
  switch (given.type) {
    case 'text':
      return h.say(who, given.text);
    case 'button':
      return h.press(who, given.title, replies);
    case 'inputs':
      return h.press(who, 'Verder', replies, given.inputs);
  }
}

/** A plain report: Sanne, verbally abused at the counter by a known client, Lotte as manager. */
export const plainAnswers: Partial<Record<StepId, Answer[]>> = {
  subject: [button('Over mij: het overkwam mij')],
  when: [button('Zojuist')],
  where: [typed('1')],
  forms: [inputs({ selection: 'verbaal-geweld' })],
  threat: [inputs({ selection: 'medewerker' })],
  several: [button('Nee, één persoon')],
  description: [typed('Een klant schold mij uit aan de balie en sloeg met zijn vuist op de balie.')],
  injury: [button('Nee')],
  damage: [button('Nee')],
  weapons: [button('Nee')],
  police: [button('Nee')],
  aggressor: [typed('Jan Klaassen, klantnummer 123456')],
  witnesses: [typed('Pieter Bakker')],
  manager: [typed('lotte'), button('Lotte Jansen')],
  dagstart: [button('Nee, laat mijn naam weg')],
};

/**
 * Answers every question the bot asks with `answers` (plain ones where not given) until the summary.
 * Returns the bot's last answer (the summary card) and the steps it asked, in order.
 */
export async function fillIn(
  h: ReportHarness,
  who: Someone,
  start: Partial<Activity>[],
  answers: Partial<Record<StepId, Answer[]>> = {},
): Promise<{ replies: Partial<Activity>[]; asked: string[] }> {
  const plan = { ...plainAnswers, ...answers };
  let replies = start;
  const asked: string[] = [];
  for (let guard = 0; guard < 40; guard++) {
    const step = stepOf(replies);
    if (!step) throw new Error(`no question in:\n${textOf(replies)}`);
    if (step === 'summary') return { replies, asked };
    asked.push(step);
    const queue = plan[step as StepId];
    if (!queue || queue.length === 0) throw new Error(`no answer planned for ${step}:\n${textOf(replies)}`);
    for (const given of queue) replies = await answer(h, who, replies, given);
  }
  throw new Error(`the form did not reach the summary; last:\n${replies.map(readable).join('\n')}`);
}
