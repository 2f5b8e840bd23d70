//! `/admin/calendar`: the calendar's time zone (shown), the weekend days, the holidays of
//! a year (add, remove, import a list) and the next business days as the opt-out rule
//! counts them, so an administrator can check the result.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::{
    domain::{
        access,
        holidays::{self, Day, Holiday},
    },
    i18n::{Catalogue, format},
    service::calendar_admin::{self, CalendarView, Change},
};

use super::{
    error::AppError,
    forms::FormErrors,
    layout::Layout,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
};

pub struct WeekdayBox {
    pub code: &'static str,
    pub label: String,
    pub checked: bool,
}

pub struct HolidayLine {
    pub date: String,
    pub shown: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "admin/calendar.html")]
struct CalendarPage {
    layout: Layout,
    time_zone: &'static str,
    next_days: Vec<String>,
    weekdays: Vec<WeekdayBox>,
    year: i32,
    holidays: Vec<HolidayLine>,
    errors: FormErrors,
    typed: Typed,
}

impl CalendarPage {
    fn new(visitor: &Visitor, view: CalendarView, typed: Typed, errors: FormErrors) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        let weekday = |d: &Day| WeekdayBox {
            code: d.as_str(),
            label: t.get(d.label_key()).to_owned(),
            checked: match &typed.weekend {
                Some(ticked) => ticked.iter().any(|c| c == d.as_str()),
                None => view.weekend.contains(d),
            },
        };
        let holiday = |(day, name): (NaiveDate, String)| HolidayLine {
            date: day.to_string(),
            shown: format::day(day, t),
            name,
        };
        Self {
            layout: Layout::new(visitor, "admin.calendar.title").with_errors(!errors.is_empty()),
            time_zone: view.time_zone,
            next_days: view
                .next_business_days
                .iter()
                .map(|d| format::day(*d, t))
                .collect(),
            weekdays: Day::ALL.iter().map(weekday).collect(),
            year: view.year,
            holidays: view.holidays.into_iter().map(holiday).collect(),
            errors,
            typed,
        }
    }
}

/// What the administrator typed, kept when a form comes back with an error.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Typed {
    day: String,
    name: String,
    list: String,
    /// The weekend days ticked in a refused form.
    #[serde(skip)]
    weekend: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct YearQuery {
    year: Option<i32>,
}

pub async fn show(
    visitor: Visitor,
    state: web::Data<AppState>,
    query: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let (typed, errors) = (Typed::default(), FormErrors::default());
    render(&visitor, &state, query.year, typed, errors, StatusCode::OK).await
}

pub async fn set_weekend(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    let codes: Vec<String> = form
        .into_inner()
        .into_iter()
        .filter(|(name, _)| name == "weekend")
        .map(|(_, value)| value)
        .collect();
    match holidays::parse_weekend(&codes) {
        Ok(days) => {
            change(
                &visitor,
                &state,
                Change::Weekend(days),
                "flash.weekend_saved",
            )
            .await
        }
        Err(e) => {
            let t = Catalogue::for_locale(visitor.locale);
            let errors = FormErrors::one("weekend-mon", &e, t);
            let typed = Typed {
                weekend: Some(codes),
                ..Typed::default()
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(&visitor, &state, None, typed, errors, status).await
        }
    }
}

pub async fn add(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<Typed>,
) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    let typed = form.into_inner();
    let t = Catalogue::for_locale(visitor.locale);
    let mut errors = FormErrors::default();
    let day = holidays::parse_day(&typed.day).map_err(|e| errors.add("day", t.message(&e)));
    let name = holidays::parse_name(&typed.name).map_err(|e| errors.add("name", t.message(&e)));
    match (day, name) {
        (Ok(day), Ok(name)) => {
            let holiday = Change::Add(Holiday { day, name });
            change(&visitor, &state, holiday, "flash.holiday_added").await
        }
        (day, _) => {
            let year = day.ok().map(|d| d.year());
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(&visitor, &state, year, typed, errors, status).await
        }
    }
}

pub async fn remove(
    visitor: Visitor,
    state: web::Data<AppState>,
    day: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| AppError::NotFound)?;
    change(
        &visitor,
        &state,
        Change::Remove(day),
        "flash.holiday_removed",
    )
    .await
}

pub async fn import(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<Typed>,
) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    let typed = form.into_inner();
    match holidays::parse_list(&typed.list) {
        Ok(list) => {
            change(
                &visitor,
                &state,
                Change::Import(list),
                "flash.holidays_imported",
            )
            .await
        }
        Err(lines) => {
            let t = Catalogue::for_locale(visitor.locale);
            let mut errors = FormErrors::default();
            for problem in lines {
                errors.add_line("list", problem.line, &problem.error, t);
            }
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(&visitor, &state, None, typed, errors, status).await
        }
    }
}

/// Applies the change; back to the calendar (at the holiday's year) with `flash`.
async fn change(
    visitor: &Visitor,
    state: &AppState,
    change: Change,
    flash: &str,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let (now, year) = (state.now(), change.year());
    let done = state
        .db(move |conn| calendar_admin::apply(conn, &viewer, change, now))
        .await?
        .ok_or(AppError::Forbidden)?;
    if !done {
        return Err(AppError::NotFound);
    }
    let location = match year {
        Some(year) => format!("/admin/calendar?year={year}#holidays"),
        None => "/admin/calendar".to_owned(),
    };
    see_other_with_flash(&location, flash, state.settings.cookie_secure)
}

async fn render(
    visitor: &Visitor,
    state: &AppState,
    year: Option<i32>,
    typed: Typed,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let (now, ctx) = (state.now(), state.context.clone());
    let view = state
        .db(move |conn| calendar_admin::view(conn, &ctx, &viewer, year, now))
        .await?
        .ok_or(AppError::Forbidden)?;
    page(status, &CalendarPage::new(visitor, view, typed, errors))
}
