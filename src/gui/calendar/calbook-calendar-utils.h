/* calbook-calendar-utils.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "calbook-booking-filter.h"
#include "calbook-store.h"

G_BEGIN_DECLS

/**
 * CalbookViewQuery:
 * @store: (nullable): where the bookings are
 * @filter: (nullable): the window's filter (status, person, text)
 * @own_email: (nullable): the signed-in person's address, not named on rows
 * @pending: (nullable): uids of bookings with a change waiting to be sent
 * @stale: the view was hidden when it was to read, and reads when shown
 *
 * What every view is told to show, kept the same way by each.
 */
typedef struct
{
  CalbookStore         *store;
  CalbookBookingFilter *filter;
  char                 *own_email;
  GHashTable           *pending;
  gboolean              stale;
} CalbookViewQuery;

void       calbook_view_query_set         (CalbookViewQuery           *self,
                                           CalbookStore               *store,
                                           const CalbookBookingFilter *filter,
                                           const char                 *own_email);
void       calbook_view_query_set_pending (CalbookViewQuery           *self,
                                           GHashTable                 *uids);
gboolean   calbook_view_query_same_pending (const CalbookViewQuery    *self,
                                            GHashTable                *uids);
gboolean   calbook_view_query_is_pending  (const CalbookViewQuery     *self,
                                           const char                 *uid);
gboolean   calbook_view_query_begin_load  (CalbookViewQuery           *self,
                                           GtkWidget                  *view);
GPtrArray *calbook_view_query_read        (const CalbookViewQuery     *self,
                                           GDateTime                  *from,
                                           GDateTime                  *to);
void       calbook_view_query_clear       (CalbookViewQuery           *self);

/* Day arithmetic in the local zone, and the day-range read the views share */
int        calbook_calendar_get_first_weekday (void);
GDateTime *calbook_calendar_start_of_day      (GDateTime                  *date);
GDateTime *calbook_calendar_start_of_week     (GDateTime                  *date);
GDateTime *calbook_calendar_start_of_month    (GDateTime                  *date);
gboolean   calbook_calendar_same_day          (GDateTime                  *a,
                                               GDateTime                  *b);
GPtrArray *calbook_calendar_read_range        (CalbookStore               *store,
                                               const CalbookBookingFilter *filter,
                                               GDateTime                  *from,
                                               GDateTime                  *to);
gboolean   calbook_calendar_span_meets_page   (gint64                      from,
                                               gint64                      to,
                                               GDateTime                  *page_start,
                                               GDateTime                  *page_end);
void       calbook_calendar_popup_booking_menu (GtkWidget                 *widget,
                                                double                     x,
                                                double                     y);

G_END_DECLS
