//! Inference throughput: rows of `interactions.csv` per second through the
//! reader and the inference, streamed from a generator (the log is never
//! held whole).
//!
//! - `infer/generate/<rows>`: the generator alone (the floor to subtract);
//! - `infer/read_and_infer/<rows>`: parse, match participants (interned ids),
//!   add every interaction, and finish as of the last day.
//!
//! The log: 100,000 participants, 3 years of days in order, 70% e-mail (one
//! to three `to`, a `cc` on a third of them), 15% messages, 10% calls, 5%
//! meetings of two to four, replies making most pairs reciprocal;
//! participants are e-mail addresses (`p123@firm123.com`); about 85 bytes a
//! row (10 million rows is about 0.85 GB). The default size is 1 million
//! rows; `SALESNET_INFER_ROWS=10000000` gives the full run. Each run prints
//! the process's peak resident memory (VmHWM) at its end.
//!
//! Run: `cargo bench --bench infer`.
//!
//! One timed pass over a file instead of criterion's samples (for the 10
//! million row log, about 1 GB, which is then read from disk, streamed):
//!
//! ```text
//! SALESNET_INFER_ROWS=10000000 SALESNET_INFER_WRITE=/tmp/log.csv cargo bench --bench infer
//! SALESNET_INFER_FILE=/tmp/log.csv /usr/bin/time -v cargo bench --bench infer
//! ```
//!
//! `SALESNET_INFER_FLOOR=/tmp/log.csv` times the floor instead: the file
//! read and split into fields by the csv crate, with nothing else done.
//!
//! The second prints the rows, the seconds (reading and inferring, and the
//! finish alone), rows per second, the ties and a digest of every tie's
//! answer (to compare two builds), the CPU seconds before the digest (and
//! of them the finish's), and the peak resident memory.

use std::hint::black_box;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group};
use salesnet::history::{InferOptions, ParticipantIndex, Unmatched, read_interactions_from};
use salesnet::jiff::civil::date;

const PEOPLE: u64 = 100_000;

/// A deterministic CSV log of `rows` rows, produced as it is read.
struct Log {
    rows: u64,
    row: u64,
    state: u64,
    buf: Vec<u8>,
    pos: usize,
}

impl Log {
    fn new(rows: u64) -> Self {
        let mut buf = Vec::with_capacity(1 << 16);
        buf.extend_from_slice(b"date,kind,from,to,cc\n");
        Self { rows, row: 0, state: 0x9E37_79B9_7F4A_7C15, buf, pos: 0 }
    }

