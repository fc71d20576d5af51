import { DomainError } from '@broker/event-sourcing';

export class SubscriptionNotFoundError extends DomainError {
  constructor(subscriptionId: string) {
    super('SUBSCRIPTION.NOT_FOUND', `Subscription ${subscriptionId} was not found`);
  }
}

export class SubscriptionCancelledError extends DomainError {
  constructor(subscriptionId: string) {
    super('SUBSCRIPTION.ALREADY_CANCELLED', `Subscription ${subscriptionId} is cancelled: its licences cannot be assigned`);
  }
}

/** More users than the subscription has licences: 400 naming the field. */
export class TooManyAssigneesError extends DomainError {
  readonly errors: { field: string; message: string }[];

  constructor(quantity: number, given: number) {
    const message = `At most ${quantity} user${quantity === 1 ? '' : 's'} can hold licences of this subscription (its quantity is ${quantity}); ${given} were given`;
    const errors = [{ field: 'userIds', message }];
    super('VALIDATION', message, { errors });
    this.errors = errors;
  }
}
