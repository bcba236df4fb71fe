import { z } from 'zod';

export const buttonKinds = ['noodknop', 'paniekknop'] as const;
export type ButtonKind = (typeof buttonKinds)[number];

/** How the hardware proves who it is: Standard Webhooks signatures, or a fixed bearer token. */
export const authModes = ['signature', 'token'] as const;
export type AuthMode = (typeof authModes)[number];

export interface Button {
  id: string;
  kind: ButtonKind;
  location: string;
  authMode: AuthMode;
  secret: string;
  /** The secret before the last rotation, accepted until `previousSecretValidUntil`. */
  previousSecret?: string;
  previousSecretValidUntil?: string;
  createdAt: string;
}

export interface ButtonStatus {
  lastPressAt?: string;
  lastTestAt?: string;
  lastHeartbeatAt?: string;
}

export const buttonIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2 to 63 characters');

export const kindLabels: Record<ButtonKind, string> = {
  noodknop: 'Noodknop',
  paniekknop: 'Paniekknop',
};

/** Secrets a request may be signed with at this moment (the current one, and the previous during a rotation). */
export function validSecrets(button: Button, now: Date): string[] {
  const secrets = [button.secret];
  if (button.previousSecret && button.previousSecretValidUntil && now.toISOString() < button.previousSecretValidUntil) {
    secrets.push(button.previousSecret);
  }
  return secrets;
}
