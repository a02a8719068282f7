// Header mapping: which file column feeds which canonical column of a dataset.
export { normaliseHeader, headerSignature } from './normalise.ts';
export { proposeMapping, guessDataset, aliasScore, headerHits } from './match.ts';
export type { MappingSpec, ResolvedMapping, MappedColumn } from './match.ts';
