import { ApiErrorBody, ErrorCode, ErrorTitle, FieldError } from './errors';

export interface DeskErrorInit {
  code: ErrorCode;
  title: ErrorTitle;
  message: string;
  httpStatus: number;
  nextStep?: string;
  upstoxCode?: string;
  details?: FieldError[] | Record<string, unknown>;
  /** Text for the server log only (never sent to a client): upstream reasons, ids. */
  logDetail?: string;
}

/**
 * The one error type the api's exception filter turns into an ApiErrorBody. Plain class, no
 * framework: the Upstox client's typed errors and every api module throw (subclasses of) it.
 */
export class DeskError extends Error {
  readonly code: ErrorCode;
  readonly title: ErrorTitle;
  readonly httpStatus: number;
  readonly nextStep?: string;
  readonly upstoxCode?: string;
  readonly details?: FieldError[] | Record<string, unknown>;
  readonly logDetail?: string;

  constructor(init: DeskErrorInit) {
    super(init.message);
    this.name = new.target.name;
    this.code = init.code;
    this.title = init.title;
    this.httpStatus = init.httpStatus;
    this.nextStep = init.nextStep;
    this.upstoxCode = init.upstoxCode;
    this.details = init.details;
    this.logDetail = init.logDetail;
  }

  toBody(requestId: string): ApiErrorBody {
    return {
      code: this.code,
      title: this.title,
      message: this.message,
      ...(this.nextStep ? { nextStep: this.nextStep } : {}),
      ...(this.upstoxCode ? { upstoxCode: this.upstoxCode } : {}),
      ...(this.details ? { details: this.details } : {}),
      requestId,
    };
  }
}
