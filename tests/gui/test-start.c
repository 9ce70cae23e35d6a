/* test-start.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "calbook-account.h"
#include "calbook-api-client.h"
#include "calbook-application-private.h"
#include "calbook-secret-store.h"
#include "calbook-sync.h"
#include "calbook-window-private.h"
#include "sandbox-test-util.h"

/*
 * A start with a remembered account (issue 9): the bookings are read from
 * the file while the key is looked up in the keyring, so they are in the
 * window before the first frame; syncing waits for the key, and nothing
 * goes to Cal.com without it. Each case is a process of its own (one
 * application per process), signed in and synced over the sandbox first.
 */

#define ADMIN_USERNAME "sofia.rossi"

static SandboxFixture *fixture;
static CalbookAccount *account;
static gboolean window_shown_with_bookings;

/* Auxiliary methods */

static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  account = calbook_account_sign_in_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
on_synced_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (calbook_sync_run_finish (CALBOOK_SYNC (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
no_store_open (gpointer data)
{
  return calbook_store_count_open_connections () == 0;
}

/* The admin signed in as the welcome page does (key in the keyring,
 * profile remembered), the store synced and closed */
static void
sign_in_and_sync (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.calbook.Calbook");
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(CalbookSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = NULL;
  const char *key = sandbox_fixture_key (fixture, ADMIN_USERNAME);
  gboolean done = FALSE;

  calbook_account_sign_in_async (fixture->url, key, NULL, on_signed_in_cb, NULL);
  gui_test_wait_until (is_set, &account, 60, "the sign-in");
  g_settings_set_string (settings, "base-url", calbook_account_get_base_url (account));

  store_path = calbook_account_dup_store_path (account);
  client = calbook_api_client_new (fixture->url, key, &error);
  g_assert_no_error (error);
  sync = calbook_sync_new (account, client, store_path, &error);
  g_assert_no_error (error);
  calbook_sync_run_async (sync, TRUE, on_synced_cb, &done);
  gui_test_wait_until (gui_test_is_true, &done, 120, "the first sync");
  g_clear_object (&sync);
  gui_test_wait_until (no_store_open, NULL, 30, "the sync's store to close");

  /* Only what the application asks from now on counts */
  json_node_unref (gui_test_call_sandbox (fixture->url, "DELETE", "/_sandbox/requests", NULL));
}

static void
on_signed_out_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (calbook_account_sign_out_finish (CALBOOK_ACCOUNT (source), result, NULL));
  *done = TRUE;
}

/* Nothing of the case stays in the keyring or the data folder */
static void
sign_out (void)
{
  gboolean done = FALSE;

  calbook_account_sign_out_async (account, TRUE, NULL, on_signed_out_cb, &done);
  gui_test_wait_until (gui_test_is_true, &done, 60, "the sign-out");
}

static guint
count_requests (void)
{
  g_autoptr(JsonNode) node = gui_test_call_sandbox (fixture->url, "GET", "/_sandbox/requests", NULL);
  JsonObject *requests = json_object_get_object_member (json_node_get_object (node), "requests");
  g_autoptr(GList) members = json_object_get_members (requests);
  guint n = 0;

  for (GList *l = members; l != NULL; l = l->next)
    n += json_object_get_int_member (requests, l->data);

  return n;
}

static gboolean
has_requests (gpointer data)
{
  return count_requests () > 0;
}

static void
on_cleared_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (calbook_secret_store_clear_finish (CALBOOK_SECRET_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Before the window's first frame (activate has not returned to the main
 * loop yet): what it shows */
static void
on_activate_check_cb (GApplication *application,
                      gpointer      user_data)
{
  CalbookApplication *app = CALBOOK_APPLICATION (application);
  CalbookContext *context = calbook_application_get_context (app);
  CalbookWindow *window = gui_test_get_window (app);

  window_shown_with_bookings =
    context != NULL && window != NULL &&
    g_strcmp0 (calbook_window_get_visible_page (window), "bookings") == 0 &&
    calbook_store_count_bookings (calbook_context_get_store (context), NULL, NULL) > 0;
}

static gboolean
welcome_shown (gpointer data)
{
  CalbookWindow *window = gui_test_get_window (data);

  return calbook_application_get_context (data) == NULL && window != NULL &&
         g_strcmp0 (calbook_window_get_visible_page (window), "welcome") == 0;
}

static void
run_application (GCallback scenario)
{
  g_autoptr(CalbookApplication) app = calbook_application_new ();
  const char *app_argv[] = { "calbook", NULL };

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_check_cb), NULL);
  g_signal_connect_after (app, "activate", scenario, NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, (char **) app_argv), ==, 0);
}

/* The damaged store's page: its button, when it offers the way out */
static GtkWidget *
find_move_aside_button (CalbookWindow *window)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  gui_test_collect_widgets (window, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)),
                     "app.move-store-aside") == 0 &&
          gtk_widget_get_mapped (button))
        return button;
    }

  return NULL;
}

