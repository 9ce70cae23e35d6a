/* calbook-location-dialog.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-event-types.h"
#include "calbook-input.h"
#include "calbook-location.h"
#include "calbook-location-dialog.h"

/*
 * A new place for a booking: the event type's own places first (with
 * their address, number or link filled in), then the kinds Cal.com can
 * always set. Conferencing apps can only be chosen when booking, so they
 * are not offered.
 */

typedef struct
{
  CalbookLocationKind  kind;
  char                *value;
} Option;

struct _CalbookLocationDialog
{
  AdwMessageDialog  parent_instance;

  CalbookBooking   *booking;
  GArray           *options;
  GtkStringList    *labels;
  GCancellable     *cancellable;

  AdwComboRow      *kind_row;
  AdwEntryRow      *value_row;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (CalbookLocationDialog, calbook_location_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
option_clear (Option *option)
{
  g_clear_pointer (&option->value, g_free);
}

static const char *
describe_kind (CalbookLocationKind kind)
{
  switch (kind)
    {
    case CALBOOK_LOCATION_ADDRESS:
      return _("In person");
    case CALBOOK_LOCATION_PHONE:
      return _("Phone call (host's number)");
    case CALBOOK_LOCATION_LINK:
      return _("Meeting link");
    case CALBOOK_LOCATION_ATTENDEE_ADDRESS:
      return _("At the attendee's address");
    case CALBOOK_LOCATION_ATTENDEE_PHONE:
      return _("Call the attendee");
    case CALBOOK_LOCATION_ATTENDEE_DEFINED:
      return _("Somewhere else");
    case CALBOOK_LOCATION_INTEGRATION:
    case CALBOOK_LOCATION_ORGANIZERS_DEFAULT_APP:
    default:
      return NULL;
    }
}

static const char *
value_title (CalbookLocationKind kind)
{
  switch (kind)
    {
    case CALBOOK_LOCATION_ADDRESS:
    case CALBOOK_LOCATION_ATTENDEE_ADDRESS:
      return _("Address");
    case CALBOOK_LOCATION_PHONE:
    case CALBOOK_LOCATION_ATTENDEE_PHONE:
      return _("Phone number");
    case CALBOOK_LOCATION_LINK:
      return _("Link (https://…)");
    case CALBOOK_LOCATION_ATTENDEE_DEFINED:
    case CALBOOK_LOCATION_INTEGRATION:
    case CALBOOK_LOCATION_ORGANIZERS_DEFAULT_APP:
    default:
      return _("Place");
    }
}

static void
add_option (CalbookLocationDialog *self,
            CalbookLocationKind    kind,
            const char            *value)
{
  Option option = { kind, g_strdup (value) };

  if (!calbook_location_kind_can_change (kind) || describe_kind (kind) == NULL)
    {
      g_free (option.value);
      return;
    }

  for (guint i = 0; i < self->options->len; i++)
    if (g_array_index (self->options, Option, i).kind == kind)
      {
        g_free (option.value);
        return;
      }

  g_array_append_val (self->options, option);
  gtk_string_list_append (self->labels, describe_kind (kind));
}

static Option *
get_selected (CalbookLocationDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (selected >= self->options->len)
    return NULL;

  return &g_array_index (self->options, Option, selected);
}

static const char *
check_value (CalbookLocationKind  kind,
             const char          *value)
{
  if (value == NULL)
    return _("Enter where the booking takes place");

  switch (kind)
    {
    case CALBOOK_LOCATION_LINK:
      {
        g_autoptr(GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);

        if (uri == NULL || g_uri_get_host (uri) == NULL ||
            (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
             g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
          return _("A meeting link starts with https://");
        return NULL;
      }

    case CALBOOK_LOCATION_PHONE:
    case CALBOOK_LOCATION_ATTENDEE_PHONE:
      return calbook_input_is_phone (value) ? NULL
                                            : _("Enter a phone number, such as +49 30 1234567");

    case CALBOOK_LOCATION_ADDRESS:
    case CALBOOK_LOCATION_ATTENDEE_ADDRESS:
    case CALBOOK_LOCATION_ATTENDEE_DEFINED:
    case CALBOOK_LOCATION_INTEGRATION:
    case CALBOOK_LOCATION_ORGANIZERS_DEFAULT_APP:
    default:
      return NULL;
    }
}

static void
on_value_changed_cb (CalbookLocationDialog *self)
{
  g_autofree char *value = calbook_input_dup_text (GTK_EDITABLE (self->value_row));
  Option *option = get_selected (self);
  const char *problem = option != NULL ? check_value (option->kind, value) : "";

  /* Said once something is typed; an empty field only keeps the button off */
  gtk_label_set_text (self->error_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), problem != NULL && value != NULL);
  calbook_input_set_error (GTK_WIDGET (self->value_row), problem != NULL && value != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "change", problem == NULL);
}

static void
on_kind_selected_cb (CalbookLocationDialog *self)
{
  Option *option = get_selected (self);

  if (option == NULL)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row), value_title (option->kind));
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), option->value != NULL ? option->value : "");
  on_value_changed_cb (self);
}

