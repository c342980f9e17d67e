//! Planted relationship histories with known answers, and the inference's
//! invariants.

use std::path::Path;

use proptest::prelude::*;
use salesnet::history::{
    InferOptions, Inference, InteractionKind, LevelRule, PairVerdict, ParticipantIndex, Unmatched,
    read_interactions_from,
};
use salesnet::jiff::ToSpan;
use salesnet::jiff::civil::{Date, date};

const ANN: u32 = 0;
const BOB: u32 = 1;

fn add(inf: &mut Inference, d: Date, kind: InteractionKind, from: u32, to: &[u32]) {
    inf.add(d, kind, Some(from), to, 0);
}

fn days(d: Date, n: i64) -> Date {
    d.checked_add(n.days()).unwrap()
}

#[test]
fn weekly_two_way_mail_and_monthly_meetings_is_level_3_and_fresh() {
    let mut inf = Inference::new(InferOptions::default());
    let start = date(2026, 1, 5);
    for week in 0..26 {
        let d = days(start, week * 7);
        add(&mut inf, d, InteractionKind::Email, ANN, &[BOB]);
        add(&mut inf, days(d, 1), InteractionKind::Email, BOB, &[ANN]);
    }
    for month in 0..6 {
        add(&mut inf, days(start, month * 30 + 3), InteractionKind::Meeting, ANN, &[BOB]);
    }
    let as_of = days(start, 26 * 7);
    let ties = inf.finish(as_of);
    assert_eq!(ties.ties().len(), 1);
    let t = &ties.ties()[0];
    assert_eq!((t.a, t.b), (ANN, BOB));
    assert_eq!(t.level.get(), 3);
    assert_eq!(t.rule, LevelRule::Sustained);
    assert_eq!(t.counts.email_ab, 26);
    assert_eq!(t.counts.email_ba, 26);
    assert_eq!(t.counts.meetings, 6);
    assert_eq!(t.last_contact, days(start, 25 * 7 + 1));
    assert!(!t.overdue);
    assert_eq!(ties.summary.interactions, 58);
}

#[test]
fn mail_never_answered_is_no_tie() {
    let mut inf = Inference::new(InferOptions::default());
    for week in 0..20 {
        add(&mut inf, days(date(2026, 1, 1), week * 7), InteractionKind::Email, ANN, &[BOB]);
    }
    let ties = inf.finish(date(2026, 12, 31));
    assert!(ties.ties().is_empty());
    assert_eq!(ties.summary.one_way_pairs, 1);
    assert_eq!(ties.summary.one_way_messages, 20);
    assert!(matches!(inf.explain(BOB, ANN, date(2026, 12, 31)), PairVerdict::OneWay { .. }));
}

#[test]
fn newsletter_to_thirty_is_ignored_even_when_answered() {
    let mut inf = Inference::new(InferOptions::default());
    let readers: Vec<u32> = (1..=30).collect();
    add(&mut inf, date(2026, 1, 1), InteractionKind::Email, ANN, &readers);
    add(&mut inf, date(2026, 1, 1), InteractionKind::Meeting, ANN, &readers);
    // A reply from one reader alone is one-way: the newsletter did not count.
    add(&mut inf, date(2026, 1, 2), InteractionKind::Email, 7, &[ANN]);
    let ties = inf.finish(date(2026, 2, 1));
    assert!(ties.ties().is_empty());
    assert_eq!(ties.summary.mass, 2);
    assert_eq!(ties.summary.one_way_pairs, 1);
    // 20 participants is still counted.
    let mut inf = Inference::new(InferOptions::default());
    add(&mut inf, date(2026, 1, 1), InteractionKind::Meeting, ANN, &(1..20).collect::<Vec<_>>());
    assert_eq!(inf.finish(date(2026, 2, 1)).ties().len(), 190);
}

