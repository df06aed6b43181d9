/**
 * Where a carrier shows a parcel by its tracking number. Only carriers whose public tracking
 * page takes the number in its address; any other carrier's tracking number is shown as typed.
 */
const trackingPages: readonly { names: RegExp; url: (tracking: string) => string }[] = [
  { names: /^dhl\b/i, url: (t) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${t}` },
  { names: /^ups\b/i, url: (t) => `https://www.ups.com/track?tracknum=${t}` },
  { names: /^fed\s*ex\b/i, url: (t) => `https://www.fedex.com/fedextrack/?trknbr=${t}` },
  { names: /^dpd\b/i, url: (t) => `https://tracking.dpd.de/status/en_US/parcel/${t}` },
  { names: /^gls\b/i, url: (t) => `https://gls-group.com/track/${t}` },
  { names: /^usps\b/i, url: (t) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${t}` },
];

/** The carrier's tracking page for this parcel, or null for a carrier not in the table. */
export function trackingUrl(carrier: string, trackingNumber: string): string | null {
  const page = trackingPages.find((p) => p.names.test(carrier.trim()));
  return page ? page.url(encodeURIComponent(trackingNumber.trim())) : null;
}
