//! Writing the scene as SVG text: geometry, styles, labels and legend.

use std::fmt::Write as _;

use super::labels::{self, Anchor, Rect, Request};
use super::layout::{self, LayoutInput};
use super::{DrawOptions, Labels, Mark, PathStyle, Scene};
use crate::model::{Contact, Freshness};

mod legend;

use legend::write_legend;

/// Group name of contacts without a department.
pub(crate) const NO_DEPARTMENT: &str = "(no department)";

/// Width of the legend column, in px.
const LEGEND_WIDTH: f64 = 300.0;
/// Widest legend text, in px (the column less its padding).
const LEGEND_TEXT: f64 = LEGEND_WIDTH - 28.0;
/// Margin around the drawing area, in px.
const MARGIN: f64 = 14.0;
/// Font stack: DejaVu Sans is Debian's default sans-serif and the widest
/// listed, which the label-width estimate assumes.
const FONT: &str = "DejaVu Sans, Verdana, Arial, sans-serif";
/// Longest label, in characters; longer names are cut with an ellipsis.
const MAX_LABEL_CHARS: usize = 22;

/// Group colours (Tableau 10 and four of Tableau 20), largest group first.
const PALETTE: [&str; 14] = [
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#a0cbe8",
    "#8cd17d", "#499894", "#d4a6c8", "#f1ce63",
];
/// Salespeople's colours in a team picture (Dark2 and Set1 without the
/// orange of the strongest paths): dark enough for ties drawn over the
/// organization colours.
pub(crate) const SALES_PALETTE: [&str; 12] = [
    "#1b9e77", "#7570b3", "#e7298a", "#377eb8", "#66a61e", "#a6761d", "#e6ab02", "#666666", "#e41a1c", "#984ea3",
    "#4daf4a", "#1f78b4",
];

/// Colour of the groups beyond the palette, and of "no department".
const OTHER_COLOR: &str = "#bab0ac";

struct MarkStyle {
    color: &'static str,
    width: f64,
    dash: Option<&'static str>,
}

fn mark_style(mark: Mark) -> MarkStyle {
    let (color, width, dash) = match mark {
        Mark::Broker => ("#d95f02", 2.5, None),
        Mark::Redundant => ("#6f6f6f", 2.0, Some("3 2")),
        Mark::DecisionMaker => ("#c51b7d", 3.0, None),
        Mark::Influencer => ("#7b3294", 2.5, Some("5 2")),
        Mark::Middleman => ("#1a9850", 3.0, None),
        Mark::Bottleneck => ("#111111", 3.0, None),
        Mark::Referee => ("#b8860b", 3.0, None),
        Mark::Target => ("#d7191c", 3.5, None),
        Mark::Gap => ("#d7191c", 2.0, Some("4 3")),
        Mark::Lapsed => ("#7f7f7f", 3.0, Some("4 3")),
        Mark::Isolated => ("#6f6f6f", 1.5, Some("1 2.5")),
    };
    MarkStyle { color, width, dash }
}

fn path_style(style: PathStyle) -> (&'static str, f64, Option<&'static str>) {
    match style {
        PathStyle::Strongest => ("#d95f02", 6.0, None),
        PathStyle::Alternative => ("#d95f02", 3.5, Some("9 6")),
        PathStyle::Referral => ("#b8860b", 6.0, None),
    }
}

fn tie_style(strength: f64, freshness: Freshness) -> (&'static str, f64, Option<&'static str>) {
    let width = (0.6 + 3.0 * strength).max(1.0);
    match freshness {
        Freshness::Fresh => ("#3c3c3c", width, None),
        Freshness::Fading => ("#3c3c3c", width, Some("7 4")),
        Freshness::Lapsed => ("#3c3c3c", width, Some("1 4")),
        Freshness::Undated => ("#a0a0a0", width, None),
    }
}

use crate::markup::{Raw, markup_format, markupln};

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// `text`, cut with an ellipsis to at most `max` px wide at `font_size` px.
fn fit(text: &str, font_size: f64, bold: bool, max: f64) -> String {
    let mut chars = text.chars().count();
    let mut t = text.to_string();
    while chars > 1 && labels::text_width(&t, font_size, bold) > max {
        chars -= 1;
        t = truncate(text, chars);
    }
    t
}

