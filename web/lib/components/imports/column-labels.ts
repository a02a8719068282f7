// How a dataset's canonical columns are named to users: the Chinese header the exports use, or the
// English header (the canonical name in Title Case), as the sample company's three forms name them.
import type { Locale } from '$lib/i18n/format';
import type { Dataset } from './types';

const ZH_COMMON: Record<string, string> = {
  rep_id: '业务员编号',
  customer_id: '客户编号',
  customer_name: '客户名称',
  order_id: '订单号',
  line_no: '行号',
  order_date: '订单日期',
  sku: '物料编码',
  product_name: '品名',
  category: '品类',
  quantity: '数量',
  unit_price: '单价',
  discount: '折扣',
  amount: '价税合计',
  status: '状态',
  original_order_id: '原订单号',
  channel: '渠道',
  region: '区域',
  currency: '币种',
  visit_id: '拜访编号',
  visit_at: '拜访时间',
  type: '拜访方式',
  outcome: '拜访结果',
  duration_min: '时长(分钟)',
  next_step_date: '下次跟进日期',
  notes: '备注',
  period: '期间',
  metric: '指标',
  target_value: '目标值',
  team: '团队',
  role: '角色',
  manager_id: '上级编号',
  email: '邮箱',
  hire_date: '入职日期',
  leave_date: '离职日期',
  valid_from: '生效日期',
  segment: '客户类型',
  tier: '客户等级',
  industry: '行业',
  owner_rep_id: '负责人编号',
  created_date: '建档日期',
  list_price: '标准价',
};

/** Columns whose Chinese header depends on the dataset. */
const ZH_BY_DATASET: Partial<Record<Dataset, Record<string, string>>> = {
  reps: { rep_id: '员工编号', name: '姓名' },
  customers: { name: '客户名称' },
  products: { name: '品名' },
};

const EN_WORDS: Record<string, string> = { id: 'ID', sku: 'SKU', min: '(min)' };

function titleCase(name: string): string {
  return name
    .split('_')
    .map((word) => EN_WORDS[word] ?? word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

export function columnLabel(dataset: Dataset | null, column: string, locale: Locale): string {
  if (locale === 'en') return titleCase(column);
  return (dataset ? ZH_BY_DATASET[dataset]?.[column] : undefined) ?? ZH_COMMON[column] ?? titleCase(column);
}
