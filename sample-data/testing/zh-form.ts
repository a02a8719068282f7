// Test support: reads the Chinese form back into the English notation, written independently of the
// generator from the conventions alone (2025/3/5 dates, 9折 discounts, 2025年3月 periods, Chinese
// words for coded values), so a test can compare both forms row by row.

const WORDS: Record<string, Record<string, string>> = {
  角色: { 销售经理: 'manager', 销售主管: 'supervisor', 销售代表: 'rep', 销售助理: 'assistant', 客户经理: 'account_manager' },
  客户等级: { 重点客户: 'key', 普通客户: 'standard' },
  状态: { 已完成: 'completed', 已取消: 'cancelled', 退货: 'returned' },
  拜访方式: { 上门拜访: 'visit', 电话: 'call', 会议: 'meeting', 演示: 'demo', 其他: 'other' },
  指标: { 销售额: 'revenue', 订单数: 'orders', 新客户数: 'new_customers', 拜访次数: 'visits' },
};
const DATE_COLUMNS = new Set(['入职日期', '离职日期', '建档日期', '订单日期', '下次跟进日期']);

const pad = (n: string) => n.padStart(2, '0');

export function zhDateToIso(value: string): string {
  if (value === '') return '';
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(value);
  if (!m) throw new Error(`not a Chinese-style date: ${value}`);
  return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
}

export function zhDateTimeToIso(value: string): string {
  const m = /^(\S+) (\d{1,2}):(\d{2})$/.exec(value);
  if (!m) throw new Error(`not a Chinese-style date and time: ${value}`);
  return `${zhDateToIso(m[1]!)} ${pad(m[2]!)}:${m[3]}`;
}

/** 9折 → 0.1 off, 8.8折 → 0.12 off, blank → none. */
export function zheToFractionOff(value: string): number {
  if (value === '') return 0;
  const m = /^(\d+(?:\.\d+)?)折$/.exec(value);
  if (!m) throw new Error(`not a 折 discount: ${value}`);
  return Math.round((10 - Number(m[1])) * 10) / 100;
}

export function zhPeriodToIso(value: string): string {
  const m = /^(\d{4})年(\d{1,2})月$/.exec(value);
  if (!m) throw new Error(`not a Chinese-style period: ${value}`);
  return `${m[1]}-${pad(m[2]!)}`;
}

/** One Chinese-form row in English notation (discounts as numbers, to compare by value). */
export function zhRowToEn(headers: readonly string[], row: readonly string[]): Array<string | number> {
  return row.map((value, i) => {
    const header = headers[i]!;
    if (DATE_COLUMNS.has(header)) return zhDateToIso(value);
    if (header === '拜访时间') return zhDateTimeToIso(value);
    if (header === '折扣') return zheToFractionOff(value);
    if (header === '期间') return zhPeriodToIso(value);
    const words = WORDS[header];
    if (words) {
      const code = words[value];
      if (code === undefined) throw new Error(`unknown ${header}: ${value}`);
      return code;
    }
    return value;
  });
}
