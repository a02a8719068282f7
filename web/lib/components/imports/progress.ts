// The progress bar's figures: bytes while the file uploads, then the server's phase of the import.
import { PHASES, type Phase } from './types';

export interface JobProgress {
  step: 'upload' | 'process';
  loaded: number;
  total: number;
  /** The server's phase once known (process step). */
  phase: string | null;
  rows: number;
}

export function isPhase(value: string | null): value is Phase {
  return value !== null && (PHASES as readonly string[]).includes(value);
}

/** 0–1 for the bar; null draws it as busy without a figure (processing before any phase is known). */
export function fractionOf(p: JobProgress): number | null {
  if (p.step === 'upload') return p.total > 0 ? Math.min(1, p.loaded / p.total) : null;
  if (!isPhase(p.phase)) return null;
  return (PHASES.indexOf(p.phase) + 1) / (PHASES.length + 1);
}

/** 1536 → "1.5 KB", 12_582_912 → "12.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
