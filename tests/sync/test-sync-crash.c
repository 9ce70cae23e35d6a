/* test-sync-crash.c: a sync killed at any moment leaves a sound store, and
 * the next sync converges
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "calbook-booking.h"
#include "sync-test-util.h"

#define N_KILLS 30
#define ADMIN "sofia.rossi"

static gboolean
on_timeout_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context (the sandbox serves the child from here) for a while */
static void
serve_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_kill_at_random_points (void)
{
  guint64 seed = sync_test_get_seed ();
  g_autoptr(GRand) rand = g_rand_new_with_seed_array ((const guint32 *) &seed, 2);
  g_autoptr(CalbookSandbox) sandbox = NULL;
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(CalbookSync) sync = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(GHashTable) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sync_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.sqlite3", NULL);
  g_autofree char *child = g_build_filename (g_getenv ("CALBOOK_BUILD_DIR"), "tests", "sync",
                                             "sync-child", NULL);
  g_autofree char *diff = NULL;
  gint64 org_id;
  guint passes_seen = 0;

  sandbox = sync_test_start_sandbox (seed, 1200);
  client = sync_test_new_client (sandbox, ADMIN);
  org_id = calbook_sandbox_get_organization_id (sandbox);

  for (guint kill = 0; kill < N_KILLS; kill++)
    {
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *key_line = g_strdup_printf ("%s\n", calbook_sandbox_get_api_key (sandbox, ADMIN));
      g_autoptr(GBytes) input = g_bytes_new (key_line, strlen (key_line));
      g_autoptr(GOutputStream) stdin_pipe = NULL;
      guint delay = g_rand_int_range (rand, 5, 3000);

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                            G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                            G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "", TRUE);
      process = g_subprocess_launcher_spawn (launcher, &error, child, path,
                                             calbook_sandbox_get_url (sandbox), ADMIN, "ADMIN",
                                             NULL);
      g_assert_no_error (error);

      stdin_pipe = g_object_ref (g_subprocess_get_stdin_pipe (process));
      g_output_stream_write_all (stdin_pipe, key_line, strlen (key_line), NULL, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_close (stdin_pipe, NULL, NULL);

      serve_for (delay);

      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait_async (process, NULL, sync_test_store_result_cb, &result);
      g_subprocess_wait_finish (process, sync_test_wait (&result), &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (process));
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);

      {
        GInputStream *out = g_subprocess_get_stdout_pipe (process);
        char buffer[4096];
        gssize n;

        while ((n = g_input_stream_read (out, buffer, sizeof buffer - 1, NULL, NULL)) > 0)
          {
            buffer[n] = '\0';
            for (char *p = strstr (buffer, "pass ok"); p != NULL; p = strstr (p + 1, "pass ok"))
              passes_seen++;
          }
      }

      if (!sync_test_integrity_ok (path))
        g_error ("seed %" G_GUINT64_FORMAT ": integrity check failed after kill %u at %u ms",
                 seed, kill, delay);

      /* Someone changes something now and then, so passes have work to do */
      if (g_rand_boolean (rand))
        {
          g_autoptr(GHashTable) all = sync_test_list_server (client, org_id, &error);
          g_autofree char *what = NULL;

          g_assert_no_error (error);
          what = sync_test_random_server_change (client, rand, all);
          g_test_message ("kill %u after %u ms; %s", kill, delay, what);
        }
    }

  g_test_message ("%u complete passes among %u kills", passes_seen, N_KILLS);

  /* The app starts again: one sync brings the store up to date */
  account = sync_test_connect (sandbox, ADMIN);
  sync = calbook_sync_new (account, client, path, &error);
  g_assert_no_error (error);
  g_assert_true (sync_test_run_sync (sync, FALSE, &error));
  g_assert_no_error (error);

  store = calbook_store_open (path, &error);
  g_assert_no_error (error);
  server = sync_test_list_server (client, org_id, &error);
  g_assert_no_error (error);
  diff = sync_test_diff_store (store, server);
  if (diff != NULL)
    g_error ("seed %" G_GUINT64_FORMAT ": store and server differ after the kills:\n%s", seed, diff);
  g_assert_true (sync_test_integrity_ok (path));

  g_clear_object (&sync);
  g_clear_object (&store);
  sync_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/crash/kill-at-random-points", test_kill_at_random_points);

  return g_test_run ();
}
