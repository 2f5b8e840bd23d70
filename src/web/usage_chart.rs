//! The geometry of the usage chart on an official claim: per product, monthly active users
//! and paid units by month as two lines on one scale. Pure arithmetic on whole pixels,
//! rendered by `templates/associations/usage_chart.html` (no HTML is built here).

use chrono::NaiveDate;

/// The drawing's size and the plot area inside it (room for the axis labels and legend).
pub const WIDTH: i32 = 480;
pub const HEIGHT: i32 = 280;
pub const LEFT: i32 = 64;
pub const RIGHT: i32 = WIDTH - 32;
pub const TOP: i32 = 40;
pub const BOTTOM: i32 = HEIGHT - 56;
/// Where the month labels and the axis title sit, and the legend above the plot.
pub const MONTH_LABEL_Y: i32 = BOTTOM + 20;
pub const AXIS_TITLE_Y: i32 = BOTTOM + 44;
pub const LEGEND_Y: i32 = 16;
/// Where things sit in the drawing, for the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub width: i32,
    pub height: i32,
    pub left: i32,
    pub right: i32,
    pub month_label_y: i32,
    pub axis_title_y: i32,
    pub legend_y: i32,
    /// The middle of the plot's width (the month axis's title).
    pub middle: i32,
    /// Where the second series' legend begins.
    pub legend_second: i32,
}

pub const FRAME: Frame = Frame {
    width: WIDTH,
    height: HEIGHT,
    left: LEFT,
    right: RIGHT,
    month_label_y: MONTH_LABEL_Y,
    axis_title_y: AXIS_TITLE_Y,
    legend_y: LEGEND_Y,
    middle: (LEFT + RIGHT) / 2,
    legend_second: LEFT + 216,
};

/// At most this many month labels, so they never overlap (every point is still drawn).
const MAX_MONTH_LABELS: usize = 6;

/// How many steps the value axis is divided into.
const STEPS: i64 = 4;

/// One month of one product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthValues {
    pub month: NaiveDate,
    pub active_users: i32,
    pub paid_units: i32,
}

/// A point of a series, with the value it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub value: i32,
}

/// A label on an axis, at its position along that axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    pub at: i32,
    pub label: String,
}

/// One product's chart, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartGeometry {
    pub users: Vec<Point>,
    pub units: Vec<Point>,
    /// The value axis, bottom (0) to top.
    pub value_ticks: Vec<Tick>,
    /// One per month, left to right.
    pub month_ticks: Vec<Tick>,
    /// The highest value of each series.
    pub max_users: i32,
    pub max_units: i32,
    pub frame: Frame,
}

impl ChartGeometry {
    /// The users' line as an SVG `points` list.
    pub fn users_line(&self) -> String {
        points_attribute(&self.users)
    }

    pub fn units_line(&self) -> String {
        points_attribute(&self.units)
    }
}

fn points_attribute(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The smallest "round" number (1, 2 or 5 times a power of ten, times [`STEPS`]) at or
/// above `max`, so the value axis reads in even steps; at least [`STEPS`].
pub fn nice_top(max: i64) -> i64 {
    let step_needed = (max.max(1) + STEPS - 1) / STEPS;
    let mut magnitude = 1;
    while magnitude * 10 <= step_needed {
        magnitude *= 10;
    }
    let step = [1, 2, 5, 10]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= step_needed)
        .unwrap_or(10 * magnitude);
    step * STEPS
}

/// The y of `value` on an axis from 0 (at [`BOTTOM`]) to `top` (at [`TOP`]).
pub fn y_of(value: i64, top: i64) -> i32 {
    let height = i64::from(BOTTOM - TOP);
    let offset = (value.clamp(0, top) * height + top / 2) / top.max(1);
    BOTTOM - i32::try_from(offset).unwrap_or(0)
}

/// The x of the `index`th of `count` months, spread over the plot's width (one month sits
/// in the middle).
pub fn x_of(index: usize, count: usize) -> i32 {
    let width = RIGHT - LEFT;
    if count <= 1 {
        return LEFT + width / 2;
    }
    let (index, gaps) = (
        i32::try_from(index).unwrap_or(0),
        i32::try_from(count - 1).unwrap_or(1),
    );
    LEFT + (index * width + gaps / 2) / gaps
}

