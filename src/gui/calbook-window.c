/* calbook-window.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-booking-details.h"
#include "calbook-booking-row.h"
#include "calbook-outbox-window.h"
#include "calbook-welcome-page.h"
#include "calbook-window-private.h"

/*
 * The main window: the signed-in person's bookings (a lazy list over the
 * local store, so it shows what it has before any network reply), a search
 * and a status filter, and the details of the selected booking. Before a
 * context exists it shows a loading page or the welcome page.
 */

typedef enum
{
  VIEW_UPCOMING,
  VIEW_PENDING,
  VIEW_PAST,
  VIEW_CANCELLED,
  VIEW_ALL,
} View;

struct _CalbookWindow
{
  AdwApplicationWindow  parent_instance;

  CalbookContext       *context;
  CalbookBookingList   *list;
  GtkSingleSelection   *selection;
  GSettings            *settings;
  gboolean              remember_state;

  /* Template widgets */
  GtkRevealer          *banner_revealer;
  GtkWidget            *banner;
  GtkButton            *banner_button;
  GtkImage             *banner_icon;
  GtkLabel             *banner_label;
  GtkLabel             *count_label;
  CalbookBookingDetails *details;
  AdwStatusPage        *empty_page;
  AdwLeaflet           *leaflet;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  GtkStack             *main_stack;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  AdwWindowTitle       *sidebar_title;
  GtkWidget            *content;
  GtkSpinner           *sync_spinner;
  GtkProgressBar       *sync_progress;
  GtkDropDown          *status_dropdown;
  AdwToastOverlay      *toast_overlay;
  GMenu                *outbox_section;

  /* The toast about changes Cal.com refused, while it is shown */
  AdwToast             *failure_toast;
  GtkLabel             *failure_label;
  guint                 n_failures;
  CalbookWelcomePage   *welcome_page;
};

G_DEFINE_FINAL_TYPE (CalbookWindow, calbook_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* The schema may not be installed (uninstalled runs, tests): then nothing is
   * remembered. Its id has no .Devel in the development profile. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.calbook.Calbook", TRUE);

  if (schema == NULL ||
      !g_settings_schema_has_key (schema, "window-width") ||
      !g_settings_schema_has_key (schema, "window-height") ||
      !g_settings_schema_has_key (schema, "window-maximized"))
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

static void
load_window_state (CalbookWindow *self)
{
  int width;
  int height;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (CalbookWindow *self)
{
  int width;
  int height;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->settings == NULL || !self->remember_state)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static CalbookBookingFilter *
build_filter (CalbookWindow *self)
{
  CalbookBookingFilter *filter = calbook_booking_filter_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint active = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING) |
                 CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CONFIRMED) |
                 CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_OTHER);
  const char *text;

  g_assert (CALBOOK_IS_WINDOW (self));

  /* The main window shows the person's own bookings; for an admin Cal.com
   * returns the whole organization, which is the admin window's job. */
  if (self->context != NULL)
    filter->user_id = calbook_account_get_user_id (calbook_context_get_account (self->context));

  /* The views follow Cal.com's own list filters (docs/calcom-behaviour.md §1.2) */
  switch ((View) gtk_drop_down_get_selected (self->status_dropdown))
    {
    case VIEW_UPCOMING:
      filter->status_mask = active;
      filter->range_start = now;
      filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
      break;

    case VIEW_PENDING:
      filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING);
      filter->range_start = now;
      filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
      break;

    case VIEW_PAST:
      filter->status_mask = active;
      filter->range_end = now;
      filter->sort = CALBOOK_BOOKING_SORT_START_DESC;
      break;

    case VIEW_CANCELLED:
      filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CANCELLED) |
                            CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_RESCHEDULED) |
                            CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_DECLINED);
      filter->sort = CALBOOK_BOOKING_SORT_START_DESC;
      break;

    case VIEW_ALL:
    default:
      filter->status_mask = 0;
      filter->sort = CALBOOK_BOOKING_SORT_START_DESC;
      break;
    }

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (text != NULL && *text != '\0')
    calbook_booking_filter_set_text (filter, text);

  return filter;
}

