/* calbook-admin-cell.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-admin-cell.h"
#include "calbook-admin-window.h"
#include "calbook-format.h"

/*
 * One cell of the admin table: the column templates in the window's .ui
 * bind a booking to it and name the column; the text is made here, in one
 * place. Texts from Cal.com are shown as plain text, never markup.
 */

struct _CalbookAdminCell
{
  GtkWidget           parent_instance;

  CalbookBooking     *booking;
  CalbookAdminColumn  column;
  GtkLabel           *label;
  GtkImage           *pending_image;
};

G_DEFINE_FINAL_TYPE (CalbookAdminCell, calbook_admin_cell, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (CalbookAdminColumn, calbook_admin_column,
                    G_DEFINE_ENUM_VALUE (CALBOOK_ADMIN_COLUMN_DATE, "date"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_ADMIN_COLUMN_TIME, "time"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_ADMIN_COLUMN_LENGTH, "length"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_ADMIN_COLUMN_CLIENT, "client"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_ADMIN_COLUMN_MEMBER, "member"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_ADMIN_COLUMN_EVENT_TYPE, "event-type"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_ADMIN_COLUMN_STATUS, "status"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_ADMIN_COLUMN_LOCATION, "location"),
                    G_DEFINE_ENUM_VALUE (CALBOOK_ADMIN_COLUMN_CREATED, "created"))

enum {
  PROP_0,
  PROP_BOOKING,
  PROP_COLUMN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *status_classes[] = {
  "status-pending", "status-confirmed", "status-cancelled",
  "status-rescheduled", "status-declined", "status-other",
};

/* Auxiliary methods */

static char *
format_local (gint64      when,
              const char *format)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (when);

  if (when <= 0 || time == NULL)
    return g_strdup ("");

  return g_date_time_format (time, format);
}

static char *
format_length (int minutes)
{
  if (minutes < 60)
    /* Translators: a booking's length, e.g. "30 min" */
    return g_strdup_printf (_("%d min"), minutes);
  if (minutes % 60 == 0)
    /* Translators: a booking's length, e.g. "2 h" */
    return g_strdup_printf (_("%d h"), minutes / 60);

  /* Translators: a booking's length, e.g. "1 h 30 min" */
  return g_strdup_printf (_("%d h %d min"), minutes / 60, minutes % 60);
}

static const CalbookPerson *
get_first (GPtrArray *people)
{
  return people != NULL && people->len > 0 ? g_ptr_array_index (people, 0) : NULL;
}

static char *
dup_tooltip (CalbookBooking     *booking,
             CalbookAdminColumn  column)
{
  const CalbookPerson *person = NULL;

  if (column == CALBOOK_ADMIN_COLUMN_MEMBER)
    person = get_first (calbook_booking_get_hosts (booking));
  else if (column == CALBOOK_ADMIN_COLUMN_CLIENT)
    person = get_first (calbook_booking_get_attendees (booking));

  if (person == NULL || person->email[0] == '\0')
    return NULL;

  return g_strdup (person->email);
}

static void
update (CalbookAdminCell *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  gboolean pending = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), status_classes[i]);

  if (self->booking != NULL)
    {
      text = calbook_admin_cell_dup_text (self->booking, self->column);
      tooltip = dup_tooltip (self->booking, self->column);

      if (self->column == CALBOOK_ADMIN_COLUMN_STATUS)
        {
          GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

          gtk_widget_add_css_class (GTK_WIDGET (self->label),
                                    calbook_format_status_class (calbook_booking_get_status (self->booking)));
          pending = CALBOOK_IS_ADMIN_WINDOW (root) &&
                    calbook_admin_window_has_pending_change (CALBOOK_ADMIN_WINDOW (root),
                                                             calbook_booking_get_uid (self->booking));
        }
    }

  gtk_label_set_text (self->label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_image), pending);
}

/* GObject overrides */

