//! The portfolio as a folder of three CSV files (format in [`crate::io`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Location, Result};
use crate::io::columns::attribute_columns;
use crate::io::portfolio::{
    CONTACT_COLUMNS, ORGANIZATION_COLUMNS, SHARE_COLUMN, TIE_COLUMNS, format_date, is_required_column,
    name_contacts_file, parse_date, parse_id, parse_level, parse_relation, parse_role, parse_share, parse_value,
};
use crate::io::text::{
    CsvText, LineIndex, SetBits, check_header, check_quotes, csv_error_at, csv_error_from, csv_text, mark_bits,
    read_bytes, trim,
};
use crate::model::{
    Assembly, Attributes, Contact, ContactSink, Organization, OrganizationLookup, Origin, RelationshipLevel,
    SalesNetworks, Sharing, Tie, TieLookup,
};
use crate::progress::{Progress, Task, Ticker};
use petgraph::graph::NodeIndex;

const ORGANIZATIONS_FILE: &str = "organizations.csv";
const CONTACTS_FILE: &str = "contacts.csv";
const TIES_FILE: &str = "ties.csv";
const DEALS_FILE: &str = "deals.csv";
const INTERACTIONS_FILE: &str = "interactions.csv";

/// The three CSV files of a portfolio, as text.
///
/// Made by [`portfolio_to_csv`]; [`portfolio_from_csv`] reads them back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PortfolioCsv {
    /// `organizations.csv`.
    pub organizations: String,
    /// `contacts.csv`.
    pub contacts: String,
    /// `ties.csv`.
    pub ties: String,
    /// `deals.csv`, optional: `None` for a portfolio without deals.
    pub deals: Option<String>,
}

/// Reads a portfolio from a folder holding `organizations.csv`,
/// `contacts.csv` and `ties.csv`, `deals.csv` if it is there (format in
/// [the `io` docs](crate::io#deals)) and `interactions.csv` if it is there (the
/// relationship history, format in
/// [`read_interactions`](crate::history::read_interactions); its other
/// columns are kept as each interaction's attributes).
///
/// # Errors
///
/// [`Error::Io`] naming the file if one is missing or unreadable; any input
/// error listed in the [portfolio module docs](crate::io#errors),
/// in [`deals_from_csv`](crate::io::deals_from_csv) or in
/// [`read_interactions`](crate::history::read_interactions). Nothing is
/// half-imported: a bad deal or interaction fails the whole portfolio.
pub fn read_portfolio_dir(dir: impl AsRef<Path>) -> Result<SalesNetworks> {
    read_portfolio_dir_with(dir.as_ref(), FolderHistory::Load)
}

/// Whether reading a portfolio folder reads its `interactions.csv` into
/// the portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FolderHistory {
    /// Read it into [`SalesNetworks::interactions`] (the default).
    #[default]
    Load,
    /// Leave it in its file, for a caller that streams it (`analyze infer`
    /// on a log of millions of rows): the portfolio has no interactions.
    Leave,
}

/// [`read_portfolio_dir`], reading `interactions.csv` or leaving it.
///
/// # Errors
///
/// As [`read_portfolio_dir`].
pub fn read_portfolio_dir_with(dir: impl AsRef<Path>, history: FolderHistory) -> Result<SalesNetworks> {
    read_portfolio_dir_reporting(dir.as_ref(), history, None)
}

/// [`read_portfolio_dir_with`], reporting the bytes parsed of the record
/// files to `progress` ([`Task::Load`]).
pub(crate) fn read_portfolio_dir_reporting(
    dir: &Path,
    history: FolderHistory,
    progress: Option<&Progress>,
) -> Result<SalesNetworks> {
    let mut networks = read_records(dir, progress)?;
    let file = dir.join(INTERACTIONS_FILE);
    if history == FolderHistory::Load && file.is_file() {
        let reader = crate::io::text::open_regular(&file)?;
        let records = crate::history::interactions_from_csv(std::io::BufReader::with_capacity(1 << 16, reader), &file)?;
        networks.set_interactions(records);
    }
    Ok(networks)
}

fn read_records(dir: &Path, progress: Option<&Progress>) -> Result<SalesNetworks> {
    // The largest file is read beside the others (copies out of the page cache).
    let (small, ties) = crate::graph::join(
        || -> Result<_> { Ok((read_bytes(&dir.join(ORGANIZATIONS_FILE))?, read_bytes(&dir.join(CONTACTS_FILE))?)) },
        || read_bytes(&dir.join(TIES_FILE)),
    );
    let ((organizations, contacts), ties) = (small?, ties?);
    let deals_file = dir.join(DEALS_FILE);
    let deals = if deals_file.exists() { Some(read_bytes(&deals_file)?) } else { None };
    portfolio_from_files(&organizations, &contacts, &ties, deals.as_deref(), dir, progress)
}

/// Reads a portfolio from the bytes of its three CSV files; errors name the
/// files as `folder/organizations.csv`, `folder/contacts.csv` and `folder/ties.csv`.
///
/// # Arguments
///
/// * `organizations`, `contacts`, `ties`: the files' contents.
/// * `folder`: the folder the files are named in, for errors only.
///
/// # Returns
///
/// The portfolio, records in file order.
///
/// # Complexity
///
/// O(n) time and memory in the size of the input.
///
/// # Errors
///
/// Any input error listed in the [portfolio module docs](crate::io#errors).
///
/// # Examples
///
/// ```
/// use salesnet::io::portfolio_from_csv;
///
/// let orgs = "name,relation,industry,value,region\nAcme,own,software,,north\nGlobex,customer,,250000,\n";
/// let contacts = "id,name,organization,role,department\nme,Ann,Acme,owner,sales\ncfo,Carl,Globex,decision_maker,\n";
/// let ties = "source,target,level,last_contact\nme,cfo,4,2025-03-01\n";
/// let n = portfolio_from_csv(orgs.as_bytes(), contacts.as_bytes(), ties.as_bytes(), "crm")?;
/// assert_eq!(n.owner().id.as_str(), "me");
/// assert_eq!(n.organization("Acme").and_then(|o| o.attributes.get("region")), Some("north"));
/// assert_eq!(n.organization("Globex").and_then(|o| o.value), Some(250_000.0));
/// assert_eq!(n.tie("cfo", "me").map(|t| t.level.get()), Some(4));
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn portfolio_from_csv(
    organizations: &[u8],
    contacts: &[u8],
    ties: &[u8],
    folder: impl AsRef<Path>,
) -> Result<SalesNetworks> {
    portfolio_from_files(organizations, contacts, ties, None, folder.as_ref(), None)
}

/// [`portfolio_from_csv`] with the bytes of `deals.csv`, if any.
fn portfolio_from_files(
    organizations: &[u8],
    contacts: &[u8],
    ties: &[u8],
    deals: Option<&[u8]>,
    folder: &Path,
    progress: Option<&Progress>,
) -> Result<SalesNetworks> {
    portfolio_in_blocks(organizations, contacts, ties, deals, folder, TIE_BLOCK_BYTES, progress)
}

