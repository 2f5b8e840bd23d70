//! What the message catalogue costs a page: `cargo bench --bench catalogue`. Prints
//! nanoseconds per call of `get` (a message without arguments: a list page asks for
//! several per row), `format` with an argument, `format::instant`, and, beside them, what a
//! plain `HashMap<&str, &str>` lookup and a `{name}` replace cost (the catalogue before it
//! moved to Fluent), in English and in Japanese.

use std::{collections::HashMap, hint::black_box, time::Instant};

use chrono::{TimeZone, Utc};
use portal::i18n::{Catalogue, Locale, format};

const ROUNDS: u32 = 2_000_000;

fn per_call(what: &str, locale: Locale, mut f: impl FnMut(u32)) {
    for i in 0..ROUNDS / 10 {
        f(i);
    }
    let started = Instant::now();
    for i in 0..ROUNDS {
        f(i);
    }
    let ns = started.elapsed().as_nanos() as f64 / f64::from(ROUNDS);
    println!("{}\t{what}\t{ns:.1} ns", locale.tag());
}

fn main() {
    let keys = [
        "status.submitted",
        "programme.osa",
        "associations.list.name",
    ];
    let at = Utc.with_ymd_and_hms(2026, 12, 9, 15, 0, 0).unwrap();
    let zone = chrono_tz::Tz::Asia__Tokyo;
    for locale in Locale::ALL {
        let t = Catalogue::for_locale(locale);
        let plain: HashMap<&str, &str> = t.keys().map(|k| (k, t.get(k))).collect();
        per_call("get", locale, |i| {
            black_box(t.get(black_box(keys[i as usize % 3])));
        });
        per_call("HashMap<&str, &str> (before)", locale, |i| {
            black_box(plain.get(black_box(keys[i as usize % 3])));
        });
        per_call("format, one text argument", locale, |_| {
            black_box(t.format("mail.greeting", &[("name", black_box("Ann"))]));
        });
        per_call("format, a count (plural)", locale, |_| {
            black_box(t.format("review.age", &[("n", black_box("2"))]));
        });
        let greeting = "Hello {name},";
        per_call("replace of {name} (before)", locale, |_| {
            black_box(greeting.replace("{name}", black_box("Ann")));
        });
        per_call("format::instant", locale, |_| {
            black_box(format::instant(black_box(at), zone, t));
        });
    }
}
