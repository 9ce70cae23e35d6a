/* test-window.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gui-test-util.h"
#include "calbook-application-private.h"
#include "calbook-error.h"
#include "calbook-secret-store.h"
#include "calbook-preferences-window.h"
#include "calbook-booking-row.h"
#include "calbook-format.h"
#include "calbook-demo-server.h"
#include "calbook-welcome-page-private.h"
#include "calbook-window-private.h"

/*
 * The whole path of `calbook --demo` (sandbox → client → sync → store →
 * window) under a real X server, and a notification through the real
 * daemon. Each test runs the application in a subprocess of its own.
 */

#define MARKUP_TITLE "<b>Quarterly</b> review & <i>Ann's</i> team"

typedef gboolean (*Predicate) (gpointer data);

static char *demo_folder_seen;

/* Auxiliary methods */

static gboolean
on_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @predicate holds; fails after @seconds */
static void
wait_until (Predicate   predicate,
            gpointer    data,
            guint       seconds,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_timeout_cb, &timed_out);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %u s waiting for %s", seconds, what);

  g_source_remove (id);
}

static gboolean
on_sleep_done_cb (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;

  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

static void
iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_sleep_done_cb, &done);
  wait_until (is_true, &done, 60, "a pause");
}

static CalbookWindow *
get_window (CalbookApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CALBOOK_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static guint
count_all (CalbookContext *context)
{
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GError) error = NULL;
  guint n;

  n = calbook_store_count_bookings (calbook_context_get_store (context), filter, &error);
  g_assert_no_error (error);

  return n;
}

static gboolean
is_synced (gpointer data)
{
  CalbookApplication *app = data;
  CalbookContext *context = calbook_application_get_context (app);
  CalbookWindow *window = get_window (app);
  gboolean syncing = TRUE;

  if (context == NULL || window == NULL || calbook_window_get_booking_list (window) == NULL)
    return FALSE;

  g_object_get (context, "syncing", &syncing, NULL);

  return !syncing && count_all (context) > 0;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (CALBOOK_IS_BOOKING_ROW (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static guint
list_n_items (CalbookWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (calbook_window_get_booking_list (window)));
}

static void
assert_list_matches_store (CalbookWindow  *window,
                           CalbookContext *context)
{
  CalbookBookingList *list = calbook_window_get_booking_list (window);
  g_autoptr(GError) error = NULL;
  guint expected;

  expected = calbook_store_count_bookings (calbook_context_get_store (context),
                                           calbook_booking_list_get_filter (list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list_n_items (window), ==, expected);
}

typedef struct
{
  CalbookWindow *window;
  const char    *text;
} SearchState;

static gboolean
filter_has_text (gpointer data)
{
  SearchState *state = data;
  const CalbookBookingFilter *filter;

  filter = calbook_booking_list_get_filter (calbook_window_get_booking_list (state->window));

  return g_strcmp0 (filter->text, state->text) == 0;
}

static void
search (CalbookWindow *window,
        const char    *text)
{
  SearchState state = { window, text };
  GtkSearchEntry *entry = calbook_window_get_search_entry (window);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);

  /* search-changed comes after a short delay (at once for an empty text) */
  wait_until (filter_has_text, &state, 10, "the search to reach the list");
}

/* Emits close-request as closing the window would, without closing it */
static int
window_width_after_close_request (CalbookWindow *window,
                                  int            width)
{
  g_autoptr(GSettings) settings = NULL;
  gboolean handled = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), width, 555);
  g_signal_emit_by_name (window, "close-request", &handled);

  /* The same (memory) backend as the application's: GSETTINGS_BACKEND=memory */
  settings = g_settings_new ("io.github.calbook.Calbook");

  return g_settings_get_int (settings, "window-width");
}

static GtkWidget *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = find_button (child);

      if (button != NULL)
        return button;
    }

  return NULL;
}

/* A sync that rebuilds the details while one of their buttons has the
 * focus: no warning from GTK, and the focus stays in the details */
static void
check_details_rebuild_keeps_focus (CalbookApplication *app,
                                   CalbookWindow      *window)
{
  GListModel *list = G_LIST_MODEL (calbook_window_get_booking_list (window));
  GtkSelectionModel *selection = gtk_list_view_get_model (calbook_window_get_list_view (window));
  GtkWidget *details = GTK_WIDGET (calbook_window_get_details (window));
  GtkWidget *button = NULL;
  GtkWidget *focus;

  for (guint i = 0; i < g_list_model_get_n_items (list) && button == NULL; i++)
    {
      g_autoptr(CalbookBooking) booking = g_list_model_get_item (list, i);
      CalbookBooking *shown;

      if (calbook_booking_get_status (booking) != CALBOOK_BOOKING_STATUS_CONFIRMED ||
          calbook_booking_get_meeting_url (booking) == NULL)
        continue;

      gtk_selection_model_select_item (selection, i, TRUE);
      iterate_for (200);
      shown = calbook_booking_details_get_booking (CALBOOK_BOOKING_DETAILS (details));
      g_assert_nonnull (shown);
      g_assert_cmpstr (calbook_booking_get_uid (shown), ==, calbook_booking_get_uid (booking));
      button = find_button (details);
    }

  if (button == NULL)
    {
      g_printerr ("SKIP: no confirmed booking with a meeting link to select\n");
      return;
    }

  g_assert_true (gtk_widget_grab_focus (button));
  iterate_for (300);
  g_signal_emit_by_name (calbook_application_get_context (app), "bookings-changed");
  iterate_for (300);

  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, details));
}

