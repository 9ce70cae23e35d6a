/* crash-child.c: sends the outbox, then syncs once, and may die on purpose
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: crash-child STORE-PATH URL USERNAME ROLE [--loop]
 * The API key comes on stdin (never in argv, where `ps` would show it).
 *
 * With --loop it runs full passes one after the other until it is killed,
 * printing one line per finished pass.
 *
 * CALBOOK_TEST_KILL_AT_COMMIT=N kills the process with SIGKILL right after
 * the N-th committed SQLite write transaction (any connection);
 * CALBOOK_TEST_KILL_AT_ANSWER=N at the arrival of the N-th answer to a
 * change (success or failure), before the outbox looks at it. The hooks are
 * linked in with --wrap, so the core carries no test code. At the end it
 * prints "done COMMITS ANSWERS" and exits 0.
 */

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

#include "calbook-account.h"
#include "calbook-api-client.h"
#include "calbook-outbox.h"
#include "calbook-sync.h"

static guint kill_at_commit;
static guint kill_at_answer;
static guint n_commits;
static guint n_answers;

int __real_sqlite3_open_v2 (const char *filename, sqlite3 **db, int flags, const char *vfs);
int __wrap_sqlite3_open_v2 (const char *filename, sqlite3 **db, int flags, const char *vfs);
JsonNode *__real_calbook_api_client_mutate_booking_finish (CalbookApiClient *self,
                                                           GAsyncResult *result, GError **error);
JsonNode *__wrap_calbook_api_client_mutate_booking_finish (CalbookApiClient *self,
                                                           GAsyncResult *result, GError **error);

static void
die_now (const char *what,
         guint       n)
{
  g_print ("killed at %s %u\n", what, n);
  kill (getpid (), SIGKILL);
}

/* After each commit in WAL mode; also does what SQLite's default hook does */
static int
on_wal_commit (void       *data,
               sqlite3    *db,
               const char *name,
               int         n_pages)
{
  n_commits++;
  if (kill_at_commit > 0 && n_commits == kill_at_commit)
    die_now ("commit", n_commits);

  if (n_pages >= 1000)
    sqlite3_wal_checkpoint (db, name);

  return SQLITE_OK;
}

int
__wrap_sqlite3_open_v2 (const char  *filename,
                        sqlite3    **db,
                        int          flags,
                        const char  *vfs)
{
  int rc = __real_sqlite3_open_v2 (filename, db, flags, vfs);

  if (rc == SQLITE_OK)
    sqlite3_wal_hook (*db, on_wal_commit, NULL);

  return rc;
}

JsonNode *
__wrap_calbook_api_client_mutate_booking_finish (CalbookApiClient  *self,
                                                 GAsyncResult      *result,
                                                 GError           **error)
{
  JsonNode *node = __real_calbook_api_client_mutate_booking_finish (self, result, error);

  n_answers++;
  if (kill_at_answer > 0 && n_answers == kill_at_answer)
    die_now ("answer", n_answers);

  return node;
}

static guint
get_env_uint (const char *name)
{
  const char *value = g_getenv (name);
  guint64 n = 0;

  if (value != NULL && !g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &n, NULL))
    g_error ("%s is not a positive number: %s", name, value);

  return (guint) n;
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static void run_full_pass (CalbookSync *sync);

static void
on_pass_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CalbookSync *sync = CALBOOK_SYNC (object);
  g_autoptr(GError) error = NULL;

  if (calbook_sync_run_finish (sync, result, &error))
    g_print ("pass ok\n");
  else
    g_print ("pass failed: %s\n", error->message);

  run_full_pass (sync);
}

/* Full passes write the most: every page, the deletions, the state */
static void
run_full_pass (CalbookSync *sync)
{
  calbook_sync_run_async (sync, TRUE, on_pass_done_cb, NULL);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(CalbookOutbox) outbox = NULL;
  g_autoptr(CalbookSync) sync = NULL;
  g_autoptr(GAsyncResult) me_result = NULL;
  g_autoptr(GAsyncResult) replay_result = NULL;
  g_autoptr(GAsyncResult) sync_result = NULL;
  g_autoptr(JsonObject) me = NULL;
  g_autoptr(GError) error = NULL;
  char key[256] = { 0, };
  CalbookRole role = CALBOOK_ROLE_MEMBER;

  if (argc < 5 || argc > 6 || (argc == 6 && !g_str_equal (argv[5], "--loop")) ||
      fgets (key, sizeof key, stdin) == NULL)
    {
      g_printerr ("Usage: %s STORE-PATH URL USERNAME ROLE [--loop] < key\n", argv[0]);
      return 2;
    }
  g_strchomp (key);

  /* Each line must reach the parent before the kill does */
  setvbuf (stdout, NULL, _IONBF, 0);

  kill_at_commit = get_env_uint ("CALBOOK_TEST_KILL_AT_COMMIT");
  kill_at_answer = get_env_uint ("CALBOOK_TEST_KILL_AT_ANSWER");

  if (g_str_equal (argv[4], "ADMIN"))
    role = CALBOOK_ROLE_ADMIN;
  else if (g_str_equal (argv[4], "OWNER"))
    role = CALBOOK_ROLE_OWNER;

  client = calbook_api_client_new (argv[2], key, &error);
  if (client == NULL)
    g_error ("%s", error->message);

  calbook_api_client_get_me_async (client, NULL, on_done_cb, &me_result);
  me = calbook_api_client_get_me_finish (client, wait_for (&me_result), &error);
  if (me == NULL)
    g_error ("%s", error->message);

  account = calbook_account_new_from_me (argv[2], me, role, &error);
  if (account == NULL)
    g_error ("%s", error->message);

  outbox = calbook_outbox_new (account, client, argv[1], &error);
  if (outbox == NULL)
    g_error ("%s", error->message);
  sync = calbook_sync_new (account, client, argv[1], &error);
  if (sync == NULL)
    g_error ("%s", error->message);
  calbook_sync_set_outbox (sync, outbox);

  if (argc == 6)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

      run_full_pass (sync);
      g_main_loop_run (loop);
    }

  /* As the context does it: the outbox first, then the pass */
  calbook_outbox_replay_async (outbox, on_done_cb, &replay_result);
  if (!calbook_outbox_replay_finish (outbox, wait_for (&replay_result), &error))
    g_error ("replay: %s", error->message);

  calbook_sync_run_async (sync, FALSE, on_done_cb, &sync_result);
  if (!calbook_sync_run_finish (sync, wait_for (&sync_result), &error))
    g_error ("sync: %s", error->message);

  g_print ("done %u %u\n", n_commits, n_answers);

  return 0;
}
