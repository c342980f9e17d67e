//! Node positions: a seeded initial placement refined by `fjadra`'s
//! force simulation (a port of d3-force).

use fjadra::{Collide, Link, ManyBody, Node, PositionX, PositionY, SimulationBuilder};

use crate::random::Rng;

/// What the layout needs to know about the drawing.
pub(crate) struct LayoutInput<'a> {
    /// The owner's index, pinned at the centre.
    pub owner: Option<usize>,
    /// Colour group of each node: nodes of one group start side by side.
    pub groups: &'a [usize],
    /// Ties as index pairs.
    pub edges: &'a [(usize, usize)],
    /// Node radii in layout units.
    pub radii: &'a [f64],
}

/// Ticks of the simulation: alpha cools from 1 to [`ALPHA_MIN`] over them.
pub(crate) const TICKS: usize = 120;
const ALPHA_MIN: f64 = 0.001;

/// Positions of every node around the origin (the owner sits at the origin),
/// for tied nodes about `unit` apart.
///
/// The initial placement puts the nodes on a disc, one sector per colour
/// group (groups in order of first appearance, nodes in input order), with a
/// seeded jitter in angle and radius; the simulation then runs a fixed number
/// of ticks. Same input and seed, same positions, bit for bit.
pub(crate) fn layout(input: &LayoutInput<'_>, unit: f64, seed: u64) -> Vec<[f64; 2]> {
    let n = input.radii.len();
    if n == 0 {
        return Vec::new();
    }
    let mut rng = Rng::new(seed);
    let others: Vec<usize> = (0..n).filter(|&i| Some(i) != input.owner).collect();
    let mut by_group = others.clone();
    by_group.sort_by_key(|&i| input.groups[i]); // stable: input order within a group
    let disc = unit * (others.len() as f64).sqrt();
    let turn = rng.unit() * std::f64::consts::TAU;
    let mut initial = vec![[0.0, 0.0]; n];
    for (k, &i) in by_group.iter().enumerate() {
        let angle = turn + std::f64::consts::TAU * (k as f64 + 0.5 * rng.unit()) / others.len() as f64;
        let radius = disc * (0.45 + 0.55 * rng.unit());
        initial[i] = [radius * angle.cos(), radius * angle.sin()];
    }

    let nodes: Vec<Node> = (0..n)
        .map(|i| {
            let [x, y] = initial[i];
            if Some(i) == input.owner { Node::default().fixed_position(x, y) } else { Node::default().position(x, y) }
        })
        .collect();
    // Ties among the other contacts shape the clusters; the owner's ties
    // (a star to nearly everyone) only hold contacts loosely around the centre.
    let touches_owner = |&(a, b): &(usize, usize)| Some(a) == input.owner || Some(b) == input.owner;
    let owner_edges: Vec<(usize, usize)> = input.edges.iter().copied().filter(touches_owner).collect();
    let edges: Vec<(usize, usize)> = input.edges.iter().copied().filter(|e| !touches_owner(e)).collect();
    let radii = input.radii.to_vec();
    let mut simulation = SimulationBuilder::default()
        .with_alpha_decay(1.0 - ALPHA_MIN.powf(1.0 / TICKS as f64))
        .with_alpha_min(ALPHA_MIN)
        .build(nodes)
        // Charge falls with distance where springs rise with it: scaling all
        // lengths by k keeps the balance when the charge scales by k².
        .add_force("charge", ManyBody::new().strength(-50.0 * (unit / 40.0).powi(2)))
        .add_force("link", Link::new(edges).distance(unit))
        .add_force("owner", Link::new(owner_edges).distance(disc * 0.6).strength(0.02))
        .add_force("x", PositionX::new().strength(0.07))
        .add_force("y", PositionY::new().strength(0.07))
        .add_force("collide", Collide::new().radius(move |i| radii[i] + 3.0).iterations(1));
    simulation.tick(TICKS);
    simulation.positions().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_deterministic_and_finite() {
        let groups = [0, 0, 1, 1, 2];
        let edges = [(0, 1), (0, 2), (1, 2), (3, 4), (0, 4)];
        let radii = [8.0, 4.0, 4.0, 5.0, 4.0];
        let input = LayoutInput { owner: Some(0), groups: &groups, edges: &edges, radii: &radii };
        let a = layout(&input, 30.0, 7);
        let b = layout(&input, 30.0, 7);
        assert_eq!(a, b);
        assert_eq!(a[0], [0.0, 0.0]);
        assert!(a.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
        assert_ne!(a, layout(&input, 30.0, 8));
    }
}
