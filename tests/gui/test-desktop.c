/* test-desktop.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/wait.h>

#include "gui-test-util.h"
#include "calbook-application-private.h"
#include "calbook-demo-server.h"
#include "calbook-error.h"
#include "calbook-format.h"
#include "calbook-window-private.h"

/*
 * Calbook as a citizen of the desktop, over the real session bus: GNOME
 * Shell's search provider, a notification button that starts Calbook by
 * D-Bus activation, one instance only, the command line, the app icon.
 * Each case runs in a subprocess of its own with its own sandbox, signed
 * in as a staff member with the key in the (real) keyring.
 */

#define SEARCH_INTERFACE "org.gnome.Shell.SearchProvider2"
#define SEARCH_PATH "/io/github/calbook/Calbook/SearchProvider"
#define APP_PATH "/io/github/calbook/Calbook"

typedef struct
{
  CalbookDemoServer *server;
  CalbookAccount    *account;
  char              *api_key;
  gboolean           started;
  gboolean           done;
  GError            *error;
} Fixture;

typedef struct
{
  GVariant *reply;
  GError   *error;
  gboolean  done;
} CallResult;

static Fixture fixture;
static guint n_activations;

/* Auxiliary methods */

static gboolean
on_pause_done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
pause_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_pause_done_cb, &done);
  gui_test_wait_until (gui_test_is_true, &done, 60, "a pause");
}

static const char *
calbook_program (void)
{
  static char *path;

  if (path == NULL)
    path = g_build_filename (g_getenv ("CALBOOK_BUILD_DIR"), "src", "gui", "calbook", NULL);

  return path;
}

static void
on_server_started_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (calbook_demo_server_start_finish (CALBOOK_DEMO_SERVER (source), result, &error));
  g_assert_no_error (error);
  fixture.started = TRUE;
}

static void
on_sign_in_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  fixture.account = calbook_account_sign_in_finish (result, &fixture.error);
  fixture.done = TRUE;
}

static gboolean
server_started (gpointer data)
{
  return fixture.started;
}

/* A sandbox, and a staff member signed in to it as the welcome page does
 * (profile remembered, key in the keyring). FALSE: no keyring, skipped. */
static gboolean
sign_in_to_sandbox (const char *name)
{
  g_autofree char *db_path = g_strdup_printf ("%s/%s-sandbox.sqlite3", g_get_home_dir (), name);
  JsonObject *member;

  fixture.server = calbook_demo_server_new (db_path, 0);
  calbook_demo_server_start_async (fixture.server, NULL, on_server_started_cb, NULL);
  gui_test_wait_until (server_started, NULL, 60, "the sandbox");

  member = calbook_demo_server_find_account (fixture.server, FALSE);
  g_assert_nonnull (member);
  fixture.api_key = g_strdup (json_object_get_string_member (member, "apiKey"));

  calbook_account_sign_in_async (calbook_demo_server_get_url (fixture.server), fixture.api_key,
                                 NULL, on_sign_in_cb, NULL);
  gui_test_wait_until (gui_test_is_true, &fixture.done, 60, "the sign-in");
  if (g_error_matches (fixture.error, CALBOOK_SECRET_ERROR, CALBOOK_SECRET_ERROR_NO_KEYRING))
    {
      g_test_skip ("no Secret Service on the session bus");
      return FALSE;
    }
  g_assert_no_error (fixture.error);

  return TRUE;
}

static gboolean
context_synced (gpointer data)
{
  CalbookContext *context = data;
  gboolean syncing = TRUE;
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();

  g_object_get (context, "syncing", &syncing, NULL);

  return !syncing && calbook_store_count_bookings (calbook_context_get_store (context),
                                                   filter, NULL) > 0;
}

/* Fills the account's store the way Calbook does, then closes it */
static void
sync_store_once (void)
{
  g_autoptr(CalbookContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = calbook_account_dup_store_path (fixture.account);

  context = calbook_context_new (fixture.account, fixture.api_key, store_path, &error);
  g_assert_no_error (error);
  calbook_context_sync_now (context, TRUE);
  gui_test_wait_until (context_synced, context, 120, "the first sync");
}

static void
fixture_clear (void)
{
  if (fixture.server != NULL)
    calbook_demo_server_stop (fixture.server);
  g_clear_object (&fixture.server);
  g_clear_object (&fixture.account);
  g_clear_pointer (&fixture.api_key, g_free);
  g_clear_error (&fixture.error);
}

static void
on_call_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CallResult *call = user_data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &call->error);
  call->done = TRUE;
}

