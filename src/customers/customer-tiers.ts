import { labelledValues } from '../wording.ts';

/** How much attention a customer gets; later rules (priority, escalation) read it. */
export const customerTier = labelledValues({
  standard: 'Standard',
  silver: 'Silver',
  gold: 'Gold',
  strategic: 'Strategic',
});
export const { values: customerTiers, labels: customerTierLabels } = customerTier;