static CalbookBooking *
insert_markup_booking (CalbookContext *context,
                       CalbookBooking *model)
{
  g_autoptr(JsonObject) object = calbook_booking_to_json (model);
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autoptr(GError) error = NULL;
  CalbookBooking *booking;

  /* A copy of a synced booking of the same host, with a title that looks like markup */
  start = g_date_time_add_hours (now, 24 * 3);
  end = g_date_time_add_minutes (start, 30);
  start_text = g_date_time_format_iso8601 (start);
  end_text = g_date_time_format_iso8601 (end);
  json_object_set_string_member (object, "uid", "test-markup-title-uid");
  json_object_set_int_member (object, "id", 987654321);
  json_object_set_string_member (object, "title", MARKUP_TITLE);
  json_object_set_string_member (object, "status", "accepted");
  json_object_set_string_member (object, "start", start_text);
  json_object_set_string_member (object, "end", end_text);
  json_object_remove_member (object, "rescheduledToUid");
  json_object_remove_member (object, "rescheduledFromUid");

  booking = calbook_booking_new_from_json (object, &error);
  g_assert_no_error (error);
  g_ptr_array_add (bookings, g_object_ref (booking));

  calbook_store_upsert_bookings (calbook_context_get_store (context), bookings, NULL, NULL, &error);
  g_assert_no_error (error);

  return booking;
}

static void
check_accessible_button (GtkWidget *button,
                         guint     *n_checked)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip == NULL || *tooltip == '\0' ||
      !gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL))
    g_error ("The icon-only %s (icon %s) has no %s",
             G_OBJECT_TYPE_NAME (button),
             GTK_IS_MENU_BUTTON (button)
               ? gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (button))
               : gtk_button_get_icon_name (GTK_BUTTON (button)),
             tooltip == NULL ? "tooltip" : "accessible label");

  (*n_checked)++;
}

/* Every icon-only button Calbook made has a tooltip and an accessible label */
static void
check_icon_buttons (GtkWidget *widget,
                    guint     *n_checked)
{
  /* The window controls and the insides of libadwaita's rows (the entry
   * rows' apply and peek buttons) are the toolkit's own; Calbook adds no
   * buttons to rows */
  if (GTK_IS_WINDOW_CONTROLS (widget) || ADW_IS_PREFERENCES_ROW (widget))
    return;

  /* Only what Calbook put in a search bar: its close button is GTK's */
  if (GTK_IS_SEARCH_BAR (widget))
    {
      GtkWidget *child = gtk_search_bar_get_child (GTK_SEARCH_BAR (widget));

      if (child != NULL)
        check_icon_buttons (child, n_checked);
      return;
    }

  if (GTK_IS_MENU_BUTTON (widget))
    {
      if (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL)
        check_accessible_button (widget, n_checked);
      return;
    }

  if (GTK_IS_BUTTON (widget) &&
      (gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL ||
       GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget)))))
    check_accessible_button (widget, n_checked);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_icon_buttons (child, n_checked);
}

static char *
run_command (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;

  return g_steal_pointer (&out);
}

/* Finds a notification in `dunstctl history` by its summary; returns its body */
static char *
find_in_dunst_history (const char *summary)
{
  static const char * const history_argv[] = { "dunstctl", "history", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = run_command (history_argv);
  JsonObject *root;
  JsonArray *outer;

  g_assert_nonnull (json);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));

  root = json_node_get_object (json_parser_get_root (parser));
  outer = json_object_get_array_member (root, "data");
  for (guint i = 0; i < json_array_get_length (outer); i++)
    {
      JsonArray *inner = json_array_get_array_element (outer, i);

      for (guint j = 0; j < json_array_get_length (inner); j++)
        {
          JsonObject *entry = json_array_get_object_element (inner, j);
          JsonObject *summary_obj = json_object_get_object_member (entry, "summary");
          JsonObject *body_obj = json_object_get_object_member (entry, "body");

          if (summary_obj != NULL && body_obj != NULL &&
              g_strcmp0 (json_object_get_string_member (summary_obj, "data"), summary) == 0)
            return g_strdup (json_object_get_string_member (body_obj, "data"));
        }
    }

  return NULL;
}

static gboolean
dunst_available (void)
{
  static const char * const argv[] = { "dunstctl", "count", "displayed", NULL };
  g_autofree char *out = run_command (argv);

  return out != NULL;
}

typedef struct
{
  const char *summary;
  char       *body;
} DunstWait;

static gboolean
notification_arrived (gpointer data)
{
  static const char * const close_argv[] = { "dunstctl", "close-all", NULL };
  DunstWait *wait = data;
  g_autofree char *out = NULL;

  /* Closing moves what is shown into the history */
  out = run_command (close_argv);
  g_free (wait->body);
  wait->body = find_in_dunst_history (wait->summary);

  if (wait->body == NULL)
    iterate_for (100);

  return wait->body != NULL;
}