    fn next(&mut self) -> u64 {
        // xorshift64*
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn person(&mut self, near: u64) -> u64 {
        // Mostly people near the sender: a clustered, repeating network.
        let r = self.next();
        if r.is_multiple_of(8) { (r >> 8) % PEOPLE } else { (near + (r >> 8) % 64) % PEOPLE }
    }

    fn fill(&mut self) {
        self.buf.clear();
        self.pos = 0;
        while self.buf.len() < (1 << 16) - 256 && self.row < self.rows {
            let day = 1 + self.row * 1095 / self.rows.max(1);
            let (y, rest) = (2023 + day / 365, day % 365);
            let (m, d) = (1 + rest / 31 % 12, 1 + rest % 28);
            let r = self.next();
            let kind: &[u8] = match r % 100 {
                0..70 => b"email",
                70..85 => b"message",
                85..95 => b"call",
                _ => b"meeting",
            };
            let from = (r >> 16) % PEOPLE;
            write_num(&mut self.buf, y, 4);
            self.buf.push(b'-');
            write_num(&mut self.buf, m, 2);
            self.buf.push(b'-');
            write_num(&mut self.buf, d, 2);
            self.buf.push(b',');
            self.buf.extend_from_slice(kind);
            self.buf.push(b',');
            write_address(&mut self.buf, from);
            self.buf.push(b',');
            let to = 1 + (r >> 40) % 3;
            for i in 0..to {
                if i > 0 {
                    self.buf.push(b';');
                }
                let p = self.person(from);
                write_address(&mut self.buf, p);
            }
            self.buf.push(b',');
            if (r >> 50).is_multiple_of(3) {
                let p = self.person(from);
                write_address(&mut self.buf, p);
            }
            self.buf.push(b'\n');
            self.row += 1;
        }
    }
}

/// A participant as an e-mail address, `p<n>@firm<n mod 977>.com`.
fn write_address(buf: &mut Vec<u8>, n: u64) {
    buf.push(b'p');
    write_num(buf, n, 1);
    buf.extend_from_slice(b"@firm");
    write_num(buf, n % 977, 1);
    buf.extend_from_slice(b".com");
}

fn write_num(buf: &mut Vec<u8>, mut n: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut i = 20;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in (20 - i)..width {
        buf.push(b'0');
    }
    buf.extend_from_slice(&digits[i..]);
}

impl Read for Log {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.buf.len() {
            if self.row == self.rows {
                return Ok(0);
            }
            self.fill();
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Seconds this process has run on a CPU (user and system), from
/// `/proc/self/schedstat` (nanoseconds).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn bench(c: &mut Criterion) {
    let rows: u64 = std::env::var("SALESNET_INFER_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let mut group = c.benchmark_group("infer");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(rows));
    group.bench_function(format!("generate/{rows}"), |b| {
        b.iter(|| {
            let mut sink = [0u8; 1 << 16];
            let mut log = Log::new(rows);
            let mut total = 0usize;
            while let Ok(n) = log.read(&mut sink) {
                if n == 0 {
                    break;
                }
                total += n;
            }
            black_box(total)
        })
    });
    group.bench_function(format!("read_and_infer/{rows}"), |b| {
        b.iter(|| {
            let read = read_interactions_from(
                std::io::BufReader::with_capacity(1 << 16, Log::new(rows)),
                Path::new("generated.csv"),
                ParticipantIndex::new(Unmatched::AddAll),
                InferOptions::default(),
            )
            .expect("the generated log is valid");
            assert_eq!(read.report.rows, rows);
            let mut inference = read.inference;
            let ties = inference.finish(date(2026, 1, 1));
            assert_eq!(ties.summary.interactions, rows);
            assert!(!ties.ties().is_empty());
            black_box(ties.summary.ties)
        })
    });
    group.finish();
    if let Some(mib) = peak_rss_mib() {
        println!("infer: peak resident memory of the bench process {mib:.0} MiB ({rows} rows)");
    }
}

/// Writes the generated log of `rows` rows to `path`.
fn write_log(rows: u64, path: &str) {
    let mut log = Log::new(rows);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create the log file"));
    std::io::copy(&mut log, &mut out).expect("write the log file");
    println!("infer: wrote {rows} rows to {path}");
}

/// One timed pass: read `path`, infer, finish.
fn once(path: &str) {
    let started = std::time::Instant::now();
    let file = std::fs::File::open(path).expect("open the log file");
    let read = read_interactions_from(
        std::io::BufReader::with_capacity(1 << 16, file),
        Path::new(path),
        ParticipantIndex::new(Unmatched::AddAll),
        InferOptions::default(),
    )
    .expect("the log is valid");
    let rows = read.report.rows;
    let mut inference = read.inference;
    let finishing = std::time::Instant::now();
    let cpu_read = cpu_seconds();
    let ties = inference.finish(date(2026, 1, 1));
    let (total, finish) = (started.elapsed().as_secs_f64(), finishing.elapsed().as_secs_f64());
    let cpu = cpu_seconds();
    // FNV-1a over every tie's answer.
    let mut digest = 0xcbf2_9ce4_8422_2325u64;
    let mut line = String::new();
    for t in ties.ties() {
        use std::fmt::Write;
        line.clear();
        let _ = write!(
            line,
            "{} {} {} {} {} {} {:?} {}",
            t.a,
            t.b,
            t.level.get(),
            t.first_contact,
            t.last_contact,
            t.interactions,
            t.median_gap_days,
            t.overdue
        );
        for byte in line.bytes() {
            digest = (digest ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
        }
    }
    println!(
        "infer: {rows} rows in {total:.2} s ({:.0} rows/s; finish {finish:.2} s); {} ties, {} one-way pairs; digest {digest:016x}",
        rows as f64 / total,
        ties.summary.ties,
        ties.summary.one_way_pairs
    );
    if let Some(cpu) = cpu {
        println!(
            "infer: {cpu:.2} s of CPU (user + system) to read, infer and finish, before the digest: {:.0} rows per CPU second",
            rows as f64 / cpu
        );
        if let Some(read) = cpu_read {
            println!("infer: of which {read:.2} s to read and infer, {:.2} s to finish", cpu - read);
        }
    }
    if let Some(mib) = peak_rss_mib() {
        println!("infer: peak resident memory {mib:.0} MiB");
    }
}

/// The floor: the CSV of `path` read and split into fields by the csv
/// crate (one reused record, as the reader does), each field checked as
/// UTF-8, nothing else: no dates, no participants, no inference.
fn floor(path: &str) {
    let started = std::time::Instant::now();
    let file = std::fs::File::open(path).expect("open the log file");
    let mut csv =
        csv::ReaderBuilder::new().has_headers(false).from_reader(std::io::BufReader::with_capacity(1 << 16, file));
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut bytes) = (0u64, 0usize);
    while csv.read_byte_record(&mut record).expect("valid CSV") {
        for field in &record {
            bytes += std::str::from_utf8(field).expect("UTF-8").len();
        }
        rows += 1;
    }
    let cpu = cpu_seconds().unwrap_or(f64::NAN);
    println!(
        "infer floor: {rows} rows, {bytes} field bytes read and split in {:.2} s, {cpu:.2} s of CPU: {:.0} rows per CPU second",
        started.elapsed().as_secs_f64(),
        rows as f64 / cpu
    );
}

criterion_group!(benches, bench);

fn main() {
    if let Ok(path) = std::env::var("SALESNET_INFER_WRITE") {
        let rows = std::env::var("SALESNET_INFER_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
        return write_log(rows, &path);
    }
    if let Ok(path) = std::env::var("SALESNET_INFER_FLOOR") {
        return floor(&path);
    }
    if let Ok(path) = std::env::var("SALESNET_INFER_FILE") {
        return once(&path);
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