/// [`portfolio_from_files`] reading `ties.csv` in blocks of about `block` bytes.
fn portfolio_in_blocks(
    organizations: &[u8],
    contacts: &[u8],
    ties: &[u8],
    deals: Option<&[u8]>,
    folder: &Path,
    block: usize,
    progress: Option<&Progress>,
) -> Result<SalesNetworks> {
    let total = [organizations, contacts, ties, deals.unwrap_or_default()].iter().map(|b| b.len() as u64).sum();
    let mut ticker = Ticker::new(progress, Task::Load, total, 1 << 20);
    let contacts_from = organizations.len() as u64;
    let ties_from = contacts_from + contacts.len() as u64;
    let org_file = folder.join(ORGANIZATIONS_FILE);
    let contact_file = folder.join(CONTACTS_FILE);
    let tie_file = folder.join(TIES_FILE);

    // Each record is checked as it is read (no list of ties is kept), but a
    // file that does not parse is reported before any rule broken in an
    // earlier file, as when every file was read before anything was checked:
    // the first broken rule waits in `state` until every file has parsed.
    let files = [org_file.clone(), contact_file.clone(), tie_file.clone(), folder.join(DEALS_FILE)];
    let origin = |file: u32, line: u64| Origin::Line { file, line };

    let mut records = Vec::new();
    Table::read(organizations, &org_file, &ORGANIZATION_COLUMNS)?.for_each_reporting(
        &mut ticker,
        0,
        |table, line, row| {
            let [name, relation, industry, value] = table.required::<4>(row);
            let file = &org_file;
            let at = |field: &'static str| move || Location::field(file, line, field);
            if name.is_empty() {
                return Err(Error::EmptyValue { location: at("name")() });
            }
            let organization = Organization {
                name: name.to_string(),
                relation: parse_relation(relation, at("relation"))?,
                industry: optional(industry),
                value: parse_value(value, at("value"))?,
                attributes: table.attributes(row),
            };
            records.push((organization, origin(0, line)));
            Ok(())
        },
    )?;
    let mut state = Assembly::organizations(records, &files);

    let table = Table::read(contacts, &contact_file, &CONTACT_COLUMNS)?;
    if let Ok(a) = &mut state {
        a.reserve(table.rows_at_most(), 0);
    }
    let broken = match &mut state {
        Ok(a) => read_contacts(table, Some(a.contact_parts()), &files, block, &mut ticker, contacts_from)?,
        Err(_) => read_contacts(table, None, &files, block, &mut ticker, contacts_from)?,
    };
    if let Some(e) = broken {
        state = Err(e);
    }
    if let Ok(a) = &mut state
        && let Err(e) = a.close_contacts(Some(contact_file.clone()))
    {
        state = Err(e);
    }

    let table = Table::read(ties, &tie_file, &TIE_COLUMNS)?;
    if let Ok(a) = &mut state {
        a.reserve(0, table.rows_at_most());
    }
    let bad_tie = read_ties(table, state.as_mut().ok(), &files, block, &mut ticker, ties_from)?;
    if let Ok(a) = &state {
        // Every row before the first bad one made a tie: tie `i` is row `i`.
        let origin_of = |i: usize| origin(2, Table::line_of_row(ties, &tie_file, i));
        if let Err(e) = a.close_ties(bad_tie, origin_of, &files) {
            state = Err(e);
        }
    }

    let deals = match deals {
        Some(deals) => crate::io::csv_deals::parse_deals(deals, &files[3])?,
        None => Vec::new(),
    };
    let deals = deals.into_iter().map(|(deal, at)| (deal, Origin::Full(Box::new(at)))).collect();
    let networks = name_contacts_file(state.and_then(|a| a.finish(deals, &files)), &contact_file);
    ticker.finish();
    networks
}

/// Reads the rows of `contacts.csv` and, when `parts` (of an [`Assembly`])
/// are given, adds a contact for each until the first row that breaks a
/// rule, whose error is returned (`None` if every row made a contact).
///
/// As [`read_ties`]: blocks of rows are parsed (and their organizations
/// looked up) on the current rayon pool, then added in file order, so the
/// portfolio and any error are those of reading one row at a time.
///
/// # Errors
///
/// The first malformed row of the file, else the first bad field, before
/// any broken rule.
fn read_contacts(
    table: Table<'_>,
    parts: Option<(OrganizationLookup<'_>, ContactSink<'_>)>,
    files: &[PathBuf],
    block: usize,
    ticker: &mut Ticker<'_>,
    contacts_from: u64,
) -> Result<Option<Error>> {
    let (orgs, mut sink) = parts.unzip();
    let read = |range: std::ops::Range<usize>| {
        table.read_block(
            range,
            |_, _| {},
            |block, line, row, lists| {
                let contact = parse_contact(&table.columns, table.file, line, row, lists)?;
                let org = orgs.as_ref().and_then(|o| o.find(&contact.organization));
                block.rows.push((contact, org, line));
                Ok(())
            },
        )
    };
    let add = |rows: Vec<(Contact, Option<usize>, u64)>| {
        let sink = sink.as_mut()?;
        // The index slots of the next few contacts are read before they
        // go in, so that their cache misses overlap.
        let slots: Vec<usize> = rows.iter().map(|(c, _, _)| sink.slot(c.id.as_str())).collect();
        for (i, (contact, org, line)) in rows.into_iter().enumerate() {
            if i % BATCH == 0 {
                sink.touch(&slots[i..(i + BATCH).min(slots.len())]);
            }
            if let Err(e) = sink.push(contact, org, &Origin::Line { file: 1, line }, files) {
                return Some(e);
            }
        }
        None
    };
    table.read_in_blocks(block, ticker, contacts_from, read, add)
}

/// A row of `contacts.csv` as a contact (its organization not yet checked).
fn parse_contact(
    columns: &Columns,
    file: &Path,
    line: u64,
    row: &[&str],
    lists: &mut AttributeLists,
) -> Result<Contact> {
    let [id, name, organization, role, department] = columns.required::<5>(row);
    let at = |field: &'static str| move || Location::field(file, line, field);
    let id = parse_id(id, at("id"))?;
    if organization.is_empty() {
        return Err(Error::EmptyValue { location: at("organization")() });
    }
    let mut attributes = columns.shared_attributes(row, lists);
    // The optional `share` column is read as a typed field, not kept as an attribute.
    let share = match attributes.get(SHARE_COLUMN).map(str::to_string) {
        Some(text) => {
            attributes.set(SHARE_COLUMN, "");
            parse_share(&text, at(SHARE_COLUMN))?
        }
        None => Sharing::Yes,
    };
    Ok(Contact {
        id,
        name: name.to_string(),
        organization: organization.to_string(),
        role: parse_role(role, at("role"))?,
        department: optional(department),
        share,
        attributes,
    })
}

