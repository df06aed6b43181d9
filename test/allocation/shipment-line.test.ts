import { describe, expect, it } from 'vitest';
import { expectedDateProblem, shipmentLine } from '../../src/allocation/steps/shipment-line.ts';
import { trackingUrl } from '../../src/allocation/steps/tracking-links.ts';

describe('the shipping line on an order’s card', () => {
  it('links the tracking number for carriers with a known tracking page, and shows others as typed', () => {
    expect(trackingUrl('UPS', '1Z 999')).toBe('https://www.ups.com/track?tracknum=1Z%20999');
    expect(trackingUrl('FedEx Ground', '7700')).toBe('https://www.fedex.com/fedextrack/?trknbr=7700');
    for (const carrier of ['DHL Express', 'dpd', 'GLS', 'USPS'])
      expect(trackingUrl(carrier, 'X1')).not.toBeNull();
    expect(trackingUrl('Spedition Müller', 'X1')).toBeNull();
    expect(
      shipmentLine(
        { carrier: 'Spedition Müller', trackingNumber: 'SM-1', expectedDate: '2026-12-18' },
        '2026-12-20',
      ),
    ).toBe('Spedition Müller · tracking `SM-1` · expected 2026-12-18');
  });

  it('warns when the parcel is expected after the date promised to the customer', () => {
    const line = shipmentLine(
      { carrier: 'DPD', trackingNumber: '0123', expectedDate: '2026-12-22' },
      '2026-12-20',
    );
    expect(line).toBe(
      'DPD · tracking <https://tracking.dpd.de/status/en_US/parcel/0123|0123> · expected 2026-12-22\n' +
        ':warning: Expected after the promised delivery date 2026-12-20.',
    );
  });

  it('refuses an expected delivery date in the past; today will do', () => {
    expect(expectedDateProblem('2026-11-26', '2026-11-27')).toBe(
      '2026-11-26 is in the past; today is 2026-11-27.',
    );
    expect(expectedDateProblem('2026-11-27', '2026-11-27')).toBeNull();
  });
});
