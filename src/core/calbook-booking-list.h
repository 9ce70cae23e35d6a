/* calbook-booking-list.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "calbook-booking-filter.h"
#include "calbook-store.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_BOOKING_LIST (calbook_booking_list_get_type ())

G_DECLARE_FINAL_TYPE (CalbookBookingList, calbook_booking_list, CALBOOK, BOOKING_LIST, GObject)

/*
 * A GListModel of CalbookBooking over a store query. Rows are read from
 * SQLite in small windows as they are asked for, so memory stays flat
 * however many bookings the store holds. Properties: "store" (construct-only),
 * "summaries" (construct-only: items are CalbookBookingSummary, read without
 * any JSON parse), "filter" (boxed CalbookBookingFilter), "n-items",
 * "count-exact", "count-estimate".
 *
 * Counting ("about N"): a new filter whose exact count would cost more than
 * a frame (a search with many matches and other conditions) is not counted
 * on the main thread. The list then holds only its first rows (n-items),
 * "count-exact" is FALSE and "count-estimate" is the most there can be; the
 * exact count is made in a worker thread (calbook_store_count_bookings_async())
 * and, when it lands, n-items grows (one items-changed after the first rows,
 * which stay), "count-exact" turns TRUE and "count-estimate" is the count.
 * A newer filter or a reload cancels a count still being made. So a count
 * label needs no call of its own: on notify::count-estimate and
 * notify::count-exact (both are set before either is notified) show
 *
 *   calbook_format_booking_count (calbook_booking_list_get_count_estimate (list),
 *                                 !calbook_booking_list_get_count_exact (list));
 *
 * ("About 14,217 bookings" while estimated, "14,217 bookings" after).
 * Views scroll n-items as usual.
 */

CalbookBookingList         *calbook_booking_list_new        (CalbookStore               *store,
                                                             const CalbookBookingFilter *filter);
CalbookBookingList         *calbook_booking_list_new_summaries (CalbookStore            *store,
                                                                const CalbookBookingFilter *filter);
const CalbookBookingFilter *calbook_booking_list_get_filter (CalbookBookingList         *self);
void                        calbook_booking_list_set_filter (CalbookBookingList         *self,
                                                             const CalbookBookingFilter *filter);
/* Re-reads the query after the store changed; emits one items-changed. */
void                        calbook_booking_list_reload     (CalbookBookingList         *self);
gboolean                    calbook_booking_list_get_count_exact    (CalbookBookingList *self);
guint                       calbook_booking_list_get_count_estimate (CalbookBookingList *self);

G_END_DECLS
