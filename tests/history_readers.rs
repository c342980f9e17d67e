//! The history's readers besides interactions.csv: LinkedIn's connections
//! export (and mbox, iCalendar when present).

use std::path::Path;

use proptest::prelude::*;
use salesnet::history::{
    InferOptions, ParticipantIndex, Unmatched, add_connections, read_interactions_from, read_linkedin_connections,
};
use salesnet::jiff::civil::date;
use salesnet::{Contact, Organization, Relation, Role, SalesNetworks};

const EXPORT: &str = "Notes:\n\
\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\
\n\
First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
Jane,Doe,https://www.linkedin.com/in/jane-doe-12,,Globex,CFO,05 Jan 2024\n\
Max,Mustermann,https://www.linkedin.com/in/maxm,MAX@initech.com,initech,Engineer,17 Mar 2023\n\
Zoe,Known,,zoe@acme.com,Acme,Sales,01 Feb 2022\n\
Kim,Nobody,https://www.linkedin.com/in/kim,,,,\n";

fn networks() -> SalesNetworks {
    let mut b = SalesNetworks::builder();
    b.organization(Organization::new("Acme", Relation::Own))
        .organization(Organization::new("Initech", Relation::Prospect));
    let me = Contact::new("me", "Ann Seller", "Acme", Role::Owner).unwrap();
    let mut zoe = Contact::new("zoe", "Zoe Known", "Acme", Role::Other).unwrap();
    zoe.attributes.set("email", "Zoe@Acme.com");
    b.contact(me).contact(zoe);
    b.build().unwrap()
}

#[test]
fn connections_skip_the_notes_and_read_every_field() {
    let c = read_linkedin_connections(EXPORT.as_bytes(), Path::new("Connections.csv")).unwrap();
    assert_eq!(c.len(), 4);
    assert_eq!(c[0].id.as_str(), "linkedin:jane-doe-12");
    assert_eq!(c[0].name, "Jane Doe");
    assert_eq!(c[0].connected_on, Some(date(2024, 1, 5)));
    assert_eq!(c[0].line, 5);
    assert_eq!(c[1].email.as_deref(), Some("max@initech.com"));
    assert_eq!(c[2].id.as_str(), "zoe@acme.com");
    assert_eq!(c[3].company, None);
}

#[test]
fn connections_become_contacts_with_level_0_ties_only() {
    let c = read_linkedin_connections(EXPORT.as_bytes(), Path::new("Connections.csv")).unwrap();
    let n = add_connections(&networks(), "me", &c).unwrap();
    // Zoe is known by her e-mail: not added again, but tied at level 0.
    assert_eq!(n.contact_count(), 2 + 3);
    assert_eq!(n.tie("me", "zoe").unwrap().level.get(), 0);
    let jane = n.contact("linkedin:jane-doe-12").unwrap();
    assert_eq!(jane.organization, "Globex");
    assert_eq!(n.organization("Globex").unwrap().relation, Relation::Other);
    // Company names match existing organizations ignoring case.
    assert_eq!(n.contact("linkedin:maxm").unwrap().organization, "Initech");
    assert_eq!(n.contact("linkedin:kim").unwrap().organization, "(unknown)");
    assert!(n.ties().all(|t| t.level.get() == 0 && t.last_contact.is_none()));
    assert_eq!(n.tie_count(), 4);
}

#[test]
fn connection_errors_say_where() {
    let cases = [
        ("Notes\nnothing here\n", "missing required column `First Name`"),
        (
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,,,X,Y,01 Jan 2020\n",
            "line 2, field `URL`",
        ),
        (
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,https://x/in/a,,X,Y,99 Jan 2020\n",
            "line 2, field `Connected On`",
        ),
        (
            "n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,https://x/in/a,,,,\nC,D,https://x/in/A/,,,,\n",
            "line 4, field `URL`",
        ),
    ];
    for (text, want) in cases {
        let err = read_linkedin_connections(text.as_bytes(), Path::new("c.csv")).unwrap_err().to_string();
        assert!(err.contains(want), "{err} should contain {want}");
    }
    assert!(add_connections(&networks(), "nobody", &[]).is_err());
}

proptest! {
    #[test]
    fn linkedin_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let mut input = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n".to_vec();
        input.extend_from_slice(&bytes);
        let _ = read_linkedin_connections(&input[..], Path::new("c.csv"));
        let _ = read_linkedin_connections(&bytes[..], Path::new("c.csv"));
    }
}

fn read(text: &str, name: &str) -> salesnet::Result<salesnet::history::ReadInteractions> {
    let mut index = ParticipantIndex::new(Unmatched::Report);
    for (i, email) in ["ann@acme.com", "bob@globex.com", "carol@globex.com"].iter().enumerate() {
        let p = index.add_contact(["ann", "bob", "carol"][i]);
        index.add_email(p, email);
    }
    read_interactions_from(
        text.as_bytes(),
        Path::new(name),
        index,
        InferOptions::default().recurrences_until(date(2026, 3, 31)),
    )
}

const MBOX: &str = "From ann@acme.com Mon Jan  5 10:00:00 2026\n\
From: =?UTF-8?Q?Ann_S=C3=A9ller?= <Ann@Acme.com>\n\
To: \"Bob, B.\" <bob@GLOBEX.com>,\n\
\x20carol@globex.com\n\
Subject: secret plans\n\
Date: Mon, 5 Jan 2026 10:00:00 +0000\n\
\n\
>From the body: an escaped line, not a separator's start of headers.\n\
Body text never read.\n\
\n\
From bob@globex.com Tue Jan  6 10:00:00 2026\n\
From: Bob <bob@globex.com>\n\
To: Undisclosed: ;\n\
Cc: ann@acme.com, stranger@else.org\n\
Date: Tue, 6 Jan 2026 23:30:00 -0500\n\
\n\
Reply.\n";

