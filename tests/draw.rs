//! Drawings of network views: valid XML, one circle per contact and one line
//! per tie, deterministic, redaction, non-overlapping labels, errors.
//!
//! Set `SALESNET_DRAW_OUT=DIR` to also write the sample pictures there (for
//! `scripts/render_svg.sh` and a look by eye).

mod support;

use jiff::civil::date;
use roxmltree::{Document, Node};
use salesnet::draw::{ColorBy, DrawOptions, Highlights, Labels, Mark, PathStyle, SizeBy, Svg};
use salesnet::{ContactId, DecayPolicy, Error, NetworkKind, NetworkView, SalesNetworks};

/// `draw_view` of a view as of `date` (default decay policy).
fn draw_at(
    date: jiff::civil::Date,
    view: &NetworkView<'_>,
    highlights: &Highlights,
    options: &DrawOptions,
) -> salesnet::Result<Svg> {
    let as_of = view.networks().at(date, &DecayPolicy::default());
    salesnet::draw::draw_view(&as_of, view, highlights, options)
}

/// `draw_view` of a view as of the test date.
fn draw_view(view: &NetworkView<'_>, highlights: &Highlights, options: &DrawOptions) -> salesnet::Result<Svg> {
    draw_at(support::AS_OF, view, highlights, options)
}

fn group<'a, 'i>(doc: &'a Document<'i>, class: &str) -> Node<'a, 'i> {
    doc.descendants()
        .find(|n| n.has_tag_name("g") && n.attribute("class") == Some(class))
        .unwrap_or_else(|| panic!("no group `{class}`"))
}

fn count(doc: &Document<'_>, class: &str, tag: &str) -> usize {
    group(doc, class).descendants().filter(|n| n.has_tag_name(tag)).count()
}

fn options() -> DrawOptions {
    DrawOptions::new().seed(11)
}

/// The stage picture of each network, as the sample draws it.
fn stage_options(kind: NetworkKind) -> DrawOptions {
    match kind {
        NetworkKind::Market => options().size_by(SizeBy::EffectiveSize),
        NetworkKind::Prospect => options().size_by(SizeBy::Betweenness),
        NetworkKind::Internal => options().color_by(ColorBy::Department).size_by(SizeBy::Betweenness),
        NetworkKind::Customer => options().size_by(SizeBy::Degree),
    }
}

fn id(s: &str) -> ContactId {
    ContactId::new(s).unwrap()
}

#[test]
fn sample_has_about_300_contacts() {
    let n = support::portfolio(1);
    assert!((290..=320).contains(&n.contact_count()), "{} contacts", n.contact_count());
    for kind in NetworkKind::ALL {
        assert!(n.view(kind).len() > 30, "{kind}: {}", n.view(kind).len());
    }
}

#[test]
fn every_network_draws_valid_svg_with_a_circle_per_contact_and_a_line_per_tie() {
    let n = support::portfolio(1);
    let out = std::env::var_os("SALESNET_DRAW_OUT").map(std::path::PathBuf::from);
    for kind in NetworkKind::ALL {
        let view = n.view(kind);
        let svg = draw_view(&view, &Highlights::new(), &stage_options(kind)).unwrap();
        let doc = Document::parse(svg.as_str()).unwrap();
        let root = doc.root_element();
        assert!(root.has_tag_name(("http://www.w3.org/2000/svg", "svg")));
        let title = root.children().find(|c| c.has_tag_name("title")).unwrap();
        assert!(title.text().unwrap().contains(kind.as_str()));
        assert_eq!(count(&doc, "nodes", "circle"), view.len(), "{kind}");
        assert_eq!(count(&doc, "ties", "line"), view.ties().count(), "{kind}");
        // No outside resources.
        assert!(!svg.as_str().contains("href"), "{kind}");
        assert!(!svg.as_str().contains("@import") && !svg.as_str().contains("url("), "{kind}");

        let highlighted = draw_view(&view, &support::highlights(&n, kind), &stage_options(kind)).unwrap();
        Document::parse(highlighted.as_str()).unwrap();
        if let Some(dir) = &out {
            std::fs::create_dir_all(dir).unwrap();
            highlighted.write(dir.join(format!("{kind}.svg"))).unwrap();
            draw_view(&view, &support::highlights(&n, kind), &stage_options(kind).labels(Labels::Pseudonyms))
                .unwrap()
                .write(dir.join(format!("{kind}-redacted.svg")))
                .unwrap();
        }
    }
    if let Some(dir) = &out {
        let whole = draw_view(&n.whole(), &Highlights::new(), &options().size_by(SizeBy::Betweenness)).unwrap();
        whole.write(dir.join("whole.svg")).unwrap();
    }
}