/// Reads the rows of `ties.csv` and, when `assembly` is given, adds a tie
/// for each until the first row that breaks a rule, whose error is
/// returned (`None` if every row made a tie).
///
/// Blocks of rows are read on the current rayon pool: each block's rows are
/// parsed and their contacts looked up at once, then added in file order, so
/// the portfolio and any error are those of reading one row at a time.
///
/// # Errors
///
/// The first malformed row of the file, else the first bad field (as
/// [`Table::for_each`]), before any broken rule.
fn read_ties(
    table: Table<'_>,
    assembly: Option<&mut Assembly>,
    files: &[PathBuf],
    block: usize,
    ticker: &mut Ticker<'_>,
    ties_from: u64,
) -> Result<Option<Error>> {
    let (lookup, mut sink) = assembly.map(Assembly::tie_parts).unzip();
    let read = |range: std::ops::Range<usize>| table.read_tie_block(range, lookup.as_ref(), files);
    let add = |rows: Vec<((NodeIndex, NodeIndex), Tie)>| {
        if let Some(sink) = &mut sink {
            let mut rows = rows.into_iter();
            while !rows.as_slice().is_empty() {
                // The nodes of a batch of ties read first, their misses overlapped.
                sink.touch(rows.as_slice().iter().take(BATCH).map(|(nodes, _)| *nodes));
                for (nodes, tie) in rows.by_ref().take(BATCH) {
                    sink.push(nodes, tie);
                }
            }
        }
        None
    };
    table.read_in_blocks(block, ticker, ties_from, read, add)
}

/// About how many bytes of `ties.csv` one block holds (some 100,000 rows).
const TIE_BLOCK_BYTES: usize = 4 << 20;

/// The rows of a block of a CSV table, read by [`Table::read_block`].
struct Block<R> {
    /// What the rows before the first bad one made.
    rows: Vec<R>,
    /// The first row that breaks a rule (unknown contact, self-tie).
    broken: Option<Error>,
    /// The first bad field.
    bad_field: Option<Error>,
    /// The first malformed row (reading stops there).
    malformed: Option<Error>,
}

/// Writes a portfolio as a folder of three CSV files, creating the folder
/// (and its parents) if needed and replacing the files if they exist.
///
/// The three files are written in full as temporary files first and renamed
/// into place only then (see [`write_file`](crate::io::write_file)): a
/// failed write leaves the old files as they were.
///
/// # Errors
///
/// [`Error::Io`] naming the folder or file that could not be written; as
/// [`portfolio_to_csv`] (checked before anything is written).
///
/// # Examples
///
/// ```no_run
/// let networks = salesnet::io::read_portfolio("portfolio.json")?;
/// salesnet::io::write_portfolio_dir(&networks, "out/crm-export")?;
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn write_portfolio_dir(networks: &SalesNetworks, dir: impl AsRef<Path>) -> Result<()> {
    let dir = dir.as_ref();
    let csv = portfolio_to_csv(networks)?;
    let mut files: Vec<(&str, &[u8])> = vec![
        (ORGANIZATIONS_FILE, csv.organizations.as_bytes()),
        (CONTACTS_FILE, csv.contacts.as_bytes()),
        (TIES_FILE, csv.ties.as_bytes()),
    ];
    // Without deals no `deals.csv` is written, except over an old one, which
    // would otherwise read back as this portfolio's deals.
    let no_deals;
    match &csv.deals {
        Some(deals) => files.push((DEALS_FILE, deals.as_bytes())),
        None if dir.join(DEALS_FILE).exists() => {
            no_deals = crate::io::deals_to_csv(&[])?;
            files.push((DEALS_FILE, no_deals.as_bytes()));
        }
        None => {}
    }
    // The same for the history.
    let interactions;
    if !networks.interactions().is_empty() || dir.join(INTERACTIONS_FILE).exists() {
        interactions = interactions_to_csv(networks.interactions())?;
        files.push((INTERACTIONS_FILE, interactions.as_bytes()));
    }
    crate::io::write_files(dir, &files)
}

/// The three CSV files of a portfolio, as text.
///
/// Each file has the required columns first, then its attribute columns
/// (order in the [portfolio module docs](crate::io)). Fields are
/// quoted only where needed (a comma, quote or line break); values are
/// written in Rust's shortest form that reads back as the same `f64`; lines
/// end with `\n`. The same portfolio always gives the same text.
///
/// # Errors
///
/// [`Error::InvalidArgument`] for what a CSV file cannot hold: an attribute
/// key that is (up to white space) a required column of its file, text with
/// a NUL character, a last-contact date outside the years 0000-9999.
///
/// # Examples
///
/// ```
/// use salesnet::{Contact, Organization, Relation, Role, SalesNetworks};
/// use salesnet::io::portfolio_to_csv;
///
/// let mut org = Organization::new("Acme, Inc.", Relation::Own);
/// org.attributes.set("region", "north");
/// let mut b = SalesNetworks::builder();
/// b.organization(org).contact(Contact::new("me", "Ann", "Acme, Inc.", Role::Owner)?);
/// let csv = portfolio_to_csv(&b.build()?)?;
/// assert_eq!(csv.organizations, "name,relation,industry,value,region\n\"Acme, Inc.\",own,,,north\n");
/// assert_eq!(csv.ties, "source,target,level,last_contact\n");
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn portfolio_to_csv(networks: &SalesNetworks) -> Result<PortfolioCsv> {
    let organizations = write_table(
        ORGANIZATIONS_FILE,
        &ORGANIZATION_COLUMNS,
        networks.organizations().iter().map(|o| &o.attributes),
        networks.organizations().iter().map(|o| {
            let fields = [
                o.name.clone(),
                o.relation.as_str().to_string(),
                o.industry.clone().unwrap_or_default(),
                o.value.map(|v| v.to_string()).unwrap_or_default(),
            ];
            Ok((fields, &o.attributes))
        }),
    )?;
    // A contact who does not share writes `no` in an optional `share` column
    // (after the attribute columns); without one, the file has no such column.
    let shares: Vec<Attributes> = if networks.contacts().all(|c| c.share.is_yes()) {
        Vec::new()
    } else {
        networks
            .contacts()
            .map(|c| {
                let mut a = c.attributes.clone();
                a.set(SHARE_COLUMN, if c.share.is_yes() { "" } else { c.share.as_str() });
                a
            })
            .collect()
    };
    let contacts = write_table(
        CONTACTS_FILE,
        &CONTACT_COLUMNS,
        networks.contacts().enumerate().map(|(i, c)| shares.get(i).unwrap_or(&c.attributes)),
        networks.contacts().enumerate().map(|(i, c)| {
            let fields = [
                c.id.to_string(),
                c.name.clone(),
                c.organization.clone(),
                c.role.as_str().to_string(),
                c.department.clone().unwrap_or_default(),
            ];
            Ok((fields, shares.get(i).unwrap_or(&c.attributes)))
        }),
    )?;
    let ties = write_table(
        TIES_FILE,
        &TIE_COLUMNS,
        networks.ties().map(|t| &t.attributes),
        networks.ties().map(|t| {
            let date = match t.last_contact {
                None => String::new(),
                Some(d) => format_date(d).ok_or_else(|| Error::InvalidArgument {
                    name: "last_contact",
                    reason: format!(
                        "the date {d} of the tie `{}`-`{}` is outside the years 0000-9999",
                        t.source, t.target
                    ),
                })?,
            };
            let fields = [t.source.to_string(), t.target.to_string(), t.level.to_string(), date];
            Ok((fields, &t.attributes))
        }),
    )?;
    let deals = if networks.deals().is_empty() { None } else { Some(crate::io::deals_to_csv(networks.deals())?) };
    Ok(PortfolioCsv { organizations, contacts, ties, deals })
}

