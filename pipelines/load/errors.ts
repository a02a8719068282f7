// Errors the pipelines raise for callers to show: statusCode and code follow the server's error
// shape, so the API's one error handler answers them as they are (409 conflict, 404 not found).
export class PipelineError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class UndoRefused extends PipelineError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details);
  }
}

export class BatchNotFound extends PipelineError {
  constructor(batchId: string) {
    super(404, 'not_found', `There is no import ${batchId}.`);
  }
}

/**
 * The input was refused (unreadable file, missing column, too many bad rows, another currency).
 * importFile turns it into a report with status "refused"; it never escapes to callers.
 */
export class InputRefused extends PipelineError {
  constructor(
    message: string,
    readonly where: { row?: number | null; column?: string | null; value?: string | null } = {},
  ) {
    super(422, 'input_refused', message);
  }
}
