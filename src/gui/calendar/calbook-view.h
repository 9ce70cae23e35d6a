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
 * @shows_span: whether a booking in [@from, @to) (UTC seconds) may be on the
 *   page the view shows (or last read, when hidden); %NULL: always
 *
 * What the agenda, week and month views share. Every view has the
 * properties "date" (a #GDateTime in the local zone, the day it shows) and
 * "selected-booking" (a #CalbookBooking or %NULL), kept by the interface:
 * a view installs them with calbook_view_install_properties(), says how far
 * a page goes with step(), and follows them in date_changed() and
 * selected_changed(). A view emits "loaded" after it read the store; one
 * that is not shown reads only when it is mapped.
 */
struct _CalbookViewInterface
{
  GTypeInterface parent_iface;

  /* The date a page on from @date (direction 1) or back (-1) */
  GDateTime *(*step)             (CalbookView                *self,
                                  GDateTime                  *date,
                                  int                         direction);
  /* The date or the selected booking changed (not yet notified) */
  void       (*date_changed)     (CalbookView                *self);
  void       (*selected_changed) (CalbookView                *self);
  void       (*set_query)        (CalbookView                *self,
                                  CalbookStore               *store,
                                  const CalbookBookingFilter *filter,
                                  const char                 *own_email);
  void       (*set_pending)      (CalbookView                *self,
                                  GHashTable                 *uids);
  void       (*reload)           (CalbookView                *self);
  gboolean   (*shows_span)       (CalbookView                *self,
                                  gint64                      from,
                                  gint64                      to);
};

/* The interface's properties in a view class: ids 1 and 2 */
enum
{
  CALBOOK_VIEW_PROP_DATE = 1,
  CALBOOK_VIEW_PROP_SELECTED_BOOKING,
  CALBOOK_VIEW_N_PROPS
};

void            calbook_view_install_properties   (GObjectClass               *klass);
void            calbook_view_get_property         (GObject                    *object,
                                                   guint                       prop_id,
                                                   GValue                     *value,
                                                   GParamSpec                 *pspec);
void            calbook_view_set_property         (GObject                    *object,
                                                   guint                       prop_id,
                                                   const GValue               *value,
                                                   GParamSpec                 *pspec);

GDateTime      *calbook_view_get_date             (CalbookView                *self);
GDateTime      *calbook_view_peek_date            (CalbookView                *self);
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
gboolean        calbook_view_shows_span           (CalbookView                *self,
                                                   gint64                      from,
                                                   gint64                      to);

G_END_DECLS
