import type { BillingReport } from '@broker/contracts';
import { billingReportCsv, wantsCsv } from './billing-report.csv';

const report = (groupBy: 'service' | 'user', lines: BillingReport['lines'], total: string): BillingReport => ({
  organizationId: 'o-1', currency: 'EUR', from: '2026-03', to: '2026-04', effectiveFrom: '2026-03-01', effectiveTo: '2026-04-30', asOf: '2026-04-02', groupBy, lines, total,
});

describe('billing report as CSV', () => {
  it('has the same lines and total as the JSON report', () => {
    const csv = billingReportCsv(report('service', [
      { month: '2026-03', productId: 'p-1', productName: 'Microsoft 365 E3', quantity: 10, amount: '54.19' },
      { month: '2026-04', productId: 'p-1', productName: 'Microsoft 365 E3', quantity: 12, amount: '119.00' },
    ], '173.19'));
    expect(csv).toBe('month,productId,productName,quantity,amount,currency\r\n2026-03,p-1,Microsoft 365 E3,10,54.19,EUR\r\n2026-04,p-1,Microsoft 365 E3,12,119.00,EUR\r\ntotal,,,,173.19,EUR\r\n');
  });

  it('names the user of each line grouped by user, and the unassigned seats', () => {
    const csv = billingReportCsv(report('user', [
      { month: '2026-03', productId: 'p-1', productName: 'E3', userId: 'u-1', userName: 'anna@contoso.example', quantity: 1, amount: '5.42' },
      { month: '2026-03', productId: 'p-1', productName: 'E3', userId: null, userName: null, quantity: 9, amount: '48.77' },
    ], '54.19'));
    expect(csv.split('\r\n')).toEqual([
      'month,productId,productName,userId,userName,quantity,amount,currency',
      '2026-03,p-1,E3,u-1,anna@contoso.example,1,5.42,EUR',
      '2026-03,p-1,E3,unassigned,,9,48.77,EUR',
      'total,,,,,,54.19,EUR',
      '',
    ]);
  });

  it('quotes commas and quotes, and keeps names from being read as formulas', () => {
    const csv = billingReportCsv(report('service', [{ month: '2026-03', productId: 'p-1', productName: '=HYPERLINK("x"), "Pro"', quantity: 1, amount: '1.00' }], '1.00'));
    expect(csv.split('\r\n')[1]).toBe(`2026-03,p-1,"'=HYPERLINK(""x""), ""Pro""",1,1.00,EUR`);
  });

  it('keeps names with separators of other locales in one cell, and never a formula', () => {
    const csv = billingReportCsv(report('user', [
      { month: '2026-03', productId: 'p-1', productName: 'Backup;=1+2', userId: 'u-1', userName: ' @SUM(A1)', quantity: 1, amount: '5.00' },
      { month: '2026-03', productId: 'p-2', productName: '-2+3\tx', userId: null, userName: null, quantity: 2, amount: '-1.50' },
    ], '3.50'));
    expect(csv.split('\r\n').slice(1, 4)).toEqual([
      `2026-03,p-1,"Backup;=1+2",u-1,' @SUM(A1),1,5.00,EUR`,
      `2026-03,p-2,"'-2+3\tx",unassigned,,2,-1.50,EUR`,
      'total,,,,,,3.50,EUR',
    ]);
  });

  it('answers CSV when asked for it at least as much as JSON', () => {
    expect([wantsCsv('text/csv'), wantsCsv('text/csv, application/json;q=0.5'), wantsCsv('application/json'), wantsCsv('*/*'), wantsCsv(undefined), wantsCsv('application/json, text/csv;q=0.1'), wantsCsv('text/csv;q=0')]).toEqual([
      true, true, false, false, false, false, false,
    ]);
  });
});

describe('billing report as CSV in currencies without two decimals', () => {
  it('writes the amounts as the report has them: none in JPY, three in KWD', () => {
    const jpy = billingReportCsv({ ...report('service', [{ month: '2026-03', productId: 'p-1', productName: 'Backup', quantity: 10, amount: '6503' }], '6503'), currency: 'JPY' });
    expect(jpy.split('\r\n').slice(1, 3)).toEqual(['2026-03,p-1,Backup,10,6503,JPY', 'total,,,,6503,JPY']);
    const kwd = billingReportCsv({ ...report('service', [{ month: '2026-03', productId: 'p-1', productName: 'Backup', quantity: 10, amount: '6.452' }], '6.452'), currency: 'KWD' });
    expect(kwd.split('\r\n').slice(1, 3)).toEqual(['2026-03,p-1,Backup,10,6.452,KWD', 'total,,,,6.452,KWD']);
  });
});