/// The fields of a row of `ties.csv`: its two ids (trimmed) and the rest
/// of the tie.
fn parse_tie<'r>(
    columns: &Columns,
    file: &Path,
    line: u64,
    row: &'r [&'r str],
    lists: &mut AttributeLists,
) -> Result<(&'r str, &'r str, TieFields)> {
    let [source, target, level, last_contact] = columns.required::<4>(row);
    let at = |field: &'static str| move || Location::field(file, line, field);
    let (source, target) = (trim(source), trim(target));
    if source.is_empty() {
        return Err(Error::EmptyValue { location: at("source")() });
    }
    if target.is_empty() {
        return Err(Error::EmptyValue { location: at("target")() });
    }
    let level = parse_level(level, at("level"))?;
    let last_contact = parse_date(last_contact, at("last_contact"))?;
    let attributes = columns.shared_attributes(row, lists);
    Ok((source, target, TieFields { level, last_contact, attributes }))
}

/// A tie's fields but its two ends.
struct TieFields {
    level: RelationshipLevel,
    last_contact: Option<jiff::civil::Date>,
    attributes: Attributes,
}

/// An optional text field: empty is `None`.
fn optional(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

/// A CSV file's header (where the required columns are, the attribute
/// columns) and its rows, read one at a time.
pub(crate) struct Table<'t> {
    columns: Columns,
    file: &'t Path,
    text: &'t str,
    /// Whether `text` has a quote.
    quoted: bool,
    lines: LineIndex,
    reader: csv::Reader<&'t [u8]>,
}

/// The header of a [`Table`].
pub(crate) struct Columns {
    headers: Vec<String>,
    required: Vec<usize>,
    extra: Vec<usize>,
    /// The name of each attribute column (`extra`), shared by every row.
    keys: Vec<Arc<str>>,
}

/// The attribute lists made so far while reading a file, by the row's
/// attribute cells joined with NUL (which no cell holds), shared by the rows
/// with the same cells: at most [`SHARED_LISTS`] of them.
#[derive(Default)]
pub(crate) struct AttributeLists {
    cells: String,
    /// Looked up once per row: hashed with `foldhash` (seeded per process),
    /// which is several times quicker than the standard library's SipHash
    /// on cells of a few bytes.
    lists: HashMap<Box<str>, Attributes, foldhash::fast::RandomState>,
    /// For a file with one attribute column: the lists of recent cells of
    /// at most 8 bytes, by the cell's bytes as an integer (zeros past its
    /// end: no cell holds a NUL), a slot for each of a few of them, found
    /// before `lists` is looked up (no string to build and hash).
    short: Vec<(u64, Attributes)>,
}

/// Slots of [`AttributeLists::short`] (a power of two).
const SHORT_LISTS: usize = 64;

/// How many rows [`Table::read_block`] reads at a time.
const BATCH: usize = 32;

/// How many distinct attribute lists of one file are shared among rows (a
/// column of a few channels or regions); rows with rarer cells each get
/// their own list.
const SHARED_LISTS: usize = 4096;

