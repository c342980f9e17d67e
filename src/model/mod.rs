//! Layer 1: the sales domain.
//!
//! Contacts, organizations (our own firm, customers, prospects, everyone
//! else), ties with a [`RelationshipLevel`] and a last-contact date, the
//! [`DecayPolicy`] that turns both into a [`Strength`] as of a date, and the
//! portfolio itself, [`SalesNetworks`]: its owners (the salespeople; often
//! just one), the contacts and the ties, held in one petgraph graph. The four
//! networks are views of that one graph ([`NetworkView`]). The portfolio as
//! of a date ([`AsOf`], from [`SalesNetworks::at`]) computes every tie's
//! strength and freshness once; every layer above reads it.

mod as_of;
mod deal;
mod decay;
mod ids;
mod interaction;
mod level;
mod networks;

use std::borrow::Borrow;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub(crate) mod redaction;
pub use as_of::{AsOf, DatedTie};
pub(crate) use deal::check_deals;
pub use deal::{Deal, DealId};
pub use decay::{DecayPolicy, Freshness};
pub use interaction::{Interaction, InteractionDate, InteractionKind};
pub use level::{RelationshipLevel, Strength};
pub(crate) use networks::{Assembly, ContactSink, OrganizationLookup, Origin, TieLookup};
pub use networks::{NetworkView, OwnerChoice, SalesNetworks, SalesNetworksBuilder};

use crate::error::{Error, Result};

/// A contact's id: a non-empty string, unique within a portfolio.
///
/// Ids are what reports and errors show; names are personal data and stay
/// inside the portfolio. Cloning an id costs no allocation: an id of at
/// most 22 bytes is held in the value itself (a clone is a copy of 24 bytes
/// that reads no other memory), a longer one is shared text (a portfolio's
/// ties hold their contacts' ids, not copies).
#[derive(Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ContactId(IdText);

/// The text of a [`ContactId`].
#[derive(Clone)]
enum IdText {
    /// `len` bytes of `bytes`, the rest zero.
    Inline { len: u8, bytes: [u8; INLINE_ID] },
    /// A longer id.
    Shared(Arc<str>),
}

/// The longest id held inline (the enum is then 24 bytes, as a `String`).
pub(crate) const INLINE_ID: usize = 22;

/// `bytes` (at most [`INLINE_ID`] of them) followed by zeros, copied in
/// fixed-size moves (a copy of a length known only at run time is a call to
/// `memcpy`, a tenth of the time of a tie's lookup).
#[inline]
fn inline_bytes(bytes: &[u8]) -> [u8; INLINE_ID] {
    let mut out = [0u8; INLINE_ID];
    let n = bytes.len().min(INLINE_ID);
    if n < 8 {
        out[..8].copy_from_slice(&le_word(bytes).to_le_bytes());
    } else {
        // Whole words from the front, then the last 8 bytes (which may
        // overlap the words before them, with the same bytes).
        for at in (0..n - 7).step_by(8) {
            out[at..at + 8].copy_from_slice(&bytes[at..at + 8]);
        }
        out[n - 8..n].copy_from_slice(&bytes[n - 8..n]);
    }
    out
}

/// The bytes of a slice of at most 8 bytes as a little-endian integer (the
/// bytes past its end zero), read in at most two loads instead of a copy
/// of unknown length. Longer slices give their first 8 bytes.
#[inline]
pub(crate) fn le_word(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    if n >= 8 {
        u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default())
    } else if n >= 4 {
        // The first four bytes and the last four, which overlap them with
        // the same bytes.
        let first = u64::from(u32::from_le_bytes(bytes[..4].try_into().unwrap_or_default()));
        let last = u64::from(u32::from_le_bytes(bytes[n - 4..].try_into().unwrap_or_default()));
        first | (last << ((n - 4) * 8))
    } else if n > 0 {
        // The first, middle and last bytes: every byte of 1 to 3.
        u64::from(bytes[0]) | (u64::from(bytes[n / 2]) << (n / 2 * 8)) | (u64::from(bytes[n - 1]) << ((n - 1) * 8))
    } else {
        0
    }
}

impl IdText {
    #[inline]
    fn new(text: &str) -> Self {
        if text.len() <= INLINE_ID {
            IdText::Inline { len: text.len() as u8, bytes: inline_bytes(text.as_bytes()) }
        } else {
            IdText::Shared(Arc::from(text))
        }
    }

