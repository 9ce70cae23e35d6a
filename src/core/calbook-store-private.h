/* calbook-store-private.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "calbook-store.h"

G_BEGIN_DECLS

/* For CalbookBookingList: whether @filter's count is cheap to make exact.
 * %TRUE: @out_count is the exact count (0 with @error set on failure);
 * %FALSE: counting exactly would cost more than a frame, and @out_count is
 * the most there can be (the matches of its search) */
gboolean   _calbook_store_estimate_count     (CalbookStore               *self,
                                              const CalbookBookingFilter *filter,
                                              guint                      *out_count,
                                              GError                    **error);

/* For CalbookBookingList: (transfer full) (element-type CalbookBooking or
 * CalbookBookingSummary, the type of @from) */
GPtrArray *_calbook_store_query_bookings_from (CalbookStore               *self,
                                               const CalbookBookingFilter *filter,
                                               gpointer                    from,
                                               gboolean                    backwards,
                                               guint                       limit,
                                               GError                    **error);

/* For other readers of the same file: @filter's conditions on `bookings AS b`
 * (" AND …", named parameters) and their values, on any connection */
void      _calbook_store_append_filter_sql  (GString                    *sql,
                                             const CalbookBookingFilter *filter);
gboolean  _calbook_store_bind_filter        (sqlite3_stmt               *stmt,
                                             const CalbookBookingFilter *filter,
                                             GError                    **error);

/* For the benchmark: the SQL text, values included, of a count or a page */
char     *_calbook_store_dup_query_sql      (CalbookStore               *self,
                                             const CalbookBookingFilter *filter,
                                             gboolean                    count,
                                             gboolean                    summaries,
                                             guint                       offset,
                                             guint                       limit,
                                             GError                    **error);

/* For the benchmark: the SQL text of every statement run, added to @into
 * (element-type utf8), until called with %NULL */
void      _calbook_store_trace_statements   (CalbookStore               *self,
                                             GPtrArray                  *into);
/* For the benchmark: forgets remembered counts */
void      _calbook_store_forget_counts      (CalbookStore               *self);
/* For the tests: the plan of a search changes at this many matches */
void      _calbook_store_set_text_first_max (CalbookStore               *self,
                                             gint64                      max_matches);
/* For the tests: the plan of a filter by members changes at this many bookings */
void      _calbook_store_set_people_first_max (CalbookStore             *self,
                                               gint64                    max_bookings);

G_END_DECLS
