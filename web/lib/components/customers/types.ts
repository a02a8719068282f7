// Shapes of the customer answers (GET /api/customers, /api/customers/:id) as
// server/routes/customers.ts declares them.

export interface CustomerSummary {
  customerId: string;
  name: string;
  tier: string | null;
  segment: string | null;
  ownerRepId: string | null;
  ownerName: string | null;
  firstPurchase: string | null;
  lastPurchase: string | null;
  lastVisit: string | null;
  revenue12m: number;
  /** Net revenue of each of the 12 months ending with the as-of month, oldest first. */
  trend: number[];
}

export interface CustomerList {
  asOf: string;
  months: string[];
  total: number;
  page: number;
  pageSize: number;
  rows: CustomerSummary[];
}

export interface CustomerOrderLine {
  orderId: string;
  lineNo: number | null;
  orderDate: string;
  repId: string;
  sku: string | null;
  productName: string | null;
  category: string | null;
  channel: string | null;
  quantity: number | null;
  unitPrice: number | null;
  discount: number | null;
  amount: number;
  status: string;
}

export interface CustomerVisit {
  visitId: string;
  at: string;
  repId: string;
  type: string;
  outcome: string | null;
  durationMin: number | null;
  nextStepDate: string | null;
  notes: string | null;
}

export interface CustomerDetail extends CustomerSummary {
  industry: string | null;
  region: string | null;
  createdDate: string | null;
  purchases: number;
  medianGapDays: number | null;
  months: string[];
  orders: CustomerOrderLine[];
  ordersTotal: number;
  visits: CustomerVisit[];
  visitsTotal: number;
}
