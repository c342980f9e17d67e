//! Drawing a 300-contact portfolio: each network and the whole portfolio.
//!
//! `cargo bench --bench draw`; names are `draw/300/<view>`, and
//! `draw/sample/stages` for the four stage pictures of the sample portfolio
//! (`draw_stage`, reports computed outside the timed loop).

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use salesnet::NetworkKind;
use salesnet::draw::{DrawOptions, Highlights, Labels, SizeBy, draw_stage, draw_view};
use salesnet::stages::{self, StageOptions, StageRequest};

/// Number of `<line>` elements in the ties group.
fn ties_drawn(svg: &str) -> usize {
    let start = svg.find(r#"<g class="ties""#).unwrap();
    let end = start + svg[start..].find("</g>").unwrap();
    svg[start..end].matches("<line ").count()
}

fn bench(c: &mut Criterion) {
    let networks = support::portfolio(1);
    let mut group = c.benchmark_group("draw/300");
    group.sample_size(20);
    let as_of = networks.at(support::AS_OF, &salesnet::DecayPolicy::default());
    let options = DrawOptions::new().size_by(SizeBy::Betweenness);
    let whole = networks.whole();
    let tie_count = whole.ties().count();
    group.bench_function("whole", |b| {
        b.iter(|| {
            let svg = draw_view(&as_of, &whole, &Highlights::new(), &options).unwrap();
            assert_eq!(ties_drawn(svg.as_str()), tie_count);
            svg
        })
    });
    for kind in NetworkKind::ALL {
        let view = networks.view(kind);
        let highlights = support::highlights(&networks, kind);
        group.bench_function(kind.as_str(), |b| {
            b.iter(|| {
                let svg = draw_view(&as_of, &view, &highlights, &options).unwrap();
                assert!(svg.as_str().ends_with("</svg>\n"));
                svg
            })
        });
    }
    group.finish();
}

fn bench_stages(c: &mut Criterion) {
    let networks = salesnet::io::read_portfolio(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sample")).unwrap();
    let as_of = networks.at(date(2026, 11, 1), &salesnet::DecayPolicy::default());
    let requests = [
        StageRequest::Prospecting,
        StageRequest::BuyIn { account: "Quayside Insurance".into() },
        StageRequest::Solution,
        StageRequest::Closing { target: salesnet::ContactId::new("ard01").unwrap() },
    ];
    let reports: Vec<_> = requests.iter().map(|r| stages::report(&as_of, r, &StageOptions::new()).unwrap()).collect();
    let options = DrawOptions::new().labels(Labels::Names).seed(1);
    let mut group = c.benchmark_group("draw/sample");
    group.sample_size(20);
    group.bench_function("stages", |b| {
        b.iter(|| {
            let svgs: Vec<_> = reports.iter().map(|r| draw_stage(&as_of, r, &options).unwrap()).collect();
            assert!(svgs.iter().all(|s| s.as_str().contains("Stage ")));
            svgs
        })
    });
    group.finish();
}

criterion_group!(benches, bench, bench_stages);
criterion_main!(benches);
