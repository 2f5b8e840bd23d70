//! Proof-of-execution files, stored in the database in chunks so any instance serves them
//! and no one holds a whole file in memory.

use std::io::Read;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{
    AnyConnection,
    schema::{file_chunks, poe_files, users},
};

/// Bytes per stored chunk.
pub const CHUNK_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = poe_files)]
pub struct NewPoeFile<'a> {
    pub id: &'a str,
    pub claim_id: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub uploaded_by: &'a str,
    pub uploaded_at: NaiveDateTime,
}

/// A file as listed: its metadata and who uploaded it.
#[derive(Debug, Clone, Queryable)]
pub struct PoeFileRow {
    pub id: String,
    pub claim_id: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub uploaded_by_name: String,
    pub uploaded_at: NaiveDateTime,
}

/// Inserts the file's row and its content, read chunk by chunk from `content`. Call inside
/// a transaction: a file is stored whole or not at all.
pub fn insert(
    conn: &mut AnyConnection,
    file: &NewPoeFile<'_>,
    content: &mut impl Read,
) -> anyhow::Result<()> {
    diesel::insert_into(poe_files::table)
        .values(file)
        .execute(conn)?;
    let mut buffer = vec![0u8; CHUNK_BYTES];
    let mut seq = 0i32;
    loop {
        let filled = read_full(content, &mut buffer)?;
        if filled == 0 {
            break;
        }
        diesel::insert_into(file_chunks::table)
            .values((
                file_chunks::file_id.eq(file.id),
                file_chunks::seq.eq(seq),
                file_chunks::data.eq(&buffer[..filled]),
            ))
            .execute(conn)?;
        seq += 1;
        if filled < buffer.len() {
            break;
        }
    }
    Ok(())
}

fn read_full(content: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match content.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

pub fn list(conn: &mut AnyConnection, claim_id: &str) -> QueryResult<Vec<PoeFileRow>> {
    poe_files::table
        .inner_join(users::table.on(users::id.eq(poe_files::uploaded_by)))
        .filter(poe_files::claim_id.eq(claim_id))
        .order((poe_files::uploaded_at, poe_files::id))
        .select((
            poe_files::id,
            poe_files::claim_id,
            poe_files::file_name,
            poe_files::content_type,
            poe_files::size_bytes,
            users::display_name,
            poe_files::uploaded_at,
        ))
        .load(conn)
}

pub fn find(conn: &mut AnyConnection, file_id: &str) -> QueryResult<Option<PoeFileRow>> {
    poe_files::table
        .inner_join(users::table.on(users::id.eq(poe_files::uploaded_by)))
        .filter(poe_files::id.eq(file_id))
        .select((
            poe_files::id,
            poe_files::claim_id,
            poe_files::file_name,
            poe_files::content_type,
            poe_files::size_bytes,
            users::display_name,
            poe_files::uploaded_at,
        ))
        .first(conn)
        .optional()
}

pub fn count(conn: &mut AnyConnection, claim_id: &str) -> QueryResult<i64> {
    poe_files::table
        .filter(poe_files::claim_id.eq(claim_id))
        .count()
        .get_result(conn)
}

/// One chunk of a file's content, or `None` past the end.
pub fn chunk(conn: &mut AnyConnection, file_id: &str, seq: i32) -> QueryResult<Option<Vec<u8>>> {
    file_chunks::table
        .filter(file_chunks::file_id.eq(file_id))
        .filter(file_chunks::seq.eq(seq))
        .select(file_chunks::data)
        .first(conn)
        .optional()
}

/// Deletes the file if it belongs to this claim (its chunks go with it by the foreign
/// key's cascade); returns whether it existed.
pub fn delete(conn: &mut AnyConnection, claim_id: &str, file_id: &str) -> QueryResult<bool> {
    let deleted = diesel::delete(
        poe_files::table
            .filter(poe_files::id.eq(file_id))
            .filter(poe_files::claim_id.eq(claim_id)),
    )
    .execute(conn)?;
    Ok(deleted > 0)
}
