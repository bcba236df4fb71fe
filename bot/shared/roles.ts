/**
 * Who holds which role, from the configured lists. Every list may hold Entra object ids and e-mail
 * addresses / UPNs (.env.example); both are matched ignoring case and surrounding spaces, for every
 * role alike. Built once in app.ts and handed to whoever asks "may this person …?".
 */
export const roleNames = ['admin', 'halteam-coordinator', 'overview-coordinator', 'po', 'mo'] as const;

/**
 * - `admin`: binds channels (BOT_ADMINS).
 * - `halteam-coordinator`: fills the roster, records measures and answers for any report.
 * - `overview-coordinator`, `po`, `mo`: what the Overzicht tab and `incident` show (overview-access).
 */
export type Role = (typeof roleNames)[number];

/** The configured entries per role, as the settings give them. */
export type RoleLists = Record<Role, readonly string[]>;

/** What is known of the person asking: the Entra object id from Teams or a token, the e-mail when looked up. */
export interface RoleClaim {
  aadObjectId?: string;
  email?: string;
}

export interface Roles {
  rolesOf(who: RoleClaim): ReadonlySet<Role>;
  /** True only when some list holds an e-mail address: only then is it worth looking one up. */
  needsEmail(): boolean;
  /** The entries of a role, normalised (lower case, trimmed). */
  listed(role: Role): readonly string[];
}

const normalise = (value: string) => value.trim().toLowerCase();

export function createRoles(lists: RoleLists): Roles {
  const entries = new Map<Role, ReadonlySet<string>>(
    roleNames.map((role) => [role, new Set(lists[role].map(normalise).filter(Boolean))]),
  );
  const needsEmail = [...entries.values()].some((set) => [...set].some((entry) => entry.includes('@')));
  return {
    rolesOf(who) {
      const keys = [who.aadObjectId, who.email].filter((key): key is string => Boolean(key?.trim())).map(normalise);
      return new Set(roleNames.filter((role) => keys.some((key) => entries.get(role)?.has(key))));
    },
    needsEmail: () => needsEmail,
    listed: (role) => [...(entries.get(role) ?? [])],
  };
}
