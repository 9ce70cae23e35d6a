/* booking-generator.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking.h"
#include "calbook-booking-filter.h"
#include "calbook-store.h"

G_BEGIN_DECLS

/* Seeded random data for the store's property tests. Every generator takes
 * the same GRand so that one seed replays a whole test run. */

guint32         test_get_seed               (void);
char           *test_generate_booking_json  (GRand                      *rand,
                                             const char                 *uid);
CalbookBooking *test_generate_booking       (GRand                      *rand,
                                             const char                 *uid);
GPtrArray      *test_generate_bookings      (GRand                      *rand,
                                             guint                       n_bookings,
                                             const char                 *uid_prefix);
CalbookBookingFilter *test_generate_filter  (GRand                      *rand,
                                             GPtrArray                  *bookings);
int             test_compare_bookings       (CalbookBooking             *a,
                                             CalbookBooking             *b,
                                             CalbookBookingSort          sort);
int             test_compare_bookings_by_column (CalbookBooking     *a,
                                                 CalbookBooking     *b,
                                                 CalbookBookingColumn column,
                                                 gboolean            descending);
GPtrArray      *test_filter_bookings        (const CalbookBookingFilter *filter,
                                             GPtrArray                  *bookings);
char           *test_describe_filter        (const CalbookBookingFilter *filter);
char           *test_make_tmp_dir           (void);
void            test_remove_tree            (const char                 *path);

G_END_DECLS