    #[inline]
    fn as_str(&self) -> &str {
        match self {
            // The bytes are those of a `str` cut at its end: always UTF-8.
            IdText::Inline { len, bytes } => std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default(),
            IdText::Shared(text) => text,
        }
    }
}

impl PartialEq for ContactId {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ContactId {}

impl PartialOrd for ContactId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ContactId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for ContactId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for ContactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ContactId").field(&self.as_str()).finish()
    }
}

impl ContactId {
    /// An id from a string with its surrounding white space trimmed (as
    /// every reader trims ids: portfolio CSV and JSON, edge lists).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a string that is empty or only white space.
    ///
    /// # Examples
    ///
    /// ```
    /// use salesnet::ContactId;
    ///
    /// assert_eq!(ContactId::new(" c7\t")?.as_str(), "c7");
    /// assert!(ContactId::new("  ").is_err());
    /// # Ok::<(), salesnet::Error>(())
    /// ```
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        Self::trimmed(&id).ok_or_else(|| Error::InvalidArgument {
            name: "id",
            reason: "a contact id may not be empty or only white space".into(),
        })
    }

    /// The id of `text` with its surrounding white space trimmed; `None` if
    /// nothing is left.
    pub(crate) fn trimmed(text: &str) -> Option<Self> {
        let trimmed = text.trim();
        (!trimmed.is_empty()).then(|| Self::of_trimmed(trimmed))
    }

    /// The id `text`, which is trimmed and not empty; for an id of at most
    /// [`INLINE_ID`] bytes it equals the id of the same text found in a
    /// portfolio (and reads nothing of it).
    #[inline]
    pub(crate) fn of_trimmed(text: &str) -> Self {
        debug_assert!(!text.is_empty() && text.trim() == text);
        Self(IdText::new(text))
    }

    /// The id as text.
    #[inline]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl TryFrom<String> for ContactId {
    type Error = Error;
    fn try_from(id: String) -> Result<Self> {
        Self::new(id)
    }
}

impl From<ContactId> for String {
    fn from(id: ContactId) -> String {
        String::from(id.as_str())
    }
}

impl Borrow<str> for ContactId {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for ContactId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for ContactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Extra attributes of a record, kept in the order they were read (the
/// column order of a CSV file). Keys are unique; an empty value is the same
/// as no value and is not stored.
///
/// The list is shared: cloning it costs no allocation, and the readers give
/// records with the same attributes one list (a million ties with a
/// `channel` column hold one list per channel). [`set`](Self::set) copies a
/// shared list before changing it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes(Pairs);

/// A key-value list for [`Attributes`]; `None` when empty.
type Pairs = Option<Arc<[(Arc<str>, Arc<str>)]>>;

impl Attributes {
    /// No attributes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Attributes holding `pairs` as they are (unique keys, no empty value).
    pub(crate) fn from_pairs(pairs: Vec<(Arc<str>, Arc<str>)>) -> Self {
        debug_assert!(pairs.iter().all(|(_, v)| !v.is_empty()));
        Self(Self::list(pairs))
    }

    fn list(pairs: Vec<(Arc<str>, Arc<str>)>) -> Pairs {
        (!pairs.is_empty()).then(|| Arc::from(pairs))
    }

    fn pairs(&self) -> &[(Arc<str>, Arc<str>)] {
        self.0.as_deref().unwrap_or(&[])
    }

    /// Sets `key` to `value`, keeping the key's first position. An empty
    /// value removes the key.
    pub fn set(&mut self, key: impl Into<String>, value: impl Into<String>) -> &mut Self {
        let (key, value) = (key.into(), value.into());
        let mut pairs = self.pairs().to_vec();
        match pairs.iter().position(|(k, _)| **k == *key) {
            Some(i) if value.is_empty() => {
                pairs.remove(i);
            }
            Some(i) => pairs[i].1 = Arc::from(value),
            None if value.is_empty() => return self,
            None => pairs.push((Arc::from(key), Arc::from(value))),
        }
        self.0 = Self::list(pairs);
        self
    }

    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs().iter().find(|(k, _)| **k == *key).map(|(_, v)| &**v)
    }

    /// Key-value pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs().iter().map(|(k, v)| (&**k, &**v))
    }

