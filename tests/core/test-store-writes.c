/* test-store-writes.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * How the store writes pages of bookings fast without writing anything
 * different: bulk writes (a large page cache, fewer checkpoints) must leave
 * the same rows as the plain way.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "booking-generator.h"
#include "calbook-store.h"

static guint32 seed;

/* The text of every row @sql returns, its columns separated by tabs and its
 * rows by new lines, read on a connection of its own */
static char *
dump_rows (const char *path,
           const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append (out, text != NULL ? text : "NULL");
          g_string_append_c (out, '\t');
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
count_rows (const char *path,
            const char *sql)
{
  g_autofree char *text = dump_rows (path, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Everything a page writes, in an order that does not depend on row ids */
static const char * const contents[] = {
  "SELECT uid, start_time, end_time, updated_at, updated_ms, status, api_status, title,"
  " client_name, client_email, client_key, host_name, host_email, host_key, event_type_id,"
  " event_type_slug, length, location, location_kind, created_at, recurring, attendee_count, own"
  " FROM bookings ORDER BY uid",
  "SELECT b.uid, d.words, d.json FROM booking_data AS d JOIN bookings AS b ON b.id = d.id"
  " ORDER BY b.uid",
  "SELECT b.uid, h.user_id FROM booking_hosts AS h JOIN bookings AS b ON b.id = h.booking_id"
  " ORDER BY b.uid, h.user_id",
  "SELECT b.uid, e.email FROM booking_emails AS e JOIN bookings AS b ON b.id = e.booking_id"
  " ORDER BY b.uid, e.email",
  "SELECT status, n FROM booking_counts ORDER BY status",
  "SELECT word FROM search_words ORDER BY word",
};

/* Rows of the children tables whose booking is gone */
static const char * const orphans[] = {
  "SELECT count(*) FROM booking_data WHERE id NOT IN (SELECT id FROM bookings)",
  "SELECT count(*) FROM booking_hosts WHERE booking_id NOT IN (SELECT id FROM bookings)",
  "SELECT count(*) FROM booking_emails WHERE booking_id NOT IN (SELECT id FROM bookings)",
};

static void
assert_no_orphans (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (orphans); i++)
    g_assert_cmpint (count_rows (path, orphans[i]), ==, 0);
}

/* Writes @bookings @page_size at a time, then every fifth one changed and a
 * tenth of them removed, as a sync does */
static void
write_like_a_sync (CalbookStore *store,
                   GPtrArray    *bookings,
                   GPtrArray    *changed,
                   guint         page_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();

  for (guint i = 0; i < bookings->len; i += page_size)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new ();
      g_autofree char *position = g_strdup_printf ("%u", i);

      for (guint j = i; j < MIN (i + page_size, bookings->len); j++)
        g_ptr_array_add (page, g_ptr_array_index (bookings, j));
      g_assert_true (calbook_store_upsert_bookings (store, page, "position", position, &error));
      g_assert_no_error (error);
    }

  g_assert_true (calbook_store_upsert_bookings (store, changed, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < bookings->len; i += 10)
    g_ptr_array_add (doomed, (gpointer) calbook_booking_get_uid (g_ptr_array_index (bookings, i)));
  g_assert_true (calbook_store_delete_bookings (store, doomed, &error));
  g_assert_no_error (error);
}

static GPtrArray *
generate_changes (GRand     *rand,
                  GPtrArray *bookings)
{
  GPtrArray *changed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < bookings->len; i += 5)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);

      g_ptr_array_add (changed, test_generate_booking (rand, calbook_booking_get_uid (booking)));
    }

  return changed;
}

/* The same pages written in bulk and the plain way make the same file */
static void
test_bulk_same_contents (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, 700, "bulk-");
  g_autoptr(GPtrArray) changed = generate_changes (rand, bookings);
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *bulk_path = g_build_filename (dir, "bulk.sqlite3", NULL);
  g_autofree char *plain_path = g_build_filename (dir, "plain.sqlite3", NULL);
  g_autoptr(CalbookStore) bulk = calbook_store_open (bulk_path, &error);
  g_autoptr(CalbookStore) plain = NULL;

  g_assert_no_error (error);
  plain = calbook_store_open (plain_path, &error);
  g_assert_no_error (error);

  calbook_store_set_bulk_writes (bulk, TRUE);
  write_like_a_sync (bulk, bookings, changed, 250);
  calbook_store_set_bulk_writes (bulk, FALSE);
  write_like_a_sync (plain, bookings, changed, 250);

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autofree char *bulk_rows = dump_rows (bulk_path, contents[i]);
      g_autofree char *plain_rows = dump_rows (plain_path, contents[i]);

      g_assert_cmpstr (bulk_rows, !=, "");
      g_assert_cmpstr (bulk_rows, ==, plain_rows);
    }

  /* Removed bookings took their children with them in both */
  assert_no_orphans (bulk_path);
  assert_no_orphans (plain_path);
  g_assert_cmpint (count_rows (bulk_path, "SELECT count(*) FROM bookings"), ==, 630);

  /* And the full-text index agrees with the rows it indexes */
  g_assert_true (calbook_store_check_integrity (bulk, &error));
  g_assert_no_error (error);
  g_assert_true (calbook_store_check_integrity (plain, &error));
  g_assert_no_error (error);

  /* Switching twice, or off when it is off, changes nothing */
  calbook_store_set_bulk_writes (bulk, FALSE);
  calbook_store_set_bulk_writes (bulk, TRUE);
  calbook_store_set_bulk_writes (bulk, TRUE);
  calbook_store_set_bulk_writes (bulk, FALSE);
  g_assert_true (calbook_store_check_integrity (bulk, &error));
  g_assert_no_error (error);

  g_clear_object (&bulk);
  g_clear_object (&plain);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  seed = test_get_seed ();

  g_test_add_func ("/store-writes/bulk-same-contents", test_bulk_same_contents);

  return g_test_run ();
}
