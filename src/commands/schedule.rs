//! When scheduled posts go out. A static site publishes a post dated in the future
//! only when something builds it, so the workflow `byline init` writes also runs
//! once a day, at [`RUN_HOUR_UTC`], and publishes when a post became due since the
//! run before. The calendar says which run publishes each post, and which posts
//! the run at a given moment publishes (its JSON `due` list is what the workflow
//! reads to decide).

use chrono::{DateTime, Duration, FixedOffset, NaiveTime, TimeZone, Utc};

/// The hour (UTC) of the daily run, written into the workflow's cron line.
pub const RUN_HOUR_UTC: u32 = 6;

/// The workflow's cron line for the daily run.
pub fn cron() -> String {
    format!("0 {RUN_HOUR_UTC} * * *")
}

/// The run time of the day `day`.
fn slot_on(day: chrono::NaiveDate) -> DateTime<Utc> {
    let at = NaiveTime::from_hms_opt(RUN_HOUR_UTC, 0, 0).unwrap_or_default();
    Utc.from_utc_datetime(&day.and_time(at))
}

/// The first daily run at or after `date`: the one that publishes a post dated `date`.
pub fn publishing_run(date: DateTime<FixedOffset>) -> DateTime<Utc> {
    let date = date.with_timezone(&Utc);
    let same_day = slot_on(date.date_naive());
    if date <= same_day { same_day } else { slot_on(date.date_naive() + Duration::days(1)) }
}

/// Whether the run that starts at `now` must publish a post dated `date`: its date
/// has come, after the time the previous day's run was due. Runs start late at
/// times (GitHub delays scheduled runs under load), so the window reaches back to
/// the previous run's slot, not to `now` less a day: a post is never skipped
/// between two late runs; at worst two runs publish it, and the second changes
/// nothing.
pub fn due(date: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> bool {
    let now = now.with_timezone(&Utc);
    let this_slot = {
        let today = slot_on(now.date_naive());
        if today <= now { today } else { slot_on(now.date_naive() - Duration::days(1)) }
    };
    let previous = this_slot - Duration::days(1);
    let date = date.with_timezone(&Utc);
    date > previous && date <= now
}

/// `t` as the calendar shows a run: `2027-03-02 06:00 UTC`.
pub fn shown(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn a_post_goes_out_with_the_first_run_at_or_after_its_time() {
        assert_eq!(shown(publishing_run(at("2027-03-02T00:00:00Z"))), "2027-03-02 06:00 UTC");
        assert_eq!(shown(publishing_run(at("2027-03-02T06:00:00Z"))), "2027-03-02 06:00 UTC");
        assert_eq!(shown(publishing_run(at("2027-03-02T06:00:01Z"))), "2027-03-03 06:00 UTC");
        // 09:00 in Auckland on the 2nd is 20:00 UTC on the 1st.
        assert_eq!(shown(publishing_run(at("2027-03-02T09:00:00+13:00"))), "2027-03-02 06:00 UTC");
    }

    #[test]
    fn the_run_publishes_exactly_the_posts_that_came_due_since_the_last_one() {
        let post = at("2027-03-02T00:00:00Z");
        assert!(!due(post, at("2027-03-01T06:00:00Z")), "the day before: not yet");
        assert!(!due(post, at("2027-03-01T23:59:59Z")), "not before its time");
        assert!(due(post, at("2027-03-02T06:00:00Z")), "its run");
        assert!(due(post, at("2027-03-02T07:30:00Z")), "its run, started late");
        assert!(!due(post, at("2027-03-03T06:00:00Z")), "the next day's run has nothing new");
    }

    #[test]
    fn a_post_between_two_late_runs_is_not_skipped() {
        // Yesterday's run started at 06:05, today's at 06:40; a post at 06:20
        // yesterday was not out at 06:05, so today's run must publish it.
        let post = at("2027-03-01T06:20:00Z");
        assert!(!due(post, at("2027-03-01T06:05:00Z")));
        assert!(due(post, at("2027-03-02T06:40:00Z")));
    }
}