impl<'t> Table<'t> {
    /// Reads the header of `bytes`; the rows are read by [`Table::for_each`].
    pub(crate) fn read(bytes: &'t [u8], file: &'t Path, required: &[&str]) -> Result<Table<'t>> {
        // One pass finds the lines and whether there is a quote, for the
        // quote check and `blocks`.
        let CsvText { text, lines, quoted } = csv_text(bytes, file)?;
        if quoted {
            check_quotes(text, file)?;
        }
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let header = reader.headers().map_err(|e| csv_error_at(&e, file, &lines, text.as_bytes()))?;
        let header_line = lines.csv_line(text.as_bytes(), header.position()).max(1);
        check_header(header, file, header_line, required)?;
        let headers: Vec<String> = header.iter().map(str::to_string).collect();
        // A required column matches with white space trimmed; an attribute column exactly.
        let keys: Vec<&str> =
            headers.iter().map(|h| if is_required_column(h, required) { h.trim() } else { h.as_str() }).collect();
        let required = required
            .iter()
            .map(|name| {
                keys.iter().position(|k| k == name).ok_or_else(|| Error::MissingColumn {
                    location: Location::field(file, header_line, *name),
                    column: name.to_string(),
                })
            })
            .collect::<Result<Vec<usize>>>()?;
        let extra: Vec<usize> = (0..headers.len()).filter(|i| !required.contains(i)).collect();
        let keys = extra.iter().map(|&c| Arc::from(headers[c].as_str())).collect();
        Ok(Table { columns: Columns { headers, required, extra, keys }, file, text, quoted, lines, reader })
    }

    /// The line where row `row` (0-based, after the header) of `bytes`
    /// starts; 0 if there is no such row. For errors found after the file
    /// was read, which name a row by its position.
    pub(crate) fn line_of_row(bytes: &[u8], file: &Path, row: usize) -> u64 {
        let Ok(mut table) = Table::read(bytes, file, &[]) else { return 0 };
        let mut record = csv::ByteRecord::new();
        for _ in 0..=row {
            if !matches!(table.reader.read_byte_record(&mut record), Ok(true)) {
                return 0;
            }
        }
        table.lines.csv_line(table.text.as_bytes(), record.position())
    }

    /// The byte ranges of the rows after the header, in blocks of about
    /// `size` bytes that each start and end at a line end outside quotes
    /// (split at every line end in a file without quotes; a file with quotes
    /// is one block).
    fn blocks(&self, size: usize) -> Vec<std::ops::Range<usize>> {
        let bytes = self.text.as_bytes();
        let start = usize::try_from(self.reader.position().byte()).unwrap_or(bytes.len()).min(bytes.len());
        if self.quoted && bytes[start..].contains(&b'"') {
            return std::iter::once(start..bytes.len()).collect();
        }
        let mut blocks = Vec::new();
        let mut from = start;
        while from < bytes.len() {
            let mut to = from.saturating_add(size.max(1)).min(bytes.len());
            // Lines end with `\n`, `\r\n` or `\r`: cut after a `\n`, or
            // after a `\r` that is not followed by `\n`.
            while to < bytes.len() && !(bytes[to - 1] == b'\n' || (bytes[to - 1] == b'\r' && bytes[to] != b'\n')) {
                to += 1;
            }
            blocks.push(from..to);
            from = to;
        }
        blocks
    }

    /// Reads the rows in blocks of about `size` bytes: `read` reads a block
    /// (on the current rayon pool, several at once) and `add` adds its rows,
    /// block after block in file order, until the first broken rule (an
    /// error of `add`, or of the block's rows), which is returned (`None` if
    /// there is none). The portfolio and any error are those of reading
    /// one row at a time. `ticker` is told the bytes read (from `from`,
    /// the bytes of earlier files).
    ///
    /// # Errors
    ///
    /// The first malformed row of the file, else the first bad field,
    /// before any broken rule.
    fn read_in_blocks<R: Send>(
        &self,
        size: usize,
        ticker: &mut Ticker<'_>,
        from: u64,
        read: impl Fn(std::ops::Range<usize>) -> Block<R> + Sync + Send,
        mut add: impl FnMut(Vec<R>) -> Option<Error>,
    ) -> Result<Option<Error>> {
        let blocks = self.blocks(size);
        let mut folded = 0;
        let (mut malformed, mut bad_field, mut broken) = (None, None, None);
        let mut fold = |block: Block<R>| {
            // The bytes of the file up to the end of this block are read.
            ticker.tick(from + blocks[folded].end as u64);
            folded += 1;
            if malformed.is_some() {
                return;
            }
            if let Some(e) = block.malformed {
                malformed = Some(e);
                return;
            }
            if bad_field.is_none() && broken.is_none() {
                // The block's own broken rule is after every row it kept.
                broken = add(block.rows).or(block.broken);
            }
            if bad_field.is_none() {
                bad_field = block.bad_field;
            }
        };
        crate::graph::fold_chunks_overlapped(
            blocks.len(),
            cfg!(feature = "rayon"),
            |i| read(blocks[i].clone()),
            &mut fold,
        );
        match (malformed, bad_field) {
            (Some(e), _) | (None, Some(e)) => Err(e),
            (None, None) => Ok(broken),
        }
    }

    /// Reads the rows in `range` (from [`blocks`](Self::blocks)), calling
    /// `row(block, line, cells, lists)` for each until the first bad field
    /// (its error), and only checking the shape of the rows after it.
    ///
    /// Rows are read [`BATCH`] at a time, and `prepare(cells, width)` sees
    /// the cells of a batch's rows (one after the other, `width` each)
    /// before `row` sees the first (to start fetching what the rows will
    /// look up, so that the fetches overlap).
    ///
    /// A block without a quote is split at its line ends and commas (what
    /// the `csv` crate reads there: `\n`, `\r\n` and a lone `\r` end a line,
    /// a blank line is no row); the `csv` crate reads the others.
    fn read_block<R>(
        &self,
        range: std::ops::Range<usize>,
        mut prepare: impl FnMut(&[&str], usize),
        mut row: impl FnMut(&mut Block<R>, u64, &[&str], &mut AttributeLists) -> Result<()>,
    ) -> Block<R> {
        let bytes = self.text.as_bytes();
        // At most one row per line of the block: room for them at once, not
        // grown (and copied) row by row.
        let rows = (self.lines.line(range.end) - self.lines.line(range.start)) as usize + 1;
        let mut block = Block { rows: Vec::with_capacity(rows), broken: None, bad_field: None, malformed: None };
        let mut lists = AttributeLists::default();
        let width = self.columns.headers.len();
        let mut lines = [0u64; BATCH];
        // The rows' lines, found by stepping from row to row.
        let mut seen = 0;
        let mut process = |cells: &[&str], lines: &[u64], block: &mut Block<R>| {
            if block.bad_field.is_none() {
                prepare(cells, width);
            }
            for (cells, &line) in cells.chunks(width.max(1)).zip(lines) {
                if block.bad_field.is_some() {
                    break;
                }
                if let Err(e) = row(block, line, cells, &mut lists) {
                    block.bad_field = Some(e);
                }
            }
        };
        let mismatch = |line: u64, found: usize| Error::Malformed {
            location: Location::line(self.file, line),
            message: format!("row has {found} fields, the header has {width}"),
        };
        // The file's scan found whether it has a quote at all.
        if !self.quoted || memchr::memchr(b'"', &bytes[range.clone()]).is_none() {
            let mut cells: Vec<&str> = Vec::with_capacity(BATCH * width);
            // Every comma and line end of the block.
            let mut bits = Vec::new();
            mark_bits([b',', b'\n', b'\r'], &bytes[range.clone()], &mut bits);
            let mut marks = SetBits::new(&bits, 0, range.len()).map(|i| range.start + i);
            let mut at = range.start;
            loop {
                // A batch of rows, up to the end of the block or a malformed row.
                let (mut n, mut malformed) = (0, None);
                cells.clear();
                while n < BATCH && at < range.end {
                    // One line's cells: the text between its commas, up to its end.
                    let (start, before) = (at, cells.len());
                    let mut cell = at;
                    let end = loop {
                        match marks.next() {
                            Some(i) if bytes[i] == b',' => {
                                cells.push(&self.text[cell..i]);
                                cell = i + 1;
                            }
                            Some(i) => break i,
                            None => break range.end,
                        }
                    };
                    // Past the line end: `\r\n`, `\n` or a lone `\r` (blocks end after one).
                    at = if end >= range.end {
                        range.end
                    } else if bytes[end] == b'\r' && end + 1 < range.end && bytes[end + 1] == b'\n' {
                        marks.next();
                        end + 2
                    } else {
                        end + 1
                    };
                    if end == start {
                        continue;
                    }
                    cells.push(&self.text[cell..end]);
                    let line = self.lines.line_after(start, &mut seen);
                    if cells.len() - before != width {
                        malformed = Some(mismatch(line, cells.len() - before));
                        cells.truncate(before);
                        break;
                    }
                    lines[n] = line;
                    n += 1;
                }
                process(&cells, &lines[..n], &mut block);
                if malformed.is_some() {
                    block.malformed = malformed;
                    return block;
                }
                if at >= range.end {
                    return block;
                }
            }
        }
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(&bytes[range.clone()]);
        let mut records = vec![csv::StringRecord::new(); BATCH];
        loop {
            // A batch of rows, up to the end of the block or a malformed row.
            let (mut n, mut end, mut malformed) = (0, false, None);
            while n < BATCH {
                let record = &mut records[n];
                match reader.read_record(record) {
                    Ok(false) => {
                        end = true;
                        break;
                    }
                    Ok(true) => {}
                    Err(e) => {
                        malformed = Some(csv_error_from(&e, self.file, &self.lines, bytes, range.start));
                        break;
                    }
                }
                let mut at = record.position().cloned().unwrap_or_else(csv::Position::new);
                at.set_byte(at.byte() + range.start as u64);
                let line = self.lines.csv_line_after(bytes, Some(&at), &mut seen);
                if record.len() != width {
                    malformed = Some(mismatch(line, record.len()));
                    break;
                }
                lines[n] = line;
                n += 1;
            }
            let cells: Vec<&str> = records[..n].iter().flat_map(csv::StringRecord::iter).collect();
            process(&cells, &lines[..n], &mut block);
            if malformed.is_some() {
                block.malformed = malformed;
                return block;
            }
            if end {
                return block;
            }
        }
    }

    /// Reads the rows of `ties.csv` in `range` (from [`blocks`](Self::blocks)),
    /// looking up their contacts when `lookup` is given.
    fn read_tie_block(
        &self,
        range: std::ops::Range<usize>,
        lookup: Option<&TieLookup<'_>>,
        files: &[PathBuf],
    ) -> Block<((NodeIndex, NodeIndex), Tie)> {
        // The slots of a batch's ids in the contacts' index, found first
        // and then read in one short loop before any row of the batch is
        // looked up: their cache misses overlap (each is a trip to memory
        // in an index of a million contacts).
        let mut slots = Vec::with_capacity(2 * BATCH);
        let prepare = |cells: &[&str], width: usize| {
            if let Some(lookup) = lookup {
                slots.clear();
                for row in cells.chunks(width.max(1)) {
                    let [source, target] = self.columns.required::<2>(row);
                    slots.extend([lookup.slot(trim(source)), lookup.slot(trim(target))]);
                }
                lookup.touch(&slots);
            }
        };
        self.read_block(range, prepare, |block, line, record, lists| {
            let (source, target, TieFields { level, last_contact, attributes }) =
                parse_tie(&self.columns, self.file, line, record, lists)?;
            let (Some(lookup), None) = (lookup, &block.broken) else { return Ok(()) };
            match lookup.ends(source, target, &Origin::Line { file: 2, line }, files) {
                Ok(ends) => {
                    let tie = Tie { source: ends.source, target: ends.target, level, last_contact, attributes };
                    block.rows.push((ends.nodes, tie));
                }
                Err(e) => block.broken = Some(e),
            }
            Ok(())
        })
    }

    /// At most how many rows the file holds (its number of lines).
    pub(crate) fn rows_at_most(&self) -> usize {
        self.lines.count()
    }

    /// Calls `f(columns, line, row)` for every row in file order, with the
    /// line where the row starts; one record buffer serves every row, so no
    /// row outlives its call.
    ///
    /// The first error of `f` ends the calls, but the rest of the file is
    /// still read: a malformed row further down is reported instead, as when
    /// every row was read before any was used.
    pub(crate) fn for_each(self, f: impl FnMut(&Columns, u64, &csv::StringRecord) -> Result<()>) -> Result<()> {
        self.for_each_reporting(&mut Ticker::new(None, Task::Load, 0, 1), 0, f)
    }

    /// [`Table::for_each`], telling `ticker` the byte reached (from `start`, the bytes of earlier files).
    pub(crate) fn for_each_reporting(
        mut self,
        ticker: &mut Ticker<'_>,
        start: u64,
        mut f: impl FnMut(&Columns, u64, &csv::StringRecord) -> Result<()>,
    ) -> Result<()> {
        let mut record = csv::StringRecord::new();
        let mut failed: Option<Error> = None;
        loop {
            match self.reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => return Err(csv_error_at(&e, self.file, &self.lines, self.text.as_bytes())),
            }
            ticker.tick(start + record.position().map_or(0, csv::Position::byte));
            if failed.is_none() {
                let line = self.lines.csv_line(self.text.as_bytes(), record.position());
                if let Err(e) = f(&self.columns, line, &record) {
                    failed = Some(e);
                }
            }
        }
        failed.map_or(Ok(()), Err)
    }
}

