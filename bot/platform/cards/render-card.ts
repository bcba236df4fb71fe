import * as ACData from 'adaptivecards-templating';
import type { AdaptiveCard } from '../../shared/messenger';

/**
 * Fills an Adaptive Card template from `cards/` with data. Templates are JSON files authored with
 * the Adaptive Cards templating language (`${...}`), so designers can edit them without code.
 */
export function renderCard(template: object, data: object): AdaptiveCard {
  const card = new ACData.Template(template).expand({ $root: data }) as AdaptiveCard;
  if (card?.type !== 'AdaptiveCard') throw new Error('Template did not produce an Adaptive Card');
  return card;
}
