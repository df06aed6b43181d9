import { escapeMrkdwn } from '../blocks/block-kit.ts';

export interface StepCapacity {
  departmentName: string;
  status: string;
  fitsOn: string | null;
}

/**
 * "*Capacity risk*: Production can fit it by 2026-12-14, after its delivery date 2026-12-10", for
 * the steps still to do whose department is full; null when every remaining step fits.
 */
export function capacityRiskLine(steps: readonly StepCapacity[], deliveryDate: string): string | null {
  const late = steps.filter((s) => s.fitsOn && s.status !== 'done' && s.status !== 'cancelled');
  if (!late.length) return null;
  const which = late.map((s) => `${escapeMrkdwn(s.departmentName)} can fit it by ${s.fitsOn}`).join('; ');
  return `*Capacity risk*: ${which}, after its delivery date ${deliveryDate}.`;
}
