/* test-sync-property.c: whatever the server does and however the network
 * fails, a sync that finally succeeds leaves the store equal to the server
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-booking.h"
#include "calbook-error.h"
#include "sync-test-util.h"

#define DEFAULT_CASES 100
#define ROUNDS 3
#define MAX_ATTEMPTS 40

static const char * const users[] = { "zoe.odegaard", "sofia.rossi", "max.mueller", "jose.nunez" };

static char *
random_faults (GRand   *rand,
               guint64  seed)
{
  /* Each kind on its own probability, all together below 1 */
  return g_strdup_printf ("500=%.2f,503=%.2f,drop=%.2f,429=%.2f,malformed=%.2f,seed=%" G_GUINT64_FORMAT,
                          g_rand_double_range (rand, 0, 0.15),
                          g_rand_double_range (rand, 0, 0.05),
                          g_rand_double_range (rand, 0, 0.15),
                          g_rand_double_range (rand, 0, 0.1),
                          g_rand_double_range (rand, 0, 0.15),
                          seed);
}

static void
run_case (guint64 case_seed,
          guint   index)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed_array ((const guint32 *) &case_seed, 2);
  g_autoptr(CalbookSandbox) sandbox = NULL;
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(CalbookApiClient) colleague = NULL;
  g_autoptr(CalbookSync) sync = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *dir = sync_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "store.sqlite3", NULL);
  const char *user = users[g_rand_int_range (rand, 0, G_N_ELEMENTS (users))];
  guint n_bookings = g_rand_int_range (rand, 5, 45);
  gint64 org_id;

  sandbox = sync_test_start_sandbox (case_seed, n_bookings);
  account = sync_test_connect (sandbox, user);
  client = sync_test_new_client (sandbox, user);
  /* The test retries whole passes: keep the client's own retries short */
  g_object_set (client, "max-retries", 1, NULL);
  colleague = sync_test_new_client (sandbox, "sofia.rossi");
  org_id = calbook_account_is_admin (account) ? calbook_account_get_organization_id (account) : 0;

  sync = calbook_sync_new (account, client, path, &error);
  g_assert_no_error (error);
  store = calbook_store_open (path, &error);
  g_assert_no_error (error);

  g_string_append_printf (log, "case %u seed %" G_GUINT64_FORMAT ": %s, %u bookings\n",
                          index, case_seed, user, n_bookings);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *faults = random_faults (rand, case_seed + round);
      g_autoptr(GHashTable) server = NULL;
      g_autofree char *diff = NULL;
      gboolean full = g_rand_int_range (rand, 0, 4) == 0;
      guint attempts = 0;

      calbook_sandbox_set_faults (sandbox, faults, &error);
      g_assert_no_error (error);
      g_string_append_printf (log, " round %u faults %s full %d\n", round, faults, full);

      for (;;)
        {
          g_autoptr(GError) sync_error = NULL;

          attempts++;
          if (sync_test_run_sync (sync, full, &sync_error))
            break;

          g_string_append_printf (log, "  attempt %u: %s\n", attempts, sync_error->message);
          if (attempts >= MAX_ATTEMPTS)
            g_error ("Sync never succeeded\n%s", log->str);
        }

      calbook_sandbox_set_faults (sandbox, NULL, &error);
      g_assert_no_error (error);

      server = sync_test_list_server (client, org_id, &error);
      g_assert_no_error (error);
      diff = sync_test_diff_store (store, server);
      if (diff != NULL)
        g_error ("Store and server differ after a successful sync\n%s%s\n"
                 "(replay with CALBOOK_TEST_SEED)", log->str, diff);

      g_assert_true (sync_test_integrity_ok (path));

      /* Colleagues change things before the next round */
      for (guint m = g_rand_int_range (rand, 0, 5); m > 0; m--)
        {
          g_autoptr(GHashTable) all = sync_test_list_server (colleague,
                                                             calbook_sandbox_get_organization_id (sandbox),
                                                             &error);
          g_autofree char *what = NULL;

          g_assert_no_error (error);
          what = sync_test_random_server_change (colleague, rand, all);
          g_string_append_printf (log, "  change: %s\n", what);
        }
    }

  g_clear_object (&sync);
  g_clear_object (&store);
  sync_test_remove_tree (dir);
}

static void
test_converges (void)
{
  guint64 seed = sync_test_get_seed ();
  g_autoptr(GRand) rand = g_rand_new_with_seed_array ((const guint32 *) &seed, 2);
  const char *env = g_getenv ("CALBOOK_TEST_CASES");
  guint64 n_cases = DEFAULT_CASES;

  if (env != NULL)
    g_ascii_string_to_unsigned (env, 10, 1, G_MAXUINT, &n_cases, NULL);

  for (guint i = 0; i < n_cases; i++)
    {
      guint64 case_seed = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);

      run_case (case_seed, i);
    }

  g_test_message ("%" G_GUINT64_FORMAT " cases, seed %" G_GUINT64_FORMAT, n_cases, seed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/property/converges", test_converges);

  return g_test_run ();
}
