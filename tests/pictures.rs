//! Stage pictures and the HTML report on the sample portfolio: valid XML,
//! the report's findings highlighted, deterministic, redaction leaks nothing.

use jiff::civil::{Date, date};
use roxmltree::{Document, ParsingOptions};
use salesnet::draw::{DrawOptions, Labels, draw_stage};
use salesnet::graph::Ties;
use salesnet::io::{Pseudonyms, Redaction, redact};
use salesnet::measures::{self, MeasureOptions};
use salesnet::report::ReportOptions;
use salesnet::stages::{self, StageOptions, StageReport, StageRequest};
use salesnet::{DecayPolicy, Error, NetworkKind, SalesNetworks};

const AS_OF: Date = date(2026, 11, 1);

fn sample() -> SalesNetworks {
    salesnet::io::read_portfolio(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sample")).unwrap()
}

/// The four requests of the README's pictures.
fn requests() -> [StageRequest; 4] {
    [
        StageRequest::Prospecting,
        StageRequest::BuyIn { account: "Quayside Insurance".into() },
        StageRequest::Solution,
        StageRequest::Closing { target: salesnet::ContactId::new("ard01").unwrap() },
    ]
}

/// The portfolio as of the sample's date.
fn at(networks: &SalesNetworks) -> salesnet::AsOf<'_> {
    networks.at(AS_OF, &DecayPolicy::default())
}

fn report(networks: &SalesNetworks, request: &StageRequest) -> StageReport {
    stages::report(&at(networks), request, &StageOptions::new()).unwrap()
}

fn draw(networks: &SalesNetworks, request: &StageRequest, labels: Labels) -> String {
    let options = DrawOptions::new().labels(labels).seed(1);
    draw_stage(&at(networks), &report(networks, request), &options).unwrap().into_string()
}

fn html_report(networks: &SalesNetworks, options: &ReportOptions) -> salesnet::Result<String> {
    salesnet::report::html_report(&at(networks), options)
}

/// Text of the labels group, one entry per label.
fn labels(doc: &Document<'_>) -> Vec<String> {
    let g = doc.descendants().find(|n| n.has_tag_name("g") && n.attribute("class") == Some("labels")).unwrap();
    g.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).map(str::to_string).collect()
}

/// Number of rings drawn around marked contacts.
fn rings(doc: &Document<'_>) -> usize {
    let g = doc.descendants().find(|n| n.has_tag_name("g") && n.attribute("class") == Some("marks")).unwrap();
    g.children().filter(|n| n.has_tag_name("circle")).count()
}

/// Every contact id and name and every organization name of the portfolio.
fn secrets(networks: &SalesNetworks) -> Vec<String> {
    let mut s: Vec<String> = networks.contacts().flat_map(|c| [c.id.to_string(), c.name.clone()]).collect();
    s.extend(networks.organizations().iter().map(|o| o.name.clone()));
    s
}

fn leaks(text: &str, secrets: &[String]) -> Vec<String> {
    secrets.iter().filter(|s| text.contains(s.as_str())).cloned().collect()
}

#[test]
fn stage_pictures_parse_and_show_the_findings() {
    let networks = sample();
    // (request, contacts that must be labelled, least number of rings)
    let expected: [(&[&str], usize); 4] = [
        (&["mkt009", "mkt017", "mkt024", "mkt001"], 4),
        (&["qua10", "qua01", "qua02", "qua03"], 4),
        (&["own22", "own28"], 2),
        (&["hal02", "ard01", "hal05"], 3),
    ];
    for (request, (ids, min_rings)) in requests().iter().zip(expected) {
        let svg = draw(&networks, request, Labels::Ids);
        let doc = Document::parse(&svg).unwrap_or_else(|e| panic!("{request:?}: {e}"));
        let shown = labels(&doc);
        for id in ids {
            assert!(shown.iter().any(|l| l == id), "{request:?}: no label `{id}`");
        }
        assert!(rings(&doc) >= min_rings, "{request:?}: {} rings", rings(&doc));
        let title = doc.descendants().find(|n| n.has_tag_name("title")).and_then(|n| n.text()).unwrap();
        assert!(title.contains("Stage ") && title.ends_with("as of 2026-11-01"), "{title}");
    }
}

