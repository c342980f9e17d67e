//! Test-local helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use salesnet::{Attributes, Contact, Organization, Relation, RelationshipLevel, Role, SalesNetworks, Tie};

pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/sample")
}

/// Rows of a CSV file as (header, records).
fn rows(file: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(sample_dir().join(file)).unwrap();
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let records = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (header, records)
}

fn extras(header: &[String], row: &[String], required: usize) -> Attributes {
    header[required..].iter().zip(&row[required..]).map(|(k, v)| (k.clone(), v.clone())).collect()
}

fn optional(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

// TODO(lead, on merge): replace this test-local reader by `salesnet::io::read_portfolio_dir(sample_dir())`
// once the CSV portfolio loader lands; it reads the same three files into the same builder.
pub fn load_sample() -> SalesNetworks {
    let mut b = SalesNetworks::builder();
    let (header, records) = rows("organizations.csv");
    assert_eq!(header[..4], ["name", "relation", "industry", "value"]);
    for r in &records {
        let mut org = Organization::new(&r[0], r[1].parse::<Relation>().unwrap());
        org.industry = optional(&r[2]);
        org.value = optional(&r[3]).map(|v| v.parse().unwrap());
        org.attributes = extras(&header, r, 4);
        b.organization(org);
    }
    let (header, records) = rows("contacts.csv");
    assert_eq!(header[..5], ["id", "name", "organization", "role", "department"]);
    for r in &records {
        let mut contact = Contact::new(&r[0], &r[1], &r[2], r[3].parse::<Role>().unwrap()).unwrap();
        contact.department = optional(&r[4]);
        contact.attributes = extras(&header, r, 5);
        b.contact(contact);
    }
    let (header, records) = rows("ties.csv");
    assert_eq!(header[..4], ["source", "target", "level", "last_contact"]);
    for r in &records {
        let mut tie = Tie::new(&r[0], &r[1], RelationshipLevel::new(r[2].parse().unwrap()).unwrap()).unwrap();
        tie.last_contact = optional(&r[3]).map(|d| d.parse().unwrap());
        tie.attributes = extras(&header, r, 4);
        b.tie(tie);
    }
    b.build().unwrap()
}
