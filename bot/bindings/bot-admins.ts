/**
 * Bot admins are configured as Entra object ids or e-mail addresses / UPNs (BOT_ADMINS). Matching
 * is case-insensitive; an e-mail is only looked up when the list holds one.
 */
export function isBotAdmin(admins: readonly string[], actor: { aadObjectId?: string }, email?: string): boolean {
  const wanted = new Set(admins.map((admin) => admin.toLowerCase()));
  if (actor.aadObjectId && wanted.has(actor.aadObjectId.toLowerCase())) return true;
  return email !== undefined && wanted.has(email.toLowerCase());
}

export function adminListHasEmails(admins: readonly string[]): boolean {
  return admins.some((admin) => admin.includes('@'));
}
