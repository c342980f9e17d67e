//! The attribute columns of a CSV file written from records whose attributes
//! may come in different orders.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::model::Attributes;

/// The attribute columns of a file: every key in order of first appearance,
/// except that a key goes after the keys some record lists before it. The
/// "listed before" pairs (each key and the key after it in a record) are
/// taken in record order, each one dropped if it contradicts (closes a cycle
/// with) the pairs taken so far; the columns are then the topological order
/// of the pairs taken, ties broken by first appearance.
///
/// # Complexity
///
/// The taken pairs keep a topological order up to date (Pearce and Kelly
/// 2006), so a pair that agrees with it costs O(1). A pair against it first
/// asks whether the order already links the two keys through consecutive
/// taken pairs (O(log k) in the k keys, a Fenwick tree); only otherwise does
/// it search the part of the order between them. Records listing the same
/// keys in shuffled orders therefore cost O(log k) per pair once the first
/// record fixed the order: near-linear in the total number of attributes,
/// where a search per pair was quadratic in k.
///
/// Pearce, D. J. and Kelly, P. H. J. (2006). A dynamic topological sort
/// algorithm for directed acyclic graphs. *ACM J. Exp. Algorithmics* 11.
pub(crate) fn attribute_columns<'a>(records: impl IntoIterator<Item = &'a Attributes>) -> Vec<&'a str> {
    let records: Vec<&'a Attributes> = records.into_iter().collect();
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    let mut keys: Vec<&'a str> = Vec::new();
    for attrs in &records {
        for (key, _) in attrs.iter() {
            index.entry(key).or_insert_with(|| {
                keys.push(key);
                keys.len() - 1
            });
        }
    }
    let mut order = Order::new(keys.len());
    for attrs in &records {
        let mut previous: Option<usize> = None;
        for (key, _) in attrs.iter() {
            let i = index[key];
            if let Some(p) = previous {
                order.offer(p, i);
            }
            previous = Some(i);
        }
    }
    order.topological(&keys)
}

/// The pairs taken so far, and a topological order of them.
struct Order {
    /// Arcs `p -> i` taken (p listed before i).
    taken: HashSet<(usize, usize)>,
    /// Arcs offered and dropped: they would close a cycle, and always will.
    dropped: HashSet<(usize, usize)>,
    after: Vec<Vec<usize>>,
    before: Vec<Vec<usize>>,
    /// Position of each key in the topological order, and the key at each position.
    position: Vec<usize>,
    at: Vec<usize>,
    /// `linked[k]`: whether the arc from `at[k]` to `at[k + 1]` is taken.
    linked: Vec<bool>,
    /// Fenwick tree over `linked`, for counts of linked positions in a range.
    tree: Vec<u32>,
    /// Visit stamps of the searches.
    mark: Vec<u32>,
    stamp: u32,
}

impl Order {
    fn new(n: usize) -> Self {
        Self {
            taken: HashSet::new(),
            dropped: HashSet::new(),
            after: vec![Vec::new(); n],
            before: vec![Vec::new(); n],
            position: (0..n).collect(),
            at: (0..n).collect(),
            linked: vec![false; n],
            tree: vec![0; n + 1],
            mark: vec![0; n],
            stamp: 0,
        }
    }

    /// Offers the arc `p -> i`: taken unless `i` already reaches `p`.
    fn offer(&mut self, p: usize, i: usize) {
        if p == i || self.taken.contains(&(p, i)) || self.dropped.contains(&(p, i)) {
            return;
        }
        let (lower, upper) = (self.position[i], self.position[p]);
        if lower > upper {
            self.take(p, i);
            return;
        }
        // `i` sits before `p`: the arc is against the order.
        if self.linked_count(lower, upper) == upper - lower {
            self.dropped.insert((p, i));
            return;
        }
        let Some(forward) = self.search_forward(i, p, upper) else {
            self.dropped.insert((p, i));
            return;
        };
        let backward = self.search_backward(p, lower);
        self.reorder(backward, forward);
        self.take(p, i);
    }

    fn take(&mut self, p: usize, i: usize) {
        self.taken.insert((p, i));
        self.after[p].push(i);
        self.before[i].push(p);
        let k = self.position[p];
        if self.position[i] == k + 1 {
            self.set_link(k, true);
        }
    }

    fn next_stamp(&mut self) -> u32 {
        self.stamp += 1;
        self.stamp
    }

    /// The keys reachable from `from` at positions up to `upper`, or `None`
    /// if `target` is one of them.
    fn search_forward(&mut self, from: usize, target: usize, upper: usize) -> Option<Vec<usize>> {
        let stamp = self.next_stamp();
        let mut found = Vec::new();
        let mut stack = vec![from];
        self.mark[from] = stamp;
        while let Some(n) = stack.pop() {
            found.push(n);
            for &m in &self.after[n] {
                if m == target {
                    return None;
                }
                if self.mark[m] != stamp && self.position[m] < upper {
                    self.mark[m] = stamp;
                    stack.push(m);
                }
            }
        }
        Some(found)
    }

    /// The keys that reach `from` at positions after `lower`.
    fn search_backward(&mut self, from: usize, lower: usize) -> Vec<usize> {
        let stamp = self.next_stamp();
        let mut found = Vec::new();
        let mut stack = vec![from];
        self.mark[from] = stamp;
        while let Some(n) = stack.pop() {
            found.push(n);
            for &m in &self.before[n] {
                if self.mark[m] != stamp && self.position[m] > lower {
                    self.mark[m] = stamp;
                    stack.push(m);
                }
            }
        }
        found
    }

