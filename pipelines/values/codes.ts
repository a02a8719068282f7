// Code words → canonical codes (status, role, tier, visit type, metric, currency) in English, Simplified and
// Traditional Chinese. Matching ignores case, spaces, underscores and hyphens.
import { codeKey, codeKeyExpr, str } from './sql.ts';

export type CodeType = 'status' | 'role' | 'tier' | 'visit_type' | 'metric' | 'currency';

export const CODES: Record<CodeType, Record<string, string[]>> = {
  status: {
    completed: ['completed', 'complete', 'done', 'closed', 'shipped', 'delivered', 'paid', 'invoiced', 'fulfilled', 'normal', 'ok',
      '已完成', '完成', '已成交', '成交', '正常', '已发货', '已签收', '已付款', '已开票', '已完成', '完成', '已成交', '已發貨', '已簽收', '已付款', '已開票'],
    cancelled: ['cancelled', 'canceled', 'cancel', 'void', 'voided', 'annulled',
      '已取消', '取消', '作废', '已作废', '撤销', '已撤销', '作廢', '已作廢', '撤銷', '已撤銷'],
    returned: ['returned', 'return', 'refund', 'refunded', 'credit', 'credited', 'credit note',
      '退货', '已退货', '退款', '已退款', '退单', '退回', '红冲', '退貨', '已退貨', '退單', '紅沖'],
  },
  role: {
    manager: ['manager', 'sales manager', 'sales director', 'director', '销售经理', '经理', '销售总监', '銷售經理', '經理', '銷售總監'],
    supervisor: ['supervisor', 'sales supervisor', 'team lead', 'team leader', 'lead', '销售主管', '主管', '组长', '銷售主管', '組長'],
    rep: ['rep', 'sales rep', 'sales representative', 'salesperson', 'sales person', 'representative', '销售代表', '销售员', '业务员', '銷售代表', '銷售員', '業務員'],
    assistant: ['assistant', 'sales assistant', 'sales admin', '销售助理', '助理', '销售内勤', '銷售助理', '銷售內勤'],
    account_manager: ['account manager', 'account_manager', 'key account manager', 'kam', '客户经理', '大客户经理', '客戶經理', '大客戶經理'],
  },
  tier: {
    key: ['key', 'key account', 'ka', 'vip', 'strategic', 'a', '重点客户', '重点', '大客户', '核心客户', '重點客戶', '重點', '大客戶', '核心客戶'],
    standard: ['standard', 'normal', 'regular', 'b', 'c', '普通客户', '普通', '一般客户', '一般', '普通客戶', '一般客戶'],
  },
  visit_type: {
    visit: ['visit', 'on-site', 'onsite', 'on site', 'in person', 'field visit', 'site visit', '上门拜访', '上门', '拜访', '实地拜访', '面访', '上門拜訪', '上門', '拜訪', '實地拜訪', '面訪'],
    call: ['call', 'phone', 'phone call', 'telephone', 'tel', '电话', '电话拜访', '致电', '電話', '電話拜訪'],
    meeting: ['meeting', 'video call', 'online meeting', '会议', '会面', '视频会议', '會議', '會面', '視頻會議', '視訊會議'],
    demo: ['demo', 'demonstration', 'presentation', '演示', '产品演示', '產品演示'],
    other: ['other', 'others', 'email', 'wechat', '其他', '其它', '微信', '邮件', '郵件'],
  },
  metric: {
    revenue: ['revenue', 'sales', 'amount', 'sales amount', '销售额', '营收', '收入', '业绩', '销售金额', '銷售額', '營收', '業績', '銷售金額'],
    orders: ['orders', 'order count', 'number of orders', '订单数', '订单量', '订单', '訂單數', '訂單量', '訂單'],
    new_customers: ['new_customers', 'new customers', 'new customer', 'new accounts', '新客户数', '新客户', '新增客户', '新客戶數', '新客戶', '新增客戶'],
    visits: ['visits', 'visit count', 'number of visits', '拜访次数', '拜访数', '拜访量', '拜访', '拜訪次數', '拜訪數', '拜訪'],
  },
  currency: {
    CNY: ['cny', 'rmb', '人民币', '人民幣', '¥', '￥', '元', 'yuan', 'renminbi'],
    USD: ['usd', 'us$', '$', '美元', 'us dollar'],
    EUR: ['eur', '€', '欧元', '歐元', 'euro'],
    HKD: ['hkd', 'hk$', '港币', '港元', '港幣'],
    GBP: ['gbp', '£', '英镑', '英鎊'],
    JPY: ['jpy', '日元', '日圓'],
  },
};

/** VARCHAR canonical code from a cleaned VARCHAR, NULL when the word is not known (a currency: any 3-letter code). */
export function codeExpr(v: string, type: CodeType): string {
  const exact: string[] = [];
  const whens: string[] = [];
  for (const [code, words] of Object.entries(CODES[type])) {
    const written = [...new Set([code, ...words])];
    exact.push(`WHEN ${v} IN (${written.map(str).join(', ')}) THEN ${str(code)}`);
    const keys = [...new Set(written.map(codeKey))];
    whens.push(`WHEN k IN (${keys.map(str).join(', ')}) THEN ${str(code)}`);
  }
  const other = type === 'currency' ? `WHEN regexp_full_match(k, '[a-z]{3}') THEN upper(k)` : '';
  // Words as written are matched directly (the common case, and cheap); the rest by a key computed once per value.
  return `CASE WHEN ${v} IS NULL THEN NULL ${exact.join(' ')}
    ELSE list_transform([${codeKeyExpr(v)}], k -> CASE ${whens.join(' ')} ${other} END)[1] END`;
}
