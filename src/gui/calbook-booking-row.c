/* calbook-booking-row.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-booking-row.h"
#include "calbook-format.h"

/*
 * One booking in the list: time, status, title and attendees. Every string
 * comes from Cal.com, so each is set as plain text (the labels have
 * use-markup off and are filled with gtk_label_set_text).
 */

struct _CalbookBookingRow
{
  GtkWidget       parent_instance;

  CalbookBooking *booking;
  const char     *status_class;

  /* Template widgets */
  GtkLabel       *people_label;
  GtkLabel       *status_label;
  GtkLabel       *time_label;
  GtkLabel       *title_label;
};

G_DEFINE_FINAL_TYPE (CalbookBookingRow, calbook_booking_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
update_row (CalbookBookingRow *self)
{
  g_autofree char *time_text = NULL;
  g_autofree char *people = NULL;
  g_autofree char *accessible = NULL;
  CalbookBookingStatus status;
  const char *title;

  g_assert (CALBOOK_IS_BOOKING_ROW (self));

  if (self->status_class != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
      self->status_class = NULL;
    }

  if (self->booking == NULL)
    {
      gtk_label_set_text (self->time_label, "");
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->people_label, "");
      gtk_label_set_text (self->status_label, "");
      return;
    }

  status = calbook_booking_get_status (self->booking);
  title = calbook_booking_get_title (self->booking);
  if (title == NULL || *title == '\0')
    title = _("Untitled booking");

  time_text = calbook_format_time_range (calbook_booking_get_start (self->booking),
                                         calbook_booking_get_end (self->booking));
  people = calbook_format_people (calbook_booking_get_attendees (self->booking));

  gtk_label_set_text (self->time_label, time_text);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->people_label, people);
  gtk_widget_set_visible (GTK_WIDGET (self->people_label), *people != '\0');
  gtk_label_set_text (self->status_label, calbook_booking_get_status_label (self->booking));

  self->status_class = calbook_format_status_class (status);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), self->status_class);

  if (status == CALBOOK_BOOKING_STATUS_CANCELLED ||
      status == CALBOOK_BOOKING_STATUS_RESCHEDULED ||
      status == CALBOOK_BOOKING_STATUS_DECLINED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "booking-row-cancelled");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "booking-row-cancelled");

  /* Screen readers get the whole row in one sentence */
  accessible = g_strdup_printf ("%s, %s, %s, %s", title, time_text,
                                calbook_booking_get_status_label (self->booking), people);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/* GObject overrides */

static void
calbook_booking_row_dispose (GObject *object)
{
  CalbookBookingRow *self = (CalbookBookingRow *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_BOOKING_ROW);

  /* The template's top box has no id, so dispose_template leaves it */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->booking);

  G_OBJECT_CLASS (calbook_booking_row_parent_class)->dispose (object);
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
  object_class->get_property = calbook_booking_row_get_property;
  object_class->set_property = calbook_booking_row_set_property;

  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL,
                         CALBOOK_TYPE_BOOKING,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-booking-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingRow, people_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingRow, title_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
calbook_booking_row_init (CalbookBookingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKING]);
    }
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
