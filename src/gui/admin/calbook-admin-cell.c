/* calbook-admin-cell.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-admin-cell.h"
#include "calbook-bidi.h"
#include "calbook-admin-window.h"
#include "calbook-booking-text.h"
#include "calbook-format.h"

/*
 * One cell of the admin table: the column templates in the window's .ui
 * bind a booking's summary (a light row, no JSON parsed) to it and name the
 * column; the text is made here, in one place. Texts from Cal.com are shown
 * as plain text, never markup, and cut to what a label lays out at once
 * (Pango shapes a whole text even when it is ellipsized).
 */

struct _CalbookAdminCell
{
  GtkWidget           parent_instance;

  CalbookBookingSummary *booking;
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

/* A person's e-mail when the name is shown */
static char *
dup_email (CalbookBookingSummary *booking,
           CalbookAdminColumn     column)
{
  const char *email = NULL;

  if (column == CALBOOK_ADMIN_COLUMN_MEMBER)
    email = calbook_booking_summary_get_host_email (booking);
  else if (column == CALBOOK_ADMIN_COLUMN_CLIENT)
    email = calbook_booking_summary_get_client_email (booking);

  if (email == NULL || email[0] == '\0')
    return NULL;

  return calbook_booking_text_shorten (email);
}

/* The first of a name or an e-mail that is there (a person Cal.com sent
 * without a name) */
static const char *
name_or_email (const char *name,
               const char *email)
{
  return name[0] != '\0' ? name : email;
}

/* The event type's title as the organization's event types have it, else
 * its slug (an event type that is gone or not readable with this key) */
static const char *
get_event_type_label (CalbookAdminCell      *self,
                      CalbookBookingSummary *booking)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *title = NULL;

  if (CALBOOK_IS_ADMIN_WINDOW (root))
    title = calbook_admin_window_lookup_event_type_title (CALBOOK_ADMIN_WINDOW (root),
                                                          calbook_booking_summary_get_event_type_id (booking));

  return title != NULL ? title : calbook_booking_summary_get_event_type_slug (booking);
}

static void
update (CalbookAdminCell *self)
{
  g_autofree char *text = NULL;
  g_autofree char *email = NULL;
  gboolean pending = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), status_classes[i]);

  if (self->booking != NULL)
    {
      if (self->column == CALBOOK_ADMIN_COLUMN_EVENT_TYPE)
        text = calbook_booking_text_shorten (get_event_type_label (self, self->booking));
      else
        text = calbook_admin_cell_dup_text (self->booking, self->column);
      email = dup_email (self->booking, self->column);

      if (self->column == CALBOOK_ADMIN_COLUMN_STATUS)
        {
          GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

          gtk_widget_add_css_class (GTK_WIDGET (self->label),
                                    calbook_format_status_class (calbook_booking_summary_get_status (self->booking)));
          pending = CALBOOK_IS_ADMIN_WINDOW (root) &&
                    calbook_admin_window_has_pending_change (CALBOOK_ADMIN_WINDOW (root),
                                                             calbook_booking_summary_get_uid (self->booking));
        }
    }

  gtk_label_set_text (self->label, text != NULL ? text : "");
  /* Read out with the name; the tooltip is made when asked (see init) */
  if (email != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, email, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_image), pending);
}