/// The chart of one product's months (any order; drawn oldest first), labelling months
/// with `month_label`.
pub fn geometry(
    months: &[MonthValues],
    month_label: impl Fn(NaiveDate) -> String,
) -> ChartGeometry {
    let mut months = months.to_vec();
    months.sort_by_key(|m| m.month);
    let max_users = months.iter().map(|m| m.active_users).max().unwrap_or(0);
    let max_units = months.iter().map(|m| m.paid_units).max().unwrap_or(0);
    let top = nice_top(i64::from(max_users.max(max_units)));
    let count = months.len();
    let series = |value: fn(&MonthValues) -> i32| {
        months
            .iter()
            .enumerate()
            .map(|(i, m)| Point {
                x: x_of(i, count),
                y: y_of(i64::from(value(m)), top),
                value: value(m),
            })
            .collect()
    };
    ChartGeometry {
        users: series(|m| m.active_users),
        units: series(|m| m.paid_units),
        value_ticks: (0..=STEPS)
            .map(|step| {
                let value = top * step / STEPS;
                Tick {
                    at: y_of(value, top),
                    label: value.to_string(),
                }
            })
            .collect(),
        month_ticks: months
            .iter()
            .enumerate()
            // Counted back from the last month, so the newest is always labelled and no two
            // labels come closer than `every` months.
            .filter(|(i, _)| (count - 1 - i).is_multiple_of(count.div_ceil(MAX_MONTH_LABELS)))
            .map(|(i, m)| Tick {
                at: x_of(i, count),
                label: month_label(m.month),
            })
            .collect(),
        max_users,
        max_units,
        frame: FRAME,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(m: u32, users: i32, units: i32) -> MonthValues {
        MonthValues {
            month: NaiveDate::from_ymd_opt(2026, m, 1).unwrap(),
            active_users: users,
            paid_units: units,
        }
    }

    #[test]
    fn the_value_axis_ends_on_a_round_number_at_or_above_the_highest_value() {
        assert_eq!(nice_top(0), 4);
        assert_eq!(nice_top(3), 4);
        assert_eq!(nice_top(5), 8);
        assert_eq!(nice_top(38), 40);
        assert_eq!(nice_top(41), 80);
        assert_eq!(nice_top(120), 200);
        assert_eq!(nice_top(400), 400);
        assert_eq!(nice_top(401), 800);
        assert_eq!(nice_top(1_950), 2_000);
    }

    #[test]
    fn values_map_from_the_bottom_to_the_top_of_the_plot() {
        assert_eq!(y_of(0, 200), BOTTOM);
        assert_eq!(y_of(200, 200), TOP);
        assert_eq!(y_of(100, 200), (TOP + BOTTOM) / 2);
        assert_eq!(y_of(-5, 200), BOTTOM, "never below the axis");
        assert_eq!(y_of(500, 200), TOP, "never above the plot");
    }

    #[test]
    fn a_year_of_months_gets_evenly_spaced_labels_ending_at_the_last_month_and_every_point() {
        let year: Vec<MonthValues> = (1..=12).map(|m| month(m, 10, 5)).collect();
        let chart = geometry(&year, |m| m.format("%m").to_string());
        assert_eq!(chart.users.len(), 12);
        let labels: Vec<&str> = chart.month_ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["02", "04", "06", "08", "10", "12"]);
    }

    #[test]
    fn months_spread_over_the_width_and_one_month_sits_in_the_middle() {
        assert_eq!(x_of(0, 3), LEFT);
        assert_eq!(x_of(2, 3), RIGHT);
        assert_eq!(x_of(1, 3), (LEFT + RIGHT) / 2);
        assert_eq!(x_of(0, 1), LEFT + (RIGHT - LEFT) / 2);
    }

    #[test]
    fn a_chart_has_one_point_per_month_per_series_oldest_first() {
        let chart = geometry(&[month(11, 150, 160), month(10, 100, 160)], |m| {
            m.format("%Y-%m").to_string()
        });
        assert_eq!(chart.users.len(), 2);
        assert_eq!(chart.units.len(), 2);
        assert_eq!(
            chart
                .month_ticks
                .iter()
                .map(|t| t.label.as_str())
                .collect::<Vec<_>>(),
            ["2026-10", "2026-11"]
        );
        assert_eq!(chart.users[0].value, 100);
        assert_eq!(chart.users[1].value, 150);
        assert!(chart.users[1].y < chart.users[0].y, "more is higher");
        assert_eq!(chart.units[0].y, chart.units[1].y);
        assert_eq!(chart.max_users, 150);
        assert_eq!(chart.max_units, 160);
        assert_eq!(
            chart.value_ticks.last().map(|t| t.label.as_str()),
            Some("200")
        );
        assert_eq!(chart.value_ticks[0].at, BOTTOM);
        assert_eq!(
            chart.users_line(),
            format!(
                "{},{} {},{}",
                LEFT, chart.users[0].y, RIGHT, chart.users[1].y
            )
        );
    }
}
