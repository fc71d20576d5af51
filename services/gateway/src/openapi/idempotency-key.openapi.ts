import type { OpenAPIObject } from '@nestjs/swagger';
import { GATEWAY_CODES_EXTENSION } from './answers.decorator';

/** The gateway's own answer to a key used again with another body (422). */
const KEY_REUSED = 'IDEMPOTENCY.KEY_REUSED';

/**
 * Documents the `Idempotency-Key` header on every authenticated POST (the interceptor that honours it applies to all
 * of them), with the answers it adds; its code goes with the route's own for documentContractErrors to name.
 */
export function documentIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    const post = path.post;
    if (!post || !post.security || post.security.length === 0) continue;
    post.parameters = [
      ...(post.parameters ?? []),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Makes a retry safe: the same key with the same body answers the first answer again (also while the first is still running); ' +
          'the same key with another body answers 422. Keys are kept at least 24 hours, per user. Without a key, a retry may repeat the request.',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      },
    ];
    const extensions = post as unknown as Record<string, unknown>;
    extensions[GATEWAY_CODES_EXTENSION] = [...((extensions[GATEWAY_CODES_EXTENSION] as string[] | undefined) ?? []), KEY_REUSED];
    post.responses = {
      ...post.responses,
      '422': post.responses['422'] ?? { description: 'The Idempotency-Key was used for a different request' },
      '503': post.responses['503'] ?? { description: 'Not done, safe to retry (see Retry-After): a service is briefly away, or the first request with this Idempotency-Key is still running' },
    };
  }
  return document;
}
