/* test-outbox.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "gui-test-util.h"
#include "calbook-application-private.h"
#include "calbook-demo-server.h"
#include "calbook-error.h"
#include "calbook-outbox-window.h"
#include "calbook-secret-store.h"
#include "calbook-window-private.h"

/*
 * The two ways a change can get stuck, end to end under a real X server:
 * Cal.com refusing it for good (the toast, "Changes Not Sent", edit and
 * retry, discard), and Cal.com rejecting the API key (the banner, the key
 * dialog, the sync going on with the same store and outbox). Each test runs
 * the application in a subprocess of its own.
 *
 * With CALBOOK_TEST_SHOTS=DIR, screenshots (light and dark) go to DIR.
 */

#define WRONG_KEY "cal_test_rejected000000000000000000000"
#define REASON "Clinic closed <b>today</b> & tomorrow"

/* Auxiliary methods */

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

static guint
outbox_count (CalbookContext *context)
{
  guint n = 0;

  g_object_get (context, "outbox-count", &n, NULL);

  return n;
}

/* The first visible label under @widget whose text contains @needle */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *needle)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  gui_test_collect_widgets (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_widget_is_visible (GTK_WIDGET (label)) &&
          strstr (gtk_label_get_text (label), needle) != NULL)
        return label;
    }

  return NULL;
}

/* A button by its label ("_Retry") or, for icon buttons, its tooltip */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *text)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  gui_test_collect_widgets (widget, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), text) == 0 ||
          g_strcmp0 (gtk_widget_get_tooltip_text (button), text) == 0)
        return button;
    }

  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* A picture of @window alone (other tests may share the display) */
static void
shoot (GtkWindow  *window,
       const char *name)
{
  const char *dir = g_getenv ("CALBOOK_TEST_SHOTS");
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *schemes[] = { "light", "dark" };
  g_autofree char *xid = NULL;
  GdkSurface *surface;

  if (dir == NULL)
    return;

  surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (!GDK_IS_X11_SURFACE (surface))
    return;
  xid = g_strdup_printf ("0x%lx", (unsigned long) gdk_x11_surface_get_xid (surface));

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/%s-%s.png", dir, name, schemes[i]);
      const char *argv[] = { "import", "-window", xid, file, NULL };

      adw_style_manager_set_color_scheme (style, i == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                                        : ADW_COLOR_SCHEME_FORCE_DARK);
      gui_test_iterate_for (700);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, NULL, NULL);
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

typedef struct
{
  GAsyncResult *result;
} AsyncWait;

static void
on_async_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
async_done (gpointer data)
{
  return ((AsyncWait *) data)->result != NULL;
}

/* The booking as Cal.com has it now */
static JsonObject *
fetch_server_booking (const char *url,
                      const char *key,
                      const char *uid)
{
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { NULL };

  client = calbook_api_client_new (url, key, &error);
  g_assert_no_error (error);
  calbook_api_client_get_booking_async (client, uid, NULL, on_async_done_cb, &wait);
  gui_test_wait_until (async_done, &wait, 60, "the booking from the sandbox");
  node = calbook_api_client_get_booking_finish (client, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

/* Upcoming confirmed single bookings the signed-in person hosts */
static GPtrArray *
find_own_upcoming (CalbookContext *context)
{
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *own = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 user_id = calbook_account_get_user_id (calbook_context_get_account (context));

  filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CONFIRMED);
  filter->range_start = g_get_real_time () / G_USEC_PER_SEC + 3 * 3600;
  filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
  bookings = calbook_store_query_bookings (calbook_context_get_store (context), filter, 0, 500,
                                           &error);
  g_assert_no_error (error);

  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);

      if (calbook_booking_has_host (booking, user_id) &&
          calbook_booking_get_recurring_booking_uid (booking) == NULL)
        g_ptr_array_add (own, g_object_ref (booking));
    }

  return own;
}

static CalbookOutboxEntry *
find_entry (CalbookContext *context,
            const char     *uid)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = calbook_context_list_outbox (context, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      CalbookOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->booking_uid, uid) == 0)
        return calbook_outbox_entry_copy (entry);
    }

  return NULL;
}


/* Refused changes */

typedef struct
{
  CalbookContext *context;
  const char     *uid_a;
  const char     *uid_b;
  guint           failed_a;
  guint           failed_b;
} Failures;

