/** The error `type` of each status the contract defines. */
const TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'quota_exceeded',
  403: 'permission_error',
  404: 'not_found',
  408: 'api_error',
  409: 'conflict',
  422: 'invalid_request_error',
  429: 'rate_limited',
};

/** The default `code` of each status (5xx: 500 `internal_error`, others `service_unavailable`). */
const CODES: Record<number, string> = {
  400: 'parameter_invalid',
  401: 'invalid_api_key',
  402: 'quota_exceeded',
  403: 'permission_denied',
  404: 'resource_missing',
  408: 'request_timeout',
  409: 'invalid_state',
  422: 'unprocessable',
  429: 'rate_limited',
  500: 'internal_error',
};

/** The contract's error `type` for a status. */
export function errorType(status: number): string {
  return TYPES[status] ?? 'api_error';
}

/** The contract's default error `code` for a status. */
export function errorCode(status: number): string {
  return CODES[status] ?? (status >= 500 ? 'service_unavailable' : 'parameter_invalid');
}

/**
 * A contract error the engine answers with: thrown anywhere inside an operation, turned into the
 * one error body shape (`{"error": {type, code, message, param?, request_id}}`) at the door.
 */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly param: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    param?: string,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.code = code;
    this.param = param;
    this.headers = headers;
  }

  /** The wire body, with the request id it must mirror. */
  body(requestId: string): unknown {
    const error: Record<string, string> = {
      type: errorType(this.status),
      code: this.code,
      message: this.message,
    };
    if (this.param !== undefined) error.param = this.param;
    error.request_id = requestId;
    return { error };
  }
}

/** 400 with a `param`: the one way a request parameter is refused. */
export function badParam(
  param: string,
  message: string,
  code:
    | 'parameter_invalid'
    | 'parameter_missing'
    | 'unknown_parameter'
    | 'payload_too_large' = 'parameter_invalid',
): ApiFailure {
  return new ApiFailure(400, code, `${param}: ${message}`, param);
}

/** 404 `resource_missing` for a path id (well-formed or not). */
export function notFound(kind: 'job' | 'schedule', id: string): ApiFailure {
  return new ApiFailure(404, 'resource_missing', `No such ${kind}: ${id}`, 'id');
}