/* A connection of its own, as GNOME Shell has: the app under test answers
 * on the shared one in this process's main loop */
static GDBusConnection *
connect_like_the_shell (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  GDBusConnection *connection;

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (
    address,
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);

  return connection;
}

/* Calls a method and iterates the main loop until the answer is in */
static GVariant *
call (GDBusConnection    *connection,
      const char         *path,
      const char         *interface,
      const char         *method,
      GVariant           *parameters,
      const GVariantType *reply_type)
{
  CallResult result = { NULL, NULL, FALSE };
  g_autofree char *what = g_strdup_printf ("the answer to %s", method);

  g_dbus_connection_call (connection, APPLICATION_ID, path, interface, method, parameters,
                          reply_type, G_DBUS_CALL_FLAGS_NONE, 60000, NULL,
                          on_call_done_cb, &result);
  gui_test_wait_until (gui_test_is_true, &result.done, 90, what);
  g_assert_no_error (result.error);

  return result.reply;
}

static char **
search (GDBusConnection *connection,
        const char      *terms)
{
  g_auto(GStrv) words = g_strsplit (terms, " ", -1);
  g_autoptr(GVariant) reply = NULL;
  char **results = NULL;

  reply = call (connection, SEARCH_PATH, SEARCH_INTERFACE, "GetInitialResultSet",
                g_variant_new ("(^as)", words), G_VARIANT_TYPE ("(as)"));
  g_variant_get (reply, "(^as)", &results);

  return results;
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *h = haystack != NULL ? g_utf8_casefold (haystack, -1) : NULL;
  g_autofree char *n = g_utf8_casefold (needle, -1);

  return h != NULL && strstr (h, n) != NULL;
}

static gboolean
person_matches (GPtrArray  *people,
                const char *word)
{
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      CalbookPerson *person = g_ptr_array_index (people, i);

      if (contains_casefold (person->name, word) ||
          contains_casefold (person->email, word))
        return TRUE;
    }

  return FALSE;
}

/* The soonest coming, not cancelled booking of the user, with an attendee */
static CalbookBooking *
find_coming_booking (CalbookStore *store,
                     gint64        user_id,
                     guint         status_mask)
{
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;

  filter->user_id = user_id;
  filter->status_mask = status_mask;
  filter->range_start = g_get_real_time () / G_USEC_PER_SEC;
  filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
  bookings = calbook_store_query_bookings (store, filter, 0, 200, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);
      GPtrArray *attendees = calbook_booking_get_attendees (booking);

      if (attendees != NULL && attendees->len > 0 &&
          ((CalbookPerson *) g_ptr_array_index (attendees, 0))->name != NULL)
        return g_object_ref (booking);
    }

  return NULL;
}

static gboolean
app_synced (gpointer data)
{
  CalbookContext *context = calbook_application_get_context (data);

  return context != NULL && context_synced (context);
}

typedef struct
{
  CalbookWindow *window;
  const char    *uid;
} ShownBooking;

static gboolean
window_shows_booking (gpointer data)
{
  ShownBooking *shown = data;
  CalbookBooking *booking = calbook_booking_details_get_booking (
    calbook_window_get_details (shown->window));

  return booking != NULL && g_strcmp0 (calbook_booking_get_uid (booking), shown->uid) == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (shown->window));
}

/* Runs the application in this process, signed in to the fixture's sandbox */
static void
run_app (GCallback on_activate)
{
  g_autoptr(CalbookApplication) app = calbook_application_new ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.calbook.Calbook");
  const char *argv[] = { "calbook", NULL };

  g_settings_set_string (settings, "base-url", calbook_account_get_base_url (fixture.account));

  g_signal_connect_after (app, "activate", on_activate, NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, (char **) argv), ==, 0);
}


static gboolean
name_has_owner (GDBusConnection *connection)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", APPLICATION_ID),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

