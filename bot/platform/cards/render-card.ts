import * as ACData from 'adaptivecards-templating';
import type { AdaptiveCard } from '../../shared/messenger';

/**
 * Fills an Adaptive Card template from `cards/` with data. Templates are JSON files authored with
 * the Adaptive Cards templating language (`${...}`), so designers can edit them without code.
 */
export function renderCard(template: object, data: object): AdaptiveCard {
  const card = templateFor(template).expand({ $root: data }) as AdaptiveCard;
  if (card?.type !== 'AdaptiveCard') throw new Error('Template did not produce an Adaptive Card');
  return card;
}

/** A Template parses its expressions once; rebuilding it per card cost ~2 ms, on the alarm's path. */
const prepared = new WeakMap<object, ACData.Template>();

function templateFor(template: object): ACData.Template {
  let instance = prepared.get(template);
  if (!instance) {
    instance = new ACData.Template(template);
    prepared.set(template, instance);
  }
  return instance;
}
