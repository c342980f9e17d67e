//! `analyze infer`: ties from the relationship history.

use std::path::{Path, PathBuf};

use clap::Args;
use salesnet::history::{InferOptions, PairVerdict, ParticipantIndex, Unmatched, enrich, read_history};

use crate::common::{Failure, Outcome, json_line, progress_bars};
use crate::stage::date_or_today;

/// Arguments of `analyze infer`.
#[derive(Args, Debug)]
pub struct InferArgs {
    /// The portfolio: a folder of CSV files (its `interactions.csv` is read when present), or a JSON document.
    #[arg(long)]
    pub portfolio: PathBuf,
    /// Interaction logs: `interactions.csv` files, `.mbox` mail folders, `.ics` calendars; more than one may follow.
    #[arg(long, num_args = 1..)]
    pub interactions: Vec<PathBuf>,
    /// Where to write the enriched portfolio: a folder, or a path ending in `.json`.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Count only interactions up to this date, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub as_of: Option<String>,
    /// Explain what the history says about one pair of contacts (ids), on stdout.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub explain: Vec<String>,
    /// With --explain: JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Runs `analyze infer`.
pub fn run(args: &InferArgs) -> Outcome {
    let as_of = date_or_today(args.as_of.as_deref())?;
    if args.out.is_none() && args.explain.is_empty() {
        return Err(Failure::Usage("infer needs --out DIR|FILE.json (or --explain A B)".into()));
    }
    if let Some(out) = &args.out {
        // The shared guard: also a file inside the input portfolio folder, links resolved.
        let mut inputs = vec![args.portfolio.as_path()];
        inputs.extend(args.interactions.iter().map(PathBuf::as_path));
        salesnet::io::check_output(out, &inputs, salesnet::io::Overwrite::Replace)?;
    }
    let started = std::time::Instant::now();
    // A folder's interactions.csv is streamed below, never loaded whole; a
    // JSON document's `interactions` come with the portfolio.
    let progress = progress_bars(args.json);
    let leave = salesnet::io::FolderHistory::Leave;
    let portfolio = match &progress {
        Some(progress) => salesnet::io::read_portfolio_with_progress(&args.portfolio, leave, progress)?,
        None => salesnet::io::read_portfolio_with(&args.portfolio, leave)?,
    };
    let (networks, history) = portfolio.split_interactions();
    let mut files = args.interactions.clone();
    let in_folder = args.portfolio.join("interactions.csv");
    if args.portfolio.is_dir() && in_folder.is_file() && !files.iter().any(|f| same_path(f, &in_folder)) {
        files.insert(0, in_folder);
    }
    let index = ParticipantIndex::from_networks(&networks, Unmatched::Report);
    let mut options = InferOptions::default().recurrences_until(as_of);
    if let Some(progress) = progress {
        options = options.progress(progress);
    }
    let mut read = read_history(&history, &files, index, options)?;
    let report = read.report.clone();
    let enriched = enrich(&networks, &mut read, as_of)?;
    let s = &enriched.inferred.summary;
    eprintln!(
        "infer: {} interactions read from {} file(s){} as of {as_of} ({} dated later, not counted)",
        s.interactions,
        files.len(),
        if history.is_empty() {
            String::new()
        } else {
            format!(" and {} from the portfolio's `interactions`", history.len())
        },
        s.after_as_of
    );
    eprintln!(
        "ignored: {} mass (over {} participants), {} one-way pairs ({} messages), {} with fewer than two distinct known participants (mail to oneself, unmatched recipients)",
        s.mass,
        InferOptions::default().max_participants_value(),
        s.one_way_pairs,
        s.one_way_messages,
        s.unmatched_interactions
    );
    eprintln!(
        "unmatched participants: {} mentions of {} distinct addresses or ids; {} contacts created from organization domains",
        report.unmatched_mentions, report.unmatched_distinct, report.created_contacts
    );
    eprintln!(
        "ties inferred: {} (level 1: {}, level 2: {}, level 3: {}; {} overdue); portfolio ties: {} typed, {} inferred, {} both",
        s.ties,
        s.levels[1],
        s.levels[2],
        s.levels[3],
        s.overdue,
        enriched.origins[0],
        enriched.origins[1],
        enriched.origins[2]
    );
    if let Some(out) = &args.out {
        salesnet::io::write_portfolio(&enriched.networks, out)?;
        eprintln!("wrote {} in {:.2} s", out.display(), started.elapsed().as_secs_f64());
    }
    if let [a, b] = args.explain.as_slice() {
        let find =
            |id: &str| read.participants.get(id).ok_or_else(|| Failure::rejected("--explain", id, "unknown contact"));
        let (pa, pb) = (find(a)?, find(b)?);
        let verdict = read.inference.explain(pa, pb, as_of);
        let name = |id: &str| enriched.networks.contact(id).map(|c| c.name.clone()).unwrap_or_default();
        return explain(&verdict, [a, b], [name(a), name(b)], pa > pb, args.json);
    }
    Ok(String::new())
}

fn same_path(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn explain(verdict: &PairVerdict, ids: [&String; 2], names: [String; 2], swapped: bool, json: bool) -> Outcome {
    // The verdict's `a` is the lower participant index: say which id it is.
    let (a, b) = if swapped { (1, 0) } else { (0, 1) };
    if json {
        let value = serde_json::json!({
            "a": { "id": ids[a], "name": names[a] },
            "b": { "id": ids[b], "name": names[b] },
            "history": verdict,
        });
        return json_line(&value);
    }
    let who = |i: usize| crate::common::who(&names[i], ids[i]);
    let mut out = format!("a = {}, b = {}\n", who(a), who(b));
    match verdict {
        PairVerdict::NoHistory => out.push_str("no counted interaction up to the date: no inferred tie\n"),
        PairVerdict::OneWay { counts, first_contact, last_contact } => {
            out.push_str(&format!(
                "one-way only, not a tie: e-mail a->b {}, b->a {}; messages a->b {}, b->a {}; from {first_contact} to {last_contact}\n",
                counts.email_ab, counts.email_ba, counts.message_ab, counts.message_ba
            ));
        }
        PairVerdict::Tie(t) => {
            let c = &t.counts;
            out.push_str(&format!(
                "tie, level {} by rule `{}`\n\
                 e-mail a->b {}, b->a {}; messages a->b {}, b->a {}; calls {}; meetings {}; visits {}\n\
                 first contact {}, last contact {} ({} days of silence); {} contact days, {} face to face\n\
                 rhythm: {}; overdue: {}\n",
                t.level.get(),
                t.rule.as_str(),
                c.email_ab,
                c.email_ba,
                c.message_ab,
                c.message_ba,
                c.calls,
                c.meetings,
                c.visits,
                t.first_contact,
                t.last_contact,
                t.silence_days,
                t.contact_days,
                t.face_to_face_days,
                t.median_gap_days.map_or("too few contact days (fresh period applies)".to_string(), |g| format!(
                    "median gap {g} days"
                )),
                t.overdue
            ));
        }
    }
    Ok(out)
}