static void
update_empty_state (CalbookWindow *self)
{
  g_autofree char *count = NULL;
  const char *text;
  guint n_items = 0;
  guint n_waiting = 0;
  gboolean syncing = FALSE;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->list != NULL)
    n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  if (self->context != NULL)
    g_object_get (self->context, "outbox-count", &n_waiting, NULL);

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u booking", "%u bookings", n_items),
                           n_items);

  /* Changes made here that Cal.com has not confirmed yet: nothing is lost, say so */
  if (n_waiting > 0)
    {
      g_autofree char *bookings = g_steal_pointer (&count);
      g_autofree char *waiting = NULL;

      waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u change not sent yet",
                                              "%u changes not sent yet", n_waiting),
                                 n_waiting);
      /* Translators: "42 bookings · 2 changes not sent yet" */
      count = g_strdup_printf (_("%s · %s"), bookings, waiting);
    }

  gtk_label_set_text (self->count_label, count);

  if (n_items > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (self->context != NULL)
    g_object_get (self->context, "syncing", &syncing, NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (text != NULL && *text != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results Found"));
      adw_status_page_set_description (self->empty_page, _("Try a different search"));
    }
  else if (syncing)
    {
      adw_status_page_set_icon_name (self->empty_page, "content-loading-symbolic");
      adw_status_page_set_title (self->empty_page, _("Loading Bookings…"));
      adw_status_page_set_description (self->empty_page,
                                       _("Your bookings are being fetched from Cal.com"));
    }
  else
    {
      const char *title;

      switch ((View) gtk_drop_down_get_selected (self->status_dropdown))
        {
        case VIEW_UPCOMING:
          title = _("No Upcoming Bookings");
          break;
        case VIEW_PENDING:
          title = _("Nothing to Confirm");
          break;
        case VIEW_PAST:
          title = _("No Past Bookings");
          break;
        case VIEW_CANCELLED:
          title = _("No Cancelled Bookings");
          break;
        case VIEW_ALL:
        default:
          title = _("No Bookings");
          break;
        }

      adw_status_page_set_icon_name (self->empty_page, "x-office-calendar-symbolic");
      adw_status_page_set_title (self->empty_page, title);
      adw_status_page_set_description (self->empty_page, NULL);
    }

  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

/* "Changes Not Sent" shows one context's outbox: it goes with that context */
static void
close_outbox_windows (CalbookWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert (CALBOOK_IS_WINDOW (self));

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (CALBOOK_IS_OUTBOX_WINDOW (window) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        gtk_window_destroy (window);
    }
}

static void
update_outbox_menu (CalbookWindow *self)
{
  g_autofree char *label = NULL;
  guint n_waiting = 0;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->context != NULL)
    g_object_get (self->context, "outbox-count", &n_waiting, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-outbox", self->context != NULL);

  g_menu_remove_all (self->outbox_section);
  if (n_waiting == 0)
    return;

  /* Translators: a menu item; %u is how many changes wait in the outbox */
  label = g_strdup_printf (_("Changes _Not Sent (%u)…"), n_waiting);
  g_menu_append (self->outbox_section, label, "win.show-outbox");
}

static void
update_sync_state (CalbookWindow *self)
{
  g_autofree char *last_error = NULL;
  gboolean syncing = FALSE;
  gboolean online = TRUE;
  gboolean needs_key = FALSE;
  double progress = 0.0;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->context != NULL)
    g_object_get (self->context,
                  "syncing", &syncing,
                  "progress", &progress,
                  "online", &online,
                  "last-error", &last_error,
                  "needs-key", &needs_key,
                  NULL);

  update_outbox_menu (self);

  /* Retrying can't help a rejected key: the banner asks for a new one */
  gtk_button_set_label (self->banner_button, needs_key ? _("_Enter Key…") : _("_Retry"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button),
                                  needs_key ? "app.enter-api-key" : "app.refresh");

  if (needs_key)
    {
      gtk_label_set_text (self->banner_label, _("The API key was rejected — enter a new one"));
      gtk_image_set_from_icon_name (self->banner_icon, "dialog-password-symbolic");
      gtk_widget_add_css_class (self->banner, "error");
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->sync_spinner), FALSE);
      gtk_spinner_set_spinning (self->sync_spinner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->sync_progress), FALSE);
      update_empty_state (self);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->sync_spinner), syncing);
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_progress), syncing && progress > 0.0);
  gtk_progress_bar_set_fraction (self->sync_progress, CLAMP (progress, 0.0, 1.0));

  /* Errors from the network are shown as plain text, never markup */
  if (last_error != NULL && *last_error != '\0')
    {
      gtk_label_set_text (self->banner_label, last_error);
      gtk_image_set_from_icon_name (self->banner_icon, online ? "dialog-warning-symbolic"
                                                              : "network-offline-symbolic");
      gtk_widget_add_css_class (self->banner, "error");
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
    }
  else if (!online)
    {
      gtk_label_set_text (self->banner_label,
                          _("Offline — showing the bookings saved on this computer"));
      gtk_image_set_from_icon_name (self->banner_icon, "network-offline-symbolic");
      gtk_widget_remove_css_class (self->banner, "error");
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
    }
  else
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
    }

  update_empty_state (self);
}