static void
on_mutation_failed_cb (CalbookContext     *context,
                       CalbookOutboxEntry *entry,
                       GError             *error,
                       Failures           *failures)
{
  if (g_strcmp0 (entry->booking_uid, failures->uid_a) == 0)
    failures->failed_a++;
  else if (g_strcmp0 (entry->booking_uid, failures->uid_b) == 0)
    failures->failed_b++;
}

static gboolean
both_failed (gpointer data)
{
  Failures *failures = data;

  return failures->failed_a > 0 && failures->failed_b > 0;
}

static gboolean
toast_shown (gpointer data)
{
  return find_label (GTK_WIDGET (data), "Couldn't cancel the ") != NULL &&
         find_button (GTK_WIDGET (data), "_Review") != NULL;
}

typedef struct
{
  CalbookContext *context;
  const char     *uid;
} EntryWait;

static gboolean
entry_gone (gpointer data)
{
  EntryWait *wait = data;
  g_autoptr(CalbookOutboxEntry) entry = find_entry (wait->context, wait->uid);

  return entry == NULL;
}

static gboolean
outbox_window_has_n (gpointer data)
{
  GtkWindow *outbox = gui_test_find_toplevel (CALBOOK_TYPE_OUTBOX_WINDOW);

  if (outbox == NULL)
    return FALSE;

  return calbook_outbox_window_get_n_entries (CALBOOK_OUTBOX_WINDOW (outbox)) ==
         GPOINTER_TO_UINT (data);
}

/* TRUE when a menu (or a section or submenu of it) has an item labelled @label */
static gboolean
menu_has_item (GMenuModel *menu,
               const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuModel) section = NULL;
      g_autoptr(GMenuModel) submenu = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_strcmp0 (text, label) == 0)
        return TRUE;

      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      if ((section != NULL && menu_has_item (section, label)) ||
          (submenu != NULL && menu_has_item (submenu, label)))
        return TRUE;
    }

  return FALSE;
}

static GMenuModel *
get_primary_menu (CalbookWindow *window)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  gui_test_collect_widgets (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GMenuModel *model = gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, i));

      if (model != NULL)
        return model;
    }

  return NULL;
}

