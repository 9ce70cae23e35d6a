/* test-context-key.c: a rejected API key pauses the context until a new
 * key is given, and nothing of the store or the outbox is lost meanwhile
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-booking.h"
#include "calbook-context.h"
#include "calbook-error.h"
#include "sync-test-util.h"

#define MEMBER "zoe.odegaard"
#define REVOKED_KEY "cal_test_revoked0000000000000000000000"

typedef struct
{
  gint64 user_id;
} PickData;

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @context's boolean property @name is @value */
static void
wait_for_boolean (CalbookContext *context,
                  const char     *name,
                  gboolean        value,
                  guint           seconds)
{
  gboolean timed_out = FALSE;
  gboolean current = !value;
  guint id = g_timeout_add_seconds (seconds, on_timeout_cb, &timed_out);

  for (;;)
    {
      g_object_get (context, name, &current, NULL);
      if (current == value || timed_out)
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  if (timed_out)
    g_error ("Timed out waiting for %s to be %d", name, value);
  g_source_remove (id);
}

static guint
outbox_count (CalbookContext *context)
{
  guint count = 0;

  g_object_get (context, "outbox-count", &count, NULL);

  return count;
}

static guint
count_bookings (CalbookContext *context)
{
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GError) error = NULL;
  guint n;

  n = calbook_store_count_bookings (calbook_context_get_store (context), filter, &error);
  g_assert_no_error (error);

  return n;
}

static gboolean
is_upcoming_accepted_own (CalbookBooking *booking,
                          gpointer        user_data)
{
  PickData *data = user_data;

  return calbook_booking_has_host (booking, data->user_id) &&
         calbook_booking_get_recurring_booking_uid (booking) == NULL &&
         calbook_booking_get_start (booking) > g_get_real_time () / G_USEC_PER_SEC + 2 * 3600 &&
         g_strcmp0 (calbook_booking_get_api_status (booking), "accepted") == 0;
}

static char *
dup_server_status (CalbookApiClient *client,
                   const char       *uid)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  calbook_api_client_get_booking_async (client, uid, NULL, sync_test_store_result_cb, &result);
  node = calbook_api_client_get_booking_finish (client, sync_test_wait (&result), &error);
  g_assert_no_error (error);

  return g_strdup (json_object_get_string_member (json_node_get_object (node), "status"));
}

static void
on_mutation_failed_cb (CalbookContext     *context,
                       CalbookOutboxEntry *entry,
                       GError             *error,
                       guint              *n_failed)
{
  (*n_failed)++;
}

static void
test_needs_key (void)
{
  g_autoptr(CalbookSandbox) sandbox = NULL;
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(CalbookContext) context = NULL;
  g_autoptr(CalbookApiClient) own = NULL;
  g_autoptr(GHashTable) server = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *status = NULL;
  CalbookOutboxEntry *entry;
  CalbookBooking *victim;
  CalbookSync *first_sync;
  PickData pick;
  guint64 seed = sync_test_get_seed ();
  guint n_before;
  guint n_failed = 0;
  gboolean syncing = TRUE;

  dir = sync_test_make_tmpdir ();
  path = g_build_filename (dir, "store.sqlite3", NULL);
  sandbox = sync_test_start_sandbox (seed, 200);
  account = sync_test_connect (sandbox, MEMBER);

  /* A first sync with the right key fills the store */
  context = calbook_context_new (account, calbook_sandbox_get_api_key (sandbox, MEMBER), path,
                                 &error);
  g_assert_no_error (error);
  g_assert_true (sync_test_run_sync (calbook_context_get_sync (context), FALSE, &error));
  g_assert_no_error (error);
  n_before = count_bookings (context);
  g_assert_cmpuint (n_before, >, 0);
  g_clear_object (&context);

  own = sync_test_new_client (sandbox, MEMBER);
  server = sync_test_list_server (own, 0, &error);
  g_assert_no_error (error);
  rand = g_rand_new_with_seed ((guint32) seed);
  pick.user_id = calbook_account_get_user_id (account);
  victim = sync_test_pick_booking (rand, server, is_upcoming_accepted_own, &pick);
  if (victim == NULL)
    g_error ("No upcoming booking of the member for seed %" G_GUINT64_FORMAT, seed);
  uid = g_strdup (calbook_booking_get_uid (victim));

  /* The key was revoked on Cal.com: the first pass says so */
  context = calbook_context_new (account, REVOKED_KEY, path, &error);
  g_assert_no_error (error);
  g_signal_connect (context, "mutation-failed", G_CALLBACK (on_mutation_failed_cb), &n_failed);
  g_assert_false (calbook_context_get_needs_key (context));
  calbook_context_start_sync (context, 3600);
  wait_for_boolean (context, "needs-key", TRUE, 60);
  wait_for_boolean (context, "syncing", FALSE, 60);
  g_assert_true (calbook_context_get_needs_key (context));
  g_assert_cmpuint (count_bookings (context), ==, n_before);

  /* A change made now is kept, and not sent with the rejected key */
  body = calbook_mutation_build_cancel_body ("Sick", FALSE);
  g_assert_true (calbook_context_enqueue (context, CALBOOK_MUTATION_CANCEL, uid, body, NULL,
                                          &error));
  g_assert_no_error (error);
  calbook_context_sync_now (context, FALSE);
  sync_test_iterate_for (500);
  g_object_get (context, "syncing", &syncing, NULL);
  g_assert_false (syncing);
  g_assert_false (calbook_outbox_get_replaying (calbook_context_get_outbox (context)));
  entries = calbook_context_list_outbox (context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->state, ==, CALBOOK_OUTBOX_STATE_QUEUED);
  g_assert_cmpuint (entry->attempts, ==, 0);
  status = dup_server_status (own, uid);
  g_assert_cmpstr (status, ==, "accepted");
  g_clear_pointer (&status, g_free);

  /* A key that can't even be sent changes nothing */
  first_sync = calbook_context_get_sync (context);
  g_assert_false (calbook_context_set_api_key (context, "bad\nkey", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (calbook_context_get_needs_key (context));
  g_assert_true (calbook_context_get_sync (context) == first_sync);

  /* The right key: the pause ends, the change goes out once, the store stays */
  g_assert_true (calbook_context_set_api_key (context,
                                              calbook_sandbox_get_api_key (sandbox, MEMBER),
                                              &error));
  g_assert_no_error (error);
  g_assert_false (calbook_context_get_needs_key (context));
  g_assert_cmpstr (calbook_store_get_path (calbook_context_get_store (context)), ==, path);
  while (outbox_count (context) > 0)
    g_main_context_iteration (NULL, TRUE);
  wait_for_boolean (context, "syncing", FALSE, 60);
  g_assert_false (calbook_context_get_needs_key (context));
  g_assert_cmpuint (n_failed, ==, 0);
  g_assert_cmpuint (count_bookings (context), >=, n_before);

  status = dup_server_status (own, uid);
  g_assert_cmpstr (status, ==, "cancelled");

  g_clear_object (&context);
  sync_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/context/needs-key", test_needs_key);

  return g_test_run ();
}