static gboolean
name_is_gone (gpointer data)
{
  return !name_has_owner (data);
}

/*
 * Makes Calbook D-Bus activatable on the private session bus, as the
 * installed data/…service file does, but for the build: the service starts
 * the built program with this test's folders and settings.
 */
static void
install_service_file (GDBusConnection *connection)
{
  const char *bus_data_home = g_getenv ("CALBOOK_TEST_BUS_DATA_HOME");
  g_autofree char *dir = g_build_filename (bus_data_home, "dbus-1", "services", NULL);
  g_autofree char *file = g_strdup_printf ("%s/%s.service", dir, APPLICATION_ID);
  g_autofree char *schema_dir = g_build_filename (g_getenv ("CALBOOK_BUILD_DIR"), "data", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  contents = g_strdup_printf ("[D-BUS Service]\n"
                              "Name=%s\n"
                              "Exec=/usr/bin/env HOME=%s XDG_DATA_HOME=%s XDG_CONFIG_HOME=%s "
                              "XDG_CACHE_HOME=%s TMPDIR=%s GSETTINGS_BACKEND=keyfile "
                              "GSETTINGS_SCHEMA_DIR=%s DISPLAY=%s GDK_BACKEND=x11 "
                              "GSK_RENDERER=cairo %s --gapplication-service\n",
                              APPLICATION_ID, g_get_home_dir (), g_get_user_data_dir (),
                              g_get_user_config_dir (), g_get_user_cache_dir (), g_get_tmp_dir (),
                              schema_dir, g_getenv ("DISPLAY"), calbook_program ());

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, contents, -1, &error));
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "ReloadConfig", NULL, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_service_file (void)
{
  g_autofree char *file = g_strdup_printf ("%s/dbus-1/services/%s.service",
                                           g_getenv ("CALBOOK_TEST_BUS_DATA_HOME"),
                                           APPLICATION_ID);

  g_unlink (file);
}

/* The settings a D-Bus-started Calbook reads (the keyfile backend) */
static void
remember_base_url_in_keyfile (void)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings",
                                            "keyfile", NULL);
  g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (path, "/", NULL);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                            "io.github.calbook.Calbook", TRUE);
  g_assert_nonnull (schema);
  settings = g_settings_new_full (schema, backend, NULL);
  g_settings_set_string (settings, "base-url", calbook_account_get_base_url (fixture.account));
  g_settings_sync ();
}

typedef struct
{
  JsonNode *data;
  GError   *error;
  gboolean  done;
} FetchResult;

static void
on_booking_fetched_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  FetchResult *fetch = user_data;

  fetch->data = calbook_api_client_get_booking_finish (CALBOOK_API_CLIENT (source), result,
                                                       &fetch->error);
  fetch->done = TRUE;
}

/* The booking's status as Cal.com (the sandbox) has it now */
static char *
fetch_status (const char *uid)
{
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(GError) error = NULL;
  FetchResult fetch = { NULL, NULL, FALSE };
  char *status;

  client = calbook_api_client_new (calbook_demo_server_get_url (fixture.server), fixture.api_key,
                                   &error);
  g_assert_no_error (error);
  calbook_api_client_get_booking_async (client, uid, NULL, on_booking_fetched_cb, &fetch);
  gui_test_wait_until (gui_test_is_true, &fetch.done, 60, "the booking from the sandbox");
  g_assert_no_error (fetch.error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (fetch.data));
  status = g_strdup (json_object_get_string_member (json_node_get_object (fetch.data), "status"));
  json_node_unref (fetch.data);

  return status;
}

/* Asks the sandbox until Cal.com has the booking accepted; fails after @seconds */
static void
wait_until_accepted (const char *uid,
                     guint       seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *status = fetch_status (uid);

      if (g_strcmp0 (status, "accepted") == 0)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("The booking is still “%s” on Cal.com after %u s", status, seconds);

      /* Asked again shortly: the change goes out once the started app has
       * opened the account */
      pause_ms (250);
    }
}

/* Callbacks */

static char *searched_client;

static gboolean
window_searches_client (gpointer data)
{
  GtkSearchEntry *entry = calbook_window_get_search_entry (data);

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), searched_client) == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (entry));
}