static void
apply_filter (CalbookWindow *self)
{
  g_autoptr(CalbookBookingFilter) filter = NULL;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->list == NULL)
    return;

  filter = build_filter (self);
  calbook_booking_list_set_filter (self->list, filter);
  update_empty_state (self);
}

/* Tells the details whether the shown booking has changes Cal.com has not confirmed */
static void
update_unsent (CalbookWindow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  CalbookBooking *shown;
  const char *message = NULL;

  g_assert (CALBOOK_IS_WINDOW (self));

  shown = calbook_booking_details_get_booking (self->details);
  if (shown != NULL && self->context != NULL)
    entries = calbook_context_list_outbox (self->context, NULL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const CalbookOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->booking_uid, calbook_booking_get_uid (shown)) != 0)
        continue;

      if (entry->state == CALBOOK_OUTBOX_STATE_FAILED)
        {
          message = _("Cal.com refused a change to this booking");
          break;
        }

      message = _("A change to this booking has not reached Cal.com yet");
    }

  calbook_booking_details_set_unsent (self->details, message);
}

static void
refresh_details (CalbookWindow *self)
{
  g_autoptr(CalbookBooking) fresh = NULL;
  CalbookBooking *shown;

  g_assert (CALBOOK_IS_WINDOW (self));

  shown = calbook_booking_details_get_booking (self->details);
  if (shown == NULL || self->context == NULL)
    return;

  /* Re-read the booking the person is looking at: the sync may have changed it */
  fresh = calbook_store_get_booking (calbook_context_get_store (self->context),
                                     calbook_booking_get_uid (shown), NULL);
  if (fresh != NULL)
    calbook_booking_details_set_booking (self->details, fresh);
  update_unsent (self);
}

/* Callbacks */

static void
on_context_notify_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  update_sync_state (self);
}

static void
on_context_outbox_count_changed_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  update_sync_state (self);
  update_unsent (self);
}

static void
on_context_bookings_changed_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  /* A new filter, not only a reload: "Upcoming" and "Past" are relative to now */
  apply_filter (self);
  refresh_details (self);
}

static void
on_failure_toast_dismissed_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  self->failure_label = NULL;
  self->n_failures = 0;
  g_clear_object (&self->failure_toast);
}

static void
on_context_mutation_failed_cb (CalbookWindow      *self,
                               CalbookOutboxEntry *entry,
                               const GError       *error)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  g_assert (CALBOOK_IS_WINDOW (self));

  text = calbook_outbox_describe_failure (calbook_context_get_store (self->context), entry, error);

  /* Several at once (a replay after being offline): one toast that counts */
  if (self->failure_toast != NULL)
    {
      g_autofree char *more = NULL;
      g_autofree char *both = NULL;

      self->n_failures++;
      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u more change was refused too",
                                           "%u more changes were refused too",
                                           self->n_failures - 1),
                              self->n_failures - 1);
      both = g_strdup_printf ("%s\n%s", text, more);
      gtk_label_set_text (self->failure_label, both);
      return;
    }

  /* A label of our own: it wraps (a title would be cut short), and it is
   * plain text, as Cal.com's words must be */
  label = gtk_label_new (NULL);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");

  /* It stays until dismissed: the change waits for the person to decide */
  self->failure_toast = g_object_ref (adw_toast_new (""));
  self->failure_label = GTK_LABEL (label);
  self->n_failures = 1;
  adw_toast_set_custom_title (self->failure_toast, label);
  adw_toast_set_timeout (self->failure_toast, 0);
  adw_toast_set_priority (self->failure_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (self->failure_toast, _("_Review"));
  adw_toast_set_action_name (self->failure_toast, "win.show-outbox");
  g_signal_connect_object (self->failure_toast, "dismissed",
                           G_CALLBACK (on_failure_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, self->failure_toast);
}

static void
on_show_outbox_activated_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  calbook_window_show_outbox (CALBOOK_WINDOW (widget));
}

static void
on_list_items_changed_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  update_empty_state (self);
}