static void
check_refused_changes (CalbookApplication *app)
{
  CalbookWindow *window = gui_test_get_window (app);
  CalbookContext *context = calbook_application_get_context (app);
  CalbookDemoServer *server = calbook_application_get_demo_server (app);
  const char *url = calbook_demo_server_get_url (server);
  const char *key = json_object_get_string_member (calbook_demo_server_find_account (server, TRUE),
                                                   "apiKey");
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) server_a = NULL;
  g_autoptr(JsonObject) server_b = NULL;
  g_autoptr(CalbookOutboxEntry) entry_a = NULL;
  g_autoptr(CalbookOutboxEntry) entry_b = NULL;
  g_autoptr(CalbookOutboxEntry) requeued = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid_a = NULL;
  g_autofree char *uid_b = NULL;
  Failures failures = { 0, };
  EntryWait wait;
  GtkWindow *outbox;
  GtkWidget *group_a;
  GtkWidget *group_b;
  GtkWidget *button;
  GtkWindow *dialog;
  GtkLabel *label;
  g_autoptr(GPtrArray) entry_rows = g_ptr_array_new ();

  own = find_own_upcoming (context);
  g_assert_cmpuint (own->len, >=, 2);
  uid_a = g_strdup (calbook_booking_get_uid (g_ptr_array_index (own, 0)));
  uid_b = g_strdup (calbook_booking_get_uid (g_ptr_array_index (own, 1)));
  failures.context = context;
  failures.uid_a = uid_a;
  failures.uid_b = uid_b;
  g_signal_connect (context, "mutation-failed", G_CALLBACK (on_mutation_failed_cb), &failures);

  /* Cancelling one's own booking without a reason: Cal.com refuses it for good */
  body = calbook_mutation_build_cancel_body (NULL, FALSE);
  g_assert_true (calbook_context_enqueue (context, CALBOOK_MUTATION_CANCEL, uid_a, body, NULL,
                                          &error));
  g_assert_no_error (error);
  g_assert_true (calbook_context_enqueue (context, CALBOOK_MUTATION_CANCEL, uid_b, body, NULL,
                                          &error));
  g_assert_no_error (error);
  gui_test_wait_until (both_failed, &failures, 60, "Cal.com to refuse both cancellations");

  /* The window says so plainly, as text, with a way to review it */
  gui_test_wait_until (toast_shown, window, 10, "the failure toast");
  label = find_label (GTK_WIDGET (window), "Couldn't cancel the ");
  g_assert_false (gtk_label_get_use_markup (label) &&
                  strstr (gtk_label_get_label (label), "<") != NULL);
  g_assert_nonnull (strstr (gtk_label_get_text (label), "Cancellation reason is required"));
  /* One toast for both */
  g_assert_nonnull (strstr (gtk_label_get_text (label), "1 more change was refused too"));
  shoot (GTK_WINDOW (window), "failure-toast");

  /* Both changes are kept, refused, with Cal.com's reason */
  entry_a = find_entry (context, uid_a);
  entry_b = find_entry (context, uid_b);
  g_assert_nonnull (entry_a);
  g_assert_nonnull (entry_b);
  g_assert_cmpint (entry_a->state, ==, CALBOOK_OUTBOX_STATE_FAILED);
  g_assert_cmpint (entry_b->state, ==, CALBOOK_OUTBOX_STATE_FAILED);

  /* The primary menu leads there too, with the count */
  g_assert_nonnull (get_primary_menu (window));
  g_assert_true (menu_has_item (get_primary_menu (window), "Changes _Not Sent (2)…"));

  /* The details of a booking with a change waiting say so too */
  calbook_window_show_booking (window, uid_b);
  gui_test_iterate_for (200);
  g_assert_nonnull (find_label (GTK_WIDGET (calbook_window_get_details (window)),
                                "Cal.com refused a change to this booking"));
  g_assert_nonnull (find_button (GTK_WIDGET (calbook_window_get_details (window)), "_Review"));

  /* Review opens "Changes Not Sent" with both */
  g_signal_emit_by_name (find_button (GTK_WIDGET (window), "_Review"), "clicked");
  gui_test_wait_until (outbox_window_has_n, GUINT_TO_POINTER (2), 10, "Changes Not Sent with two entries");
  outbox = gui_test_find_toplevel (CALBOOK_TYPE_OUTBOX_WINDOW);
  group_a = calbook_outbox_window_get_entry_widget (CALBOOK_OUTBOX_WINDOW (outbox), entry_a->id);
  group_b = calbook_outbox_window_get_entry_widget (CALBOOK_OUTBOX_WINDOW (outbox), entry_b->id);
  g_assert_nonnull (group_a);
  g_assert_nonnull (group_b);
  g_assert_nonnull (find_label (group_a, "Cal.com refused it"));
  g_assert_nonnull (find_label (group_a, entry_a->last_error));
  g_assert_nonnull (find_label (group_a, "Cancel · "));
  shoot (outbox, "outbox-dialog");

  /* Edit: another reason, then retry with it */
  button = find_button (group_a, "_Edit");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  gui_test_collect_widgets (group_a, ADW_TYPE_ENTRY_ROW, entry_rows);
  g_assert_cmpuint (entry_rows->len, ==, 1);
  g_assert_true (gtk_widget_get_visible (g_ptr_array_index (entry_rows, 0)));
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entry_rows, 0)), REASON);
  shoot (outbox, "outbox-edit");
  g_signal_emit_by_name (find_button (group_a, "_Retry"), "clicked");

  wait.context = context;
  wait.uid = uid_a;
  gui_test_wait_until (entry_gone, &wait, 60, "the edited cancellation to be sent");

  /* It reached Cal.com with the new reason, once, and left the outbox */
  server_a = fetch_server_booking (url, key, uid_a);
  g_assert_cmpstr (json_object_get_string_member (server_a, "status"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (server_a, "cancellationReason"), ==, REASON);
  calbook_context_sync_now (context, FALSE);
  gui_test_iterate_for (1500);
  g_assert_cmpuint (failures.failed_a, ==, 1);
  requeued = find_entry (context, uid_a);
  g_assert_null (requeued);

  /* Discard asks first; keeping it changes nothing */
  gui_test_wait_until (outbox_window_has_n, GUINT_TO_POINTER (1), 10, "Changes Not Sent with one entry");
  group_b = calbook_outbox_window_get_entry_widget (CALBOOK_OUTBOX_WINDOW (outbox), entry_b->id);
  g_signal_emit_by_name (find_button (group_b, "Discard"), "clicked");
  gui_test_wait_until (message_dialog_shown, NULL, 10, "the discard confirmation");
  dialog = gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "The change will be lost"));
  shoot (dialog, "outbox-discard");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  gtk_window_destroy (dialog);
  gui_test_iterate_for (200);
  g_clear_pointer (&requeued, calbook_outbox_entry_free);
  requeued = find_entry (context, uid_b);
  g_assert_nonnull (requeued);

  g_signal_emit_by_name (find_button (group_b, "Discard"), "clicked");
  gui_test_wait_until (message_dialog_shown, NULL, 10, "the discard confirmation");
  dialog = gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  gtk_window_destroy (dialog);

  wait.uid = uid_b;
  gui_test_wait_until (entry_gone, &wait, 10, "the discarded change to leave the outbox");
  g_assert_cmpuint (outbox_count (context), ==, 0);
  gui_test_wait_until (outbox_window_has_n, GUINT_TO_POINTER (0), 10, "an empty Changes Not Sent");
  g_assert_false (menu_has_item (get_primary_menu (window), "Changes _Not Sent (1)…"));
  g_assert_false (menu_has_item (get_primary_menu (window), "Changes _Not Sent (0)…"));

  /* The booking is as it was on Cal.com */
  server_b = fetch_server_booking (url, key, uid_b);
  g_assert_cmpstr (json_object_get_string_member (server_b, "status"), ==, "accepted");
  g_assert_cmpuint (failures.failed_b, ==, 1);

  gtk_window_destroy (outbox);
  g_signal_handlers_disconnect_by_data (context, &failures);
}

