/**
 * Seed lists of the full-size instrument file: well-known listed companies (plausible symbols, names and
 * prices, made-up ISINs unless the demo list has the real one) and the words synthetic companies are built from.
 * Prices are rough, not live: they set lot sizes and strike ladders.
 */
export interface CompanySeed {
  symbol: string;
  name: string;
  price: number;
}

export const KNOWN_COMPANIES: CompanySeed[] = [
  { symbol: 'RELINFRA', name: 'RELIANCE INFRASTRUCTURE LTD', price: 282.4 },
  { symbol: 'RPOWER', name: 'RELIANCE POWER LTD', price: 44.6 },
  { symbol: 'JIOFIN', name: 'JIO FINANCIAL SERVICES LTD', price: 318.2 },
  { symbol: 'RIIL', name: 'RELIANCE INDUSTRIAL INFRA LTD', price: 1011.0 },
  { symbol: 'HDFCLIFE', name: 'HDFC LIFE INS CO LTD', price: 702.5 },
  { symbol: 'HDFCAMC', name: 'HDFC AMC LIMITED', price: 4380.0 },
  { symbol: 'HINDALCO', name: 'HINDALCO INDUSTRIES LTD', price: 712.3 },
  { symbol: 'HCLTECH', name: 'HCL TECHNOLOGIES LTD', price: 1620.0 },
  { symbol: 'HEROMOTOCO', name: 'HERO MOTOCORP LIMITED', price: 4410.0 },
  { symbol: 'BAJFINANCE', name: 'BAJAJ FINANCE LIMITED', price: 902.0 },
  { symbol: 'BAJAJFINSV', name: 'BAJAJ FINSERV LTD.', price: 1985.0 },
  { symbol: 'BAJAJ-AUTO', name: 'BAJAJ AUTO LIMITED', price: 8640.0 },
  { symbol: 'MARUTI', name: 'MARUTI SUZUKI INDIA LTD.', price: 12450.0 },
  { symbol: 'M&M', name: 'MAHINDRA & MAHINDRA LTD', price: 3180.0 },
  { symbol: 'TATAMOTORS', name: 'TATA MOTORS LIMITED', price: 702.0 },
  { symbol: 'TATASTEEL', name: 'TATA STEEL LIMITED', price: 158.4 },
  { symbol: 'TATAPOWER', name: 'TATA POWER CO LTD', price: 392.1 },
  { symbol: 'TATACONSUM', name: 'TATA CONSUMER PRODUCT LTD', price: 1105.0 },
  { symbol: 'TITAN', name: 'TITAN COMPANY LIMITED', price: 3420.0 },
  { symbol: 'SUNPHARMA', name: 'SUN PHARMACEUTICAL IND L', price: 1702.0 },
  { symbol: 'DRREDDY', name: "DR. REDDY'S LABORATORIES", price: 1261.0 },
  { symbol: 'CIPLA', name: 'CIPLA LTD', price: 1498.0 },
  { symbol: 'DIVISLAB', name: "DIVI'S LABORATORIES LTD", price: 6050.0 },
  { symbol: 'WIPRO', name: 'WIPRO LTD', price: 248.3 },
  { symbol: 'TECHM', name: 'TECH MAHINDRA LIMITED', price: 1540.0 },
  { symbol: 'ULTRACEMCO', name: 'ULTRATECH CEMENT LIMITED', price: 11800.0 },
  { symbol: 'GRASIM', name: 'GRASIM INDUSTRIES LTD', price: 2790.0 },
  { symbol: 'ASIANPAINT', name: 'ASIAN PAINTS LIMITED', price: 2402.0 },
  { symbol: 'NESTLEIND', name: 'NESTLE INDIA LIMITED', price: 1212.0 },
  { symbol: 'BRITANNIA', name: 'BRITANNIA INDUSTRIES LTD', price: 5830.0 },
  { symbol: 'POWERGRID', name: 'POWER GRID CORP. LTD.', price: 286.9 },
  { symbol: 'NTPC', name: 'NTPC LTD', price: 327.5 },
  { symbol: 'ONGC', name: 'OIL AND NATURAL GAS CORP.', price: 241.0 },
  { symbol: 'COALINDIA', name: 'COAL INDIA LTD', price: 382.6 },
  { symbol: 'BPCL', name: 'BHARAT PETROLEUM CORP LT', price: 352.1 },
  { symbol: 'IOC', name: 'INDIAN OIL CORP LTD', price: 148.2 },
  { symbol: 'ADANIENT', name: 'ADANI ENTERPRISES LIMITED', price: 2310.0 },
  { symbol: 'ADANIPORTS', name: 'ADANI PORTS AND SPECIAL ECONOMIC ZONE LTD', price: 1448.0 },
  { symbol: 'ADANIGREEN', name: 'ADANI GREEN ENERGY LTD', price: 1010.0 },
  { symbol: 'EICHERMOT', name: 'EICHER MOTORS LTD', price: 6900.0 },
  { symbol: 'APOLLOHOSP', name: 'APOLLO HOSPITALS ENTER. L', price: 7320.0 },
  { symbol: 'INDUSINDBK', name: 'INDUSIND BANK LIMITED', price: 812.0 },
  { symbol: 'BANKBARODA', name: 'BANK OF BARODA', price: 272.3 },
  { symbol: 'PNB', name: 'PUNJAB NATIONAL BANK', price: 118.4 },
  { symbol: 'CANBK', name: 'CANARA BANK', price: 141.9 },
  { symbol: 'FEDERALBNK', name: 'FEDERAL BANK LTD', price: 236.5 },
  { symbol: 'IDFCFIRSTB', name: 'IDFC FIRST BANK LIMITED', price: 80.2 },
  { symbol: 'AUBANK', name: 'AU SMALL FINANCE BANK LTD', price: 882.0 },
  { symbol: 'SHRIRAMFIN', name: 'SHRIRAM FINANCE LIMITED', price: 842.0 },
  { symbol: 'CHOLAFIN', name: 'CHOLAMANDALAM IN & FIN CO', price: 1690.0 },
  { symbol: 'SBILIFE', name: 'SBI LIFE INSURANCE CO LTD', price: 2010.0 },
  { symbol: 'ICICIPRULI', name: 'ICICI PRU LIFE INS CO LTD', price: 640.5 },
  { symbol: 'DMART', name: 'AVENUE SUPERMARTS LIMITED', price: 4120.0 },
  { symbol: 'ZOMATO', name: 'ZOMATO LIMITED', price: 312.0 },
  { symbol: 'PAYTM', name: 'ONE 97 COMMUNICATIONS LTD', price: 1290.0 },
  { symbol: 'NYKAA', name: 'FSN E COMMERCE VENTURES LTD', price: 262.0 },
  { symbol: 'IRCTC', name: 'INDIAN RAILWAY CATERING AND TOURISM CORP LTD', price: 712.0 },
  { symbol: 'HAL', name: 'HINDUSTAN AERONAUTICS LTD', price: 4590.0 },
  { symbol: 'BEL', name: 'BHARAT ELECTRONICS LTD', price: 412.0 },
  { symbol: 'DLF', name: 'DLF LIMITED', price: 742.0 },
  { symbol: 'VEDL', name: 'VEDANTA LIMITED', price: 521.0 },
  { symbol: 'JSWSTEEL', name: 'JSW STEEL LIMITED', price: 1150.0 },
  { symbol: 'PIDILITIND', name: 'PIDILITE INDUSTRIES LTD', price: 1480.0 },
  { symbol: 'GODREJCP', name: 'GODREJ CONSUMER PRODUCTS', price: 1190.0 },
  { symbol: 'DABUR', name: 'DABUR INDIA LTD', price: 512.0 },
  { symbol: 'HAVELLS', name: 'HAVELLS INDIA LIMITED', price: 1505.0 },
  { symbol: 'SIEMENS', name: 'SIEMENS LTD', price: 3120.0 },
  { symbol: 'INDIGO', name: 'INTERGLOBE AVIATION LTD', price: 5720.0 },
];

