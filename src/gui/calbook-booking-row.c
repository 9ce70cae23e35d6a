/* calbook-booking-row.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-booking-actions.h"
#include "calbook-booking-row.h"
#include "calbook-calendar-utils.h"
#include "calbook-format.h"

/*
 * One booking in the agenda: the client's name leads, the event type and
 * length below, the status only when it is not the normal case, and a marker
 * while a change waits to be sent. Every string comes from Cal.com, so each is
 * set as plain text (the labels have use-markup off).
 */

struct _CalbookBookingRow
{
  GtkWidget       parent_instance;

  CalbookBooking *booking;
  char           *header;
  char           *own_email;
  gboolean        pending;
  const char     *status_class;

  /* Template widgets */
  GtkWidget      *box;
  GtkLabel       *header_label;
  GtkImage       *pending_image;
  GtkLabel       *status_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *time_label;
  GtkLabel       *title_label;
};

G_DEFINE_FINAL_TYPE (CalbookBookingRow, calbook_booking_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKING,
  PROP_HEADER,
  PROP_OWN_EMAIL,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74 */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static void
update_row (CalbookBookingRow *self)
{
  g_autofree char *time_text = NULL;
  g_autofree char *client = NULL;
  g_autofree char *event_type = NULL;
  g_autofree char *length = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  CalbookBookingStatus status;
  const char *note;
  gint64 start;
  gint64 end;

  g_assert (CALBOOK_IS_BOOKING_ROW (self));

  gtk_label_set_text (self->header_label, self->header != NULL ? self->header : "");
  gtk_widget_set_visible (GTK_WIDGET (self->header_label), self->header != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_image), self->booking != NULL && self->pending);

  if (self->status_class != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
      self->status_class = NULL;
    }

  if (self->booking == NULL)
    {
      gtk_label_set_text (self->time_label, "");
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->subtitle_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
      return;
    }

  status = calbook_booking_get_status (self->booking);
  start = calbook_booking_get_start (self->booking);
  end = calbook_booking_get_end (self->booking);

  time_text = calbook_format_clock_range (start, end);
  client = calbook_format_client (self->booking, self->own_email);
  event_type = calbook_format_event_type (self->booking);
  length = calbook_format_length (start, end);
  /* Translators: under the client's name, e.g. "Check-up · 30 min" */
  subtitle = g_strdup_printf (_("%s · %s"), event_type, length);

  gtk_label_set_text (self->time_label, time_text);
  gtk_label_set_text (self->title_label, client);
  gtk_label_set_text (self->subtitle_label, subtitle);

  note = calbook_format_status_note (self->booking);
  gtk_label_set_text (self->status_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), note != NULL);
  /* A no-show on a confirmed booking is not a confirmation to celebrate */
  self->status_class = status == CALBOOK_BOOKING_STATUS_CONFIRMED && note != NULL ?
                       "status-noshow" : calbook_format_status_class (status);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), self->status_class);

  if (status == CALBOOK_BOOKING_STATUS_CANCELLED ||
      status == CALBOOK_BOOKING_STATUS_RESCHEDULED ||
      status == CALBOOK_BOOKING_STATUS_DECLINED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "booking-row-cancelled");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "booking-row-cancelled");

  /* Screen readers get the whole row in one sentence: client, time, status */
  accessible = calbook_format_booking_summary (self->booking, self->own_email, self->pending);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/* Callbacks */

static void
on_menu_pressed_cb (GtkGestureClick   *gesture,
                    int                n_press,
                    double             x,
                    double             y,
                    CalbookBookingRow *self)
{
  if (self->booking == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  calbook_calendar_popup_booking_menu (GTK_WIDGET (self), x, y);
}

static gboolean
on_menu_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  if (CALBOOK_BOOKING_ROW (widget)->booking == NULL)
    return FALSE;

  calbook_calendar_popup_booking_menu (widget, -1, -1);

  return TRUE;
}

static CalbookBooking *
lookup_booking (GtkWidget *widget)
{
  return CALBOOK_BOOKING_ROW (widget)->booking;
}

/* GObject overrides */

static void
calbook_booking_row_dispose (GObject *object)
{
  CalbookBookingRow *self = (CalbookBookingRow *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_BOOKING_ROW);

  /* A context menu still open */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->booking);

  G_OBJECT_CLASS (calbook_booking_row_parent_class)->dispose (object);
}

static void
calbook_booking_row_finalize (GObject *object)
{
  CalbookBookingRow *self = (CalbookBookingRow *)object;

  g_clear_pointer (&self->header, g_free);
  g_clear_pointer (&self->own_email, g_free);

  G_OBJECT_CLASS (calbook_booking_row_parent_class)->finalize (object);
}