static GDateTime *
find_free_slot (const char     *url,
                const char     *key,
                CalbookBooking *booking)
{
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, 2);
  g_autoptr(GDateTime) end = g_date_time_add_days (now, 16);
  g_autoptr(JsonObject) days = NULL;
  g_autoptr(GList) names = NULL;
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { NULL };

  client = calbook_api_client_new (url, key, &error);
  g_assert_no_error (error);
  calbook_api_client_get_slots_async (client, calbook_booking_get_event_type_id (booking),
                                      start, end, "UTC", calbook_booking_get_uid (booking),
                                      NULL, on_async_done_cb, &wait);
  gui_test_wait_until (async_done, &wait, 60, "the free slots");
  days = calbook_api_client_get_slots_finish (client, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  names = g_list_sort (json_object_get_members (days), (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonArray *slots = json_object_get_array_member (days, l->data);

      if (json_array_get_length (slots) > 0)
        return g_date_time_new_from_iso8601 (
          json_object_get_string_member (json_array_get_object_element (slots, 0), "start"), NULL);
    }

  return NULL;
}

static gboolean
entry_failed (gpointer data)
{
  EntryWait *wait = data;
  g_autoptr(CalbookOutboxEntry) entry = find_entry (wait->context, wait->uid);

  return entry != NULL && entry->state == CALBOOK_OUTBOX_STATE_FAILED;
}

/* A move into the past is refused; another start time typed in goes out */
static void
check_reschedule_edit (CalbookApplication *app)
{
  CalbookContext *context = calbook_application_get_context (app);
  CalbookDemoServer *server = calbook_application_get_demo_server (app);
  const char *url = calbook_demo_server_get_url (server);
  const char *key = json_object_get_string_member (calbook_demo_server_find_account (server, TRUE),
                                                   "apiKey");
  g_autoptr(GPtrArray) own = find_own_upcoming (context);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) past = g_date_time_add_days (now, -2);
  g_autoptr(GDateTime) slot = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) moved = NULL;
  g_autoptr(JsonObject) fresh = NULL;
  g_autoptr(CalbookOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_autoptr(GDateTime) fresh_start = NULL;
  CalbookBooking *booking;
  GtkWindow *outbox;
  GtkWidget *group;
  EntryWait wait;

  g_assert_cmpuint (own->len, >=, 1);
  booking = g_ptr_array_index (own, 0);
  uid = g_strdup (calbook_booking_get_uid (booking));
  slot = find_free_slot (url, key, booking);
  g_assert_nonnull (slot);

  body = calbook_mutation_build_reschedule_body (past, "Moved by the office", NULL);
  g_assert_true (calbook_context_enqueue (context, CALBOOK_MUTATION_RESCHEDULE, uid, body, NULL,
                                          &error));
  g_assert_no_error (error);
  wait.context = context;
  wait.uid = uid;
  gui_test_wait_until (entry_failed, &wait, 60, "Cal.com to refuse the move into the past");
  entry = find_entry (context, uid);

  outbox = calbook_window_show_outbox (gui_test_get_window (app));
  g_assert_nonnull (outbox);
  gui_test_wait_until (outbox_window_has_n, GUINT_TO_POINTER (1), 10, "Changes Not Sent with the move");
  group = calbook_outbox_window_get_entry_widget (CALBOOK_OUTBOX_WINDOW (outbox), entry->id);
  g_assert_nonnull (find_label (group, "Move · "));
  g_signal_emit_by_name (find_button (group, "_Edit"), "clicked");
  gui_test_collect_widgets (group, ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 2);

  /* Prefilled with the refused time, in local time */
  local = g_date_time_to_local (past);
  date = g_date_time_format (local, "%Y-%m-%d");
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (rows, 0)), ==, date);

  /* A date that does not exist: said, and nothing is lost or sent */
  gtk_editable_set_text (g_ptr_array_index (rows, 0), "2026-13-40");
  g_signal_emit_by_name (find_button (group, "_Retry"), "clicked");
  gui_test_iterate_for (300);
  g_assert_nonnull (find_label (GTK_WIDGET (outbox), "That date or time does not exist"));
  g_clear_pointer (&entry, calbook_outbox_entry_free);
  entry = find_entry (context, uid);
  g_assert_cmpint (entry->state, ==, CALBOOK_OUTBOX_STATE_FAILED);
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (rows, 0)), ==, "2026-13-40");
  shoot (outbox, "outbox-reschedule-edit");

  /* A free slot */
  g_clear_pointer (&local, g_date_time_unref);
  g_clear_pointer (&date, g_free);
  local = g_date_time_to_local (slot);
  date = g_date_time_format (local, "%Y-%m-%d");
  time = g_date_time_format (local, "%H:%M");
  gtk_editable_set_text (g_ptr_array_index (rows, 0), date);
  gtk_editable_set_text (g_ptr_array_index (rows, 1), time);
  g_signal_emit_by_name (find_button (group, "_Retry"), "clicked");
  gui_test_wait_until (entry_gone, &wait, 60, "the edited move to be sent");

  moved = fetch_server_booking (url, key, uid);
  g_assert_cmpstr (json_object_get_string_member (moved, "status"), ==, "cancelled");
  g_assert_true (json_object_has_member (moved, "rescheduledToUid"));
  fresh = fetch_server_booking (url, key,
                                json_object_get_string_member (moved, "rescheduledToUid"));
  fresh_start = g_date_time_new_from_iso8601 (json_object_get_string_member (fresh, "start"), NULL);
  g_assert_cmpint (g_date_time_to_unix (fresh_start), ==, g_date_time_to_unix (slot));

  gtk_window_destroy (outbox);
}