#[test]
fn stage_pictures_mark_the_reports_findings_by_kind() {
    let networks = sample();
    let [prospecting, buy_in, solution, closing] = requests().map(|r| draw(&networks, &r, Labels::Ids));
    // The legend lists the kinds of highlight each picture uses.
    for text in ["broker: bridges separate groups", "redundant: knows the same people"] {
        assert!(prospecting.contains(text), "{text}");
    }
    for text in
        ["decision maker", "middleman: route to decision makers", "gap: missing or lapsed tie", "strongest path"]
    {
        assert!(buy_in.contains(text), "{text}");
    }
    for text in ["bottleneck: many paths need them", "isolated: tied only to the owner"] {
        assert!(solution.contains(text), "{text}");
    }
    // One referee knows ard01 in person (hal02): one traced path, the strongest.
    for text in ["referee: can vouch for us", "target", "lapsed: reconnect before asking", "strongest path"] {
        assert!(closing.contains(text), "{text}");
    }
    // The referral path of the best referee: owner, hal02, ard01.
    let doc = Document::parse(&closing).unwrap();
    let paths = doc.descendants().find(|n| n.has_tag_name("g") && n.attribute("class") == Some("paths")).unwrap();
    let best = paths.children().rfind(|n| n.has_tag_name("polyline")).unwrap();
    assert_eq!(best.attribute("points").unwrap().split(' ').count(), 3);
}

#[test]
fn sizes_come_from_the_measures_layer_on_the_stage_snapshot() {
    let networks = sample();
    let svg = draw(&networks, &StageRequest::Prospecting, Labels::Ids);
    let view = networks.view(NetworkKind::Market);
    let snapshot = at(&networks).snapshot(&view, Ties::Active).into_snapshot();
    let holes = measures::structural_holes(&snapshot, &MeasureOptions::new()).unwrap();
    let owner = snapshot.ids().iter().position(|id| id == "own00").unwrap();
    let values: Vec<f64> =
        holes.iter().enumerate().filter(|&(i, _)| i != owner).filter_map(|(_, h)| h.effective_size).collect();
    let (lo, hi) = values.iter().fold((f64::INFINITY, 0.0f64), |(a, b), &v| (a.min(v), b.max(v)));
    // mkt009 has the largest effective size after the owner (12.9 in NetworkX, README of the sample).
    assert!((hi - 12.85).abs() < 0.01, "{hi}");
    assert!(svg.contains(">size: how many circles they reach<"), "no size legend");
    let legend = format!("({lo:.2} to {hi:.2})");
    assert!(svg.contains(&legend), "no `{legend}`");
}

#[test]
fn stage_pictures_are_deterministic() {
    let networks = sample();
    for request in requests() {
        assert_eq!(draw(&networks, &request, Labels::Names), draw(&networks, &request, Labels::Names), "{request:?}");
    }
}

#[test]
fn redacted_stage_pictures_show_no_names_ids_or_organizations() {
    let networks = sample();
    let secrets = secrets(&networks);
    let names = Pseudonyms::new(&networks);
    let redacted = redact(&networks);
    for request in requests() {
        // The check can fail: names are shown when asked for.
        assert!(!leaks(&draw(&networks, &request, Labels::Names), &secrets).is_empty());
        // Pseudonym labels on the real portfolio.
        let svg = draw(&networks, &request, Labels::Pseudonyms);
        Document::parse(&svg).unwrap();
        assert_eq!(leaks(&svg, &secrets), Vec::<String>::new(), "{request:?}");
        // The redacted portfolio, as `analyze draw --redact` does.
        let request = match request {
            StageRequest::BuyIn { account } => {
                StageRequest::BuyIn { account: names.organization(&account).unwrap().to_string() }
            }
            StageRequest::Closing { target } => StageRequest::Closing {
                target: salesnet::ContactId::new(names.contact(target.as_str()).unwrap()).unwrap(),
            },
            other => other,
        };
        let svg = draw(&redacted, &request, Labels::Ids);
        assert_eq!(leaks(&svg, &secrets), Vec::<String>::new(), "{request:?}");
        assert!(svg.contains("C0001"));
    }
}