/* The scenarios, run inside the application's main loop */

static void
check_demo_window (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) markup_booking = NULL;
  g_autoptr(CalbookBooking) first = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  CalbookWindow *window;
  CalbookContext *context;
  CalbookAccount *account;
  const CalbookBookingFilter *filter;
  gboolean found_markup = FALSE;
  GtkSelectionModel *selection;
  GtkWidget *details;
  guint n_before;
  guint n_checked = 0;

  wait_until (is_synced, app, 90, "the first sync of the demo");

  window = get_window (app);
  context = calbook_application_get_context (app);
  account = calbook_context_get_account (context);
  demo_folder_seen = g_strdup (calbook_application_get_demo_folder (app));

  g_assert_true (calbook_application_get_demo (app));
  g_assert_nonnull (demo_folder_seen);
  g_assert_true (g_file_test (demo_folder_seen, G_FILE_TEST_IS_DIR));
  g_assert_true (calbook_account_is_admin (account));
  g_assert_cmpstr (calbook_window_get_visible_page (window), ==, "bookings");

  /* The Upcoming view lists exactly what the store has for the admin's own bookings */
  filter = calbook_booking_list_get_filter (calbook_window_get_booking_list (window));
  g_assert_cmpint (filter->user_id, ==, calbook_account_get_user_id (account));
  assert_list_matches_store (window, context);

  /* The agenda of upcoming bookings */
  calbook_window_set_view_name (window, "agenda");
  calbook_window_set_status_view (window, "upcoming");
  iterate_for (200);
  assert_list_matches_store (window, context);
  g_assert_cmpuint (list_n_items (window), >, 0);

  /* The rows on screen show the bookings' titles */
  iterate_for (300);
  collect_rows (GTK_WIDGET (calbook_window_get_list_view (window)), rows);
  g_assert_cmpuint (rows->len, >, 0);
  first = g_list_model_get_item (G_LIST_MODEL (calbook_window_get_booking_list (window)), 0);
  for (guint i = 0; i < rows->len; i++)
    {
      CalbookBookingRow *row = g_ptr_array_index (rows, i);
      CalbookBooking *booking = calbook_booking_row_get_booking (row);

      g_autofree char *client = NULL;

      if (booking == NULL)
        continue;
      /* Rows lead with the client, never the signed-in person */
      client = calbook_format_client (booking, calbook_account_get_email (account));
      g_assert_cmpstr (calbook_booking_row_get_title_text (row), ==, client);
    }

  check_details_rebuild_keeps_focus (app, window);

  /* A title that looks like markup is shown literally */
  markup_booking = insert_markup_booking (context, first);
  g_signal_emit_by_name (context, "bookings-changed");
  iterate_for (100);
  assert_list_matches_store (window, context);

  n_before = list_n_items (window);
  search (window, "Quarterly");
  g_assert_cmpuint (list_n_items (window), <, n_before);
  g_assert_cmpuint (list_n_items (window), >=, 1);
  assert_list_matches_store (window, context);

  /* Every listed booking matches the search */
  filter = calbook_booking_list_get_filter (calbook_window_get_booking_list (window));
  for (guint i = 0; i < list_n_items (window); i++)
    {
      g_autoptr(CalbookBooking) booking =
        g_list_model_get_item (G_LIST_MODEL (calbook_window_get_booking_list (window)), i);
      g_assert_true (calbook_booking_filter_matches (filter, booking));
    }

  iterate_for (300);
  g_ptr_array_set_size (rows, 0);
  collect_rows (GTK_WIDGET (calbook_window_get_list_view (window)), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      CalbookBookingRow *row = g_ptr_array_index (rows, i);

      g_autoptr(GPtrArray) row_labels = g_ptr_array_new ();

      collect_labels (GTK_WIDGET (row), row_labels);
      for (guint j = 0; j < row_labels->len; j++)
        {
          GtkLabel *label = g_ptr_array_index (row_labels, j);

          g_ptr_array_add (labels, label);
          if (strstr (gtk_label_get_text (label), MARKUP_TITLE) != NULL)
            found_markup = TRUE;
        }
    }
  g_assert_true (found_markup);
  for (guint i = 0; i < labels->len; i++)
    g_assert_false (gtk_label_get_use_markup (g_ptr_array_index (labels, i)));

  /* Its details too: the title, literally, and no label anywhere that renders it */
  selection = gtk_list_view_get_model (calbook_window_get_list_view (window));
  details = GTK_WIDGET (calbook_window_get_details (window));
  for (guint i = 0; i < list_n_items (window); i++)
    {
      g_autoptr(CalbookBooking) booking =
        g_list_model_get_item (G_LIST_MODEL (calbook_window_get_booking_list (window)), i);

      if (g_str_equal (calbook_booking_get_uid (booking), "test-markup-title-uid"))
        gtk_selection_model_select_item (selection, i, TRUE);
    }
  iterate_for (300);
  g_assert_cmpstr (calbook_booking_get_uid (calbook_booking_details_get_booking (
                     calbook_window_get_details (window))), ==, "test-markup-title-uid");
  g_ptr_array_set_size (labels, 0);
  collect_labels (GTK_WIDGET (window), labels);
  found_markup = FALSE;
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (strstr (gtk_label_get_text (label), "<b>Quarterly</b>") == NULL)
        continue;
      g_assert_false (gtk_label_get_use_markup (label));
      if (gtk_widget_is_ancestor (GTK_WIDGET (label), details))
        found_markup = TRUE;
    }
  g_assert_true (found_markup);

  /* Search for something no booking has: the empty state, not a stale list */
  search (window, "zzqqxxnotabookingword");
  g_assert_cmpuint (list_n_items (window), ==, 0);

  /* The demo writes nothing outside its folder, not even the window size */
  g_assert_cmpint (window_width_after_close_request (window, 888), ==, 1000);

  /* Accessible names on icon-only buttons */
  check_icon_buttons (GTK_WIDGET (window), &n_checked);
  g_assert_cmpuint (n_checked, >=, 4);
}

