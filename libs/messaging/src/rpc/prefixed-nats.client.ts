import { ClientNats, type NatsOptions } from '@nestjs/microservices';
import type { MsPattern } from '@nestjs/microservices';

export type PrefixedNatsClientOptions = Required<NatsOptions>['options'] & {
  /** Prepended to every pattern: `<deployment>.rpc.`. */
  prefix: string;
};

/** Nest's NATS client publishing every pattern under a subject prefix (the counterpart of PrefixedNatsServer). */
export class PrefixedNatsClient extends ClientNats {
  readonly prefix: string;

  constructor(options: PrefixedNatsClientOptions) {
    const { prefix, ...natsOptions } = options;
    super(natsOptions);
    this.prefix = prefix;
  }

  protected override normalizePattern(pattern: MsPattern): string {
    return `${this.prefix}${super.normalizePattern(pattern)}`;
  }
}
