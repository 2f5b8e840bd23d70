//! The little of RTF the documents need: paragraphs, headings, 7-bit escaping.

/// A whole document around `body` (paragraphs from [`paragraph`]).
pub fn document(body: &str) -> String {
    format!("{{\\rtf1\\ansi\\deff0{{\\fonttbl{{\\f0 Calibri;}}}}\\fs22\n{body}}}")
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