static void
check_notification (CalbookApplication *app)
{
  g_autoptr(CalbookNotification) muted = NULL;
  g_autoptr(CalbookNotification) notification = NULL;
  GSettings *settings = calbook_application_get_settings (app);
  g_autofree char *muted_summary = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *muted_body = NULL;
  CalbookContext *context = calbook_application_get_context (app);
  DunstWait wait = { NULL, NULL };
  const char *body = "<b>Ann</b> & Bob moved \"Check-up\" to 10:30";

  if (!dunst_available ())
    {
      g_printerr ("SKIP: no dunst on the session bus\n");
      return;
    }

  /* The test's build compiles the schema; the demo keeps it in memory */
  g_assert_nonnull (settings);

  /* With notify-changes off, what the core reports is not shown */
  muted_summary = g_strdup_printf ("Calbook muted %u", g_random_int ());
  muted = calbook_notification_new ("test-muted", muted_summary, "muted", NULL);
  g_settings_set_boolean (settings, "notify-changes", FALSE);
  g_signal_emit_by_name (context, "notify-user", muted);
  g_settings_set_boolean (settings, "notify-changes", TRUE);

  /* The core's notification, the way the sync hands it over */
  summary = g_strdup_printf ("Calbook test %u", g_random_int ());
  notification = calbook_notification_new ("test-notification", summary, body, "some-uid");
  calbook_notification_add_action (notification, "Confirm", "app.confirm-booking");
  calbook_notification_add_action (notification, "Decline", "app.decline-booking");
  g_signal_emit_by_name (context, "notify-user", notification);

  wait.summary = summary;
  wait_until (notification_arrived, &wait, 20, "the notification to reach dunst");

  /* dunst renders body markup: Calbook must have escaped it */
  escaped = g_markup_escape_text (body, -1);
  g_assert_cmpstr (wait.body, ==, escaped);
  g_free (wait.body);

  /* Sent before the one that arrived, so it would be there by now */
  muted_body = find_in_dunst_history (muted_summary);
  g_assert_null (muted_body);
}

typedef struct
{
  CalbookContext *context;
  const char     *uid;
} ConfirmWait;

static gboolean
booking_confirmed (gpointer data)
{
  ConfirmWait *wait = data;
  g_autoptr(CalbookBooking) booking = NULL;

  booking = calbook_store_get_booking (calbook_context_get_store (wait->context), wait->uid, NULL);

  return booking != NULL &&
         calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_CONFIRMED;
}

/* Confirms the admin's first pending booking; its uid, or NULL when there is none */
static char *
confirm_first_pending (CalbookApplication *app)
{
  CalbookContext *context = calbook_application_get_context (app);
  CalbookAccount *account = calbook_context_get_account (context);
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  char *uid;

  filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING);
  filter->user_id = calbook_account_get_user_id (account);
  filter->range_start = g_get_real_time () / G_USEC_PER_SEC + 3600;
  pending = calbook_store_query_bookings (calbook_context_get_store (context), filter, 0, 1,
                                          &error);
  g_assert_no_error (error);

  if (pending->len == 0)
    {
      g_printerr ("SKIP: the demo admin has no pending booking to confirm\n");
      return NULL;
    }

  uid = g_strdup (calbook_booking_get_uid (g_ptr_array_index (pending, 0)));
  g_action_group_activate_action (G_ACTION_GROUP (app), "confirm-booking",
                                  g_variant_new_string (uid));

  return uid;
}

/* The details' Confirm button and the notification's both use app.confirm-booking */
static void
check_confirm (CalbookApplication *app)
{
  g_autofree char *uid = confirm_first_pending (app);
  ConfirmWait wait;

  if (uid == NULL)
    return;

  wait.context = calbook_application_get_context (app);
  wait.uid = uid;
  wait_until (booking_confirmed, &wait, 60, "the confirmation to come back from the sandbox");
}