/// A `#rrggbb` colour mixed with white, `t` of the way (0 keeps it, 1 is white).
fn lighten(color: &str, t: f64) -> String {
    let channel = |k: usize| {
        let c = color.get(1 + 2 * k..3 + 2 * k).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0);
        (f64::from(c) + (255.0 - f64::from(c)) * t).round() as u8
    };
    format!("#{:02x}{:02x}{:02x}", channel(0), channel(1), channel(2))
}

/// ` stroke-dasharray="..."` or nothing.
fn dash_attr(dash: Option<&str>) -> String {
    dash.map(|d| markup_format!(r#" stroke-dasharray="{}""#, d)).unwrap_or_default()
}

/// A five-pointed star's path centred on `(cx, cy)`.
fn star(cx: f64, cy: f64, outer: f64) -> String {
    let inner = outer * 0.45;
    let mut d = String::new();
    for k in 0..10 {
        let r = if k % 2 == 0 { outer } else { inner };
        let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::PI * f64::from(k) / 5.0;
        let _ = write!(d, "{}{:.1},{:.1}", if k == 0 { "M" } else { "L" }, cx + r * a.cos(), cy + r * a.sin());
    }
    d.push('Z');
    d
}

struct Geometry {
    /// `(x, y, r)` of every drawn node, in px.
    circles: Vec<(f64, f64, f64)>,
    /// Radius of the outermost ring of every node (its node radius if unmarked).
    outer: Vec<f64>,
    /// Smallest and largest size radius, for the legend.
    r_range: (f64, f64),
}

fn geometry(scene: &Scene<'_>, options: &DrawOptions) -> Geometry {
    let n = scene.nodes.len();
    let (aw, ah) = (f64::from(options.width) - LEGEND_WIDTH, f64::from(options.height));
    // About this much room per node.
    let room = (aw * ah / n.max(1) as f64).sqrt();
    let r_base = (room * 0.1).clamp(3.5, 9.0);
    let (r_min, r_max) = (r_base * 0.75, r_base * 2.4);
    let radius: Vec<f64> = match &scene.sizes {
        None => vec![r_base; n],
        Some((_, values)) => {
            let top = values
                .iter()
                .enumerate()
                .filter(|&(i, _)| Some(i) != scene.owner)
                .filter_map(|(_, v)| *v)
                .fold(0.0f64, f64::max);
            values
                .iter()
                .map(|v| match v {
                    Some(v) if top > 0.0 => r_min + (r_max - r_min) * (v / top).sqrt(),
                    _ => r_min,
                })
                .collect()
        }
    };
    let mut radius = radius;
    // Guests (outside the view, on a highlight) have no measure: draw them at the base size.
    for (r, _) in radius.iter_mut().zip(&scene.guest).filter(|(_, g)| **g) {
        *r = r_base;
    }
    if let Some(o) = scene.owner {
        radius[o] = r_max.max(2.0 * r_base) + 2.0;
    }
    let outer: Vec<f64> = (0..n).map(|i| radius[i] + ring_offset(scene.marks[i].len())).collect();

    let edges: Vec<(usize, usize)> = scene.ties.iter().map(|&(_, a, b)| (a, b)).collect();
    let unit = (room * 0.6).clamp(14.0, 60.0);
    let positions = layout::layout(
        &LayoutInput { owner: scene.owner, groups: &scene.group, edges: &edges, radii: &outer },
        unit,
        options.seed,
    );

    // Fit the layout into the drawing area, keeping its aspect ratio.
    let pad = MARGIN + r_max + 10.0;
    let (x0, x1, y0, y1) = positions
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY), |(a, b, c, d), p| {
            (a.min(p[0]), b.max(p[0]), c.min(p[1]), d.max(p[1]))
        });
    let (bw, bh) = ((x1 - x0).max(1e-9), (y1 - y0).max(1e-9));
    let (iw, ih) = ((aw - 2.0 * pad).max(1.0), (ah - 2.0 * pad).max(1.0));
    let scale = (iw / bw).min(ih / bh).min(4.0);
    let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let circles = positions
        .iter()
        .zip(&radius)
        .map(|(p, &r)| {
            let x = if n > 1 { aw / 2.0 + scale * (p[0] - mx) } else { aw / 2.0 };
            let y = if n > 1 { ah / 2.0 + scale * (p[1] - my) } else { ah / 2.0 };
            (round1(x), round1(y), round1(r))
        })
        .collect();
    Geometry { circles, outer, r_range: (r_min, r_max) }
}