#[test]
fn mbox_headers_decoded_and_bodies_skipped() {
    let r = read(MBOX, "mail.mbox").unwrap();
    assert_eq!(r.report.rows, 2);
    assert_eq!(r.report.unmatched_mentions, 1);
    let mut inference = r.inference;
    let ties = inference.finish(date(2026, 2, 1));
    assert_eq!(ties.ties().len(), 1, "ann-bob both ways; ann-carol one way");
    let t = &ties.ties()[0];
    assert_eq!((t.a, t.b), (0, 1));
    // 23:30 at -05:00 is 7 January in UTC.
    assert_eq!(t.last_contact, date(2026, 1, 7));
    assert_eq!(ties.summary.one_way_pairs, 1);
}

#[test]
fn mbox_errors_say_where() {
    let bad_date = MBOX.replace("Tue, 6 Jan 2026 23:30:00 -0500", "yesterday-ish");
    let err = read(&bad_date, "m.mbox").unwrap_err().to_string();
    assert!(err.contains("m.mbox, line 15, field `Date`"), "{err}");
    assert!(err.contains("`yesterday-ish` is not an RFC 5322 date-time"), "{err}");
    assert!(!err.contains("YYYY-MM-DD"), "{err}");
    let e = read(&bad_date, "m.mbox").unwrap_err();
    assert!(matches!(e, salesnet::Error::InvalidDateTime { expected: salesnet::DateFormat::Rfc5322, .. }), "{e}");
    let no_date = MBOX.replace("Date: Mon, 5 Jan 2026 10:00:00 +0000\n", "");
    let err = read(&no_date, "m.mbox").unwrap_err().to_string();
    assert!(err.contains("m.mbox, line 1, field `Date`"), "{err}");
    let err = read("Hello\n", "m.mbox").unwrap_err().to_string();
    assert!(err.contains("m.mbox, line 1") && err.contains("not an mbox"), "{err}");
}

const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n\
BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:never read\r\nDTSTART:20260105T100000Z\r\n\
ORGANIZER;CN=Ann:mailto:ANN@acme.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@globex.com\r\n\
ATTENDEE;PARTSTAT=DECLINED:mailto:carol@globex.com\r\nRRULE:FREQ=WEEKLY;INTERVAL=2\r\nEXDATE:20260119T100000Z\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:2\r\nDTSTART;VALUE=DATE:20260210\r\nORGANIZER:mailto:carol@globex.com\r\nATTENDEE:mailto:ann@acme.com\r\n\
STATUS:CANCELLED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#[test]
fn ics_recurring_meetings_counted_per_occurrence_up_to_the_date() {
    let r = read(ICS, "cal.ics").unwrap();
    // Every other Monday from 5 January to 31 March: 7 occurrences, less the EXDATE.
    assert_eq!(r.report.rows, 6);
    let mut inference = r.inference;
    let ties = inference.finish(date(2026, 3, 31));
    assert_eq!(ties.ties().len(), 1, "carol declined; her own event was cancelled");
    let t = &ties.ties()[0];
    assert_eq!(t.counts.meetings, 6);
    assert_eq!(t.last_contact, date(2026, 3, 30));
    assert_eq!(t.level.get(), 3);
}

#[test]
fn interactions_csv_and_linkedin_date_errors_name_their_formats() {
    let err = read("date,kind,from,to\n2026-01-05,email,ann,bob\n05/01/2026,email,bob,ann\n", "i.csv")
        .unwrap_err()
        .to_string();
    assert!(err.contains("i.csv, line 3, field `date`"), "{err}");
    assert!(err.contains("`05/01/2026` is not a date YYYY-MM-DD or an RFC 3339 time"), "{err}");
    let bad = EXPORT.replace("05 Jan 2024", "2024.01.05");
    let err = read_linkedin_connections(bad.as_bytes(), Path::new("Connections.csv")).unwrap_err().to_string();
    assert!(err.contains("Connections.csv, line 5, field `Connected On`"), "{err}");
    assert!(err.contains("is not a LinkedIn date such as `05 Jan 2024`"), "{err}");
}

#[test]
fn ics_errors_say_where() {
    let err = read(&ICS.replace("20260210", "20261310"), "c.ics").unwrap_err().to_string();
    assert!(err.contains("c.ics, line 14, field `DTSTART`"), "{err}");
    assert!(err.contains("`20261310` is not an iCalendar DATE (YYYYMMDD) or DATE-TIME"), "{err}");
    let err = read(&ICS.replace("EXDATE:20260119T100000Z", "EXDATE:2026-01-19"), "c.ics").unwrap_err().to_string();
    assert!(err.contains("c.ics, line 4, field `EXDATE`") && err.contains("iCalendar DATE"), "{err}");
    let err = read(&ICS.replace("INTERVAL=2", "BYSETPOS=2"), "c.ics").unwrap_err().to_string();
    assert!(err.contains("c.ics, line 4, field `RRULE`"), "{err}");
}

proptest! {
    #[test]
    fn mbox_and_ics_readers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = read(&text, "x.mbox");
        let _ = read(&text, "x.ics");
        let _ = read_linkedin_connections(&bytes[..], Path::new("Connections.csv"));
        let _ = read_linkedin_connections(format!("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n{text}").as_bytes(), Path::new("Connections.csv"));
        let _ = read(&format!("From x\nFrom: {text}\nTo: {text}\nDate: {text}\n\n"), "x.mbox");
        let _ = read(&format!("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:{text}\nRRULE:{text}\nATTENDEE:{text}\nEND:VEVENT\nEND:VCALENDAR\n"), "x.ics");
    }
}
