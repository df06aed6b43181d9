import { type Actor, type Role, requireRole } from './roles.ts';

/**
 * Who may use something orderdesk puts in front of people. A guest from another workspace is
 * refused everywhere but `anyone` (loadActor refuses them before any row is read).
 */
export type Permission =
  /** Needs nobody: help text, which tells nothing about orders. */
  | { readonly who: 'anyone' }
  /** Anyone of the workspace, viewers included. */
  | { readonly who: 'workspace' }
  /** Whoever holds one of `roles`; admins always. Refused with "Only … can `what`". */
  | { readonly who: 'roles'; readonly roles: readonly Role[]; readonly what: string }
  /**
   * The members of a department, its manager, managers and admins (step-guard.ts): the
   * department whose card the button is on, or finance for credit holds.
   */
  | { readonly who: 'department'; readonly of: 'card' | 'finance'; readonly what: string };

const anyone = { who: 'anyone' } as const;
const workspace = { who: 'workspace' } as const;
const admins = (what: string) => ({ who: 'roles', roles: ['admin'], what }) as const;

/** Every button on a department's card, and the forms they open. */
export const stepWork = { who: 'department', of: 'card', what: 'work on its orders' } as const;
/**
 * Approve and Reject on a credit hold card. Besides this row, the order's own admin is refused
 * unless ORDERDESK_SELF_APPROVAL is on (separation of duties, credit/self-approval.ts).
 */
export const creditDecision = { who: 'department', of: 'finance', what: 'decide credit holds' } as const;
const createOrders = admins('create orders');
const lookUpCustomers = { who: 'roles', roles: ['manager', 'member'], what: 'look up customers' } as const;
/** Changing or cancelling an order: its admin asks; the departments it affects decide. */
const changeOrders = admins('change or cancel orders');
export const changeDecision = { who: 'department', of: 'card', what: 'decide change requests' } as const;
/** A manual hold and its release: the admins' own (credit and problem holds end by their decisions). */
const holdOrders = admins('hold and release orders');
const changeRules = admins('change allocation rules');
const settings = admins('set up departments and people');
const reportProblems = { who: 'roles', roles: ['manager', 'member'], what: 'report problems' } as const;
const followUp = {
  who: 'roles',
  roles: ['manager', 'member'],
  what: 'follow up on delivered orders',
} as const;
/** A customer message is offered to the order's owner: the use case checks it is theirs (or an admin's). */
const messageCustomers = {
  who: 'roles',
  roles: ['manager', 'member'],
  what: 'send messages to customers',
} as const;

/** The Home's customer picker: admins and managers look customers up from their Home. */
const customersOnHome = { who: 'roles', roles: ['manager'], what: 'look customers up on the Home' } as const;
const summarySettings = { who: 'roles', roles: ['manager'], what: 'choose a summary of the desk' } as const;
const nudgeSnooze = { who: 'roles', roles: ['manager', 'member'], what: 'snooze nudges' } as const;

/**
 * One row for every command, subcommand, button, form, search and shortcut the router knows,
 * by `kind:id` (see SlackRouter.registeredIds): a test presses each as every role and fails on
 * an id without a row, so nothing new reaches people unchecked.
 */
