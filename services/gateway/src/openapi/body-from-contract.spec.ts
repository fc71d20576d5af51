import { DECORATORS } from '@nestjs/swagger/dist/constants';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsPlainText } from '@broker/contracts';
import { validationPipe, ValidationFailedException, type FieldError } from '@broker/platform';
import { bodyFromContract } from './body-from-contract';

class ExampleRequest {
  @IsUUID()
  actorId!: string;

  @IsString()
  @MaxLength(20)
  @IsPlainText()
  name!: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @IsIn(['monthly', 'annual'])
  frequency!: 'monthly' | 'annual';

  @IsInt()
  @Min(1)
  @Max(10)
  quantity!: number;

  @IsArray()
  @ArrayMaxSize(3)
  @IsUUID('all', { each: true })
  userIds!: string[];
}

class ExampleBody extends bodyFromContract(ExampleRequest, {
  name: { example: 'Anna', description: 'Shown to people' },
  email: {},
  frequency: {},
  quantity: { example: 2 },
  userIds: { description: 'Holders' },
}) {}

const schemaOf = (field: string): Record<string, unknown> => Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, ExampleBody.prototype, field);

async function errorsOf(payload: unknown): Promise<FieldError[]> {
  try {
    await validationPipe().transform(payload, { type: 'body', metatype: ExampleBody });
  } catch (error) {
    if (error instanceof ValidationFailedException) return error.errors;
    throw error;
  }
  return [];
}

const valid = { name: 'Anna', frequency: 'monthly', quantity: 2, userIds: ['5f0c9a3e-8b7d-41c2-a6e1-f09b3d4c7a21'] };

describe('bodyFromContract', () => {
  it("documents each field from its contract's rules, with the description and example given once", () => {
    expect(schemaOf('name')).toMatchObject({ type: String, maxLength: 20, example: 'Anna', description: 'Shown to people' });
    expect(schemaOf('name')).not.toHaveProperty('required');
    expect(schemaOf('email')).toMatchObject({ type: String, format: 'email', required: false });
    expect(schemaOf('frequency')).toMatchObject({ enum: ['monthly', 'annual'] });
    expect(schemaOf('quantity')).toMatchObject({ type: 'integer', minimum: 1, maximum: 10, example: 2 });
    expect(schemaOf('userIds')).toMatchObject({ type: String, isArray: true, format: 'uuid', maxItems: 3, description: 'Holders' });
    expect(schemaOf('actorId')).toBeUndefined();
  });

  it("validates with the contract's rules and messages", async () => {
    await expect(errorsOf(valid)).resolves.toEqual([]);
    await expect(errorsOf({ ...valid, name: 'A\u202Enna', quantity: 0, email: 'nope' })).resolves.toEqual([
      { field: 'name', message: 'name must not contain bidirectional control characters (U+202E)' },
      { field: 'email', message: 'email must be an email' },
      { field: 'quantity', message: 'quantity must not be less than 1' },
    ]);
  });

  it('refuses the fields it did not pick, and unknown ones', async () => {
    await expect(errorsOf({ ...valid, actorId: '5f0c9a3e-8b7d-41c2-a6e1-f09b3d4c7a21', extra: 1 })).resolves.toEqual([
      { field: 'actorId', message: 'property actorId should not exist' },
      { field: 'extra', message: 'property extra should not exist' },
    ]);
  });
});
