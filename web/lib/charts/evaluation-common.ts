// Small pieces shared by the evaluation and customer chart builders: HTML escaping for tooltips, one
// tooltip line, the hovered index, and a finite-number guard.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function isValue(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A value or null, never NaN or undefined (ECharts draws null as a gap). */
export function valueOrNull(v: number | null | undefined): number | null {
  return isValue(v) ? v : null;
}

/** One "● name ……… value" line of a tooltip. */
export function tooltipLine(color: string, name: string, value: string, dashed = false): string {
  const mark = dashed
    ? `border-top:2px dashed ${color};height:0;width:10px;margin-right:6px;display:inline-block;vertical-align:middle`
    : `display:inline-block;width:8px;height:8px;border-radius:2px;margin-right:6px;background:${color}`;
  return (
    `<div style="display:flex;gap:12px;justify-content:space-between;align-items:center">` +
    `<span><span style="${mark}"></span>${escapeHtml(name)}</span><strong>${escapeHtml(value)}</strong></div>`
  );
}

export function tooltipTitle(text: string): string {
  return `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(text)}</div>`;
}

/** The data index under the pointer from an axis or item tooltip's params. */
export function hoveredIndex(params: unknown): number | null {
  const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: unknown } | undefined;
  return typeof first?.dataIndex === 'number' ? first.dataIndex : null;
}