export const permissions = {
  'command:/order': anyone,
  'command:/order new': createOrders,
  'command:/order show': workspace,
  'command:/order list': workspace,
  'command:/order status': workspace,
  'command:/order queue': workspace,
  'command:/order remind': workspace,
  'command:/order reminders': workspace,
  // A member sees their own department's figures only (reports/report-access.ts).
  'command:/order report': { who: 'roles', roles: ['manager', 'member'], what: 'see reports' },
  'command:/order rules': { who: 'roles', roles: ['manager'], what: 'see the allocation rules' },
  'command:/order customer add': admins('add customers'),
  'command:/order customer edit': admins('edit customers'),
  'command:/order customer show': lookUpCustomers,
  'command:/order product add': admins('add products'),
  'command:/order product edit': admins('edit products'),
  'command:/order product show': { who: 'roles', roles: ['manager', 'member'], what: 'look up products' },
  'command:/order forecast': { who: 'roles', roles: ['manager', 'member'], what: 'see demand forecasts' },
  'command:/order grant': admins('grant roles'),
  'command:/order revoke': admins('revoke roles'),
  'command:/order setup': settings,
  'command:/order settings': summarySettings,
  'command:/order problem': reportProblems,
  'command:/order problems': workspace,
  'command:/order change': changeOrders,
  'command:/order cancel': changeOrders,
  'command:/order history': workspace,
  'command:/order hold': holdOrders,
  'command:/order release': holdOrders,

  'shortcut:order_new_shortcut': createOrders,
  'action:home.new_order': createOrders,
  'action:customer_view.new_order': createOrders,
  'action:customer_view.open_order': lookUpCustomers,
  'options:customer': createOrders,
  'options:product': createOrders,
  'action:customer': createOrders,
  'action:product': createOrders,
  'action:order_modal.add_line': createOrders,
  'action:order_modal.remove_line': createOrders,
  'view:order_new': createOrders,
  'view:order_new_confirm': createOrders,

  'action:orders.list.more': workspace,

  'action:order.request_change': changeOrders,
  'action:order.cancel': changeOrders,
  'view:change.form': changeOrders,
  'view:change.confirm': changeOrders,
  'view:cancel.form': changeOrders,
  'action:order.hold': holdOrders,
  'action:order.release': holdOrders,
  'view:hold.form': holdOrders,
  'action:change.approve': changeDecision,
  'action:change.reject': changeDecision,
  'view:change.reject_reason': changeDecision,

  // Anyone may press Cancel; cancelReminder refuses a reminder that is not theirs.
  'action:reminders.cancel': workspace,

  'action:credit_hold.approve': creditDecision,
  'action:credit_hold.reject': creditDecision,
  'view:credit_hold.reject_reason': creditDecision,

  'action:step.accept': stepWork,
  'action:step.start': stepWork,
  'action:step.done': stepWork,
  'action:step.ship': stepWork,
  'action:step.delivered': stepWork,
  'action:step.progress': stepWork,
  'action:step.reassign': stepWork,
  'action:step.problem': stepWork,
  // Fail on an inspection: QA's members (the use case refuses it on any other department's step).
  'action:step.fail': stepWork,
  'view:step.fail_details': stepWork,
  'view:step.ship_details': stepWork,
  'view:step.progress_details': stepWork,
  'view:step.reassign_details': stepWork,
  // From a card or /order problem: the form is the same; a card's button checks its department first.
  'view:problem.report': reportProblems,
  // Acknowledge and Resolve: the owning department's members, its manager, managers and admins
  // (exceptions/acknowledge-problem.ts); the order's owner may resolve too.
  'action:exception.acknowledge': { who: 'department', of: 'card', what: 'acknowledge its problems' },
  'action:exception.resolve': { who: 'department', of: 'card', what: 'resolve its problems' },
  'view:exception.resolve_details': { who: 'department', of: 'card', what: 'resolve its problems' },
  // The follow-up after delivery is the order owner's (or an admin's): the use case checks whose.
  'action:followup.feedback': followUp,
  'action:followup.snooze_1d': followUp,
  'action:followup.snooze_3d': followUp,
  'action:followup.snooze_1w': followUp,
  'action:followup.done': followUp,
  'view:followup.feedback_form': followUp,
  'action:custmsg.edit': messageCustomers,
  'action:custmsg.send': messageCustomers,
  'view:custmsg.edit_form': messageCustomers,
  'view:custmsg.preview_form': messageCustomers,

  // Nudges go to owners, departments and managers; anyone of them may put one off for all.
  'action:nudge.snooze_1d': nudgeSnooze,
  'action:nudge.snooze_3d': nudgeSnooze,

  'action:rules.edit': changeRules,
  'action:rules.add': changeRules,
  'action:rules.delete': changeRules,
  'action:rules.remove_step': changeRules,
  'view:rules.save': changeRules,

  'view:customer_save': admins('add customers'),
  'view:product_save': admins('add products'),

  'action:home.summary_settings': summarySettings,
  'view:summary_settings': summarySettings,

  'action:home.settings': settings,
  'action:settings.page.previous': settings,
  'action:settings.page.next': settings,
  'action:settings.add_department': settings,
  'action:settings.edit_department': settings,
  'action:settings.pick_person': settings,
  'action:settings.edit_channels': settings,
  'view:settings_department': admins('set up departments'),
  'view:settings_person': admins('set up people'),
  'view:settings_channels': admins('set up desk channels'),

  'event:app_home_opened': workspace,
  'action:home.more': workspace,
  'action:home.previous': workspace,
  'action:home.open': workspace,
  'action:home.customer': customersOnHome,
  'options:home.customer': customersOnHome,
} as const satisfies Record<string, Permission>;

export type PermissionId = keyof typeof permissions;

/** The ids whose row needs only the actor, not the department of a card. */
export type ActorPermissionId = {
  [K in PermissionId]: (typeof permissions)[K] extends { who: 'department' } ? never : K;
}[PermissionId];

/** Refuses `actor` what the table does not allow them, with its reason. */
export function permit(actor: Actor, id: ActorPermissionId): void {
  const row: Permission = permissions[id];
  if (row.who === 'roles') requireRole(actor, row.roles, row.what);
}

/** Whether the table allows `actor` `id`, for answers that refuse by showing nothing. */
export function mayUse(actor: Actor, id: ActorPermissionId): boolean {
  try {
    permit(actor, id);
    return true;
  } catch {
    return false;
  }
}
