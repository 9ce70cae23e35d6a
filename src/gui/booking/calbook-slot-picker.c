/* calbook-slot-picker.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-slot-picker.h"
#include "calbook-slots.h"

/*
 * The free times come from Cal.com (GET /v2/slots) for the chosen day in
 * this computer's zone, so what is offered is what Cal.com will accept.
 * A reschedule passes the booking's uid, so its own current time counts
 * as free. Times can go while the dialog is open: before booking, the
 * chosen one is asked for again.
 */

struct _CalbookSlotPicker
{
  GtkWidget       parent_instance;

  CalbookContext *context;
  gint64          event_type_id;
  char           *reschedule_uid;
  GDateTime      *day;
  GDateTime      *selected_start;
  /* (element-type GDateTime): the free times shown */
  GPtrArray      *starts;
  GCancellable   *cancellable;
  gboolean        loading;
  /* What to say over the times once they are in, e.g. that one was taken */
  char           *pending_message;
  GTask          *check_task;

  GtkWidget      *box;
  GtkCalendar    *calendar;
  GtkSpinner     *spinner;
  GtkLabel       *status_label;
  GtkFlowBox     *slot_box;
};

G_DEFINE_FINAL_TYPE (CalbookSlotPicker, calbook_slot_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_START,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_day (CalbookSlotPicker *self);

static void
set_loading (CalbookSlotPicker *self,
             gboolean           loading)
{
  self->loading = loading;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_selected (CalbookSlotPicker *self,
              GDateTime         *start)
{
  if (self->selected_start == start ||
      (self->selected_start != NULL && start != NULL && g_date_time_equal (self->selected_start, start)))
    return;

  g_clear_pointer (&self->selected_start, g_date_time_unref);
  if (start != NULL)
    self->selected_start = g_date_time_ref (start);

  /* Only the chosen button looks pressed */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->slot_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GDateTime *slot = g_object_get_data (G_OBJECT (button), "calbook-start");

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                    start != NULL && g_date_time_equal (slot, start));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_START]);
}

/* (gtk_flow_box_remove_all is GTK 4.12) */
static void
remove_slots (CalbookSlotPicker *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->slot_box))) != NULL)
    gtk_flow_box_remove (self->slot_box, child);
}

static void
on_slot_toggled_cb (GtkToggleButton   *button,
                    CalbookSlotPicker *self)
{
  GDateTime *start = g_object_get_data (G_OBJECT (button), "calbook-start");

  if (gtk_toggle_button_get_active (button))
    set_selected (self, start);
  else if (self->selected_start != NULL && g_date_time_equal (self->selected_start, start))
    set_selected (self, NULL);
}

static char *
format_slot (GDateTime *start)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (start);

  /* Translators: a free time to book, e.g. "10:30"; see strftime(3) */
  return g_date_time_format (local, _("%H:%M"));
}

static void
show_starts (CalbookSlotPicker *self,
             GPtrArray         *starts)
{
  g_autoptr(GDateTime) keep = self->selected_start != NULL ? g_date_time_ref (self->selected_start)
                                                           : NULL;
  gboolean kept = FALSE;

  remove_slots (self);
  g_clear_pointer (&self->starts, g_ptr_array_unref);
  self->starts = g_ptr_array_ref (starts);

  for (guint i = 0; i < starts->len; i++)
    {
      GDateTime *start = g_ptr_array_index (starts, i);
      g_autofree char *label = format_slot (start);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      g_object_set_data_full (G_OBJECT (button), "calbook-start", g_date_time_ref (start),
                              (GDestroyNotify) g_date_time_unref);
      gtk_flow_box_append (self->slot_box, button);
      if (keep != NULL && g_date_time_equal (keep, start))
        {
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
          kept = TRUE;
        }
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_slot_toggled_cb), self, 0);
    }

  if (!kept)
    set_selected (self, NULL);

  /* The chosen time is gone: say so over the new times */
  if (self->pending_message != NULL && keep != NULL && !kept)
    gtk_label_set_text (self->status_label, self->pending_message);
  else if (starts->len == 0)
    gtk_label_set_text (self->status_label, _("No free times on this day — try another day"));
  else
    gtk_label_set_text (self->status_label, _("Free times, in your time zone"));
  g_clear_pointer (&self->pending_message, g_free);
}

static void
finish_check (CalbookSlotPicker *self,
              GError            *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->check_task);

  if (task == NULL)
    return;

  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_boolean (task, self->selected_start != NULL);
}

static void
on_slots_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CalbookSlotPicker) self = user_data;
  g_autoptr(JsonObject) days = NULL;
  g_autoptr(GPtrArray) starts = NULL;
  g_autoptr(GError) error = NULL;

  days = calbook_api_client_get_slots_finish (CALBOOK_API_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (days == NULL)
    {
      set_loading (self, FALSE);
      /* Nothing is bookable without Cal.com: say so, plainly */
      remove_slots (self);
      set_selected (self, NULL);
      gtk_label_set_text (self->status_label,
                          _("Free times can't be loaded — Cal.com can't be reached. Try again when online."));
      finish_check (self, error);
      return;
    }

  /* Shown before "loading" goes off: whoever waits for it finds the times */
  starts = calbook_slots_read_starts (days);
  show_starts (self, starts);
  set_loading (self, FALSE);
  finish_check (self, NULL);
}

