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

/* What the interface keeps for each view */
typedef struct
{
  GDateTime      *date;
  CalbookBooking *selected;
} ViewState;

static void
view_state_free (gpointer data)
{
  ViewState *state = data;

  g_clear_pointer (&state->date, g_date_time_unref);
  g_clear_object (&state->selected);
  g_free (state);
}

static ViewState *
get_state (CalbookView *self)
{
  static GQuark quark;
  ViewState *state;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("calbook-view-state");

  state = g_object_get_qdata (G_OBJECT (self), quark);
  if (state == NULL)
    {
      /* A view opens on today */
      state = g_new0 (ViewState, 1);
      state->date = g_date_time_new_now_local ();
      g_object_set_qdata_full (G_OBJECT (self), quark, state, view_state_free);
    }

  return state;
}

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

  /* The view read the store: what it shows (and counts) changed. A view
   * reads only while it is shown, so this may come when it is mapped. */
  g_signal_new ("loaded",
                G_TYPE_FROM_INTERFACE (iface),
                G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);
}

/* Public API */

/**
 * calbook_view_install_properties:
 * @klass: a view's class, in its class_init
 *
 * Installs "date" and "selected-booking" (ids 1 and 2) and the default
 * get_property and set_property for them. A view with properties of its
 * own numbers them from %CALBOOK_VIEW_N_PROPS and chains its
 * get_property/set_property to calbook_view_get_property() and
 * calbook_view_set_property() for the others.
 */
void
calbook_view_install_properties (GObjectClass *klass)
{
  klass->get_property = calbook_view_get_property;
  klass->set_property = calbook_view_set_property;
  g_object_class_override_property (klass, CALBOOK_VIEW_PROP_DATE, "date");
  g_object_class_override_property (klass, CALBOOK_VIEW_PROP_SELECTED_BOOKING, "selected-booking");
}

void
calbook_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ViewState *state = get_state (CALBOOK_VIEW (object));

  switch (prop_id)
    {
    case CALBOOK_VIEW_PROP_DATE:
      g_value_set_boxed (value, state->date);
      break;
    case CALBOOK_VIEW_PROP_SELECTED_BOOKING:
      g_value_set_object (value, state->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
calbook_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case CALBOOK_VIEW_PROP_DATE:
      if (g_value_get_boxed (value) != NULL)
        calbook_view_set_date (CALBOOK_VIEW (object), g_value_get_boxed (value));
      break;
    case CALBOOK_VIEW_PROP_SELECTED_BOOKING:
      calbook_view_set_selected_booking (CALBOOK_VIEW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/**
 * calbook_view_get_date:
 * @self: a #CalbookView
 *
 * Returns: (transfer full): the day the view shows
 */
GDateTime *
calbook_view_get_date (CalbookView *self)
{
  g_return_val_if_fail (CALBOOK_IS_VIEW (self), NULL);

  return g_date_time_ref (get_state (self)->date);
}

/**
 * calbook_view_peek_date:
 * @self: a #CalbookView
 *
 * Returns: (transfer none): the day the view shows, for the view itself
 */
GDateTime *
calbook_view_peek_date (CalbookView *self)
{
  g_return_val_if_fail (CALBOOK_IS_VIEW (self), NULL);

  return get_state (self)->date;
}

void
calbook_view_set_date (CalbookView *self,
                       GDateTime   *date)
{
  ViewState *state;

  g_return_if_fail (CALBOOK_IS_VIEW (self));
  g_return_if_fail (date != NULL);

  state = get_state (self);
  if (g_date_time_equal (date, state->date))
    return;

  g_date_time_unref (state->date);
  state->date = g_date_time_ref (date);
  if (CALBOOK_VIEW_GET_IFACE (self)->date_changed != NULL)
    CALBOOK_VIEW_GET_IFACE (self)->date_changed (self);
  g_object_notify (G_OBJECT (self), "date");
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
  g_return_val_if_fail (CALBOOK_IS_VIEW (self), NULL);

  return get_state (self)->selected;
}

void
calbook_view_set_selected_booking (CalbookView    *self,
                                   CalbookBooking *booking)
{
  g_return_if_fail (CALBOOK_IS_VIEW (self));
  g_return_if_fail (booking == NULL || CALBOOK_IS_BOOKING (booking));

  if (!g_set_object (&get_state (self)->selected, booking))
    return;

  if (CALBOOK_VIEW_GET_IFACE (self)->selected_changed != NULL)
    CALBOOK_VIEW_GET_IFACE (self)->selected_changed (self);
  g_object_notify (G_OBJECT (self), "selected-booking");
}

/* Previous and next: a page of the view (a week, a month), as its step() says */
static void
go (CalbookView *self,
    int          direction)
{
  g_autoptr(GDateTime) date = NULL;

  date = CALBOOK_VIEW_GET_IFACE (self)->step (self, get_state (self)->date, direction);
  if (date != NULL)
    calbook_view_set_date (self, date);
}

void
calbook_view_go_next (CalbookView *self)
{
  g_return_if_fail (CALBOOK_IS_VIEW (self));

  go (self, 1);
}

void
calbook_view_go_previous (CalbookView *self)
{
  g_return_if_fail (CALBOOK_IS_VIEW (self));

  go (self, -1);
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

/**
 * calbook_view_shows_span:
 * @self: a #CalbookView
 * @from: UTC seconds
 * @to: UTC seconds, after @from
 *
 * Whether a booking that was or is in [@from, @to) may be on the page @self
 * shows: one that may not need not be read again when such bookings change.
 *
 * Returns: %FALSE when no booking in [@from, @to) is on the page
 */
gboolean
calbook_view_shows_span (CalbookView *self,
                         gint64       from,
                         gint64       to)
{
  g_return_val_if_fail (CALBOOK_IS_VIEW (self), TRUE);

  if (CALBOOK_VIEW_GET_IFACE (self)->shows_span == NULL)
    return TRUE;

  return CALBOOK_VIEW_GET_IFACE (self)->shows_span (self, from, to);
}
