import { randomUUID } from 'node:crypto';
import type { Actor } from '../shared/commands';
import { errorCodes, HalteamError } from '../shared/errors';
import { suspicionManagerCard } from './outside-cards';
import type { OutsideDeps } from './outside-deps';
import { personOf } from './outside-deps';
import { rememberDetails } from './remember-details';
import type { Suspicion } from './visit-model';

export interface SuspicionInput {
  about: string;
  noticed: string;
  planned?: string;
  teamNote?: string;
  manager?: string;
}

/**
 * Vermoeden agressie (Hoofdstuk 4): "De medewerker meldt vermoedens van agressie of geweld aan de
 * leidinggevende. Samen bespreken ze de aanpak en informeren collega's." The team note goes to the
 * dagstart channel without the reporter's name.
 */
export async function reportSuspicion(
  actor: Actor,
  input: SuspicionInput,
  deps: OutsideDeps,
): Promise<{ suspicion: Suspicion; problem?: string }> {
  const by = personOf(actor);
  const details = await rememberDetails(by, { manager: input.manager }, deps);
  const manager = details.profile?.manager;
  const now = deps.clock.now();
  const suspicion: Suspicion = {
    version: 1,
    id: `vm-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomUUID().slice(0, 8)}`,
    by,
    manager,
    about: input.about.trim().slice(0, 200),
    noticed: input.noticed.trim().slice(0, 2000),
    plannedContact: input.planned?.trim() || undefined,
    teamNote: input.teamNote?.trim().slice(0, 1000) || undefined,
    createdAt: now.toISOString(),
  };
  await deps.store.saveSuspicion(suspicion);
  deps.logger.info({ suspicionId: suspicion.id, teamNote: Boolean(suspicion.teamNote) }, 'suspicion reported');
  if (manager) await deps.messenger.sendToUser(manager, { card: suspicionManagerCard(suspicion), alert: true });
  if (suspicion.teamNote) {
    await deps.messenger.postToChannel('dagstart', {
      text: `**Let op: vermoeden van agressie.** ${suspicion.teamNote}`,
    });
  }
  const problem = manager ? details.problem : (details.problem ?? 'Ik weet niet wie je leidinggevende is.');
  return { suspicion, problem };
}

/** "Bespreken": the manager marks that they discussed the approach; only the manager on the card may. */
export async function discussSuspicion(actor: Actor, id: string, deps: OutsideDeps): Promise<Suspicion> {
  const found = await deps.store.getSuspicion(id);
  if (!found) throw new HalteamError(errorCodes.notFound, `Suspicion ${id} not found`);
  const manager = found.manager;
  const mayDiscuss =
    manager &&
    (manager.id === actor.id || (actor.aadObjectId !== undefined && actor.aadObjectId === manager.aadObjectId));
  if (!mayDiscuss) throw new HalteamError(errorCodes.notAuthorised, 'Only the manager discusses a suspicion');
  const suspicion = await deps.store.updateSuspicion(id, (current) =>
    current.discussed
      ? undefined
      : { ...current, discussed: { by: personOf(actor), at: deps.clock.now().toISOString() } },
  );
  if (!suspicion) throw new HalteamError(errorCodes.notFound, `Suspicion ${id} not found`);
  return suspicion;
}
