/* test-booking-actions.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <json-glib/json-glib.h>

#include "gui-test-util.h"
#include "calbook-application-private.h"
#include "calbook-booking-actions.h"
#include "calbook-booking-details.h"
#include "calbook-cancel-dialog.h"
#include "calbook-decline-dialog.h"
#include "calbook-demo-server.h"
#include "calbook-guests-dialog.h"
#include "calbook-location-dialog.h"
#include "calbook-new-booking-dialog.h"
#include "calbook-no-show-dialog.h"
#include "calbook-slot-picker.h"
#include "calbook-window-private.h"

/*
 * Every booking action, end to end under a real X server: `calbook --demo`
 * (sandbox over HTTP → sync → store → window), the action activated on the
 * details as a click would, its dialog answered, and then what the store
 * AND the sandbox hold. Each scenario runs the application in a
 * subprocess of its own.
 *
 * With CALBOOK_TEST_SHOTS=DIR, screenshots (light and dark) go to DIR.
 */

#define REASON "Room <b>flooded</b> & closed"

typedef gboolean (*Predicate) (gpointer data);
typedef void (*Scenario) (CalbookApplication *app);

static Scenario current_scenario;

/* Auxiliary methods */

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

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

static void
iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static CalbookWindow *
get_window (CalbookApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CALBOOK_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static GPtrArray *
all_bookings (CalbookContext *context)
{
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *bookings;

  filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
  bookings = calbook_store_query_bookings (calbook_context_get_store (context), filter, 0, 5000,
                                           &error);
  g_assert_no_error (error);

  return bookings;
}

static gboolean
is_synced (gpointer data)
{
  CalbookApplication *app = data;
  CalbookContext *context = calbook_application_get_context (app);
  g_autoptr(GPtrArray) bookings = NULL;
  gboolean syncing = TRUE;

  if (context == NULL || get_window (app) == NULL)
    return FALSE;

  g_object_get (context, "syncing", &syncing, NULL);
  if (syncing)
    return FALSE;

  bookings = all_bookings (context);

  return bookings->len > 0;
}

static guint
outbox_count (CalbookContext *context)
{
  guint n = 0;

  g_object_get (context, "outbox-count", &n, NULL);

  return n;
}

static gboolean
outbox_empty (gpointer data)
{
  return outbox_count (data) == 0;
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
toplevel_shown (gpointer data)
{
  GtkWindow *window = find_toplevel (GPOINTER_TO_SIZE (data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static GtkWindow *
wait_for_dialog (GType type)
{
  wait_until (toplevel_shown, GSIZE_TO_POINTER (type), 20, g_type_name (type));
  iterate_for (300);

  return find_toplevel (type);
}

/* The visible label texts under @widget, joined by newlines */
static char *
visible_text (GtkWidget *widget)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  collect (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_is_drawable (g_ptr_array_index (labels, i)))
      g_string_append_printf (text, "%s\n", gtk_label_get_text (g_ptr_array_index (labels, i)));

  return g_string_free (g_steal_pointer (&text), FALSE);
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
      iterate_for (700);
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
  ((AsyncWait *) user_data)->result = g_object_ref (result);
}

static gboolean
async_done (gpointer data)
{
  return ((AsyncWait *) data)->result != NULL;
}

static CalbookApiClient *
new_admin_client (CalbookApplication *app)
{
  CalbookDemoServer *server = calbook_application_get_demo_server (app);
  JsonObject *admin = calbook_demo_server_find_account (server, TRUE);
  g_autoptr(GError) error = NULL;
  CalbookApiClient *client;

  client = calbook_api_client_new (calbook_demo_server_get_url (server),
                                   json_object_get_string_member (admin, "apiKey"), &error);
  g_assert_no_error (error);

  return client;
}

/* The booking as the sandbox (Cal.com) has it now: an object, or an array for a series */
static JsonNode *
fetch_server (CalbookApplication *app,
              const char         *uid)
{
  g_autoptr(CalbookApiClient) client = new_admin_client (app);
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { NULL };
  JsonNode *node;

  calbook_api_client_get_booking_async (client, uid, NULL, on_async_done_cb, &wait);
  wait_until (async_done, &wait, 60, "the booking from the sandbox");
  node = calbook_api_client_get_booking_finish (client, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  return node;
}

static JsonObject *
fetch_server_booking (CalbookApplication *app,
                      const char         *uid)
{
  g_autoptr(JsonNode) node = fetch_server (app, uid);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

static CalbookBooking *
store_booking (CalbookApplication *app,
               const char         *uid)
{
  CalbookContext *context = calbook_application_get_context (app);

  return calbook_store_get_booking (calbook_context_get_store (context), uid, NULL);
}

typedef gboolean (*BookingTest) (CalbookBooking *booking,
                                 gint64          user_id);

/* The first of the signed-in person's bookings that passes @test */
static CalbookBooking *
find_booking (CalbookApplication *app,
              BookingTest         test)
{
  CalbookContext *context = calbook_application_get_context (app);
  gint64 user_id = calbook_account_get_user_id (calbook_context_get_account (context));
  g_autoptr(GPtrArray) bookings = all_bookings (context);

  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);

      if (calbook_booking_has_host (booking, user_id) && test (booking, user_id))
        return g_object_ref (booking);
    }

  return NULL;
}

static CalbookBookingDetails *
show_booking (CalbookApplication *app,
              CalbookBooking     *booking)
{
  CalbookWindow *window = get_window (app);

  calbook_window_show_booking (window, calbook_booking_get_uid (booking));
  iterate_for (300);
  g_assert_true (calbook_booking_details_get_booking (calbook_window_get_details (window)) != NULL);

  return calbook_window_get_details (window);
}

typedef struct
{
  CalbookApplication *app;
  const char         *uid;
  const char         *api_status;
} StatusWait;

static gboolean
store_has_status (gpointer data)
{
  StatusWait *wait = data;
  g_autoptr(CalbookBooking) booking = store_booking (wait->app, wait->uid);

  return booking != NULL && g_strcmp0 (calbook_booking_get_api_status (booking), wait->api_status) == 0;
}

static void
wait_sent (CalbookApplication *app)
{
  wait_until (outbox_empty, calbook_application_get_context (app), 60,
              "the change to reach the sandbox");
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Scenarios */

static gboolean
is_upcoming_confirmed_single (CalbookBooking *booking,
                              gint64          user_id)
{
  return calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_CONFIRMED &&
         calbook_booking_get_start (booking) > now_seconds () + 3600 &&
         calbook_booking_get_recurring_booking_uid (booking) == NULL &&
         calbook_booking_get_attendees (booking)->len > 0;
}

static gboolean
is_upcoming_pending_single (CalbookBooking *booking,
                            gint64          user_id)
{
  return calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_PENDING &&
         calbook_booking_get_start (booking) > now_seconds () + 3600 &&
         calbook_booking_get_recurring_booking_uid (booking) == NULL;
}

/* The details read like a card: the client first, no raw ids, the menu */
static void
check_details (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) booking = find_booking (app, is_upcoming_confirmed_single);
  CalbookBookingDetails *details;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  const CalbookPerson *client;

  g_assert_nonnull (booking);
  details = show_booking (app, booking);
  text = visible_text (GTK_WIDGET (details));
  client = g_ptr_array_index (calbook_booking_get_attendees (booking), 0);

  /* The client's name leads; raw ids are only behind "Copy ID" */
  g_assert_true (g_str_has_prefix (text, calbook_person_get_label (client)));
  g_assert_null (strstr (text, calbook_booking_get_uid (booking)));
  id = g_strdup_printf ("%" G_GINT64_FORMAT, calbook_booking_get_id (booking));
  g_assert_null (strstr (text, id));

  /* What can be done now is enabled; what Cal.com would refuse is not */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.copy-id", NULL));
  g_assert_false (calbook_booking_actions_is_enabled (booking, "confirm"));
  g_assert_false (calbook_booking_actions_is_enabled (booking, "mark-no-show"));
  g_assert_true (calbook_booking_actions_is_enabled (booking, "cancel"));
  g_assert_true (calbook_booking_actions_is_enabled (booking, "reschedule"));

  shoot (GTK_WINDOW (get_window (app)), "details");
}

static void
check_confirm (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) booking = find_booking (app, is_upcoming_pending_single);
  g_autoptr(JsonObject) server = NULL;
  CalbookBookingDetails *details;
  StatusWait wait;

  g_assert_nonnull (booking);
  details = show_booking (app, booking);
  shoot (GTK_WINDOW (get_window (app)), "details-pending");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.confirm", NULL));
  wait_sent (app);

  wait = (StatusWait) { app, calbook_booking_get_uid (booking), "accepted" };
  wait_until (store_has_status, &wait, 30, "the store to hold the confirmed booking");
  server = fetch_server_booking (app, calbook_booking_get_uid (booking));
  g_assert_cmpstr (json_object_get_string_member (server, "status"), ==, "accepted");
}

static void
check_decline (CalbookApplication *app)
{
  g_autoptr(CalbookBooking) booking = find_booking (app, is_upcoming_pending_single);
  g_autoptr(JsonObject) server = NULL;
  CalbookBookingDetails *details;
  GtkWindow *dialog;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  StatusWait wait;

  g_assert_nonnull (booking);
  details = show_booking (app, booking);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "booking.decline", NULL));
  dialog = wait_for_dialog (CALBOOK_TYPE_DECLINE_DIALOG);
  collect (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  gtk_editable_set_text (g_ptr_array_index (rows, 0), REASON);
  shoot (dialog, "decline-dialog");

  /* Nothing is sent before the answer */
  g_assert_cmpuint (outbox_count (calbook_application_get_context (app)), ==, 0);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "decline");
  wait_sent (app);

  wait = (StatusWait) { app, calbook_booking_get_uid (booking), "rejected" };
  wait_until (store_has_status, &wait, 30, "the store to hold the declined booking");
  server = fetch_server_booking (app, calbook_booking_get_uid (booking));
  g_assert_cmpstr (json_object_get_string_member (server, "status"), ==, "rejected");
}

static void
on_demo_activate_cb (GApplication *app,
                     gpointer      user_data)
{
  wait_until (is_synced, app, 120, "the first sync of the demo");
  current_scenario (CALBOOK_APPLICATION (app));
  g_application_quit (app);
}

static void
run_scenario (Scenario scenario)
{
  g_autoptr(CalbookApplication) app = NULL;
  const char *argv[] = { "calbook", "--demo", NULL };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 240 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  current_scenario = scenario;
  app = calbook_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_demo_activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 2, (char **) argv), ==, 0);
}

#define SCENARIO(name, function) \
  static void test_##function (void) { run_scenario (function); }

SCENARIO ("details", check_details)
SCENARIO ("confirm", check_confirm)
SCENARIO ("decline", check_decline)

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  int status;

  if (!gui_test_prepare (&argc, &argv, "calbook-test-booking-XXXXXX", &own_home))
    return 77;

  g_test_add_func ("/gui/booking/details", test_check_details);
  g_test_add_func ("/gui/booking/confirm", test_check_confirm);
  g_test_add_func ("/gui/booking/decline-with-reason", test_check_decline);

  status = g_test_run ();

  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
