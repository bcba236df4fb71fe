import type { AftercarePlan } from './aftercare-model';

/** Where aftercare plans and their nazorgformulieren live, one per incident (Table Storage). */
export interface AftercareStore {
  get(number: string): Promise<AftercarePlan | undefined>;
  /** Stores a new plan; a plan that already exists for the incident is returned as it is. */
  create(plan: AftercarePlan): Promise<{ kind: 'created' | 'exists'; plan: AftercarePlan }>;
  /**
   * Reads the plan, applies `change` and writes it back if nobody wrote in between (else reads and
   * applies again). Returns the plan as stored.
   */
  update(number: string, change: (plan: AftercarePlan) => AftercarePlan): Promise<AftercarePlan>;
  all(): Promise<AftercarePlan[]>;
}
