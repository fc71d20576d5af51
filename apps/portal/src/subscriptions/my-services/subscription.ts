import type { components } from '../../api/schema.gen';

export type Subscription = components['schemas']['SubscriptionResponse'];
