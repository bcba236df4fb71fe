import formTemplate from '../../cards/measure-form.json';
import recordedTemplate from '../../cards/measure-recorded.json';
import { renderCard } from '../platform/cards/render-card';
import type { AdaptiveCard } from '../shared/messenger';
import type { Advised } from './advice';
import { aangifteText } from './measure-changes';
import type { Editing, FormValues } from './measure-input';
import { measureKindLabels, measureKinds, measureSummary } from './measure-rules';
import type { MeasureRecord } from './measure-store';

/** The measure form: the advice preselected, the problems of the last try, or the measure being changed. */
export function formCard(
  number: string,
  advised: Advised,
  values: FormValues,
  problems: string[],
  editing?: Editing,
): AdaptiveCard {
  const extending = editing?.mode === 'verlengen';
  return renderCard(formTemplate, {
    number,
    title: editing ? (extending ? 'Verbod verlengen' : 'Maatregel wijzigen') : 'Maatregel vastleggen',
    intro: editing
      ? extending
        ? 'Kies de nieuwe einddatum. De receptie krijgt de nieuwe periode te zien.'
        : 'Wat je nu vastlegt, komt in de plaats van de huidige maatregel. Weet de receptie van het verbod, dan krijgt zij de wijziging te zien.'
      : 'Na ieder incident volgt een maatregel richting de agressor (Hoofdstuk 7).',
    button: editing ? 'Wijziging vastleggen' : 'Vastleggen',
    measureId: editing?.measure.id ?? '',
    mode: editing?.mode ?? '',
    adviceText: advised.text,
    notes: advised.notes,
    problems,
    choices: measureKinds.map((kind) => ({ title: measureKindLabels[kind], value: kind })),
    kind: values.kind ?? advised.kind,
    startDate: values.startDate ?? advised.startDate ?? '',
    endDate: values.endDate ?? advised.endDate ?? '',
    name: values.name ?? '',
    photoUrl: values.photoUrl ?? '',
    deviationReason: values.deviationReason ?? '',
    aangifte: values.aangifte ?? 'nog-niet',
    aangifteReason: values.aangifteReason ?? '',
    aangifteDate: values.aangifteDate ?? '',
    aangifteBy: values.aangifteBy ?? '',
    underNumber: values.underNumber ?? 'false',
  });
}

/** What was recorded, changed or lifted, what happens next, and the link to the draft letter. */
export function recordedCard(
  title: string,
  measure: MeasureRecord,
  advised: string,
  lines: string[],
  publicBaseUrl: string,
): AdaptiveCard {
  return renderCard(recordedTemplate, {
    title,
    number: measure.number,
    facts: [
      { title: 'Maatregel', value: measureSummary(measure) },
      { title: 'Advies', value: advised },
      ...(measure.deviationReason ? [{ title: 'Reden afwijking', value: measure.deviationReason }] : []),
      { title: 'Aangifte', value: aangifteText(measure.aangifte) },
      ...(measure.liftReason ? [{ title: 'Reden opheffen', value: measure.liftReason }] : []),
    ],
    lines,
    letterUrl: measure.liftedAt ? '' : `${publicBaseUrl.replace(/\/$/, '')}/api/measures/letters/${measure.letterKey}`,
  });
}
