import type { Command } from '../shared/commands';
import { checkIn, extendVisit } from './check-in';
import { checkOut } from './check-out';
import { alarmChoiceCard, checkoutCard, clockText, suspicionCard, visitCard } from './outside-cards';
import { personOf, type OutsideDeps } from './outside-deps';
import { alarmSent, cleanPlace, raiseTeamsAlarm, teamsRequestId } from './teams-alarm';

const plainForm = /^(.+?)\s+tot\s+(\d{1,2}[:.]\d{2})$/i;

function huisbezoekCommand(deps: OutsideDeps): Command {
  return {
    name: 'huisbezoek',
    description: 'Meld je af voor een huisbezoek: waar, tot hoe laat en de risicovragen. Ik let op of je terug bent.',
    usage: 'huisbezoek [<waar> tot HH:MM]',
    scopes: ['personal'],
    async handle(context) {
      const person = personOf(context.actor);
      const args = context.args.trim();
      if (!args) {
        const profile = await deps.store.getProfile(person.id);
        return context.reply({ card: checkoutCard(profile, deps.clock.now()) });
      }
      const match = plainForm.exec(args);
      if (!match) {
        return context.reply({
          text: 'Dat begrijp ik niet. Typ `huisbezoek` voor de kaart, of bijvoorbeeld `huisbezoek Dorpsstraat 1 tot 15:30`.',
        });
      }
      const result = await checkOut(person, { place: match[1] ?? '', until: match[2] ?? '', risks: [] }, deps);
      if (result.kind === 'invalid') return context.reply({ text: result.message });
      if (result.kind === 'already-open') {
        return context.reply({
          text: `Je hebt al een huisbezoek open tot ${clockText(result.visit.until)}. Typ eerst **terug**, of **verleng tot HH:MM**.`,
        });
      }
      await context.reply({
        text: `Je bent uitgecheckt tot ${clockText(result.visit.until)}. Goed bezoek. Typ **terug** zodra je terug bent.`,
        card: visitCard(result.visit, [
          ...result.notes,
          'Wil je de risicovragen doorlopen? Typ dan `huisbezoek` zonder meer.',
        ]),
      });
    },
  };
}

function terugCommand(deps: OutsideDeps): Command {
  return {
    name: 'terug',
    description: 'Meld je terug van je huisbezoek.',
    usage: 'terug',
    scopes: ['personal'],
    async handle(context) {
      const result = await checkIn(context.actor, 'terug', deps);
      if (!result) return context.reply({ text: 'Je hebt geen huisbezoek open. Fijn dat je er bent.' });
      await context.reply({ text: 'Welkom terug. Je huisbezoek is afgesloten en het adres is gewist.' });
    },
  };
}

function verlengCommand(deps: OutsideDeps): Command {
  return {
    name: 'verleng',
    description: 'Later terug van je huisbezoek? Geef de nieuwe tijd.',
    usage: 'verleng tot HH:MM',
    scopes: ['personal'],
    async handle(context) {
      const result = await extendVisit(context.actor, context.args, deps);
      if (result.kind === 'invalid') return context.reply({ text: result.message });
      if (result.kind === 'alarm') {
        return context.reply({
          text: 'Het Halteam is al gewaarschuwd voor dit huisbezoek. Ben je veilig? Typ **terug**.',
        });
      }
      if (result.kind === 'none') {
        return context.reply({
          text: 'Je hebt geen huisbezoek open om te verlengen. Typ `huisbezoek` om te vertrekken.',
        });
      }
      await context.reply({ text: `Verlengd: je bent terug om ${clockText(result.visit.until)}.` });
    },
  };
}

function alarmCommand(deps: OutsideDeps): Command {
  return {
    name: 'alarm',
    description: 'Geef alarm aan het Halteam als er geen alarmknop in de buurt is.',
    usage: 'alarm [waar]',
    scopes: ['personal'],
    answersDuringFlow: () => true,
    async handle(context) {
      const place = cleanPlace(context.args);
      if (!place) {
        const profile = await deps.store.getProfile(context.actor.id);
        return context.reply({ card: alarmChoiceCard(await deps.locations(), profile?.lastPlace) });
      }
      const now = deps.clock.now();
      await raiseTeamsAlarm(context.actor, place, teamsRequestId(context.actor, undefined, now), deps);
      await context.reply({ text: alarmSent(place) });
    },
  };
}

function vermoedenCommand(deps: OutsideDeps): Command {
  return {
    name: 'vermoeden',
    aliases: ['vermoeden agressie'],
    description: 'Meld een vermoeden van agressie aan je leidinggevende.',
    usage: 'vermoeden',
    scopes: ['personal'],
    async handle(context) {
      const profile = await deps.store.getProfile(context.actor.id);
      await context.reply({ card: suspicionCard(profile) });
    },
  };
}

export function outsideCommands(deps: OutsideDeps): Command[] {
  return [
    huisbezoekCommand(deps),
    terugCommand(deps),
    verlengCommand(deps),
    alarmCommand(deps),
    vermoedenCommand(deps),
  ];
}
