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
#include "calbook-mutation.h"
#include "sync-test-util.h"

#define N_KILLS 30
#define ADMIN "sofia.rossi"

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
                                             "crash-child", NULL);
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
      g_autofree char *key_line = g_strdup_printf ("%s\n",
                                                   calbook_sandbox_get_api_key (sandbox, ADMIN));
      g_autoptr(GBytes) input = g_bytes_new (key_line, strlen (key_line));
      g_autoptr(GOutputStream) stdin_pipe = NULL;
      guint delay = g_rand_int_range (rand, 5, 3000);

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                            G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                            G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "", TRUE);
      process = g_subprocess_launcher_spawn (launcher, &error, child, path,
                                             calbook_sandbox_get_url (sandbox), ADMIN, "ADMIN",
                                             "--loop", NULL);
      g_assert_no_error (error);

      stdin_pipe = g_object_ref (g_subprocess_get_stdin_pipe (process));
      g_output_stream_write_all (stdin_pipe, key_line, strlen (key_line), NULL, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_close (stdin_pipe, NULL, NULL);

      sync_test_iterate_for (delay);

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
    g_error ("seed %" G_GUINT64_FORMAT ": store and server differ after the kills:\n%s", seed,
             diff);
  g_assert_true (sync_test_integrity_ok (path));

  g_clear_object (&sync);
  g_clear_object (&store);
  sync_test_remove_tree (dir);
}

/*
 * Crash at every commit: the child (crash-child) sends the outbox and then
 * syncs once, and is killed right after its N-th committed write, or at the
 * arrival of its N-th answer to a change, for every N until a run finishes
 * before N. After each kill: the store passes integrity_check; a fresh child
 * finishes the work; then the outbox is empty, the store is the server, and
 * the sandbox's mutation log shows each change applied exactly once.
 */

typedef struct
{
  guint64           seed;
  GRand            *rand;
  CalbookSandbox   *sandbox;
  CalbookApiClient *client;
  CalbookAccount   *account;
  gint64            org_id;
  char             *dir;
  char             *path;
  char             *child;
  SyncTestChangeMaker maker;
  GPtrArray        *request_ids; /* of the round's changes */
  guint             kinds_seen;  /* bit per CalbookMutationKind */
  guint             n_kills;
  guint             n_changes;
} Crash;

static void
crash_open (Crash *c,
            guint  n_bookings)
{
  g_autoptr(GError) error = NULL;

  c->seed = sync_test_get_seed ();
  c->rand = g_rand_new_with_seed_array ((const guint32 *) &c->seed, 2);
  c->sandbox = sync_test_start_sandbox (c->seed, n_bookings);
  c->client = sync_test_new_client (c->sandbox, ADMIN);
  c->account = sync_test_connect (c->sandbox, ADMIN);
  c->org_id = calbook_sandbox_get_organization_id (c->sandbox);
  c->dir = sync_test_make_tmpdir ();
  c->path = g_build_filename (c->dir, "store.sqlite3", NULL);
  c->child = g_build_filename (g_getenv ("CALBOOK_BUILD_DIR"), "tests", "sync", "crash-child",
                               NULL);
  sync_test_change_maker_init (&c->maker, c->client, c->rand,
                               sync_test_own_event_type (c->account));
  c->request_ids = g_ptr_array_new_with_free_func (g_free);
  g_test_message ("seed %" G_GUINT64_FORMAT " (replay with CALBOOK_TEST_SEED)", c->seed);
  g_assert_no_error (error);
}

static void
crash_close (Crash *c)
{
  g_clear_pointer (&c->rand, g_rand_free);
  g_clear_object (&c->client);
  g_clear_object (&c->account);
  g_clear_object (&c->sandbox);
  sync_test_remove_tree (c->dir);
  g_clear_pointer (&c->dir, g_free);
  g_clear_pointer (&c->path, g_free);
  g_clear_pointer (&c->child, g_free);
  sync_test_change_maker_clear (&c->maker);
  g_clear_pointer (&c->request_ids, g_ptr_array_unref);
}