#[test]
fn two_meetings_two_months_apart_stay_level_2_with_the_later_date() {
    let mut inf = Inference::new(InferOptions::default());
    add(&mut inf, date(2026, 3, 2), InteractionKind::Meeting, BOB, &[ANN]);
    add(&mut inf, date(2026, 1, 2), InteractionKind::Meeting, ANN, &[BOB]);
    let ties = inf.finish(date(2026, 3, 10));
    let t = ties.tie(BOB, ANN).unwrap();
    assert_eq!(t.level.get(), 2);
    assert_eq!(t.rule, LevelRule::Met);
    assert_eq!(t.last_contact, date(2026, 3, 2));
    assert_eq!(t.first_contact, date(2026, 1, 2));
    // A third, a month later: sustained (3 days over 89 days, gaps under 92).
    add(&mut inf, date(2026, 4, 1), InteractionKind::Visit, ANN, &[BOB]);
    assert_eq!(inf.finish(date(2026, 4, 2)).tie(ANN, BOB).unwrap().level.get(), 3);
    // But not if the gap before it is longer than a quarter.
    let mut inf = Inference::new(InferOptions::default());
    for d in [date(2026, 1, 2), date(2026, 1, 20), date(2026, 6, 1)] {
        add(&mut inf, d, InteractionKind::Meeting, ANN, &[BOB]);
    }
    assert_eq!(inf.finish(date(2026, 6, 2)).tie(ANN, BOB).unwrap().level.get(), 2);
}

#[test]
fn biweekly_rhythm_that_stopped_is_overdue_quarterly_is_not() {
    let mut inf = Inference::new(InferOptions::default());
    let start = date(2025, 1, 6);
    for i in 0..12 {
        add(&mut inf, days(start, i * 14), InteractionKind::Call, ANN, &[BOB]);
    }
    // Carol (2) and Ann meet each quarter.
    for i in 0..4 {
        add(&mut inf, days(start, i * 91), InteractionKind::Meeting, ANN, &[2]);
    }
    let last_biweekly = days(start, 11 * 14);
    let as_of = days(last_biweekly, 113); // 113 > 8 x 14
    let ties = inf.finish(as_of);
    let bob = ties.tie(ANN, BOB).unwrap();
    assert_eq!(bob.median_gap_days, Some(14.0));
    assert!(bob.overdue);
    let carol = ties.tie(ANN, 2).unwrap();
    assert_eq!(carol.median_gap_days, Some(91.0));
    assert!(!carol.overdue, "silence {} days", carol.silence_days);
    // One day earlier the biweekly tie is not yet overdue (112 = 8 x 14).
    assert!(!inf.finish(days(last_biweekly, 112)).tie(ANN, BOB).unwrap().overdue);
}

#[test]
fn too_few_contact_days_use_the_fresh_period() {
    let mut inf = Inference::new(InferOptions::default());
    add(&mut inf, date(2026, 1, 1), InteractionKind::Call, ANN, &[BOB]);
    assert!(!inf.finish(date(2026, 4, 3)).tie(ANN, BOB).unwrap().overdue); // 92 days
    let t = inf.finish(date(2026, 4, 4));
    let t = t.tie(ANN, BOB).unwrap();
    assert_eq!(t.median_gap_days, None);
    assert!(t.overdue);
}

#[test]
fn as_of_counts_only_earlier_interactions() {
    let mut inf = Inference::new(InferOptions::default());
    add(&mut inf, date(2026, 1, 1), InteractionKind::Email, ANN, &[BOB]);
    add(&mut inf, date(2026, 2, 1), InteractionKind::Email, BOB, &[ANN]);
    assert!(inf.finish(date(2026, 1, 31)).ties().is_empty());
    let ties = inf.finish(date(2026, 2, 1));
    assert_eq!(ties.ties()[0].last_contact, date(2026, 2, 1));
    assert_eq!(inf.finish(date(2026, 1, 15)).summary.after_as_of, 1);
}

#[test]
fn csv_mixed_case_addresses_and_unmatched_participants() {
    let csv = "date,kind,from,to,cc\n\
        2026-01-05,email,Ann@Acme.COM,bob@globex.com,stranger@nowhere.org\n\
        2026-01-06T09:00:00+01:00,email,BOB@GLOBEX.COM,ann@acme.com,\n\
        2026-01-07,meeting,ann@acme.com,carol@GLOBEX.com; ,\n";
    // Contacts 0 and 1 with their addresses; the domain rule is tested with portfolios.
    let index = with_contacts(ParticipantIndex::new(Unmatched::Report));
    let read = read_interactions_from(csv.as_bytes(), Path::new("i.csv"), index, InferOptions::default()).unwrap();
    assert_eq!(read.report.rows, 3);
    assert_eq!(read.report.unmatched_mentions, 2);
    assert_eq!(read.report.unmatched_distinct, 2);
    let mut inference = read.inference;
    let ties = inference.finish(date(2026, 2, 1));
    assert_eq!(ties.ties().len(), 1);
    assert_eq!(ties.ties()[0].last_contact, date(2026, 1, 6));
    assert_eq!(ties.summary.unmatched_interactions, 1);
}