static void
calbook_admin_cell_root (GtkWidget *widget)
{
  CalbookAdminCell *self = CALBOOK_ADMIN_CELL (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (calbook_admin_cell_parent_class)->root (widget);

  /* The pending mark follows the window's set of unsent changes */
  root = gtk_widget_get_root (widget);
  if (CALBOOK_IS_ADMIN_WINDOW (root) && self->column == CALBOOK_ADMIN_COLUMN_STATUS)
    g_signal_connect_object (root, "pending-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);

  update (self);
}

static void
calbook_admin_cell_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    g_signal_handlers_disconnect_by_func (root, update, widget);

  GTK_WIDGET_CLASS (calbook_admin_cell_parent_class)->unroot (widget);
}

static void
calbook_admin_cell_dispose (GObject *object)
{
  CalbookAdminCell *self = CALBOOK_ADMIN_CELL (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->booking);

  G_OBJECT_CLASS (calbook_admin_cell_parent_class)->dispose (object);
}

static void
calbook_admin_cell_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CalbookAdminCell *self = CALBOOK_ADMIN_CELL (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      g_value_set_object (value, self->booking);
      break;

    case PROP_COLUMN:
      g_value_set_enum (value, self->column);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_admin_cell_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CalbookAdminCell *self = CALBOOK_ADMIN_CELL (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      if (g_set_object (&self->booking, g_value_get_object (value)))
        {
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_COLUMN:
      if (self->column != (CalbookAdminColumn) g_value_get_enum (value))
        {
          self->column = g_value_get_enum (value);
          gtk_label_set_xalign (self->label,
                                self->column == CALBOOK_ADMIN_COLUMN_LENGTH ? 1.0f : 0.0f);
          gtk_widget_set_hexpand (GTK_WIDGET (self->label), self->column != CALBOOK_ADMIN_COLUMN_STATUS);
          if (self->column == CALBOOK_ADMIN_COLUMN_STATUS)
            gtk_widget_add_css_class (GTK_WIDGET (self->label), "booking-status");
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_admin_cell_class_init (CalbookAdminCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_admin_cell_dispose;
  object_class->get_property = calbook_admin_cell_get_property;
  object_class->set_property = calbook_admin_cell_set_property;

  widget_class->root = calbook_admin_cell_root;
  widget_class->unroot = calbook_admin_cell_unroot;

  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL, CALBOOK_TYPE_BOOKING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMN] =
    g_param_spec_enum ("column", NULL, NULL, CALBOOK_TYPE_ADMIN_COLUMN, CALBOOK_ADMIN_COLUMN_DATE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "admincell");
}

static void
calbook_admin_cell_init (CalbookAdminCell *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_HORIZONTAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 4);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_use_markup (self->label, FALSE);
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (self->label, TRUE);
  gtk_label_set_xalign (self->label, 0.0f);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));

  /* A change made here that Cal.com does not have yet */
  self->pending_image = GTK_IMAGE (gtk_image_new_from_icon_name ("mail-send-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pending_image), _("A change is waiting to be sent"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pending_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Change not sent yet"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->pending_image), "pending-change");
  gtk_widget_set_visible (GTK_WIDGET (self->pending_image), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->pending_image), GTK_WIDGET (self));
}

/* Public API */

/**
 * calbook_admin_cell_dup_text:
 *
 * Returns: (transfer full): what the cell of @column shows for @booking
 */
char *
calbook_admin_cell_dup_text (CalbookBooking     *booking,
                             CalbookAdminColumn  column)
{
  const CalbookPerson *person;

  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  switch (column)
    {
    case CALBOOK_ADMIN_COLUMN_DATE:
      /* Translators: a date in the admin table, e.g. "Thu 2026-12-03"; see strftime(3) */
      return format_local (calbook_booking_get_start (booking), _("%a %Y-%m-%d"));
    case CALBOOK_ADMIN_COLUMN_TIME:
      return format_local (calbook_booking_get_start (booking), "%H:%M");
    case CALBOOK_ADMIN_COLUMN_LENGTH:
      return format_length ((calbook_booking_get_end (booking) - calbook_booking_get_start (booking)) / 60);
    case CALBOOK_ADMIN_COLUMN_CLIENT:
      person = get_first (calbook_booking_get_attendees (booking));
      return g_strdup (person != NULL ? calbook_person_get_label (person) : "");
    case CALBOOK_ADMIN_COLUMN_MEMBER:
      person = get_first (calbook_booking_get_hosts (booking));
      return g_strdup (person != NULL ? calbook_person_get_label (person) : "");
    case CALBOOK_ADMIN_COLUMN_EVENT_TYPE:
      return g_strdup (calbook_booking_get_event_type_slug (booking) != NULL
                       ? calbook_booking_get_event_type_slug (booking) : "");
    case CALBOOK_ADMIN_COLUMN_STATUS:
      return g_strdup (calbook_booking_get_status_label (booking));
    case CALBOOK_ADMIN_COLUMN_LOCATION:
      return g_strdup (calbook_booking_get_location (booking) != NULL
                       ? calbook_booking_get_location (booking) : "");
    case CALBOOK_ADMIN_COLUMN_CREATED:
      /* Translators: when a booking was made, e.g. "2026-12-03 14:05"; see strftime(3) */
      return format_local (calbook_booking_get_created_at (booking), _("%Y-%m-%d %H:%M"));
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
calbook_admin_cell_format_time (gint64 when)
{
  /* Translators: a date and time, e.g. "Tue 2026-12-08 10:00"; see strftime(3) */
  return format_local (when, _("%a %Y-%m-%d %H:%M"));
}