/* Runs the child to its end or its kill; TRUE when it was killed. What it
 * printed goes to @out. */
static gboolean
run_child (Crash       *c,
           const char  *hook,
           guint        n,
           char       **out)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *key_line = g_strdup_printf ("%s\n",
                                               calbook_sandbox_get_api_key (c->sandbox, ADMIN));
  g_autoptr(GBytes) input = g_bytes_new (key_line, strlen (key_line));
  g_autoptr(GBytes) output = NULL;
  g_autofree char *value = g_strdup_printf ("%u", n);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "", TRUE);
  if (hook != NULL)
    g_subprocess_launcher_setenv (launcher, hook, value, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, c->child, c->path,
                                         calbook_sandbox_get_url (c->sandbox), ADMIN, "ADMIN",
                                         NULL);
  g_assert_no_error (error);

  /* The sandbox answers the child from this main context */
  g_subprocess_communicate_async (process, input, NULL, sync_test_store_result_cb, &result);
  g_subprocess_communicate_finish (process, sync_test_wait (&result), &output, NULL, &error);
  g_assert_no_error (error);
  *out = g_strndup (g_bytes_get_data (output, NULL), g_bytes_get_size (output));

  if (g_subprocess_get_if_signaled (process))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
      g_assert_nonnull (strstr (*out, "killed at"));
      return TRUE;
    }

  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_error ("seed %" G_GUINT64_FORMAT ": the child failed: %s", c->seed, *out);
  g_assert_nonnull (strstr (*out, "done"));

  return FALSE;
}

static void
add_change (Crash               *c,
            CalbookStore        *store,
            CalbookMutationKind  kind,
            const char          *uid,
            JsonObject          *body,
            const char          *request_id)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *payload = NULL;
  g_autoptr(GError) error = NULL;
  CalbookOutboxEntry entry = { 0, };

  json_node_set_object (node, body);
  payload = json_to_string (node, FALSE);
  entry.kind = (char *) calbook_mutation_kind_to_string (kind);
  entry.booking_uid = (char *) uid;
  entry.payload = payload;
  entry.client_request_id = (char *) request_id;
  entry.state = CALBOOK_OUTBOX_STATE_QUEUED;

  g_assert_cmpint (calbook_store_outbox_add (store, &entry, &error), >, 0);
  g_assert_no_error (error);
  g_ptr_array_add (c->request_ids, g_strdup (request_id));
  c->kinds_seen |= 1u << kind;
  c->n_changes++;
}

