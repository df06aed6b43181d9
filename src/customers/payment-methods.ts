import { labelledValues } from '../wording.ts';

/**
 * The payment terms orderdesk knows, in one place: the customer form, the CSV import and the
 * order form all offer exactly these. Values are stored as written here, so renaming one needs
 * a migration of `customers.payment_methods` and `orders.payment_method`.
 */
export const paymentMethod = labelledValues({
  prepaid: 'Prepaid',
  cod: 'Cash on delivery',
  net15: 'Net 15 days',
  net30: 'Net 30 days',
  net60: 'Net 60 days',
  letter_of_credit: 'Letter of credit',
});
export const {
  values: paymentMethods,
  labels: paymentMethodLabels,
  includes: isPaymentMethod,
} = paymentMethod;
export type PaymentMethod = (typeof paymentMethods)[number];