static void
on_search_activate_cb (GApplication *app,
                       gpointer      user_data)
{
  CalbookApplication *self = CALBOOK_APPLICATION (app);
  g_autoptr(GDBusConnection) shell = connect_like_the_shell ();
  g_autoptr(CalbookBooking) wanted = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_auto(GStrv) results = NULL;
  g_auto(GStrv) nothing = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *client = NULL;
  CalbookContext *context;
  CalbookStore *store;
  GVariantIter *iter = NULL;
  GVariant *meta;
  ShownBooking shown;
  gint64 user_id;
  gint64 last_start = 0;
  gboolean coming = TRUE;
  guint n_metas = 0;
  g_autoptr(CalbookBookingFilter) own = calbook_booking_filter_new ();

  n_activations++;
  if (n_activations > 1)
    return;

  gui_test_wait_until (app_synced, app, 120, "the app's first sync");
  context = calbook_application_get_context (self);
  store = calbook_context_get_store (context);
  user_id = calbook_account_get_user_id (calbook_context_get_account (context));
  own->user_id = user_id;
  calbook_booking_filter_set_user_email (
    own, calbook_account_get_email (calbook_context_get_account (context)));

  wanted = find_coming_booking (store, user_id,
                                CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CONFIRMED) |
                                CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING));
  g_assert_nonnull (wanted);
  client = g_strdup (((CalbookPerson *)
                      g_ptr_array_index (calbook_booking_get_attendees (wanted), 0))->name);
  words = g_strsplit (client, " ", -1);
  searched_client = g_strjoinv (" ", words);

  /* Typing the client's name finds their booking, soonest first */
  results = search (shell, client);
  g_assert_nonnull (results);
  g_assert_cmpuint (g_strv_length (results), >, 0);
  g_assert_cmpuint (g_strv_length (results), <=, 10);
  g_assert_true (g_strv_contains ((const char * const *) results,
                                  calbook_booking_get_uid (wanted)));

  for (guint i = 0; results[i] != NULL; i++)
    {
      g_autoptr(CalbookBooking) found = calbook_store_get_booking (store, results[i], NULL);
      CalbookBookingStatus status;
      gint64 start;

      g_assert_nonnull (found);
      status = calbook_booking_get_status (found);
      g_assert_true (status != CALBOOK_BOOKING_STATUS_CANCELLED &&
                     status != CALBOOK_BOOKING_STATUS_RESCHEDULED &&
                     status != CALBOOK_BOOKING_STATUS_DECLINED);
      g_assert_true (calbook_booking_filter_matches (own, found));

      /* Every word of the name is in the booking somewhere a person looks */
      for (guint w = 0; words[w] != NULL; w++)
        g_assert_true (contains_casefold (calbook_booking_get_title (found), words[w]) ||
                       person_matches (calbook_booking_get_attendees (found), words[w]) ||
                       person_matches (calbook_booking_get_guests (found), words[w]) ||
                       person_matches (calbook_booking_get_hosts (found), words[w]) ||
                       contains_casefold (calbook_booking_get_description (found), words[w]) ||
                       contains_casefold (calbook_booking_get_notes (found), words[w]));

      /* Coming ones first, soonest first; then past ones, latest first */
      start = calbook_booking_get_end (found) > g_get_real_time () / G_USEC_PER_SEC
                ? calbook_booking_get_start (found) : -calbook_booking_get_start (found);
      if (start < 0)
        coming = FALSE;
      else
        g_assert_true (coming);
      if (i > 0 && (start < 0) == (last_start < 0))
        g_assert_cmpint (start, >=, last_start);
      last_start = start;
    }

  /* Narrowing the search keeps to the same rule */
  {
    g_autoptr(GVariant) reply = NULL;
    g_auto(GStrv) narrowed = NULL;

    reply = call (shell, SEARCH_PATH, SEARCH_INTERFACE, "GetSubsearchResultSet",
                  g_variant_new ("(^as^as)", results, words), G_VARIANT_TYPE ("(as)"));
    g_variant_get (reply, "(^as)", &narrowed);
    g_assert_cmpstrv (narrowed, results);
  }

  /* A name nobody has finds nothing */
  nothing = search (shell, "Zyxwvutsrq");
  g_assert_cmpuint (g_strv_length (nothing), ==, 0);

  /* Titles and times for what was found */
  metas = call (shell, SEARCH_PATH, SEARCH_INTERFACE, "GetResultMetas",
                g_variant_new ("(^as)", results), G_VARIANT_TYPE ("(aa{sv})"));
  g_variant_get (metas, "(aa{sv})", &iter);
  while ((meta = g_variant_iter_next_value (iter)) != NULL)
    {
      g_autoptr(GVariantDict) dict = g_variant_dict_new (meta);
      g_autoptr(CalbookBooking) booking = NULL;
      const char *id = NULL;
      const char *name = NULL;
      const char *description = NULL;
      CalbookPerson *client_person;
      g_autofree char *event_type = NULL;

      g_assert_true (g_variant_dict_lookup (dict, "id", "&s", &id));
      g_assert_true (g_variant_dict_lookup (dict, "name", "&s", &name));
      g_assert_true (g_variant_dict_lookup (dict, "description", "&s", &description));
      g_assert_true (g_variant_dict_contains (dict, "gicon"));
      g_assert_cmpstr (id, ==, results[n_metas]);
      booking = calbook_store_get_booking (store, id, NULL);
      /* Led by the client, as the window's rows are; then what and when
       * (not Cal.com's long "… between <host> and <client>" title) */
      client_person = g_ptr_array_index (calbook_booking_get_attendees (booking), 0);
      event_type = calbook_format_event_type (booking);
      g_assert_true (g_str_has_prefix (name, client_person->name));
      g_assert_true (g_str_has_prefix (description, event_type));
      g_assert_null (strstr (name, " between "));
      g_assert_null (strstr (description, " between "));
      n_metas++;
      g_variant_unref (meta);
    }
  g_variant_iter_free (iter);
  g_assert_cmpuint (n_metas, ==, g_strv_length (results));

  /* Choosing a result opens it in Calbook */
  g_clear_pointer (&metas, g_variant_unref);
  metas = call (shell, SEARCH_PATH, SEARCH_INTERFACE, "ActivateResult",
                g_variant_new ("(s^asu)", calbook_booking_get_uid (wanted), words, 0),
                NULL);
  shown.window = CALBOOK_WINDOW (gui_test_get_window (GTK_APPLICATION (self)));
  shown.uid = calbook_booking_get_uid (wanted);
  gui_test_wait_until (window_shows_booking, &shown, 30, "the chosen booking in the window");
  gui_test_take_window_shot (shown.window, "bookings");

  /* "Show all results": the window searches for the same words */
  g_clear_pointer (&metas, g_variant_unref);
  metas = call (shell, SEARCH_PATH, SEARCH_INTERFACE, "LaunchSearch",
                g_variant_new ("(^asu)", words, 0), NULL);
  gui_test_wait_until (window_searches_client, shown.window, 30, "the window's search");

  g_application_quit (app);
}