/* With CALBOOK_TEST_SHOTS=DIR, keeps a picture of the screen for a person to look at */
static void
take_screenshot (const char *name)
{
  const char *dir = g_getenv ("CALBOOK_TEST_SHOTS");
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;

  if (dir == NULL)
    return;

  iterate_for (500);
  file = g_strdup_printf ("%s/%s.png", dir, name);
  {
    const char *argv[] = { "import", "-window", "root", file, NULL };
    out = run_command (argv);
  }
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

/* The About and Preferences windows open from their app actions */
static void
check_secondary_windows (CalbookApplication *app)
{
  GtkWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  iterate_for (200);
  window = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (window);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (window)), ==, PACKAGE_VERSION);
  gtk_window_destroy (window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  iterate_for (200);
  window = find_toplevel (CALBOOK_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (window);
  gtk_window_destroy (window);
}

typedef struct
{
  CalbookContext *context;
  GtkLabel       *label;
  GtkLabel       *detail;
} BannerWait;

/* Offline is a neutral notice; the network's words are only in its details */
static gboolean
banner_shows_offline (gpointer data)
{
  BannerWait *wait = data;
  g_autofree char *last_error = NULL;
  GtkWidget *revealer;
  GtkWidget *banner;

  g_object_get (wait->context, "last-error", &last_error, NULL);
  revealer = gtk_widget_get_ancestor (GTK_WIDGET (wait->label), GTK_TYPE_REVEALER);
  banner = gtk_widget_get_parent (GTK_WIDGET (wait->label));

  return last_error != NULL &&
         gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) &&
         g_str_has_prefix (gtk_label_get_text (wait->label), "Offline — showing saved bookings") &&
         strstr (gtk_label_get_text (wait->label), "127.0.0.1") == NULL &&
         !gtk_widget_has_css_class (banner, "error") &&
         g_strcmp0 (gtk_label_get_text (wait->detail), last_error) == 0;
}

static gboolean
count_mentions_outbox (gpointer data)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (GTK_WIDGET (data), labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));

      if (strstr (text, "1 change waiting") != NULL)
        return TRUE;
    }

  return FALSE;
}

/* When Cal.com can't be reached, the window says so plainly and keeps the list */
static void
check_offline_banner (CalbookApplication *app)
{
  CalbookWindow *window = get_window (app);
  BannerWait wait = { calbook_application_get_context (app),
                      calbook_window_get_banner_label (window),
                      calbook_window_get_banner_detail_label (window) };
  g_autofree char *uid = NULL;
  guint n_items;

  gtk_editable_set_text (GTK_EDITABLE (calbook_window_get_search_entry (window)), "");
  iterate_for (300);
  n_items = list_n_items (window);
  g_assert_cmpuint (n_items, >, 0);

  calbook_demo_server_stop (calbook_application_get_demo_server (app));
  g_action_group_activate_action (G_ACTION_GROUP (app), "refresh", NULL);
  wait_until (banner_shows_offline, &wait, 60, "the offline banner");

  g_assert_false (gtk_label_get_use_markup (wait.label));
  g_assert_cmpuint (list_n_items (window), ==, n_items);

  /* A change made offline waits in the outbox, and the window says so */
  uid = confirm_first_pending (app);
  if (uid != NULL)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      gboolean noted = FALSE;

      wait_until (count_mentions_outbox, window, 30, "the outbox count in the window");

      /* The booking itself says its change is still on its way */
      g_action_group_activate_action (G_ACTION_GROUP (app), "show-booking",
                                      g_variant_new_string (uid));
      iterate_for (200);
      collect_labels (GTK_WIDGET (calbook_window_get_details (window)), labels);
      for (guint i = 0; i < labels->len; i++)
        {
          const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));

          if (strstr (text, "not reached Cal.com") != NULL)
            noted = TRUE;
        }
      g_assert_true (noted);
    }

  take_screenshot ("offline");
}

static void
on_demo_activate_cb (GApplication *app,
                     gpointer      user_data)
{
  check_demo_window (CALBOOK_APPLICATION (app));
  check_confirm (CALBOOK_APPLICATION (app));
  check_notification (CALBOOK_APPLICATION (app));
  check_secondary_windows (CALBOOK_APPLICATION (app));
  check_offline_banner (CALBOOK_APPLICATION (app));
  g_application_quit (app);
}

static gboolean
server_started (gpointer data)
{
  return *(gboolean *)data;
}

static void
on_demo_server_started_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  gboolean *started = user_data;
  g_autoptr(GError) error = NULL;

  calbook_demo_server_start_finish (CALBOOK_DEMO_SERVER (source), result, &error);
  g_assert_no_error (error);
  *started = TRUE;
}

typedef struct
{
  CalbookApplication *app;
  CalbookWelcomePage *page;
} SignInWait;

static gboolean
signed_in_or_failed (gpointer data)
{
  SignInWait *wait = data;

  return is_synced (wait->app) ||
         gtk_widget_get_visible (GTK_WIDGET (calbook_welcome_page_get_error_label (wait->page)));
}

/* TRUE when @needle is in a file under @path */
static gboolean
tree_contains (const char *path,
               const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (tree_contains (child, needle))
            return TRUE;
        }
      else if (g_file_get_contents (child, &contents, &length, NULL) &&
               g_strstr_len (contents, length, needle) != NULL)
        {
          g_printerr ("found the API key in %s\n", child);
          return TRUE;
        }
    }

  return FALSE;
}

