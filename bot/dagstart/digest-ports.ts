/**
 * What the digest reads from capabilities built in later issues. Each has a stand-in that reports
 * nothing, named so it is plain in app.ts what is still missing; the later issue replaces it there.
 */

/** An access ban in force, as reception needs to know it (Bijlage 7): no name of the victim. */
export interface BanInForce {
  /** e.g. "Toegangsverbod gemeentehuis (AGR-2026-0042)" */
  description: string;
  /** Last day of the ban, yyyy-MM-dd. */
  until: string;
}

export interface BansInForce {
  list(now: Date): Promise<BanInForce[]>;
}

/** Aftercare talks (Bijlage 5) whose moment has passed without being held. */
export interface OverdueAftercare {
  count(now: Date): Promise<number>;
}

/** Stand-in until the measures issue records access bans. */
export const noBansRecordedYet: BansInForce = { list: async () => [] };

/** Stand-in until the aftercare issue plugs in its count. */
export const noAftercareTrackedYet: OverdueAftercare = { count: async () => 0 };
