//! Property tests of the decay policy: strength in [0, 1], never rising with
//! elapsed time, never falling with level; the default's anchor points.

use jiff::civil::{Date, date};
use proptest::prelude::*;
use salesnet::{DecayPolicy, Freshness, RelationshipLevel};

fn day(offset: i64) -> Date {
    date(2026, 11, 1).checked_sub(jiff::Span::new().days(offset)).unwrap()
}

fn policies() -> impl Strategy<Value = DecayPolicy> {
    (0u32..400, 0u32..400, 1u32..800, 0.0f64..=1.0).prop_filter_map("anchors in order", |(a, b, c, h)| {
        let mut v = [a, b, c];
        v.sort_unstable();
        DecayPolicy::with_days(v[0], v[1], v[2]).ok()?.half_factor(h).ok()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn strength_in_unit_interval(p in policies(), level in 0u8..=5, days in -1000i64..3000) {
        let s = p.strength(RelationshipLevel::new(level).unwrap(), Some(day(days)), day(0)).get();
        prop_assert!((0.0..=1.0).contains(&s));
    }

    #[test]
    fn never_rises_with_elapsed_time(p in policies(), level in 0u8..=5, a in -100i64..1500, extra in 0i64..1500) {
        let l = RelationshipLevel::new(level).unwrap();
        let earlier = p.strength(l, Some(day(a)), day(0)).get();
        let later = p.strength(l, Some(day(a + extra)), day(0)).get();
        prop_assert!(later <= earlier, "{a} days: {earlier}, {} days: {later}", a + extra);
    }

    #[test]
    fn never_falls_with_level(p in policies(), level in 0u8..5, days in 0i64..1500) {
        let lo = p.strength(RelationshipLevel::new(level).unwrap(), Some(day(days)), day(0)).get();
        let hi = p.strength(RelationshipLevel::new(level + 1).unwrap(), Some(day(days)), day(0)).get();
        prop_assert!(hi >= lo);
    }

    #[test]
    fn default_keeps_the_anchor_points(level in 0u8..=5, days in 0i64..2000) {
        let p = DecayPolicy::default();
        let l = RelationshipLevel::new(level).unwrap();
        let full = f64::from(level) / 5.0;
        let s = p.strength(l, Some(day(days)), day(0)).get();
        if days <= 92 {
            prop_assert_eq!(s, full);
            prop_assert_eq!(p.freshness(Some(day(days)), day(0)), Freshness::Fresh);
        }
        if days >= 183 {
            prop_assert!(s <= full / 2.0 + 1e-15);
        }
        if days >= 365 {
            prop_assert_eq!(s, 0.0);
            prop_assert_eq!(p.freshness(Some(day(days)), day(0)), Freshness::Lapsed);
        }
        prop_assert_eq!(p.strength(l, None, day(0)).get(), full);
    }
}
