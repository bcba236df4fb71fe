import { knownAs, type Person } from './people';

/** A colleague as the directory knows them: the ids Teams needs to reach them, and their name. */
export type DirectoryPerson = Person;

/**
 * Finds colleagues by (part of) their name. Locally the Halteam team's members stand in; the
 * Microsoft Graph directory (GRAPH_* settings) takes its place in a later issue.
 */
export interface Directory {
  findPeople(query: string): Promise<DirectoryPerson[]>;
  /** The person with this Teams user id or Entra object id, when the directory knows them. */
  findById(id: string): Promise<DirectoryPerson | undefined>;
}

/** Lower case, accents removed, punctuation to spaces: "Yılmaz," and "yilmaz" compare equal. */
export function searchable(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A directory over a member list (the Halteam team's members from Teams): every word of the query
 * must start a word of the name, so "lot jan" finds Lotte Jansen.
 */
export function createMemberDirectory(members: () => Promise<DirectoryPerson[]>, limit = 8): Directory {
  return {
    async findPeople(query) {
      const words = searchable(query).split(' ').filter(Boolean);
      if (words.length === 0) return [];
      const found = (await members()).filter((member) => {
        const nameWords = searchable(member.name).split(' ');
        return words.every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)));
      });
      return found.sort((a, b) => a.name.localeCompare(b.name, 'nl')).slice(0, limit);
    },
    async findById(id) {
      return (await members()).find((member) => knownAs(member, id));
    },
  };
}
