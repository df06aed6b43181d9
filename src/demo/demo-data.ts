import type { Role } from '../auth/roles.ts';
import type { CustomerInput } from '../customers/customer-input.ts';
import type { ProductInput } from '../products/product-input.ts';
import type { RouteStep, RuleConditions } from '../routing/allocation-rules.ts';

/**
 * The demo workspace `npm run db:seed` loads: enough customers, products, departments and people
 * to walk every path (an order on credit stop, one that breaks a credit limit, made-to-order
 * work with a long lead time). Pure data; money in cents. Tests may rely on the named records.
 */

/** The demo people's Slack ids; in a real workspace they match nobody, so they only fill lists. */
export const demoPeopleIds = {
  admin: 'U0DEMOADMIN',
  manager: 'U0DEMOMGR',
  production: 'U0DEMOPROD',
  qa: 'U0DEMOQA',
  logistics: 'U0DEMOLOG',
  finance: 'U0DEMOFIN',
  afterSales: 'U0DEMOAFTER',
  viewer: 'U0DEMOVIEW',
} as const;

/** Customers chosen to trip the rules. */
export const demoCustomerCodes = {
  /** 19,350.00 of 20,000.00 used: almost any order goes over. */
  nearCreditLimit: 'BRAVO-LOG',
  /** Finance stopped deliveries: orders wait for a credit decision. */
  onCreditStop: 'CASTELLO',
  /** Umlauts and an ampersand in the name. */
  nonAscii: 'MUELLER',
  /** A Japanese name. */
  cjk: 'SAKURA',
} as const;

/** A made-to-order product (category `custom`) with a six-week lead time. */
export const demoCustomProductSku = 'CUS-GEAR-MOD3';

const customer = (
  c: Omit<CustomerInput, 'accountOwnerId' | 'connectChannelId'> & Partial<CustomerInput>,
) => ({
  accountOwnerId: null,
  connectChannelId: null,
  ...c,
});

export const demoCustomers: readonly CustomerInput[] = [
  customer({
    code: 'ACME',
    name: 'Acme Industrial GmbH',
    creditLimitCents: 5_000_000,
    outstandingCents: 1_240_000,
    creditStop: false,
    paymentMethods: ['prepaid', 'net30'],
    tier: 'gold',
    accountOwnerId: demoPeopleIds.admin,
  }),
  customer({
    code: 'NORDWIND',
    name: 'Nordwind Maschinenbau AG',
    creditLimitCents: 12_000_000,
    outstandingCents: 3_000_000,
    creditStop: false,
    paymentMethods: ['net60', 'letter_of_credit'],
    tier: 'strategic',
    accountOwnerId: demoPeopleIds.manager,
  }),
  customer({
    code: 'BRAVO-LOG',
    name: 'Bravo Logistics Ltd',
    creditLimitCents: 2_000_000,
    outstandingCents: 1_935_000,
    creditStop: false,
    paymentMethods: ['net30'],
    tier: 'silver',
  }),
  customer({
    code: 'CASTELLO',
    name: 'Castello Costruzioni S.p.A.',
    creditLimitCents: 1_500_000,
    outstandingCents: 1_620_000,
    creditStop: true,
    paymentMethods: ['prepaid', 'net30'],
    tier: 'standard',
  }),
  customer({
    code: 'MUELLER',
    name: 'Müller & Söhne Metallbau KG',
    creditLimitCents: 3_500_000,
    outstandingCents: 480_000,
    creditStop: false,
    paymentMethods: ['net15', 'net30'],
    tier: 'silver',
    accountOwnerId: demoPeopleIds.admin,
  }),
  customer({
    code: 'SAKURA',
    name: '株式会社さくら精機 (Sakura Seiki)',
    creditLimitCents: 8_000_000,
    outstandingCents: 950_000,
    creditStop: false,
    paymentMethods: ['prepaid', 'letter_of_credit'],
    tier: 'gold',
  }),
  customer({
    code: 'DELTA-AERO',
    name: 'Delta Aero Components Inc.',
    creditLimitCents: 25_000_000,
    outstandingCents: 6_000_000,
    creditStop: false,
    paymentMethods: ['net60'],
    tier: 'strategic',
    accountOwnerId: demoPeopleIds.manager,
  }),
  customer({
    code: 'FJORD',
    name: 'Fjord Marine AS',
    creditLimitCents: 1_000_000,
    outstandingCents: 0,
    creditStop: false,
    paymentMethods: ['prepaid', 'cod'],
    tier: 'standard',
  }),
  customer({
    code: 'ORION',
    name: 'Orion Pumps S.A. de C.V.',
    creditLimitCents: 4_000_000,
    outstandingCents: 800_000,
    creditStop: false,
    paymentMethods: ['net30'],
    tier: 'standard',
  }),
  customer({
    code: 'ZENITH',
    name: 'Zénith Énergie SARL',
    creditLimitCents: 6_000_000,
    outstandingCents: 2_100_000,
    creditStop: false,
    paymentMethods: ['net30', 'net60'],
    tier: 'gold',
  }),
  customer({
    code: 'POLARIS',
    name: 'Polaris Agritech Oy',
    creditLimitCents: 2_500_000,
    outstandingCents: 250_000,
    creditStop: false,
    paymentMethods: ['net15'],
    tier: 'silver',
  }),
  customer({
    code: 'WALK-IN',
    name: 'Walk-in customers (cash sales)',
    creditLimitCents: 0,
    outstandingCents: 0,
    creditStop: false,
    paymentMethods: ['prepaid', 'cod'],
    tier: 'standard',
  }),
];

