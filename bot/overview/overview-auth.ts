import { createRemoteJWKSet, jwtVerify } from 'jose';
import { z } from 'zod';
import { sameEntraId } from '../shared/people';
import type { Roles } from '../shared/roles';
import { overviewRoles, type Viewer } from './overview-access';

/**
 * Sign-in for the Overzicht tab. In Teams the page asks teams-js for an SSO token and sends it as
 * `Authorization: Bearer …`; the token is checked against Entra ID: the signature with the tenant's
 * published keys, the audience (the tab's `webApplicationInfo.resource` or the app id), the issuer
 * (v2.0 or v1 of this tenant) and the tenant id.
 *
 * Without Entra settings (local development only) a development sign-in picks a user by the
 * `X-Overview-Dev-User` header. It cannot be switched on while Entra is configured, nor in production.
 */
export interface EntraSettings {
  tenantId: string;
  appId: string;
  /** The host the tab is served from (its `api://{host}/botid-{appId}` resource). */
  host: string;
  /** Where the tenant's signing keys are published; the Microsoft endpoint unless set (tests, clouds). */
  jwksUrl?: string;
}

export type SignInResult = { ok: true; viewer: Viewer } | { ok: false; reason: string };

export const devUserHeader = 'x-overview-dev-user';

const claimsSchema = z.object({
  oid: z.string().min(1),
  tid: z.string().min(1),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  upn: z.string().optional(),
});

export type Authenticator = (headers: Record<string, string | string[] | undefined>) => Promise<SignInResult>;

export function entraAuthenticator(entra: EntraSettings, roles: Roles): Authenticator {
  const jwks = createRemoteJWKSet(
    new URL(entra.jwksUrl ?? `https://login.microsoftonline.com/${entra.tenantId}/discovery/v2.0/keys`),
    { timeoutDuration: 5000, cooldownDuration: 30_000 },
  );
  const audience = [`api://${entra.host}/botid-${entra.appId}`, entra.appId];
  const issuer = [
    `https://login.microsoftonline.com/${entra.tenantId}/v2.0`,
    `https://sts.windows.net/${entra.tenantId}/`,
  ];

  return async (headers) => {
    if (headers[devUserHeader] !== undefined) return { ok: false, reason: 'development sign-in is off' };
    const authorization = single(headers.authorization);
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return { ok: false, reason: 'no bearer token' };
    try {
      const { payload } = await jwtVerify(match[1]!, jwks, { audience, issuer, algorithms: ['RS256'] });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return { ok: false, reason: 'token lacks oid or tid' };
      if (claims.data.tid !== entra.tenantId) return { ok: false, reason: 'token from another tenant' };
      const { oid, preferred_username: username, upn } = claims.data;
      const name = claims.data.name ?? username ?? oid;
      // A role may be configured by e-mail address: the token's sign-in name (v2) or UPN (v1) is that address.
      const email = [username, upn].find((value) => value?.includes('@'));
      return {
        ok: true,
        viewer: { aadObjectId: oid, name, roles: overviewRoles(roles.rolesOf({ aadObjectId: oid, email })) },
      };
    } catch (error) {
      return { ok: false, reason: `token refused: ${(error as Error).name}` };
    }
  };
}

export interface DevUser {
  aadObjectId: string;
  name: string;
  /** The mock user's e-mail address, for roles configured by e-mail; never sent to the tab. */
  email?: string;
}

/** Local development only: the header names the mock user to act as. */
export function devAuthenticator(roles: Roles, users: () => Promise<DevUser[]>): Authenticator {
  return async (headers) => {
    const id = single(headers[devUserHeader]);
    if (!id) return { ok: false, reason: 'no development user chosen' };
    const known = (await users()).find((user) => sameEntraId(user.aadObjectId, id));
    if (!known) return { ok: false, reason: 'unknown development user' };
    const viewerRoles = overviewRoles(roles.rolesOf({ aadObjectId: known.aadObjectId, email: known.email }));
    return { ok: true, viewer: { aadObjectId: known.aadObjectId, name: known.name, roles: viewerRoles } };
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