/* One change of every kind the server's bookings allow, as made offline */
static void
queue_round (Crash *c)
{
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(GHashTable) server = NULL;
  g_autoptr(GError) error = NULL;
  store = calbook_store_open (c->path, &error);
  g_assert_no_error (error);
  server = sync_test_list_server (c->client, c->org_id, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (c->request_ids, 0);

  for (CalbookMutationKind kind = 0; kind < CALBOOK_MUTATION_N_KINDS; kind++)
    {
      g_autofree char *request_id = g_uuid_string_random ();
      g_autofree char *uid = NULL;
      g_autoptr(JsonObject) body = NULL;

      body = sync_test_make_change (&c->maker, server, kind, request_id, &uid);
      if (body == NULL)
        {
          g_test_message ("nothing to %s this round", calbook_mutation_kind_to_string (kind));
          continue;
        }

      add_change (c, store, kind, uid, body, request_id);
    }
}

/* After a kill and a run to the end: sound, converged, each change once */
static void
check_recovered (Crash      *c,
                 const char *what)
{
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *diff = NULL;

  if (!sync_test_integrity_ok (c->path))
    g_error ("seed %" G_GUINT64_FORMAT ": integrity check failed after %s", c->seed, what);

  store = calbook_store_open (c->path, &error);
  g_assert_no_error (error);
  entries = calbook_store_outbox_list (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      CalbookOutboxEntry *entry = g_ptr_array_index (entries, i);

      g_error ("seed %" G_GUINT64_FORMAT ": after %s, %s %s is still in the outbox (%s)",
               c->seed, what, entry->kind, entry->booking_uid, entry->last_error);
    }

  for (guint i = 0; i < c->request_ids->len; i++)
    {
      const char *id = g_ptr_array_index (c->request_ids, i);
      gint64 n = sync_test_count_applied (c->sandbox, id);

      if (n != 1)
        {
          g_autofree char *log = calbook_sandbox_dup_mutations_json (c->sandbox, id, NULL);

          g_error ("seed %" G_GUINT64_FORMAT ": after %s, change %s was applied %" G_GINT64_FORMAT
                   " times: %s", c->seed, what, id, n, log);
        }
    }

  server = sync_test_list_server (c->client, c->org_id, &error);
  g_assert_no_error (error);
  diff = sync_test_diff_store (store, server);
  if (diff != NULL)
    g_error ("seed %" G_GUINT64_FORMAT ": after %s the store is not the server:\n%s", c->seed,
             what, diff);
}

/* Kills at every N of @hook until a run gets to its end before N */
static void
kill_at_every (Crash      *c,
               const char *hook,
               gboolean    with_changes)
{
  for (guint n = 1; ; n++)
    {
      g_autofree char *out = NULL;
      g_autofree char *again = NULL;
      g_autofree char *what = g_strdup_printf ("%s=%u", hook, n);
      gboolean killed;

      if (with_changes)
        queue_round (c);
      else
        sync_test_remove_tree (c->dir), g_mkdir_with_parents (c->dir, 0700);

      killed = run_child (c, hook, n, &out);
      if (killed)
        {
          c->n_kills++;
          if (!sync_test_integrity_ok (c->path))
            g_error ("seed %" G_GUINT64_FORMAT ": integrity check failed right after %s",
                     c->seed, what);
          g_assert_false (run_child (c, NULL, 0, &again));
        }

      check_recovered (c, what);
      if (!killed)
        {
          g_test_message ("%s: the run ended before (%s)", what, g_strstrip (out));
          break;
        }
    }
}

static void
test_every_commit_of_a_sync (void)
{
  Crash c = { 0, };

  crash_open (&c, 500);
  kill_at_every (&c, "CALBOOK_TEST_KILL_AT_COMMIT", FALSE);
  g_test_message ("%u kills survived", c.n_kills);
  crash_close (&c);
}

static void
test_every_commit_of_a_replay (void)
{
  Crash c = { 0, };
  g_autofree char *out = NULL;

  crash_open (&c, 500);
  g_assert_false (run_child (&c, NULL, 0, &out));
  kill_at_every (&c, "CALBOOK_TEST_KILL_AT_COMMIT", TRUE);
  g_assert_cmpuint (c.kinds_seen, ==, (1u << CALBOOK_MUTATION_N_KINDS) - 1);
  g_test_message ("%u kills survived, %u changes applied exactly once", c.n_kills, c.n_changes);
  crash_close (&c);
}

static void
test_every_answer_of_a_replay (void)
{
  Crash c = { 0, };
  g_autofree char *out = NULL;

  crash_open (&c, 500);
  g_assert_false (run_child (&c, NULL, 0, &out));
  kill_at_every (&c, "CALBOOK_TEST_KILL_AT_ANSWER", TRUE);
  g_assert_cmpuint (c.kinds_seen, ==, (1u << CALBOOK_MUTATION_N_KINDS) - 1);
  g_test_message ("%u kills survived, %u changes applied exactly once", c.n_kills, c.n_changes);
  crash_close (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/crash/kill-at-random-points", test_kill_at_random_points);
  g_test_add_func ("/sync/crash/every-commit-of-a-sync", test_every_commit_of_a_sync);
  g_test_add_func ("/sync/crash/every-commit-of-a-replay", test_every_commit_of_a_replay);
  g_test_add_func ("/sync/crash/every-answer-of-a-replay", test_every_answer_of_a_replay);

  return g_test_run ();
}
