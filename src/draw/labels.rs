//! Label placement: a greedy choice among candidate positions around each
//! node, so that no two labels overlap and no label covers a node.

/// An axis-aligned rectangle, `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// Whether the two rectangles share interior points (touching edges do not count).
    pub(crate) fn intersects(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    /// Whether `other` lies inside this rectangle.
    pub(crate) fn contains(&self, other: &Rect) -> bool {
        self.x0 <= other.x0 && other.x1 <= self.x1 && self.y0 <= other.y0 && other.y1 <= self.y1
    }

    /// Whether the circle with centre `(cx, cy)` and radius `r` reaches into the rectangle.
    pub(crate) fn meets_circle(&self, cx: f64, cy: f64, r: f64) -> bool {
        let dx = cx - cx.clamp(self.x0, self.x1);
        let dy = cy - cy.clamp(self.y0, self.y1);
        dx * dx + dy * dy < r * r
    }
}

/// Estimated advance width of `text` at `font_size` px in DejaVu Sans (the
/// default sans-serif face on Debian), the widest of the faces the drawing
/// names, so the estimate errs on the wide side in Verdana or Arial.
pub(crate) fn text_width(text: &str, font_size: f64, bold: bool) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '\'' | '|' | '!' | '.' | ',' | ':' | ';' => 0.32,
            ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' => 0.42,
            'm' | 'w' => 0.98,
            'M' | 'W' => 1.0,
            '0'..='9' => 0.64,
            'a'..='z' => 0.62,
            'A'..='Z' => 0.78,
            c if (c as u32) >= 0x2E80 => 1.0,
            _ => 0.8,
        })
        .sum();
    em * font_size * if bold { 1.1 } else { 1.0 }
}

/// Where a label's text starts relative to its anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// Text runs right from the point.
    Start,
    /// Text is centred on the point.
    Middle,
    /// Text ends at the point.
    End,
}

impl Anchor {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A label to place, of `width` x `height` px, for node `node`.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub node: usize,
    pub width: f64,
    pub height: f64,
    /// Whether the label may also go further out, joined to its node by a
    /// leader line (for the labels that matter most).
    pub far: bool,
}

/// A placed label: its box, and which side of the box the text hugs (the
/// side next to the node).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Placed {
    pub rect: Rect,
    pub anchor: Anchor,
    /// Whether the label stands off its node and needs a leader line.
    pub leader: bool,
}

/// Padding kept between a label's box and its node.
const GAP: f64 = 2.0;

/// Places labels greedily in the order given (most important first).
///
/// Each label tries, in order, the positions right, left, above and below
/// its node, then the four diagonals, then the same eight one step further
/// out (and, for a `far` request, three more rings of eight, further still,
/// to be joined by a leader line); it takes the first whose box stays inside
/// `bounds`, overlaps no label placed before and reaches into no node's
/// circle. A label with no free position is left out (`None`): the node
/// keeps its tooltip.
///
/// `circles` holds every node's `(x, y, r)`, indexed by `Request::node`.
///
/// Complexity: O(L (L + V)) for L labels and V nodes.
pub(crate) fn place(requests: &[Request], circles: &[(f64, f64, f64)], bounds: Rect) -> Vec<Option<Placed>> {
    let mut placed: Vec<Rect> = Vec::with_capacity(requests.len());
    let mut out = Vec::with_capacity(requests.len());
    for req in requests {
        let (x, y, r) = circles[req.node];
        let choice = candidates(x, y, r, req.width, req.height, req.far).into_iter().find(|cand| {
            bounds.contains(&cand.rect)
                && !placed.iter().any(|p| p.intersects(&cand.rect))
                && !circles.iter().any(|&(cx, cy, cr)| cand.rect.meets_circle(cx, cy, cr + 1.0))
        });
        if let Some(c) = choice {
            placed.push(c.rect);
        }
        out.push(choice);
    }
    out
}

/// The candidate positions around one node, best first.
fn candidates(x: f64, y: f64, r: f64, w: f64, h: f64, far: bool) -> Vec<Placed> {
    let steps: &[f64] = if far { &[0.0, 0.6, 1.6, 2.8, 4.2] } else { &[0.0, 0.6] };
    let mut out = Vec::with_capacity(8 * steps.len());
    for step in steps.iter().map(|s| s * h) {
        let d = r + GAP + step;
        let diag = (r + GAP) * std::f64::consts::FRAC_1_SQRT_2 + step;
        // (box left, box top, anchor)
        let spots = [
            (x + d, y - h / 2.0, Anchor::Start),
            (x - d - w, y - h / 2.0, Anchor::End),
            (x - w / 2.0, y - d - h, Anchor::Middle),
            (x - w / 2.0, y + d, Anchor::Middle),
            (x + diag, y - diag - h, Anchor::Start),
            (x + diag, y + diag, Anchor::Start),
            (x - diag - w, y - diag - h, Anchor::End),
            (x - diag - w, y + diag, Anchor::End),
        ];
        for (left, top, anchor) in spots {
            let rect = Rect { x0: left, y0: top, x1: left + w, y1: top + h };
            out.push(Placed { rect, anchor, leader: step > h });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::Rng;

    #[test]
    fn three_hundred_labels_never_overlap() {
        let mut rng = Rng::new(42);
        let bounds = Rect { x0: 0.0, y0: 0.0, x1: 1100.0, y1: 1000.0 };
        let circles: Vec<(f64, f64, f64)> =
            (0..300).map(|_| (20.0 + 1060.0 * rng.unit(), 20.0 + 960.0 * rng.unit(), 3.0 + 6.0 * rng.unit())).collect();
        let requests: Vec<Request> = (0..300)
            .map(|node| {
                let chars = 4 + (rng.next_u64() % 12) as usize;
                Request { node, width: text_width(&"a".repeat(chars), 10.0, false), height: 12.0, far: node % 10 == 0 }
            })
            .collect();
        let placed = place(&requests, &circles, bounds);
        let rects: Vec<Rect> = placed.iter().flatten().map(|p| p.rect).collect();
        assert!(rects.len() > 200, "only {} of 300 labels placed", rects.len());
        for (i, a) in rects.iter().enumerate() {
            assert!(bounds.contains(a));
            for b in &rects[i + 1..] {
                assert!(!a.intersects(b), "{a:?} overlaps {b:?}");
            }
            for &(cx, cy, r) in &circles {
                assert!(!a.meets_circle(cx, cy, r));
            }
        }
    }

    #[test]
    fn first_choice_is_right_of_the_node() {
        let bounds = Rect { x0: 0.0, y0: 0.0, x1: 200.0, y1: 200.0 };
        let request = Request { node: 0, width: 30.0, height: 10.0, far: false };
        let placed = place(&[request], &[(100.0, 100.0, 5.0)], bounds);
        let p = placed[0].unwrap();
        assert_eq!(p.anchor, Anchor::Start);
        assert_eq!(p.rect, Rect { x0: 107.0, y0: 95.0, x1: 137.0, y1: 105.0 });
    }

    #[test]
    fn rect_circle_contact() {
        let r = Rect { x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0 };
        assert!(r.meets_circle(12.0, 5.0, 3.0));
        assert!(!r.meets_circle(14.0, 5.0, 3.0));
        assert!(!r.meets_circle(13.0, 13.0, 4.0));
        assert!(r.intersects(&Rect { x0: 9.0, y0: 9.0, x1: 20.0, y1: 20.0 }));
        assert!(!r.intersects(&Rect { x0: 10.0, y0: 0.0, x1: 20.0, y1: 10.0 }));
    }
}