static void
check_refused_then_edit (CalbookApplication *app)
{
  check_refused_changes (app);
  check_reschedule_edit (app);
}


/* A change Cal.com keeps failing on (5xx every time) */

/* Sends one request to the sandbox's test hooks and waits for it */
static char *
call_sandbox (const char *url,
              const char *method,
              const char *path,
              const char *body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { NULL };

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    on_async_done_cb, &wait);
  gui_test_wait_until (async_done, &wait, 30, "the sandbox's test hook");
  answer = soup_session_send_and_read_finish (session, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), <, 300);

  return g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

typedef struct
{
  CalbookOutboxEntry *entry;
  char               *reason;
} GivenUp;

static void
on_given_up_cb (CalbookContext     *context,
                CalbookOutboxEntry *entry,
                GError             *error,
                GivenUp            *given_up)
{
  g_clear_pointer (&given_up->entry, calbook_outbox_entry_free);
  g_free (given_up->reason);
  given_up->entry = calbook_outbox_entry_copy (entry);
  given_up->reason = g_strdup (error->message);
}

static gboolean
has_given_up (gpointer data)
{
  return ((GivenUp *) data)->entry != NULL;
}

static void
check_given_up_change (CalbookApplication *app)
{
  CalbookWindow *window = gui_test_get_window (app);
  CalbookContext *context = calbook_application_get_context (app);
  CalbookDemoServer *server = calbook_application_get_demo_server (app);
  const char *url = calbook_demo_server_get_url (server);
  const char *key = json_object_get_string_member (calbook_demo_server_find_account (server, TRUE),
                                                   "apiKey");
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) server_booking = NULL;
  g_autoptr(CalbookOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *path = NULL;
  g_autofree char *log = NULL;
  g_autofree char *expected = NULL;
  GivenUp given_up = { NULL, };
  EntryWait wait;
  GtkWindow *outbox;
  GtkWidget *group;

  own = find_own_upcoming (context);
  g_assert_cmpuint (own->len, >=, 1);
  uid = g_strdup (calbook_booking_get_uid (g_ptr_array_index (own, 0)));
  g_signal_connect (context, "mutation-failed", G_CALLBACK (on_given_up_cb), &given_up);

  /* Every change fails with a 500 (reads still work); waits are short here */
  calbook_outbox_set_backoff_base (calbook_context_get_outbox (context), 10);
  g_free (call_sandbox (url, "PATCH", "/_sandbox/settings",
                        "{\"faults\": \"500=1.0,on=writes\"}"));

  body = calbook_mutation_build_cancel_body ("Clinic closed", FALSE);
  g_assert_true (calbook_context_enqueue (context, CALBOOK_MUTATION_CANCEL, uid, body, NULL,
                                          &error));
  g_assert_no_error (error);
  gui_test_wait_until (has_given_up, &given_up, 60, "the outbox to give up on the change");

  /* Tried as often as allowed, then kept as FAILED with Cal.com's last word */
  g_assert_cmpstr (given_up.entry->booking_uid, ==, uid);
  g_assert_nonnull (strstr (given_up.reason, "6 times"));
  entry = find_entry (context, uid);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->state, ==, CALBOOK_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (entry->attempts, ==, CALBOOK_OUTBOX_MAX_ATTEMPTS);

  /* Changes Not Sent shows it, and why */
  outbox = calbook_window_show_outbox (window);
  g_assert_nonnull (outbox);
  gui_test_wait_until (outbox_window_has_n, GUINT_TO_POINTER (1), 10, "Changes Not Sent with the change");
  group = calbook_outbox_window_get_entry_widget (CALBOOK_OUTBOX_WINDOW (outbox), entry->id);
  g_assert_nonnull (group);
  g_assert_nonnull (find_label (group, "Cal.com kept failing"));
  g_assert_nonnull (find_label (group, "6 times"));
  shoot (outbox, "outbox-given-up");

  /* Cal.com works again: Retry sends it, once */
  g_free (call_sandbox (url, "PATCH", "/_sandbox/settings", "{\"faults\": null}"));
  g_signal_emit_by_name (find_button (group, "_Retry"), "clicked");
  wait.context = context;
  wait.uid = uid;
  gui_test_wait_until (entry_gone, &wait, 60, "the retried change to be sent");
  server_booking = fetch_server_booking (url, key, uid);
  g_assert_cmpstr (json_object_get_string_member (server_booking, "status"), ==, "cancelled");
  path = g_strdup_printf ("/_sandbox/mutations?requestId=%s", entry->client_request_id);
  log = call_sandbox (url, "GET", path, NULL);
  expected = g_strdup_printf ("\"byRequestId\":{\"%s\":1}", entry->client_request_id);
  g_assert_nonnull (strstr (log, expected));

  gtk_window_destroy (outbox);
  g_signal_handlers_disconnect_by_data (context, &given_up);
  g_clear_pointer (&given_up.entry, calbook_outbox_entry_free);
  g_clear_pointer (&given_up.reason, g_free);
}