static void
on_event_types_loaded_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(CalbookLocationDialog) self = user_data;
  g_autoptr(GPtrArray) event_types = NULL;
  g_autoptr(GArray) generic = NULL;
  CalbookEventType *event_type;
  guint n_before;

  /* Without them (offline), the kinds Cal.com can always set are offered */
  event_types = calbook_event_types_load_finish (result, NULL);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  event_type = calbook_event_types_find (event_types,
                                         calbook_booking_get_event_type_id (self->booking));
  if (event_type == NULL)
    return;

  /* The event type's places go first, in its order */
  n_before = self->options->len;
  generic = g_steal_pointer (&self->options);
  self->options = g_array_new (FALSE, TRUE, sizeof (Option));
  g_array_set_clear_func (self->options, (GDestroyNotify) option_clear);
  gtk_string_list_splice (self->labels, 0, n_before, NULL);

  for (guint i = 0; i < calbook_event_type_get_locations (event_type)->len; i++)
    {
      const CalbookEventLocation *location =
        g_ptr_array_index (calbook_event_type_get_locations (event_type), i);

      add_option (self, location->kind, location->value);
    }
  for (guint i = 0; i < generic->len; i++)
    {
      Option *option = &g_array_index (generic, Option, i);
      add_option (self, option->kind, option->value);
    }
  g_array_set_clear_func (generic, (GDestroyNotify) option_clear);

  adw_combo_row_set_selected (self->kind_row, 0);
  on_kind_selected_cb (self);
}

static void
calbook_location_dialog_dispose (GObject *object)
{
  CalbookLocationDialog *self = (CalbookLocationDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->booking);
  g_clear_pointer (&self->options, g_array_unref);
  g_clear_object (&self->labels);

  G_OBJECT_CLASS (calbook_location_dialog_parent_class)->dispose (object);
}

static void
calbook_location_dialog_class_init (CalbookLocationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_location_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-location-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookLocationDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookLocationDialog, value_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookLocationDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed_cb);
}

static void
calbook_location_dialog_init (CalbookLocationDialog *self)
{
  self->options = g_array_new (FALSE, TRUE, sizeof (Option));
  g_array_set_clear_func (self->options, (GDestroyNotify) option_clear);
  self->labels = gtk_string_list_new (NULL);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  calbook_input_fix_button_names (GTK_WIDGET (self));
}

CalbookLocationDialog *
calbook_location_dialog_new (GtkWindow      *parent,
                             CalbookContext *context,
                             CalbookBooking *booking)
{
  CalbookLocationDialog *self;

  g_return_val_if_fail (CALBOOK_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (CALBOOK_IS_BOOKING (booking), NULL);

  self = g_object_new (CALBOOK_TYPE_LOCATION_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->booking = g_object_ref (booking);

  /* Until the event type is known: the kinds Cal.com can always set */
  add_option (self, CALBOOK_LOCATION_ADDRESS, NULL);
  add_option (self, CALBOOK_LOCATION_PHONE, NULL);
  add_option (self, CALBOOK_LOCATION_LINK, NULL);
  add_option (self, CALBOOK_LOCATION_ATTENDEE_PHONE, NULL);
  add_option (self, CALBOOK_LOCATION_ATTENDEE_DEFINED, NULL);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (self->labels));
  on_kind_selected_cb (self);

  calbook_event_types_load_async (context, self->cancellable, on_event_types_loaded_cb,
                                  g_object_ref (self));

  return self;
}

JsonObject *
calbook_location_dialog_build_body (CalbookLocationDialog *self)
{
  g_autofree char *value = NULL;
  Option *option;

  g_return_val_if_fail (CALBOOK_IS_LOCATION_DIALOG (self), NULL);

  option = get_selected (self);
  value = calbook_input_dup_text (GTK_EDITABLE (self->value_row));
  g_return_val_if_fail (option != NULL && check_value (option->kind, value) == NULL, NULL);

  return calbook_mutation_build_location_body (option->kind, value);
}

JsonObject *
calbook_location_dialog_build_reverse_body (CalbookLocationDialog *self)
{
  g_autoptr(CalbookLocation) current = NULL;
  const char *text;

  g_return_val_if_fail (CALBOOK_IS_LOCATION_DIALOG (self), NULL);

  current = calbook_location_new_for_booking (self->booking);
  text = calbook_location_get_copy_text (current);

  switch (calbook_location_get_location_type (current))
    {
    case CALBOOK_LOCATION_TYPE_ADDRESS:
      return calbook_mutation_build_location_body (CALBOOK_LOCATION_ADDRESS, text);
    case CALBOOK_LOCATION_TYPE_PHONE:
      return calbook_mutation_build_location_body (CALBOOK_LOCATION_PHONE, text);
    case CALBOOK_LOCATION_TYPE_LINK:
      return calbook_mutation_build_location_body (CALBOOK_LOCATION_LINK, text);
    case CALBOOK_LOCATION_TYPE_INTEGRATION:
    case CALBOOK_LOCATION_TYPE_NONE:
    default:
      /* Cal.com can't switch back to a conferencing app */
      return NULL;
    }
}
