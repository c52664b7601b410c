//! Demand analysis: calendars against GOV.UK's published bank holidays, working-day
//! counts around the holidays that differ by nation, end-to-end times across clock
//! changes, and failure demand, Pareto and open cases on small hand-built logs.

use chrono::NaiveDate;
use measures_core::demand::calendar::{bank_holidays, Nation, WorkingCalendar};
use measures_core::demand::time::Timestamp;
use measures_core::demand::{
    demand_report, end_to_end, failure_demand, flow, pareto, Case, CaseLog, DemandClass,
    DemandOptions, FailureChart, Period, TimeUnit,
};
use measures_core::{ChartOptions, MeasuresError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dates(nation: Nation, year: i32) -> Vec<String> {
    bank_holidays(nation, year)
        .into_iter()
        .map(|(d, _)| d.format("%m-%d").to_string())
        .collect()
}

/// GOV.UK, "UK bank holidays" (https://www.gov.uk/bank-holidays), as published for
/// each nation.
#[test]
fn calendars_match_gov_uk() {
    use Nation::*;
    assert_eq!(
        dates(EnglandAndWales, 2024),
        ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"]
    );
    assert_eq!(
        dates(EnglandAndWales, 2020),
        ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"]
    );
    assert_eq!(
        dates(EnglandAndWales, 2022),
        [
            "01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26",
            "12-27"
        ]
    );
    assert_eq!(
        dates(EnglandAndWales, 2023),
        ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"]
    );
    assert_eq!(
        dates(Scotland, 2024),
        ["01-01", "01-02", "03-29", "05-06", "05-27", "08-05", "12-02", "12-25", "12-26"]
    );
    assert_eq!(
        dates(Scotland, 2022),
        [
            "01-03", "01-04", "04-15", "05-02", "06-02", "06-03", "08-01", "09-19", "11-30",
            "12-26", "12-27"
        ]
    );
    assert_eq!(dates(Scotland, 2021)[..2], ["01-01", "01-04"]);
    assert_eq!(
        dates(NorthernIreland, 2024),
        [
            "01-01", "03-18", "03-29", "04-01", "05-06", "05-27", "07-12", "08-26", "12-25",
            "12-26"
        ]
    );
    assert_eq!(dates(NorthernIreland, 2020)[6], "07-13"); // the Boyne on a Sunday
                                                          // Substitute days are named as such.
    let ni = bank_holidays(NorthernIreland, 2024);
    assert!(ni[1].1.contains("St Patrick") && ni[1].1.contains("substitute"));
    // Easter over the covered years (Meeus/Jones/Butcher), spot checks.
    assert_eq!(
        measures_core::demand::calendar::easter_sunday(2019),
        d(2019, 4, 21)
    );
    assert_eq!(
        measures_core::demand::calendar::easter_sunday(2030),
        d(2030, 4, 21)
    );
    assert_eq!(
        measures_core::demand::calendar::easter_sunday(2027),
        d(2027, 3, 28)
    );
}

/// Hand-counted working days (after the day received, up to and including the day
/// closed) around the holidays where the nations differ.
#[test]
fn working_days_by_nation() {
    let ew = WorkingCalendar::new(Some(Nation::EnglandAndWales), &[]).unwrap();
    let sc = WorkingCalendar::new(Some(Nation::Scotland), &[]).unwrap();
    let ni = WorkingCalendar::new(Some(Nation::NorthernIreland), &[]).unwrap();
    let none = WorkingCalendar::new(None, &[]).unwrap();
    let count = |c: &WorkingCalendar, a, b| c.working_days_between(a, b).unwrap();
    // Easter 2025: Thu 17 Apr → Tue 22 Apr. Good Friday everywhere; Easter Monday not in Scotland.
    assert_eq!(count(&ew, d(2025, 4, 17), d(2025, 4, 22)), 1);
    assert_eq!(count(&sc, d(2025, 4, 17), d(2025, 4, 22)), 2);
    assert_eq!(count(&none, d(2025, 4, 17), d(2025, 4, 22)), 3);
    // Christmas 2022 (a Sunday): Fri 23 Dec → Wed 28 Dec; 26 and 27 are holidays.
    assert_eq!(count(&ew, d(2022, 12, 23), d(2022, 12, 28)), 1);
    // Late May 2024: Fri 24 → Tue 28.
    assert_eq!(count(&ew, d(2024, 5, 24), d(2024, 5, 28)), 1);
    // August 2024: Scotland's holiday is the first Monday, the others' the last.
    assert_eq!(count(&ew, d(2024, 8, 2), d(2024, 8, 6)), 2);
    assert_eq!(count(&sc, d(2024, 8, 2), d(2024, 8, 6)), 1);
    assert_eq!(count(&ew, d(2024, 8, 23), d(2024, 8, 27)), 1);
    assert_eq!(count(&sc, d(2024, 8, 23), d(2024, 8, 27)), 2);
    // St Andrew's Day 2023 (Thursday 30 November): Wed 29 → Fri 1 Dec.
    assert_eq!(count(&sc, d(2023, 11, 29), d(2023, 12, 1)), 1);
    assert_eq!(count(&ew, d(2023, 11, 29), d(2023, 12, 1)), 2);
    // St Patrick's Day 2023 (Friday): Thu 16 → Mon 20. The Boyne 2023 (Wednesday).
    assert_eq!(count(&ni, d(2023, 3, 16), d(2023, 3, 20)), 1);
    assert_eq!(count(&ew, d(2023, 3, 16), d(2023, 3, 20)), 2);
    assert_eq!(count(&ni, d(2023, 7, 11), d(2023, 7, 13)), 1);
    assert_eq!(count(&ew, d(2023, 7, 11), d(2023, 7, 13)), 2);
    // Same day is 0; received on a Saturday, closed Monday is 1.
    assert_eq!(count(&ew, d(2024, 6, 5), d(2024, 6, 5)), 0);
    assert_eq!(count(&ew, d(2024, 6, 8), d(2024, 6, 10)), 1);
    // A council's closure day between Christmas and New Year.
    let closed = WorkingCalendar::new(Some(Nation::EnglandAndWales), &[d(2024, 12, 27)]).unwrap();
    assert_eq!(count(&ew, d(2024, 12, 24), d(2024, 12, 30)), 2);
    assert_eq!(count(&closed, d(2024, 12, 24), d(2024, 12, 30)), 1);
    // Outside the covered years is an error, not a guess.
    assert!(ew
        .working_days_between(d(2014, 12, 1), d(2015, 1, 5))
        .is_err());
    assert!(WorkingCalendar::new(None, &[d(2040, 1, 1)]).is_err());
}

fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn case(id: &str, received: &str, closed: Option<&str>, class: DemandClass, ty: &str) -> Case {
    let mut c = Case::new(id, t(received), closed.map(t), class);
    c.demand_type = Some(ty.into());
    c
}

/// End-to-end times across the BST changes of 2024: noon to noon over the March
/// change is 23 hours, over the October change 25 hours, one calendar day each.
#[test]
fn end_to_end_across_clock_changes() {
    let log = CaseLog::new(vec![
        case(
            "spring",
            "2024-03-30 12:00",
            Some("2024-03-31 12:00"),
            DemandClass::Value,
            "a",
        ),
        case(
            "autumn",
            "2024-10-26 12:00",
            Some("2024-10-27 12:00"),
            DemandClass::Value,
            "a",
        ),
        case("open", "2024-10-20 09:00", None, DemandClass::Value, "a"),
    ])
    .unwrap();
    let cal = WorkingCalendar::new(Some(Nation::EnglandAndWales), &[]).unwrap();
    let hours = end_to_end(&log, TimeUnit::Hours, &cal, None).unwrap();
    assert_eq!(hours.ids, ["spring", "autumn"]);
    assert_eq!(hours.times, [23.0, 25.0]);
    let days = end_to_end(&log, TimeUnit::CalendarDays, &cal, None).unwrap();
    assert_eq!(days.times, [1.0, 1.0]);
    // The open case is aged to the latest time in the log (27 Oct 12:00): 7 days.
    assert_eq!(days.open.count, 1);
    assert_eq!(days.open.cases[0].age, 7.0);
    let working = end_to_end(&log, TimeUnit::WorkingDays, &cal, None).unwrap();
    assert_eq!(working.times, [0.0, 0.0]); // Saturday to Sunday
    assert_eq!(working.open.cases[0].age, 5.0); // Sun 20 Oct → Sun 27 Oct: Mon–Fri
}

#[test]
fn failure_demand_and_pareto_by_hand() {
    use DemandClass::*;
    // Week of Mon 5 Feb 2024: 4 cases, 1 failure. Week of 12 Feb: 5 cases, 3 failure,
    // 1 unclassified. Week of 19 Feb: 2 cases, none failure.
    let log = CaseLog::new(vec![
        case("1", "2024-02-05", Some("2024-02-06"), Value, "repair"),
        case("2", "2024-02-06", Some("2024-02-08"), Value, "repair"),
        case("3", "2024-02-07", Some("2024-02-09"), Value, "damp"),
        case("4", "2024-02-08", None, Failure, "chase"),
        case("5", "2024-02-12", Some("2024-02-13"), Failure, "chase"),
        case("6", "2024-02-13", Some("2024-02-14"), Failure, "chase"),
        case(
            "7",
            "2024-02-14",
            Some("2024-02-19"),
            Failure,
            "repeat repair",
        ),
        case("8", "2024-02-15", Some("2024-02-16"), Value, "repair"),
        case(
            "9",
            "2024-02-16",
            Some("2024-02-20"),
            Unclassified,
            "repair",
        ),
        case("10", "2024-02-19", Some("2024-02-21"), Value, "damp"),
        case("11", "2024-02-20", Some("2024-02-25"), Value, "repair"),
    ])
    .unwrap();
    let f = failure_demand(
        &log,
        Period::Week,
        FailureChart::P,
        &ChartOptions::default(),
        &[],
    )
    .unwrap();
    assert_eq!((f.failure, f.value, f.unclassified), (4, 6, 1));
    // A change on Monday 12 February starts a phase at that week's point.
    let rebased = failure_demand(
        &log,
        Period::Week,
        FailureChart::P,
        &ChartOptions::default(),
        &[d(2024, 2, 12)],
    )
    .unwrap();
    assert_eq!(rebased.chart.phases.len(), 2);
    assert_eq!(rebased.chart.phases[1].first, 1);
    assert_eq!(f.rate, 0.4);
    assert_eq!(f.chart.values, [0.25, 0.75, 0.0]);
    assert_eq!(
        f.chart.labels.as_ref().unwrap().get(1).unwrap(),
        "2024-02-12"
    );
    // The last week (19–25 Feb) is complete: the log runs to 25 Feb.
    assert_eq!(f.chart.used, [true, true, true]);
    assert_eq!(f.by_type[0].demand_type, "chase");
    assert_eq!(f.by_type[0].failure, 3);
    assert!(f
        .notes
        .iter()
        .any(|n| n.contains("1 cases have no value/failure class")));

    let all = pareto(&log, None);
    assert_eq!(all.total, 11);
    assert_eq!(all.rows[0].demand_type, "repair");
    assert_eq!(all.rows[0].count, 5);
    assert_eq!(all.rows[1].demand_type, "chase");
    assert!((all.rows[1].cumulative_share - 8.0 / 11.0).abs() < 1e-15);
    let failure = pareto(&log, Some(Failure));
    assert_eq!(failure.total, 4);
    assert_eq!(
        failure.rows.iter().map(|r| r.count).collect::<Vec<_>>(),
        [3, 1]
    );
    assert_eq!(failure.rows.last().unwrap().cumulative_share, 1.0);
}

#[test]
fn report_counts_open_cases_and_never_drops_them() {
    use DemandClass::*;
    let mut cases = Vec::new();
    for day in 1..=28u32 {
        let received = format!("2024-02-{day:02}");
        let closed = if day % 7 == 0 {
            None
        } else {
            Some(format!("2024-03-{day:02}"))
        };
        let class = if day % 3 == 0 { Failure } else { Value };
        let mut c = case(
            &day.to_string(),
            &received,
            closed.as_deref(),
            class,
            if day % 2 == 0 { "even" } else { "odd" },
        );
        c.channel = Some(if day % 4 == 0 { "web" } else { "phone" }.into());
        c.handoffs = Some(day % 3);
        c.linked_to = (day % 5 == 0).then(|| "1".to_string());
        cases.push(c);
    }
    let log = CaseLog::new(cases).unwrap();
    let options = DemandOptions {
        period: Period::Day,
        unit: TimeUnit::WorkingDays,
        nation: Some(Nation::EnglandAndWales),
        ..Default::default()
    };
    let r = demand_report(&log, &options).unwrap();
    assert_eq!(r.cases, 28);
    assert_eq!(r.open.count, 4);
    assert_eq!(r.end_to_end.closed + r.end_to_end.open, 28);
    let by_type: usize = r.end_to_end_by_type.iter().map(|g| g.closed + g.open).sum();
    assert_eq!(by_type, 28);
    assert!(r
        .notes
        .iter()
        .any(|n| n.contains("4 cases were still open")));
    assert_eq!(r.volume_by_channel.len(), 2);
    assert_eq!(r.flow.repeat_cases, 5);
    assert!(r
        .end_to_end
        .capability
        .as_ref()
        .unwrap()
        .statement
        .text
        .contains("working days"));
    let f = flow(&log, 0.95);
    assert_eq!(f.cases_with_handoffs, 28);
}

#[test]
fn bad_logs_are_typed_errors_naming_the_case() {
    use DemandClass::*;
    let err = CaseLog::new(vec![case(
        "A1",
        "2024-02-05",
        Some("2024-02-01"),
        Value,
        "x",
    )])
    .unwrap_err();
    assert!(
        matches!(&err, MeasuresError::InvalidCase { index: 0, id, .. } if id == "A1"),
        "{err}"
    );
    assert!(err
        .to_string()
        .contains("closed (2024-02-01) before it was received (2024-02-05)"));
    let err = CaseLog::new(vec![
        case("A1", "2024-02-05", None, Value, "x"),
        case("A1", "2024-02-06", None, Value, "x"),
    ])
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("repeats the case reference of case 0"),
        "{err}"
    );
    assert_eq!(CaseLog::new(vec![]).unwrap_err(), MeasuresError::Empty);
    let unclassified =
        CaseLog::new(vec![case("A", "2024-02-05", None, Unclassified, "x")]).unwrap();
    assert!(failure_demand(
        &unclassified,
        Period::Week,
        FailureChart::Auto,
        &ChartOptions::default(),
        &[]
    )
    .is_err());
    // A report still comes back, with a note instead of the failure chart.
    let r = demand_report(&unclassified, &DemandOptions::default()).unwrap();
    assert!(r.failure_demand.is_none() && r.notes[0].contains("no failure-demand rate"));
    assert!(r.end_to_end.error.is_some());
    let bad_level = DemandOptions {
        level: 1.5,
        ..Default::default()
    };
    assert!(matches!(
        demand_report(&unclassified, &bad_level),
        Err(MeasuresError::InvalidOption { .. })
    ));
}