static void
on_second_exited_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
activated_twice (gpointer data)
{
  return n_activations >= 2;
}


static GtkWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
about_is_shown (gpointer data)
{
  return find_about_window () != NULL;
}

/* The About window names an icon the (uninstalled) build really has */
static void
on_about_activate_cb (GApplication *app,
                      gpointer      user_data)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autofree char *symbolic = g_strdup_printf ("%s-symbolic", APPLICATION_ID);
  g_autoptr(GtkIconPaintable) paintable = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  gui_test_wait_until (about_is_shown, NULL, 30, "the About window");
  about = find_about_window ();

  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==,
                   APPLICATION_ID);
  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, symbolic));

  /* From the program's resources, not from some installed copy */
  paintable = gtk_icon_theme_lookup_icon (theme, APPLICATION_ID, NULL, 128, 1,
                                          GTK_TEXT_DIR_NONE, 0);
  file = gtk_icon_paintable_get_file (paintable);
  uri = g_file_get_uri (file);
  g_assert_true (g_str_has_prefix (uri, "resource:///io/github/calbook/Calbook/icons/"));

  gui_test_take_window_shot (about, "about");
  gtk_window_destroy (about);
  g_application_quit (app);
}


static void
collect_label_texts (GtkWidget *widget,
                     GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static gboolean
shows_clock_times (gpointer data)
{
  g_autoptr(GRegex) any_time = g_regex_new ("\\b\\d{1,2}:\\d{2}\\b", 0, 0, NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  GtkWidget *window = gui_test_get_window (data);

  if (window == NULL || calbook_application_get_context (data) == NULL)
    return FALSE;

  collect_label_texts (window, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_regex_match (any_time, g_ptr_array_index (texts, i), 0, NULL))
      return TRUE;

  return FALSE;
}

/* The desktop's clock setting (12-hour here) decides how times read */
static void
on_clock_activate_cb (GApplication *app,
                      gpointer      user_data)
{
  g_autoptr(GRegex) twelve = g_regex_new ("\\b([1-9]|1[0-2]):[0-5]\\d\\s?(AM|PM)", 0, 0, NULL);
  g_autoptr(GRegex) twenty_four = g_regex_new ("\\b(1[3-9]|2[0-3]|00):[0-5]\\d\\b", 0, 0, NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  gboolean twelve_seen = FALSE;

  gui_test_wait_until (shows_clock_times, app, 120, "times of bookings on screen");
  collect_label_texts (gui_test_get_window (app), texts);

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      twelve_seen |= g_regex_match (twelve, text, 0, NULL);
      if (g_regex_match (twenty_four, text, 0, NULL))
        g_error ("“%s” is on a 24-hour clock, but the desktop asks for 12 hours", text);
    }

  g_assert_true (twelve_seen);
  g_application_quit (app);
}

/* The second `calbook` hands over to this one and exits */
static void
on_single_instance_activate_cb (GApplication *app,
                                gpointer      user_data)
{
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { calbook_program (), NULL };
  gboolean exited = FALSE;
  int status = -1;
  guint before;

  n_activations++;
  if (n_activations > 1)
    return;

  gui_test_wait_until (app_synced, app, 120, "the app's first sync");
  before = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Waited for without blocking: this main loop has to answer the second instance */
  second = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (second, NULL, on_second_exited_cb, &exited);
  gui_test_wait_until (gui_test_is_true, &exited, 60, "the second calbook to exit");
  g_assert_true (g_subprocess_get_if_exited (second));
  status = g_subprocess_get_exit_status (second);

  g_assert_cmpint (status, ==, 0);
  gui_test_wait_until (activated_twice, NULL, 30, "the second activation");
  g_assert_cmpuint (n_activations, ==, 2);
  /* Still one window */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==,
                    before);

  g_application_quit (app);
}

/* Tests */

static void
test_open_file (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (g_get_home_dir (), "meeting.ics", NULL);
  const char *argv[] = { calbook_program (), file, NULL };
  int status = 0;

  g_assert_true (g_file_set_contents (file, "BEGIN:VCALENDAR\n", -1, NULL));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);

  /* A usage message and a usage exit status, no GLib critical */
  g_assert_true (g_spawn_check_wait_status (status, NULL) == FALSE);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "--help"));
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_null (strstr (err, "can not open files"));
}