    /// Number of attributes.
    pub fn len(&self) -> usize {
        self.pairs().len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Attributes {
    /// As [`Attributes::set`] for each pair in turn, in O(n) expected time.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let pairs: Vec<(String, String)> = iter.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        // The usual case, unique keys and no empty value, needs no `set`
        // (whose search per key is quadratic in wide records).
        let mut keys = std::collections::HashSet::with_capacity(pairs.len());
        if pairs.iter().all(|(k, v)| !v.is_empty() && keys.insert(k.as_str())) {
            drop(keys);
            return Attributes(Self::list(pairs.into_iter().map(|(k, v)| (Arc::from(k), Arc::from(v))).collect()));
        }
        let mut attrs = Attributes::new();
        for (k, v) in pairs {
            attrs.set(k, v);
        }
        attrs
    }
}

/// As a list of `[key, value]` pairs.
impl Serialize for Attributes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Attributes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let pairs = Vec::<(String, String)>::deserialize(deserializer)?;
        Ok(Attributes(Self::list(pairs.into_iter().map(|(k, v)| (Arc::from(k), Arc::from(v))).collect())))
    }
}

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $err:ident, { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The lowercase name used in files and reports.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = Error;
            /// Parses the lowercase name; any other text is an error
            /// without a location (loaders add theirs).
            fn from_str(s: &str) -> Result<Self> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(Error::$err {
                        value: other.to_string(),
                        location: crate::error::Location::file("<memory>"),
                    }),
                }
            }
        }
    };
}

text_enum!(
    /// An organization's relation to the portfolio's owner. It decides which
    /// network its people belong to.
    Relation, UnknownRelation, {
        /// Our own firm: the **internal** network.
        Own => "own",
        /// An existing customer: the **customer** network.
        Customer => "customer",
        /// A buying organization we are selling to: the **prospect** network.
        Prospect => "prospect",
        /// Anyone else in the market: the **market** network.
        Other => "other",
    }
);

text_enum!(
    /// A contact's role in their organization's buying (or selling) process.
    Role, UnknownRole, {
        /// The salesperson whose portfolio this is. Exactly one per portfolio.
        Owner => "owner",
        /// Decides on the purchase.
        DecisionMaker => "decision_maker",
        /// Shapes the decision without making it.
        Influencer => "influencer",
        /// Controls access to the decision makers (an assistant, procurement).
        Gatekeeper => "gatekeeper",
        /// Places and administers the order.
        Buyer => "buyer",
        /// Uses what is bought.
        User => "user",
        /// Any other role.
        Other => "other",
    }
);

text_enum!(
    /// A step of the sales funnel (DOMAIN.md): the furthest step a deal
    /// reached. Steps are ordered: a deal at `proposal` has passed
    /// `new_contact` and `introduced`.
    Step, UnknownStep, {
        /// A new contact: an opportunity identified.
        NewContact => "new_contact",
        /// The product was introduced.
        Introduced => "introduced",
        /// Interested: a proposal was made.
        Proposal => "proposal",
        /// In negotiation.
        Negotiating => "negotiating",
        /// The contract is signed.
        Contracted => "contracted",
        /// The customer paid.
        Paid => "paid",
    }
);

impl Step {
    /// The next step of the funnel; `None` after `paid`.
    pub fn next(self) -> Option<Step> {
        let i = self as usize;
        Step::ALL.get(i + 1).copied()
    }

    /// The step's position, 0 (`new_contact`) to 5 (`paid`).
    pub fn index(self) -> usize {
        self as usize
    }
}

text_enum!(
    /// Whether a deal is still being worked on, won or lost.
    DealStatus, UnknownStatus, {
        /// Still in the funnel.
        Open => "open",
        /// Won: the customer signed.
        Won => "won",
        /// Lost; the deal keeps the step where it was lost.
        Lost => "lost",
    }
);

text_enum!(
    /// Whether a person of our firm shares their relationships with the
    /// team (the `share` column of contacts; default `yes`).
    ///
    /// A contact who does not share (`no`) keeps their ties for their own
    /// reports, and their ties still count in the team's coverage counts,
    /// but no path shown to anyone else runs through them: they are never an
    /// intermediate of another salesperson's referral path, and never
    /// proposed as a first caller in the team's view.
    #[derive(Default)]
    Sharing, UnknownSharing, {
        /// Their ties may appear on the team's paths (the default).
        #[default]
        Yes => "yes",
        /// Their ties stay their own.
        No => "no",
    }
);

impl Sharing {
    /// Whether this is [`Sharing::Yes`], the default.
    pub fn is_yes(&self) -> bool {
        *self == Sharing::Yes
    }
}

