// The settings as GET/PUT /api/settings carry them (server/queries/settings.ts).

export const WEIGHT_KEYS = ['revenue', 'new_customers', 'visits', 'key_account_coverage'] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];

export interface Settings {
  evaluationWeights: Record<WeightKey, number>;
  holidays: string[];
  makeupWorkdays: string[];
  fiscalYearStartMonth: number;
  reportingCurrency: string;
}