static gboolean
damaged_page_shown (gpointer data)
{
  CalbookWindow *window = gui_test_get_window (data);

  return window != NULL && calbook_application_get_context (data) == NULL &&
         find_move_aside_button (window) != NULL;
}

static gboolean
bookings_shown (gpointer data)
{
  CalbookWindow *window = gui_test_get_window (data);

  return window != NULL && calbook_application_get_context (data) != NULL &&
         g_strcmp0 (calbook_window_get_visible_page (window), "bookings") == 0;
}

/* Scenarios, run in the application's activate */

static void
bookings_then_sync (GApplication *application,
                    gpointer      user_data)
{
  g_assert_true (window_shown_with_bookings);

  /* The key arrives: the sync runs with it */
  gui_test_wait_until (has_requests, NULL, 60, "the sync's first request");
  gui_test_wait_until (gui_test_is_synced, application, 120, "the sync");
  g_assert_false (calbook_context_get_needs_key (calbook_application_get_context (CALBOOK_APPLICATION (application))));

  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
}

static void
bookings_then_welcome (GApplication *application,
                       gpointer      user_data)
{
  g_assert_true (window_shown_with_bookings);

  /* No key in the keyring: the welcome page says so, and nothing was sent */
  gui_test_wait_until (welcome_shown, application, 60, "the welcome page");
  gui_test_take_window_shot (gui_test_get_window (application), "start-key-missing");
  g_assert_cmpuint (count_requests (), ==, 0);

  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
}

static const char damage[] = "Not a database any more, but someone's bookings.";

static void
damaged_then_moved_aside (GApplication *application,
                          gpointer      user_data)
{
  CalbookApplication *app = CALBOOK_APPLICATION (application);
  g_autofree char *store_path = calbook_account_dup_store_path (account);
  g_autofree char *folder = g_path_get_dirname (store_path);
  g_autofree char *base = g_path_get_basename (store_path);
  g_autofree char *moved = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gsize length = 0;

  g_assert_false (window_shown_with_bookings);

  /* The page says what is wrong and offers the way out */
  gui_test_wait_until (damaged_page_shown, application, 60, "the damaged store's page");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (application),
                                                    "move-store-aside"));
  gui_test_take_window_shot (gui_test_get_window (app), "start-damaged-store");
  gui_test_click (find_move_aside_button (gui_test_get_window (app)));

  /* A new file, synced again; the old one kept beside it, byte for byte */
  gui_test_wait_until (bookings_shown, application, 60, "the bookings in a new store");
  gui_test_wait_until (gui_test_is_synced, application, 120, "the sync into the new store");
  g_assert_cmpuint (calbook_store_count_bookings (calbook_context_get_store (calbook_application_get_context (app)),
                                                  NULL, NULL), >, 0);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (application),
                                                     "move-store-aside"));

  dir = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, base) && strstr (name, ".damaged-") != NULL &&
        !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      moved = g_build_filename (folder, name, NULL);
  g_assert_nonnull (moved);
  g_assert_true (g_file_get_contents (moved, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, damage, strlen (damage));
  g_remove (moved);

  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
}

/* Tests */

static void
test_bookings_before_key (void)
{
  if (g_test_subprocess ())
    {
      fixture = sandbox_fixture_new (20261203, 300);
      sign_in_and_sync ();
      run_application (G_CALLBACK (bookings_then_sync));
      sign_out ();
      return;
    }

  g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                                      G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_key_missing (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CalbookSecretStore) secrets = calbook_secret_store_new ();
      gboolean cleared = FALSE;

      fixture = sandbox_fixture_new (20261203, 300);
      sign_in_and_sync ();
      calbook_secret_store_clear_async (secrets, calbook_account_get_base_url (account), NULL,
                                        on_cleared_cb, &cleared);
      gui_test_wait_until (gui_test_is_true, &cleared, 60, "the key to be removed");
      run_application (G_CALLBACK (bookings_then_welcome));
      sign_out ();
      return;
    }

  g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                                      G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A damaged store: the page offers to move it aside and sync again, and
 * doing so keeps the old file */
static void
test_damaged_store (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *store_path = NULL;

      fixture = sandbox_fixture_new (20261203, 300);
      sign_in_and_sync ();
      store_path = calbook_account_dup_store_path (account);
      g_assert_true (g_file_set_contents (store_path, damage, -1, NULL));
      run_application (G_CALLBACK (damaged_then_moved_aside));
      sign_out ();
      return;
    }

  g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                                      G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  int status;

  if (!gui_test_prepare (&argc, &argv, "calbook-test-start-XXXXXX", &own_home))
    return 77;

  g_test_add_func ("/start/bookings-before-key", test_bookings_before_key);
  g_test_add_func ("/start/key-missing", test_key_missing);
  g_test_add_func ("/start/damaged-store", test_damaged_store);

  status = g_test_run ();

  if (fixture != NULL)
    sandbox_fixture_free (fixture);
  g_clear_object (&account);
  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