/// The cells of a CSV row: a record of the `csv` crate, or the cells
/// split from a line.
pub(crate) trait Cells {
    /// The cell of column `i`, if the row has one.
    fn cell(&self, i: usize) -> Option<&str>;
}

impl Cells for csv::StringRecord {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i)
    }
}

impl Cells for [&str] {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i).copied()
    }
}

impl Columns {
    /// The required fields of a row, in the order of the required column names.
    pub(crate) fn required<'r, const N: usize>(&self, row: &'r (impl Cells + ?Sized)) -> [&'r str; N] {
        std::array::from_fn(|i| self.required.get(i).and_then(|&c| row.cell(c)).unwrap_or(""))
    }

    /// The attribute columns of a row; empty cells are no attribute.
    pub(crate) fn attributes(&self, row: &(impl Cells + ?Sized)) -> Attributes {
        self.extra.iter().filter_map(|&c| Some((self.headers[c].as_str(), row.cell(c)?))).collect()
    }

    /// As [`attributes`](Self::attributes), shared with the earlier rows
    /// that have the same attribute cells.
    pub(crate) fn shared_attributes(&self, row: &(impl Cells + ?Sized), lists: &mut AttributeLists) -> Attributes {
        if self.extra.is_empty() {
            return Attributes::new();
        }
        let AttributeLists { cells, lists, short } = lists;
        let one = match self.extra[..] {
            [c] => row.cell(c).filter(|cell| cell.len() <= 8 && !cell.is_empty()),
            _ => None,
        };
        let slot = one.map(|cell| {
            let word = crate::model::le_word(cell.as_bytes());
            (word, (word.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 58) as usize % SHORT_LISTS)
        });
        if let Some((word, at)) = slot
            && let Some((seen, shared)) = short.get(at)
            && *seen == word
        {
            return shared.clone();
        }
        let attributes = self.shared_attributes_of(row, cells, lists);
        if let Some((word, at)) = slot {
            if short.is_empty() {
                short.resize(SHORT_LISTS, (0, Attributes::new()));
            }
            short[at] = (word, attributes.clone());
        }
        attributes
    }

    /// [`shared_attributes`](Self::shared_attributes) by the row's cells
    /// joined in `cells`, looked up in `lists`.
    fn shared_attributes_of(
        &self,
        row: &(impl Cells + ?Sized),
        cells: &mut String,
        lists: &mut HashMap<Box<str>, Attributes, foldhash::fast::RandomState>,
    ) -> Attributes {
        cells.clear();
        for &c in &self.extra {
            cells.push_str(row.cell(c).unwrap_or(""));
            cells.push('\0');
        }
        if let Some(shared) = lists.get(cells.as_str()) {
            return shared.clone();
        }
        let pairs = self
            .extra
            .iter()
            .zip(&self.keys)
            .filter_map(|(&c, key)| row.cell(c).filter(|v| !v.is_empty()).map(|v| (Arc::clone(key), Arc::from(v))))
            .collect();
        let attributes = Attributes::from_pairs(pairs);
        if lists.len() < SHARED_LISTS {
            lists.insert(Box::from(cells.as_str()), attributes.clone());
        }
        attributes
    }
}

/// Writes one CSV file: the required columns, then the attribute columns
/// (those of `attributes`, every record's attributes in record order).
///
/// Rows are written as `records` makes them, none kept: the first error of
/// `records` is returned, else the first problem of the header, else the
/// first row holding a NUL character.
pub(crate) fn write_table<'a, const N: usize>(
    file: &str,
    required: &[&str; N],
    attributes: impl IntoIterator<Item = &'a Attributes>,
    records: impl Iterator<Item = Result<([String; N], &'a Attributes)>>,
) -> Result<String> {
    let columns = attribute_columns(attributes);
    let nul = |text: &str| text.contains('\0');
    let mut header_error = None;
    if let Some(key) = columns.iter().find(|k| is_required_column(k, required)) {
        header_error = Some(Error::InvalidArgument {
            name: "attributes",
            reason: format!("the attribute `{key}` of {file} has the name of a required column"),
        });
    } else if columns.iter().any(|k| nul(k)) {
        header_error = Some(nul_error(file));
    }
    let fail = |e: csv::Error| Error::io(PathBuf::from(file), std::io::Error::other(e));
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let header = required.iter().copied().chain(columns.iter().copied());
    writer.write_record(header).map_err(fail)?;
    // Each record's values go to their columns in one pass over its
    // attributes (a lookup per column would be quadratic in wide records).
    let column_of: HashMap<&str, usize> = columns.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut extra: Vec<&str> = vec![""; columns.len()];
    let mut nul_row = false;
    for record in records {
        let (fields, attributes) = record?;
        if header_error.is_some() || nul_row {
            continue;
        }
        if fields.iter().any(|f| nul(f)) || attributes.iter().any(|(_, v)| nul(v)) {
            nul_row = true;
            continue;
        }
        extra.fill("");
        for (key, value) in attributes.iter() {
            extra[column_of[key]] = value;
        }
        writer.write_record(fields.iter().map(String::as_str).chain(extra.iter().copied())).map_err(fail)?;
    }
    if let Some(e) = header_error {
        return Err(e);
    }
    if nul_row {
        return Err(nul_error(file));
    }
    let bytes = writer.into_inner().map_err(|e| Error::io(PathBuf::from(file), e.into_error()))?;
    // Every field written was a `String`, so the output is UTF-8.
    String::from_utf8(bytes).map_err(|e| Error::io(PathBuf::from(file), std::io::Error::other(e)))
}

