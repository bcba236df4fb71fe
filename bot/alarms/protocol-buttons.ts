import type { ButtonKind } from './button-model';

/**
 * The buttons the protocol names (Bijlage 10): under the desk in spreekkamer NBG24 next to the
 * counters, at every public counter and reception desk of gebouw Noord and Midden, and a mobile
 * panic button in the council chamber. Seeded on the first `npm start`; adjust with the button CLI.
 */
export const protocolButtons: { id: string; kind: ButtonKind; location: string }[] = [
  { id: 'nbg24', kind: 'paniekknop', location: 'Spreekkamer NBG24, naast de loketten' },
  { id: 'balie-noord-1', kind: 'noodknop', location: 'Publieksbalie 1, gebouw Noord' },
  { id: 'balie-noord-2', kind: 'noodknop', location: 'Publieksbalie 2, gebouw Noord' },
  { id: 'receptie-noord', kind: 'paniekknop', location: 'Receptiewerkplek, gebouw Noord' },
  { id: 'receptie-midden', kind: 'paniekknop', location: 'Receptiewerkplek, gebouw Midden' },
  { id: 'raadzaal', kind: 'paniekknop', location: 'Raadzaal (mobiele knop)' },
];
