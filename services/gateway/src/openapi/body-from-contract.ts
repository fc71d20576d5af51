import type { Type } from '@nestjs/common';
import { ApiProperty, PickType, type ApiPropertyOptions } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** What the OpenAPI document can say of a field's class-validator rules (the rest stays in the 400 answers). */
const SAYS: Record<string, (constraints: readonly unknown[]) => Record<string, unknown>> = {
  isUuid: () => ({ format: 'uuid' }),
  isEmail: () => ({ format: 'email' }),
  isIn: ([values]) => ({ enum: [...(values as unknown[])] }),
  isInt: () => ({ type: 'integer' }),
  min: ([minimum]) => ({ minimum }),
  max: ([maximum]) => ({ maximum }),
  maxLength: ([maxLength]) => ({ maxLength }),
  arrayMinSize: ([minItems]) => ({ minItems }),
  arrayMaxSize: ([maxItems]) => ({ maxItems }),
};
/** Rules on each item of an array field: only what the items are. */
const SAYS_OF_EACH: Record<string, Record<string, unknown>> = {
  isString: { type: [String] },
  isUuid: { type: [String], format: 'uuid' },
};

/**
 * A body class made of fields of a contract's request class: their validation comes with them (PickType copies the
 * class-validator metadata), and their OpenAPI schema is read from those rules and the field's type, so only what
 * no rule says (description, example, a `oneOf`) is written here, once per field. A field the HTTP body validates
 * differently from the contract is declared on the subclass as before.
 */
export function bodyFromContract<T, K extends keyof T & string>(contract: Type<T>, fields: { readonly [F in K]: ApiPropertyOptions }): Type<Pick<T, K>> {
  const names = Object.keys(fields) as K[];
  const body = PickType(contract, names);
  const rules = getMetadataStorage().getTargetValidationMetadatas(contract, '', true, false);
  for (const name of names) {
    const own = rules.filter((rule) => rule.propertyName === name);
    ApiProperty({ ...schemaOf(contract, name, own), ...fields[name] } as ApiPropertyOptions)(body.prototype, name);
  }
  return body;
}

function schemaOf(contract: Type<unknown>, name: string, rules: readonly ValidationMetadata[]): Record<string, unknown> {
  const designType: unknown = Reflect.getMetadata('design:type', contract.prototype, name);
  const schema: Record<string, unknown> = designType === String || designType === Number || designType === Boolean ? { type: designType } : {};
  if (rules.some((rule) => rule.type === 'conditionalValidation' && rule.name === 'isOptional')) schema.required = false;
  // Registered bottom-up: reversed, they read as written, so a later rule (isInt after a type) has the last word.
  for (const rule of [...rules].reverse()) {
    const says = rule.each ? SAYS_OF_EACH[rule.name ?? ''] : SAYS[rule.name ?? '']?.(rule.constraints ?? []);
    if (says) Object.assign(schema, says);
  }
  return schema;
}
