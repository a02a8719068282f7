// Value parsing: raw text staging table → typed staging table, in SQL.
export { stageTyped } from './stage-typed.ts';
export { typedExpr, sqlType, errorMessage } from './typed-expr.ts';
export { dateExpr, timestampExpr, decideDayMonth } from './dates.ts';
export { numberExpr, integerExpr, discountExpr } from './numbers.ts';
export { periodExpr } from './periods.ts';
export { codeExpr, CODES } from './codes.ts';
