/* calbook-booking-summary.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking.h"
#include "calbook-booking-column.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_BOOKING_SUMMARY (calbook_booking_summary_get_type ())

G_DECLARE_FINAL_TYPE (CalbookBookingSummary, calbook_booking_summary,
                      CALBOOK, BOOKING_SUMMARY, GObject)

/*
 * What a list row, a calendar block or a line of the admin table shows of a
 * booking, read from the store's columns without parsing its JSON. Immutable.
 * For everything else (details, actions), get the whole booking with
 * calbook_store_get_booking (store, uid).
 *
 * Strings are never %NULL ("" when absent). Times are UTC seconds.
 */

const char             *calbook_booking_summary_get_uid             (CalbookBookingSummary *self);
const char             *calbook_booking_summary_get_title           (CalbookBookingSummary *self);
gint64                  calbook_booking_summary_get_start           (CalbookBookingSummary *self);
gint64                  calbook_booking_summary_get_end             (CalbookBookingSummary *self);
CalbookBookingStatus    calbook_booking_summary_get_status          (CalbookBookingSummary *self);
const char             *calbook_booking_summary_get_api_status      (CalbookBookingSummary *self);
const char             *calbook_booking_summary_get_client_name     (CalbookBookingSummary *self);
const char             *calbook_booking_summary_get_client_email    (CalbookBookingSummary *self);
const char             *calbook_booking_summary_get_host_name       (CalbookBookingSummary *self);
const char             *calbook_booking_summary_get_host_email      (CalbookBookingSummary *self);
gint64                  calbook_booking_summary_get_event_type_id   (CalbookBookingSummary *self);
const char             *calbook_booking_summary_get_event_type_slug (CalbookBookingSummary *self);
/* minutes (Cal.com's duration) */
int                     calbook_booking_summary_get_length          (CalbookBookingSummary *self);
const char             *calbook_booking_summary_get_location        (CalbookBookingSummary *self);
CalbookBookingLocation  calbook_booking_summary_get_location_kind   (CalbookBookingSummary *self);
gint64                  calbook_booking_summary_get_created_at      (CalbookBookingSummary *self);
gint64                  calbook_booking_summary_get_updated_at      (CalbookBookingSummary *self);
guint                   calbook_booking_summary_get_attendee_count  (CalbookBookingSummary *self);
gboolean                calbook_booking_summary_is_recurring        (CalbookBookingSummary *self);
gboolean                calbook_booking_summary_is_no_show          (CalbookBookingSummary *self);
gboolean                calbook_booking_summary_equal               (CalbookBookingSummary *a,
                                                                     CalbookBookingSummary *b);

G_END_DECLS
