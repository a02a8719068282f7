// Option builder for a customer's net revenue per month (12 months to the as-of month): bars,
// returns below the axis. Pure.
import { PALETTE } from './theme';
import type { ChartOption } from './types';
import { hoveredIndex, isValue, tooltipLine, tooltipTitle } from './evaluation-common';

export interface CustomerRevenueText {
  revenue: string;
  monthShort(month: string): string;
  month(month: string): string;
  money(value: number | null): string;
  moneyAxis(value: number): string;
}

export function hasCustomerRevenue(values: readonly number[]): boolean {
  return values.some((v) => isValue(v) && v !== 0);
}

export function customerRevenueOption(months: readonly string[], values: readonly number[], text: CustomerRevenueText): ChartOption {
  return {
    animationDuration: 400,
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const index = hoveredIndex(params);
        const month = index === null ? undefined : months[index];
        if (month === undefined) return '';
        return tooltipTitle(text.month(month)) + tooltipLine(PALETTE.revenue, text.revenue, text.money(values[index!] ?? null));
      },
    },
    xAxis: { type: 'category', data: [...months], axisLabel: { formatter: (m: string) => text.monthShort(m), hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => text.moneyAxis(v) } },
    series: [
      {
        name: text.revenue,
        type: 'bar',
        data: months.map((_, i) => (isValue(values[i]) ? values[i]! : null)),
        barMaxWidth: 28,
        itemStyle: { color: PALETTE.revenue, borderRadius: [3, 3, 0, 0] },
      },
    ],
  };
}