/* A rejected key */

typedef struct
{
  CalbookDemoServer *server;
  CalbookAccount    *account;
  char              *right_key;
  char              *uid;
  char              *store_path;
  guint              n_before;
} KeyScenario;

static KeyScenario scenario;

static gboolean
needs_key (gpointer data)
{
  CalbookContext *context = calbook_application_get_context (data);

  return context != NULL && calbook_context_get_needs_key (context);
}

static gboolean
key_accepted_and_sent (gpointer data)
{
  CalbookContext *context = calbook_application_get_context (data);
  gboolean syncing = TRUE;

  if (context == NULL || calbook_context_get_needs_key (context))
    return FALSE;

  g_object_get (context, "syncing", &syncing, NULL);

  return !syncing && outbox_count (context) == 0;
}

static GtkWindow *
enter_key (const char *key)
{
  GtkWindow *dialog;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  gui_test_wait_until (message_dialog_shown, NULL, 10, "the key dialog");
  dialog = gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  gui_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 0)), key);

  return dialog;
}

static void
on_key_activate_cb (GApplication *app,
                    gpointer      user_data)
{
  CalbookApplication *self = CALBOOK_APPLICATION (app);
  CalbookWindow *window = gui_test_get_window (self);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) server_booking = NULL;
  g_autoptr(CalbookOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  CalbookContext *context;
  GtkButton *button;
  GtkWindow *dialog;
  gboolean syncing = TRUE;

  /* The key in the keyring no longer works: the window says so, and keeps
   * showing what it has */
  gui_test_wait_until (needs_key, self, 60, "the key to be rejected");
  context = calbook_application_get_context (self);
  g_assert_cmpstr (calbook_window_get_visible_page (window), ==, "bookings");
  g_assert_cmpstr (gtk_label_get_text (calbook_window_get_banner_label (window)), ==,
                   "The API key was rejected — enter a new one");
  button = calbook_window_get_banner_button (window);
  g_assert_cmpstr (gtk_button_get_label (button), ==, "_Enter Key…");
  g_assert_cmpuint (count_all (context), ==, scenario.n_before);

  /* A change made meanwhile waits; nothing is sent with the rejected key */
  body = calbook_mutation_build_cancel_body ("Called in sick", FALSE);
  g_assert_true (calbook_context_enqueue (context, CALBOOK_MUTATION_CANCEL, scenario.uid,
                                          body, NULL, &error));
  g_assert_no_error (error);
  calbook_context_sync_now (context, FALSE);
  gui_test_iterate_for (1000);
  g_object_get (context, "syncing", &syncing, NULL);
  g_assert_false (syncing);
  entry = find_entry (context, scenario.uid);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->state, ==, CALBOOK_OUTBOX_STATE_QUEUED);
  g_assert_cmpuint (entry->attempts, ==, 0);
  shoot (GTK_WINDOW (window), "needs-key-banner");

  /* Another wrong key: asked again, with the reason */
  g_signal_emit_by_name (button, "clicked");
  dialog = enter_key ("cal_test_stillwrong00000000000000000000");
  shoot (dialog, "needs-key-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  gtk_window_destroy (dialog);
  gui_test_wait_until (message_dialog_shown, NULL, 60, "the key dialog again");
  dialog = gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "rejected"));
  shoot (dialog, "needs-key-dialog-error");
  g_assert_true (calbook_context_get_needs_key (context));

  /* The right key: same context, same store, and the change goes out */
  dialog = enter_key (scenario.right_key);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  gtk_window_destroy (dialog);
  gui_test_wait_until (key_accepted_and_sent, self, 90, "the sync to go on with the new key");

  g_assert_true (calbook_application_get_context (self) == context);
  g_assert_cmpstr (calbook_store_get_path (calbook_context_get_store (context)), ==,
                   scenario.store_path);
  g_assert_cmpuint (count_all (context), >=, scenario.n_before);
  g_assert_false (gtk_revealer_get_reveal_child (
    GTK_REVEALER (gtk_widget_get_ancestor (GTK_WIDGET (calbook_window_get_banner_label (window)),
                                           GTK_TYPE_REVEALER))));

  server_booking = fetch_server_booking (calbook_demo_server_get_url (scenario.server),
                                         scenario.right_key, scenario.uid);
  g_assert_cmpstr (json_object_get_string_member (server_booking, "status"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (server_booking, "cancellationReason"), ==,
                   "Called in sick");
  shoot (GTK_WINDOW (window), "needs-key-resumed");

  g_application_quit (app);
}

