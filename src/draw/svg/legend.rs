//! The legend column of a stage picture: what the marks, colours and
//! lines mean, in a salesperson's words, and the key numbers.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Writes legend rows top-down in the right-hand column.
struct Legend<'s> {
    s: &'s mut String,
    x: f64,
    y: f64,
    bottom: f64,
}

impl Legend<'_> {
    fn heading(&mut self, text: &str) {
        self.y += 22.0;
        let _ = markupln!(
            self.s,
            r##"<text x="{:.1}" y="{:.1}" font-size="13" font-weight="bold" fill="#222222">{}</text>"##,
            self.x,
            self.y,
            fit(text, 13.0, true, LEGEND_TEXT)
        );
        self.y += 6.0;
    }

    /// A row: a symbol drawn by `symbol(cx, cy)` in a 30 px column, then text.
    fn row(&mut self, text: &str, symbol: impl FnOnce(f64, f64) -> String) {
        self.y += 17.0;
        let (cx, cy) = (self.x + 14.0, self.y - 4.0);
        let _ = markupln!(self.s, "{}", Raw(&symbol(cx, cy)));
        let _ = markupln!(
            self.s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="#222222">{}</text>"##,
            self.x + 34.0,
            self.y,
            fit(text, 11.0, false, LEGEND_TEXT - 34.0)
        );
    }

    fn text(&mut self, text: &str) {
        self.y += 15.0;
        let _ = markupln!(
            self.s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="#444444">{}</text>"##,
            self.x,
            self.y,
            fit(text, 11.0, false, LEGEND_TEXT)
        );
    }

    fn room(&self, rows: usize) -> bool {
        self.y + 17.0 * rows as f64 <= self.bottom
    }
}

