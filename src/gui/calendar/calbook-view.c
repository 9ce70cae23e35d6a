/* calbook-view.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-booking.h"
#include "calbook-view.h"

/*
 * The one interface the window talks to, whichever view is showing: the
 * window keeps the date and the selected booking when it switches views by
 * handing them from one view to the next.
 */

G_DEFINE_INTERFACE (CalbookView, calbook_view, GTK_TYPE_WIDGET)

static void
calbook_view_default_init (CalbookViewInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_boxed ("date", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)));

  g_object_interface_install_property (iface,
    g_param_spec_object ("selected-booking", NULL, NULL,
                         CALBOOK_TYPE_BOOKING,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)));
}

/* Public API */

/**
 * calbook_view_get_date:
 * @self: a #CalbookView
 *
 * Returns: (transfer full): the day the view shows, in the local zone
 */
GDateTime *
calbook_view_get_date (CalbookView *self)
{
  GDateTime *date = NULL;

  g_return_val_if_fail (CALBOOK_IS_VIEW (self), NULL);

  g_object_get (self, "date", &date, NULL);

  return date;
}

void
calbook_view_set_date (CalbookView *self,
                       GDateTime   *date)
{
  g_return_if_fail (CALBOOK_IS_VIEW (self));
  g_return_if_fail (date != NULL);

  g_object_set (self, "date", date, NULL);
}

/**
 * calbook_view_get_selected_booking:
 * @self: a #CalbookView
 *
 * Returns: (transfer none) (nullable): the selected booking
 */
CalbookBooking *
calbook_view_get_selected_booking (CalbookView *self)
{
  CalbookBooking *booking = NULL;

  g_return_val_if_fail (CALBOOK_IS_VIEW (self), NULL);

  g_object_get (self, "selected-booking", &booking, NULL);

  /* The view holds its own reference for as long as the booking is selected */
  if (booking != NULL)
    g_object_unref (booking);

  return booking;
}

void
calbook_view_set_selected_booking (CalbookView    *self,
                                   CalbookBooking *booking)
{
  g_return_if_fail (CALBOOK_IS_VIEW (self));
  g_return_if_fail (booking == NULL || CALBOOK_IS_BOOKING (booking));

  g_object_set (self, "selected-booking", booking, NULL);
}

void
calbook_view_go_next (CalbookView *self)
{
  g_return_if_fail (CALBOOK_IS_VIEW (self));

  CALBOOK_VIEW_GET_IFACE (self)->go_next (self);
}

void
calbook_view_go_previous (CalbookView *self)
{
  g_return_if_fail (CALBOOK_IS_VIEW (self));

  CALBOOK_VIEW_GET_IFACE (self)->go_previous (self);
}

void
calbook_view_go_today (CalbookView *self)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (CALBOOK_IS_VIEW (self));

  now = g_date_time_new_now_local ();
  calbook_view_set_date (self, now);
}

void
calbook_view_set_query (CalbookView                *self,
                        CalbookStore               *store,
                        const CalbookBookingFilter *filter,
                        const char                 *own_email)
{
  g_return_if_fail (CALBOOK_IS_VIEW (self));
  g_return_if_fail (store == NULL || CALBOOK_IS_STORE (store));

  CALBOOK_VIEW_GET_IFACE (self)->set_query (self, store, filter, own_email);
}

void
calbook_view_set_pending (CalbookView *self,
                          GHashTable  *uids)
{
  g_return_if_fail (CALBOOK_IS_VIEW (self));

  CALBOOK_VIEW_GET_IFACE (self)->set_pending (self, uids);
}

void
calbook_view_reload (CalbookView *self)
{
  g_return_if_fail (CALBOOK_IS_VIEW (self));

  CALBOOK_VIEW_GET_IFACE (self)->reload (self);
}