static void
on_server_started_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  calbook_demo_server_start_finish (CALBOOK_DEMO_SERVER (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
context_synced (gpointer data)
{
  CalbookContext *context = data;
  gboolean syncing = TRUE;

  g_object_get (context, "syncing", &syncing, NULL);

  return !syncing && count_all (context) > 0;
}


/* Tests */

static void
run_in_subprocess (void)
{
  g_test_trap_subprocess (NULL, 240 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_refused (void)
{
  gui_test_run_demo (check_refused_then_edit);
}

static void
test_given_up (void)
{
  gui_test_run_demo (check_given_up_change);
}

static void
test_rejected_key (void)
{
  g_autoptr(CalbookApplication) app = NULL;
  g_autoptr(CalbookSecretStore) secret_store = NULL;
  g_autoptr(CalbookContext) context = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  const char *argv[] = { "calbook", NULL };
  AsyncWait wait = { NULL };
  gboolean started = FALSE;
  JsonObject *admin;

  if (!g_test_subprocess ())
    {
      run_in_subprocess ();
      return;
    }

  db_path = g_build_filename (g_get_home_dir (), "key-sandbox.sqlite3", NULL);
  scenario.server = calbook_demo_server_new (db_path, 240);
  calbook_demo_server_start_async (scenario.server, NULL, on_server_started_cb, &started);
  gui_test_wait_until (gui_test_is_true, &started, 30, "the test's sandbox");
  admin = calbook_demo_server_find_account (scenario.server, TRUE);
  scenario.right_key = g_strdup (json_object_get_string_member (admin, "apiKey"));

  /* Signed in earlier, as the welcome page does */
  calbook_account_sign_in_async (calbook_demo_server_get_url (scenario.server), scenario.right_key,
                                 NULL, on_async_done_cb, &wait);
  gui_test_wait_until (async_done, &wait, 60, "the sign-in");
  scenario.account = calbook_account_sign_in_finish (wait.result, &error);
  g_clear_object (&wait.result);
  if (g_error_matches (error, CALBOOK_SECRET_ERROR, CALBOOK_SECRET_ERROR_NO_KEYRING))
    {
      g_test_skip ("no Secret Service on the session bus");
      return;
    }
  g_assert_no_error (error);

  settings = g_settings_new ("io.github.calbook.Calbook");
  g_settings_set_string (settings, "base-url", calbook_account_get_base_url (scenario.account));

  /* ... and synced: the store holds the bookings */
  scenario.store_path = calbook_account_dup_store_path (scenario.account);
  context = calbook_context_new (scenario.account, scenario.right_key, scenario.store_path, &error);
  g_assert_no_error (error);
  calbook_context_sync_now (context, FALSE);
  gui_test_wait_until (context_synced, context, 90, "the first sync");
  scenario.n_before = count_all (context);
  own = find_own_upcoming (context);
  g_assert_cmpuint (own->len, >=, 1);
  scenario.uid = g_strdup (calbook_booking_get_uid (g_ptr_array_index (own, 0)));
  g_clear_object (&context);

  /* Then the key was revoked on Cal.com: the keyring holds one that fails */
  secret_store = calbook_secret_store_new ();
  calbook_secret_store_store_async (secret_store, calbook_account_get_base_url (scenario.account),
                                    WRONG_KEY, NULL, on_async_done_cb, &wait);
  gui_test_wait_until (async_done, &wait, 30, "the keyring");
  g_assert_true (calbook_secret_store_store_finish (secret_store, wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  app = calbook_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_key_activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, (char **) argv), ==, 0);

  /* The new key is the one kept */
  calbook_secret_store_lookup_async (secret_store, calbook_account_get_base_url (scenario.account),
                                     NULL, on_async_done_cb, &wait);
  gui_test_wait_until (async_done, &wait, 30, "the keyring lookup");
  {
    g_autofree char *kept = calbook_secret_store_lookup_finish (secret_store, wait.result, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (kept, ==, scenario.right_key);
  }
  g_clear_object (&wait.result);

  calbook_demo_server_stop (scenario.server);
  g_clear_object (&scenario.server);
  g_clear_object (&scenario.account);
  g_clear_pointer (&scenario.right_key, g_free);
  g_clear_pointer (&scenario.uid, g_free);
  g_clear_pointer (&scenario.store_path, g_free);
}


int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  int status;

  if (!gui_test_prepare (&argc, &argv, "calbook-test-outbox-XXXXXX", &own_home))
    return 77;

  g_test_add_func ("/gui/outbox/refused-change", test_refused);
  g_test_add_func ("/gui/outbox/rejected-key", test_rejected_key);
  g_test_add_func ("/gui/outbox/given-up-change", test_given_up);

  status = g_test_run ();

  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
