/* test-shutdown.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "calbook-account.h"
#include "sandbox-test-util.h"

/*
 * Quitting closes the account's file cleanly, however Calbook is told to
 * quit: Ctrl+Q (app.quit), SIGTERM (a session ending, `kill`), SIGINT
 * (Ctrl+C in a terminal) and SIGHUP (the terminal closed), even while the
 * sync is writing. SQLite deletes the -wal and -shm files when the file's
 * last connection closes; one left behind tells the next start that the
 * last process did not close it, and that start then checks the whole
 * file before the sync may write (seconds at 100,000 bookings). So each
 * case runs the real `calbook`, signed in as a person would be (the key in
 * the keyring, the sandbox over HTTP), as a process of its own, quits it
 * in one way and looks at the files beside the store; the store's debug
 * lines say whether the next start found it closed cleanly.
 */

#define ADMIN_USERNAME "sofia.rossi"
/* Enough for a full sync of several pages: the quit comes while it writes */
#define N_BOOKINGS 3000

static SandboxFixture *fixture;
static char *store_path;
static CalbookAccount *account;

typedef struct
{
  GSubprocess *process;
  GString     *log;
  gboolean     log_ended;
  gboolean     exited;
} App;

/* Auxiliary methods */

static void read_next_line (App *app, GDataInputStream *input);

static void
on_line_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  App *app = user_data;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                    NULL, NULL);
  if (line == NULL)
    {
      app->log_ended = TRUE;
      return;
    }

  g_string_append (app->log, line);
  g_string_append_c (app->log, '\n');
  read_next_line (app, G_DATA_INPUT_STREAM (source));
}

static void
read_next_line (App              *app,
                GDataInputStream *input)
{
  g_data_input_stream_read_line_async (input, G_PRIORITY_DEFAULT, NULL, on_line_read_cb, app);
}

static void
on_exited_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  App *app = user_data;

  g_assert_true (g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL));
  app->exited = TRUE;
}

/* A test that fails leaves no `calbook` running into the next one */
static void
die_with_test (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* `calbook`, its store's and its sync's debug lines read as they come */
static App *
app_start (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CALBOOK_BUILD_DIR"), "src", "gui",
                                            "calbook", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  App *app = g_new0 (App, 1);

  /* Debug lines go to stdout, warnings to stderr: both read here */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "calbook-store calbook-sync", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  app->process = g_subprocess_launcher_spawn (launcher, &error, path, NULL);
  g_assert_no_error (error);

  app->log = g_string_new (NULL);
  input = g_data_input_stream_new (g_subprocess_get_stdout_pipe (app->process));
  read_next_line (app, input);
  g_subprocess_wait_async (app->process, NULL, on_exited_cb, app);

  return app;
}

static gboolean
app_has_exited (gpointer data)
{
  App *app = data;

  return app->exited && app->log_ended;
}

typedef struct
{
  App        *app;
  const char *text;
} LogWait;

static gboolean
log_has_text (gpointer data)
{
  LogWait *wait = data;

  return strstr (wait->app->log->str, wait->text) != NULL || wait->app->exited;
}

static void
app_wait_for_log (App        *app,
                  const char *text,
                  const char *what)
{
  LogWait wait = { app, text };

  gui_test_wait_until (log_has_text, &wait, 120, what);
  if (strstr (app->log->str, text) == NULL)
    g_error ("calbook ended before %s; its log:\n%s", what, app->log->str);
}

/* The first page of a sync written: the sync is busy in its worker thread */
static void
app_wait_for_sync_write (App *app)
{
  app_wait_for_log (app, "Stored ", "the sync to write a page");
}

/* The first connection to the store has told how the last process left it */
static gboolean
app_wait_for_session (App *app)
{
  g_autofree char *clean = g_strdup_printf ("%s was closed cleanly last time", store_path);
  g_autofree char *unclean = g_strdup_printf ("%s was not closed cleanly last time", store_path);
  LogWait wait = { app, "closed cleanly last time" };

  gui_test_wait_until (log_has_text, &wait, 120, "the store to be opened");
  g_assert_true (strstr (app->log->str, clean) != NULL || strstr (app->log->str, unclean) != NULL);

  return strstr (app->log->str, clean) != NULL;
}

/* Ctrl+Q, as the Shell's or another program's request over D-Bus */
static void
app_activate_quit (App *app)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *object_path = g_strdelimit (g_strconcat ("/", APPLICATION_ID, NULL), ".", '/');

  g_assert_nonnull (bus);
  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, object_path,
                                       "org.freedesktop.Application", "ActivateAction",
                                       g_variant_new ("(s@av@a{sv})", "quit",
                                                      g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                                      g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 30000, NULL, &error);
  g_assert_no_error (error);
}

/* Waits for the end of @app (after it was told to quit), frees it and
 * returns (transfer full) its log */
static char *
app_wait_for_exit (App     *app,
                   gboolean  killed)
{
  char *log;

  gui_test_wait_until (app_has_exited, app, 60, "calbook to quit");

  if (!killed)
    {
      if (!g_subprocess_get_if_exited (app->process) ||
          g_subprocess_get_exit_status (app->process) != 0)
        g_error ("calbook did not quit normally; its log:\n%s", app->log->str);
      g_assert_null (strstr (app->log->str, "still open"));
    }

  g_object_unref (app->process);
  log = g_string_free (app->log, FALSE);
  g_free (app);

  return log;
}

