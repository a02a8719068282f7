// Header mapping: normalisation, aliases of the sample exports and common English exports, override and remembered mappings, dataset guess.
import { describe, expect, it } from 'vitest';
import { DATASETS, DATASET_NAMES } from '../datasets.ts';
import { InputError } from '../read/input-error.ts';
import { guessDataset, headerSignature, normaliseHeader, proposeMapping } from './index.ts';

const headersOf = (m: ReturnType<typeof proposeMapping>) =>
  Object.fromEntries(Object.entries(m.columns).map(([k, v]) => [k, 'header' in v ? v.header : { value: v.value }]));

// The sample company's Chinese headers (brief), per dataset, in the order its exports write them.
const ZH = {
  reps: ['员工编号', '姓名', '角色', '团队', '区域', '上级编号', '邮箱', '入职日期', '离职日期'],
  customers: ['客户编号', '客户名称', '客户类型', '客户等级', '行业', '区域', '负责人编号', '建档日期'],
  products: ['物料编码', '品名', '品类', '标准价'],
  orders: ['订单号', '行号', '订单日期', '客户编号', '客户名称', '业务员编号', '物料编码', '品名', '品类', '数量', '单价', '折扣', '价税合计', '状态', '原订单号', '渠道', '区域', '币种'],
  visits: ['拜访编号', '拜访时间', '业务员编号', '客户编号', '拜访方式', '拜访结果', '时长(分钟)', '下次跟进日期', '备注'],
  targets: ['期间', '业务员编号', '指标', '目标值'],
} as const;

const titleCase = (name: string) => name.split('_').map((w) => (w === 'id' ? 'ID' : w[0]!.toUpperCase() + w.slice(1))).join(' ');

