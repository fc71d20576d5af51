import { MAX_COST_CENTRE_LABEL, plainTextProblem } from '@broker/contracts';
import { UserValidationError } from './user.errors';

/**
 * A user's cost centre label as it is kept: surrounding blanks dropped, and none (null) when nothing is left or none
 * is given. The same rules as an order's label (CostCentreField checks them at the contract; checked again here so
 * no other way in records a label an order could not carry): plain text on one line, 1 to 100 characters.
 */
export function costCentreLabel(value: string | null | undefined): string | null {
  const label = value?.trim() ?? '';
  if (label === '') return null;
  if (label.length > MAX_COST_CENTRE_LABEL) {
    throw new UserValidationError([{ field: 'costCentre', message: `costCentre must be shorter than or equal to ${MAX_COST_CENTRE_LABEL} characters` }]);
  }
  const problem = plainTextProblem(label);
  if (problem) throw new UserValidationError([{ field: 'costCentre', message: `costCentre ${problem}` }]);
  return label;
}