static gboolean
file_beside_store_exists (const char *suffix)
{
  g_autofree char *path = g_strconcat (store_path, suffix, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
assert_closed_cleanly (const char *log)
{
  g_assert_true (g_file_test (store_path, G_FILE_TEST_EXISTS));
  if (file_beside_store_exists ("-wal") && log != NULL)
    g_printerr ("The WAL was left; calbook's log:\n%s", log);
  g_assert_false (file_beside_store_exists ("-wal"));
  g_assert_false (file_beside_store_exists ("-shm"));
}

/* The store removed: the start makes it anew with a full sync */
static void
remove_store (void)
{
  for (const char *suffix = ""; suffix != NULL;
       suffix = *suffix == '\0' ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (store_path, suffix, NULL);

      g_unlink (path);
    }
}

/* A start while the sync writes its first pass, quit with @signum */
static void
quit_by_signal_while_syncing (int signum)
{
  g_autofree char *log = NULL;
  App *app;

  remove_store ();
  app = app_start ();
  app_wait_for_sync_write (app);
  g_subprocess_send_signal (app->process, signum);
  log = app_wait_for_exit (app, FALSE);

  assert_closed_cleanly (log);
}

/* Tests */

static void
test_sigterm_while_syncing (void)
{
  quit_by_signal_while_syncing (SIGTERM);
}

static void
test_sigint_while_syncing (void)
{
  quit_by_signal_while_syncing (SIGINT);
}

static void
test_sighup_while_syncing (void)
{
  quit_by_signal_while_syncing (SIGHUP);
}

static void
test_quit_action_while_syncing (void)
{
  App *app;

  remove_store ();
  app = app_start ();
  app_wait_for_sync_write (app);
  app_activate_quit (app);
  g_free (app_wait_for_exit (app, FALSE));

  assert_closed_cleanly (NULL);
}

/* After a quit, the next start finds the file closed cleanly and does
 * not check it */
static void
test_next_start_skips_check (void)
{
  g_autofree char *log = NULL;
  App *app;

  quit_by_signal_while_syncing (SIGTERM);

  app = app_start ();
  g_assert_true (app_wait_for_session (app));
  app_activate_quit (app);
  log = app_wait_for_exit (app, FALSE);
  g_assert_null (strstr (log, "Quick check"));
  assert_closed_cleanly (NULL);
}

/* A crash (SIGKILL) leaves the WAL: the next start checks the file before
 * the sync writes, and then quits cleanly */
static void
test_start_after_crash_checks (void)
{
  App *app;

  remove_store ();
  app = app_start ();
  app_wait_for_sync_write (app);
  g_subprocess_force_exit (app->process);
  g_free (app_wait_for_exit (app, TRUE));
  g_assert_true (file_beside_store_exists ("-wal"));

  app = app_start ();
  g_assert_false (app_wait_for_session (app));
  app_wait_for_log (app, "Quick check of ", "the quick check");
  g_assert_nonnull (strstr (app->log->str, "passed in"));
  g_subprocess_send_signal (app->process, SIGTERM);
  g_free (app_wait_for_exit (app, FALSE));

  assert_closed_cleanly (NULL);
}

/* Signs the admin in as the welcome page does, so that a plain `calbook`
 * starts with that account */
static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  account = calbook_account_sign_in_finish (result, &error);
  g_assert_no_error (error);
}

static void
on_signed_out_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (calbook_account_sign_out_finish (CALBOOK_ACCOUNT (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
sign_in (void)
{
  g_autofree char *settings_file = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  calbook_account_sign_in_async (fixture->url, sandbox_fixture_key (fixture, ADMIN_USERNAME),
                                 NULL, on_signed_in_cb, NULL);
  gui_test_wait_until (is_set, &account, 60, "the sign-in");
  store_path = calbook_account_dup_store_path (account);

  /* Where GLib's keyfile backend keeps settings, which `calbook` reads */
  settings_file = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile",
                                    NULL);
  backend = g_keyfile_settings_backend_new (settings_file, "/", NULL);
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                            "io.github.calbook.Calbook", TRUE);
  g_assert_nonnull (schema);
  settings = g_settings_new_full (schema, backend, NULL);
  g_settings_set_string (settings, "base-url", calbook_account_get_base_url (account));
  g_settings_sync ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  int status;

  if (!gui_test_prepare (&argc, &argv, "calbook-test-shutdown-XXXXXX", &own_home))
    return 77;

  /* The program reads the settings this test writes */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);

  g_test_add_func ("/shutdown/sigterm-while-syncing", test_sigterm_while_syncing);
  g_test_add_func ("/shutdown/sigint-while-syncing", test_sigint_while_syncing);
  g_test_add_func ("/shutdown/sighup-while-syncing", test_sighup_while_syncing);
  g_test_add_func ("/shutdown/quit-action-while-syncing", test_quit_action_while_syncing);
  g_test_add_func ("/shutdown/next-start-skips-check", test_next_start_skips_check);
  g_test_add_func ("/shutdown/start-after-crash-checks", test_start_after_crash_checks);

  fixture = sandbox_fixture_new (20261203, N_BOOKINGS);
  sign_in ();

  status = g_test_run ();

  /* Nothing of the run stays in the keyring */
  {
    gboolean done = FALSE;

    calbook_account_sign_out_async (account, TRUE, NULL, on_signed_out_cb, &done);
    gui_test_wait_until (gui_test_is_true, &done, 60, "the sign-out");
    g_clear_object (&account);
  }

  sandbox_fixture_free (fixture);
  g_free (store_path);
  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
