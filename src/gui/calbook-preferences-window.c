/* calbook-preferences-window.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-accessible.h"
#include "calbook-preferences-window.h"

/*
 * Notifications, reminders, the working day and the sync interval, straight on GSettings
 * (the application applies changes to the running sync). In the demo the
 * settings object has a memory backend, so nothing is saved.
 */

static const guint reminder_minutes[] = { 0, 5, 10, 15, 30, 60 };
static const guint interval_seconds[] = { 60, 300, 900, 1800, 3600 };

#define RESOURCE_PATH "/io/github/calbook/Calbook/"

struct _CalbookPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  guint                 n_unsent;

  /* Template widgets */
  AdwActionRow         *account_row;
  AdwComboRow          *interval_row;
  GtkSwitch            *notify_switch;
  AdwComboRow          *reminder_row;
  GtkButton            *sign_out_button;
  GtkSpinButton        *work_day_end_spin;
  GtkSpinButton        *work_day_start_spin;
};

G_DEFINE_FINAL_TYPE (CalbookPreferencesWindow, calbook_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* Auxiliary methods */

/* The choice closest to @value, so a value set elsewhere still shows sensibly */
static guint
closest_index (const guint *choices,
               guint        n_choices,
               guint        value)
{
  guint best = 0;

  for (guint i = 1; i < n_choices; i++)
    {
      if ((guint) ABS ((gint64) choices[i] - value) < (guint) ABS ((gint64) choices[best] - value))
        best = i;
    }

  return best;
}

static gboolean
has_key (GSettings  *settings,
         const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);

  return schema != NULL && g_settings_schema_has_key (schema, key);
}

static gboolean
close_window (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));

  return G_SOURCE_REMOVE;
}

/* Callbacks */

/* An hour of the day reads as a time: "09:00" */
static gboolean
on_hour_spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = NULL;
  int hour = (int) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));

  /* Translators: an hour of the working day, e.g. "09:00" */
  text = g_strdup_printf (_("%02d:00"), hour);
  gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

/* "9", "09:00" and "9:30" (the hour of it) are all understood */
static int
on_hour_spin_input_cb (GtkSpinButton *spin,
                       double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  gint64 hour;

  hour = g_ascii_strtoll (text, &end, 10);
  if (end == text || (*end != '\0' && *end != ':'))
    return GTK_INPUT_ERROR;

  *value = (double) hour;

  return TRUE;
}

/* The day ends after it starts: moving one past the other moves the other */
static void
on_work_day_spin_value_changed_cb (CalbookPreferencesWindow *self,
                                   GtkSpinButton            *spin)
{
  int start = gtk_spin_button_get_value_as_int (self->work_day_start_spin);
  int end = gtk_spin_button_get_value_as_int (self->work_day_end_spin);

  if (end > start)
    return;

  if (spin == self->work_day_start_spin)
    gtk_spin_button_set_value (self->work_day_end_spin, start + 1);
  else
    gtk_spin_button_set_value (self->work_day_start_spin, end - 1);
}

static void
on_reminder_row_selected_changed_cb (CalbookPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->reminder_row);

  g_assert (CALBOOK_IS_PREFERENCES_WINDOW (self));

  if (self->settings != NULL && selected < G_N_ELEMENTS (reminder_minutes) &&
      has_key (self->settings, "reminder-minutes"))
    g_settings_set_uint (self->settings, "reminder-minutes", reminder_minutes[selected]);
}

static void
on_interval_row_selected_changed_cb (CalbookPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->interval_row);

  g_assert (CALBOOK_IS_PREFERENCES_WINDOW (self));

  if (self->settings != NULL && selected < G_N_ELEMENTS (interval_seconds) &&
      has_key (self->settings, "sync-interval"))
    g_settings_set_uint (self->settings, "sync-interval", interval_seconds[selected]);
}

static void
on_sign_out_dialog_response_cb (CalbookPreferencesWindow *self,
                                const char               *response)
{
  g_assert (CALBOOK_IS_PREFERENCES_WINDOW (self));

  if (g_strcmp0 (response, "sign-out") != 0)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "app.sign-out", NULL);

  /* Not now: closing takes the dialog (transient for us) down in the middle
   * of its own response */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_window, g_object_ref (self), g_object_unref);
}