static void
calbook_booking_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CalbookBookingRow *self = CALBOOK_BOOKING_ROW (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      g_value_set_object (value, self->booking);
      break;
    case PROP_HEADER:
      g_value_set_string (value, self->header);
      break;
    case PROP_OWN_EMAIL:
      g_value_set_string (value, self->own_email);
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_booking_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CalbookBookingRow *self = CALBOOK_BOOKING_ROW (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      calbook_booking_row_set_booking (self, g_value_get_object (value));
      break;
    case PROP_HEADER:
      calbook_booking_row_set_header (self, g_value_get_string (value));
      break;
    case PROP_OWN_EMAIL:
      calbook_booking_row_set_own_email (self, g_value_get_string (value));
      break;
    case PROP_PENDING:
      calbook_booking_row_set_pending (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_booking_row_class_init (CalbookBookingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_booking_row_dispose;
  object_class->finalize = calbook_booking_row_finalize;
  object_class->get_property = calbook_booking_row_get_property;
  object_class->set_property = calbook_booking_row_set_property;

  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL,
                         CALBOOK_TYPE_BOOKING,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The day header shown above the first booking of a day, or %NULL */
  properties[PROP_HEADER] =
    g_param_spec_string ("header", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The signed-in person's address: they are not named on their own rows */
  properties[PROP_OWN_EMAIL] =
    g_param_spec_string ("own-email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether a change to the booking waits in the outbox */
  properties[PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-booking-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingRow, box);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingRow, header_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingRow, pending_image);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingRow, title_label);

  /* booking.* on this row's booking, for its context menu */
  calbook_booking_actions_install (widget_class, lookup_booking);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, on_menu_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, on_menu_shortcut_cb, NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "bookingrow");
}

static void
calbook_booking_row_init (CalbookBookingRow *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_menu_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

/* Public API */

GtkWidget *
calbook_booking_row_new (void)
{
  return g_object_new (CALBOOK_TYPE_BOOKING_ROW, NULL);
}

CalbookBooking *
calbook_booking_row_get_booking (CalbookBookingRow *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_ROW (self), NULL);

  return self->booking;
}

void
calbook_booking_row_set_booking (CalbookBookingRow *self,
                                 CalbookBooking    *booking)
{
  g_return_if_fail (CALBOOK_IS_BOOKING_ROW (self));
  g_return_if_fail (booking == NULL || CALBOOK_IS_BOOKING (booking));

  if (g_set_object (&self->booking, booking))
    {
      update_row (self);
      calbook_booking_actions_update (GTK_WIDGET (self), booking);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKING]);
    }
}

void
calbook_booking_row_set_header (CalbookBookingRow *self,
                                const char        *header)
{
  g_return_if_fail (CALBOOK_IS_BOOKING_ROW (self));

  if (set_string (&self->header, header))
    {
      update_row (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADER]);
    }
}

const char *
calbook_booking_row_get_header (CalbookBookingRow *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_ROW (self), NULL);

  return self->header;
}

void
calbook_booking_row_set_own_email (CalbookBookingRow *self,
                                   const char        *own_email)
{
  g_return_if_fail (CALBOOK_IS_BOOKING_ROW (self));

  if (set_string (&self->own_email, own_email))
    {
      update_row (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWN_EMAIL]);
    }
}

void
calbook_booking_row_set_pending (CalbookBookingRow *self,
                                 gboolean           pending)
{
  g_return_if_fail (CALBOOK_IS_BOOKING_ROW (self));

  pending = !!pending;
  if (self->pending == pending)
    return;

  self->pending = pending;
  update_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

gboolean
calbook_booking_row_get_pending (CalbookBookingRow *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_ROW (self), FALSE);

  return self->pending;
}

/**
 * calbook_booking_row_get_title_text:
 * @self: a #CalbookBookingRow
 *
 * Returns: (transfer none): the text the title label shows, for tests
 */
const char *
calbook_booking_row_get_title_text (CalbookBookingRow *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_ROW (self), NULL);

  return gtk_label_get_text (self->title_label);
}

/**
 * calbook_booking_row_get_status_text:
 * @self: a #CalbookBookingRow
 *
 * Returns: (transfer none) (nullable): the status shown, %NULL when none is
 */
const char *
calbook_booking_row_get_status_text (CalbookBookingRow *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->status_label)))
    return NULL;

  return gtk_label_get_text (self->status_label);
}