fn nul_error(file: &str) -> Error {
    Error::InvalidArgument { name: "networks", reason: format!("{file} cannot hold text with a NUL character") }
}

/// The columns of `interactions.csv` as written, in order.
pub const INTERACTION_COLUMNS: [&str; 5] = ["date", "kind", "from", "to", "cc"];

/// `interactions.csv` as text: `date,kind,from,to,cc`, then the attribute
/// columns; participants joined by `;`. The same history always gives the
/// same text, and [`read_portfolio_dir`] reads it back equal.
///
/// # Errors
///
/// [`Error::InvalidArgument`] for what the file cannot hold: a participant
/// that is empty or contains `;`, an attribute key that is a column name,
/// text with a NUL character.
///
/// # Examples
///
/// ```
/// use salesnet::{Interaction, InteractionDate, InteractionKind};
/// use salesnet::io::interactions_to_csv;
///
/// let date = InteractionDate::parse("2026-01-05").unwrap();
/// let mut mail = Interaction::new(date, InteractionKind::Email, "ann@acme.com", ["bob", "carol"]);
/// mail.cc.push("dan".into());
/// assert_eq!(interactions_to_csv(&[mail])?, "date,kind,from,to,cc\n2026-01-05,email,ann@acme.com,bob;carol,dan\n");
/// # Ok::<(), salesnet::Error>(())
/// ```
pub fn interactions_to_csv(interactions: &[crate::model::Interaction]) -> Result<String> {
    let join = |parts: &[String]| -> Result<String> {
        if let Some(bad) = parts.iter().find(|p| p.trim().is_empty() || p.contains(';') || p.trim() != p.as_str()) {
            return Err(Error::InvalidArgument {
                name: "interactions",
                reason: format!(
                    "the participant `{}` cannot be written to interactions.csv (empty, white space around it, or a `;` inside)",
                    crate::history::echo(bad)
                ),
            });
        }
        Ok(parts.join(";"))
    };
    write_table(
        INTERACTIONS_FILE,
        &INTERACTION_COLUMNS,
        interactions.iter().map(|i| &i.attributes),
        interactions.iter().map(|i| {
            let fields = [
                i.date.as_str().to_string(),
                i.kind.as_str().to_string(),
                join(std::slice::from_ref(&i.from))?,
                join(&i.to)?,
                join(&i.cc)?,
            ];
            Ok((fields, &i.attributes))
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenerateOptions, portfolio};

    /// Reads the files with `ties.csv` in blocks of `block` bytes.
    fn read(csv: &PortfolioCsv, ties: &str, block: usize) -> Result<SalesNetworks> {
        read_with(csv, &csv.contacts, ties, block)
    }

    /// Reads the files with these `contacts.csv` and `ties.csv`, both in blocks of `block` bytes.
    fn read_with(csv: &PortfolioCsv, contacts: &str, ties: &str, block: usize) -> Result<SalesNetworks> {
        let o = csv.organizations.as_bytes();
        portfolio_in_blocks(o, contacts.as_bytes(), ties.as_bytes(), None, Path::new("crm"), block, None)
    }

    /// `text` with its lines `changes` (0-based, the header is line 0) replaced.
    fn with_lines(text: &str, changes: &[(usize, &str)]) -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for &(i, line) in changes {
            lines[i] = line.to_string();
        }
        lines.join("\n") + "\n"
    }

    #[test]
    fn shared_attribute_lists_hold_each_rows_own_cells() {
        // One attribute column (the short-cell slots) and two (the joined
        // cells): cells of every length up to 9, many more than the slots,
        // repeated, colliding, empty; each row gets exactly its own cells.
        let values: Vec<String> = (0..400u32).map(|i| format!("{i:x}").repeat(1 + (i as usize % 9) / 3)).collect();
        for columns in [1, 2] {
            let header = if columns == 1 { "id,channel" } else { "id,channel,region" };
            let mut text = format!("{header}\n");
            let mut expected = Vec::new();
            for r in 0..3000usize {
                let cell = if r % 17 == 0 { "" } else { values[(r * 7919) % values.len()].as_str() };
                let region = values[(r * 31) % 5].as_str();
                if columns == 1 {
                    text.push_str(&format!("r{r},{cell}\n"));
                    expected.push(vec![("channel".to_string(), cell.to_string())]);
                } else {
                    text.push_str(&format!("r{r},{cell},{region}\n"));
                    expected.push(vec![("channel".to_string(), cell.to_string()), ("region".into(), region.into())]);
                }
            }
            let table = Table::read(text.as_bytes(), Path::new("t.csv"), &["id"]).unwrap();
            let mut got = Vec::new();
            let mut lists = AttributeLists::default();
            table
                .for_each(|columns, _, row| {
                    let attributes = columns.shared_attributes(row, &mut lists);
                    got.push(attributes.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>());
                    Ok(())
                })
                .unwrap();
            for e in &mut expected {
                e.retain(|(_, v)| !v.is_empty());
            }
            assert_eq!(got, expected, "{columns} attribute columns");
        }
    }

    #[test]
    fn lines_without_quotes_split_as_the_csv_crate_reads_them() {
        // Random text of cells, commas, blank lines and every kind of line
        // end: the split rows (their lines and cells) and the first row of
        // another width are those the `csv` crate reads.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let pieces = ["a", "bc", " ", ",", ",", "\n", "\r", "\r\n", "\n\n", "é"];
        for case in 0..3000 {
            let mut text = String::from(if case % 2 == 0 { "x,y\n" } else { "x,y,z\r\n" });
            for _ in 0..next(40) {
                text.push_str(pieces[next(pieces.len() as u64) as usize]);
            }
            let file = Path::new("t.csv");
            let table = Table::read(text.as_bytes(), file, &[]).unwrap();
            let width = table.columns.headers.len();
            for size in [1, 5, usize::MAX] {
                let mut rows = Vec::new();
                let mut malformed = None;
                for range in table.blocks(size) {
                    let block: Block<()> = table.read_block(
                        range,
                        |_, _| {},
                        |_, line, cells, _| {
                            rows.push((line, cells.join("|")));
                            Ok(())
                        },
                    );
                    if let Some(e) = block.malformed {
                        malformed = Some(e.to_string());
                        break;
                    }
                }
                let lines = LineIndex::new(&text);
                let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
                let (mut expected, mut expected_malformed) = (Vec::new(), None);
                for record in reader.records() {
                    let record = record.unwrap();
                    let line = lines.csv_line(text.as_bytes(), record.position());
                    if record.len() != width {
                        let found = record.len();
                        expected_malformed = Some(format!(
                            "t.csv, line {line}: malformed input: row has {found} fields, the header has {width}"
                        ));
                        break;
                    }
                    expected.push((line, record.iter().collect::<Vec<_>>().join("|")));
                }
                assert_eq!((&rows, &malformed), (&expected, &expected_malformed), "{text:?} in blocks of {size}");
            }
        }
    }

    #[test]
    fn contacts_in_blocks_of_any_size_read_the_same_portfolio_and_the_same_errors() {
        let networks = portfolio(&GenerateOptions::new().contacts(300).seed(9)).unwrap();
        let csv = portfolio_to_csv(&networks).unwrap();
        for block in [1, 7, 100, 4096, usize::MAX] {
            assert_eq!(read(&csv, &csv.ties, block).unwrap(), networks, "blocks of {block} bytes");
            let crlf = csv.contacts.replace('\n', "\r\n").replacen("\r\n", "\r\n\r\n\n", 40);
            assert_eq!(read_with(&csv, &crlf, &csv.ties, block).unwrap(), networks, "CRLF, blocks of {block} bytes");
        }
        let lines: Vec<&str> = csv.contacts.lines().collect();
        let n = lines.len() - 1;
        // A contact row with its `column` cell set to `value`.
        let header: Vec<&str> = lines[0].split(',').collect();
        let cell = |row: usize, column: &str, value: &str| -> String {
            let at = header.iter().position(|h| *h == column).unwrap();
            let mut cells: Vec<&str> = lines[row].split(',').collect();
            cells[at] = value;
            cells.join(",")
        };
        let id_of = |row: usize| lines[row].split(',').next().unwrap().to_string();
        let own_firm = networks.owner().organization.clone();
        let customer = networks
            .organizations()
            .iter()
            .find(|o| o.relation == crate::model::Relation::Customer)
            .map(|o| o.name.clone())
            .unwrap();
        let owner_row = 1 + networks.contacts().position(|c| c.id == networks.owner().id).unwrap();
        assert_eq!(own_firm, networks.owner().organization);
        let cases: Vec<(String, String, &str, u64)> = vec![
            // A repeated id (its second row is reported, naming the first).
            (
                with_lines(&csv.contacts, &[(n / 2, &cell(n / 2, "id", &id_of(n / 3)))]),
                csv.ties.clone(),
                "DuplicateContact",
                n as u64 / 2 + 1,
            ),
            // An unknown organization.
            (
                with_lines(&csv.contacts, &[(n - 1, &cell(n - 1, "organization", "Nobody Inc"))]),
                csv.ties.clone(),
                "UnknownOrganization",
                n as u64,
            ),
            // The owner outside the own firm.
            (
                with_lines(&csv.contacts, &[(owner_row, &cell(owner_row, "organization", &customer))]),
                csv.ties.clone(),
                "OwnerOutsideFirm",
                owner_row as u64 + 1,
            ),
            // A broken rule, then a later bad field: the bad field.
            (
                with_lines(
                    &csv.contacts,
                    &[(5, &cell(5, "organization", "Nobody Inc")), (n - 3, &cell(n - 3, "role", "wizard"))],
                ),
                csv.ties.clone(),
                "UnknownRole",
                n as u64 - 2,
            ),
            // A bad field, then a later malformed row: the malformed row.
            (
                with_lines(&csv.contacts, &[(5, &cell(5, "role", "wizard")), (n - 2, "a,b")]),
                csv.ties.clone(),
                "Malformed",
                n as u64 - 1,
            ),
            // A broken rule in the contacts, then a bad field in the ties: the bad field.
            (
                with_lines(&csv.contacts, &[(3, &cell(3, "id", &id_of(2)))]),
                with_lines(&csv.ties, &[(4, "c000001,c000002,9,,")]),
                "LevelOutOfRange",
                5,
            ),
        ];
        for (contacts, ties, kind, line) in &cases {
            let expected = read_with(&csv, contacts, ties, usize::MAX).expect_err("a bad file");
            assert!(format!("{expected:?}").starts_with(kind), "{expected:?}");
            let text = expected.to_string();
            let at_line = [",", ":"].iter().any(|end| text.contains(&format!("line {line}{end}")));
            assert!(at_line, "{kind} at line {line}: {expected}");
            let expected = expected.to_string();
            for block in [1, 7, 100, 4096] {
                let e = read_with(&csv, contacts, ties, block).expect_err("a bad file");
                assert_eq!(e.to_string(), expected, "blocks of {block} bytes");
            }
        }
    }

    #[test]
    fn blocks_of_any_size_read_the_same_portfolio_and_the_same_errors() {
        let networks = portfolio(&GenerateOptions::new().contacts(300).seed(5)).unwrap();
        let csv = portfolio_to_csv(&networks).unwrap();
        let ties = csv.ties.clone();
        let whole = read(&csv, &ties, usize::MAX).unwrap();
        assert_eq!(whole, networks);
        for block in [1, 7, 100, 4096] {
            assert_eq!(read(&csv, &ties, block).unwrap(), networks, "blocks of {block} bytes");
            // The same with \r\n line ends and blank lines.
            let crlf = ties.replace('\n', "\r\n").replacen("\r\n", "\r\n\r\n\n", 40);
            assert_eq!(read(&csv, &crlf, block).unwrap(), networks, "CRLF, blocks of {block} bytes");
        }
        let lines: Vec<&str> = ties.lines().collect();
        let n = lines.len();
        let with = |changes: &[(usize, &str)]| {
            let mut lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            for &(i, line) in changes {
                lines[i] = line.to_string();
            }
            lines.join("\n") + "\n"
        };
        let (c0, c1) =
            (networks.contacts().nth(1).unwrap().id.to_string(), networks.contacts().nth(2).unwrap().id.to_string());
        let repeat = lines[n / 3].to_string();
        let cases = [
            // A broken rule, then a later bad field: the bad field.
            with(&[(5, "nobody,c000001,1,,"), (n - 3, &format!("{c0},{c1},9,,"))]),
            // A bad field, then a later malformed row: the malformed row.
            with(&[(5, &format!("{c0},{c1},,,")), (n - 2, "a,b")]),
            // An unknown contact after a repeated pair: the repeat.
            with(&[(n / 2, &repeat), (n - 4, &format!("{c0},nobody,1,,"))]),
            // A repeated pair after an unknown contact: the unknown contact.
            with(&[(n / 4, &format!("{c0},nobody,1,,")), (n / 2, &repeat)]),
            // A self-tie.
            with(&[(n - 1, &format!("{c1},{c1},2,,"))]),
        ];
        let kinds = ["LevelOutOfRange", "Malformed", "DuplicateTie", "UnknownContact", "SelfTie"];
        for (ties, kind) in cases.iter().zip(kinds) {
            let expected = read(&csv, ties, usize::MAX).expect_err("a bad file");
            assert!(format!("{expected:?}").starts_with(kind), "{expected:?}");
            let expected = expected.to_string();
            for block in [1, 7, 100, 4096] {
                let e = read(&csv, ties, block).expect_err("a bad file");
                assert_eq!(e.to_string(), expected, "blocks of {block} bytes");
            }
        }
    }
}
