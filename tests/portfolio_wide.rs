//! Wide records: contacts listing many attributes, each in its own shuffled
//! order. Reading, converting and writing grow about linearly with the
//! number of attributes (issue: 2,000 shuffled attributes took 115 s to
//! convert, quadratic in the attributes of each contact).

use std::time::{Duration, Instant};

use salesnet::io::{portfolio_from_csv, portfolio_from_json, portfolio_to_csv, portfolio_to_json};
use salesnet::random::Rng;

/// A JSON portfolio: an owner and `contacts` others, each listing the same
/// `attributes` keys in its own shuffled order.
fn wide_json(contacts: usize, attributes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::from(
        "{\"organizations\": [{\"name\": \"Acme\", \"relation\": \"own\"}],\n\"contacts\": [\n\
         {\"id\": \"me\", \"name\": \"Ann\", \"organization\": \"Acme\", \"role\": \"owner\"}",
    );
    let mut keys: Vec<usize> = (0..attributes).collect();
    for c in 0..contacts {
        rng.shuffle(&mut keys);
        let attrs: Vec<String> = keys.iter().map(|k| format!("\"a{k}\": \"v{c}_{k}\"")).collect();
        out.push_str(&format!(
            ",\n{{\"id\": \"c{c}\", \"name\": \"N{c}\", \"organization\": \"Acme\", \"role\": \"user\", \"attributes\": {{{}}}}}",
            attrs.join(", ")
        ));
    }
    out.push_str("\n],\n\"ties\": []}\n");
    out
}

/// Read, convert to CSV and to JSON, read the CSV back.
fn convert_once(json: &str) -> Duration {
    let start = Instant::now();
    let n = portfolio_from_json(json.as_bytes(), "wide.json").unwrap();
    let csv = portfolio_to_csv(&n).unwrap();
    let back =
        portfolio_from_csv(csv.organizations.as_bytes(), csv.contacts.as_bytes(), csv.ties.as_bytes(), "crm").unwrap();
    let text = portfolio_to_json(&back);
    assert!(text.len() > json.len() / 2);
    assert_eq!(back.contact_count(), n.contact_count());
    start.elapsed()
}

#[test]
fn shuffled_attributes_convert_in_near_linear_time() {
    // Four times the attributes: about four times the work when linear,
    // sixteen times when quadratic (as it was: 200 -> 400 took 4.2x).
    let small = wide_json(50, 200, 1);
    let large = wide_json(50, 800, 1);
    convert_once(&small);
    // Runs interleaved and the best of each kept: a busy machine slows both.
    let (mut t_small, mut t_large) = (Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        t_small = t_small.min(convert_once(&small));
        t_large = t_large.min(convert_once(&large));
    }
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
    eprintln!("200 attributes {t_small:?}, 800 attributes {t_large:?}, ratio {ratio:.2}");
    assert!(ratio < 8.0, "200 attributes {t_small:?}, 800 attributes {t_large:?}: ratio {ratio:.2}");
}
#[test]
fn wide_records_keep_their_first_order_in_csv_and_theirs_in_json() {
    let json = wide_json(5, 50, 3);
    let n = portfolio_from_json(json.as_bytes(), "wide.json").unwrap();
    let first: Vec<&str> =
        n.contacts().find(|c| c.id.as_str() == "c0").unwrap().attributes.iter().map(|(k, _)| k).collect();
    let csv = portfolio_to_csv(&n).unwrap();
    let header = csv.contacts.lines().next().unwrap();
    let columns: Vec<&str> = header.split(',').skip(5).collect();
    // The first contact's order wins where the others contradict it.
    assert_eq!(columns, first);
    // JSON keeps every record's own order.
    let back = portfolio_from_json(portfolio_to_json(&n).as_bytes(), "again.json").unwrap();
    assert_eq!(back, n);
}
