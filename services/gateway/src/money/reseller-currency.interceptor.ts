import { Injectable, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { validatingAmountsIn } from '@broker/contracts';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { ResellerCurrencies } from './reseller-currencies';

/**
 * Validates the money fields of a body in the caller's reseller currency (exactly its decimals), so a 400 lists a
 * price with too many decimals together with every other broken field. Runs after authentication, before the body is
 * validated; the service behind checks the amounts again.
 */
@Injectable()
export class ResellerCurrencyInterceptor implements NestInterceptor {
  constructor(private readonly currencies: ResellerCurrencies) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    const currency = actor ? await this.currencies.of(actor) : null;
    if (!currency) return next.handle();
    // The body is validated when the handler chain is subscribed to: subscribe inside the currency's scope.
    return new Observable((subscriber) => validatingAmountsIn(currency, () => next.handle().subscribe(subscriber)));
  }
}

/** On a route whose body carries amounts of the caller's reseller. */
export const AmountsInResellerCurrency = (): MethodDecorator & ClassDecorator => UseInterceptors(ResellerCurrencyInterceptor);
