import { randomBytes } from 'node:crypto';
import type { Clock } from '../shared/clock';
import { errorCodes, HalteamError } from '../shared/errors';
import type { AlarmStore } from './alarm-store';
import { buttonIdSchema, type AuthMode, type Button, type ButtonKind } from './button-model';

/** How long the old secret keeps working after `rotate`, so the hardware can be reconfigured. */
export const rotationGraceMs = 24 * 60 * 60 * 1000;

/** How often a running bot reads the button registry again, so a revoked secret stops working within it. */
export const buttonRefreshMs = 5_000;

/** A new secret in the Standard Webhooks format: `whsec_` and 32 random bytes in base64. */
function newButtonSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export async function addButton(
  input: { id: string; kind: ButtonKind; location: string; authMode: AuthMode },
  deps: { store: AlarmStore; clock: Clock },
): Promise<{ result: 'created' | 'exists'; button: Button }> {
  const id = buttonIdSchema.parse(input.id);
  const location = input.location.trim();
  if (location.length < 3 || location.length > 120) {
    throw new HalteamError(errorCodes.invalidInput, 'A location needs 3 to 120 characters');
  }
  const button: Button = {
    id,
    kind: input.kind,
    location,
    authMode: input.authMode,
    secret: newButtonSecret(),
    createdAt: deps.clock.now().toISOString(),
  };
  const result = await deps.store.createButton(button);
  return {
    result,
    button: result === 'created' ? button : ((await deps.store.getButton(id, { fresh: true })) ?? button),
  };
}

/**
 * A new secret. The old one keeps working for `rotationGraceMs` so the device can be reconfigured, or,
 * with `revokeOld` (the secret leaked, the device is lost), stops at once: running instances read the
 * registry again every few seconds (alarms-module `buttonRefreshMs`).
 */
export async function rotateButtonSecret(
  id: string,
  deps: { store: AlarmStore; clock: Clock },
  options: { revokeOld?: boolean } = {},
): Promise<Button> {
  const button = await deps.store.getButton(id, { fresh: true });
  if (!button) throw new HalteamError(errorCodes.notFound, `No button ${id}`);
  const rotated: Button = options.revokeOld
    ? { ...button, secret: newButtonSecret(), previousSecret: undefined, previousSecretValidUntil: undefined }
    : {
        ...button,
        secret: newButtonSecret(),
        previousSecret: button.secret,
        previousSecretValidUntil: new Date(deps.clock.now().getTime() + rotationGraceMs).toISOString(),
      };
  await deps.store.replaceButton(rotated);
  return rotated;
}
