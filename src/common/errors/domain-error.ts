import { Injectable } from '@nestjs/common';
import { ApiError } from './api-error.js';

/**
 * What a service throws when a rule of its domain refuses a request: a code in the domain's words
 * (`HAIL_OVER`, `SECOND_WRITER`), a message for the client, and, where one field is at fault, its
 * name. Services never choose an HTTP status; each module maps its codes to one in its table
 * (`<module>.errors.ts`), which the one exception filter reads (twenty's `*.exception.ts`).
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * What a domain error adds to its code and message: the one field at fault, or, where a request is
 * wrong in several places at once (a schedule), every fault, answered as one entry each; and the
 * headers the answer needs (`Retry-After`, `WWW-Authenticate`).
 */
export interface DomainErrorDetails {
  field?: string;
  faults?: ReadonlyArray<{ field: string; message: string }>;
  headers?: Record<string, string>;
}

/** How one code is answered: its HTTP status, and the entry's `code` where the wire format wants another number. */
export interface DomainErrorAnswer {
  status: number;
  wireCode?: number;
}

/** A module's codes and their answers: every code the module throws, one line each. */
export type DomainErrorTable<Code extends string> = Readonly<Record<Code, DomainErrorAnswer>>;

/**
 * The tables of every module, filled at boot (each module registers its own), read by the filter.
 * Codes are global: two modules naming the same code must answer it the same way, else boot fails.
 */
@Injectable()
export class DomainErrors {
  private readonly answers = new Map<string, DomainErrorAnswer>();

  register<Code extends string>(table: DomainErrorTable<Code>): void {
    for (const [code, answer] of Object.entries<DomainErrorAnswer>(table)) {
      const known = this.answers.get(code);
      if (known !== undefined && (known.status !== answer.status || known.wireCode !== answer.wireCode)) {
        throw new Error(`domain error ${code} is registered twice with different answers`);
      }
      this.answers.set(code, answer);
    }
  }

  /** The error as the filter answers it; undefined for a code no table holds (a bug: answered 500). */
  toApiError(error: DomainError): ApiError | undefined {
    const answer = this.answers.get(error.code);
    if (answer === undefined) return undefined;
    const { faults, headers } = error.details;
    if (faults !== undefined && faults.length > 0) {
      const code = answer.wireCode ?? answer.status;
      return new ApiError(
        answer.status,
        faults.map(({ field, message }) => ({ code, message, field })),
        headers,
      );
    }
    return ApiError.of(answer.status, error.message, { code: answer.wireCode, field: error.details.field, headers: error.details.headers });
  }
}