pub(super) fn write_legend(s: &mut String, scene: &Scene<'_>, geo: &Geometry, options: &DrawOptions, shown: usize) {
    let (w, h) = (f64::from(options.width), f64::from(options.height));
    let x0 = w - LEGEND_WIDTH;
    let _ = markupln!(s, r#"<g class="legend">"#);
    let _ = markupln!(
        s,
        r##"<rect x="{:.1}" y="0" width="{:.1}" height="{:.1}" fill="#f5f5f5" stroke="#d0d0d0"/>"##,
        x0,
        LEGEND_WIDTH,
        h
    );
    let mut l = Legend { s, x: x0 + 16.0, y: 14.0, bottom: h - 12.0 };
    let title = match (&options.title, scene.view.kind()) {
        (Some(title), _) => title.clone(),
        (None, Some(kind)) => {
            let mut t = format!("{kind} network");
            t[..1].make_ascii_uppercase();
            t
        }
        (None, None) => "Whole portfolio".to_string(),
    };
    l.y += 16.0;
    let _ = markupln!(
        l.s,
        r##"<text x="{:.1}" y="{:.1}" font-size="18" font-weight="bold" fill="#111111">{}</text>"##,
        l.x,
        l.y,
        fit(&title, 18.0, true, LEGEND_TEXT)
    );
    if let Some(subtitle) = &options.subtitle {
        for line in subtitle.lines() {
            l.text(line);
        }
    }
    let n = scene.nodes.len();
    l.text(&format!("as of {} · {} contacts · {} ties", scene.as_of.date(), n, scene.ties.len()));
    let labels = match options.labels {
        Labels::Names => "names",
        Labels::Ids => "ids",
        Labels::Pseudonyms => "pseudonyms",
    };
    l.text(&format!("labels: {labels}, {shown} of {n} shown"));
    if shown < n {
        l.text("(hover over a contact for its label)");
    }

    // Owner and sizes.
    l.heading("Contacts");
    let owner_r = scene.owner.map_or(8.0, |o| geo.circles[o].2).min(10.0);
    let owner_is_seller = scene.owner.is_some_and(|o| scene.seller[o].is_some());
    if !owner_is_seller {
        l.row("owner (whose networks these are)", |cx, cy| {
            markup_format!(r##"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="#ffffff" stroke="#111111" stroke-width="2"/><path d="{}" fill="#111111"/>"##, cx, cy, owner_r, star(cx, cy, owner_r * 0.85))
        });
    }
    let mut sellers: Vec<(usize, usize)> =
        scene.seller.iter().enumerate().filter_map(|(i, k)| k.map(|k| (k, i))).collect();
    sellers.sort_unstable();
    for (k, i) in sellers {
        if !l.room(1) {
            break;
        }
        let color = SALES_PALETTE[k % SALES_PALETTE.len()];
        let name = fit(&label_of(scene, i, options.labels), 11.0, false, LEGEND_TEXT - 34.0);
        l.row(&format!("{name} and their ties"), |cx, cy| {
            markup_format!(r##"<circle cx="{:.1}" cy="{:.1}" r="8" fill="#ffffff" stroke="{}" stroke-width="2"/><path d="{}" fill="{}"/>"##, cx, cy, color, star(cx, cy, 6.8), color)
        });
    }
    if let Some((measure, values)) = &scene.sizes {
        let (lo, hi) = values
            .iter()
            .enumerate()
            .filter(|&(i, _)| Some(i) != scene.owner)
            .filter_map(|(_, v)| *v)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
        let (rmin, rmax) = geo.r_range;
        let range = if lo.is_finite() { format!("({} to {})", number(lo), number(hi)) } else { String::new() };
        // The range goes on a line of its own when the words need the room.
        let one_line = format!("size: {measure} {range}");
        let fits = labels::text_width(one_line.trim_end(), 11.0, false) <= LEGEND_TEXT - 34.0;
        let words = format!("size: {measure}");
        let words_fit = labels::text_width(&words, 11.0, false) <= LEGEND_TEXT - 34.0;
        let first = match (fits, words_fit) {
            (true, _) => one_line.trim_end().to_string(),
            (false, true) => words,
            (false, false) => "size:".to_string(),
        };
        l.row(&first, |cx, cy| {
            markup_format!(r##"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="#888888"/><circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="#888888"/>"##, cx - 9.0, cy, rmin, cx + 5.0, cy, rmax.min(9.0))
        });
        if !fits && !words_fit {
            l.text(measure);
        }
        if !fits && !range.is_empty() {
            l.text(&range);
        }
    }
    if scene.guest.iter().any(|&g| g) {
        l.row("outside this network (on a highlight)", |cx, cy| {
            markup_format!(r##"<circle cx="{:.1}" cy="{:.1}" r="6" fill="#dddddd" stroke="#222222" stroke-width="1.3" stroke-dasharray="2 1.5"/>"##, cx, cy)
        });
    }

    // Marks and paths, those used only.
    let used: Vec<Mark> = Mark::ALL.into_iter().filter(|m| scene.marks.iter().any(|ms| ms.contains(m))).collect();
    let styles: Vec<PathStyle> =
        PathStyle::ALL.into_iter().filter(|st| scene.paths.iter().any(|(_, s)| s == st)).collect();
    if !(used.is_empty() && styles.is_empty()) && l.room(2) {
        l.heading("Highlights");
        for mark in used {
            if !l.room(1) {
                break;
            }
            let st = mark_style(mark);
            l.row(mark.description(), |cx, cy| {
                markup_format!(r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="#bbbbbb"/><circle cx="{:.1}" cy="{:.1}" r="7" fill="none" stroke="{}" stroke-width="{:.1}"{}/>"##, cx, cy, cx, cy, st.color, st.width, Raw(&dash_attr(st.dash)))
            });
        }
        for style in styles {
            if !l.room(1) {
                break;
            }
            let (color, width, dash) = path_style(style);
            l.row(style.description(), |cx, cy| {
                markup_format!(r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{:.1}" stroke-opacity="0.6" stroke-linecap="round"{}/>"#, cx - 12.0, cy, cx + 12.0, cy, color, width, Raw(&dash_attr(dash)))
            });
        }
    }

    // Colours.
    l.heading(&format!("Colour: {}", color_name(options)));
    let many = scene.groups.len() > PALETTE.len();
    let coloured = if many { PALETTE.len() - 1 } else { PALETTE.len() };
    let mut lumped = (0usize, 0usize);
    for (g, (name, count)) in scene.groups.iter().enumerate() {
        if *count == 0 {
            continue; // only the owner's group, nobody else in it
        }
        if g >= coloured || !l.room(2) {
            lumped.0 += 1;
            lumped.1 += count;
            continue;
        }
        let color = group_color(scene, g);
        let name = match options.color_by {
            super::super::ColorBy::Organization => organization_label(scene, name, options.labels),
            super::super::ColorBy::Department => name.clone(),
        };
        let name = fit(&name, 11.0, false, LEGEND_TEXT - 80.0);
        l.row(&format!("{name} ({count})"), |cx, cy| {
            markup_format!(r#"<circle cx="{:.1}" cy="{:.1}" r="6" fill="{}"/>"#, cx, cy, color)
        });
    }
    if lumped.0 > 0 {
        l.row(&format!("{} more ({} contacts)", lumped.0, lumped.1), |cx, cy| {
            markup_format!(r#"<circle cx="{:.1}" cy="{:.1}" r="6" fill="{}"/>"#, cx, cy, OTHER_COLOR)
        });
    }

    // Ties.
    if l.room(8) {
        l.heading("Ties: width = strength");
        for strength in [0.2, 0.6, 1.0] {
            let (color, width, _) = tie_style(strength, Freshness::Fresh);
            l.row(&format!("strength {strength:.1}"), |cx, cy| {
                markup_format!(r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{:.1}" stroke-linecap="round"/>"#, cx - 12.0, cy, cx + 12.0, cy, color, width)
            });
        }
    }
    if l.room(5) {
        let p = scene.as_of.policy();
        l.heading("Ties: dash = last contact");
        let rows = [
            (Freshness::Fresh, format!("fresh: within {} days", p.fresh_days())),
            (Freshness::Fading, format!("fading: {} to {} days", p.fresh_days() + 1, p.lapse_days() - 1)),
            (Freshness::Lapsed, format!("lapsed: {} days or more", p.lapse_days())),
            (Freshness::Undated, "undated (grey)".to_string()),
        ];
        for (freshness, text) in rows {
            let (color, width, dash) = tie_style(0.6, freshness);
            l.row(&text, |cx, cy| {
                markup_format!(r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{:.1}" stroke-linecap="round"{}/>"#, cx - 12.0, cy, cx + 12.0, cy, color, width, Raw(&dash_attr(dash)))
            });
        }
    }

    let _ = markupln!(l.s, "</g>");
}

/// A measure value for the legend: whole numbers without decimals, others with two.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{v:.0}") } else { format!("{v:.2}") }
}
