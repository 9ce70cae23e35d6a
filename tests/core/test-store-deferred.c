/* test-store-deferred.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A first sync into an empty store writes without its indexes and builds
 * them when bulk writes end: while they wait, and after, every query must
 * answer exactly as in a store written with its indexes all along. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "booking-generator.h"
#include "calbook-booking-filter-private.h"
#include "calbook-booking-summary.h"
#include "calbook-store.h"
#include "calbook-store-private.h"

#define STATE_DEFERRED_INDEXES "store.deferred-indexes"

static guint32 seed;

/* The indexes of the bookings and people tables, as "name: sql" lines */
static char *
dup_index_schema (const char *path)
{
  g_autoptr(GString) schema = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                                       " AND sql IS NOT NULL ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (schema, "%s: %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&schema), FALSE);
}

static void
assert_fts_sound (const char *path)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, "INSERT INTO bookings_fts (bookings_fts) VALUES ('integrity-check')",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("full-text index: %s", message);
  sqlite3_close (db);
}

static gboolean
is_deferred (CalbookStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = calbook_store_get_state (store, STATE_DEFERRED_INDEXES, &error);

  g_assert_no_error (error);
  return value != NULL;
}

static void
write_page (CalbookStore *store,
            GPtrArray    *bookings,
            guint         from,
            guint         to)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = from; i < to && i < bookings->len; i++)
    g_ptr_array_add (page, g_ptr_array_index (bookings, i));

  calbook_store_upsert_bookings (store, page, "position", "somewhere", &error);
  g_assert_no_error (error);
}

static void
assert_same_rows (GPtrArray                  *expected,
                  GPtrArray                  *found,
                  const CalbookBookingFilter *filter,
                  const char                 *what,
                  guint                       case_number)
{
  gboolean same = expected->len == found->len;

  for (guint i = 0; same && i < expected->len; i++)
    same = calbook_booking_equal (g_ptr_array_index (expected, i), g_ptr_array_index (found, i));

  if (!same)
    {
      g_autofree char *description = test_describe_filter (filter);

      g_error ("case %u (%s): %u rows, %u expected for %s (seed %u, replay with "
               "CALBOOK_TEST_SEED=%u)", case_number, what, found->len, expected->len,
               description, seed, seed);
    }
}

/* Every kind of query on @store answers as on @reference, and as
 * calbook_booking_filter_matches() does on @bookings */
/* What a reader without a store (the admin window's aggregates) counts */
static gint64
count_raw (const char                 *path,
           const CalbookBookingFilter *filter)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM bookings AS b WHERE 1");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  _calbook_store_append_filter_sql (sql, filter);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_true (_calbook_store_bind_filter (stmt, filter, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return count;
}

static void
assert_same_answers (CalbookStore *store,
                     CalbookStore *reference,
                     GPtrArray    *bookings,
                     GRand        *rand,
                     const char   *what)
{
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(CalbookBookingFilter) filter = test_generate_filter (rand, bookings);
      g_autoptr(GPtrArray) expected = test_filter_bookings (filter, bookings);
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GPtrArray) found_reference = NULL;
      g_autoptr(GPtrArray) summaries = NULL;
      g_autoptr(GError) error = NULL;
      guint estimate = 0;
      guint offset;

      /* Both plans of a search and of members, in turn */
      _calbook_store_set_text_first_max (store, i % 2 == 0 ? 0 : G_MAXINT64);
      _calbook_store_set_people_first_max (store, i / 2 % 2 == 0 ? 0 : G_MAXINT64);

      found = calbook_store_query_bookings (store, filter, 0, 0, &error);
      g_assert_no_error (error);
      found_reference = calbook_store_query_bookings (reference, filter, 0, 0, &error);
      g_assert_no_error (error);
      assert_same_rows (expected, found_reference, filter, "reference", i);
      assert_same_rows (expected, found, filter, what, i);

      summaries = calbook_store_query_summaries (store, filter, 0, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (summaries->len, ==, expected->len);
      for (guint k = 0; k < summaries->len; k++)
        g_assert_cmpstr (calbook_booking_summary_get_uid (g_ptr_array_index (summaries, k)), ==,
                         calbook_booking_get_uid (g_ptr_array_index (expected, k)));

      g_assert_cmpuint (calbook_store_count_bookings (store, filter, &error), ==, expected->len);
      g_assert_no_error (error);
      g_assert_cmpint (count_raw (calbook_store_get_path (store), filter), ==, expected->len);
      if (_calbook_store_estimate_count (store, filter, &estimate, &error))
        g_assert_cmpuint (estimate, ==, expected->len);
      else
        g_assert_cmpuint (estimate, >=, expected->len);
      g_assert_no_error (error);

      /* A page, and the rows after one of them */
      offset = g_rand_int_range (rand, 0, expected->len + 1);
      g_clear_pointer (&found, g_ptr_array_unref);
      found = calbook_store_query_bookings (store, filter, offset, 7, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, MIN (7, expected->len - offset));
      for (guint k = 0; k < found->len; k++)
        g_assert_true (calbook_booking_equal (g_ptr_array_index (found, k),
                                              g_ptr_array_index (expected, offset + k)));
      if (summaries->len > 1)
        {
          guint at = g_rand_int_range (rand, 0, summaries->len);
          g_autoptr(GPtrArray) after =
            _calbook_store_query_bookings_from (store, filter, g_ptr_array_index (summaries, at),
                                                FALSE, 5, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (after->len, ==, MIN (5, summaries->len - at - 1));
        }
    }
}