/// Rounds to one decimal, as written.
fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Extra radius taken by `k` rings around a node.
fn ring_offset(k: usize) -> f64 {
    if k == 0 { 0.0 } else { 1.5 + 3.5 * k as f64 }
}

/// The label (and tooltip name) of a contact.
fn label_of(scene: &Scene<'_>, i: usize, labels: Labels) -> String {
    let networks = scene.view.networks();
    let node = scene.nodes[i];
    let contact = networks.contact_at(node);
    match labels {
        Labels::Names if !contact.name.trim().is_empty() => contact.name.clone(),
        Labels::Names | Labels::Ids => contact.id.to_string(),
        Labels::Pseudonyms => {
            let width = networks.contact_count().to_string().len().max(4);
            format!("C{:0width$}", node.index() + 1)
        }
    }
}

/// How an organization is called in the picture: its name, or under
/// [`Labels::Pseudonyms`] `Org01`, `Org02`, ... by organization input order.
fn organization_label(scene: &Scene<'_>, name: &str, labels: Labels) -> String {
    let organizations = scene.view.networks().organizations();
    match (labels, organizations.iter().position(|o| o.name == name)) {
        (Labels::Pseudonyms, Some(i)) => {
            let width = organizations.len().to_string().len().max(2);
            format!("Org{:0width$}", i + 1)
        }
        (Labels::Pseudonyms, None) => "Org".to_string(),
        _ => name.to_string(),
    }
}

fn tooltip(scene: &Scene<'_>, i: usize, labels: Labels) -> String {
    let contact: &Contact = scene.view.networks().contact_at(scene.nodes[i]);
    let mut t = label_of(scene, i, labels);
    let organization = organization_label(scene, &contact.organization, labels);
    let _ = write!(t, " · {organization} · {}", contact.role.as_str().replace('_', " "));
    if let Some(d) = &contact.department {
        let _ = write!(t, " · {d}");
    }
    if scene.guest[i] {
        t.push_str(" · outside this network");
    }
    t
}

