//! A funnel chart: one salesperson's deals per funnel step.

use std::fmt::Write as _;

use crate::markup::markupln;

use crate::draw::Svg;
use crate::model::Step;
use crate::stages::{DiagnosisCode, Pipeline};

/// Width of the chart in pixels.
const WIDTH: f64 = 640.0;
/// Height of one step's row.
const ROW: f64 = 34.0;
/// Space above the first row (title).
const TOP: f64 = 40.0;
/// Width of the bars' column (labels go to its right).
const BARS: f64 = 360.0;

/// Draws a funnel chart of one pipeline: one centred bar per step, its
/// width proportional to the deals that **reached** the step (light) with
/// the **open** deals at the step inside it (dark), the conversion to the
/// next step between rows, and the steps a diagnosis names in red.
///
/// `title` is written at the top (escaped). The chart is a standalone SVG
/// document of a fixed width (640 px); the same pipeline always gives the
/// same bytes.
///
/// # Complexity
///
/// O(1): six rows.
///
/// # Examples
///
/// ```
/// use salesnet::draw::funnel_chart;
/// use salesnet::jiff::civil::date;
/// use salesnet::stages::{FunnelThresholds, pipeline};
/// use salesnet::{Deal, Step};
///
/// let deals = [Deal::new("a", "Globex", "me", Step::Proposal, date(2025, 1, 1))?];
/// let svg = funnel_chart("Ann Seller", &pipeline(&deals, &FunnelThresholds::default()));
/// assert!(svg.as_str().starts_with("<svg"));
/// assert!(svg.as_str().contains("proposal"));
/// # Ok::<(), salesnet::Error>(())
/// ```
#[must_use]
pub fn funnel_chart(title: &str, pipeline: &Pipeline) -> Svg {
    let height = TOP + ROW * Step::ALL.len() as f64 + 28.0;
    let mut s = String::with_capacity(4096);
    let _ = markupln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"sans-serif\" font-size=\"12\">",
        WIDTH,
        height,
        WIDTH,
        height
    );
    let _ = markupln!(s, "<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>", WIDTH, height);
    let _ = markupln!(s, "<text x=\"8\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{}</text>", title);
    let max = pipeline.reached.values().copied().max().unwrap_or(0).max(1) as f64;
    // Steps a diagnosis points at.
    let flagged = |step: Step| {
        pipeline.diagnoses.iter().any(|d| match d.code {
            DiagnosisCode::NotProspecting => step == d.from_step,
            DiagnosisCode::WeakProposals | DiagnosisCode::WeakNegotiation | DiagnosisCode::NotShrinking => {
                step == d.to_step
            }
        })
    };
    for (i, &step) in Step::ALL.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let reached = pipeline.reached.get(&step).copied().unwrap_or(0);
        let open = pipeline.steps.get(&step).copied().unwrap_or(0);
        let w = (BARS - 20.0) * reached as f64 / max;
        let wo = (BARS - 20.0) * open as f64 / max;
        let cx = BARS / 2.0;
        let (light, dark) = if flagged(step) { ("#f4c7c3", "#c0392b") } else { ("#cfe0f3", "#2f6db3") };
        if reached > 0 {
            let _ = markupln!(
                s,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
                cx - w / 2.0,
                y + 3.0,
                w.max(1.0),
                ROW - 10.0,
                light
            );
        }
        if open > 0 {
            let _ = markupln!(
                s,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
                cx - wo / 2.0,
                y + 8.0,
                wo.max(1.0),
                ROW - 20.0,
                dark
            );
        }
        let color = if flagged(step) { "#c0392b" } else { "#222222" };
        let _ = markupln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{}\"><tspan font-weight=\"bold\">{}</tspan>: {} open, {} reached</text>",
            BARS + 8.0,
            y + 16.0,
            color,
            step.as_str().replace('_', " "),
            open,
            reached
        );
        if let Some(c) = pipeline.conversion.get(i)
            && let Some(rate) = c.rate
        {
            let _ = markupln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#666666\" font-size=\"10\">\u{2193} {:.0}%</text>",
                BARS + 8.0,
                y + ROW + 1.0,
                rate * 100.0
            );
        }
    }
    let codes: Vec<&str> = pipeline.diagnoses.iter().map(|d| d.code.as_str()).collect();
    let summary = format!(
        "won {}, lost {}; {}",
        pipeline.won,
        pipeline.lost,
        if codes.is_empty() { "no diagnosis".to_string() } else { codes.join(", ") }
    );
    let _ = markupln!(
        s,
        "<text x=\"8\" y=\"{:.1}\" fill=\"{}\">{}</text>",
        height - 10.0,
        if codes.is_empty() { "#2e7d32" } else { "#c0392b" },
        summary
    );
    s.push_str("</svg>\n");
    Svg(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Deal, DealStatus};
    use crate::stages::{FunnelThresholds, pipeline};

    #[test]
    fn flags_the_diagnosed_steps_and_escapes() {
        let day = jiff::civil::date(2025, 1, 1);
        let mut deals = vec![Deal::new("n", "G", "me", Step::NewContact, day).expect("deal")];
        for i in 0..3 {
            deals.push(Deal::new(&format!("x{i}"), "G", "me", Step::Negotiating, day).expect("deal"));
        }
        deals.push(Deal::new("w", "G", "me", Step::Paid, day).expect("deal").with_status(DealStatus::Won));
        let p = pipeline(&deals, &FunnelThresholds::default());
        let svg = funnel_chart("A <b> & C", &p);
        assert!(svg.as_str().contains("A &lt;b&gt; &amp; C"));
        assert!(svg.as_str().contains("not_prospecting"));
        assert!(svg.as_str().contains("#c0392b"));
        assert_eq!(svg, funnel_chart("A <b> & C", &p));
    }
}
