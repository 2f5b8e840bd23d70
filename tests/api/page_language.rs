//! Every page the route table serves, read in Japanese and in English: no raw catalogue key
//! anywhere, and in Japanese no English sentence of the catalogue where its Japanese belongs.

use portal::{
    i18n::{Catalogue, JAPANESE_SOURCES, Locale},
    web::routes::{Group, table},
};
use scraper::{Html, Selector};

use crate::proof_world::{Audience, World};

/// The text a reader sees: the body's text nodes outside scripts, and the labels that
/// screen readers announce (`aria-label`, `title`, `alt`, button values).
fn visible_text(body: &str) -> String {
    let html = Html::parse_document(body);
    let all = Selector::parse("body *").unwrap();
    let mut text = String::new();
    for element in html.select(&all) {
        if matches!(element.value().name(), "script" | "style") {
            continue;
        }
        for node in element.children().filter_map(|c| c.value().as_text()) {
            text.push_str(node);
            text.push(' ');
        }
        for attribute in ["aria-label", "title", "alt", "placeholder"] {
            if let Some(value) = element.value().attr(attribute) {
                text.push_str(value);
                text.push(' ');
            }
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The English sentences the Japanese files do not say the same way (or at all): words a
/// Japanese page must not show. Read against the Japanese files alone, since the Japanese
/// catalogue would fill a gap with the very English sentence.
fn english_only_sentences() -> Vec<(String, String)> {
    let en = Catalogue::for_locale(Locale::En);
    let ja = Catalogue::build(Locale::Ja, &[(Locale::Ja, JAPANESE_SOURCES)]);
    en.keys()
        .map(str::to_owned)
        .filter_map(|key| {
            let english = en.get(&key).to_owned();
            let sentence = english.contains(' ') && english.len() >= 12 && !english.contains('{');
            (sentence && ja.get(&key) != english).then_some((key, english))
        })
        .collect()
}

#[actix_web::test]
async fn no_page_shows_a_raw_key_and_japanese_pages_show_no_english_sentence() {
    let world = World::build().await;
    let keys: Vec<String> = Catalogue::for_locale(Locale::En)
        .keys()
        .filter(|key| key.contains('.'))
        .map(str::to_owned)
        .collect();
    let english = english_only_sentences();
    let mut wrong = Vec::new();
    let mut pages = 0;
    for language in ["ja", "en"] {
        for visitor in world.visitors.values() {
            visitor.set_cookie("portal_language", language);
        }
        for entry in table().iter().filter(|entry| entry.reads) {
            let audience = match entry.group {
                Group::Partners | Group::ClaimReaders => Audience::OwnPartner,
                Group::Staff => Audience::Reviewer,
                Group::Administrators => Audience::Administrator,
                _ if entry.path.starts_with("/account") => Audience::OwnPartner,
                _ => Audience::Anonymous,
            };
            let path = world.concrete(entry.path).unwrap();
            let res = world.visitors[&audience].get(&path).await;
            if !res.body.starts_with("<!doctype html>") {
                continue;
            }
            pages += 1;
            if res.attr("html", "lang").as_deref() != Some(language) {
                wrong.push(format!("{path} ({language}): html lang is not {language}"));
            }
            let text = visible_text(&res.body);
            for key in keys.iter().filter(|key| text.contains(key.as_str())) {
                wrong.push(format!("{path} ({language}) shows the key {key}"));
            }
            if language == "ja" {
                for (key, sentence) in english.iter().filter(|(_, s)| text.contains(s.as_str())) {
                    wrong.push(format!("{path} (ja) shows {key} in English: {sentence:?}"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} problems:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(pages > 60, "{pages} pages read");
    println!(
        "{pages} pages read in Japanese and English: no raw key, no English sentence in Japanese"
    );
}