/* Sign in on the welcome page against a sandbox of the test's own */
static void
check_sign_in (CalbookApplication *app,
               CalbookWindow      *window)
{
  g_autoptr(CalbookDemoServer) server = NULL;
  g_autofree char *db_path = NULL;
  CalbookWelcomePage *page = calbook_window_get_welcome_page (window);
  CalbookContext *context;
  SignInWait sign_in = { app, page };
  JsonObject *member;
  GtkWidget *connect;
  const char *key;
  gboolean started = FALSE;

  db_path = g_build_filename (g_get_home_dir (), "test-sandbox.sqlite3", NULL);
  server = calbook_demo_server_new (db_path, 60);
  calbook_demo_server_start_async (server, NULL, on_demo_server_started_cb, &started);
  wait_until (server_started, &started, 30, "the test's sandbox");

  member = calbook_demo_server_find_account (server, FALSE);
  g_assert_nonnull (member);
  key = json_object_get_string_member (member, "apiKey");

  /* Connect stays off until the fields are filled in */
  connect = GTK_WIDGET (calbook_welcome_page_get_connect_button (page));
  g_assert_false (gtk_widget_get_sensitive (connect));
  adw_combo_row_set_selected (calbook_welcome_page_get_server_row (page), 2);
  gtk_editable_set_text (GTK_EDITABLE (calbook_welcome_page_get_url_row (page)),
                         calbook_demo_server_get_url (server));
  gtk_editable_set_text (GTK_EDITABLE (calbook_welcome_page_get_key_row (page)), key);
  g_assert_true (gtk_widget_get_sensitive (connect));
  g_signal_emit_by_name (connect, "clicked");

  wait_until (signed_in_or_failed, &sign_in, 60, "the sign-in");

  if (calbook_application_get_context (app) == NULL)
    {
      const char *message = gtk_label_get_text (calbook_welcome_page_get_error_label (page));

      /* Without a Secret Service the key cannot be kept: said plainly, nothing else */
      g_assert_cmpstr (message, !=, "");
      g_printerr ("SKIP: sign-in without a keyring: %s\n", message);
      calbook_demo_server_stop (server);
      return;
    }

  context = calbook_application_get_context (app);
  g_assert_cmpstr (calbook_account_get_username (calbook_context_get_account (context)), ==,
                   json_object_get_string_member (member, "username"));
  g_assert_cmpstr (calbook_window_get_visible_page (window), ==, "bookings");
  assert_list_matches_store (window, context);

  /* The key went to the keyring only: not in the store, settings or anywhere in HOME */
  g_assert_false (tree_contains (g_get_home_dir (), key));

  calbook_demo_server_stop (server);
}

static void
check_welcome_then_member_demo (CalbookApplication *app)
{
  CalbookWindow *window = get_window (app);
  CalbookContext *context;
  CalbookAccount *account;
  guint n_checked = 0;

  /* No account in this fresh HOME: the welcome page */
  g_assert_nonnull (window);
  iterate_for (200);
  g_assert_cmpstr (calbook_window_get_visible_page (window), ==, "welcome");
  g_assert_null (calbook_application_get_context (app));
  check_icon_buttons (GTK_WIDGET (window), &n_checked);

  /* The window remembers its size (the demo's does not, see check_demo_window) */
  g_assert_cmpint (window_width_after_close_request (window, 777), ==, 777);

  check_sign_in (app, window);

  /* Its demo button offers the staff member's view */
  g_action_group_activate_action (G_ACTION_GROUP (app), "start-demo",
                                  g_variant_new_string ("member"));
  iterate_for (100);
  wait_until (is_synced, app, 90, "the first sync of the member demo");

  context = calbook_application_get_context (app);
  account = calbook_context_get_account (context);
  g_assert_cmpint (calbook_account_get_role (account), ==, CALBOOK_ROLE_MEMBER);
  g_assert_false (calbook_account_is_admin (account));
  g_assert_nonnull (calbook_application_get_demo_folder (app));
  g_assert_true (g_str_has_prefix (calbook_store_get_path (calbook_context_get_store (context)),
                                   calbook_application_get_demo_folder (app)));
  g_assert_cmpstr (calbook_window_get_visible_page (window), ==, "bookings");
  assert_list_matches_store (window, context);
  demo_folder_seen = g_strdup (calbook_application_get_demo_folder (app));
}

static void
on_normal_activate_cb (GApplication *app,
                       gpointer      user_data)
{
  check_welcome_then_member_demo (CALBOOK_APPLICATION (app));
  g_application_quit (app);
}

typedef struct
{
  CalbookAccount *account;
  GError         *error;
  gboolean        done;
} SignInResult;

static void
on_core_sign_in_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SignInResult *sign_in = user_data;

  sign_in->account = calbook_account_sign_in_finish (result, &sign_in->error);
  sign_in->done = TRUE;
}

static CalbookDemoServer *restart_server;
static char *restart_username;

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = find_button_with_label (child, label);

      if (button != NULL)
        return button;
    }

  return NULL;
}

static gboolean
shows_welcome (gpointer data)
{
  return g_strcmp0 (calbook_window_get_visible_page (data), "welcome") == 0;
}

typedef struct
{
  char     *key;
  GError   *error;
  gboolean  done;
} LookupResult;

static void
on_lookup_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LookupResult *lookup = user_data;

  lookup->key = calbook_secret_store_lookup_finish (CALBOOK_SECRET_STORE (source), result,
                                                    &lookup->error);
  lookup->done = TRUE;
}

