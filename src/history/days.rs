//! Calendar dates as day numbers (days since 1970-01-01), the compact form
//! the inference stores. Howard Hinnant's `days_from_civil` algorithms.

use jiff::civil::Date;

/// Days since 1970-01-01 of a civil date.
pub(crate) fn days_from_ymd(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u32; // [0, 399]
    let mp = if m > 2 { m - 3 } else { m + 9 }; // [0, 11]
    let doy = (153 * mp + 2) / 5 + d - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe as i32 - 719_468
}

/// Days since 1970-01-01 of a jiff date.
pub(crate) fn days_from_date(date: Date) -> i32 {
    days_from_ymd(i32::from(date.year()), date.month() as u32, date.day() as u32)
}

/// Whether a day number is within jiff's dates (years -9999 to 9999).
pub(crate) fn in_range(day: i64) -> bool {
    (i64::from(days_from_date(Date::MIN))..=i64::from(days_from_date(Date::MAX))).contains(&day)
}

/// The jiff date of a day number. Day numbers come from
/// [`days_from_date`], so they are always in jiff's range.
pub(crate) fn date_from_days(z: i32) -> Date {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i32 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    // In range by construction; fall back to jiff's own arithmetic otherwise.
    Date::new(y as i16, m as i8, d as i8).unwrap_or(Date::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_jiff_across_the_range() {
        let epoch = jiff::civil::date(1970, 1, 1);
        for &d in &[Date::MIN, Date::MAX, epoch, jiff::civil::date(2000, 2, 29), jiff::civil::date(1600, 3, 1)] {
            let n = days_from_date(d);
            assert_eq!(date_from_days(n), d);
            assert_eq!(n, (d - epoch).get_days());
        }
        let mut d = jiff::civil::date(1899, 12, 25);
        for _ in 0..3000 {
            let n = days_from_date(d);
            assert_eq!(date_from_days(n), d);
            let next = d.tomorrow().unwrap_or(d);
            assert_eq!(days_from_date(next), n + 1);
            d = next;
        }
    }
}
