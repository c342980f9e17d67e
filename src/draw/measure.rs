//! The node sizes `draw` computes itself ([`SizeBy`]): degree, Burt's
//! effective size and betweenness, unweighted, from the measures layer on the
//! view's active ties.

use crate::error::Result;
use crate::graph::{Node, Snapshot, Weighting};
use crate::measures::{self, BetweennessOptions, MeasureOptions};
use crate::model::NetworkView;

use super::{DrawOptions, SizeBy};

/// The measure `size_by` names, one value per contact of `view` in the view's
/// order, on the view's ties of strength above 0 as of the drawing's date
/// (the snapshot the stage reports measure); an empty vector for
/// [`SizeBy::Uniform`].
///
/// # Errors
///
/// As [`measures::betweenness`] and [`measures::structural_holes`] (none for
/// the unweighted options used here).
pub(crate) fn view_measure(view: &NetworkView<'_>, size_by: SizeBy, options: &DrawOptions) -> Result<Vec<Option<f64>>> {
    if size_by == SizeBy::Uniform {
        return Ok(Vec::new());
    }
    let snapshot = Snapshot::from_view_where(view, options.as_of, &options.policy, |_, w| w > 0.0);
    Ok(match size_by {
        SizeBy::Uniform => Vec::new(),
        SizeBy::Degree => (0..snapshot.node_count()).map(|v| Some(snapshot.degree(v as Node) as f64)).collect(),
        SizeBy::EffectiveSize => {
            let options = MeasureOptions::new().weighting(Weighting::Unweighted);
            measures::structural_holes(&snapshot, &options)?.into_iter().map(|h| h.effective_size).collect()
        }
        SizeBy::Betweenness => {
            let options = BetweennessOptions::new().weighting(Weighting::Unweighted);
            measures::betweenness(&snapshot, &options)?.into_iter().map(Some).collect()
        }
    })
}