describe('normaliseHeader', () => {
  it('ignores case, spaces, punctuation and full/half width', () => {
    expect(normaliseHeader(' Order ID ')).toBe('orderid');
    expect(normaliseHeader('order_id')).toBe('orderid');
    expect(normaliseHeader('ＯＲＤＥＲ－ＩＤ')).toBe('orderid');
    expect(normaliseHeader('时长(分钟)')).toBe('时长分钟');
    expect(normaliseHeader('时长（分钟）')).toBe('时长分钟');
    expect(normaliseHeader('Sub-Category')).toBe('subcategory');
  });
  it('signs a header row by its normalised headers', () => {
    expect(headerSignature(['Order ID', 'Amount'])).toBe(headerSignature(['order_id', ' AMOUNT']));
    expect(headerSignature(['Order ID', 'Amount'])).not.toBe(headerSignature(['Amount', 'Order ID']));
    expect(headerSignature(['a'])).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('proposeMapping on the sample exports', () => {
  it('maps every Chinese header of every dataset', () => {
    for (const dataset of DATASET_NAMES) {
      const headers = [...ZH[dataset]];
      const m = proposeMapping(dataset, headers);
      expect(m.missingRequired, dataset).toEqual([]);
      expect(Object.values(m.columns).map((c) => ('header' in c ? c.header : null)).sort(), dataset).toEqual([...headers].sort());
    }
    expect(headersOf(proposeMapping('orders', [...ZH.orders]))).toMatchObject({ amount: '价税合计', rep_id: '业务员编号', unit_price: '单价', sku: '物料编码', product_name: '品名' });
    expect(headersOf(proposeMapping('visits', [...ZH.visits]))).toMatchObject({ duration_min: '时长(分钟)', type: '拜访方式', visit_at: '拜访时间' });
    expect(headersOf(proposeMapping('targets', [...ZH.targets]))).toEqual({ period: '期间', rep_id: '业务员编号', metric: '指标', target_value: '目标值' });
  });
  it('maps the English Title Case headers to the canonical names', () => {
    for (const dataset of DATASET_NAMES) {
      const names = DATASETS[dataset].columns.map((c) => c.name);
      const m = proposeMapping(dataset, names.map(titleCase));
      expect(Object.keys(m.columns), dataset).toEqual(names);
      expect(m.notes, dataset).toEqual([]);
    }
  });
});

describe('proposeMapping rules', () => {
  it('takes the tax-inclusive amount and says so', () => {
    const m = proposeMapping('orders', ['单号', '日期', '业务员编号', '金额', '价税合计']);
    expect(headersOf(m).amount).toBe('价税合计');
    expect(m.notes).toContain('amount taken from "价税合计" (tax-inclusive) rather than "金额" (pre-tax).');
    const m2 = proposeMapping('orders', ['单号', '日期', '业务员编号', '不含税金额', '含税金额']);
    expect(headersOf(m2).amount).toBe('含税金额');
    expect(m2.notes.some((n) => n.includes('不含税金额'))).toBe(true);
    expect(headersOf(proposeMapping('orders', ['单号', '日期', '业务员编号', '金额'])).amount).toBe('金额');
  });
  it('maps name columns to ids, saying so', () => {
    const m = proposeMapping('orders', ['单据编号', '单据日期', '业务员', '客户', '实收金额']);
    expect(headersOf(m)).toEqual({ order_id: '单据编号', order_date: '单据日期', customer_name: '客户', rep_id: '业务员', amount: '实收金额' });
    expect(m.byName).toEqual(['rep_id']);
    expect(m.notes.some((n) => n.startsWith('rep_id taken from "业务员", which holds names'))).toBe(true);
    expect(m.notes).toContain('No customer id column: the customer names in "客户" serve as ids.');
    expect(m.missingRequired).toEqual([]);
  });
  it('prefers an id column over a name column', () => {
    const m = proposeMapping('orders', ['订单编号', '下单日期', '销售员', '业务员编号', '客户编号', '客户名称']);
    expect(headersOf(m)).toMatchObject({ rep_id: '业务员编号', customer_id: '客户编号', customer_name: '客户名称' });
    expect(m.byName).toEqual([]);
  });
  it('for visits, a customer name column serves as the customer id', () => {
    const m = proposeMapping('visits', ['拜访日期', '销售代表', '客户名称', '拜访方式']);
    expect(headersOf(m)).toEqual({ visit_at: '拜访日期', rep_id: '销售代表', customer_id: '客户名称', type: '拜访方式' });
    expect(m.byName).toEqual(['rep_id', 'customer_id']);
  });
  it('for customers without ids, the names serve as ids', () => {
    const m = proposeMapping('customers', ['客户名称', '客户等级']);
    expect(headersOf(m)).toEqual({ customer_id: '客户名称', name: '客户名称', tier: '客户等级' });
    expect(m.byName).toEqual(['customer_id']);
  });
  it('gives 指标 to the target value when it is the only candidate for it', () => {
    expect(headersOf(proposeMapping('targets', ['月份', '业务员编号', '指标']))).toEqual({ period: '月份', rep_id: '业务员编号', target_value: '指标' });
  });
  it('reads traditional Chinese and full-width headers, and drops a trailing unit', () => {
    const m = proposeMapping('orders', ['訂單號', '訂單日期', '客戶編號', '業務員編號', '數量', '單價', '金額（元）', '狀態']);
    expect(headersOf(m)).toEqual({ order_id: '訂單號', order_date: '訂單日期', customer_id: '客戶編號', rep_id: '業務員編號', quantity: '數量', unit_price: '單價', amount: '金額（元）', status: '狀態' });
  });
  it('maps the English variants of common exports', () => {
    const superstore = ['Row ID', 'Order ID', 'Order Date', 'Ship Date', 'Ship Mode', 'Customer ID', 'Customer Name', 'Segment', 'Country', 'City', 'State', 'Postal Code', 'Region', 'Product ID', 'Category', 'Sub-Category', 'Product Name', 'Sales', 'Quantity', 'Discount', 'Profit'];
    const m = proposeMapping('orders', superstore);
    expect(headersOf(m)).toEqual({ order_id: 'Order ID', order_date: 'Order Date', customer_id: 'Customer ID', customer_name: 'Customer Name', sku: 'Product ID', product_name: 'Product Name', category: 'Category', quantity: 'Quantity', discount: 'Discount', amount: 'Sales', region: 'Region' });
    expect(m.missingRequired).toEqual(['rep_id']);
    const retail = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
    expect(headersOf(proposeMapping('orders', retail))).toEqual({ order_id: 'InvoiceNo', order_date: 'InvoiceDate', customer_id: 'CustomerID', sku: 'StockCode', product_name: 'Description', quantity: 'Quantity', unit_price: 'UnitPrice' });
  });
});

describe('override and remembered mappings', () => {
  const headers = ['No.', 'Datum', 'Verkäufer', 'Betrag', '金额'];
  it('override wins over remembered, which wins over aliases; constants are allowed', () => {
    const m = proposeMapping('orders', headers, { order_id: 'No.', rep_id: { value: 'R001' } }, { order_date: 'Datum', order_id: 'Betrag', amount: 'Betrag' });
    expect(headersOf(m)).toEqual({ order_id: 'No.', order_date: 'Datum', rep_id: { value: 'R001' }, amount: 'Betrag' });
    expect(m.missingRequired).toEqual([]);
  });
  it('matches an override header ignoring case and spacing', () => {
    expect(headersOf(proposeMapping('orders', headers, { order_id: 'no' })).order_id).toBe('No.');
  });
  it('refuses an override naming a header the file does not have, or an unknown column', () => {
    expect(() => proposeMapping('orders', headers, { order_date: 'Date' })).toThrow(InputError);
    expect(() => proposeMapping('orders', headers, { order_date: 'Date' })).toThrow(/takes order_date from "Date", but the file has no such header/);
    expect(() => proposeMapping('orders', headers, { colour: 'Datum' })).toThrow(/"colour", which is not a column of orders/);
  });
  it('ignores remembered entries whose header is gone', () => {
    expect(headersOf(proposeMapping('orders', headers, undefined, { order_date: 'Gone', order_id: 'No.' }))).toEqual({ order_id: 'No.', amount: '金额' });
  });
});

describe('guessDataset', () => {
  it('recognises each dataset from its Chinese and English headers', () => {
    for (const dataset of DATASET_NAMES) {
      expect(guessDataset([...ZH[dataset]])?.dataset, dataset).toBe(dataset);
      expect(guessDataset(DATASETS[dataset].columns.map((c) => titleCase(c.name)))?.dataset, dataset).toBe(dataset);
    }
  });
  it('returns null for headers of nothing it knows', () => {
    expect(guessDataset(['Colour', 'Size', 'Weight'])).toBeNull();
    expect(guessDataset([])).toBeNull();
  });
});
