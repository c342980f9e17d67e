//! Layer 3: general social-network measures on a [`Snapshot`](crate::graph::Snapshot).