static gboolean
on_query_tooltip_cb (CalbookAdminCell *self,
                     int               x,
                     int               y,
                     gboolean          keyboard,
                     GtkTooltip       *tooltip)
{
  g_autofree char *text = NULL;

  if (self->booking != NULL)
    text = dup_email (self->booking, self->column);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* GObject overrides */

static void
calbook_admin_cell_root (GtkWidget *widget)
{
  CalbookAdminCell *self = CALBOOK_ADMIN_CELL (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (calbook_admin_cell_parent_class)->root (widget);

  /* The pending mark follows the window's set of unsent changes, the
   * event type's title the organization's event types */
  root = gtk_widget_get_root (widget);
  if (CALBOOK_IS_ADMIN_WINDOW (root) && self->column == CALBOOK_ADMIN_COLUMN_STATUS)
    g_signal_connect_object (root, "pending-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  if (CALBOOK_IS_ADMIN_WINDOW (root) && self->column == CALBOOK_ADMIN_COLUMN_EVENT_TYPE)
    g_signal_connect_object (root, "event-types-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);

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
    g_param_spec_object ("booking", NULL, NULL, CALBOOK_TYPE_BOOKING_SUMMARY,
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
  /* Hidden before its tooltip is set: GTK 4.8 asks X for the pointer when a
   * visible widget's tooltip changes */
  gtk_widget_set_visible (GTK_WIDGET (self->pending_image), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pending_image), _("A change is waiting to be sent"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pending_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Change not sent yet"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->pending_image), "pending-change");
  gtk_widget_set_visible (GTK_WIDGET (self->pending_image), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->pending_image), GTK_WIDGET (self));

  /* The e-mail on hover, made when asked: setting a tooltip text on every
   * bind costs a synchronous X round trip per cell in GTK 4.8 */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

/* Public API */

/**
 * calbook_admin_cell_dup_text:
 *
 * Returns: (transfer full): what the cell of @column shows for @booking
 *   (the event type's slug: its title is the window's to know)
 */
char *
calbook_admin_cell_dup_text (CalbookBookingSummary *booking,
                             CalbookAdminColumn     column)
{
  CalbookBookingStatus status;

  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (booking), NULL);

  switch (column)
    {
    case CALBOOK_ADMIN_COLUMN_DATE:
      /* Translators: a date in the admin table, e.g. "Thu 2026-12-03"; see strftime(3) */
      return format_local (calbook_booking_summary_get_start (booking), _("%a %Y-%m-%d"));
    case CALBOOK_ADMIN_COLUMN_TIME:
      return format_local (calbook_booking_summary_get_start (booking), "%H:%M");
    case CALBOOK_ADMIN_COLUMN_LENGTH:
      return format_length ((calbook_booking_summary_get_end (booking) -
                              calbook_booking_summary_get_start (booking)) / 60);
    case CALBOOK_ADMIN_COLUMN_CLIENT:
      return calbook_booking_text_shorten (name_or_email (calbook_booking_summary_get_client_name (booking),
                                                          calbook_booking_summary_get_client_email (booking)));
    case CALBOOK_ADMIN_COLUMN_MEMBER:
      return calbook_booking_text_shorten (name_or_email (calbook_booking_summary_get_host_name (booking),
                                                          calbook_booking_summary_get_host_email (booking)));
    case CALBOOK_ADMIN_COLUMN_EVENT_TYPE:
      return calbook_booking_text_shorten (calbook_booking_summary_get_event_type_slug (booking));
    case CALBOOK_ADMIN_COLUMN_STATUS:
      /* Cal.com's own word for a status we do not know */
      status = calbook_booking_summary_get_status (booking);
      if (status != CALBOOK_BOOKING_STATUS_OTHER)
        return g_strdup (calbook_booking_status_to_label (status));
      if (calbook_booking_summary_get_api_status (booking)[0] == '\0')
        return g_strdup (_("Unknown"));
      return calbook_booking_text_shorten (calbook_booking_summary_get_api_status (booking));
    case CALBOOK_ADMIN_COLUMN_LOCATION:
      return calbook_booking_text_shorten (calbook_booking_summary_get_location (booking));
    case CALBOOK_ADMIN_COLUMN_CREATED:
      /* Translators: when a booking was made, e.g. "2026-12-03 14:05"; see strftime(3) */
      return format_local (calbook_booking_summary_get_created_at (booking), _("%Y-%m-%d %H:%M"));
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
calbook_admin_cell_dup_inline (const char *text)
{
  g_autofree char *cut = calbook_booking_text_shorten (text);

  return calbook_bidi_isolate (cut);
}

char *
calbook_admin_cell_format_time (gint64 when)
{
  /* Translators: a date and time, e.g. "Tue 2026-12-08 10:00"; see strftime(3) */
  return format_local (when, _("%a %Y-%m-%d %H:%M"));
}
