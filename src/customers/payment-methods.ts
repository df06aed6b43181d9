/**
 * The payment terms orderdesk knows, in one place: the customer form, the CSV import and the
 * order form all offer exactly these. Values are stored as written here, so renaming one needs
 * a migration of `customers.payment_methods` and `orders.payment_method`.
 */
export const paymentMethods = ['prepaid', 'cod', 'net15', 'net30', 'net60', 'letter_of_credit'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const paymentMethodLabels: Record<PaymentMethod, string> = {
  prepaid: 'Prepaid',
  cod: 'Cash on delivery',
  net15: 'Net 15 days',
  net30: 'Net 30 days',
  net60: 'Net 60 days',
  letter_of_credit: 'Letter of credit',
};

export function isPaymentMethod(value: string): value is PaymentMethod {
  return (paymentMethods as readonly string[]).includes(value);
}
