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

/* For CalbookBookingList: (transfer full) (element-type CalbookBooking) */
GPtrArray *_calbook_store_query_bookings_from (CalbookStore               *self,
                                               const CalbookBookingFilter *filter,
                                               CalbookBooking             *from,
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

G_END_DECLS