/// An organization: our own firm, a customer, a prospect or anyone else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// Unique name; contacts refer to it.
    pub name: String,
    /// Relation to the owner.
    pub relation: Relation,
    /// Industry, if known.
    pub industry: Option<String>,
    /// Yearly revenue or deal size, if known; finite and non-negative.
    pub value: Option<f64>,
    /// Extra columns of the organizations file.
    pub attributes: Attributes,
}

impl Organization {
    /// An organization with no industry, value or attributes.
    pub fn new(name: impl Into<String>, relation: Relation) -> Self {
        Self { name: name.into(), relation, industry: None, value: None, attributes: Attributes::new() }
    }

    /// Sets the industry.
    #[must_use]
    pub fn with_industry(mut self, industry: impl Into<String>) -> Self {
        self.industry = Some(industry.into());
        self
    }

    /// Sets the value (revenue or deal size).
    #[must_use]
    pub fn with_value(mut self, value: f64) -> Self {
        self.value = Some(value);
        self
    }
}

/// A person in the portfolio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// Unique id.
    pub id: ContactId,
    /// Full name (personal data: never logged, replaced in redacted exports).
    pub name: String,
    /// Name of the contact's organization.
    pub organization: String,
    /// Role in the organization.
    pub role: Role,
    /// Department, if known.
    pub department: Option<String>,
    /// Whether their ties may appear on others' paths (the `share`
    /// column; default [`Sharing::Yes`]).
    #[serde(default, skip_serializing_if = "Sharing::is_yes")]
    pub share: Sharing,
    /// Extra columns of the contacts file.
    pub attributes: Attributes,
}

impl Contact {
    /// A contact with no department or attributes.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for an empty id.
    pub fn new(id: &str, name: impl Into<String>, organization: impl Into<String>, role: Role) -> Result<Self> {
        Ok(Self {
            id: ContactId::new(id)?,
            name: name.into(),
            organization: organization.into(),
            role,
            department: None,
            share: Sharing::Yes,
            attributes: Attributes::new(),
        })
    }

    /// Sets the department.
    #[must_use]
    pub fn with_department(mut self, department: impl Into<String>) -> Self {
        self.department = Some(department.into());
        self
    }

    /// Sets whether their ties may appear on others' paths.
    #[must_use]
    pub fn with_share(mut self, share: Sharing) -> Self {
        self.share = share;
        self
    }
}

/// An undirected relationship between two contacts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tie {
    /// One end (the `source` column).
    pub source: ContactId,
    /// The other end (the `target` column).
    pub target: ContactId,
    /// How well they know each other.
    pub level: RelationshipLevel,
    /// When they were last in contact, if known.
    pub last_contact: Option<Date>,
    /// Extra columns of the ties file.
    pub attributes: Attributes,
}

impl Tie {
    /// A tie with no date or attributes.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for an empty id.
    pub fn new(source: &str, target: &str, level: RelationshipLevel) -> Result<Self> {
        Ok(Self {
            source: ContactId::new(source)?,
            target: ContactId::new(target)?,
            level,
            last_contact: None,
            attributes: Attributes::new(),
        })
    }

    /// Sets the last-contact date.
    #[must_use]
    pub fn with_last_contact(mut self, date: Date) -> Self {
        self.last_contact = Some(date);
        self
    }

    /// The other end of the tie, seen from `id` (`None` if `id` is neither end).
    pub fn other(&self, id: &str) -> Option<&ContactId> {
        if self.source.as_str() == id {
            Some(&self.target)
        } else if self.target.as_str() == id {
            Some(&self.source)
        } else {
            None
        }
    }
}

/// The four networks of a salesperson, each a view of the one portfolio graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkKind {
    /// People across the market (organizations with relation `other`).
    Market,
    /// People inside buying organizations (relation `prospect`).
    Prospect,
    /// Colleagues in our own firm (relation `own`).
    Internal,
    /// Existing customers (relation `customer`).
    Customer,
}

impl NetworkKind {
    /// All four, in stage order.
    pub const ALL: [NetworkKind; 4] =
        [NetworkKind::Market, NetworkKind::Prospect, NetworkKind::Internal, NetworkKind::Customer];

    /// The organization relation whose people form this network.
    pub fn relation(self) -> Relation {
        match self {
            NetworkKind::Market => Relation::Other,
            NetworkKind::Prospect => Relation::Prospect,
            NetworkKind::Internal => Relation::Own,
            NetworkKind::Customer => Relation::Customer,
        }
    }

    /// The network whose people have this organization relation.
    pub fn of_relation(relation: Relation) -> Self {
        match relation {
            Relation::Other => NetworkKind::Market,
            Relation::Prospect => NetworkKind::Prospect,
            Relation::Own => NetworkKind::Internal,
            Relation::Customer => NetworkKind::Customer,
        }
    }

