import type { ErrorCode, ErrorData, RpcError } from './codes.ts';

/**
 * The one error type services throw on purpose. Its `message` is developer English for logs
 * (never patient data); the UI shows the Italian text for `code` from its locale files.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly data: ErrorData<C> | undefined;

  constructor(code: C, message: string, data?: ErrorData<C>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.data = data;
  }

  toRpc(): RpcError<C> {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }

  static fromRpc(error: RpcError): AppError {
    return new AppError(error.code, error.message, error.data as never);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
