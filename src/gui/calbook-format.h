/* calbook-format.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking.h"
#include "calbook-booking-summary.h"

G_BEGIN_DECLS

char       *calbook_format_time_range         (gint64               start,
                                               gint64               end);
char       *calbook_format_time_range_in_zone (gint64               start,
                                               gint64               end,
                                               const char          *zone);
char       *calbook_format_date_time          (gint64               when);
char       *calbook_format_people             (GPtrArray           *people);
const char *calbook_format_status_class       (CalbookBookingStatus status);
char       *calbook_format_client             (CalbookBooking      *booking,
                                               const char          *own_email);
char       *calbook_format_event_type         (CalbookBooking      *booking);
char       *calbook_format_length             (gint64               start,
                                               gint64               end);
const char *calbook_format_status_note        (CalbookBooking      *booking);
char       *calbook_format_clock_range        (gint64               start,
                                               gint64               end);
char       *calbook_format_day_header         (GDateTime           *day);
char       *calbook_format_booking_count      (guint                n,
                                              gboolean             estimated);
char       *calbook_format_more               (guint                n);
char       *calbook_format_more_short         (guint                n);
char       *calbook_format_more_accessible    (guint                n,
                                              GDateTime           *day);
char       *calbook_format_booking_summary    (CalbookBooking      *booking,
                                               const char          *own_email,
                                               gboolean             pending);


/* The same from a summary (no JSON parsed), for week blocks and month chips */
char       *calbook_format_summary_client      (CalbookBookingSummary *summary,
                                                const char            *own_email);
char       *calbook_format_summary_event_type  (CalbookBookingSummary *summary);
const char *calbook_format_summary_status_note (CalbookBookingSummary *summary);
char       *calbook_format_summary_sentence    (CalbookBookingSummary *summary,
                                                const char            *own_email,
                                                gboolean               pending);

G_END_DECLS
