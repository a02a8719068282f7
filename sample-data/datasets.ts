// The six exported datasets: columns in canonical order with their English and Chinese headers and
// the kind of value each holds (which decides how every form writes it).

export type DatasetName = 'reps' | 'customers' | 'products' | 'targets' | 'orders' | 'visits';
export const DATASETS: readonly DatasetName[] = ['reps', 'customers', 'products', 'targets', 'orders', 'visits'];

export type Kind =
  | 'text'
  | 'int'
  | 'money' // integer cents
  | 'date' // day number
  | 'datetime' // minutes since the epoch
  | 'discount' // integer percent off
  | 'period' // month index
  | 'role'
  | 'tier'
  | 'status'
  | 'visitType'
  | 'metric';

export type Cell = string | number | null;

export interface Column {
  key: string;
  en: string;
  zh: string;
  kind: Kind;
  /** Column width in the XLSX form (characters). */
  width: number;
}

export interface DatasetSpec {
  name: DatasetName;
  /** Sheet name and the start of the title row in the XLSX form. */
  sheet: string;
  columns: readonly Column[];
  /** Columns summed in the XLSX totals row (合计), if the form has one. */
  totals?: readonly string[];
}

const col = (key: string, en: string, zh: string, kind: Kind, width = 12): Column => ({ key, en, zh, kind, width });

export const SPECS: Record<DatasetName, DatasetSpec> = {
  reps: {
    name: 'reps',
    sheet: '销售人员名单',
    columns: [
      col('rep_id', 'Rep ID', '员工编号', 'text', 10),
      col('name', 'Name', '姓名', 'text'),
      col('role', 'Role', '角色', 'role'),
      col('team', 'Team', '团队', 'text'),
      col('region', 'Region', '区域', 'text', 8),
      col('manager_id', 'Manager ID', '上级编号', 'text', 10),
      col('email', 'Email', '邮箱', 'text', 32),
      col('hire_date', 'Hire Date', '入职日期', 'date'),
      col('leave_date', 'Leave Date', '离职日期', 'date'),
    ],
  },
  customers: {
    name: 'customers',
    sheet: '客户档案',
    columns: [
      col('customer_id', 'Customer ID', '客户编号', 'text', 10),
      col('name', 'Name', '客户名称', 'text', 36),
      col('segment', 'Segment', '客户类型', 'text'),
      col('tier', 'Tier', '客户等级', 'tier'),
      col('industry', 'Industry', '行业', 'text'),
      col('region', 'Region', '区域', 'text', 8),
      col('owner_rep_id', 'Owner Rep ID', '负责人编号', 'text', 10),
      col('created_date', 'Created Date', '建档日期', 'date'),
    ],
  },
  products: {
    name: 'products',
    sheet: '产品目录',
    columns: [
      col('sku', 'SKU', '物料编码', 'text', 10),
      col('name', 'Name', '品名', 'text', 32),
      col('category', 'Category', '品类', 'text'),
      col('list_price', 'List Price', '标准价', 'money'),
    ],
  },
  targets: {
    name: 'targets',
    sheet: '销售目标',
    columns: [
      col('period', 'Period', '期间', 'period', 10),
      col('rep_id', 'Rep ID', '业务员编号', 'text', 10),
      col('metric', 'Metric', '指标', 'metric'),
      col('target_value', 'Target Value', '目标值', 'int', 14),
    ],
  },
  orders: {
    name: 'orders',
    sheet: '订单明细',
    columns: [
      col('order_id', 'Order ID', '订单号', 'text', 18),
      col('line_no', 'Line No', '行号', 'int', 6),
      col('order_date', 'Order Date', '订单日期', 'date'),
      col('customer_id', 'Customer ID', '客户编号', 'text', 10),
      col('customer_name', 'Customer Name', '客户名称', 'text', 36),
      col('rep_id', 'Rep ID', '业务员编号', 'text', 10),
      col('sku', 'SKU', '物料编码', 'text', 10),
      col('product_name', 'Product Name', '品名', 'text', 30),
      col('category', 'Category', '品类', 'text', 10),
      col('quantity', 'Quantity', '数量', 'int', 8),
      col('unit_price', 'Unit Price', '单价', 'money', 10),
      col('discount', 'Discount', '折扣', 'discount', 8),
      col('amount', 'Amount', '价税合计', 'money', 14),
      col('status', 'Status', '状态', 'status', 8),
      col('original_order_id', 'Original Order ID', '原订单号', 'text', 18),
      col('channel', 'Channel', '渠道', 'text', 8),
      col('region', 'Region', '区域', 'text', 8),
      col('currency', 'Currency', '币种', 'text', 6),
    ],
    totals: ['quantity', 'amount'],
  },
  visits: {
    name: 'visits',
    sheet: '拜访记录',
    columns: [
      col('visit_id', 'Visit ID', '拜访编号', 'text', 18),
      col('visit_at', 'Visit At', '拜访时间', 'datetime', 17),
      col('rep_id', 'Rep ID', '业务员编号', 'text', 10),
      col('customer_id', 'Customer ID', '客户编号', 'text', 10),
      col('type', 'Type', '拜访方式', 'visitType', 10),
      col('outcome', 'Outcome', '拜访结果', 'text', 28),
      col('duration_min', 'Duration Min', '时长(分钟)', 'int', 10),
      col('next_step_date', 'Next Step Date', '下次跟进日期', 'date'),
      col('notes', 'Notes', '备注', 'text', 36),
    ],
  },
};

/** Chinese words for the values that have canonical English codes. */
export const ZH_CODES: Record<'role' | 'tier' | 'status' | 'visitType' | 'metric', Record<string, string>> = {
  role: { manager: '销售经理', supervisor: '销售主管', rep: '销售代表', assistant: '销售助理', account_manager: '客户经理' },
  tier: { key: '重点客户', standard: '普通客户' },
  status: { completed: '已完成', cancelled: '已取消', returned: '退货' },
  visitType: { visit: '上门拜访', call: '电话', meeting: '会议', demo: '演示', other: '其他' },
  metric: { revenue: '销售额', orders: '订单数', new_customers: '新客户数', visits: '拜访次数' },
};
