import { NatsContext } from '@nestjs/microservices';
import { Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { flattenValidationErrors, validationPipe, ValidationFailedException } from './validation';

class Line {
  @IsString() sku!: string;
  @IsInt() quantity!: number;
}
class Order {
  @IsString() reference!: string;
  @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
}

describe('validationPipe', () => {
  it('transforms a valid payload into its DTO class', async () => {
    const order = (await validationPipe().transform(
      { reference: 'r1', lines: [{ sku: 'a', quantity: 2 }] },
      { type: 'body', metatype: Order },
    )) as Order;
    expect(order).toBeInstanceOf(Order);
    expect(order.lines[0]).toBeInstanceOf(Line);
  });

  it('fails with field errors as dotted paths, unknown fields included', async () => {
    const error = await validationPipe()
      .transform({ reference: 1, lines: [{ sku: 'a', quantity: 'x', colour: 'red' }], extra: 1 }, { type: 'body', metatype: Order })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedException);
    const failure = error as ValidationFailedException;
    expect(failure.getStatus()).toBe(400);
    expect(failure.code).toBe('VALIDATION');
    expect(failure.errors).toEqual(
      expect.arrayContaining([
        { field: 'reference', message: 'reference must be a string' },
        { field: 'lines.0.quantity', message: 'quantity must be an integer number' },
        { field: 'lines.0.colour', message: 'property colour should not exist' },
        { field: 'extra', message: 'property extra should not exist' },
      ]),
    );
    expect(failure.errors).toHaveLength(4);
  });

  it('leaves the @Ctx() argument of an RPC handler alone', async () => {
    const ctx = new NatsContext(['subject', undefined]);
    await expect(validationPipe().transform(ctx, { type: 6 as never, metatype: NatsContext })).resolves.toBe(ctx);
  });
});

describe('flattenValidationErrors', () => {
  it('gives one entry per broken rule', () => {
    expect(
      flattenValidationErrors([
        { property: 'a', constraints: { x: 'a is bad', y: 'a is worse' }, children: [] },
        { property: 'b', children: [{ property: 'c', constraints: { z: 'c is bad' }, children: [] }] },
      ]),
    ).toEqual([
      { field: 'a', message: 'a is bad' },
      { field: 'a', message: 'a is worse' },
      { field: 'b.c', message: 'c is bad' },
    ]);
  });
});
