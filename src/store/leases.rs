//! How rows waiting to be sent (the email outbox, webhook deliveries) are leased, one
//! definition for every such table, each with the columns `id`, `lease_token`,
//! `leased_until`, `sending_since` and `interrupted_sends`. A dispatcher leases due rows in a
//! short transaction, marks each `sending_since` just before handing it over, sends with no
//! transaction open, then marks it through its lease (a change through a lost lease does
//! nothing). The leases of a dispatcher that is gone are released at once; what it was
//! sending counts as an interrupted send.

/// Defines, in a table's store module: `take_leases` (for the leasing transaction),
/// `under_lease`, `mark_sending`, `lease_holders` and `release`.
macro_rules! leased_rows {
    ($table:ident) => {
        /// Leases the rows `ids` (found due in the caller's transaction) to `lease_token`
        /// until `leased_until`. A row still marked as being sent was interrupted: its
        /// dispatcher died or hung mid-send.
        fn take_leases(
            c: &mut $crate::store::AnyConnection,
            ids: &[String],
            leased_until: ::chrono::NaiveDateTime,
            lease_token: &str,
        ) -> ::diesel::QueryResult<()> {
            ::diesel::update(
                $table::table
                    .filter($table::id.eq_any(ids))
                    .filter($table::sending_since.is_not_null()),
            )
            .set((
                $table::sending_since.eq(None::<::chrono::NaiveDateTime>),
                $table::interrupted_sends.eq($table::interrupted_sends + 1),
            ))
            .execute(c)?;
            ::diesel::update($table::table.filter($table::id.eq_any(ids)))
                .set((
                    $table::leased_until.eq(leased_until),
                    $table::lease_token.eq(lease_token),
                ))
                .execute(c)
                .map(drop)
        }

        /// The row `id`, only while `lease_token` holds its lease: a change through it does
        /// nothing once the lease was lost.
        type UnderLease<'a> = ::diesel::dsl::Filter<
            ::diesel::dsl::Filter<$table::table, ::diesel::dsl::Eq<$table::id, &'a str>>,
            ::diesel::dsl::Eq<$table::lease_token, &'a str>,
        >;

        fn under_lease<'a>(id: &'a str, lease_token: &'a str) -> UnderLease<'a> {
            $table::table
                .filter($table::id.eq(id))
                .filter($table::lease_token.eq(lease_token))
        }

        /// Marks a leased row as being handed over now; false when the lease was lost (the
        /// row must not be sent).
        pub fn mark_sending(
            conn: &mut $crate::store::AnyConnection,
            id: &str,
            lease_token: &str,
            at: ::chrono::NaiveDateTime,
        ) -> ::diesel::QueryResult<bool> {
            let updated = ::diesel::update(under_lease(id, lease_token))
                .set($table::sending_since.eq(at))
                .execute(conn)?;
            Ok(updated == 1)
        }

        /// The dispatchers holding leases, other than `except`.
        pub fn lease_holders(
            conn: &mut $crate::store::AnyConnection,
            except: &str,
        ) -> ::diesel::QueryResult<Vec<String>> {
            $table::table
                .filter($table::lease_token.is_not_null())
                .filter($table::lease_token.ne(except))
                .select($table::lease_token.assume_not_null())
                .distinct()
                .load(conn)
        }

        /// Gives the leases of `lease_token` back, due as they were: rows not yet handed over
        /// simply; with `interrupted`, rows that were being sent too, counted as interrupted
        /// sends (the receiver may have had them). Returns how many rows were released.
        pub fn release(
            conn: &mut $crate::store::AnyConnection,
            lease_token: &str,
            interrupted: bool,
        ) -> ::diesel::QueryResult<usize> {
            let held = $table::table.filter($table::lease_token.eq(lease_token));
            let mut released = 0;
            if interrupted {
                released += ::diesel::update(held.filter($table::sending_since.is_not_null()))
                    .set((
                        $table::sending_since.eq(None::<::chrono::NaiveDateTime>),
                        $table::interrupted_sends.eq($table::interrupted_sends + 1),
                        $table::leased_until.eq(None::<::chrono::NaiveDateTime>),
                        $table::lease_token.eq(None::<String>),
                    ))
                    .execute(conn)?;
            }
            released += ::diesel::update(held.filter($table::sending_since.is_null()))
                .set((
                    $table::leased_until.eq(None::<::chrono::NaiveDateTime>),
                    $table::lease_token.eq(None::<String>),
                ))
                .execute(conn)?;
            Ok(released)
        }
    };
}

pub(crate) use leased_rows;
