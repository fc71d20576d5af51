import type { components } from '../../api/schema.gen';

export type ApprovalChains = components['schemas']['ApprovalChainsResponse'];
export type SetApprovalChains = components['schemas']['SetApprovalChainsBody'];
export type ConditionType = ApprovalChains['rules'][number]['condition']['type'];

/** The API's bounds of one configuration (APPROVAL_CHAIN_LIMITS): the editor offers no more. */
export const CHAIN_LIMITS = { rules: 20, stepsPerRule: 5, approversPerStep: 10, productsPerRule: 100 } as const;

export interface StepFields {
  /** Any one of them decides the step. */
  approverIds: string[];
}

/** One rule as the form holds it: every condition's input kept, the one of the chosen type sent. */
export interface RuleFields {
  type: ConditionType;
  amount: string;
  productIds: string[];
  steps: StepFields[];
}

export interface ChainsFields {
  rules: RuleFields[];
  escalationEnabled: boolean;
  /** Whole minutes as typed; empty auto-reject: never. */
  reminderAfterMinutes: string;
  escalateAfterMinutes: string;
  autoRejectAfterMinutes: string;
}

export const emptyStep = (): StepFields => ({ approverIds: [] });
export const emptyRule = (): RuleFields => ({ type: 'always', amount: '', productIds: [], steps: [emptyStep()] });

export function toFields(chains: ApprovalChains): ChainsFields {
  const escalation = chains.escalation;
  return {
    rules: chains.rules.map((rule) => ({
      type: rule.condition.type,
      amount: rule.condition.amount ?? '',
      productIds: [...(rule.condition.productIds ?? [])],
      steps: rule.steps.map((step) => ({ approverIds: [...step.approverIds] })),
    })),
    escalationEnabled: escalation !== null,
    reminderAfterMinutes: escalation ? String(escalation.reminderAfterMinutes) : '',
    escalateAfterMinutes: escalation ? String(escalation.escalateAfterMinutes) : '',
    autoRejectAfterMinutes: escalation?.autoRejectAfterMinutes != null ? String(escalation.autoRejectAfterMinutes) : '',
  };
}

/** The PUT body: each condition with its own input only, minutes as numbers, no escalation while it is off. */
export function toRequestBody(fields: ChainsFields): SetApprovalChains {
  return {
    rules: fields.rules.map((rule) => ({
      condition:
        rule.type === 'annual_value_above'
          ? { type: rule.type, amount: rule.amount.trim() }
          : rule.type === 'products'
            ? { type: rule.type, productIds: [...rule.productIds] }
            : { type: rule.type },
      steps: rule.steps.map((step) => ({ approverIds: [...step.approverIds] })),
    })),
    escalation: fields.escalationEnabled
      ? {
          reminderAfterMinutes: Number(fields.reminderAfterMinutes.trim()),
          escalateAfterMinutes: Number(fields.escalateAfterMinutes.trim()),
          autoRejectAfterMinutes: fields.autoRejectAfterMinutes.trim() ? Number(fields.autoRejectAfterMinutes.trim()) : null,
        }
      : null,
  };
}

/** A form field that shows a server message. */
export type ChainsFieldPath =
  | `rules.${number}.type`
  | `rules.${number}.amount`
  | `rules.${number}.productIds`
  | `rules.${number}.steps.${number}.approverIds`
  | 'reminderAfterMinutes'
  | 'escalateAfterMinutes'
  | 'autoRejectAfterMinutes';

/**
 * The form field a server message belongs to. The gateway names fields as dotted paths (`rules.0.condition.amount`),
 * the approvals service with brackets (`rules[0].steps[1].approverIds[2]`); both are read. A message about one
 * approver or product goes to its step's approvers or its rule's products, a rule's own message (one that follows a
 * rule that always applies) to its condition. Null: a message the form shows above the fields.
 */
export function formFieldOf(serverField: string): ChainsFieldPath | null {
  const parts = serverField.replace(/\[(\d+)\]/g, '.$1').split('.');
  if (parts[0] === 'escalation') parts.shift();
  const [first, rule, second, third, fourth] = parts;
  if (first === 'reminderAfterMinutes' || first === 'escalateAfterMinutes' || first === 'autoRejectAfterMinutes') return first;
  if (first !== 'rules' || rule === undefined || !/^\d+$/.test(rule)) return null;
  const r = Number(rule);
  if (second === undefined) return `rules.${r}.type`;
  if (second === 'condition') {
    if (third === 'amount') return `rules.${r}.amount`;
    if (third === 'productIds') return `rules.${r}.productIds`;
    return `rules.${r}.type`;
  }
  if (second === 'steps' && third !== undefined && /^\d+$/.test(third) && (fourth === undefined || fourth === 'approverIds')) return `rules.${r}.steps.${Number(third)}.approverIds`;
  return null;
}

/**
 * A server message as a person reads it next to its field: without the field path it starts with, the rule named by
 * its number ("Rule 2 follows ..."), and user ids by the person's name where it is known.
 */
export function readableMessage(serverField: string, message: string, nameOf: (id: string) => string | undefined = () => undefined): string {
  let text = message.startsWith(`${serverField}: `) ? message.slice(serverField.length + 2) : message;
  text = text.replace(/^rules\[(\d+)\]/, (_, n: string) => `Rule ${Number(n) + 1}`);
  text = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => nameOf(id) ?? id);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The server's field messages grouped by the form field that shows them, and those the form shows above. */
export function placeServerErrors(
  errors: readonly { field: string; message: string }[],
  nameOf?: (id: string) => string | undefined,
): { byField: Map<ChainsFieldPath, string>; unplaced: string[] } {
  const byField = new Map<ChainsFieldPath, string>();
  const unplaced: string[] = [];
  for (const { field, message } of errors) {
    const target = formFieldOf(field);
    const text = readableMessage(field, message, nameOf);
    if (!target) unplaced.push(text);
    else byField.set(target, byField.has(target) ? `${byField.get(target)}; ${text}` : text);
  }
  return { byField, unplaced };
}