static void
on_selection_selected_changed_cb (CalbookWindow *self)
{
  CalbookBooking *booking;

  g_assert (CALBOOK_IS_WINDOW (self));

  booking = gtk_single_selection_get_selected_item (self->selection);

  /* A reload drops the selection: keep showing what the person picked */
  if (booking == NULL)
    return;

  calbook_booking_details_set_booking (self->details, booking);
  update_unsent (self);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
on_list_view_activate_cb (CalbookWindow *self,
                          guint          position)
{
  g_autoptr(CalbookBooking) booking = NULL;

  g_assert (CALBOOK_IS_WINDOW (self));

  if (self->list == NULL)
    return;

  booking = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (booking == NULL)
    return;

  calbook_booking_details_set_booking (self->details, booking);
  update_unsent (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
on_back_button_clicked_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_search_entry_search_changed_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  apply_filter (self);
}

static void
on_search_entry_stop_search_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_status_dropdown_selected_changed_cb (CalbookWindow *self)
{
  g_assert (CALBOOK_IS_WINDOW (self));

  apply_filter (self);
}

static gboolean
on_search_shortcut_cb (GtkWidget *widget,
                       GVariant  *args,
                       gpointer   user_data)
{
  CalbookWindow *self = CALBOOK_WINDOW (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "bookings"))
    return FALSE;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  return TRUE;
}

/* GObject overrides */

static gboolean
calbook_window_close_request (GtkWindow *window)
{
  save_window_state (CALBOOK_WINDOW (window));

  return GTK_WINDOW_CLASS (calbook_window_parent_class)->close_request (window);
}

static void
calbook_window_dispose (GObject *object)
{
  CalbookWindow *self = (CalbookWindow *)object;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_WINDOW);

  if (self->failure_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->failure_toast, self);
  g_clear_object (&self->failure_toast);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (calbook_window_parent_class)->dispose (object);
}

static void
calbook_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CalbookWindow *self = CALBOOK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CalbookWindow *self = CALBOOK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      calbook_window_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_window_class_init (CalbookWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = calbook_window_dispose;
  object_class->get_property = calbook_window_get_property;
  object_class->set_property = calbook_window_set_property;

  window_class->close_request = calbook_window_close_request;

  /* The context arrives after the window is shown (sign-in, demo start) */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CALBOOK_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CALBOOK_TYPE_BOOKING_DETAILS);
  g_type_ensure (CALBOOK_TYPE_BOOKING_ROW);
  g_type_ensure (CALBOOK_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, content);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, details);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, outbox_section);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, sync_progress);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CalbookWindow, welcome_page);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_dropdown_selected_changed_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                on_search_shortcut_cb, NULL);

  gtk_widget_class_install_action (widget_class, "win.show-outbox", NULL,
                                   on_show_outbox_activated_cb);
}