export const NAME_STEMS = [
  'AADHAR', 'ABHINAV', 'ACCURA', 'ADHUNIK', 'AGRO', 'AJANTA', 'ALKYL', 'AMBER', 'ANAND', 'APEX', 'ARIHANT', 'ARVIND',
  'ASHOKA', 'ATLAS', 'AVANTI', 'BALAJI', 'BHAGYA', 'BHARAT', 'CENTURY', 'CHAMBAL', 'CHEMCON', 'CONCORD', 'CROWN',
  'DEEPAK', 'DELTA', 'DHANLAXMI', 'DHRUV', 'DIAMOND', 'EASTERN', 'ELECTRO', 'EMPIRE', 'EVEREST', 'FINE', 'GALAXY',
  'GANESH', 'GARWARE', 'GATEWAY', 'GLOBAL', 'GOLDEN', 'GUJARAT', 'HARSHA', 'HIMALAYA', 'HINDUSTAN', 'IMPERIAL',
  'INDO', 'JAGRAN', 'JAIPRAKASH', 'JAYANT', 'JINDAL', 'KALYANI', 'KAMDHENU', 'KAVERI', 'KESAR', 'KIRLOSKAR', 'KOHINOOR',
  'LAKSHMI', 'LOTUS', 'MADHAV', 'MAGNUM', 'MAHALAXMI', 'MANGALAM', 'MERIDIAN', 'MODERN', 'NAVBHARAT', 'NEELKANTH',
  'NILKAMAL', 'NOVA', 'OMKAR', 'ORIENT', 'PARAS', 'PEARL', 'PIONEER', 'PRAKASH', 'PREMIER', 'PRISM', 'RADHIKA',
  'RAJESH', 'RAMA', 'RATNA', 'SAGAR', 'SAHYADRI', 'SAKTHI', 'SANGAM', 'SARDA', 'SHREE', 'SHIVA', 'SIDDHI', 'SKYLINE',
  'SOUTHERN', 'SRI', 'STERLING', 'SUPREME', 'SURYA', 'SWASTIK', 'TRIVENI', 'UNITED', 'UTKARSH', 'VARDHMAN', 'VIJAY',
  'VISHAL', 'WESTERN', 'ZENITH',
];

