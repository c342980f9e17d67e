//! Drawing a 300-contact portfolio: each network and the whole portfolio.
//!
//! `cargo bench --bench draw`; names are `draw/300/<view>`.

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use salesnet::NetworkKind;
use salesnet::draw::{DrawOptions, Highlights, SizeBy, draw_view};

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
    let options = DrawOptions::new(support::AS_OF).size_by(SizeBy::Betweenness);
    let whole = networks.whole();
    let tie_count = whole.ties().count();
    group.bench_function("whole", |b| {
        b.iter(|| {
            let svg = draw_view(&whole, &Highlights::new(), &options).unwrap();
            assert_eq!(ties_drawn(svg.as_str()), tie_count);
            svg
        })
    });
    for kind in NetworkKind::ALL {
        let view = networks.view(kind);
        let highlights = support::highlights(&networks, kind);
        group.bench_function(kind.as_str(), |b| {
            b.iter(|| {
                let svg = draw_view(&view, &highlights, &options).unwrap();
                assert!(svg.as_str().ends_with("</svg>\n"));
                svg
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
