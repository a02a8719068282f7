// The fact tables an import can write: their columns (an allow-list for every identifier the
// loader puts into SQL), their keys, and the date and rep columns that replace-period works on.
export const DATASET_NAMES = ['reps', 'customers', 'products', 'orders', 'visits', 'targets'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export const MODES = ['append', 'replace-period', 'upsert'] as const;
export type Mode = (typeof MODES)[number];

export interface FactTable {
  table: DatasetName;
  /** Columns in table order, batch_id excluded, with their SQL types. */
  columns: Array<[name: string, type: string]>;
  /** Key columns (orders: order_id + line_no, or order_id alone for order-level files). */
  key: string[];
  /** Column whose month scopes replace-period and orders the insert. */
  dateColumn: string | null;
  /** Column naming the rep a fact belongs to (replace-period works per rep). */
  repColumn: string | null;
}

const T = (table: DatasetName, columns: Array<[string, string]>, key: string[], dateColumn: string | null, repColumn: string | null): FactTable => ({
  table,
  columns,
  key,
  dateColumn,
  repColumn,
});

export const FACT_TABLES: Record<DatasetName, FactTable> = {
  reps: T(
    'reps',
    [
      ['rep_id', 'VARCHAR'],
      ['valid_from', 'DATE'],
      ['name', 'VARCHAR'],
      ['role', 'VARCHAR'],
      ['team', 'VARCHAR'],
      ['region', 'VARCHAR'],
      ['manager_id', 'VARCHAR'],
      ['email', 'VARCHAR'],
      ['hire_date', 'DATE'],
      ['leave_date', 'DATE'],
    ],
    ['rep_id', 'valid_from'],
    null,
    null,
  ),
  customers: T(
    'customers',
    [
      ['customer_id', 'VARCHAR'],
      ['name', 'VARCHAR'],
      ['segment', 'VARCHAR'],
      ['tier', 'VARCHAR'],
      ['industry', 'VARCHAR'],
      ['region', 'VARCHAR'],
      ['owner_rep_id', 'VARCHAR'],
      ['created_date', 'DATE'],
    ],
    ['customer_id'],
    null,
    null,
  ),
  products: T(
    'products',
    [
      ['sku', 'VARCHAR'],
      ['name', 'VARCHAR'],
      ['category', 'VARCHAR'],
      ['list_price', 'DECIMAL(18,4)'],
    ],
    ['sku'],
    null,
    null,
  ),
  orders: T(
    'orders',
    [
      ['order_id', 'VARCHAR'],
      ['line_no', 'INTEGER'],
      ['order_date', 'DATE'],
      ['customer_id', 'VARCHAR'],
      ['customer_name', 'VARCHAR'],
      ['rep_id', 'VARCHAR'],
      ['sku', 'VARCHAR'],
      ['product_name', 'VARCHAR'],
      ['category', 'VARCHAR'],
      ['quantity', 'DECIMAL(18,4)'],
      ['unit_price', 'DECIMAL(18,4)'],
      ['discount', 'DECIMAL(18,6)'],
      ['amount', 'DECIMAL(18,4)'],
      ['status', 'VARCHAR'],
      ['original_order_id', 'VARCHAR'],
      ['channel', 'VARCHAR'],
      ['region', 'VARCHAR'],
      ['team', 'VARCHAR'],
      ['currency', 'VARCHAR'],
    ],
    ['order_id', 'line_no'],
    'order_date',
    'rep_id',
  ),
  visits: T(
    'visits',
    [
      ['visit_id', 'VARCHAR'],
      ['visit_at', 'TIMESTAMP'],
      ['rep_id', 'VARCHAR'],
      ['customer_id', 'VARCHAR'],
      ['type', 'VARCHAR'],
      ['outcome', 'VARCHAR'],
      ['duration_min', 'INTEGER'],
      ['next_step_date', 'DATE'],
      ['notes', 'VARCHAR'],
    ],
    ['visit_id'],
    'visit_at',
    'rep_id',
  ),
  targets: T(
    'targets',
    [
      ['period', 'VARCHAR'],
      ['period_kind', 'VARCHAR'],
      ['scope_kind', 'VARCHAR'],
      ['scope_id', 'VARCHAR'],
      ['metric', 'VARCHAR'],
      ['target_value', 'DECIMAL(18,4)'],
    ],
    ['period', 'scope_kind', 'scope_id', 'metric'],
    null,
    null,
  ),
};

export function isDataset(value: string): value is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(value);
}

export function isMode(value: string): value is Mode {
  return (MODES as readonly string[]).includes(value);
}

/** Datasets whose replace-period works on months and reps; the others treat it as upsert. */
export function hasPeriods(dataset: DatasetName): boolean {
  return dataset === 'orders' || dataset === 'visits' || dataset === 'targets';
}

export const CODES = {
  role: ['manager', 'supervisor', 'rep', 'assistant', 'account_manager'],
  tier: ['key', 'standard'],
  status: ['completed', 'cancelled', 'returned'],
  type: ['visit', 'call', 'meeting', 'demo', 'other'],
  metric: ['revenue', 'orders', 'new_customers', 'visits'],
} as const;