static void
test_first_sync (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, 240, "first-");
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(CalbookStore) reader = NULL;
  g_autoptr(CalbookStore) reference = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "first.sqlite3", NULL);
  g_autofree char *reference_path = g_build_filename (dir, "reference.sqlite3", NULL);
  g_autofree char *indexes = NULL;
  g_autofree char *reference_indexes = NULL;

  /* The old way: indexes kept up all along */
  reference = calbook_store_open (reference_path, &error);
  g_assert_no_error (error);
  reference_indexes = dup_index_schema (reference_path);
  g_assert_nonnull (strstr (reference_indexes, "bookings_by_start"));

  /* The new way: a first sync into an empty store; and another connection
   * to the same file, as the window's */
  store = calbook_store_open (path, &error);
  g_assert_no_error (error);
  reader = calbook_store_open (path, &error);
  g_assert_no_error (error);
  indexes = dup_index_schema (path);
  g_assert_cmpstr (indexes, ==, reference_indexes);

  calbook_store_set_bulk_writes (store, TRUE);
  g_assert_true (is_deferred (store));
  g_clear_pointer (&indexes, g_free);
  indexes = dup_index_schema (path);
  g_assert_null (strstr (indexes, " ON bookings "));
  g_assert_null (strstr (indexes, " ON booking_hosts "));
  g_assert_null (strstr (indexes, " ON booking_emails "));
  g_assert_nonnull (strstr (indexes, "rejected_bookings_by_uid"));

  for (guint i = 0; i < 120; i += 40)
    {
      write_page (store, bookings, i, i + 40);
      write_page (reference, bookings, i, i + 40);
    }

  {
    g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < 120; i++)
      g_ptr_array_add (written, g_object_ref (g_ptr_array_index (bookings, i)));
    assert_same_answers (store, reference, written, rand, "writer, deferred");
    assert_same_answers (reader, reference, written, rand, "reader, deferred");
  }

  /* The process goes away half-way (bulk writes never turned off): the
   * next one finds the indexes still waiting, and a pass that goes on
   * from its position keeps them waiting although the store is not empty */
  g_clear_object (&store);
  store = calbook_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (is_deferred (store));
  calbook_store_set_bulk_writes (store, TRUE);
  g_assert_true (is_deferred (store));

  for (guint i = 120; i < bookings->len; i += 40)
    {
      write_page (store, bookings, i, i + 40);
      write_page (reference, bookings, i, i + 40);
    }

  /* Changed and removed while the full-text index waits: their old words
   * must not come back when it is built */
  for (guint i = 0; i < bookings->len; i += 9)
    {
      const char *uid = calbook_booking_get_uid (g_ptr_array_index (bookings, i));
      g_autoptr(CalbookBooking) changed = test_generate_booking (rand, uid);

      g_ptr_array_add (changes, g_steal_pointer (&changed));
    }
  for (guint i = 4; i < bookings->len; i += 11)
    {
      const char *uid = calbook_booking_get_uid (g_ptr_array_index (bookings, i));

      g_ptr_array_add (doomed, g_strdup (uid));
    }
  calbook_store_upsert_bookings (store, changes, NULL, NULL, &error);
  g_assert_no_error (error);
  calbook_store_upsert_bookings (reference, changes, NULL, NULL, &error);
  g_assert_no_error (error);
  calbook_store_delete_bookings (store, doomed, &error);
  g_assert_no_error (error);
  calbook_store_delete_bookings (reference, doomed, &error);
  g_assert_no_error (error);

  /* What the reference holds (a change older than the stored booking is
   * not taken, in either store) */
  expected = calbook_store_query_bookings (reference, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, <, bookings->len);
  assert_same_answers (store, reference, expected, rand, "writer, deferred after a restart");
  assert_same_answers (reader, reference, expected, rand, "reader, deferred after a restart");

  /* The end of the pass builds them: the same indexes as ever, a sound
   * full-text index, and the same answers, by the other connection too */
  calbook_store_set_bulk_writes (store, FALSE);
  g_assert_false (is_deferred (store));
  g_assert_false (is_deferred (reader));
  g_clear_pointer (&indexes, g_free);
  indexes = dup_index_schema (path);
  g_assert_cmpstr (indexes, ==, reference_indexes);
  assert_fts_sound (path);
  g_assert_true (calbook_store_check_integrity (store, &error));
  g_assert_no_error (error);

  assert_same_answers (store, reference, expected, rand, "writer, built");
  assert_same_answers (reader, reference, expected, rand, "reader, built");

  /* Every word of the built index is known for expanding search words */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE temp.v USING fts5vocab"
                                       " (main, 'bookings_fts', 'row')", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*), (SELECT count(*) FROM temp.v"
                                             " WHERE term NOT IN (SELECT word FROM search_words))"
                                             " FROM search_words", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), >, 20);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  g_clear_object (&store);
  g_clear_object (&reader);
  g_clear_object (&reference);
  test_remove_tree (dir);
}

/* A full pass over a store that has bookings keeps its indexes up */
static void
test_filled_store (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, 30, "filled-");
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "filled.sqlite3", NULL);
  g_autofree char *before = NULL;
  g_autofree char *during = NULL;

  store = calbook_store_open (path, &error);
  g_assert_no_error (error);
  write_page (store, bookings, 0, 10);
  before = dup_index_schema (path);

  calbook_store_set_bulk_writes (store, TRUE);
  g_assert_false (is_deferred (store));
  write_page (store, bookings, 10, 30);
  during = dup_index_schema (path);
  g_assert_cmpstr (during, ==, before);
  calbook_store_set_bulk_writes (store, FALSE);

  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  seed = test_get_seed ();

  g_test_add_func ("/store-deferred/first-sync", test_first_sync);
  g_test_add_func ("/store-deferred/filled-store", test_filled_store);

  return g_test_run ();
}
