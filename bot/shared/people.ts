/** A colleague as the bot knows them: the ids Teams needs to reach them, and their name. */
export interface Person {
  /** Teams user id (29:… in Teams, user-id-N in the playground). */
  id: string;
  /** Entra object id, when Teams or the directory gave it. */
  aadObjectId?: string;
  name: string;
}

/** The ids of a person, enough to tell whether two records name the same person. */
export type PersonIds = Pick<Person, 'id' | 'aadObjectId'>;

/**
 * The one answer to "is this the same person?": the same Teams user id, or the same Entra object id.
 * Entra object ids are GUIDs, which Entra, Teams and configuration may write in either case.
 */
export function samePerson(a: PersonIds, b: PersonIds): boolean {
  if (a.id !== '' && a.id === b.id) return true;
  return sameEntraId(a.aadObjectId, b.aadObjectId);
}

/** Two Entra object ids that name the same person (both present, equal ignoring case). */
export function sameEntraId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a !== '' && a.toLowerCase() === b.toLowerCase();
}

/** Whether a person is known by this id, which may be either a Teams user id or an Entra object id (settings, stored lists). */
export function knownAs(person: PersonIds, id: string): boolean {
  return samePerson(person, { id, aadObjectId: id });
}
