//! The generator's invented vocabulary (no real people or firms), its
//! department and channel weights, and the kinds of tie with their level
//! distributions.

pub(super) const INDUSTRIES: [&str; 12] = [
    "software",
    "manufacturing",
    "healthcare",
    "finance",
    "retail",
    "energy",
    "logistics",
    "telecom",
    "education",
    "public sector",
    "construction",
    "media",
];

pub(super) const INDUSTRY_SUFFIXES: [[&str; 2]; 12] = [
    ["Systems", "Labs"],
    ["Industries", "Works"],
    ["Health", "Care"],
    ["Capital", "Bank"],
    ["Stores", "Retail"],
    ["Energy", "Power"],
    ["Logistics", "Freight"],
    ["Telecom", "Networks"],
    ["Academy", "Learning"],
    ["Agency", "Council"],
    ["Builders", "Construction"],
    ["Media", "Studios"],
];

pub(super) const ORG_STEMS_A: [&str; 24] = [
    "Arc", "Bel", "Cor", "Del", "Exo", "Flo", "Gra", "Hel", "Ion", "Jun", "Kor", "Lum", "Mar", "Nov", "Orb", "Pra",
    "Qua", "Ryn", "Sol", "Tri", "Ulv", "Ven", "Wex", "Zen",
];
pub(super) const ORG_STEMS_B: [&str; 10] = ["ara", "eon", "ix", "ora", "um", "ia", "ent", "ivo", "ex", "ano"];

pub(super) const FIRST_A: [&str; 24] = [
    "Al", "Be", "Ca", "Da", "El", "Fa", "Ga", "Ha", "Is", "Jo", "Ka", "Le", "Ma", "Ne", "Or", "Pa", "Ri", "Sa", "Ta",
    "Ve", "Wi", "Ya", "Zo", "Ul",
];
pub(super) const FIRST_B: [&str; 12] = ["ra", "na", "mir", "len", "dor", "sa", "vin", "ta", "rik", "lia", "ro", "mon"];
pub(super) const LAST_A: [&str; 18] = [
    "Bar", "Cor", "Dal", "Fen", "Gar", "Hol", "Kes", "Lin", "Mor", "Nor", "Pel", "Quin", "Ros", "Sel", "Tor", "Val",
    "Wen", "Yor",
];
pub(super) const LAST_B: [&str; 14] =
    ["by", "den", "ford", "gard", "holm", "ley", "mark", "ner", "sen", "ton", "vik", "well", "wood", "rup"];

pub(super) const CITIES: [&str; 24] = [
    "Aldmere",
    "Brinholt",
    "Caskwell",
    "Dunmarsh",
    "Elverton",
    "Fallowby",
    "Greywick",
    "Harrowgate",
    "Istmoor",
    "Jarrowfield",
    "Kelmsby",
    "Lornhaven",
    "Marrowdale",
    "Northcombe",
    "Oakhurst",
    "Pellridge",
    "Quarrington",
    "Rookfield",
    "Saltmere",
    "Thornbury",
    "Umberlee",
    "Valmont",
    "Westerholm",
    "Yarrowby",
];

pub(super) const CHANNELS: [&str; 6] = ["email", "phone", "video", "meeting", "event", "referral"];
/// Channel weights for ties of level 0-2 and of level 3-5.
pub(super) const CHANNEL_WEIGHTS: [[f64; 6]; 2] =
    [[45.0, 25.0, 10.0, 5.0, 12.0, 3.0], [15.0, 20.0, 15.0, 40.0, 5.0, 5.0]];

/// Our firm's departments, the owner's (sales) first, with their share of colleagues.
pub(super) const OWN_DEPARTMENTS: [(&str, f64); 7] = [
    ("sales", 0.20),
    ("engineering", 0.30),
    ("product", 0.10),
    ("finance", 0.07),
    ("legal", 0.05),
    ("delivery", 0.16),
    ("support", 0.12),
];

/// Departments of customers and prospects, the top's first.
pub(super) const BUYER_DEPARTMENTS: [(&str, f64); 8] = [
    ("executive", 0.05),
    ("it", 0.25),
    ("operations", 0.25),
    ("finance", 0.10),
    ("procurement", 0.08),
    ("marketing", 0.10),
    ("sales", 0.12),
    ("hr", 0.05),
];

/// Departments of market organizations, the top's first.
pub(super) const MARKET_DEPARTMENTS: [(&str, f64); 5] =
    [("management", 0.10), ("sales", 0.30), ("consulting", 0.30), ("research", 0.15), ("partnerships", 0.15)];

/// The smallest customer value (yearly revenue).
pub(super) const CUSTOMER_VALUE_MIN: f64 = 20_000.0;
/// Pareto index of customer values: the top fifth of customers brings about
/// two thirds of the value among 50 customers, four fifths among thousands.
pub(super) const CUSTOMER_VALUE_INDEX: f64 = 1.05;

/// What kind of tie: decides the level distribution.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    /// A reporting line inside an organization.
    Report,
    /// Colleagues (same organization, not a reporting line).
    Colleague,
    /// People of two organizations.
    Acquaintance,
    /// Our delivery or support people and a customer.
    Delivery,
    /// A prospect's key person and a customer.
    Referral,
    OwnerInternal,
    OwnerCustomer,
    OwnerProspect,
    OwnerMarket,
}

impl Kind {
    /// Percentages of levels 0 to 5.
    pub(super) fn level_weights(self) -> [f64; 6] {
        match self {
            Kind::Report => [2.0, 8.0, 25.0, 35.0, 20.0, 10.0],
            Kind::Colleague => [5.0, 22.0, 35.0, 23.0, 10.0, 5.0],
            Kind::Acquaintance => [25.0, 35.0, 22.0, 10.0, 5.0, 3.0],
            Kind::Delivery => [2.0, 10.0, 30.0, 30.0, 18.0, 10.0],
            Kind::Referral => [5.0, 20.0, 30.0, 25.0, 12.0, 8.0],
            Kind::OwnerInternal => [0.0, 5.0, 20.0, 35.0, 25.0, 15.0],
            Kind::OwnerCustomer => [2.0, 8.0, 20.0, 30.0, 25.0, 15.0],
            Kind::OwnerProspect => [15.0, 35.0, 28.0, 12.0, 7.0, 3.0],
            Kind::OwnerMarket => [20.0, 35.0, 25.0, 12.0, 6.0, 2.0],
        }
    }
}