export const NAME_TRADES = [
  'TEXTILES', 'PHARMA', 'FINANCE', 'STEELS', 'POWER', 'CEMENT', 'CHEMICALS', 'PAPERS', 'SUGARS', 'FOODS', 'MOTORS',
  'ENGINEERING', 'INFRA', 'SOFTWARE', 'POLYMERS', 'CABLES', 'FERTILIZERS', 'LOGISTICS', 'HOTELS', 'REALTY', 'AGRITECH',
  'GLASS', 'TYRES', 'SPINNING', 'INDUSTRIES', 'ENTERPRISES', 'CAPITAL', 'VENTURES', 'EXPORTS', 'METALS',
];

export const NAME_SUFFIXES = ['LTD', 'LIMITED', 'LTD.', 'INDIA LTD'];

/** NSE indices (name, trading symbol); the demo list's Nifty 50 comes first and is not repeated. */
export const NSE_INDICES: [string, string][] = [
  ['Nifty Bank', 'BANKNIFTY'], ['Nifty Fin Service', 'FINNIFTY'], ['NIFTY MID SELECT', 'MIDCPNIFTY'],
  ['Nifty Next 50', 'NIFTYNXT50'], ['Nifty 100', 'NIFTY 100'], ['Nifty 200', 'NIFTY 200'], ['Nifty 500', 'NIFTY 500'],
  ['Nifty IT', 'NIFTY IT'], ['Nifty Pharma', 'NIFTY PHARMA'], ['Nifty Auto', 'NIFTY AUTO'], ['Nifty FMCG', 'NIFTY FMCG'],
  ['Nifty Metal', 'NIFTY METAL'], ['Nifty Realty', 'NIFTY REALTY'], ['Nifty Energy', 'NIFTY ENERGY'],
  ['Nifty Media', 'NIFTY MEDIA'], ['Nifty PSU Bank', 'NIFTY PSU BANK'], ['Nifty Pvt Bank', 'NIFTY PVT BANK'],
  ['India VIX', 'INDIA VIX'], ['Nifty Midcap 50', 'NIFTY MIDCAP 50'], ['Nifty Smallcap 100', 'NIFTY SMLCAP 100'],
];

export const BSE_INDICES: [string, string][] = [
  ['SENSEX', 'SENSEX'], ['BANKEX', 'BANKEX'], ['SENSEX50', 'SENSEX50'], ['BSE100', 'BSE100'], ['BSE200', 'BSE200'],
  ['BSE500', 'BSE500'], ['BSEMIDCAP', 'MIDCAP'], ['BSESMALLCAP', 'SMLCAP'], ['BSE IT', 'BSE IT'], ['BSE FMCG', 'BSE FMCG'],
];

/** MCX commodities: symbol, name, price in rupees, lot (units), tick in paise, strike step, expiry day of month. */
export const COMMODITIES: [string, string, number, number, number, number, number][] = [
  ['CRUDEOIL', 'CRUDE OIL', 6020, 100, 100, 50, 19],
  ['CRUDEOILM', 'CRUDE OIL MINI', 6020, 10, 100, 50, 19],
  ['NATURALGAS', 'NATURAL GAS', 312, 1250, 10, 5, 25],
  ['NATGASMINI', 'NATURAL GAS MINI', 312, 250, 10, 5, 25],
  ['GOLD', 'GOLD', 77500, 100, 100, 500, 5],
  ['GOLDM', 'GOLD MINI', 77400, 10, 100, 500, 3],
  ['GOLDPETAL', 'GOLD PETAL', 7750, 1, 100, 100, 28],
  ['SILVER', 'SILVER', 91200, 30, 100, 1000, 5],
  ['SILVERM', 'SILVER MINI', 91100, 5, 100, 1000, 28],
  ['SILVERMIC', 'SILVER MICRO', 91000, 1, 100, 1000, 28],
  ['COPPER', 'COPPER', 812, 2500, 5, 5, 28],
  ['ZINC', 'ZINC', 281, 5000, 5, 2.5, 28],
  ['ALUMINIUM', 'ALUMINIUM', 238, 5000, 5, 2.5, 28],
  ['LEAD', 'LEAD', 182, 5000, 5, 1, 28],
  ['NICKEL', 'NICKEL', 1390, 1500, 10, 10, 28],
  ['COTTONCNDY', 'COTTON CANDY', 55200, 48, 1000, 200, 28],
  ['MENTHAOIL', 'MENTHA OIL', 930, 360, 10, 10, 28],
];

/** Currency pairs: symbol, price in rupees, strike step (NSE currency derivatives, lot 1000 units; JPY per 100). */
export const CURRENCIES: [string, number, number][] = [
  ['USDINR', 84.6, 0.25],
  ['EURINR', 89.1, 0.25],
  ['GBPINR', 107.3, 0.25],
  ['JPYINR', 56.2, 0.25],
];