static void
calbook_window_init (CalbookWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->remember_state = TRUE;
  self->settings = create_settings ();
  load_window_state (self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  update_sync_state (self);
}

/* Public API */

CalbookWindow *
calbook_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (CALBOOK_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

CalbookContext *
calbook_window_get_context (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->context;
}

/**
 * calbook_window_set_context:
 * @self: a #CalbookWindow
 * @context: (nullable): the signed-in account's context
 *
 * Shows @context's bookings, or the loading page when %NULL.
 */
void
calbook_window_set_context (CalbookWindow  *self,
                            CalbookContext *context)
{
  g_autoptr(CalbookBookingFilter) filter = NULL;

  g_return_if_fail (CALBOOK_IS_WINDOW (self));
  g_return_if_fail (context == NULL || CALBOOK_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);

  close_outbox_windows (self);

  gtk_list_view_set_model (self->list_view, NULL);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  calbook_booking_details_set_booking (self->details, NULL);
  calbook_booking_details_set_store (self->details, NULL);

  g_set_object (&self->context, context);

  if (context != NULL)
    {
      CalbookAccount *account = calbook_context_get_account (context);

      g_signal_connect_object (context, "notify::syncing",
                               G_CALLBACK (on_context_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::progress",
                               G_CALLBACK (on_context_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::online",
                               G_CALLBACK (on_context_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::last-error",
                               G_CALLBACK (on_context_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::outbox-count",
                               G_CALLBACK (on_context_outbox_count_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::needs-key",
                               G_CALLBACK (on_context_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "bookings-changed",
                               G_CALLBACK (on_context_bookings_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "mutation-failed",
                               G_CALLBACK (on_context_mutation_failed_cb), self,
                               G_CONNECT_SWAPPED);

      filter = build_filter (self);
      self->list = calbook_context_create_booking_list (context, filter);
      g_signal_connect_object (self->list, "items-changed",
                               G_CALLBACK (on_list_items_changed_cb), self, G_CONNECT_SWAPPED);

      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_object (self->selection, "notify::selected",
                               G_CALLBACK (on_selection_selected_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

      calbook_booking_details_set_store (self->details, calbook_context_get_store (context));

      if (account != NULL && calbook_account_get_name (account) != NULL)
        adw_window_title_set_subtitle (self->sidebar_title, calbook_account_get_name (account));

      gtk_stack_set_visible_child_name (self->main_stack, "bookings");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
    }

  update_sync_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
calbook_window_show_loading (CalbookWindow *self,
                             const char    *title,
                             const char    *description)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (CALBOOK_IS_WINDOW (self));

  if (description != NULL)
    escaped = g_markup_escape_text (description, -1);

  adw_status_page_set_title (self->loading_page, title != NULL ? title : _("Connecting…"));
  adw_status_page_set_description (self->loading_page, escaped);
  adw_status_page_set_icon_name (self->loading_page, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), TRUE);
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

/**
 * calbook_window_show_error:
 * @self: a #CalbookWindow
 * @title: what went wrong, for a person
 * @description: (nullable): the details, shown as plain text
 *
 * Replaces the window's content with an error page (when there is nothing
 * else to show, e.g. the demo or the store could not start).
 */
void
calbook_window_show_error (CalbookWindow *self,
                           const char    *title,
                           const char    *description)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (CALBOOK_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  /* AdwStatusPage descriptions are markup */
  if (description != NULL)
    escaped = g_markup_escape_text (description, -1);

  calbook_window_set_context (self, NULL);
  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, escaped);
  adw_status_page_set_icon_name (self->loading_page, "dialog-error-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), FALSE);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

void
calbook_window_show_booking (CalbookWindow *self,
                             const char    *uid)
{
  g_autoptr(CalbookBooking) booking = NULL;

  g_return_if_fail (CALBOOK_IS_WINDOW (self));
  g_return_if_fail (uid != NULL);

  if (self->context == NULL)
    return;

  booking = calbook_store_get_booking (calbook_context_get_store (self->context), uid, NULL);
  if (booking == NULL)
    return;

  calbook_booking_details_set_booking (self->details, booking);
  update_unsent (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

void
calbook_window_show_welcome (CalbookWindow *self,
                             const char    *base_url,
                             const char    *message)
{
  g_return_if_fail (CALBOOK_IS_WINDOW (self));

  calbook_window_set_context (self, NULL);
  calbook_welcome_page_set_base_url (self->welcome_page, base_url);
  calbook_welcome_page_set_message (self->welcome_page, message);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}

void
calbook_window_add_toast (CalbookWindow *self,
                          const char    *text)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (CALBOOK_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  /* Toast titles are markup: the text may carry Cal.com's words */
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
calbook_window_set_remember_state (CalbookWindow *self,
                                   gboolean       remember)
{
  g_return_if_fail (CALBOOK_IS_WINDOW (self));

  self->remember_state = !!remember;
}

void
calbook_window_set_subtitle (CalbookWindow *self,
                             const char    *subtitle)
{
  g_return_if_fail (CALBOOK_IS_WINDOW (self));

  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
}

CalbookBookingList *
calbook_window_get_booking_list (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->list;
}

GtkListView *
calbook_window_get_list_view (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->list_view;
}

GtkSearchEntry *
calbook_window_get_search_entry (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->search_entry;
}

GtkDropDown *
calbook_window_get_status_dropdown (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->status_dropdown;
}

CalbookBookingDetails *
calbook_window_get_details (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->details;
}

CalbookWelcomePage *
calbook_window_get_welcome_page (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->welcome_page;
}

const char *
calbook_window_get_visible_page (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * calbook_window_show_outbox:
 * @self: a #CalbookWindow
 *
 * Opens "Changes Not Sent" (or brings it forward when it is open).
 *
 * Returns: (transfer none) (nullable): that window; %NULL before sign-in
 */
GtkWindow *
calbook_window_show_outbox (CalbookWindow *self)
{
  GListModel *toplevels;
  CalbookOutboxWindow *outbox;

  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  if (self->context == NULL)
    return NULL;

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (CALBOOK_IS_OUTBOX_WINDOW (window) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        {
          calbook_outbox_window_reload (CALBOOK_OUTBOX_WINDOW (window));
          gtk_window_present (window);
          return window;
        }
    }

  outbox = calbook_outbox_window_new (GTK_WINDOW (self), self->context);
  gtk_window_present (GTK_WINDOW (outbox));

  return GTK_WINDOW (outbox);
}

GtkButton *
calbook_window_get_banner_button (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->banner_button;
}

GtkLabel *
calbook_window_get_banner_label (CalbookWindow *self)
{
  g_return_val_if_fail (CALBOOK_IS_WINDOW (self), NULL);

  return self->banner_label;
}