    /// Moves the keys of `backward` before those of `forward`, on the
    /// positions they held, each group keeping its relative order.
    fn reorder(&mut self, mut backward: Vec<usize>, mut forward: Vec<usize>) {
        backward.sort_unstable_by_key(|&n| self.position[n]);
        forward.sort_unstable_by_key(|&n| self.position[n]);
        let mut slots: Vec<usize> = backward.iter().chain(&forward).map(|&n| self.position[n]).collect();
        slots.sort_unstable();
        for (&slot, &n) in slots.iter().zip(backward.iter().chain(&forward)) {
            self.position[n] = slot;
            self.at[slot] = n;
        }
        for &slot in &slots {
            self.relink(slot);
            if slot > 0 {
                self.relink(slot - 1);
            }
        }
    }

    fn relink(&mut self, k: usize) {
        let linked = k + 1 < self.at.len() && self.taken.contains(&(self.at[k], self.at[k + 1]));
        self.set_link(k, linked);
    }

    fn set_link(&mut self, k: usize, linked: bool) {
        if self.linked[k] == linked {
            return;
        }
        self.linked[k] = linked;
        let mut j = k + 1;
        while j < self.tree.len() {
            if linked {
                self.tree[j] += 1;
            } else {
                self.tree[j] -= 1;
            }
            j += j & j.wrapping_neg();
        }
    }

    /// How many of the positions `lower..upper` are linked to the next.
    fn linked_count(&self, lower: usize, upper: usize) -> usize {
        self.prefix(upper) - self.prefix(lower)
    }

    fn prefix(&self, mut k: usize) -> usize {
        let mut sum = 0;
        while k > 0 {
            sum += self.tree[k] as usize;
            k -= k & k.wrapping_neg();
        }
        sum
    }

    /// Kahn's topological order of the taken arcs, ties by first appearance.
    fn topological<'a>(&self, keys: &[&'a str]) -> Vec<&'a str> {
        let mut before_count: Vec<usize> = self.before.iter().map(Vec::len).collect();
        let mut ready: BTreeSet<usize> = (0..keys.len()).filter(|&i| before_count[i] == 0).collect();
        let mut order = Vec::with_capacity(keys.len());
        while let Some(i) = ready.pop_first() {
            order.push(keys[i]);
            for &j in &self.after[i] {
                before_count[j] -= 1;
                if before_count[j] == 0 {
                    ready.insert(j);
                }
            }
        }
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(keys: &[&str]) -> Attributes {
        keys.iter().map(|k| (*k, "v")).collect()
    }

    #[test]
    fn columns_follow_first_appearance() {
        let records = [attrs(&["b", "a"]), attrs(&["c"]), attrs(&["a", "d"])];
        assert_eq!(attribute_columns(&records), ["b", "a", "c", "d"]);
    }

    #[test]
    fn columns_keep_every_record_order_when_possible() {
        // First appearance would put y before x, breaking the second record.
        let records = [attrs(&["y"]), attrs(&["x", "y"])];
        assert_eq!(attribute_columns(&records), ["x", "y"]);
        let records = [attrs(&["c"]), attrs(&["a", "b"]), attrs(&["b", "c"])];
        assert_eq!(attribute_columns(&records), ["a", "b", "c"]);
    }

    #[test]
    fn columns_on_a_cycle_keep_the_first_order() {
        let records = [attrs(&["x", "y"]), attrs(&["y", "x"]), attrs(&["z"])];
        assert_eq!(attribute_columns(&records), ["x", "y", "z"]);
        let records = [attrs(&["q", "y"]), attrs(&["y", "x"]), attrs(&["x", "q"]), attrs(&["p", "x"])];
        assert_eq!(attribute_columns(&records), ["q", "y", "p", "x"]);
    }

    /// The definition, directly: a depth-first search per pair.
    fn reference(records: &[Attributes]) -> Vec<&str> {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut keys = Vec::new();
        let mut after: Vec<Vec<usize>> = Vec::new();
        let mut before_count: Vec<usize> = Vec::new();
        let reaches = |after: &[Vec<usize>], from: usize, to: usize| {
            let mut seen = vec![false; after.len()];
            let mut stack = vec![from];
            while let Some(n) = stack.pop() {
                if n == to {
                    return true;
                }
                if !std::mem::replace(&mut seen[n], true) {
                    stack.extend(after[n].iter().copied());
                }
            }
            false
        };
        for attrs in records {
            let mut previous: Option<usize> = None;
            for (key, _) in attrs.iter() {
                let i = *index.entry(key).or_insert_with(|| {
                    keys.push(key);
                    after.push(Vec::new());
                    before_count.push(0);
                    keys.len() - 1
                });
                if let Some(p) = previous
                    && !after[p].contains(&i)
                    && !reaches(&after, i, p)
                {
                    after[p].push(i);
                    before_count[i] += 1;
                }
                previous = Some(i);
            }
        }
        let mut ready: BTreeSet<usize> = (0..keys.len()).filter(|&i| before_count[i] == 0).collect();
        let mut order = Vec::new();
        while let Some(i) = ready.pop_first() {
            order.push(keys[i]);
            for &j in &after[i] {
                before_count[j] -= 1;
                if before_count[j] == 0 {
                    ready.insert(j);
                }
            }
        }
        order
    }

    #[test]
    fn agrees_with_the_definition_on_random_records() {
        let names: Vec<String> = (0..9).map(|i| format!("k{i}")).collect();
        let mut rng = crate::random::Rng::new(11);
        for case in 0..3000 {
            let records: Vec<Attributes> = (0..1 + rng.below(6))
                .map(|_| {
                    let mut keys: Vec<&str> = names.iter().map(String::as_str).collect();
                    rng.shuffle(&mut keys);
                    keys.truncate(rng.below(names.len() + 1));
                    attrs(&keys)
                })
                .collect();
            assert_eq!(attribute_columns(&records), reference(&records), "case {case}: {records:?}");
        }
    }
}