fn with_contacts(mut index: ParticipantIndex) -> ParticipantIndex {
    let ann = index.add_contact("ann");
    let bob = index.add_contact("bob");
    index.add_email(ann, "ann@acme.com");
    index.add_email(bob, "Bob@Globex.com");
    index
}

#[test]
fn csv_errors_name_file_line_and_field() {
    let cases = [
        ("date,kind,from,to\n2026-02-30,email,a,b\n", "i.csv, line 2, field `date`"),
        ("date,kind,from,to\n2026-02-03,fax,a,b\n", "i.csv, line 2, field `kind`"),
        ("date,kind,from,to\n2026-02-03,email,a,b\n2026-02-03,email,,b\n", "i.csv, line 3, field `from`"),
        ("date,kind,from,to\n2026-02-03,email,a, ; \n", "i.csv, line 2, field `to`"),
        ("date,kind,from\n", "missing required column `to`"),
        ("date,kind,from,to\n2026-02-03,email,a\n", "i.csv, line 2"),
    ];
    for (csv, want) in cases {
        let err = read_interactions_from(
            csv.as_bytes(),
            Path::new("i.csv"),
            ParticipantIndex::new(Unmatched::AddAll),
            InferOptions::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains(want), "{err} should contain {want}");
    }
}

fn kind_strategy() -> impl Strategy<Value = InteractionKind> {
    prop::sample::select(InteractionKind::ALL.to_vec())
}

fn log_strategy() -> impl Strategy<Value = Vec<(i64, InteractionKind, u32, Vec<u32>)>> {
    prop::collection::vec((0i64..400, kind_strategy(), 0u32..6, prop::collection::vec(0u32..6, 0..4)), 0..40)
}

proptest! {
    #[test]
    fn reader_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut input = b"date,kind,from,to,cc\n".to_vec();
        input.extend_from_slice(&bytes);
        let _ = read_interactions_from(&input[..], Path::new("x.csv"), ParticipantIndex::new(Unmatched::AddAll), InferOptions::default());
        let _ = read_interactions_from(&bytes[..], Path::new("x.csv"), ParticipantIndex::new(Unmatched::Report), InferOptions::default());
    }

    #[test]
    fn adding_an_interaction_never_lowers_a_last_contact(log in log_strategy(), extra in (0i64..400, kind_strategy(), 0u32..6, prop::collection::vec(0u32..6, 1..4))) {
        let base = date(2025, 1, 1);
        let as_of = date(2026, 6, 1);
        let mut inf = Inference::new(InferOptions::default());
        for (d, k, f, to) in &log {
            inf.add(days(base, *d), *k, Some(*f), to, 0);
        }
        let before = inf.finish(as_of);
        inf.add(days(base, extra.0), extra.1, Some(extra.2), &extra.3, 0);
        let after = inf.finish(as_of);
        for t in before.ties() {
            let now = after.tie(t.a, t.b).expect("a tie never disappears");
            prop_assert!(now.last_contact >= t.last_contact);
            prop_assert!(now.level >= t.level);
        }
    }

    #[test]
    fn as_of_cut_is_monotone(log in log_strategy(), cut1 in 0i64..420, cut2 in 0i64..420) {
        let base = date(2025, 1, 1);
        let (early, late) = (days(base, cut1.min(cut2)), days(base, cut1.max(cut2)));
        let mut inf = Inference::new(InferOptions::default());
        for (d, k, f, to) in &log {
            inf.add(days(base, *d), *k, Some(*f), to, 0);
        }
        let e = inf.finish(early);
        let l = inf.finish(late);
        prop_assert!(e.summary.interactions <= l.summary.interactions);
        for t in e.ties() {
            prop_assert!(t.last_contact <= early);
            let lt = l.tie(t.a, t.b).expect("ties as of an earlier date remain");
            prop_assert!(lt.last_contact >= t.last_contact && lt.level >= t.level && lt.interactions >= t.interactions);
        }
        // Same input in another order: same answer.
        let mut rev = Inference::new(InferOptions::default());
        for (d, k, f, to) in log.iter().rev() {
            rev.add(days(base, *d), *k, Some(*f), to, 0);
        }
        prop_assert_eq!(rev.finish(late), l);
    }
}

