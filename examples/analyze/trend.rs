//! `analyze trend`: the key numbers of each stage at every month or quarter
//! end between two dates, what changed, and one SVG line chart per stage.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use salesnet::history::{
    InferOptions, ParticipantIndex, TimelineOptions, Unmatched, enrich, history_gexf, read_history,
};
use salesnet::stages::{Period, StageOptions, TrendReport, trend};

use crate::common::{Failure, Outcome, cell, json_line, who};
use crate::stage::date_or_today;

/// Arguments of `analyze trend`.
#[derive(Args, Debug)]
pub struct TrendArgs {
    /// The portfolio: a folder of CSV files (its `interactions.csv` is read when present), or a JSON document.
    #[arg(long)]
    pub portfolio: PathBuf,
    /// More interaction logs (`interactions.csv`, `.mbox`, `.ics`).
    #[arg(long, num_args = 1..)]
    pub interactions: Vec<PathBuf>,
    /// The first date, YYYY-MM-DD.
    #[arg(long)]
    pub from: String,
    /// The last date, YYYY-MM-DD.
    #[arg(long)]
    pub to: String,
    /// month or quarter.
    #[arg(long, default_value = "month")]
    pub every: String,
    /// The salesperson (a contact id with role owner).
    #[arg(long)]
    pub owner: Option<String>,
    /// Write one SVG line chart per stage into this folder.
    #[arg(long)]
    pub charts: Option<PathBuf>,
    /// Write the history as a dynamic GEXF timeline (Gephi) sampled at the trend's dates.
    #[arg(long)]
    pub gexf: Option<PathBuf>,
    /// JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Runs `analyze trend`.
pub fn run(args: &TrendArgs) -> Outcome {
    let from = date_or_today(Some(&args.from))?;
    let to = date_or_today(Some(&args.to))?;
    let every: Period = args.every.parse()?;
    // A folder's interactions.csv is streamed below, never loaded whole; a
    // JSON document's `interactions` come with the portfolio.
    let (networks, history) =
        salesnet::io::read_portfolio_with(&args.portfolio, salesnet::io::FolderHistory::Leave)?.split_interactions();
    let mut options = StageOptions::new();
    if let Some(owner) = &args.owner {
        options = options.owner(salesnet::ContactId::new(owner.as_str())?);
    }
    networks.choose_owner(options.owner_choice())?;
    let mut files = args.interactions.clone();
    let in_folder = args.portfolio.join("interactions.csv");
    if args.portfolio.is_dir() && in_folder.is_file() {
        files.insert(0, in_folder);
    }
    let mut read = if files.is_empty() && history.is_empty() {
        None
    } else {
        let index = ParticipantIndex::from_networks(&networks, Unmatched::Report);
        Some(read_history(&history, &files, index, InferOptions::default().recurrences_until(to))?)
    };
    let report = trend(
        |date| match read.as_mut() {
            Some(read) => enrich(&networks, read, date).map(|e| e.networks),
            None => Ok(networks.clone()),
        },
        from,
        to,
        every,
        &salesnet::DecayPolicy::default(),
        &options,
    )?;
    if let Some(path) = &args.gexf {
        let Some(read) = read.as_mut() else {
            return Err(Failure::Usage("--gexf needs an interaction history".into()));
        };
        let dates: Vec<_> = report.points.iter().map(|p| p.date).collect();
        let label = |id: &str| networks.contact(id).map(|c| c.name.clone());
        let xml = history_gexf(&mut read.inference, &read.participants, &dates, &label, &TimelineOptions::default());
        std::fs::write(path, xml).map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
    }
    if let Some(dir) = &args.charts {
        write_charts(&report, dir)?;
    }
    if args.json {
        return json_line(&report);
    }
    Ok(table(&report))
}

fn table(r: &TrendReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "trend from {} to {} every {}", r.from, r.to, r.every.as_str());
    let _ = writeln!(
        out,
        "{:<12} {:>8} {:>10} {:>9} {:>10} {:>9} {:>9} {:>9}",
        "date", "market", "eff.size", "density", "depts", "coverage", "gaps", "referees"
    );
    for p in &r.points {
        let coverage: Vec<f64> = p.accounts.iter().filter_map(|a| a.coverage).collect();
        let mean = (!coverage.is_empty()).then(|| coverage.iter().sum::<f64>() / coverage.len() as f64);
        let _ = writeln!(
            out,
            "{:<12} {:>8} {:>10} {:>9} {:>10} {:>9} {:>9} {:>9}",
            p.date.to_string(),
            p.market.active_contacts,
            cell(p.market.effective_size),
            cell(p.internal.density),
            format!("{}/{}", p.internal.covered_departments, p.internal.departments),
            cell(mean),
            p.accounts.iter().map(|a| a.gaps).sum::<usize>(),
            p.accounts.iter().map(|a| a.referees).sum::<usize>(),
        );
    }
    let _ = writeln!(out, "(coverage: mean over prospect accounts; gaps and referees: summed over them)");
    let c = &r.changes;
    let _ = writeln!(out, "\nwhat changed from {} to {}:", r.from, r.to);
    for (label, list) in
        [("appeared", &c.appeared), ("warmed", &c.warmed), ("cooled", &c.cooled), ("lapsed", &c.lapsed)]
    {
        let names: Vec<String> = list.iter().map(|t| who(&t.name, t.id.as_str())).collect();
        let _ = writeln!(out, "  ties {label}: {}{}", list.len(), list_tail(&names));
    }
    for (label, list) in [
        ("brokers gained", &c.brokers_gained),
        ("brokers lost", &c.brokers_lost),
        ("referees gained", &c.referees_gained),
        ("referees lost", &c.referees_lost),
    ] {
        let names: Vec<String> = list.iter().map(|p| who(&p.name, p.id.as_str())).collect();
        let _ = writeln!(out, "  {label}: {}{}", list.len(), list_tail(&names));
    }
    out
}