#[test]
fn same_input_and_seed_give_identical_bytes() {
    let a = support::portfolio(1);
    let b = support::portfolio(1);
    for kind in NetworkKind::ALL {
        let h = support::highlights(&a, kind);
        let x = draw_view(&a.view(kind), &h, &stage_options(kind)).unwrap();
        let y = draw_view(&b.view(kind), &support::highlights(&b, kind), &stage_options(kind)).unwrap();
        assert_eq!(x, y, "{kind}");
        let z = draw_view(&a.view(kind), &h, &stage_options(kind).seed(12)).unwrap();
        assert_ne!(x, z, "{kind}: the seed changes the layout");
    }
}

#[test]
fn pseudonyms_hide_every_name_and_id() {
    let n = support::portfolio(1);
    let opts = options().labels(Labels::Pseudonyms).size_by(SizeBy::Degree);
    let mut documents: Vec<Svg> = vec![draw_view(&n.whole(), &Highlights::new(), &opts).unwrap()];
    for kind in NetworkKind::ALL {
        documents.push(draw_view(&n.view(kind), &support::highlights(&n, kind), &opts).unwrap());
    }
    for svg in &documents {
        let text = svg.as_str();
        for c in n.contacts() {
            assert!(!text.contains(c.name.as_str()), "a name is in the redacted picture");
            assert!(!text.contains(c.id.as_str()), "an id is in the redacted picture");
        }
        for o in n.organizations() {
            assert!(!text.contains(o.name.as_str()), "an organization is in the redacted picture");
        }
        // The owner is the first contact: C0001 in every picture.
        assert!(text.contains(">C0001<") && text.contains("Org01"));
    }
    let with_names = draw_view(&n.whole(), &Highlights::new(), &options()).unwrap();
    assert!(with_names.as_str().contains(n.owner().name.as_str()));
}

#[test]
fn labels_of_300_contacts_do_not_overlap() {
    let n = support::portfolio(1);
    for (view, opts) in [
        (n.whole(), options().size_by(SizeBy::Betweenness)),
        (n.whole(), options().size(1000, 800)),
        (n.view(NetworkKind::Market), options().labels(Labels::Ids)),
    ] {
        let svg = draw_view(&view, &Highlights::new(), &opts).unwrap();
        let doc = Document::parse(svg.as_str()).unwrap();
        let boxes: Vec<[f64; 4]> = group(&doc, "labels")
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .map(|r| {
                let f = |a: &str| r.attribute(a).unwrap().parse::<f64>().unwrap();
                [f("x"), f("y"), f("x") + f("width"), f("y") + f("height")]
            })
            .collect();
        assert!(boxes.len() >= view.len() / 4, "only {} labels of {}", boxes.len(), view.len());
        assert_eq!(boxes.len(), count(&doc, "labels", "text"));
        // Inside the drawing area, left of the legend column.
        let right = f64::from(doc.root_element().attribute("width").unwrap().parse::<u32>().unwrap()) - 300.0;
        assert!(boxes.iter().all(|b| b[0] >= 0.0 && b[1] >= 0.0 && b[2] <= right), "a label leaves the drawing area");
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                // One decimal of rounding may make touching boxes share 0.1 px.
                let overlap = (a[2].min(b[2]) - a[0].max(b[0])).min(a[3].min(b[3]) - a[1].max(b[1]));
                assert!(overlap <= 0.15, "labels {a:?} and {b:?} overlap");
            }
        }
    }
}