static void
test_search_provider (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 240 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  if (!sign_in_to_sandbox ("search"))
    return;

  run_app (G_CALLBACK (on_search_activate_cb));
  fixture_clear ();
}

static void
test_single_instance (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 240 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  if (!sign_in_to_sandbox ("single"))
    return;

  run_app (G_CALLBACK (on_single_instance_activate_cb));
  fixture_clear ();
}


/*
 * With Calbook not running: the Shell's search starts it by D-Bus
 * activation and finds a client's booking from the store alone; then a
 * notification's Confirm button (app.confirm-booking through
 * org.freedesktop.Application, what GNOME Shell sends) starts it again and
 * the booking gets confirmed on Cal.com.
 */
static void
test_activation (void)
{
  g_autoptr(GDBusConnection) shell = NULL;
  g_autoptr(CalbookBooking) pending = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *status = NULL;
  g_auto(GStrv) results = NULL;
  const char *client;

  if (!g_test_subprocess ())
    {
      if (g_getenv ("CALBOOK_TEST_BUS_DATA_HOME") == NULL)
        {
          g_test_skip ("needs the private session of build-aux/session.sh (D-Bus activation "
                       "would otherwise reach the user's own bus)");
          return;
        }
      g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  if (!sign_in_to_sandbox ("activation"))
    return;

  sync_store_once ();
  store_path = calbook_account_dup_store_path (fixture.account);
  store = calbook_store_open (store_path, &error);
  g_assert_no_error (error);
  pending = find_coming_booking (store, calbook_account_get_user_id (fixture.account),
                                 CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING));
  g_clear_object (&store);
  g_assert_nonnull (pending);
  client = ((CalbookPerson *) g_ptr_array_index (calbook_booking_get_attendees (pending), 0))->name;

  shell = connect_like_the_shell ();
  remember_base_url_in_keyfile ();
  install_service_file (shell);
  g_assert_false (name_has_owner (shell));

  /* Search: answered by a Calbook that the call itself started */
  results = search (shell, client);
  g_assert_true (g_strv_contains ((const char * const *) results,
                                  calbook_booking_get_uid (pending)));

  /* With no window, that instance leaves again after a short while */
  gui_test_wait_until (name_is_gone, shell, 60, "the search-only Calbook to exit");

  /* The Confirm button of a notification, with Calbook not running */
  reply = call (shell, APP_PATH, "org.freedesktop.Application", "ActivateAction",
                g_variant_new ("(s@av@a{sv})", "confirm-booking",
                               g_variant_new_array (G_VARIANT_TYPE_VARIANT,
                                                    (GVariant *[]) {
                                                      g_variant_new_variant (
                                                        g_variant_new_string (
                                                          calbook_booking_get_uid (pending))) },
                                                    1),
                               g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                NULL);
  wait_until_accepted (calbook_booking_get_uid (pending), 120);

  g_clear_pointer (&reply, g_variant_unref);
  reply = call (shell, APP_PATH, "org.freedesktop.Application", "ActivateAction",
                g_variant_new ("(s@av@a{sv})", "quit",
                               g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                               g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                NULL);
  gui_test_wait_until (name_is_gone, shell, 60, "Calbook to quit");

  remove_service_file ();
  fixture_clear ();
}

static void
test_clock_format (void)
{
  g_autoptr(CalbookApplication) app = NULL;
  g_autoptr(GSettings) interface = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  const char *argv[] = { "calbook", "--demo", NULL };

  schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "clock-format"))
    {
      g_test_skip ("no org.gnome.desktop.interface schema (gsettings-desktop-schemas)");
      return;
    }

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 180 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  interface = g_settings_new_full (schema, NULL, NULL);
  g_settings_set_enum (interface, "clock-format", 1);

  app = calbook_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_clock_activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 2, (char **) argv), ==, 0);
}

