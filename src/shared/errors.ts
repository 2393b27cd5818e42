// Errors a clerk may see. The message is Chinese and complete on its own: it says what happened, to which file,
// record or field, and what to do. The code lets a transport (HTTP status, CLI exit status) and the UI react.

export type ErrorCode =
  | 'invalid' // the input is malformed: nothing was written
  | 'constraint' // the database refused the write: nothing was written
  | 'notFound'
  | 'conflict' // the data changed in between (e.g. undo of a record edited since)
  | 'busy' // another program holds the database
  | 'blocked' // the data hold 错误 that must be fixed first (the export gate); the clerk may override
  | 'newerSchema' // the file was written by a newer version of the app
  | 'notDatabase' // the file is not a 排查台账 database
  | 'corrupt'
  | 'internal';

export class PaichaError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PaichaError';
  }
}

/** What crosses a transport: plain data, no stack (a stack may hold file paths, never personal data, but it is noise). */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
}

export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof PaichaError) return { code: error.code, message: error.message };
  return { code: 'internal', message: '程序内部错误，操作未完成，数据未改动。请重试；如果反复出现，请联系技术支持。' };
}

export function fromErrorPayload(payload: ErrorPayload): PaichaError {
  return new PaichaError(payload.code, payload.message);
}
