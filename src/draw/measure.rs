//! The node sizes `draw` computes itself ([`SizeBy`]): degree, Burt's
//! effective size and betweenness, unweighted, from the measures layer on the
//! view's active ties.

use crate::error::Result;
use crate::graph::{Node, Ties, Weighting};
use crate::measures::{self, BetweennessOptions, MeasureOptions};
use crate::model::{AsOf, NetworkView};

use super::SizeBy;

/// The measure `size_by` names, one value per contact of `view` in the view's
/// order, on the view's ties of strength above 0 as of the drawing's date
/// (the snapshot the stage reports measure); an empty vector for
/// [`SizeBy::Uniform`].
///
/// # Errors
///
/// As [`measures::betweenness`] and [`measures::structural_holes`] (none for
/// the unweighted options used here).
pub(crate) fn view_measure<'a>(as_of: &AsOf<'a>, view: &NetworkView<'a>, size_by: SizeBy) -> Result<Vec<Option<f64>>> {
    if size_by == SizeBy::Uniform {
        return Ok(Vec::new());
    }
    let snapshot = as_of.snapshot(view, Ties::Active).into_snapshot();
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