/* Signing out forgets the key, the profile and the local bookings */
static void
check_sign_out (CalbookApplication *app,
                CalbookWindow      *window)
{
  CalbookContext *context = calbook_application_get_context (app);
  g_autoptr(CalbookSecretStore) secret_store = calbook_secret_store_new ();
  g_autoptr(CalbookAccount) remembered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *base_url = NULL;
  LookupResult lookup = { NULL, NULL, FALSE };
  GtkWindow *preferences;
  GtkWindow *dialog;
  GtkWidget *sign_out;

  store_path = g_strdup (calbook_store_get_path (calbook_context_get_store (context)));
  base_url = g_strdup (calbook_account_get_base_url (calbook_context_get_account (context)));
  g_assert_true (g_file_test (store_path, G_FILE_TEST_EXISTS));

  /* The way a person does it: Preferences, Sign Out…, confirm */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  iterate_for (300);
  preferences = find_toplevel (CALBOOK_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  sign_out = find_button_with_label (GTK_WIDGET (preferences), "_Sign Out…");
  g_assert_nonnull (sign_out);
  g_assert_true (gtk_widget_get_visible (sign_out));
  g_signal_emit_by_name (sign_out, "clicked");
  iterate_for (300);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  take_screenshot ("sign-out");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "sign-out");
  wait_until (shows_welcome, window, 60, "the welcome page after signing out");

  g_assert_null (calbook_application_get_context (app));
  g_assert_false (g_file_test (store_path, G_FILE_TEST_EXISTS));

  remembered = calbook_account_load_remembered (base_url, &error);
  g_assert_no_error (error);
  g_assert_null (remembered);

  calbook_secret_store_lookup_async (secret_store, base_url, NULL, on_lookup_cb, &lookup);
  wait_until (is_true, &lookup.done, 30, "the keyring lookup");
  g_assert_no_error (lookup.error);
  g_assert_null (lookup.key);
}

/* A later start: the remembered account and the key from the keyring, no welcome page */
static void
on_restart_activate_cb (GApplication *app,
                        gpointer      user_data)
{
  CalbookApplication *self = CALBOOK_APPLICATION (app);
  CalbookWindow *window = get_window (self);
  CalbookContext *context;

  wait_until (is_synced, self, 90, "the sync of the remembered account");

  context = calbook_application_get_context (self);
  g_assert_false (calbook_application_get_demo (self));
  g_assert_cmpstr (calbook_account_get_username (calbook_context_get_account (context)), ==,
                   restart_username);
  g_assert_cmpstr (calbook_window_get_visible_page (window), ==, "bookings");
  assert_list_matches_store (window, context);

  check_sign_out (self, window);
  g_application_quit (app);
}

/* The headings of @menu's sections, one a line */
static char *
collect_section_labels (GMenuModel *menu)
{
  GString *labels = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_string_append_printf (labels, "%s\n", label);
    }

  return g_string_free (labels, FALSE);
}

/* The labels a person sees in the header's title that are cut ("Demo…") */
static guint
count_cut_labels (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      *gtk_label_get_text (GTK_LABEL (widget)) != '\0' &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_cut_labels (child);

  return n;
}

static gboolean
header_is_narrow (gpointer data)
{
  GtkWidget *header = data;

  /* 360 px of window, give or take its frame */
  return gtk_widget_get_width (header) > 0 && gtk_widget_get_width (header) <= 360 + 2 * 6;
}

/* At 360 px the header shows a title instead of the view switcher: who is
 * signed in was that title, cut to "Demo…"; it is the main menu's first
 * heading now, and the title fits */
static void
check_narrow_header (CalbookApplication *app)
{
  CalbookWindow *window = get_window (app);
  CalbookAccount *account = calbook_context_get_account (calbook_application_get_context (app));
  GtkWidget *header = calbook_window_get_part (window, "calendar_header_bar");
  GtkWidget *title = calbook_window_get_part (window, "switcher_title");
  GtkWidget *menu_button = calbook_window_get_part (window, "primary_menu_button");
  g_autofree char *headings = NULL;

  g_assert_nonnull (header);
  g_assert_nonnull (title);
  /* (the details' buttons fit 360 px only once they follow a booking) */
  {
    g_autoptr(CalbookBooking) upcoming = gui_test_find_own_upcoming (calbook_application_get_context (app), NULL);

    calbook_window_set_selected_booking (window, upcoming);
    calbook_window_set_selected_booking (window, NULL);
  }
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  wait_until (header_is_narrow, header, 30, "the header at 360 px");
  iterate_for (300);

  g_assert_true (adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (title)));
  g_assert_cmpuint (count_cut_labels (title), ==, 0);
  take_screenshot ("narrow-header");

  headings = collect_section_labels (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)));
  g_assert_nonnull (strstr (headings, calbook_account_get_name (account)));

  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  iterate_for (300);
  take_screenshot ("narrow-menu");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
}

static void
test_narrow_header (void)
{
  gui_test_run_demo (check_narrow_header);
}

typedef struct
{
  GtkWidget  *window;
  const char *text;
} TooltipWait;

