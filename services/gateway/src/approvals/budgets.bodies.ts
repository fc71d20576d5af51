import { SetBudgetRequest } from '@broker/contracts';
import { moneyInput } from '../money/money.openapi';
import { bodyFromContract } from '../openapi/body-from-contract';

/** PUT /organizations/{orgId}/budgets/organization and /budgets/cost-centres/{costCentre}: the whole budget ("set to"). */
export class SetBudgetBody extends bodyFromContract(SetBudgetRequest, {
  period: { description: 'Calendar months, quarters or years (UTC): committed spend is counted over the one a request falls in' },
  amount: { oneOf: [{ type: 'string', example: '5000.00' }, { type: 'number', example: 5000 }], description: moneyInput('more than 0') },
  overBudget: {
    description: 'What happens to an order or quantity change that would take committed spend over the budget: it needs approval (whatever the approval policy and chains say), or it is refused (422 BUDGET.EXCEEDED)',
  },
}) {}