    /// The sales stage this network wins.
    pub fn stage(self) -> Stage {
        match self {
            NetworkKind::Market => Stage::Prospecting,
            NetworkKind::Prospect => Stage::BuyIn,
            NetworkKind::Internal => Stage::Solution,
            NetworkKind::Customer => Stage::Closing,
        }
    }

    /// The lowercase name (`market`, `prospect`, `internal`, `customer`).
    pub fn as_str(self) -> &'static str {
        match self {
            NetworkKind::Market => "market",
            NetworkKind::Prospect => "prospect",
            NetworkKind::Internal => "internal",
            NetworkKind::Customer => "customer",
        }
    }
}

impl fmt::Display for NetworkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The four stages of a sale, each won by a different network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Identifying prospects: a large, sparse, diverse market network.
    Prospecting,
    /// Gaining buy-in: a prospect network that reaches the decision makers through a middleman.
    BuyIn,
    /// Developing the solution: a dense, cross-functional internal network.
    Solution,
    /// Closing: a customer who trusts us and can vouch to the prospect.
    Closing,
}

impl Stage {
    /// All four, in the order of a sale.
    pub const ALL: [Stage; 4] = [Stage::Prospecting, Stage::BuyIn, Stage::Solution, Stage::Closing];

    /// The network that does the work in this stage.
    pub fn network(self) -> NetworkKind {
        match self {
            Stage::Prospecting => NetworkKind::Market,
            Stage::BuyIn => NetworkKind::Prospect,
            Stage::Solution => NetworkKind::Internal,
            Stage::Closing => NetworkKind::Customer,
        }
    }

    /// The command-line name (`prospecting`, `buy-in`, `solution`, `closing`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Prospecting => "prospecting",
            Stage::BuyIn => "buy-in",
            Stage::Solution => "solution",
            Stage::Closing => "closing",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stage {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "prospecting" => Ok(Stage::Prospecting),
            "buy-in" | "buy_in" | "buyin" => Ok(Stage::BuyIn),
            "solution" => Ok(Stage::Solution),
            "closing" => Ok(Stage::Closing),
            other => Err(Error::InvalidArgument {
                name: "stage",
                reason: format!("`{other}` is not one of prospecting, buy-in, solution, closing"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_are_read_in_words_as_they_are_copied_byte_by_byte() {
        let text: Vec<u8> = (1..=30u8).map(|b| b.wrapping_mul(37)).collect();
        for start in 0..4 {
            for n in 0..=INLINE_ID {
                let bytes = &text[start..start + n];
                let mut copied = [0u8; INLINE_ID];
                copied[..n].copy_from_slice(bytes);
                assert_eq!(inline_bytes(bytes), copied, "{n} bytes");
                let mut word = [0u8; 8];
                word[..n.min(8)].copy_from_slice(&bytes[..n.min(8)]);
                assert_eq!(le_word(bytes), u64::from_le_bytes(word), "{n} bytes");
            }
        }
    }

    #[test]
    fn ids_inline_or_shared_behave_as_their_text() {
        use std::hash::BuildHasher;
        assert_eq!(std::mem::size_of::<ContactId>(), 24);
        let texts = ["c7", "0123456789012345678901", "01234567890123456789012", "a-much-longer-id@example.com", "é€𝄞"];
        let ids: Vec<ContactId> = texts.iter().map(|t| ContactId::new(format!(" {t}\t")).unwrap()).collect();
        assert!(matches!(ids[1].0, IdText::Inline { .. }) && matches!(ids[2].0, IdText::Shared(_)));
        let hasher = std::hash::RandomState::new();
        for (id, text) in ids.iter().zip(texts) {
            assert_eq!((id.as_str(), id.to_string(), String::from(id.clone())), (text, text.into(), text.into()));
            assert_eq!(format!("{id:?}"), format!("ContactId({text:?})"));
            assert_eq!(hasher.hash_one(id), hasher.hash_one(text), "{text}");
            assert_eq!(id, &ContactId::of_trimmed(text));
            assert_eq!(serde_json::to_string(id).unwrap(), serde_json::to_string(text).unwrap());
        }
        for a in &ids {
            for b in &ids {
                assert_eq!(a.cmp(b), a.as_str().cmp(b.as_str()));
                assert_eq!(a == b, a.as_str() == b.as_str());
            }
        }
    }
}
