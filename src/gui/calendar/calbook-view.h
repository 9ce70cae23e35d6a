/* calbook-view.h
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

#define CALBOOK_TYPE_VIEW (calbook_view_get_type ())

G_DECLARE_INTERFACE (CalbookView, calbook_view, CALBOOK, VIEW, GtkWidget)

/**
 * CalbookViewInterface:
 * @go_next: moves one page (day, week, month) forward
 * @go_previous: moves one page back
 * @set_query: where to read bookings: @store with @filter's status, person and
 *   text; the view adds its own date range (overlapping [from, to)). @own_email
 *   is the signed-in person's address, whose name the rows leave out
 * @set_pending: the uids of bookings with a change not yet sent (a set)
 * @reload: re-reads the store after it changed
 *
 * What the agenda, week and month views share. Every view also has the
 * properties "date" (a #GDateTime in the local zone, the day it shows) and
 * "selected-booking" (a #CalbookBooking or %NULL).
 */
struct _CalbookViewInterface
{
  GTypeInterface parent_iface;

  void (*go_next)     (CalbookView                *self);
  void (*go_previous) (CalbookView                *self);
  void (*set_query)   (CalbookView                *self,
                       CalbookStore               *store,
                       const CalbookBookingFilter *filter,
                       const char                 *own_email);
  void (*set_pending) (CalbookView                *self,
                       GHashTable                 *uids);
  void (*reload)      (CalbookView                *self);
};

GDateTime      *calbook_view_get_date             (CalbookView                *self);
void            calbook_view_set_date             (CalbookView                *self,
                                                   GDateTime                  *date);
CalbookBooking *calbook_view_get_selected_booking (CalbookView                *self);
void            calbook_view_set_selected_booking (CalbookView                *self,
                                                   CalbookBooking             *booking);
void            calbook_view_go_next              (CalbookView                *self);
void            calbook_view_go_previous          (CalbookView                *self);
void            calbook_view_go_today             (CalbookView                *self);
void            calbook_view_set_query            (CalbookView                *self,
                                                   CalbookStore               *store,
                                                   const CalbookBookingFilter *filter,
                                                   const char                 *own_email);
void            calbook_view_set_pending          (CalbookView                *self,
                                                   GHashTable                 *uids);
void            calbook_view_reload               (CalbookView                *self);

G_END_DECLS
