// The six importable datasets of metrics.md: canonical columns, their value types, which are required, the key,
// and the header aliases (English, Simplified and Traditional Chinese) that map a file's headers onto them.
import { ALIASES, NAME_ALIASES } from './map/aliases.ts';

export type Dataset = 'orders' | 'visits' | 'targets' | 'reps' | 'customers' | 'products';
export type ColumnType =
  | 'id' | 'text' | 'date' | 'timestamp' | 'money' | 'number' | 'integer' | 'fraction' | 'discount'
  | 'period' | 'status' | 'role' | 'tier' | 'visit_type' | 'metric' | 'currency';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required: boolean;
  /** en + zh-Hans + zh-Hant; id aliases first, then headers that hold names (see map/aliases.ts). */
  aliases: string[];
}

export const DATASET_NAMES: Dataset[] = ['orders', 'visits', 'targets', 'reps', 'customers', 'products'];

type Def = [name: string, type: ColumnType, required?: boolean];

const DEFS: Record<Dataset, { key: string[]; columns: Def[] }> = {
  reps: {
    key: ['rep_id', 'valid_from'],
    columns: [['rep_id', 'id', true], ['name', 'text', true], ['role', 'role', true], ['team', 'text', true], ['region', 'text', true],
      ['manager_id', 'id'], ['email', 'text'], ['hire_date', 'date'], ['leave_date', 'date'], ['valid_from', 'date']],
  },
  customers: {
    key: ['customer_id'],
    columns: [['customer_id', 'id', true], ['name', 'text', true], ['segment', 'text'], ['tier', 'tier'], ['industry', 'text'],
      ['region', 'text'], ['owner_rep_id', 'id'], ['created_date', 'date']],
  },
  products: {
    key: ['sku'],
    columns: [['sku', 'id', true], ['name', 'text', true], ['category', 'text'], ['list_price', 'money']],
  },
  orders: {
    key: ['order_id', 'line_no'],
    columns: [['order_id', 'id', true], ['line_no', 'integer'], ['order_date', 'date', true], ['customer_id', 'id'], ['customer_name', 'text'],
      ['rep_id', 'id', true], ['sku', 'id'], ['product_name', 'text'], ['category', 'text'], ['quantity', 'number'], ['unit_price', 'money'],
      ['discount', 'discount'], ['amount', 'money'], ['status', 'status'], ['original_order_id', 'id'], ['channel', 'text'], ['region', 'text'],
      ['currency', 'currency']],
  },
  visits: {
    key: ['visit_id'],
    columns: [['visit_id', 'id'], ['visit_at', 'timestamp', true], ['rep_id', 'id', true], ['customer_id', 'id', true], ['type', 'visit_type'],
      ['outcome', 'text'], ['duration_min', 'integer'], ['next_step_date', 'date'], ['notes', 'text']],
  },
  targets: {
    key: ['period', 'scope', 'metric'],
    columns: [['period', 'period', true], ['rep_id', 'id'], ['team', 'text'], ['region', 'text'], ['metric', 'metric'], ['target_value', 'number', true]],
  },
};

function build(dataset: Dataset): { key: string[]; columns: ColumnSpec[] } {
  const def = DEFS[dataset];
  return {
    key: def.key,
    columns: def.columns.map(([name, type, required]) => ({
      name,
      type,
      required: required === true,
      aliases: [...(ALIASES[dataset]?.[name] ?? []), ...(NAME_ALIASES[dataset]?.[name] ?? [])],
    })),
  };
}

export const DATASETS: Record<Dataset, { key: string[]; columns: ColumnSpec[] }> = {
  orders: build('orders'),
  visits: build('visits'),
  targets: build('targets'),
  reps: build('reps'),
  customers: build('customers'),
  products: build('products'),
};

export function isDataset(value: unknown): value is Dataset {
  return typeof value === 'string' && (DATASET_NAMES as string[]).includes(value);
}