mod portfolio {
    use super::*;
    use salesnet::history::{TieOrigin, enrich, read_interactions_from};
    use salesnet::{Contact, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};

    fn networks() -> SalesNetworks {
        let mut b = SalesNetworks::builder();
        let mut globex = Organization::new("Globex", Relation::Customer);
        globex.attributes.set("domain", "globex.com");
        b.organization(Organization::new("Acme", Relation::Own)).organization(globex);
        let mut me = Contact::new("me", "Ann Seller", "Acme", Role::Owner).unwrap();
        me.attributes.set("email", "Ann.Seller@acme.com");
        let mut cfo = Contact::new("cfo", "Carl Buyer", "Globex", Role::DecisionMaker).unwrap();
        cfo.attributes.set("email", "carl@globex.com");
        let cto = Contact::new("cto", "Dana Tech", "Globex", Role::Influencer).unwrap();
        b.contact(me).contact(cfo).contact(cto);
        b.tie(Tie::new("me", "cfo", RelationshipLevel::CHAMPION).unwrap().with_last_contact(date(2025, 6, 1)));
        b.tie(Tie::new("cfo", "cto", RelationshipLevel::MET).unwrap());
        b.build().unwrap()
    }

    const LOG: &str = "date,kind,from,to,cc\n\
        2025-03-01,meeting,me,CARL@GLOBEX.COM,\n\
        2026-01-10,email,ann.seller@ACME.com,carl@globex.com,new.person@Globex.com\n\
        2026-01-11,email,carl@globex.com,ann.seller@acme.com,\n\
        2026-01-12,email,new.person@globex.com,cfo,\n\
        2026-01-13,call,me,cto,\n";

    fn run(n: &SalesNetworks) -> salesnet::history::Enriched {
        let index = ParticipantIndex::from_networks(n, Unmatched::Report);
        let mut read =
            read_interactions_from(LOG.as_bytes(), Path::new("i.csv"), index, InferOptions::default()).unwrap();
        enrich(n, &mut read, date(2026, 2, 1)).unwrap()
    }

    #[test]
    fn typed_level_5_stays_5_and_its_last_contact_moves_forward() {
        let e = run(&networks());
        let t = e.networks.tie("me", "cfo").unwrap();
        assert_eq!(t.level.get(), 5);
        assert_eq!(t.last_contact, Some(date(2026, 1, 11)));
        assert_eq!(t.attributes.get("origin"), Some("both"));
        assert_eq!(t.attributes.get("interactions"), Some("3"));
        // Contact days 2025-03-01, 2026-01-10, 2026-01-11: gaps 315 and 1.
        assert_eq!(t.attributes.get("median_gap_days"), Some("158"));
        assert_eq!(t.attributes.get("overdue"), Some("false"));
        // Typed only, no date: no overdue value.
        let t = e.networks.tie("cfo", "cto").unwrap();
        assert_eq!(t.attributes.get("origin"), Some("typed"));
        assert_eq!(t.attributes.get("overdue"), None);
        // Inferred: a call.
        let t = e.networks.tie("me", "cto").unwrap();
        assert_eq!((t.level.get(), t.attributes.get("origin")), (1, Some("inferred")));
        assert_eq!(e.origins, [1, 1, 1]);
    }

    #[test]
    fn an_address_of_an_organization_domain_becomes_its_contact() {
        let e = run(&networks());
        let c = e.networks.contact("new.person@globex.com").unwrap();
        assert_eq!(c.organization, "Globex");
        assert_eq!(c.role, Role::Other);
        // Written to by `me` and writing to `cfo`, never answered: no tie.
        assert!(e.networks.tie("me", "new.person@globex.com").is_none());
        assert_eq!(e.inferred.summary.one_way_pairs, 2);
    }

    #[test]
    fn inferring_again_from_the_output_changes_nothing() {
        let first = run(&networks());
        let second = run(&first.networks);
        assert_eq!(first.networks, second.networks);
        assert_eq!(second.origins, first.origins);
        let _ = TieOrigin::Both;
    }
}