static void
load_day (CalbookSlotPicker *self)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) start_utc = NULL;
  g_autoptr(GDateTime) end_utc = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->context == NULL || self->event_type_id <= 0 || self->day == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  start = g_date_time_new (local, g_date_time_get_year (self->day),
                           g_date_time_get_month (self->day),
                           g_date_time_get_day_of_month (self->day), 0, 0, 0);
  end = g_date_time_add_days (start, 1);
  start_utc = g_date_time_to_utc (start);
  end_utc = g_date_time_add_seconds (end, -1);

  set_loading (self, TRUE);
  gtk_label_set_text (self->status_label, _("Looking for free times…"));
  calbook_api_client_get_slots_async (calbook_context_get_api_client (self->context),
                                      self->event_type_id, start_utc, end_utc,
                                      g_time_zone_get_identifier (local), self->reschedule_uid,
                                      self->cancellable, on_slots_cb, g_object_ref (self));
}

static void
on_day_selected_cb (CalbookSlotPicker *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);

  if (self->day != NULL && g_date_time_get_year (day) == g_date_time_get_year (self->day) &&
      g_date_time_get_day_of_year (day) == g_date_time_get_day_of_year (self->day))
    return;

  g_clear_pointer (&self->day, g_date_time_unref);
  self->day = g_steal_pointer (&day);
  load_day (self);
}

static void
calbook_slot_picker_dispose (GObject *object)
{
  CalbookSlotPicker *self = (CalbookSlotPicker *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_SLOT_PICKER);
  g_clear_object (&self->context);
  g_clear_object (&self->check_task);

  G_OBJECT_CLASS (calbook_slot_picker_parent_class)->dispose (object);
}

static void
calbook_slot_picker_finalize (GObject *object)
{
  CalbookSlotPicker *self = (CalbookSlotPicker *)object;

  g_free (self->reschedule_uid);
  g_free (self->pending_message);
  g_clear_pointer (&self->day, g_date_time_unref);
  g_clear_pointer (&self->selected_start, g_date_time_unref);
  g_clear_pointer (&self->starts, g_ptr_array_unref);

  G_OBJECT_CLASS (calbook_slot_picker_parent_class)->finalize (object);
}

static void
calbook_slot_picker_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CalbookSlotPicker *self = CALBOOK_SLOT_PICKER (object);

  switch (prop_id)
    {
    case PROP_SELECTED_START:
      g_value_set_boxed (value, self->selected_start);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_slot_picker_class_init (CalbookSlotPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_slot_picker_dispose;
  object_class->finalize = calbook_slot_picker_finalize;
  object_class->get_property = calbook_slot_picker_get_property;

  properties[PROP_SELECTED_START] =
    g_param_spec_boxed ("selected-start", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-slot-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookSlotPicker, box);
  gtk_widget_class_bind_template_child (widget_class, CalbookSlotPicker, calendar);
  gtk_widget_class_bind_template_child (widget_class, CalbookSlotPicker, spinner);
  gtk_widget_class_bind_template_child (widget_class, CalbookSlotPicker, status_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookSlotPicker, slot_box);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
calbook_slot_picker_init (CalbookSlotPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->day = gtk_calendar_get_date (self->calendar);
}

void
calbook_slot_picker_set_query (CalbookSlotPicker *self,
                               CalbookContext    *context,
                               gint64             event_type_id,
                               const char        *reschedule_uid)
{
  g_return_if_fail (CALBOOK_IS_SLOT_PICKER (self));
  g_return_if_fail (CALBOOK_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  self->event_type_id = event_type_id;
  g_free (self->reschedule_uid);
  self->reschedule_uid = g_strdup (reschedule_uid);
  load_day (self);
}

void
calbook_slot_picker_set_day (CalbookSlotPicker *self,
                             GDateTime         *day)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (CALBOOK_IS_SLOT_PICKER (self));
  g_return_if_fail (day != NULL);

  local = g_date_time_to_local (day);
  gtk_calendar_select_day (self->calendar, local);
  on_day_selected_cb (self);
}

GDateTime *
calbook_slot_picker_get_selected_start (CalbookSlotPicker *self)
{
  g_return_val_if_fail (CALBOOK_IS_SLOT_PICKER (self), NULL);

  return self->selected_start;
}

gboolean
calbook_slot_picker_select (CalbookSlotPicker *self,
                            GDateTime         *start)
{
  g_return_val_if_fail (CALBOOK_IS_SLOT_PICKER (self), FALSE);
  g_return_val_if_fail (start != NULL, FALSE);

  for (guint i = 0; self->starts != NULL && i < self->starts->len; i++)
    if (g_date_time_equal (g_ptr_array_index (self->starts, i), start))
      {
        set_selected (self, g_ptr_array_index (self->starts, i));
        return TRUE;
      }

  return FALSE;
}

gboolean
calbook_slot_picker_get_loading (CalbookSlotPicker *self)
{
  g_return_val_if_fail (CALBOOK_IS_SLOT_PICKER (self), FALSE);

  return self->loading;
}

void
calbook_slot_picker_check_async (CalbookSlotPicker   *self,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GDateTime) wanted = NULL;
  g_autofree char *clock = NULL;

  g_return_if_fail (CALBOOK_IS_SLOT_PICKER (self));

  g_clear_object (&self->check_task);
  self->check_task = g_task_new (self, NULL, callback, user_data);

  if (self->selected_start == NULL)
    {
      finish_check (self, NULL);
      return;
    }

  /* If it went, the reload drops it from the choice, and this says why */
  wanted = g_date_time_ref (self->selected_start);
  clock = format_slot (wanted);
  g_free (self->pending_message);
  self->pending_message = g_strdup_printf (_("%s was just taken — the free times are updated; "
                                             "choose another one"), clock);
  load_day (self);
}

gboolean
calbook_slot_picker_check_finish (CalbookSlotPicker  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