fn group_color(scene: &Scene<'_>, g: usize) -> &'static str {
    let many = scene.groups.len() > PALETTE.len();
    let coloured = if many { PALETTE.len() - 1 } else { PALETTE.len() };
    if scene.groups[g].0 == NO_DEPARTMENT || g >= coloured { OTHER_COLOR } else { PALETTE[g] }
}

/// The whole document.
pub(crate) fn render(scene: &Scene<'_>, options: &DrawOptions) -> String {
    let geo = geometry(scene, options);
    let (w, h) = (options.width, options.height);
    let aw = f64::from(w) - LEGEND_WIDTH;
    let n = scene.nodes.len();

    let mut s = String::with_capacity(256 * (n + scene.ties.len()) + 8192);
    let _ = markupln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = markupln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" font-family="{}">"#,
        w,
        h,
        w,
        h,
        FONT
    );
    let network = match (&options.title, scene.view.kind()) {
        (Some(title), _) => title.clone(),
        (None, Some(kind)) => format!("{kind} network"),
        (None, None) => "whole portfolio".to_string(),
    };
    let _ = markupln!(s, "<title>salesnet: {} as of {}</title>", network, scene.as_of.date());
    let _ = markupln!(
        s,
        "<desc>{} contacts and {} ties; colour: {}; node size: {}; tie width: strength; tie dash: freshness.</desc>",
        n,
        scene.ties.len(),
        color_name(options),
        scene.sizes.as_ref().map_or("uniform", |(m, _)| m.as_str())
    );
    let _ = markupln!(s, r##"<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>"##, w, h);
    if n <= 1 {
        // Nobody but the owner: say so in words rather than draw a lone star.
        let what = scene.view.kind().map_or_else(|| "contacts".to_string(), |k| format!("{k} contacts"));
        let _ = markupln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="22" text-anchor="middle" fill="#444444">No {} yet: nothing to draw.</text>"##,
            f64::from(w) / 2.0,
            f64::from(h) / 2.0,
            what
        );
        let _ = markupln!(s, "</svg>");
        return s;
    }

    // Ties.
    let _ = markupln!(s, r#"<g class="ties" stroke-linecap="round" stroke-opacity="0.5">"#);
    for &(e, a, b) in &scene.ties {
        let dated = scene.as_of.dated(e);
        let (color, width, dash) = tie_style(dated.strength.get(), dated.freshness);
        // A salesperson's tie in their colour (the team picture).
        let color = scene.seller[a].or(scene.seller[b]).map_or(color, |k| SALES_PALETTE[k % SALES_PALETTE.len()]);
        let ((x1, y1, _), (x2, y2, _)) = (geo.circles[a], geo.circles[b]);
        let _ = markupln!(
            s,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{:.1}"{}/>"#,
            x1,
            y1,
            x2,
            y2,
            color,
            width,
            Raw(&dash_attr(dash))
        );
    }
    let _ = markupln!(s, "</g>");

    // Highlighted paths.
    let _ = markupln!(s, r#"<g class="paths" fill="none" stroke-linecap="round" stroke-linejoin="round">"#);
    for (path, style) in &scene.paths {
        let (color, width, dash) = path_style(*style);
        let points: Vec<String> =
            path.iter().map(|&i| format!("{:.1},{:.1}", geo.circles[i].0, geo.circles[i].1)).collect();
        let _ = markupln!(
            s,
            r#"<polyline points="{}" stroke="{}" stroke-width="{:.1}" stroke-opacity="0.6"{}/>"#,
            points.join(" "),
            color,
            width,
            Raw(&dash_attr(dash))
        );
    }
    let _ = markupln!(s, "</g>");

    // Rings of marked contacts, outermost first.
    let _ = markupln!(s, r#"<g class="marks" fill="none">"#);
    for (i, marks) in scene.marks.iter().enumerate() {
        let (x, y, r) = geo.circles[i];
        for (k, &mark) in marks.iter().enumerate().rev() {
            let st = mark_style(mark);
            let _ = markupln!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" stroke="{}" stroke-width="{:.1}"{}/>"#,
                x,
                y,
                r + ring_offset(k + 1) - 1.5,
                st.color,
                st.width,
                Raw(&dash_attr(st.dash))
            );
        }
    }
    let _ = markupln!(s, "</g>");

    // Contacts.
    let _ = markupln!(s, r#"<g class="nodes">"#);
    for i in 0..n {
        let (x, y, r) = geo.circles[i];
        let tip = tooltip(scene, i, options.labels);
        if let Some(k) = scene.seller[i] {
            let color = SALES_PALETTE[k % SALES_PALETTE.len()];
            let _ = markupln!(
                s,
                r##"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="#ffffff" stroke="{}" stroke-width="2.5"><title>{} · salesperson</title></circle>"##,
                x,
                y,
                r,
                color,
                tip
            );
            let _ = markupln!(s, r##"<path d="{}" fill="{}"/>"##, star(x, y, r * 0.85), color);
            continue;
        }
        if Some(i) == scene.owner {
            let _ = markupln!(
                s,
                r##"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="#ffffff" stroke="#111111" stroke-width="2.5"><title>{} · owner</title></circle>"##,
                x,
                y,
                r,
                tip
            );
            let _ = markupln!(s, r##"<path d="{}" fill="#111111"/>"##, star(x, y, r * 0.85));
            continue;
        }
        let color = group_color(scene, scene.group[i]);
        // Redundant contacts are drawn faded (mixed with white, so ties do not show through).
        let color = if scene.marks[i].contains(&Mark::Redundant) { lighten(color, 0.6) } else { color.to_string() };
        let outline = if scene.guest[i] {
            r##"stroke="#222222" stroke-width="1.3" stroke-dasharray="2 1.5""##
        } else {
            r##"stroke="#ffffff" stroke-width="1""##
        };
        let _ = markupln!(
            s,
            r#"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="{}" {}><title>{}</title></circle>"#,
            x,
            y,
            r,
            color,
            Raw(outline),
            tip
        );
    }
    let _ = markupln!(s, "</g>");

    let shown = write_labels(&mut s, scene, &geo, options, aw);
    write_legend(&mut s, scene, &geo, options, shown);
    let _ = markupln!(s, "</svg>");
    s
}

fn color_name(options: &DrawOptions) -> &'static str {
    match options.color_by {
        super::ColorBy::Organization => "organization",
        super::ColorBy::Department => "department",
    }
}

/// Places and writes the labels; returns how many were shown.
fn write_labels(s: &mut String, scene: &Scene<'_>, geo: &Geometry, options: &DrawOptions, aw: f64) -> usize {
    let n = scene.nodes.len();
    // Priority: owner, marked contacts, contacts on paths, then by size.
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut taken = vec![false; n];
    let mut take = |i: usize, order: &mut Vec<usize>| {
        if !taken[i] {
            taken[i] = true;
            order.push(i);
        }
    };
    if let Some(o) = scene.owner {
        take(o, &mut order);
    }
    for &i in &scene.mark_order {
        take(i, &mut order);
    }
    for &i in scene.paths.iter().flat_map(|(p, _)| p) {
        take(i, &mut order);
    }
    let important = order.len();
    let mut rest: Vec<usize> = (0..n).collect();
    rest.sort_by(|&a, &b| geo.circles[b].2.total_cmp(&geo.circles[a].2).then(a.cmp(&b)));
    for i in rest {
        take(i, &mut order);
    }

    let font = |k: usize| -> (f64, bool) {
        if Some(order[k]) == scene.owner {
            (13.0, true)
        } else if k < important {
            (12.0, true)
        } else {
            (10.5, false)
        }
    };
    let texts: Vec<String> =
        order.iter().map(|&i| truncate(&label_of(scene, i, options.labels), MAX_LABEL_CHARS)).collect();
    let requests: Vec<Request> = order
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let (size, bold) = font(k);
            Request {
                node: i,
                width: labels::text_width(&texts[k], size, bold) + 4.0,
                height: size * 1.3,
                far: k < important,
            }
        })
        .collect();
    let rings: Vec<(f64, f64, f64)> = geo.circles.iter().zip(&geo.outer).map(|(&(x, y, _), &o)| (x, y, o)).collect();
    let bounds = Rect { x0: 4.0, y0: 4.0, x1: aw - 4.0, y1: f64::from(options.height) - 4.0 };
    let placed = labels::place(&requests, &rings, bounds);

    let _ = markupln!(s, r##"<g class="labels" fill="#1a1a1a">"##);
    let mut shown = 0;
    for (k, p) in placed.iter().enumerate() {
        let Some(p) = p else { continue };
        shown += 1;
        let (size, bold) = font(k);
        let r = p.rect;
        let x = match p.anchor {
            Anchor::Start => r.x0 + 2.0,
            Anchor::Middle => (r.x0 + r.x1) / 2.0,
            Anchor::End => r.x1 - 2.0,
        };
        let baseline = (r.y0 + r.y1) / 2.0 + 0.35 * size;
        let weight = if bold { r#" font-weight="bold""# } else { "" };
        let leader = if p.leader {
            // From the node's outermost ring to the nearest point of the box.
            let (cx, cy, _) = geo.circles[order[k]];
            let (bx, by) = (cx.clamp(r.x0, r.x1), cy.clamp(r.y0, r.y1));
            let d = (bx - cx).hypot(by - cy).max(1e-9);
            let o = geo.outer[order[k]] + 1.0;
            let (sx, sy) = (cx + (bx - cx) * o / d, cy + (by - cy) * o / d);
            markup_format!(
                r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#333333" stroke-width="1"/>"##,
                sx,
                sy,
                bx,
                by
            )
        } else {
            String::new()
        };
        let _ = markupln!(
            s,
            r##"<g>{}<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="2" fill="#ffffff" fill-opacity="0.78"/><text x="{:.1}" y="{:.1}" font-size="{}" text-anchor="{}"{}>{}</text></g>"##,
            Raw(&leader),
            r.x0,
            r.y0,
            r.x1 - r.x0,
            r.y1 - r.y0,
            x,
            baseline,
            size,
            p.anchor.as_str(),
            Raw(weight),
            texts[k]
        );
    }
    let _ = markupln!(s, "</g>");
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lightens_towards_white() {
        assert_eq!(lighten("#000000", 0.5), "#808080");
        assert_eq!(lighten("#4e79a7", 0.0), "#4e79a7");
        assert_eq!(lighten("#4e79a7", 1.0), "#ffffff");
    }

    #[test]
    fn truncates_long_text() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        let long = "a very long organization name that cannot fit";
        let cut = fit(long, 11.0, false, 100.0);
        assert!(cut.ends_with('…') && labels::text_width(&cut, 11.0, false) <= 100.0);
        assert_eq!(fit("short", 11.0, false, 100.0), "short");
    }
}
