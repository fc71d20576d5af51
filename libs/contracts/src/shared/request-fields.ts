import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ActorDto } from '../auth/actor';

/**
 * Property decorators shared by the RPC request DTOs. Each one applies its parts exactly as if they were written
 * stacked above the property (bottom one first, as TypeScript does), so the validation rules, their order and
 * their messages are those of the hand-written stack.
 */
function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => {
    for (let i = decorators.length - 1; i >= 0; i--) decorators[i]!(target, propertyKey);
  };
}

/** `actor!: ActorDto`: who is calling, validated as a nested ActorDto. */
export function ActorField(): PropertyDecorator {
  return stacked(ValidateNested(), Type(() => ActorDto));
}

/** `limit?: number`: page size, 1..500 when given. */
export function PageLimitField(): PropertyDecorator {
  return stacked(IsOptional(), IsInt(), Min(1), Max(500));
}

/** `cursor?: string`: the opaque `nextCursor` of the previous page, 1..2000 characters when given. */
export function PageCursorField(): PropertyDecorator {
  return stacked(IsOptional(), IsString(), Length(1, 2000));
}

/** At most this many versions in `expectedVersions` (an If-Match list). */
export const MAX_EXPECTED_VERSIONS = 50;

/**
 * `expectedVersions?: string[]` of a replacing write (HTTP If-Match): the write happens only while the resource is at
 * one of these versions, checked in the same step as the append; otherwise the service answers its
 * `<AREA>.VERSION_MISMATCH` error (412). Absent: whatever the version. Empty: no version matches.
 */
export function ExpectedVersionsField(): PropertyDecorator {
  return stacked(IsOptional(), IsArray(), ArrayMaxSize(MAX_EXPECTED_VERSIONS), IsString({ each: true }), MaxLength(100, { each: true }));
}
