/* test-sync-unreadable.c: a booking Cal.com sends that the parser refuses
 * is kept aside with its reason during a sync over HTTP; the pass completes,
 * the rest is stored, nothing stored is deleted for it, and it is stored
 * once it can be read again (item 4 of issue 6)
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "calbook-booking.h"
#include "calbook-error.h"
#include "calbook-rejected-booking.h"
#include "sync-test-util.h"

#define ADMIN "sofia.rossi"
#define N_BOOKINGS 120

typedef struct
{
  SyncTestFixture   base;
  gint64            org_id;
  GHashTable       *server;    /* uid → CalbookBooking, listed while all were readable */
  char             *uid;       /* the booking made unreadable */
} Fixture;

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) uids = NULL;

  sync_test_fixture_open (&fixture->base, N_BOOKINGS, ADMIN);
  fixture->org_id = calbook_account_get_organization_id (fixture->base.account);

  /* The truth, listed while every booking can still be read */
  fixture->server = sync_test_list_server (fixture->base.client, fixture->org_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (fixture->server), ==, N_BOOKINGS);

  /* One booking picked by the seed, the same for the same seed */
  uids = g_list_sort (g_hash_table_get_keys (fixture->server), (GCompareFunc) g_strcmp0);
  fixture->uid = g_strdup (g_list_nth_data (uids, fixture->base.seed % N_BOOKINGS));
}

static void
fixture_close (Fixture *fixture)
{
  sync_test_fixture_close (&fixture->base);
  g_clear_pointer (&fixture->server, g_hash_table_unref);
  g_clear_pointer (&fixture->uid, g_free);
}

static void
set_unreadable (Fixture  *fixture,
                gboolean  unreadable)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/bookings/%s", fixture->uid);

  sync_test_hook (fixture->base.sandbox, "PATCH", path,
                  unreadable ? "{\"unreadable\": true}" : "{\"unreadable\": false}");
}

static void
run_sync (Fixture  *fixture,
          gboolean  full)
{
  g_autoptr(GError) error = NULL;

  /* The pass completes: one bad booking does not fail it */
  g_assert_true (sync_test_run_sync (fixture->base.sync, full, &error));
  g_assert_no_error (error);
}

/* The store holds exactly the server's bookings, leaving out @left_out */
static void
assert_store_holds_all_but (Fixture    *fixture,
                            const char *left_out)
{
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *diff = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, fixture->server);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (key, left_out) != 0)
      g_hash_table_insert (expected, key, value);

  diff = sync_test_diff_store (fixture->base.store, expected);
  if (diff != NULL)
    g_error ("seed %" G_GUINT64_FORMAT ": store and server differ:\n%s", fixture->base.seed, diff);
}

/* The one booking kept aside is @uid, with a reason and the text as sent */
static void
assert_kept_aside (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejected = calbook_store_list_rejected (fixture->base.store, &error);
  CalbookRejectedBooking *entry;

  g_assert_no_error (error);
  g_assert_cmpuint (rejected->len, ==, 1);
  entry = g_ptr_array_index (rejected, 0);
  g_assert_cmpstr (entry->uid, ==, fixture->uid);
  g_assert_nonnull (strstr (entry->reason, "end"));
  g_assert_nonnull (strstr (entry->json, "\"not a date\""));
  g_assert_nonnull (strstr (entry->json, fixture->uid));

  /* Worth a note where the sync reports its state */
  g_assert_nonnull (calbook_sync_get_last_error (fixture->base.sync));
  g_assert_nonnull (strstr (calbook_sync_get_last_error (fixture->base.sync), "could not be read"));
}

static void
assert_nothing_aside (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (calbook_store_count_rejected (fixture->base.store, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_null (calbook_sync_get_last_error (fixture->base.sync));
}

/* Tests */

/* A first sync meets a booking it cannot read: it is kept aside with its
 * reason, every other booking is stored, later incremental passes stay
 * incremental, and once readable the next full pass stores it */
static void
test_first_sync (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookBooking) stored = NULL;
  g_autoptr(CalbookBooking) back = NULL;

  fixture_open (&fixture);
  set_unreadable (&fixture, TRUE);

  run_sync (&fixture, TRUE);
  assert_kept_aside (&fixture);
  assert_store_holds_all_but (&fixture, fixture.uid);
  stored = calbook_store_get_booking (fixture.base.store, fixture.uid, &error);
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_NOT_FOUND);
  g_assert_null (stored);
  g_clear_error (&error);

  /* It does not turn the next pass into a full one: an incremental pass
   * asks for what changed since, and the booking aside stays aside */
  run_sync (&fixture, FALSE);
  g_assert_cmpuint (calbook_sync_get_pages_done (fixture.base.sync), <=, 2);
  assert_store_holds_all_but (&fixture, fixture.uid);

  /* Readable again (a fixed server, or a fixed parser): it comes back */
  set_unreadable (&fixture, FALSE);
  run_sync (&fixture, TRUE);
  assert_nothing_aside (&fixture);
  assert_store_holds_all_but (&fixture, NULL);
  back = calbook_store_get_booking (fixture.base.store, fixture.uid, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  fixture_close (&fixture);
}

/* A stored booking turns unreadable: a full pass (which reconciles, and
 * deletes what the server no longer lists) keeps the stored version, and
 * an edit made once it is readable again reaches the store incrementally */
static void
test_stored_then_unreadable (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookBooking) kept = NULL;
  g_autoptr(CalbookBooking) edited = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  JsonObject *location = json_object_new ();

  fixture_open (&fixture);
  run_sync (&fixture, TRUE);
  assert_nothing_aside (&fixture);
  assert_store_holds_all_but (&fixture, NULL);

  set_unreadable (&fixture, TRUE);
  run_sync (&fixture, TRUE);
  assert_kept_aside (&fixture);
  /* Nothing lost: the stored version stays, the rest is reconciled */
  assert_store_holds_all_but (&fixture, NULL);
  kept = calbook_store_get_booking (fixture.base.store, fixture.uid, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);

  /* Readable again and changed on Cal.com: an incremental pass stores the
   * new version and the entry aside goes */
  set_unreadable (&fixture, FALSE);
  json_object_set_string_member (location, "type", "link");
  json_object_set_string_member (location, "link", "https://meet.example.com/unreadable-no-more");
  json_object_set_object_member (body, "location", location);
  answer = sync_test_mutate (fixture.base.client, "location", fixture.uid, body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);

  run_sync (&fixture, FALSE);
  assert_nothing_aside (&fixture);
  edited = calbook_store_get_booking (fixture.base.store, fixture.uid, &error);
  g_assert_no_error (error);
  g_assert_nonnull (edited);
  g_assert_cmpstr (calbook_booking_get_location (edited), ==, "https://meet.example.com/unreadable-no-more");

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/unreadable/first-sync", test_first_sync);
  g_test_add_func ("/sync/unreadable/stored-then-unreadable", test_stored_then_unreadable);

  return g_test_run ();
}