static void
on_sign_out_button_clicked_cb (CalbookPreferencesWindow *self)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  g_assert (CALBOOK_IS_PREFERENCES_WINDOW (self));

  g_string_append (body, _("Calbook forgets the API key and the bookings kept on this computer. "
                           "Your bookings on Cal.com stay as they are."));

  /* Changes in the outbox exist only here: say what signing out costs */
  if (self->n_unsent > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u change you made has not reached Cal.com yet "
                                           "and will be lost.",
                                           "%u changes you made have not reached Cal.com yet "
                                           "and will be lost.",
                                           self->n_unsent),
                              self->n_unsent);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Sign Out?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_sign_out_dialog_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject overrides */

static void
calbook_preferences_window_dispose (GObject *object)
{
  CalbookPreferencesWindow *self = (CalbookPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (calbook_preferences_window_parent_class)->dispose (object);
}

static void
calbook_preferences_window_class_init (CalbookPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "calbook-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookPreferencesWindow, notify_switch);
  gtk_widget_class_bind_template_child (widget_class, CalbookPreferencesWindow, reminder_row);
  gtk_widget_class_bind_template_child (widget_class, CalbookPreferencesWindow, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookPreferencesWindow, work_day_end_spin);
  gtk_widget_class_bind_template_child (widget_class, CalbookPreferencesWindow, work_day_start_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_hour_spin_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_hour_spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_work_day_spin_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_interval_row_selected_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reminder_row_selected_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_out_button_clicked_cb);
}

static void
calbook_preferences_window_init (CalbookPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Read "Sign Out…", not "_Sign Out… Sign Out…" (see calbook-accessible.c) */
  calbook_accessible_name_from_label (GTK_WIDGET (self->sign_out_button));
}

/* Public API */

/**
 * calbook_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: (nullable): the application's settings; without them (no
 *   schema installed) the controls are insensitive
 * @account: (nullable): the signed-in account
 * @can_sign_out: offer to sign out (not in the demo)
 * @n_unsent: changes in the outbox, lost when signing out
 *
 * Returns: (transfer floating): a new preferences window
 */
GtkWidget *
calbook_preferences_window_new (GtkWindow      *parent,
                                GSettings      *settings,
                                CalbookAccount *account,
                                gboolean        can_sign_out,
                                guint           n_unsent)
{
  CalbookPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (account == NULL || CALBOOK_IS_ACCOUNT (account), NULL);

  /* Part of the application, so that app.sign-out reaches it */
  self = g_object_new (CALBOOK_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);

  if (account != NULL)
    {
      const char *name = calbook_account_get_name (account);
      const char *email = calbook_account_get_email (account);
      g_autofree char *subtitle = NULL;

      /* Names from Cal.com: the row has use-markup off */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row),
                                     name != NULL && *name != '\0' ? name : _("Signed in"));
      subtitle = g_strdup_printf ("%s · %s", email != NULL ? email : "",
                                  calbook_account_get_base_url (account));
      adw_action_row_set_subtitle (self->account_row, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->sign_out_button), can_sign_out);
      self->n_unsent = n_unsent;
    }

  if (settings == NULL ||
      !has_key (settings, "notify-changes") ||
      !has_key (settings, "reminder-minutes") ||
      !has_key (settings, "sync-interval"))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->notify_switch), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->reminder_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->interval_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->work_day_start_spin), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->work_day_end_spin), FALSE);
      return GTK_WIDGET (self);
    }

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "notify-changes", self->notify_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  adw_combo_row_set_selected (self->reminder_row,
                              closest_index (reminder_minutes, G_N_ELEMENTS (reminder_minutes),
                                             g_settings_get_uint (settings, "reminder-minutes")));
  adw_combo_row_set_selected (self->interval_row,
                              closest_index (interval_seconds, G_N_ELEMENTS (interval_seconds),
                                             g_settings_get_uint (settings, "sync-interval")));

  if (has_key (settings, "work-day-start") && has_key (settings, "work-day-end"))
    {
      g_settings_bind (settings, "work-day-start", self->work_day_start_spin, "value",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "work-day-end", self->work_day_end_spin, "value",
                       G_SETTINGS_BIND_DEFAULT);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->work_day_start_spin), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->work_day_end_spin), FALSE);
    }

  return GTK_WIDGET (self);
}
