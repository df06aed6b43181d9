/** How much attention a customer gets; later rules (priority, escalation) read it. */
export const customerTiers = ['standard', 'silver', 'gold', 'strategic'] as const;
export type CustomerTier = (typeof customerTiers)[number];

export const customerTierLabels: Record<CustomerTier, string> = {
  standard: 'Standard',
  silver: 'Silver',
  gold: 'Gold',
  strategic: 'Strategic',
};
