/**
 * The one error type of the application. Every failure a caller may act on carries a stable code,
 * so logs, alerts and tests can match on it without parsing messages.
 */
export const errorCodes = {
  configInvalid: 'HT1001',
  storageUnavailable: 'HT1101',
  storageConflict: 'HT1102',
  /** A record read from storage is not valid JSON or does not match its schema (corrupt or unknown shape). */
  recordInvalid: 'HT1103',
  sendPermanentFailure: 'HT1201',
  sendRetriesExhausted: 'HT1202',
  channelNotBound: 'HT1203',
  userNotReachable: 'HT1204',
  /** A send failed in a way that it may have arrived all the same (reset, no answer in time); not repeated. */
  sendOutcomeUnknown: 'HT1205',
  /** A service URL outside Teams' hosts (an activity's, a stored reference's): refused, no request made, no token sent. */
  serviceUrlRefused: 'HT1206',
  /** Teams (the Bot Connector) did not answer a call within its time limit. */
  connectorTimeout: 'HT1207',
  notAuthorised: 'HT1301',
  invalidInput: 'HT1401',
  notFound: 'HT1402',
  jobHandlerMissing: 'HT1501',
  jobFailed: 'HT1502',
  webhookUnauthenticated: 'HT1601',
  webhookRateLimited: 'HT1602',
  graphFailure: 'HT1701',
  unexpected: 'HT1999',
} as const;

export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

export class HalteamError extends Error {
  override readonly name = 'HalteamError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(`[${code}] ${message}`, options);
  }
}

export function isHalteamError(error: unknown, code?: ErrorCode): error is HalteamError {
  return error instanceof HalteamError && (code === undefined || error.code === code);
}

/** Turns anything thrown into a HalteamError, keeping the original as cause. */
export function asHalteamError(error: unknown): HalteamError {
  if (error instanceof HalteamError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new HalteamError(errorCodes.unexpected, message, {}, { cause: error });
}