fn list_tail(names: &[String]) -> String {
    if names.is_empty() {
        return String::new();
    }
    let shown: Vec<&str> = names.iter().take(10).map(String::as_str).collect();
    let more = if names.len() > 10 { format!(", and {} more", names.len() - 10) } else { String::new() };
    format!(": {}{more}", shown.join(", "))
}

/// A named line of a chart: one value (or none) per date.
type Series = (String, Vec<Option<f64>>);

fn write_charts(r: &TrendReport, dir: &std::path::Path) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| Failure::Usage(format!("{}: {e}", dir.display())))?;
    let dates: Vec<String> = r.points.iter().map(|p| p.date.to_string()).collect();
    let series = |f: &dyn Fn(&salesnet::stages::TrendPoint) -> Option<f64>| -> Vec<Option<f64>> {
        r.points.iter().map(f).collect()
    };
    let mut charts: Vec<(&str, String, Vec<Series>)> = vec![
        (
            "prospecting",
            "Market network".into(),
            vec![
                ("active contacts".into(), series(&|p| Some(p.market.active_contacts as f64))),
                ("effective size".into(), series(&|p| p.market.effective_size)),
            ],
        ),
        (
            "solution",
            "Internal network".into(),
            vec![
                ("density".into(), series(&|p| p.internal.density)),
                ("covered departments".into(), series(&|p| Some(p.internal.covered_departments as f64))),
            ],
        ),
    ];
    let accounts: Vec<String> =
        r.points.first().map(|p| p.accounts.iter().map(|a| a.organization.clone()).collect()).unwrap_or_default();
    let per_account = |f: fn(&salesnet::stages::AccountPoint) -> Option<f64>| -> Vec<Series> {
        accounts
            .iter()
            .enumerate()
            .map(|(i, name)| (name.clone(), r.points.iter().map(|p| p.accounts.get(i).and_then(f)).collect()))
            .collect()
    };
    charts.push(("buy-in", "Prospect accounts: coverage".into(), per_account(|a| a.coverage)));
    charts.push(("closing", "Prospect accounts: referees".into(), per_account(|a| Some(a.referees as f64))));
    for (file, title, lines) in charts {
        let svg = line_chart(&title, &dates, &lines);
        let path = dir.join(format!("trend-{file}.svg"));
        std::fs::write(&path, svg).map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
    }
    Ok(())
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A plain SVG line chart: one polyline per series, scaled to the series' maximum.
fn line_chart(title: &str, dates: &[String], lines: &[Series]) -> String {
    const COLORS: [&str; 6] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];
    let (w, h, left, right, top, bottom) = (720.0, 360.0, 60.0, 200.0, 40.0, 60.0);
    let max = lines.iter().flat_map(|(_, v)| v.iter().flatten()).fold(0.0f64, |m, &x| m.max(x)).max(1e-9);
    let n = dates.len().max(2) as f64 - 1.0;
    let x = |i: usize| left + (w - left - right) * i as f64 / n;
    let y = |v: f64| top + (h - top - bottom) * (1.0 - v / max);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"{left}\" y=\"22\" font-size=\"15\">{}</text>\n",
        esc(title)
    );
    let _ = writeln!(
        s,
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#444\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{}\" stroke=\"#444\"/>",
        h - bottom,
        w - right,
        h - bottom,
        h - bottom
    );
    let _ = writeln!(s, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", left - 4.0, top + 4.0, fmt_num(max));
    let _ = writeln!(s, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>", left - 4.0, h - bottom);
    let every = dates.len().div_ceil(8).max(1);
    for (i, d) in dates.iter().enumerate().step_by(every) {
        let _ =
            writeln!(s, "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x(i), h - bottom + 16.0, esc(d));
    }
    for (k, (name, values)) in lines.iter().enumerate() {
        let color = COLORS[k % COLORS.len()];
        let points: Vec<String> =
            values.iter().enumerate().filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", x(i), y(v)))).collect();
        let _ = writeln!(
            s,
            "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{}\"/>",
            points.join(" ")
        );
        let ly = top + 16.0 * k as f64;
        let _ = writeln!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"3\" fill=\"{color}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            w - right + 10.0,
            ly,
            w - right + 26.0,
            ly + 4.0,
            esc(name)
        );
    }
    s.push_str("</svg>\n");
    s
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v:.2}") }
}
