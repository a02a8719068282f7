// Words for the import routes' codes in the current language: datasets, modes, delimiters, batch
// statuses and timestamps.
import { fmt, t } from '$lib/i18n/index.svelte';
import { isDataset, isMode, type BatchStatus } from './types';

export function datasetLabel(dataset: string): string {
  return isDataset(dataset) ? t(`imports.dataset.${dataset}`) : dataset;
}

export function modeLabel(mode: string): string {
  return isMode(mode) ? t(`imports.mode.${mode}`) : mode;
}

export function statusLabel(status: BatchStatus): string {
  return t(`imports.batch.${status}`);
}

export function delimiterLabel(delimiter: string | null): string {
  switch (delimiter) {
    case null:
      return '—';
    case ',':
      return t('imports.delimiter.comma');
    case '\t':
      return t('imports.delimiter.tab');
    case ';':
      return t('imports.delimiter.semicolon');
    case '|':
      return t('imports.delimiter.pipe');
    default:
      return `“${delimiter}”`;
  }
}

/** A server timestamp (UTC, ISO without zone) as date and hh:mm. */
export function when(iso: string | null): string {
  if (!iso) return '—';
  const time = /T(\d{2}:\d{2})/.exec(iso)?.[1];
  return time ? `${fmt.date(iso)} ${time}` : fmt.date(iso);
}