static void
test_app_icon (void)
{
  g_autoptr(CalbookApplication) app = NULL;
  const char *argv[] = { "calbook", NULL };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  app = calbook_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_about_activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, (char **) argv), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  int status;

  /* Where the private bus (build-aux/session.sh) looks for service files,
   * before gui_test_prepare() points XDG_DATA_HOME elsewhere */
  if (g_getenv ("CALBOOK_TEST_BUS_DATA_HOME") == NULL &&
      g_strcmp0 (g_getenv ("CALBOOK_SESSION_INNER"), "1") == 0 &&
      g_getenv ("XDG_DATA_HOME") != NULL)
    g_setenv ("CALBOOK_TEST_BUS_DATA_HOME", g_getenv ("XDG_DATA_HOME"), TRUE);

  if (!gui_test_prepare (&argc, &argv, "calbook-test-desktop-XXXXXX", &own_home))
    return 77;

  g_test_add_func ("/desktop/open-file", test_open_file);
  g_test_add_func ("/desktop/search-provider", test_search_provider);
  g_test_add_func ("/desktop/single-instance", test_single_instance);
  g_test_add_func ("/desktop/activation", test_activation);
  g_test_add_func ("/desktop/app-icon", test_app_icon);
  g_test_add_func ("/desktop/clock-format", test_clock_format);

  status = g_test_run ();

  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