static gboolean
tooltip_shows (gpointer data)
{
  TooltipWait *wait = data;
  GtkWidget *tooltip = gui_test_find_tooltip (wait->window);
  g_autofree char *text = tooltip != NULL ? gui_test_visible_text (tooltip) : NULL;

  return text != NULL && strstr (text, wait->text) != NULL;
}

static gboolean
popover_is_open (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (data);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static gboolean
popover_is_closed (gpointer data)
{
  return !popover_is_open (data);
}

/* The main menu, used with the real pointer and closed: the buttons' tooltips
 * still show (GTK 4.8 kept its tooltip with the popover the pointer was in,
 * and showed none again) */
static void
check_tooltip_after_menu (CalbookApplication *app)
{
  CalbookWindow *window = get_window (app);
  GtkWidget *menu_button = calbook_window_get_part (window, "primary_menu_button");
  GtkWidget *search_button = calbook_window_get_part (window, "search_button");
  TooltipWait wait = { GTK_WIDGET (window), gtk_widget_get_tooltip_text (search_button) };
  GtkPopover *popover;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  g_assert_nonnull (wait.text);
  gui_test_click (menu_button);
  wait_until (popover_is_open, menu_button, 10, "the main menu to open");
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  gui_test_collect_widgets (popover, GTK_TYPE_LABEL, labels);
  g_assert_cmpuint (labels->len, >, 0);
  gui_test_pointer_to (g_ptr_array_index (labels, labels->len - 1));
  iterate_for (300);
  gui_test_key ("Escape");
  wait_until (popover_is_closed, menu_button, 10, "the main menu to close");

  gui_test_pointer_to (search_button);
  wait_until (tooltip_shows, &wait, 20, "the search button's tooltip");
  take_screenshot ("tooltip-after-menu");
}

static void
test_tooltip_after_menu (void)
{
  gui_test_run_demo (check_tooltip_after_menu);
}

/* Tests */

static void
run_app (const char *arg,
         GCallback   on_activate)
{
  g_autoptr(CalbookApplication) app = calbook_application_new ();
  const char *argv[] = { "calbook", arg, NULL };
  int status;

  g_signal_connect_after (app, "activate", on_activate, NULL);
  status = g_application_run (G_APPLICATION (app), arg != NULL ? 2 : 1, (char **)argv);
  g_assert_cmpint (status, ==, 0);

  /* Nothing of the demo is left behind */
  g_assert_nonnull (demo_folder_seen);
  g_assert_false (g_file_test (demo_folder_seen, G_FILE_TEST_EXISTS));
  g_clear_pointer (&demo_folder_seen, g_free);
}

static void
test_demo (void)
{
  if (g_test_subprocess ())
    {
      run_app ("--demo", G_CALLBACK (on_demo_activate_cb));
      return;
    }

  g_test_trap_subprocess (NULL, 180 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_welcome (void)
{
  if (g_test_subprocess ())
    {
      run_app (NULL, G_CALLBACK (on_normal_activate_cb));
      return;
    }

  g_test_trap_subprocess (NULL, 180 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_restart (void)
{
  g_autoptr(CalbookApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *db_path = NULL;
  const char *argv[] = { "calbook", NULL };
  SignInResult sign_in = { NULL, NULL, FALSE };
  gboolean started = FALSE;
  JsonObject *member;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 180 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  db_path = g_build_filename (g_get_home_dir (), "restart-sandbox.sqlite3", NULL);
  restart_server = calbook_demo_server_new (db_path, 40);
  calbook_demo_server_start_async (restart_server, NULL, on_demo_server_started_cb, &started);
  wait_until (server_started, &started, 30, "the test's sandbox");
  member = calbook_demo_server_find_account (restart_server, FALSE);
  restart_username = g_strdup (json_object_get_string_member (member, "username"));

  /* Signed in earlier (what the welcome page does) */
  calbook_account_sign_in_async (calbook_demo_server_get_url (restart_server),
                                 json_object_get_string_member (member, "apiKey"),
                                 NULL, on_core_sign_in_cb, &sign_in);
  wait_until (is_true, &sign_in.done, 60, "the sign-in");
  if (g_error_matches (sign_in.error, CALBOOK_SECRET_ERROR, CALBOOK_SECRET_ERROR_NO_KEYRING))
    {
      g_test_skip ("no Secret Service on the session bus");
      return;
    }
  g_assert_no_error (sign_in.error);

  settings = g_settings_new ("io.github.calbook.Calbook");
  g_settings_set_string (settings, "base-url", calbook_account_get_base_url (sign_in.account));

  app = calbook_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_restart_activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, (char **)argv), ==, 0);

  calbook_demo_server_stop (restart_server);
  g_clear_object (&restart_server);
  g_clear_object (&sign_in.account);
  g_clear_pointer (&restart_username, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  int status;

  if (!gui_test_prepare (&argc, &argv, "calbook-test-gui-XXXXXX", &own_home))
    return 77;

  g_test_add_func ("/gui/demo", test_demo);
  g_test_add_func ("/gui/welcome", test_welcome);
  g_test_add_func ("/gui/restart", test_restart);
  g_test_add_func ("/gui/narrow-header", test_narrow_header);
  g_test_add_func ("/gui/tooltip-after-menu", test_tooltip_after_menu);

  status = g_test_run ();

  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
