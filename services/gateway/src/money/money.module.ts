import { Global, Module } from '@nestjs/common';
import { ResellerCurrencies } from './reseller-currencies';
import { ResellerCurrencyInterceptor } from './reseller-currency.interceptor';

/** Amounts in the caller's reseller currency, for every controller of the gateway. */
@Global()
@Module({
  providers: [ResellerCurrencies, ResellerCurrencyInterceptor],
  exports: [ResellerCurrencies, ResellerCurrencyInterceptor],
})
export class MoneyModule {}