type P = ProductInput;
const product = (
  sku: string,
  name: string,
  category: P['category'],
  listPriceCents: number,
  terms: Partial<
    Pick<P, 'unit' | 'packSize' | 'minOrderQty' | 'leadTimeDays' | 'defaultSpec' | 'guideUrl'>
  > = {},
): P => ({
  sku,
  name,
  category,
  listPriceCents,
  unit: 'pcs',
  packSize: 1,
  minOrderQty: 1,
  leadTimeDays: 0,
  defaultSpec: '',
  guideUrl: null,
  ...terms,
});

/** Sold by the pack: a pack is also the least one may order. */
const packsOf = (n: number) => ({ packSize: n, minOrderQty: n });

export const demoProducts: readonly ProductInput[] = [
  product('HB-M8X30-8.8', 'Hex bolt M8×30, class 8.8, zinc plated', 'fasteners', 12, {
    ...packsOf(200),
    defaultSpec: 'ISO 4017, zinc plated (Fe/Zn 8)',
  }),
  product('HB-M12X50-8.8', 'Hex bolt M12×50, class 8.8, zinc plated', 'fasteners', 42, {
    ...packsOf(100),
    defaultSpec: 'ISO 4017, zinc plated (Fe/Zn 8)',
  }),
  product('HN-M12-8', 'Hex nut M12, class 8', 'fasteners', 8, packsOf(500)),
  product('WS-M12-A2', 'Flat washer M12, stainless A2', 'fasteners', 5, packsOf(1000)),
  product('SHCS-M6X20-A4', 'Socket head cap screw M6×20, stainless A4', 'fasteners', 31, packsOf(200)),
  product('AN-M10X120', 'Anchor bolt M10×120, hot-dip galvanised', 'fasteners', 185, {
    ...packsOf(50),
    leadTimeDays: 3,
  }),
  product('BRG-6204-2RS', 'Deep-groove ball bearing 6204-2RS', 'bearings', 390, packsOf(10)),
  product('BRG-6305-ZZ', 'Deep-groove ball bearing 6305-ZZ', 'bearings', 620, packsOf(10)),
  product('BRG-22210-E', 'Spherical roller bearing 22210 E', 'bearings', 4850, { leadTimeDays: 7 }),
  product('BRG-UCP205', 'Pillow block bearing UCP205', 'bearings', 1475, { packSize: 4 }),
  product('HYD-HOSE-08-2SN', 'Hydraulic hose 1/2" 2SN', 'hydraulics', 680, {
    unit: 'm',
    minOrderQty: 10,
    leadTimeDays: 2,
    defaultSpec: 'EN 853 2SN, cut to length, ends capped',
  }),
  product('HYD-FIT-08-JIC', 'Hose fitting JIC 1/2" female swivel', 'hydraulics', 340, { packSize: 10 }),
  product('HYD-CYL-50-300', 'Hydraulic cylinder 50/28×300', 'hydraulics', 28_500, { leadTimeDays: 14 }),
  product('HYD-PUMP-G16', 'Gear pump 16 cm³/rev, group 2', 'hydraulics', 42_000, { leadTimeDays: 21 }),
  product('PN-CYL-32-100', 'Pneumatic cylinder ISO 15552, 32×100', 'pneumatics', 6200, { leadTimeDays: 5 }),
  product('PN-VLV-52-G14', '5/2 solenoid valve G1/4, 24 V DC', 'pneumatics', 4800),
  product('PN-TUBE-8-BLU', 'PU tube 8 mm, blue', 'pneumatics', 95, { unit: 'm', ...packsOf(50) }),
  product('PN-FRL-G12', 'Filter-regulator-lubricator G1/2', 'pneumatics', 8900, { leadTimeDays: 3 }),
  product('EL-MOT-1.5KW', 'IE3 motor 1.5 kW, 4-pole, B3', 'electrical', 21_500, { leadTimeDays: 10 }),
  product('EL-VFD-2.2KW', 'Frequency inverter 2.2 kW, 400 V', 'electrical', 34_000, { leadTimeDays: 7 }),
  product('EL-PROX-M18', 'Inductive proximity sensor M18, PNP', 'electrical', 2450, { minOrderQty: 5 }),
  product('EL-CAB-4G1.5', 'Control cable 4G1.5, oil resistant', 'electrical', 210, {
    unit: 'm',
    ...packsOf(100),
  }),
  product('EL-CONT-9A', 'Contactor 9 A, 24 V DC coil', 'electrical', 1890),
  product('CON-GREASE-EP2', 'EP2 lithium grease, 400 g cartridge', 'consumables', 650, packsOf(12)),
  product('CON-OIL-HLP46-20L', 'Hydraulic oil HLP 46, 20 l', 'consumables', 7400, { unit: 'can' }),
  product('CON-DISC-125', 'Cutting disc 125×1.0 mm, inox', 'consumables', 95, packsOf(25)),
  product('CON-GLOVE-NIT-L', 'Nitrile work gloves, size L (box of 100)', 'consumables', 980, {
    unit: 'box',
    minOrderQty: 10,
  }),
  product('CUS-GEAR-MOD3', 'Spur gear module 3, to customer drawing', 'custom', 38_000, {
    leadTimeDays: 42,
    defaultSpec:
      '42CrMo4, induction hardened 52–56 HRC; to customer drawing; first-article inspection report',
  }),
  product('CUS-FRAME-WLD', 'Welded machine frame, to customer drawing', 'custom', 245_000, {
    leadTimeDays: 56,
    defaultSpec: 'S355J2, shot-blasted and primed RAL 7035; weld seams to ISO 5817 class C',
  }),
  product('CUS-MANIFOLD', 'Hydraulic manifold block, to customer circuit', 'custom', 115_000, {
    leadTimeDays: 35,
    defaultSpec: 'EN-GJS-400, pressure tested 1.5× working pressure; test certificate 3.1',
  }),
  product('CUS-SHAFT-TRN', 'Turned shaft up to Ø80×1000 mm, to drawing', 'custom', 26_500, {
    leadTimeDays: 28,
    defaultSpec: 'C45, tolerances per drawing, general ISO 2768-m',
  }),
];