#[test]
fn highlights_draw_rings_paths_and_guests() {
    let n = support::portfolio(1);
    let view = n.view(NetworkKind::Customer);
    let h = support::highlights(&n, NetworkKind::Customer);
    assert!(h.nodes.iter().any(|(_, m)| *m == Mark::Target));
    let svg = draw_view(&view, &h, &options()).unwrap();
    let doc = Document::parse(svg.as_str()).unwrap();
    // Targets are prospects' decision makers: drawn as guests beside the customer network.
    let guests = h.nodes.iter().filter(|(id, _)| !view.contains(id.as_str())).count();
    assert!(guests > 0);
    assert_eq!(count(&doc, "nodes", "circle"), view.len() + guests);
    assert_eq!(count(&doc, "marks", "circle"), h.nodes.len());
    assert_eq!(count(&doc, "paths", "polyline"), h.paths.len());
    assert!(svg.as_str().contains("referral path") && svg.as_str().contains("referee: can vouch for us"));
}

#[test]
fn size_values_from_the_caller() {
    let n = support::portfolio(1);
    let view = n.view(NetworkKind::Prospect);
    let values: Vec<Option<f64>> = (0..view.len()).map(|i| if i % 5 == 0 { None } else { Some(i as f64) }).collect();
    let svg = draw_view(&view, &Highlights::new(), &options().size_values("my measure", values)).unwrap();
    assert!(svg.as_str().contains("size: my measure (1 to "));

    let short = options().size_values("m", vec![Some(1.0)]);
    assert!(matches!(draw_view(&view, &Highlights::new(), &short), Err(Error::InvalidArgument { .. })));
    let nan = options().size_values("m", vec![Some(f64::NAN); view.len()]);
    assert!(matches!(draw_view(&view, &Highlights::new(), &nan), Err(Error::InvalidArgument { .. })));
}

#[test]
fn bad_highlights_and_canvas_are_errors() {
    let n: SalesNetworks = support::portfolio(1);
    let view = n.view(NetworkKind::Market);
    let mut h = Highlights::new();
    h.mark(id("nobody"), Mark::Broker);
    assert!(matches!(draw_view(&view, &h, &options()), Err(Error::UnknownNode { id }) if id == "nobody"));

    let mut h = Highlights::new();
    h.path(vec![id("ct-0000")], PathStyle::Strongest);
    assert!(matches!(draw_view(&view, &h, &options()), Err(Error::InvalidArgument { .. })));

    // Two contacts with no tie between them.
    let owner = n.owner().id.clone();
    let stranger = n.contacts().find(|c| c.id != owner && n.tie(owner.as_str(), c.id.as_str()).is_none()).unwrap();
    let mut h = Highlights::new();
    h.path(vec![owner, stranger.id.clone()], PathStyle::Alternative);
    assert!(matches!(draw_view(&view, &h, &options()), Err(Error::InvalidArgument { .. })));

    assert!(matches!(
        draw_view(&view, &Highlights::new(), &options().size(100, 1000)),
        Err(Error::InvalidArgument { .. })
    ));
}

#[test]
fn tiny_views_draw() {
    // An owner alone, and an owner with one contact.
    let mut b = SalesNetworks::builder();
    b.organization(salesnet::Organization::new("Us", salesnet::Relation::Own))
        .organization(salesnet::Organization::new("Them & <Co>", salesnet::Relation::Customer))
        .contact(salesnet::Contact::new("me", "Me", "Us", salesnet::Role::Owner).unwrap())
        .contact(salesnet::Contact::new("x", "X \"the\" <one>", "Them & <Co>", salesnet::Role::User).unwrap())
        .tie(salesnet::Tie::new("me", "x", salesnet::RelationshipLevel::new(2).unwrap()).unwrap());
    let n = b.build().unwrap();
    let opts = DrawOptions::new().size_by(SizeBy::EffectiveSize);
    for kind in NetworkKind::ALL {
        let svg = draw_at(date(2025, 1, 1), &n.view(kind), &Highlights::new(), &opts).unwrap();
        let doc = Document::parse(svg.as_str()).unwrap();
        if n.view(kind).len() == 1 {
            // The owner alone: the picture says so in words, no lone star.
            assert!(svg.as_str().contains(&format!("No {kind} contacts yet")), "{kind}");
            assert!(doc.descendants().all(|x| !x.has_tag_name("circle")));
        } else {
            assert_eq!(count(&doc, "nodes", "circle"), n.view(kind).len());
        }
    }
}
