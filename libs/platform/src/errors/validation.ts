import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** One invalid input field: `field` is a dotted path (`items.0.name`), `message` says why. */
export interface FieldError {
  field: string;
  message: string;
}

export const VALIDATION_CODE = 'VALIDATION';

/**
 * Input failed validation. An HTTP 400 for the gateway (the problem+json filter lists `errors`), and
 * `{ code: 'VALIDATION', message, errors }` on the RPC wire (the RPC error filter).
 */
export class ValidationFailedException extends BadRequestException {
  readonly code = VALIDATION_CODE;

  constructor(readonly errors: FieldError[], message = 'Validation failed') {
    super({ statusCode: 400, message, errors });
    this.name = 'ValidationFailedException';
  }
}

/** Flattens class-validator errors (nested objects and arrays included) into one entry per broken rule. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      result.push({ field, message });
    }
    if (error.children && error.children.length > 0) {
      result.push(...flattenValidationErrors(error.children, field));
    }
  }
  return result;
}

/** RpcParamtype.CONTEXT of @nestjs/microservices: the `@Ctx()` argument, never a DTO. */
const RPC_CONTEXT_PARAM = 6;

class BrokerValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    if ((metadata.type as unknown) === RPC_CONTEXT_PARAM) return false;
    return super.toValidate(metadata);
  }
}

/**
 * The one validation pipe for HTTP controllers and RPC handlers alike: strips nothing silently (unknown fields
 * are rejected), transforms payloads into their DTO classes, and fails with `ValidationFailedException`.
 * Use it globally: `app.useGlobalPipes(validationPipe())`.
 */
export function validationPipe(): ValidationPipe {
  return new BrokerValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailedException(flattenValidationErrors(errors)),
  });
}

/**
 * Field errors from Nest's stock ValidationPipe, whose messages are flat strings such as `name must be a string`
 * or `property foo should not exist`: the field is the named property, or the first word.
 */
export function fieldErrorsFromMessages(messages: readonly string[]): FieldError[] {
  return messages.map((message) => {
    const unknown = /^property (\S+) should not exist$/.exec(message);
    const field = unknown?.[1] ?? message.split(' ')[0] ?? '';
    return { field, message };
  });
}
