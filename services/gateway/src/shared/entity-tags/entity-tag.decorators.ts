import { applyDecorators, BadRequestException, createParamDecorator, type ExecutionContext, type Type } from '@nestjs/common';
import { ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiPreconditionFailedResponse } from '@nestjs/swagger';
import { readIfMatch } from './entity-tag';

/**
 * The versions a replacing write may be made under, from If-Match: undefined without If-Match or with `*` (any
 * version), else the strong tags' versions (possibly none). A malformed If-Match answers 400.
 */
export const ExpectedVersions = createParamDecorator((_data: unknown, ctx: ExecutionContext): string[] | undefined => {
  const header = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['if-match'];
  const outcome = readIfMatch(header);
  if (outcome.kind === 'malformed') throw new BadRequestException(outcome.reason);
  return outcome.kind === 'versions' ? outcome.versions : undefined;
});

const ETAG_HEADER = {
  ETag: {
    description: 'The version of the resource, read from the write side: send it back in If-Match to change the resource only while it is still at this version',
    schema: { type: 'string', example: '"3"' },
  },
};

/** OpenAPI of a GET that answers an ETag, and 304 to an If-None-Match that still matches. */
export function ApiVersionedRead(type: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiHeader({ name: 'If-None-Match', required: false, description: 'ETags of earlier answers: 304 without a body while the resource is still at one of them' }),
    ApiOkResponse({ type, headers: ETAG_HEADER }),
    ApiNotModifiedResponse({ description: 'The resource is still at a version given in If-None-Match', headers: ETAG_HEADER }),
  );
}

/** OpenAPI of a PUT that honours If-Match and answers the new ETag. */
export function ApiConditionalReplace(type: Type<unknown>, code: string): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The ETag of the read this change is based on (or a list of ETags): the change is made only while the resource is still at it, checked in the same ' +
        'step as the write; otherwise 412 and nothing changes. `*` or no If-Match: whatever the version. A weak tag (W/"...") never matches; a malformed value answers 400.',
    }),
    ApiOkResponse({ type, description: 'The resource after the change (unchanged, with the same ETag, when it already was so)', headers: ETAG_HEADER }),
    ApiPreconditionFailedResponse({
      description: `The resource changed since the version given in If-Match (application/problem+json, code \`${code}\`); nothing was changed: read it again and repeat the change on what you read`,
    }),
  );
}
