import { searchable } from '../shared/directory';
import type { OutsideDeps } from './outside-deps';
import type { OutsidePerson, Profile } from './visit-model';

/**
 * The person's phone and manager, asked once on a card and remembered: the Halteam needs the phone on
 * an alarm, the manager is told of risks and alarms. The manager is found in the directory by name.
 */
export async function rememberDetails(
  person: OutsidePerson,
  input: { phone?: string; manager?: string },
  deps: Pick<OutsideDeps, 'store' | 'directory' | 'clock'>,
): Promise<{ profile: Profile | undefined; problem?: string }> {
  const existing = await deps.store.getProfile(person.id);
  const phone = input.phone?.trim() ? input.phone.trim().slice(0, 30) : existing?.phone;
  let manager = existing?.manager;
  let problem: string | undefined;
  const wanted = input.manager?.trim();
  if (wanted && searchable(wanted) !== searchable(manager?.name ?? '')) {
    const found = await deps.directory.findPeople(wanted);
    const exact = found.filter((candidate) => searchable(candidate.name) === searchable(wanted));
    const chosen = found.length === 1 ? found[0] : exact.length === 1 ? exact[0] : undefined;
    if (chosen) manager = { id: chosen.id, aadObjectId: chosen.aadObjectId, name: chosen.name };
    else if (found.length === 0) problem = `Ik vind "${wanted}" niet als leidinggevende. Typ de naam zoals in Teams.`;
    else problem = `Er zijn meer mensen met die naam (${found.map((p) => p.name).join(', ')}). Typ de volledige naam.`;
  }
  if (phone === existing?.phone && manager === existing?.manager) return { profile: existing, problem };
  const profile: Profile = {
    version: 1,
    personId: person.id,
    phone,
    manager,
    lastPlace: existing?.lastPlace,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.saveProfile(profile);
  return { profile, problem };
}
