// Apache Arrow IPC streams built straight from DuckDB's column vectors, one record batch per DuckDB
// chunk, strings dictionary-encoded (a delta dictionary batch carries only the strings new to it).
// Streamed: the next chunk is fetched only when the client has taken the previous one.
import { Readable, pipeline, type Duplex } from 'node:stream';
import { DuckDBTypeId, type DuckDBResult, type DuckDBValue, type DuckDBVector } from '@duckdb/node-api';
import type { Database } from '../db/database.ts';
import {
  Bool,
  DateDay,
  Dictionary,
  Field,
  Float64,
  Int32,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  Utf8,
  Vector,
  makeData,
  vectorFromArray,
  type Data,
  type DataType,
} from 'apache-arrow';

export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

/** One output column: how to turn a DuckDB vector into Arrow data for one batch. */
interface ColumnBuilder {
  field: Field;
  build(vector: DuckDBVector, length: number): Data;
  empty(): Data;
}

function validity(vector: DuckDBVector, length: number): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(length / 8));
  let nulls = 0;
  for (let i = 0; i < length; i++) {
    if (vector.getItem(i) === null) nulls++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { bitmap, nulls };
}

let nextDictionaryId = 0;

/** Strings as Int32 indices into a dictionary that grows batch by batch. */
function dictionaryColumn(name: string): ColumnBuilder {
  const type = new Dictionary(new Utf8(), new Int32(), nextDictionaryId++, false);
  const index = new Map<string, number>();
  let dictionary: Vector<Utf8> = vectorFromArray([] as string[], new Utf8());
  const data = (indices: Int32Array, length: number, nulls: number, bitmap: Uint8Array) =>
    makeData({ type, length, nullCount: nulls, nullBitmap: nulls > 0 ? bitmap : null, data: indices, dictionary }) as unknown as Data;
  return {
    field: new Field(name, type, true),
    build(vector, length) {
      const indices = new Int32Array(length);
      const added: string[] = [];
      const { bitmap, nulls } = validity(vector, length);
      for (let i = 0; i < length; i++) {
        const value = vector.getItem(i) as string | null;
        if (value === null) continue;
        let at = index.get(value);
        if (at === undefined) {
          at = index.size;
          index.set(value, at);
          added.push(value);
        }
        indices[i] = at;
      }
      if (added.length > 0) dictionary = dictionary.concat(vectorFromArray(added, new Utf8()));
      return data(indices, length, nulls, bitmap);
    },
    empty: () => data(new Int32Array(0), 0, 0, new Uint8Array(0)),
  };
}

function primitiveColumn<T extends DataType>(
  name: string,
  type: T,
  Values: Int32ArrayConstructor | Float64ArrayConstructor,
  read: (item: unknown) => number,
): ColumnBuilder {
  const data = (values: Int32Array | Float64Array, length: number, nulls: number, bitmap: Uint8Array) =>
    makeData({ type: type as DataType, length, nullCount: nulls, nullBitmap: nulls > 0 ? bitmap : null, data: values } as never) as unknown as Data;
  return {
    field: new Field(name, type, true),
    build(vector, length) {
      const values = new Values(length);
      const { bitmap, nulls } = validity(vector, length);
      for (let i = 0; i < length; i++) {
        const item = vector.getItem(i);
        if (item !== null) values[i] = read(item);
      }
      return data(values, length, nulls, bitmap);
    },
    empty: () => data(new Values(0), 0, 0, new Uint8Array(0)),
  };
}

function boolColumn(name: string): ColumnBuilder {
  const type = new Bool();
  const data = (values: Uint8Array, length: number, nulls: number, bitmap: Uint8Array) =>
    makeData({ type, length, nullCount: nulls, nullBitmap: nulls > 0 ? bitmap : null, data: values }) as unknown as Data;
  return {
    field: new Field(name, type, true),
    build(vector, length) {
      const values = new Uint8Array(Math.ceil(length / 8));
      const { bitmap, nulls } = validity(vector, length);
      for (let i = 0; i < length; i++) if (vector.getItem(i) === true) values[i >> 3]! |= 1 << (i & 7);
      return data(values, length, nulls, bitmap);
    },
    empty: () => data(new Uint8Array(0), 0, 0, new Uint8Array(0)),
  };
}

/** Builders for a result's columns; cast in SQL to VARCHAR, INTEGER, DOUBLE, DATE or BOOLEAN first. */
function buildersFor(result: DuckDBResult): ColumnBuilder[] {
  return result.columnNames().map((name, i) => {
    const id = result.columnTypeId(i);
    switch (id) {
      case DuckDBTypeId.VARCHAR:
        return dictionaryColumn(name);
      case DuckDBTypeId.INTEGER:
        return primitiveColumn(name, new Int32(), Int32Array, (v) => v as number);
      case DuckDBTypeId.DOUBLE:
        return primitiveColumn(name, new Float64(), Float64Array, (v) => v as number);
      case DuckDBTypeId.DATE:
        return primitiveColumn(name, new DateDay(), Int32Array, (v) => (v as { days: number }).days);
      case DuckDBTypeId.BOOLEAN:
        return boolColumn(name);
      default:
        throw new Error(`Column ${name} has a type Arrow export does not carry (${result.columnType(i).toString()}); cast it in SQL.`);
    }
  });
}

function batchOf(schema: Schema, children: Data[], length: number): RecordBatch {
  const data = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}

/** Record batches of a DuckDB result, one per chunk; at least one (empty) so the schema is always sent. */
export async function* arrowBatches(result: DuckDBResult): AsyncGenerator<RecordBatch> {
  const builders = buildersFor(result);
  const schema = new Schema(builders.map((b) => b.field));
  let sent = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const length = chunk.rowCount;
    yield batchOf(schema, builders.map((b, i) => b.build(chunk.getColumnVector(i), length)), length);
    sent++;
  }
  if (sent === 0) yield batchOf(schema, builders.map((b) => b.empty()), 0);
}

/**
 * The Arrow IPC stream of a DuckDB streaming result. `onDone` runs once the stream has ended,
 * failed or been abandoned by the client (release the connection there).
 */
export function arrowStream(result: DuckDBResult, onDone: (err?: Error | null) => void): Duplex {
  const writer = RecordBatchStreamWriter.throughNode() as unknown as Duplex;
  return pipeline(Readable.from(arrowBatches(result)), writer, (err) => onDone(err));
}

/**
 * Runs a query on a pooled read connection and answers its Arrow stream once the query has
 * started (so SQL errors still reach the caller as a rejection). The connection stays held until
 * the stream ends or the client goes away.
 */
export function streamArrow(db: Database, sql: string, params: Record<string, DuckDBValue>): Promise<Duplex> {
  return new Promise<Duplex>((resolve, reject) => {
    db.read(
      (conn) =>
        new Promise<void>((release) => {
          conn.stream(sql, params).then(
            (result) => resolve(arrowStream(result, () => release())),
            (err: unknown) => {
              reject(err);
              release();
            },
          );
        }),
    ).catch(reject);
  });
}
