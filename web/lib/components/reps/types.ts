// Shapes of the rep answers (GET /api/reps, /api/reps/:id/evaluation, the review, and the KPI
// answers the rep list joins in), as server/routes/reps.ts and kpi.ts declare them.
import type { PeriodInfo } from '$lib/types';

export interface RosterRep {
  repId: string;
  name: string;
  role: string;
  team: string | null;
  region: string | null;
  managerId: string | null;
  active: boolean;
}

export interface RepListAnswer {
  asOf: string;
  rows: RosterRep[];
}

export interface AttainmentRow {
  key: string;
  name: string;
  actual: number | null;
  target: number | null;
  attainment: number | null;
}

export interface AttainmentAnswer {
  asOf: string;
  period: PeriodInfo;
  rows: AttainmentRow[];
}

export interface RankingAnswer {
  rows: { rank: number; repId: string; name: string; team: string | null; value: number | null }[];
  unranked: { repId: string; name: string; team: string | null }[];
}

export type ComponentMetric = 'revenue' | 'new_customers' | 'visits' | 'key_account_coverage';

export interface EvaluationComponent {
  metric: ComponentMetric;
  weight: number;
  actual: number | null;
  target: number | null;
  attainment: number | null;
  teamMedian: number | null;
}

export interface Review {
  comment: string | null;
  rating: number | null;
  by: string;
  at: string;
}

export interface AtRiskCustomer {
  customerId: string;
  name: string;
  tier: string | null;
  ownerRepId: string | null;
  lastPurchase: string | null;
  daysSincePurchase: number | null;
  purchases: number;
  medianGapDays: number | null;
  lastVisit: string | null;
  revenue: number;
  reason: string;
}

export interface Evaluation {
  repId: string;
  name: string;
  team: string | null;
  period: PeriodInfo;
  score: number | null;
  components: EvaluationComponent[];
  trend: { month: string; revenue: number; target: number | null; attainment: number | null; teamMedianAttainment: number | null }[];
  rankHistory: { month: string; rank: number | null; of: number }[];
  topCustomers: { customerId: string; name: string; revenue: number; share: number | null }[];
  atRisk: AtRiskCustomer[];
  recentVisits: { visitId: string; at: string; customerId: string; customerName: string; type: string; outcome: string | null }[];
  review: Review | null;
}
