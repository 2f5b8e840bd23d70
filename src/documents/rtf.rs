//! The little of RTF the documents need: paragraphs, headings, 7-bit escaping, and fonts
//! for the document's language.

use crate::i18n::Locale;

/// Calibri for English; for Japanese a font with its glyphs (`\fcharset128`, Shift_JIS's
/// character set, tells editors to substitute a Japanese font when Yu Gothic is missing),
/// MS Gothic as its named alternative, and Noto Sans CJK JP for systems without either.
const FONT_TABLE: &str = concat!(
    "{\\fonttbl",
    "{\\f0\\fswiss Calibri;}",
    "{\\f1\\fnil\\fcharset128 Yu Gothic{\\*\\falt MS Gothic};}",
    "{\\f2\\fnil\\fcharset128 Noto Sans CJK JP;}",
    "}"
);

/// A whole document around `body` (paragraphs from [`paragraph`]) in `locale`: its default
/// font and language.
pub fn document(body: &str, locale: Locale) -> String {
    let defaults = match locale {
        Locale::En => "\\deff0\\deflang2057",
        Locale::Ja => "\\deff1\\deflang1041\\deflangfe1041",
    };
    format!("{{\\rtf1\\ansi\\uc1{defaults}{FONT_TABLE}\\fs22\n{body}}}")
}

pub fn paragraph(text: &str, heading: bool) -> String {
    if heading {
        format!("{{\\pard\\sb240\\sa120\\b\\fs28 {}\\par}}\n", escape(text))
    } else {
        format!("{{\\pard\\sa120 {}\\par}}\n", escape(text))
    }
}

/// RTF is 7-bit: braces and backslashes are escaped, everything beyond ASCII becomes a
/// `\uN?` code (UTF-16 units, as signed 16-bit numbers).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\line "),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c if c.is_control() => {}
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{}?", *unit as i16));
                }
            }
        }
    }
    out
}
