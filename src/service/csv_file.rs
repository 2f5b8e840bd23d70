//! Reading an uploaded CSV file line by line, for every import: text only (UTF-8, no NUL),
//! each record with the line it starts on (counted from 1, the header included).

use std::{io::Read, ops::ControlFlow};

/// A file's first bytes look like text: no NUL byte, valid UTF-8 (a character cut at the end
/// of the sample is fine).
pub fn looks_like_text(head: &[u8]) -> bool {
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// Calls `each` with every record of the file and the line it starts on, until it breaks.
/// `Ok`: how many lines were read; `Err(line)`: the line that is not CSV text (nothing after
/// it was read).
pub fn for_each_record(
    file: impl Read,
    mut each: impl FnMut(u64, &[&str]) -> ControlFlow<()>,
) -> Result<u64, u64> {
    // Records end at `\n` alone: with the default CRLF terminator the csv crate numbers the
    // lines of a Windows file (Excel's) one short. A line's `\r` is trimmed below instead.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(file);
    let mut record = csv::ByteRecord::new();
    let mut line: u64 = 0;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => return Ok(line),
            Ok(true) => {}
            Err(_) => return Err(line + 1),
        }
        line = record.position().map_or(line + 1, |p| p.line());
        let fields: Option<Vec<&str>> = record
            .iter()
            .map(|f| std::str::from_utf8(f).ok().filter(|s| !s.contains('\0')))
            .collect();
        let Some(mut fields) = fields else {
            return Err(line);
        };
        if let Some(last) = fields.last_mut() {
            *last = last.strip_suffix('\r').unwrap_or(last);
        }
        if each(line, &fields).is_break() {
            return Ok(line);
        }
    }
}