fn report_options() -> ReportOptions {
    ReportOptions::new().accounts(vec!["Quayside Insurance".into()]).targets(vec!["ard01".into()]).seed(1)
}

fn parse_html(html: &str) -> Document<'_> {
    Document::parse_with_options(html, ParsingOptions { allow_dtd: true, ..ParsingOptions::default() }).unwrap()
}

#[test]
fn html_report_parses_with_four_stages_and_four_pictures() {
    let networks = sample();
    let html = html_report(&networks, &report_options()).unwrap();
    let doc = parse_html(&html);
    let sections: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("section") && n.attribute("class") == Some("stage"))
        .filter_map(|n| n.attribute("id"))
        .collect();
    // The sample has deals: a fifth section, the funnel.
    assert_eq!(sections, ["prospecting", "buy-in", "solution", "closing", "funnel"]);
    for section in doc.descendants().filter(|n| n.has_tag_name("section")) {
        let svgs = section.descendants().filter(|n| n.tag_name().name() == "svg").count();
        assert_eq!(svgs, 1, "{:?}", section.attribute("id"));
        assert!(section.descendants().any(|n| n.has_tag_name("table")));
    }
    // Self-contained: no scripts, no outside resources.
    assert!(!html.contains("<script") && !html.contains("http://www.w3.org/1999/xlink"));
    assert!(!html.contains("src=") && !html.contains("url("));
    // Links stay inside the page: a click opens a picture at full size.
    assert!(html.match_indices("href=\"").all(|(i, _)| html[i + 6..].starts_with('#')));
    assert!(html.contains("href=\"#picture-1\""));
    for text in ["mkt009", "qua10", "own22", "Leo Walsh (qua10) → Alex Garcia (qua01)", "Kai Silva (hal02)"] {
        assert!(html.contains(text), "{text}");
    }
    assert_eq!(html, html_report(&networks, &report_options()).unwrap());
}

#[test]
fn html_report_defaults_cover_every_prospect() {
    let networks = sample();
    let html = html_report(&networks, &ReportOptions::new()).unwrap();
    let doc = parse_html(&html);
    let blocks = |id: &str| {
        let s = doc.descendants().find(|n| n.attribute("id") == Some(id)).unwrap();
        s.descendants().filter(|n| n.tag_name().name() == "svg").count()
    };
    // Quayside Insurance, Ardent Energy, Pinecrest Schools; three decision makers as targets.
    assert_eq!((blocks("buy-in"), blocks("closing")), (3, 3));
    let closing = doc.descendants().find(|n| n.attribute("id") == Some("closing")).unwrap();
    let targets: Vec<String> =
        closing.descendants().filter(|n| n.has_tag_name("h3")).map(|n| n.text().unwrap_or("").to_string()).collect();
    assert_eq!(targets.len(), 3);
    for (target, id) in targets.iter().zip(["(qua01)", "(ard01)", "(pin0"]) {
        assert!(target.contains(id), "{target} is not {id}");
    }
}

#[test]
fn redacted_html_report_shows_no_names_ids_or_organizations() {
    let networks = sample();
    let html = html_report(&networks, &report_options().redaction(Redaction::Pseudonyms)).unwrap();
    parse_html(&html);
    assert_eq!(leaks(&html, &secrets(&networks)), Vec::<String>::new());
    assert!(!leaks(&html_report(&networks, &report_options()).unwrap(), &secrets(&networks)).is_empty());
    // Four stage pictures and the salesperson's funnel chart.
    assert_eq!(html.matches("<svg ").count(), 5);
}

#[test]
fn html_report_rejects_unknown_accounts_and_targets() {
    let networks = sample();
    for redaction in [Redaction::None, Redaction::Pseudonyms] {
        let bad = ReportOptions::new().redaction(redaction).accounts(vec!["Nowhere Ltd".into()]);
        assert!(matches!(html_report(&networks, &bad), Err(Error::InvalidArgument { .. })));
        let bad = ReportOptions::new().redaction(redaction).targets(vec!["nobody".into()]);
        assert!(matches!(html_report(&networks, &bad), Err(Error::UnknownNode { .. })));
    }
}