export const demoDepartmentKeys = [
  'production',
  'qa',
  'logistics',
  'finance',
  'after-sales',
  'managers',
] as const;
export type DemoDepartmentKey = (typeof demoDepartmentKeys)[number];

export interface DemoDepartment {
  key: DemoDepartmentKey;
  name: string;
  /** The channel's name in the workspace, without `#`; the seed looks its id up. */
  channelName: string;
  /** Orders a day the department can take on; managers carry no queue of their own. */
  dailyCapacity: number;
}

export const demoDepartments: readonly DemoDepartment[] = [
  { key: 'production', name: 'Production', channelName: 'production', dailyCapacity: 40 },
  { key: 'qa', name: 'Quality assurance', channelName: 'qa', dailyCapacity: 30 },
  { key: 'logistics', name: 'Logistics', channelName: 'logistics', dailyCapacity: 25 },
  { key: 'finance', name: 'Finance', channelName: 'finance', dailyCapacity: 60 },
  { key: 'after-sales', name: 'After-sales', channelName: 'after-sales', dailyCapacity: 15 },
  { key: 'managers', name: 'Managers', channelName: 'managers', dailyCapacity: 0 },
];

export interface DemoPerson {
  slackUserId: string;
  name: string;
  roles: Role[];
  departmentKey: DemoDepartmentKey | null;
}

export const demoPeople: readonly DemoPerson[] = [
  { slackUserId: demoPeopleIds.admin, name: 'Ada Lindqvist', roles: ['admin'], departmentKey: null },
  {
    slackUserId: demoPeopleIds.manager,
    name: 'Kenji Watanabe',
    roles: ['manager'],
    departmentKey: 'managers',
  },
  {
    slackUserId: demoPeopleIds.production,
    name: 'Piotr Nowak',
    roles: ['member'],
    departmentKey: 'production',
  },
  { slackUserId: demoPeopleIds.qa, name: 'Grace Okafor', roles: ['member'], departmentKey: 'qa' },
  {
    slackUserId: demoPeopleIds.logistics,
    name: 'Lars Eriksen',
    roles: ['member'],
    departmentKey: 'logistics',
  },
  { slackUserId: demoPeopleIds.finance, name: 'Fatima Haddad', roles: ['member'], departmentKey: 'finance' },
  {
    slackUserId: demoPeopleIds.afterSales,
    name: 'Ana Souza',
    roles: ['member'],
    departmentKey: 'after-sales',
  },
  { slackUserId: demoPeopleIds.viewer, name: 'Sam Rivera', roles: ['viewer'], departmentKey: null },
];

export interface DemoRule {
  name: string;
  conditions: RuleConditions;
  route: RouteStep[];
}

/** Custom work paid up front is checked by finance first; big orders of key customers get QA. */
export const demoRules: readonly DemoRule[] = [
  {
    name: 'Prepaid custom work',
    conditions: { categories: ['custom'], paymentMethods: ['prepaid'] },
    route: [
      { department: 'finance', pick: 'round_robin' },
      { department: 'production', pick: 'least_open' },
      { department: 'qa', pick: 'round_robin' },
      { department: 'logistics', pick: 'round_robin' },
    ],
  },
  {
    name: 'Large orders for key customers',
    conditions: { minValueCents: 1_000_000, tiers: ['gold', 'strategic'] },
    route: [
      { department: 'production', pick: 'round_robin' },
      { department: 'qa', pick: 'round_robin' },
      { department: 'logistics', pick: 'round_robin' },
    ],
  },
];
