/* test-store.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "booking-generator.h"
#include "calbook-booking-column.h"
#include "calbook-booking-column-private.h"
#include "calbook-booking-filter-private.h"
#include "calbook-error.h"
#include "calbook-store.h"
#include "calbook-store-private.h"

static guint32 seed;

typedef struct
{
  char         *dir;
  char         *path;
  CalbookStore *store;
} Fixture;

/* Auxiliary methods */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "account.sqlite3", NULL);
  fixture->store = calbook_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Runs SQL on its own connection, the way another program would */
static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* Leaves the changes in the WAL, as a program that crashed would */
static void
exec_raw_in_wal (const char *path,
                 const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  if (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;", NULL, NULL,
                    &message) != SQLITE_OK ||
      sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
query_raw_int (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static char *
query_raw_text (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/* Opens a file that must be refused, and checks it was not touched */
static void
assert_refused (const char *path,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(CalbookStore) store = NULL;

  store = calbook_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CALBOOK_STORE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  /* The message names the file, so the user knows which one */
  g_assert_nonnull (strstr (error->message, path));

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

/* A file damaged past its header and schema: opening it may succeed (opening
 * reads only those), but the full check must then find the damage. Either
 * way the error is clear and names the file, and the file is not touched. */
static void
assert_damaged (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(CalbookStore) store = NULL;

  store = calbook_store_open (path, &error);
  if (store != NULL)
    {
      g_assert_no_error (error);
      g_assert_false (calbook_store_check_integrity (store, &error));
      g_clear_object (&store);
    }
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT);
  g_test_message ("found damaged: %s", error->message);
  g_assert_nonnull (strstr (error->message, path));

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
write_file (const char   *path,
            const guint8 *data,
            gsize         length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, length, &error);
  g_assert_no_error (error);
}

static void
fill_store (CalbookStore *store,
            GRand        *rand,
            guint         n_bookings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, n_bookings, "fill-");

  calbook_store_upsert_bookings (store, bookings, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* A new random booking with @uid whose updatedAt is @updated_at */
static CalbookBooking *
generate_booking_updated_at (GRand      *rand,
                             const char *uid,
                             gint64      updated_at)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = test_generate_booking_json (rand, uid);
  g_autoptr(JsonNode) root = json_from_string (json, &error);
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (updated_at);
  g_autofree char *text = g_date_time_format_iso8601 (time);
  CalbookBooking *booking;

  g_assert_no_error (error);
  json_object_set_string_member (json_node_get_object (root), "updatedAt", text);
  booking = calbook_booking_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);

  return booking;
}

static void
assert_same_uids (GPtrArray                  *expected,
                  GPtrArray                  *actual,
                  const CalbookBookingFilter *filter,
                  guint                       case_number)
{
  gboolean same = expected->len == actual->len;

  for (guint i = 0; same && i < expected->len; i++)
    same = g_str_equal (calbook_booking_get_uid (g_ptr_array_index (expected, i)),
                        calbook_booking_get_uid (g_ptr_array_index (actual, i)));

  if (!same)
    {
      g_autofree char *description = test_describe_filter (filter);

      for (guint i = 0; i < MAX (expected->len, actual->len); i++)
        {
          CalbookBooking *e = i < expected->len ? g_ptr_array_index (expected, i) : NULL;
          CalbookBooking *a = i < actual->len ? g_ptr_array_index (actual, i) : NULL;

          g_printerr ("  %3u expected %-24s got %s\n", i,
                      e != NULL ? calbook_booking_get_uid (e) : "-",
                      a != NULL ? calbook_booking_get_uid (a) : "-");
        }
      g_error ("case %u: the store and calbook_booking_filter_matches() disagree on %s "
               "(seed %u, replay with CALBOOK_TEST_SEED=%u)",
               case_number, description, seed, seed);
    }
}

/* Tests: opening */

static void
test_build_path (void)
{
  g_autofree char *path = calbook_store_build_path ("https://api.cal.com", 1234);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "calbook",
                                                "api.cal.com-1234.sqlite3", NULL);
  g_autofree char *with_port = calbook_store_build_path ("http://127.0.0.1:8080/", 7);
  g_autofree char *with_path = calbook_store_build_path ("https://Cal.Example.org/cal/api/", 9);
  g_autofree char *secret = calbook_store_build_path ("https://user:cal_live_secret@api.cal.eu/"
                                                      "?key=cal_live_secret#cal_live_secret", 5);
  g_autofree char *bare = calbook_store_build_path ("cal.example.org", 3);
  g_autofree char *junk = calbook_store_build_path ("../../../etc/passwd", 3);
  g_autofree char *long_host = NULL;
  g_autofree char *long_path = NULL;
  g_autofree char *base = NULL;

  g_assert_cmpstr (path, ==, expected);
  g_assert_true (g_str_has_suffix (with_port, G_DIR_SEPARATOR_S "127.0.0.1_8080-7.sqlite3"));
  g_assert_true (g_str_has_suffix (with_path,
                                   G_DIR_SEPARATOR_S "cal.example.org_cal_api-9.sqlite3"));
  g_assert_true (g_str_has_suffix (secret, G_DIR_SEPARATOR_S "api.cal.eu-5.sqlite3"));
  g_assert_null (strstr (secret, "secret"));
  g_assert_true (g_str_has_suffix (bare, G_DIR_SEPARATOR_S "cal.example.org-3.sqlite3"));

  /* Whatever the text, the file stays in Calbook's folder */
  base = g_path_get_dirname (junk);
  g_assert_true (g_str_has_suffix (base, G_DIR_SEPARATOR_S "calbook"));
  g_assert_null (strstr (junk + strlen (base), ".." G_DIR_SEPARATOR_S));

  long_host = g_strdup_printf ("https://%s.example/", "abcdefghij.abcdefghij.abcdefghij.abcdefghij."
                               "abcdefghij.abcdefghij.abcdefghij.abcdefghij.abcdefghij");
  long_path = calbook_store_build_path (long_host, 1);
  g_assert_cmpuint (strlen (strrchr (long_path, G_DIR_SEPARATOR)), <, 120);
}

static void
test_open_modes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *folder = g_build_filename (dir, "data", "calbook", NULL);
  g_autofree char *path = g_build_filename (folder, "account.sqlite3", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal_mode = NULL;
  GStatBuf st;

  store = calbook_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (calbook_store_get_path (store), ==, path);

  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A write makes the WAL; it is as private as the database */
  calbook_store_set_state (store, "watermark", "1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  journal_mode = query_raw_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");

  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
assert_latest_schema (const char *path)
{
  g_assert_cmpint (query_raw_int (path, "PRAGMA user_version"), ==, 6);
  g_assert_cmpint (query_raw_int (path, "PRAGMA application_id"), ==, 0x43616c62);
  g_assert_cmpint (query_raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                                        "AND name IN ('bookings', 'booking_hosts', 'bookings_fts',"
                                        " 'outbox', 'sync_state', 'members', 'booking_emails',"
                                        " 'rejected_bookings', 'booking_counts', 'search_words')"),
                   ==, 10);
}

static void
test_open_migrate_from_zero (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *empty = g_build_filename (dir, "empty.sqlite3", NULL);
  g_autofree char *blank = g_build_filename (dir, "blank.sqlite3", NULL);

  /* An empty file (a crash right after creating it) */
  write_file (empty, (const guint8 *) "", 0);
  store = calbook_store_open (empty, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  assert_latest_schema (empty);

  /* A SQLite file at version 0 with nothing in it */
  exec_raw (blank, "PRAGMA page_size = 4096; VACUUM;");
  g_assert_cmpint (query_raw_int (blank, "PRAGMA user_version"), ==, 0);
  store = calbook_store_open (blank, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calbook_store_count_bookings (store, NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_clear_object (&store);
  assert_latest_schema (blank);

  /* Opening again migrates nothing and keeps everything */
  store = calbook_store_open (blank, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  assert_latest_schema (blank);

  test_remove_tree (dir);
}

static void
test_open_reopen (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, 20, "reopen-");
  g_autoptr(CalbookOutboxEntry) entry = calbook_outbox_entry_new ("cancel", "reopen-x", NULL);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *value = NULL;

  calbook_store_upsert_bookings (fixture->store, bookings, "watermark", "2027-01-01", &error);
  g_assert_no_error (error);
  calbook_store_outbox_add (fixture->store, entry, &error);
  g_assert_no_error (error);

  g_clear_object (&fixture->store);
  fixture->store = calbook_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (calbook_store_count_bookings (fixture->store, NULL, &error), ==, 20);
  again = calbook_store_query_bookings (fixture->store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 20);
  value = calbook_store_get_state (fixture->store, "watermark", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "2027-01-01");
  outbox = calbook_store_outbox_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 1);

  /* A second connection on the same file, as the sync has */
  {
    g_autoptr(CalbookStore) second = calbook_store_open (fixture->path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (calbook_store_count_bookings (second, NULL, &error), ==, 20);
    g_assert_no_error (error);
  }
}

static void
test_open_garbage (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "garbage.sqlite3", NULL);
  g_autofree char *text = g_build_filename (dir, "text.sqlite3", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 bytes[8192];

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  write_file (path, bytes, sizeof bytes);
  assert_refused (path, CALBOOK_STORE_ERROR_CORRUPT);

  write_file (text, (const guint8 *) "{\"not\": \"a database\"}\n", 23);
  assert_refused (text, CALBOOK_STORE_ERROR_CORRUPT);

  test_remove_tree (dir);
}

static void
test_open_truncated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(CalbookStore) store = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "account.sqlite3", NULL);
  g_autoptr(GBytes) whole = NULL;
  gsize length;

  store = calbook_store_open (path, &error);
  g_assert_no_error (error);
  fill_store (store, rand, 400);
  g_clear_object (&store);

  whole = read_file (path);
  length = g_bytes_get_size (whole);
  g_assert_cmpuint (length, >, 64 * 1024);

  /* Cut off the second half, as a full disk or a bad copy would; or all but
   * the first page, or part of the header */
  write_file (path, g_bytes_get_data (whole, NULL), length / 2);
  assert_refused (path, CALBOOK_STORE_ERROR_CORRUPT);
  write_file (path, g_bytes_get_data (whole, NULL), 4096);
  assert_refused (path, CALBOOK_STORE_ERROR_CORRUPT);
  write_file (path, g_bytes_get_data (whole, NULL), 1000);
  assert_refused (path, CALBOOK_STORE_ERROR_CORRUPT);
  write_file (path, g_bytes_get_data (whole, NULL), 50);
  assert_refused (path, CALBOOK_STORE_ERROR_CORRUPT);

  /* Scribble over pages in the middle of an otherwise whole file */
  {
    g_autofree guint8 *scribbled = g_memdup2 (g_bytes_get_data (whole, NULL), length);

    for (gsize i = length / 4; i < length / 4 + 3 * 4096; i++)
      scribbled[i] = g_rand_int_range (rand, 0, 256);
    write_file (path, scribbled, length);
    assert_damaged (path);
  }

  test_remove_tree (dir);
}

static void
test_open_damaged_inside (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "account.sqlite3", NULL);
  g_autofree guint8 *scribbled = NULL;
  gint64 page_size;
  gint64 root;
  gsize length;

  store = calbook_store_open (path, &error);
  g_assert_no_error (error);
  fill_store (store, rand, 400);
  g_clear_object (&store);

  /* Scribble over the first page of the bookings table only: header and
   * schema stay whole, as after a bad sector deep in a large file */
  page_size = query_raw_int (path, "PRAGMA page_size");
  root = query_raw_int (path, "SELECT rootpage FROM sqlite_schema WHERE name = 'bookings'");
  g_assert_cmpint (root, >, 1);
  before = read_file (path);
  length = g_bytes_get_size (before);
  g_assert_cmpint (root * page_size, <=, (gint64) length);
  scribbled = g_memdup2 (g_bytes_get_data (before, NULL), length);
  for (gint64 i = (root - 1) * page_size; i < root * page_size; i++)
    scribbled[i] = g_rand_int_range (rand, 0, 256);
  write_file (path, scribbled, length);
  g_clear_pointer (&before, g_bytes_unref);
  before = read_file (path);

  /* Opening stays cheap: it does not read the table, so it succeeds */
  store = calbook_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* The full check finds the damage, says so and names the file */
  g_assert_false (calbook_store_check_integrity (store, &error));
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT);
  g_test_message ("found damaged: %s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* Asking again gives the same answer: nothing was repaired meanwhile */
  g_assert_false (calbook_store_check_integrity (store, &error));
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* The quick check, after an unclean shutdown, finds it too */
  g_assert_false (calbook_store_run_check (store, CALBOOK_STORE_CHECK_QUICK, &error));
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* A connection that found damage refuses to write from then on, every
   * time, with the same clear message */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_false (calbook_store_ensure_sound (store, &error));
      g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, path));
      g_clear_error (&error);
    }
  g_clear_object (&store);

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));

  test_remove_tree (dir);
}

static void
test_open_foreign (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *other = g_build_filename (dir, "other.sqlite3", NULL);
  g_autofree char *other_id = g_build_filename (dir, "other-id.sqlite3", NULL);
  g_autofree char *extra = g_build_filename (dir, "extra.sqlite3", NULL);

  /* Another program's database, without an application id */
  exec_raw (other, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                   "INSERT INTO notes (text) VALUES ('keep me');");
  assert_refused (other, CALBOOK_STORE_ERROR_FOREIGN);

  /* One with another application id, even if empty */
  exec_raw (other_id, "PRAGMA application_id = 1234; VACUUM;");
  assert_refused (other_id, CALBOOK_STORE_ERROR_FOREIGN);

  /* Another program's, in WAL mode, that crashed with its data still in the
   * WAL: the WAL must not be copied into the file either */
  {
    g_autofree char *wal_db = g_build_filename (dir, "wal.sqlite3", NULL);
    g_autofree char *wal = g_strconcat (wal_db, "-wal", NULL);
    g_autoptr(GBytes) wal_before = NULL;

    exec_raw (wal_db, "PRAGMA journal_mode = WAL; CREATE TABLE a (x); INSERT INTO a VALUES (1);");
    exec_raw_in_wal (wal_db, "CREATE TABLE b (y); INSERT INTO b VALUES (2);");
    g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
    wal_before = read_file (wal);
    g_assert_cmpuint (g_bytes_get_size (wal_before), >, 0);

    assert_refused (wal_db, CALBOOK_STORE_ERROR_FOREIGN);
    g_assert_cmpint (query_raw_int (wal_db, "SELECT y FROM b"), ==, 2);
  }

  /* Ours, but someone added a table */
  store = calbook_store_open (extra, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  exec_raw (extra, "PRAGMA journal_mode = DELETE; CREATE TABLE intruder (x);");
  assert_refused (extra, CALBOOK_STORE_ERROR_FOREIGN);

  test_remove_tree (dir);
}

static void
test_open_too_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "account.sqlite3", NULL);

  store = calbook_store_open (path, &error);
  g_assert_no_error (error);
  fill_store (store, rand, 10);
  g_clear_object (&store);

  /* A later version, with a table this one does not know */
  exec_raw (path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;"
                  "CREATE TABLE reminders (uid TEXT);");
  assert_refused (path, CALBOOK_STORE_ERROR_TOO_NEW);

  test_remove_tree (dir);
}

static void
test_open_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *blocker = g_build_filename (dir, "file", NULL);
  g_autofree char *path = g_build_filename (blocker, "account.sqlite3", NULL);

  /* The folder cannot be made: a file is in the way */
  write_file (blocker, (const guint8 *) "x", 1);
  store = calbook_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_OPEN);
  g_clear_error (&error);

  /* A folder where the file should be */
  store = calbook_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_OPEN);
  g_test_message ("refused: %s", error->message);

  test_remove_tree (dir);
}

static void
test_integrity (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  fill_store (fixture->store, rand, 50);
  g_assert_true (calbook_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);
}

/* Issue 9: opening never pays for reading every page; a quick check only
 * after the file was not closed cleanly, a full one now and then */
static void
test_due_checks (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *long_ago = NULL;
  pid_t child;
  int status = 0;

  /* A new file needs nothing */
  fill_store (fixture->store, rand, 30);
  g_assert_cmpint (calbook_store_get_due_check (fixture->store), ==, CALBOOK_STORE_CHECK_NONE);

  /* Closed cleanly, opened again: nothing */
  g_clear_object (&fixture->store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  fixture->store = calbook_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (calbook_store_get_due_check (fixture->store), ==, CALBOOK_STORE_CHECK_NONE);
  g_clear_object (&fixture->store);

  /* A process that writes and dies without closing */
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      CalbookStore *store = calbook_store_open (fixture->path, NULL);

      if (store == NULL)
        _exit (1);
      fill_store (store, rand, 5);
      _exit (0);
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  fixture->store = calbook_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (calbook_store_get_due_check (fixture->store), ==, CALBOOK_STORE_CHECK_QUICK);

  /* Every connection of this process sees it, until a check passes */
  {
    g_autoptr(CalbookStore) second = calbook_store_open (fixture->path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (calbook_store_get_due_check (second), ==, CALBOOK_STORE_CHECK_QUICK);
    g_assert_true (calbook_store_run_check (second, CALBOOK_STORE_CHECK_QUICK, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (calbook_store_get_due_check (fixture->store), ==, CALBOOK_STORE_CHECK_NONE);
  g_assert_cmpuint (calbook_store_count_bookings (fixture->store, NULL, &error), ==, 35);

  /* A full check a week and more ago is due again, and passing it clears it */
  long_ago = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC - 8 * 86400);
  calbook_store_set_state (fixture->store, "store.last-full-check", long_ago, &error);
  g_assert_no_error (error);
  g_assert_cmpint (calbook_store_get_due_check (fixture->store), ==, CALBOOK_STORE_CHECK_FULL);
  g_assert_true (calbook_store_run_check (fixture->store, CALBOOK_STORE_CHECK_FULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (calbook_store_get_due_check (fixture->store), ==, CALBOOK_STORE_CHECK_NONE);
}

typedef struct
{
  const char *path;
  guint32     seed;
  guint       n_pages;
} Writer;

static gpointer
write_pages_in_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookStore) store = calbook_store_open (writer->path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (writer->seed);

  g_assert_no_error (error);
  for (guint i = 0; i < writer->n_pages; i++)
    {
      g_autoptr(GPtrArray) page = test_generate_bookings (rand, 50, "thread-");
      g_autofree char *watermark = g_strdup_printf ("%u", i);

      calbook_store_upsert_bookings (store, page, "watermark", watermark, &error);
      g_assert_no_error (error);
    }

  return NULL;
}

static void
test_two_connections (Fixture       *fixture,
                      gconstpointer  data)
{
  Writer writer = { fixture->path, seed, 20 };
  g_autoptr(GThread) thread = NULL;
  g_autofree char *watermark = NULL;
  guint last_count = 0;
  guint n_queued = 0;
  guint n_reads = 0;
  gboolean done = FALSE;

  /* The sync writes pages on its own connection in a worker thread while the
   * UI reads and queues changes on its own: neither blocks the other for
   * long, and every read sees whole pages only */
  thread = g_thread_new ("sync", write_pages_in_thread, &writer);

  while (!done)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CalbookOutboxEntry) entry = calbook_outbox_entry_new ("cancel", "x", NULL);
      guint count;

      count = calbook_store_count_bookings (fixture->store, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count % 50, ==, 0);
      g_assert_cmpuint (count, >=, last_count);
      last_count = count;
      done = count == writer.n_pages * 50;

      /* A person queues a change now and then, not in a busy loop (which
       * could starve the other connection: SQLite's locks are not fair) */
      if (n_reads++ % 10 == 0)
        {
          calbook_store_outbox_add (fixture->store, entry, &error);
          g_assert_no_error (error);
          n_queued++;
        }
      g_usleep (G_USEC_PER_SEC / 500);
    }

  g_thread_join (g_steal_pointer (&thread));

  watermark = calbook_store_get_state (fixture->store, "watermark", NULL);
  g_assert_cmpstr (watermark, ==, "19");
  {
    g_autoptr(GPtrArray) entries = calbook_store_outbox_list (fixture->store, NULL);

    g_assert_cmpuint (entries->len, ==, n_queued);
  }
}

static CalbookBooking *
booking_at (const char *uid,
            const char *start,
            const char *end)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"uid\":\"%s\",\"title\":\"Span\","
                                           "\"status\":\"accepted\",\"start\":\"%s\","
                                           "\"end\":\"%s\",\"hosts\":[]}", uid, start, end);
  CalbookBooking *booking = calbook_booking_new_from_json_string (json, -1, &error);

  g_assert_no_error (error);
  return booking;
}

static guint
count_in_range (CalbookStore *store,
                const char   *from,
                const char   *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (from, NULL);
  g_autoptr(GDateTime) end = g_date_time_new_from_iso8601 (to, NULL);
  g_autoptr(GPtrArray) found = NULL;
  guint count;

  filter->range_start = g_date_time_to_unix (start);
  filter->range_end = g_date_time_to_unix (end);
  count = calbook_store_count_bookings (store, filter, &error);
  g_assert_no_error (error);
  found = calbook_store_query_bookings (store, filter, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, count);

  return count;
}

static void
test_long_bookings (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookStore) other = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);

  /* Range queries also bound the start by the longest booking; a longer
   * one written later, here or by another connection, must still be found */
  g_ptr_array_add (page, booking_at ("short", "2027-05-10T09:00:00Z", "2027-05-10T09:30:00Z"));
  calbook_store_upsert_bookings (fixture->store, page, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_in_range (fixture->store, "2027-05-10T00:00:00Z",
                                    "2027-05-11T00:00:00Z"), ==, 1);

  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (page, booking_at ("week", "2027-05-04T09:00:00Z", "2027-05-11T09:00:00Z"));
  calbook_store_upsert_bookings (fixture->store, page, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_in_range (fixture->store, "2027-05-10T00:00:00Z",
                                    "2027-05-11T00:00:00Z"), ==, 2);

  other = calbook_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (page, booking_at ("year", "2026-06-01T00:00:00Z", "2027-06-01T00:00:00Z"));
  calbook_store_upsert_bookings (other, page, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_in_range (fixture->store, "2027-05-10T00:00:00Z",
                                    "2027-05-11T00:00:00Z"), ==, 3);

  /* and shrinking it again (the year-long one is gone) loses nothing */
  {
    g_autoptr(GPtrArray) uids = g_ptr_array_new ();

    g_ptr_array_add (uids, (gpointer) "year");
    calbook_store_delete_bookings (other, uids, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_in_range (fixture->store, "2027-05-10T00:00:00Z",
                                    "2027-05-11T00:00:00Z"), ==, 2);
  g_assert_cmpuint (count_in_range (fixture->store, "2027-05-11T08:59:59Z",
                                    "2027-05-11T09:00:00Z"), ==, 1);
  g_assert_cmpuint (count_in_range (fixture->store, "2027-05-11T09:00:00Z",
                                    "2027-05-12T00:00:00Z"), ==, 0);
}

/* Tests: outbox, sync state, members */

static void
test_outbox (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) added = NULL;
  const char *kinds[] = { "create", "reschedule", "cancel", "confirm", "guests" };
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 last_id = 0;
  CalbookOutboxEntry *entry;

  added = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_outbox_entry_free);
  entries = calbook_store_outbox_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *uid = g_strdup_printf ("booking-%u", i);
      g_autofree char *payload = g_strdup_printf ("{\"n\":%u,\"text\":\"Ünïcødé ‘%u’\"}",
                                                  i, i);
      gint64 id;

      entry = calbook_outbox_entry_new (kinds[i], i == 0 ? NULL : uid, i == 3 ? NULL : payload);
      g_assert_nonnull (entry->client_request_id);
      g_assert_cmpint (entry->state, ==, CALBOOK_OUTBOX_STATE_QUEUED);

      id = calbook_store_outbox_add (fixture->store, entry, &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, last_id);
      g_assert_cmpint (entry->id, ==, id);
      g_assert_cmpint (entry->created_at, >=, before);
      g_assert_cmpint (entry->created_at, <=, g_get_real_time () / G_USEC_PER_SEC);
      last_id = id;
      g_ptr_array_add (added, entry);
    }

  entries = calbook_store_outbox_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, added->len);
  for (guint i = 0; i < entries->len; i++)
    {
      CalbookOutboxEntry *a = g_ptr_array_index (added, i);
      CalbookOutboxEntry *b = g_ptr_array_index (entries, i);

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpstr (a->kind, ==, b->kind);
      g_assert_cmpstr (a->booking_uid, ==, b->booking_uid);
      g_assert_cmpstr (a->payload, ==, b->payload);
      g_assert_cmpstr (a->client_request_id, ==, b->client_request_id);
      g_assert_cmpint (a->state, ==, b->state);
      g_assert_cmpuint (a->attempts, ==, b->attempts);
      g_assert_cmpstr (a->last_error, ==, b->last_error);
      g_assert_cmpint (a->created_at, ==, b->created_at);
    }
  g_assert_cmpstr (((CalbookOutboxEntry *) g_ptr_array_index (entries, 3))->payload, ==, "{}");

  /* Update: state, attempts, error and payload change; the rest stays */
  entry = calbook_outbox_entry_copy (g_ptr_array_index (entries, 1));
  entry->state = CALBOOK_OUTBOX_STATE_FAILED;
  entry->attempts = 3;
  entry->last_error = g_strdup ("The slot is no longer free");
  g_free (entry->payload);
  entry->payload = g_strdup ("{\"start\":\"2027-01-02T10:00:00Z\"}");
  calbook_store_outbox_update (fixture->store, entry, &error);
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);

  entries = calbook_store_outbox_list (fixture->store, &error);
  g_assert_no_error (error);
  {
    CalbookOutboxEntry *stored = g_ptr_array_index (entries, 1);

    g_assert_cmpint (stored->state, ==, CALBOOK_OUTBOX_STATE_FAILED);
    g_assert_cmpuint (stored->attempts, ==, 3);
    g_assert_cmpstr (stored->last_error, ==, "The slot is no longer free");
    g_assert_cmpstr (stored->payload, ==, entry->payload);
    g_assert_cmpstr (stored->kind, ==, "reschedule");
    g_assert_cmpstr (stored->client_request_id, ==, entry->client_request_id);
  }
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Remove the middle one; order of the rest is kept */
  calbook_store_outbox_remove (fixture->store, entry->id, &error);
  g_assert_no_error (error);
  entries = calbook_store_outbox_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, added->len - 1);
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpint (((CalbookOutboxEntry *) g_ptr_array_index (entries, i))->id, !=, entry->id);
  for (guint i = 1; i < entries->len; i++)
    g_assert_cmpint (((CalbookOutboxEntry *) g_ptr_array_index (entries, i - 1))->id, <,
                     ((CalbookOutboxEntry *) g_ptr_array_index (entries, i))->id);

  /* Gone means gone */
  calbook_store_outbox_update (fixture->store, entry, &error);
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  calbook_store_outbox_remove (fixture->store, entry->id, &error);
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  calbook_outbox_entry_free (entry);

  /* Ids are never reused, even after the newest one is removed */
  calbook_store_outbox_remove (fixture->store, last_id, &error);
  g_assert_no_error (error);
  entry = calbook_outbox_entry_new ("decline", "booking-9", "{\"reason\":\"Sick\"}");
  g_assert_cmpint (calbook_store_outbox_add (fixture->store, entry, &error), >, last_id);
  g_assert_no_error (error);
  calbook_outbox_entry_free (entry);
}

static void
test_state (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *other = NULL;
  g_autofree char *removed = NULL;

  missing = calbook_store_get_state (fixture->store, "watermark", &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  calbook_store_set_state (fixture->store, "watermark", "2027-01-01T00:00:00Z", &error);
  g_assert_no_error (error);
  calbook_store_set_state (fixture->store, "profile", "{\"name\":\"Zoë\"}", &error);
  g_assert_no_error (error);
  first = calbook_store_get_state (fixture->store, "watermark", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "2027-01-01T00:00:00Z");

  calbook_store_set_state (fixture->store, "watermark", "2027-02-01T00:00:00Z", &error);
  g_assert_no_error (error);
  second = calbook_store_get_state (fixture->store, "watermark", &error);
  g_assert_cmpstr (second, ==, "2027-02-01T00:00:00Z");
  other = calbook_store_get_state (fixture->store, "profile", &error);
  g_assert_cmpstr (other, ==, "{\"name\":\"Zoë\"}");

  calbook_store_set_state (fixture->store, "watermark", NULL, &error);
  g_assert_no_error (error);
  removed = calbook_store_get_state (fixture->store, "watermark", &error);
  g_assert_no_error (error);
  g_assert_null (removed);
}

static CalbookPerson *
make_member (gint64      user_id,
             const char *name,
             const char *role)
{
  g_autofree char *email = g_strdup_printf ("user%" G_GINT64_FORMAT "@example.org", user_id);
  CalbookPerson *person = calbook_person_new (name, email);

  person->user_id = user_id;
  person->username = g_strdup_printf ("user%" G_GINT64_FORMAT, user_id);
  person->role = g_strdup (role);
  person->time_zone = g_strdup ("Europe/Vienna");
  return person;
}

static void
test_members (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) listed = NULL;

  members = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_person_unref);
  g_ptr_array_add (members, make_member (3, "zoë Zimmer", "MEMBER"));
  g_ptr_array_add (members, make_member (1, "Anna Admin", "OWNER"));
  g_ptr_array_add (members, make_member (2, "bruno Berg", "ADMIN"));

  calbook_store_replace_members (fixture->store, members, &error);
  g_assert_no_error (error);
  listed = calbook_store_list_members (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  g_assert_cmpstr (((CalbookPerson *) g_ptr_array_index (listed, 0))->name, ==, "Anna Admin");
  g_assert_cmpstr (((CalbookPerson *) g_ptr_array_index (listed, 1))->name, ==, "bruno Berg");
  g_assert_cmpstr (((CalbookPerson *) g_ptr_array_index (listed, 2))->name, ==, "zoë Zimmer");
  g_assert_true (calbook_person_equal (g_ptr_array_index (listed, 0),
                                       g_ptr_array_index (members, 1)));
  g_assert_true (calbook_person_equal (g_ptr_array_index (listed, 2),
                                       g_ptr_array_index (members, 0)));
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* Replacing drops the members that left */
  g_ptr_array_remove_index (members, 0);
  calbook_store_replace_members (fixture->store, members, &error);
  g_assert_no_error (error);
  listed = calbook_store_list_members (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpint (((CalbookPerson *) g_ptr_array_index (listed, 0))->user_id, ==, 1);
  g_assert_cmpint (((CalbookPerson *) g_ptr_array_index (listed, 1))->user_id, ==, 2);
}

/* Tests: bookings */

static void
test_bookings_get_delete (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, 30, "del-");
  g_autoptr(GPtrArray) uids = NULL;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  g_autoptr(CalbookBooking) missing = NULL;

  calbook_store_upsert_bookings (fixture->store, bookings, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Upserting the same page again replaces, never duplicates */
  calbook_store_upsert_bookings (fixture->store, bookings, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calbook_store_count_bookings (fixture->store, NULL, &error), ==, 30);

  uids = calbook_store_list_uids (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (uids->len, ==, 30);
  for (guint i = 1; i < uids->len; i++)
    g_assert_cmpint (strcmp (g_ptr_array_index (uids, i - 1), g_ptr_array_index (uids, i)), <, 0);

  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (doomed, (gpointer) calbook_booking_get_uid (g_ptr_array_index (bookings, i)));
  g_ptr_array_add (doomed, (gpointer) "never-stored");
  calbook_store_delete_bookings (fixture->store, doomed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calbook_store_count_bookings (fixture->store, NULL, &error), ==, 20);

  /* The same uid twice in a page with the same updatedAt (Cal.com changes
   * some things without a new stamp): the last one wins */
  {
    CalbookBooking *original = g_ptr_array_index (bookings, 20);
    g_autoptr(CalbookBooking) changed =
      generate_booking_updated_at (rand, calbook_booking_get_uid (original),
                                   calbook_booking_get_updated_at (original));
    g_autoptr(GPtrArray) twice = g_ptr_array_new ();
    g_autoptr(CalbookBooking) stored = NULL;

    g_ptr_array_add (twice, changed);
    g_ptr_array_add (twice, original);
    calbook_store_upsert_bookings (fixture->store, twice, NULL, NULL, &error);
    g_assert_no_error (error);
    stored = calbook_store_get_booking (fixture->store, calbook_booking_get_uid (original), &error);
    g_assert_true (calbook_booking_equal (stored, original));
    g_clear_object (&stored);

    g_ptr_array_set_size (twice, 0);
    g_ptr_array_add (twice, original);
    g_ptr_array_add (twice, changed);
    calbook_store_upsert_bookings (fixture->store, twice, NULL, NULL, &error);
    g_assert_no_error (error);
    stored = calbook_store_get_booking (fixture->store, calbook_booking_get_uid (original), &error);
    g_assert_true (calbook_booking_equal (stored, changed));
    g_clear_object (&stored);

    /* Back as it was, for the checks below */
    g_ptr_array_set_size (twice, 0);
    g_ptr_array_add (twice, original);
    calbook_store_upsert_bookings (fixture->store, twice, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (calbook_store_check_integrity (fixture->store, &error));
    g_assert_no_error (error);
  }

  /* The stored text, byte for byte, for the sync to compare with */
  {
    CalbookBooking *kept = g_ptr_array_index (bookings, 15);
    g_autofree char *text = calbook_store_dup_booking_json (fixture->store,
                                                            calbook_booking_get_uid (kept), &error);
    g_autofree char *expected = calbook_booking_to_json_string (kept);
    g_autofree char *none = calbook_store_dup_booking_json (fixture->store,
                                                            g_ptr_array_index (doomed, 0), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, expected);
    g_assert_null (none);
  }

  missing = calbook_store_get_booking (fixture->store, g_ptr_array_index (doomed, 0), &error);
  g_assert_null (missing);
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The search index forgot them too */
  g_assert_true (calbook_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);
      const char *uid = calbook_booking_get_uid (booking);
      g_autoptr(CalbookBooking) stored = calbook_store_get_booking (fixture->store, uid,
                                                                    i < 10 ? NULL : &error);

      g_assert_no_error (error);
      g_assert_true (i < 10 ? stored == NULL : calbook_booking_equal (stored, booking));
    }
}

static void
test_bookings_atomic_page (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) first = test_generate_bookings (rand, 5, "first-");
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CalbookBookingFilter) search = calbook_booking_filter_new ();
  g_autoptr(CalbookBooking) changed = NULL;
  g_autofree char *changed_json = NULL;
  g_autofree char *watermark = NULL;
  g_autoptr(CalbookBooking) still = NULL;
  CalbookBooking *original;

  calbook_store_upsert_bookings (fixture->store, first, "watermark", "1", &error);
  g_assert_no_error (error);

  /* The page: a change to a stored booking, new ones, and in the middle one
   * the database refuses (a trigger stands in for a failing constraint or a
   * full disk at exactly that row) */
  original = g_ptr_array_index (first, 0);
  changed_json = test_generate_booking_json (rand, calbook_booking_get_uid (original));
  changed = calbook_booking_new_from_json_string (changed_json, -1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (page, g_object_ref (changed));
  g_ptr_array_add (page, test_generate_booking (rand, "page-new-1"));
  g_ptr_array_add (page, test_generate_booking (rand, "poison"));
  g_ptr_array_add (page, test_generate_booking (rand, "page-new-2"));

  exec_raw (fixture->path,
            "CREATE TRIGGER test_poison BEFORE INSERT ON bookings WHEN new.uid = 'poison' "
            "BEGIN SELECT RAISE (ABORT, 'injected failure'); END;");

  g_assert_false (calbook_store_upsert_bookings (fixture->store, page, "watermark", "2", &error));
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_QUERY);
  g_test_message ("page refused: %s", error->message);
  g_clear_error (&error);

  /* Nothing of the page, and not the watermark */
  g_assert_cmpuint (calbook_store_count_bookings (fixture->store, NULL, &error), ==, 5);
  watermark = calbook_store_get_state (fixture->store, "watermark", &error);
  g_assert_cmpstr (watermark, ==, "1");
  still = calbook_store_get_booking (fixture->store, calbook_booking_get_uid (changed), &error);
  g_assert_no_error (error);
  g_assert_true (calbook_booking_equal (still, g_ptr_array_index (first, 0)));
  g_assert_null (calbook_store_get_booking (fixture->store, "page-new-1", NULL));
  calbook_booking_filter_set_text (search, calbook_booking_get_title (g_ptr_array_index (page, 1)));
  {
    g_autoptr(GPtrArray) found = NULL;

    found = calbook_store_query_bookings (fixture->store, search, 0, 0, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < found->len; i++)
      g_assert_cmpstr (calbook_booking_get_uid (g_ptr_array_index (found, i)), !=, "page-new-1");
  }
  g_assert_true (calbook_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);

  /* With the obstacle gone the same page goes in whole */
  exec_raw (fixture->path, "DROP TRIGGER test_poison;");
  calbook_store_upsert_bookings (fixture->store, page, "watermark", "2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calbook_store_count_bookings (fixture->store, NULL, &error), ==, 8);
  g_clear_pointer (&watermark, g_free);
  watermark = calbook_store_get_state (fixture->store, "watermark", &error);
  g_assert_cmpstr (watermark, ==, "2");
}

static CalbookBooking *
booking_with_title (const char *uid,
                    const char *title,
                    gint64      host_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"uid\":\"%s\",\"title\":\"%s\","
                                           "\"status\":\"accepted\","
                                           "\"start\":\"2027-03-01T10:00:00Z\","
                                           "\"end\":\"2027-03-01T10:30:00Z\","
                                           "\"hosts\":[{\"id\":%" G_GINT64_FORMAT ","
                                           "\"name\":\"Host\",\"email\":\"h@example.org\"}]}",
                                           uid, title, host_id);
  CalbookBooking *booking = calbook_booking_new_from_json_string (json, -1, &error);

  g_assert_no_error (error);
  return booking;
}

static void
test_bookings_search_syntax (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *texts[] = {
    "AND OR NEAR( \\\" * -", "\\\"", "*", "NEAR(a b)", "a AND", "-x", "col:value", "^start",
    "{a b}", "'); DROP TABLE bookings; --", "+", "\\\\", "\\\"\\\"", "NOT", "(", ")",
  };
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *uid = g_strdup_printf ("syntax-%u", i);

      g_ptr_array_add (page, booking_with_title (uid, texts[i], 1));
    }
  g_ptr_array_add (page, booking_with_title ("plain", "Dental check-up", 2));

  calbook_store_upsert_bookings (fixture->store, page, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Search with the raw text (unescaped) of each title: the store answers,
   * never fails, and agrees with the reference */
  for (guint i = 0; i < page->len; i++)
    {
      const char *title = calbook_booking_get_title (g_ptr_array_index (page, i));
      g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
      g_autoptr(GPtrArray) expected = NULL;
      g_autoptr(GPtrArray) found = NULL;

      calbook_booking_filter_set_text (filter, title);
      found = calbook_store_query_bookings (fixture->store, filter, 0, 0, &error);
      g_assert_no_error (error);
      expected = test_filter_bookings (filter, page);
      assert_same_uids (expected, found, filter, i);
      g_assert_cmpuint (calbook_store_count_bookings (fixture->store, filter, &error), ==,
                        expected->len);
      g_assert_no_error (error);
    }

  /* The bookings table survived the "injection" */
  g_assert_cmpuint (calbook_store_count_bookings (fixture->store, NULL, &error), ==, page->len);

  /* Words match by prefix, without case or accents */
  {
    g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
    g_autoptr(GPtrArray) found = NULL;

    calbook_booking_filter_set_text (filter, "DÉNT chec");
    found = calbook_store_query_bookings (fixture->store, filter, 0, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (calbook_booking_get_uid (g_ptr_array_index (found, 0)), ==, "plain");

    calbook_booking_filter_set_text (filter, "ental");
    g_assert_cmpuint (calbook_store_count_bookings (fixture->store, filter, &error), ==, 0);
  }
}

static void
test_bookings_damaged_row (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, 10, "dmg-");
  g_autoptr(CalbookBooking) broken = NULL;
  g_autoptr(CalbookBooking) fine = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autofree char *sql = NULL;
  const char *uid = calbook_booking_get_uid (g_ptr_array_index (bookings, 3));

  calbook_store_upsert_bookings (fixture->store, bookings, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Damage one row behind the store's back (a bad disk, a foreign tool) */
  sql = g_strdup_printf ("UPDATE booking_data SET json = '{\"uid\": 42' WHERE id ="
                         " (SELECT id FROM bookings WHERE uid = '%s');", uid);
  exec_raw (fixture->path, sql);

  broken = calbook_store_get_booking (fixture->store, uid, &error);
  g_assert_null (broken);
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, uid));
  g_clear_error (&error);

  page = calbook_store_query_bookings (fixture->store, NULL, 0, 0, &error);
  g_assert_null (page);
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* The rest is still there, and nothing was thrown away */
  fine = calbook_store_get_booking (fixture->store,
                                    calbook_booking_get_uid (g_ptr_array_index (bookings, 4)),
                                    &error);
  g_assert_no_error (error);
  g_assert_true (calbook_booking_equal (fine, g_ptr_array_index (bookings, 4)));
  g_assert_cmpuint (calbook_store_count_bookings (fixture->store, NULL, &error), ==, 10);

  /* The next sync of that booking repairs it */
  {
    g_autoptr(GPtrArray) again = g_ptr_array_new ();

    g_ptr_array_add (again, g_ptr_array_index (bookings, 3));
    calbook_store_upsert_bookings (fixture->store, again, NULL, NULL, &error);
    g_assert_no_error (error);
    broken = calbook_store_get_booking (fixture->store, uid, &error);
    g_assert_no_error (error);
    g_assert_true (calbook_booking_equal (broken, g_ptr_array_index (bookings, 3)));
  }
}

static void
assert_words (const char *text,
              const char *expected)
{
  g_autoptr(GPtrArray) words = _calbook_booking_filter_split_words (text);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? " " : "",
                            (char *) g_ptr_array_index (words, i));

  g_assert_cmpstr (joined->str, ==, expected);
}

static void
test_filter_words (void)
{
  g_autofree char *long_word = g_strnfill (100, 'a');
  g_autofree char *cut_word = g_strnfill (64, 'a');

  /* The examples of the rule in calbook-booking-filter.h */
  assert_words ("Élodie O'Brien-Smith", "elodie o brien smith");
  assert_words ("ＡＢＣ", "abc");
  assert_words ("Straße İstanbul ﬁne x² Dvořák", "strasse istanbul fine x2 dvorak");
  assert_words ("ΣΊΣΥΦΟΣ σίσυφος", "σισυφοσ σισυφοσ");
  assert_words ("AND OR NEAR( \" * -", "and or near");
  assert_words ("  \t-*\"() ", "");
  assert_words (NULL, "");
  assert_words ("日本語 한국어", "日本語 한국어");
  assert_words ("alice.smith@example.org", "alice smith example org");
  assert_words (long_word, cut_word);

  /* Plain ASCII pieces take a shortcut; any text must give the words of the
   * full rule, whatever mix of ASCII, accents, marks, compatibility
   * characters, case-folding expansions and broken UTF-8 it holds */
  {
    static const char * const pieces[] = {
      "a", "Z", "9", "x", "Q", "0", "m", "K", "é", "e\u0301", "\u0301", "ﬁ", "…", "ß", "İ",
      "\u00a0", "Σ", "ς", "２", "½", "🙂", "日", "\xff", "\xe2\x82", "Ǆ", "ŉ",
    };
    g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

    for (guint i = 0; i < 400; i++)
      {
        g_autoptr(GString) text = g_string_new (NULL);
        g_autoptr(GPtrArray) fast = NULL;
        g_autoptr(GPtrArray) full = NULL;
        guint length = g_rand_int_range (rand, 0, 90);
        /* Half the texts plain ASCII, the other half mixed */
        guint n_pieces = i % 2 == 0 ? 8 : G_N_ELEMENTS (pieces);

        for (guint k = 0; k < length; k++)
          {
            /* Mostly letters and digits, so that long words happen too */
            if (g_rand_int_range (rand, 0, 4) == 0)
              g_string_append_c (text, (char) g_rand_int_range (rand, 1, 128));
            else
              g_string_append (text, pieces[g_rand_int_range (rand, 0, n_pieces)]);
          }

        fast = _calbook_booking_filter_split_words (text->str);
        full = _calbook_booking_filter_split_words_by_full_rule (text->str);

        for (guint k = 0; k < MAX (fast->len, full->len); k++)
          {
            const char *got = k < fast->len ? g_ptr_array_index (fast, k) : "(none)";
            const char *want = k < full->len ? g_ptr_array_index (full, k) : "(none)";

            if (!g_str_equal (got, want))
              g_error ("case %u: word %u of “%s” is “%s”, by the full rule “%s” (seed %u)", i, k,
                       text->str, got, want, seed);
          }
      }
  }
}

/* The words the store writes for a booking are those of the full rule on
 * each searchable text, each word once, in order of first appearance, also
 * when a text comes again (the words of non-ASCII pieces are remembered) */
static void
append_full_rule_words (GPtrArray  *words,
                        const char *text)
{
  g_autoptr(GPtrArray) full = _calbook_booking_filter_split_words_by_full_rule (text);

  for (guint i = 0; i < full->len; i++)
    g_ptr_array_add (words, g_strdup (g_ptr_array_index (full, i)));
}

static void
test_booking_words (void)
{
  static const char * const pieces[] = {
    "a", "Z", "9", "x", " ", "-", "@", ".", "é", "e\u0301", "\u0301", "ﬁ", "ß", "İ", "Σ",
    "ς", "２", "日", "Ǆ", "ŉ", "Müller", "DVOŘÁK", "anna",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *generated = test_generate_booking_json (rand, "words");
      g_autoptr(JsonNode) node = json_from_string (generated, NULL);
      JsonObject *object = json_node_get_object (node);
      g_autoptr(CalbookBooking) booking = NULL;
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *json = NULL;
      g_autofree char *got = NULL;
      g_autofree char *again = NULL;
      g_autoptr(GError) error = NULL;
      const char *fields[] = { "title", "description" };

      /* Random mixes, some long, some repeating earlier words */
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          guint length = g_rand_int_range (rand, 0, 120);

          for (guint k = 0; k < length; k++)
            g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
          /* Now and then hundreds of words, each twice */
          for (guint k = 0; i % 10 == 0 && k < 600; k++)
            g_string_append_printf (text, " W%u", k % 300);
          json_object_set_string_member (object, fields[f], text->str);
        }

      json = json_to_string (node, FALSE);
      booking = calbook_booking_new_from_json_string (json, -1, &error);
      g_assert_no_error (error);

      append_full_rule_words (words, calbook_booking_get_title (booking));
      append_full_rule_words (words, calbook_booking_get_description (booking));
      append_full_rule_words (words, calbook_booking_get_location (booking));
      append_full_rule_words (words, calbook_booking_get_notes (booking));
      for (guint k = 0; k < 2; k++)
        {
          GPtrArray *people = k == 0 ? calbook_booking_get_hosts (booking)
                                     : calbook_booking_get_attendees (booking);

          for (guint n = 0; n < people->len; n++)
            {
              CalbookPerson *person = g_ptr_array_index (people, n);

              append_full_rule_words (words, person->name);
              append_full_rule_words (words, person->email);
            }
        }
      for (guint k = 0; k < words->len; k++)
        {
          if (!g_hash_table_add (seen, g_ptr_array_index (words, k)))
            continue;
          g_string_append_printf (expected, "%s%s", expected->len > 0 ? " " : "",
                                  (const char *) g_ptr_array_index (words, k));
        }

      got = _calbook_booking_filter_dup_words (booking);
      again = _calbook_booking_filter_dup_words (booking);
      if (!g_str_equal (got, expected->str) || !g_str_equal (again, expected->str))
        g_error ("case %u: words “%s” then “%s”, by the full rule “%s” (seed %u)", i, got, again,
                 expected->str, seed);
    }
}

/* A person's sort key is their label folded and composed by the Unicode
 * rules; plain ASCII takes a shortcut that must give the same key */
static void
test_person_key (void)
{
  static const char * const pieces[] = {
    "a", "Z", "q", "M", " ", "-", "@", ".", "'", "0", "é", "e\u0301", "ß", "İ", "Σ", "ﬁ", "Ǆ",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(GString) label = g_string_new (NULL);
      g_autoptr(CalbookPerson) person = NULL;
      g_autofree char *composed = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *key = NULL;
      guint length = g_rand_int_range (rand, 1, 30);
      /* Half the labels plain ASCII */
      guint n_pieces = i % 2 == 0 ? 10 : G_N_ELEMENTS (pieces);

      for (guint k = 0; k < length; k++)
        g_string_append (label, pieces[g_rand_int_range (rand, 0, n_pieces)]);

      person = calbook_person_new (label->str, NULL);
      composed = g_utf8_normalize (label->str, -1, G_NORMALIZE_ALL_COMPOSE);
      expected = g_utf8_casefold (composed, -1);
      key = _calbook_booking_column_dup_person_key (person);
      if (!g_str_equal (key, expected))
        g_error ("case %u: key “%s” of “%s”, by the full rule “%s” (seed %u)", i, key,
                 label->str, expected, seed);
    }
}

/* Property tests */

static void
test_property_round_trip (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < 150; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uid = g_strdup_printf ("round-%u-%08x", i, g_rand_int (rand));
      g_autofree char *json = test_generate_booking_json (rand, uid);
      g_autoptr(CalbookBooking) booking = calbook_booking_new_from_json_string (json, -1, &error);
      g_autoptr(GPtrArray) page = g_ptr_array_new ();
      g_autoptr(CalbookBooking) stored = NULL;

      g_assert_no_error (error);
      g_ptr_array_add (page, booking);
      calbook_store_upsert_bookings (fixture->store, page, NULL, NULL, &error);
      g_assert_no_error (error);

      stored = calbook_store_get_booking (fixture->store, uid, &error);
      g_assert_no_error (error);
      if (!calbook_booking_equal (booking, stored))
        g_error ("case %u: %s does not come back equal from the store (seed %u, replay with "
                 "CALBOOK_TEST_SEED=%u)", i, json, seed, seed);
    }

  /* Everything also comes back equal through a query */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) all = calbook_store_query_bookings (fixture->store, NULL, 0, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 150);
  }
}

static void
test_property_filter (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint case_number = 0;
  guint non_empty = 0;
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &other, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);

  for (guint world = 0; world < 8; world++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, 80, "f-");
      g_autoptr(GPtrArray) old_uids = calbook_store_list_uids (fixture->store, &error);

      /* A fresh set each world, through delete as the sync does */
      calbook_store_delete_bookings (fixture->store, old_uids, &error);
      g_assert_no_error (error);
      calbook_store_upsert_bookings (fixture->store, bookings, NULL, NULL, &error);
      g_assert_no_error (error);

      /* Both plans of a search and of a filter by members, in every
       * combination: from their matches, or along the order */
      _calbook_store_set_text_first_max (fixture->store, world % 2 == 0 ? 0 : G_MAXINT64);
      _calbook_store_set_people_first_max (fixture->store, world / 2 % 2 == 0 ? 0 : G_MAXINT64);

      for (guint i = 0; i < 40; i++, case_number++)
        {
          g_autoptr(CalbookBookingFilter) filter = test_generate_filter (rand, bookings);
          g_autoptr(GPtrArray) expected = test_filter_bookings (filter, bookings);
          g_autoptr(GPtrArray) found = NULL;
          guint count;
          guint offset;
          guint limit;

          found = calbook_store_query_bookings (fixture->store, filter, 0, 0, &error);
          g_assert_no_error (error);
          assert_same_uids (expected, found, filter, case_number);

          /* Summaries are the same rows in the same order, from columns */
          {
            g_autoptr(GPtrArray) summaries = calbook_store_query_summaries (fixture->store, filter,
                                                                            0, 0, &error);

            g_assert_no_error (error);
            g_assert_cmpuint (summaries->len, ==, expected->len);
            for (guint k = 0; k < summaries->len; k++)
              g_assert_cmpstr (calbook_booking_summary_get_uid (g_ptr_array_index (summaries, k)),
                               ==, calbook_booking_get_uid (g_ptr_array_index (expected, k)));

            /* and a seek from a summary finds the same neighbours */
            if (summaries->len > 1)
              {
                guint at = g_rand_int_range (rand, 0, summaries->len);
                g_autoptr(GPtrArray) after =
                  _calbook_store_query_bookings_from (fixture->store, filter,
                                                      g_ptr_array_index (summaries, at),
                                                      FALSE, 5, &error);

                g_assert_no_error (error);
                g_assert_cmpuint (after->len, ==, MIN (5, summaries->len - at - 1));
                for (guint k = 0; k < after->len; k++)
                  g_assert_cmpstr (calbook_booking_summary_get_uid (g_ptr_array_index (after, k)),
                                   ==,
                                   calbook_booking_summary_get_uid (g_ptr_array_index (summaries,
                                                                                      at + 1 + k)));
              }
          }

          count = calbook_store_count_bookings (fixture->store, filter, &error);
          g_assert_no_error (error);
          if (count != expected->len)
            {
              g_autofree char *description = test_describe_filter (filter);

              g_error ("case %u: count %u, expected %u for %s (seed %u)", case_number, count,
                       expected->len, description, seed);
            }
          if (expected->len > 0)
            non_empty++;

          /* Another connection, with the conditions the store hands out */
          {
            g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM bookings AS b WHERE 1");
            sqlite3_stmt *stmt = NULL;

            _calbook_store_append_filter_sql (sql, filter);
            g_assert_cmpint (sqlite3_prepare_v2 (other, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
            g_assert_true (_calbook_store_bind_filter (stmt, filter, &error));
            g_assert_no_error (error);
            g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
            g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, expected->len);
            sqlite3_finalize (stmt);
          }

          /* Continuing from a row, either way, gives its neighbours */
          if (expected->len > 0)
            {
              guint at = g_rand_int_range (rand, 0, expected->len);
              guint n = g_rand_int_range (rand, 1, 20);
              g_autoptr(GPtrArray) after = NULL;
              g_autoptr(GPtrArray) before = NULL;
              guint n_after = MIN (n, expected->len - at - 1);
              guint n_before = MIN (n, at);

              after = _calbook_store_query_bookings_from (fixture->store, filter,
                                                          g_ptr_array_index (expected, at),
                                                          FALSE, n, &error);
              g_assert_no_error (error);
              before = _calbook_store_query_bookings_from (fixture->store, filter,
                                                           g_ptr_array_index (expected, at),
                                                           TRUE, n, &error);
              g_assert_no_error (error);

              if (after->len != n_after || before->len != n_before)
                g_error ("case %u: %u after and %u before row %u, expected %u and %u (seed %u)",
                         case_number, after->len, before->len, at, n_after, n_before, seed);
              for (guint k = 0; k < after->len; k++)
                g_assert_true (calbook_booking_equal (g_ptr_array_index (after, k),
                                                      g_ptr_array_index (expected, at + 1 + k)));
              for (guint k = 0; k < before->len; k++)
                g_assert_true (calbook_booking_equal (g_ptr_array_index (before, k),
                                                      g_ptr_array_index (expected,
                                                                         at - n_before + k)));
            }

          /* A page is the same slice of the same order */
          offset = g_rand_int_range (rand, 0, expected->len + 2);
          limit = g_rand_int_range (rand, 1, 20);
          g_clear_pointer (&found, g_ptr_array_unref);
          found = calbook_store_query_bookings (fixture->store, filter, offset, limit, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (found->len, ==,
                            MIN (limit, expected->len - MIN (offset, expected->len)));
          for (guint k = 0; k < found->len; k++)
            {
              if (!calbook_booking_equal (g_ptr_array_index (found, k),
                                          g_ptr_array_index (expected, offset + k)))
                {
                  g_autofree char *description = test_describe_filter (filter);

                  g_error ("case %u: page at %u+%u differs at %u for %s (seed %u)", case_number,
                           offset, limit, k, description, seed);
                }
            }
        }
    }

  sqlite3_close (other);

  /* The generator must give the comparison something to bite on */
  g_assert_cmpuint (case_number, >=, 100);
  g_assert_cmpuint (non_empty, >=, case_number / 4);
}

static void
test_property_user_scope (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, 200, "scope-");
  guint cases = 0;

  calbook_store_upsert_bookings (fixture->store, bookings, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 120; i++, cases++)
    {
      g_autoptr(CalbookBookingFilter) filter = test_generate_filter (rand, bookings);
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GHashTable) in_scope = g_hash_table_new (g_str_hash, g_str_equal);
      gint64 user = g_rand_int_range (rand, 1, 7);

      filter->user_id = user;
      found = calbook_store_query_bookings (fixture->store, filter, 0, 0, &error);
      g_assert_no_error (error);

      for (guint k = 0; k < found->len; k++)
        {
          CalbookBooking *booking = g_ptr_array_index (found, k);

          g_hash_table_add (in_scope, (gpointer) calbook_booking_get_uid (booking));
          if (!calbook_booking_involves_user (booking, user, filter->user_email))
            g_error ("case %u: %s does not involve user %" G_GINT64_FORMAT " but is in their "
                     "scope (seed %u)", i, calbook_booking_get_uid (booking), user, seed);
        }

      /* and every one of theirs that passes the rest of the filter is there */
      for (guint k = 0; k < bookings->len; k++)
        {
          CalbookBooking *booking = g_ptr_array_index (bookings, k);

          if (calbook_booking_filter_matches (filter, booking) &&
              !g_hash_table_contains (in_scope, calbook_booking_get_uid (booking)))
            g_error ("case %u: %s is missing from user %" G_GINT64_FORMAT "'s scope (seed %u)",
                     i, calbook_booking_get_uid (booking), user, seed);
        }
    }

  g_assert_cmpuint (cases, >=, 100);
}

typedef struct
{
  GAsyncResult *result;
} CountWait;

static void
on_counted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CountWait *wait = user_data;

  wait->result = g_object_ref (result);
}

/* calbook_store_count_bookings_async() and _finish(); FALSE with @error */
static gboolean
count_async (CalbookStore               *store,
             const CalbookBookingFilter *filter,
             GCancellable               *cancellable,
             guint                      *out_count,
             GError                    **error)
{
  CountWait wait = { NULL };
  gboolean ok;

  calbook_store_count_bookings_async (store, filter, cancellable, on_counted_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ok = calbook_store_count_bookings_finish (store, wait.result, out_count, error);
  g_object_unref (wait.result);

  return ok;
}

/* The count off the main thread is the count, for any filter; a cancelled
 * one gives no count but G_IO_ERROR_CANCELLED */
static void
test_property_count_async (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, 300, "count-");
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(CalbookBookingFilter) broad = calbook_booking_filter_new ();
  guint count = G_MAXUINT;

  calbook_store_upsert_bookings (fixture->store, bookings, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(CalbookBookingFilter) filter = test_generate_filter (rand, bookings);
      guint expected = calbook_store_count_bookings (fixture->store, filter, &error);

      g_assert_no_error (error);
      g_assert_true (count_async (fixture->store, filter, NULL, &count, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count, ==, expected);
    }

  /* NULL counts everything */
  g_assert_true (count_async (fixture->store, NULL, NULL, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, bookings->len);

  calbook_booking_filter_set_text (broad, "example");
  broad->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING);
  g_cancellable_cancel (cancelled);
  count = G_MAXUINT;
  g_assert_false (count_async (fixture->store, broad, cancelled, &count, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count, ==, G_MAXUINT);
}

static void
test_property_empty_filter (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, g_rand_int_range (rand, 0, 4),
                                                               "empty-");
      g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
      g_autoptr(GPtrArray) everything = NULL;
      g_autoptr(GPtrArray) expected = NULL;
      g_autoptr(GPtrArray) with_null = NULL;
      g_autoptr(GPtrArray) stored = NULL;

      calbook_store_upsert_bookings (fixture->store, bookings, NULL, NULL, &error);
      g_assert_no_error (error);
      stored = calbook_store_query_bookings (fixture->store, NULL, 0, 0, &error);
      g_assert_no_error (error);

      /* Text without words, or all statuses, still filters nothing */
      switch (i % 3)
        {
        case 0:
          calbook_booking_filter_set_text (filter, " \t-* \" ");
          break;
        case 1:
          filter->status_mask = CALBOOK_BOOKING_STATUS_MASK_ALL;
          break;
        default:
          break;
        }
      g_assert_true (calbook_booking_filter_is_empty (filter));

      everything = calbook_store_query_bookings (fixture->store, filter, 0, 0, &error);
      g_assert_no_error (error);
      expected = test_filter_bookings (filter, stored);
      g_assert_cmpuint (expected->len, ==, stored->len);
      assert_same_uids (expected, everything, filter, i);
      g_assert_cmpuint (calbook_store_count_bookings (fixture->store, filter, &error), ==,
                        stored->len);
      g_assert_cmpuint (calbook_store_count_bookings (fixture->store, NULL, &error), ==,
                        stored->len);
      with_null = calbook_store_query_bookings (fixture->store, NULL, 0, 0, &error);
      assert_same_uids (expected, with_null, filter, i);
    }
}

/* Issue 6, item 3: a page read before a change reached Cal.com may arrive
 * after the change's answer was stored; it must not bring the old row back */
static void
test_bookings_monotonic (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookBooking) fresh = generate_booking_updated_at (rand, "mono-1", 1798761600);
  g_autoptr(CalbookBooking) stale = generate_booking_updated_at (rand, "mono-1", 1798761600 - 60);
  g_autoptr(CalbookBooking) newer = generate_booking_updated_at (rand, "mono-1", 1798761600 + 1);
  g_autoptr(CalbookBooking) stored = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_autofree char *watermark = NULL;

  g_ptr_array_add (page, fresh);
  calbook_store_upsert_bookings (fixture->store, page, NULL, NULL, &error);
  g_assert_no_error (error);

  /* The stale copy is skipped, the rest of its page still goes in */
  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (page, stale);
  calbook_store_upsert_bookings (fixture->store, page, "watermark", "w1", &error);
  g_assert_no_error (error);
  stored = calbook_store_get_booking (fixture->store, "mono-1", &error);
  g_assert_no_error (error);
  g_assert_true (calbook_booking_equal (stored, fresh));
  g_clear_object (&stored);
  watermark = calbook_store_get_state (fixture->store, "watermark", &error);
  g_assert_cmpstr (watermark, ==, "w1");

  /* In one page, the newer of two copies wins whatever their order */
  g_ptr_array_set_size (page, 0);
  g_ptr_array_add (page, newer);
  g_ptr_array_add (page, stale);
  calbook_store_upsert_bookings (fixture->store, page, NULL, NULL, &error);
  g_assert_no_error (error);
  stored = calbook_store_get_booking (fixture->store, "mono-1", &error);
  g_assert_no_error (error);
  g_assert_true (calbook_booking_equal (stored, newer));
  g_clear_object (&stored);

  /* Within one second, the milliseconds decide, as Cal.com's do */
  {
    g_autoptr(CalbookBooking) at_100 = generate_booking_updated_at (rand, "mono-2", 1798761600);
    g_autoptr(CalbookBooking) at_900 = NULL;
    g_autoptr(GPtrArray) one = g_ptr_array_new ();
    g_autofree char *json_900 = NULL;
    g_autofree char *json_100 = NULL;

    /* The same booking text, stamped .100 and .900 */
    json_100 = calbook_booking_to_json_string (at_100);
    {
      g_autoptr(JsonNode) root = json_from_string (json_100, &error);
      JsonObject *object = json_node_get_object (root);

      g_assert_no_error (error);
      json_object_set_string_member (object, "updatedAt", "2027-01-01T00:00:00.100Z");
      json_object_set_string_member (object, "title", "Older, by 800 ms");
      g_clear_object (&at_100);
      at_100 = calbook_booking_new_from_json (object, &error);
      g_assert_no_error (error);
      json_object_set_string_member (object, "updatedAt", "2027-01-01T00:00:00.900Z");
      json_object_set_string_member (object, "title", "Newer, by 800 ms");
      at_900 = calbook_booking_new_from_json (object, &error);
      g_assert_no_error (error);
    }
    g_assert_cmpint (calbook_booking_get_updated_at (at_100), ==,
                     calbook_booking_get_updated_at (at_900));

    g_ptr_array_add (one, at_900);
    calbook_store_upsert_bookings (fixture->store, one, NULL, NULL, &error);
    g_assert_no_error (error);
    g_ptr_array_index (one, 0) = at_100;
    calbook_store_upsert_bookings (fixture->store, one, NULL, NULL, &error);
    g_assert_no_error (error);
    stored = calbook_store_get_booking (fixture->store, "mono-2", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (calbook_booking_get_title (stored), ==, "Newer, by 800 ms");
    g_clear_object (&stored);
    (void) json_900;
  }

  /* The columns rows are read from follow the row, not the stale copy */
  {
    g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
    g_autofree char *title = g_strdup (calbook_booking_get_title (newer));

    g_assert_cmpuint (calbook_store_count_bookings (fixture->store, filter, &error), ==, 2);
    g_assert_true (calbook_store_check_integrity (fixture->store, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (title, ==, calbook_booking_get_title (newer));
  }
}

/* Issue 6, item 11: 100 kB of "a a a …" pasted into the search */
static void
test_search_many_words (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, 60, "words-");
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(CalbookBookingFilter) short_filter = calbook_booking_filter_new ();
  gboolean cut = FALSE;

  calbook_store_upsert_bookings (fixture->store, bookings, NULL, NULL, &error);
  g_assert_no_error (error);

  while (text->len < 100 * 1024)
    g_string_append (text, "a ");
  calbook_booking_filter_set_text (filter, text->str);

  /* Repeats go: one word is left, and nothing real was cut from the meaning */
  words = _calbook_booking_filter_dup_search_words (filter->text, &cut);
  g_assert_cmpuint (words->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (words, 0), ==, "a");
  g_assert_true (cut);
  g_assert_true (calbook_booking_filter_get_text_cut (filter));

  calbook_booking_filter_set_text (short_filter, "a");
  expected = test_filter_bookings (short_filter, bookings);
  found = calbook_store_query_bookings (fixture->store, filter, 0, 0, &error);
  g_assert_no_error (error);
  assert_same_uids (expected, found, filter, 0);
  g_assert_cmpuint (calbook_store_count_bookings (fixture->store, filter, &error), ==,
                    expected->len);
  g_assert_no_error (error);

  /* Many different words: capped, and the filter says so */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (text, "w%02u ", i);
  calbook_booking_filter_set_text (filter, text->str);
  g_clear_pointer (&words, g_ptr_array_unref);
  words = _calbook_booking_filter_dup_search_words (filter->text, &cut);
  g_assert_cmpuint (words->len, <, 40);
  g_assert_cmpuint (words->len, >, 1);
  g_assert_true (cut);
  g_assert_cmpstr (g_ptr_array_index (words, 0), ==, "w00");

  /* A word that begins another asks nothing more and goes; a short search
   * is never cut */
  calbook_booking_filter_set_text (filter, "Ann anna ANNA meeting me");
  g_clear_pointer (&words, g_ptr_array_unref);
  words = _calbook_booking_filter_dup_search_words (filter->text, &cut);
  g_assert_cmpuint (words->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (words, 0), ==, "anna");
  g_assert_cmpstr (g_ptr_array_index (words, 1), ==, "meeting");
  g_assert_false (cut);
  g_assert_false (calbook_booking_filter_get_text_cut (filter));
}

/* Issue 6, item 13: a number like 1e308 in metadata must not make the
 * store write text that cannot be read back */
static void
test_bookings_large_number (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = test_generate_booking_json (rand, "big-1");
  g_autoptr(JsonNode) root = json_from_string (json, &error);
  g_autoptr(CalbookBooking) big = NULL;
  g_autoptr(GPtrArray) page = test_generate_bookings (rand, 5, "big-neighbour-");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(CalbookBooking) stored = NULL;

  g_assert_no_error (error);
  {
    JsonObject *metadata = json_object_get_object_member (json_node_get_object (root),
                                                          "metadata");
    json_object_set_double_member (metadata, "huge", 1e308);
  }
  big = calbook_booking_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_ptr_array_add (page, g_object_ref (big));

  calbook_store_upsert_bookings (fixture->store, page, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Every window still reads */
  all = calbook_store_query_bookings (fixture->store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (calbook_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_raw_int (fixture->path,
                                  "SELECT count(*) FROM booking_data WHERE NOT json_valid (json)"),
                   ==, 0);

  /* And the booking is either stored whole or set aside where it can be
   * found, never lost */
  stored = calbook_store_get_booking (fixture->store, "big-1", NULL);
  rejected = calbook_store_list_rejected (fixture->store, &error);
  g_assert_no_error (error);
  if (stored != NULL)
    {
      g_assert_cmpuint (all->len, ==, 6);
      g_assert_true (calbook_booking_equal (stored, big));
    }
  else
    {
      CalbookRejectedBooking *entry;

      g_assert_cmpuint (all->len, ==, 5);
      g_assert_cmpuint (rejected->len, ==, 1);
      entry = g_ptr_array_index (rejected, 0);
      g_assert_cmpstr (entry->uid, ==, "big-1");
      g_assert_nonnull (strstr (entry->json, "huge"));
    }
}

/* Schema 2 gives rows the columns they are shown and sorted by; a file
 * from schema 1 gets them filled from its JSON */
/* Whether @booking's host or an attendee was a no-show, from its parts */
static gboolean
booking_is_no_show (CalbookBooking *booking)
{
  GPtrArray *attendees = calbook_booking_get_attendees (booking);
  gboolean no_show = calbook_booking_get_absent_host (booking);

  for (guint i = 0; i < attendees->len; i++)
    no_show |= ((CalbookPerson *) g_ptr_array_index (attendees, i))->absent;

  return no_show;
}

/* Summaries say who was a no-show: written so, and after schema 6 filled
 * the column of the rows an older version wrote */
static void
test_no_show (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint n_no_show = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *uid = g_strdup_printf ("no-show-%02u", i);
      g_autofree char *generated = test_generate_booking_json (rand, uid);
      g_autoptr(JsonNode) node = json_from_string (generated, NULL);
      JsonObject *object = json_node_get_object (node);
      JsonArray *attendees = json_object_get_array_member (object, "attendees");
      g_autofree char *json = NULL;
      CalbookBooking *booking;

      json_object_set_boolean_member (object, "absentHost", i % 4 == 1);
      for (guint k = 0; attendees != NULL && k < json_array_get_length (attendees); k++)
        json_object_set_boolean_member (json_array_get_object_element (attendees, k), "absent",
                                        i % 4 == 2 && k == json_array_get_length (attendees) - 1);
      json = json_to_string (node, FALSE);
      booking = calbook_booking_new_from_json_string (json, -1, &error);
      g_assert_no_error (error);
      n_no_show += booking_is_no_show (booking);
      g_ptr_array_add (bookings, booking);
    }
  g_assert_cmpuint (n_no_show, >=, 10);

  calbook_store_upsert_bookings (fixture->store, bookings, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GPtrArray) summaries = calbook_store_query_summaries (fixture->store, NULL, 0, 0,
                                                                      &error);

      g_assert_no_error (error);
      g_assert_cmpuint (summaries->len, ==, bookings->len);
      for (guint i = 0; i < summaries->len; i++)
        {
          CalbookBookingSummary *summary = g_ptr_array_index (summaries, i);
          const char *uid = calbook_booking_summary_get_uid (summary);
          CalbookBooking *booking = g_ptr_array_index (bookings, atoi (uid + strlen ("no-show-")));

          g_assert_cmpstr (uid, ==, calbook_booking_get_uid (booking));
          if (calbook_booking_summary_is_no_show (summary) != booking_is_no_show (booking))
            g_error ("round %u: %s no-show %d, expected %d (seed %u)", round, uid,
                     calbook_booking_summary_is_no_show (summary), booking_is_no_show (booking),
                     seed);
        }

      /* Back to schema 5, as an older version left the file */
      g_clear_object (&fixture->store);
      if (round == 0)
        exec_raw (fixture->path, "ALTER TABLE bookings DROP COLUMN no_show;"
                                 "PRAGMA user_version = 5;");
      fixture->store = calbook_store_open (fixture->path, &error);
      g_assert_no_error (error);
      assert_latest_schema (fixture->path);
    }
}

static void
test_open_migrate_fills_columns (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, 40, "old-");
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) found = NULL;

  calbook_store_upsert_bookings (fixture->store, bookings, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->store);

  /* Back to what schema 1 had: no columns, no e-mail table, no indexes */
  exec_raw (fixture->path,
            "ALTER TABLE bookings DROP COLUMN no_show;"
            "DROP INDEX bookings_by_span; ALTER TABLE bookings DROP COLUMN updated_ms;"
            "DROP INDEX bookings_own_by_start; ALTER TABLE bookings DROP COLUMN own;"
            "DROP TRIGGER bookings_counted_in; DROP TRIGGER bookings_counted_out;"
            "DROP TRIGGER bookings_recounted; DROP TABLE booking_counts; DROP TABLE search_words;"
            "DROP INDEX bookings_by_length; DROP INDEX bookings_by_client;"
            "DROP INDEX bookings_by_host; DROP INDEX bookings_by_event_type;"
            "DROP INDEX bookings_by_status; DROP INDEX bookings_by_location;"
            "DROP INDEX bookings_by_created; DROP INDEX bookings_by_event_type_id;"
            "DROP TABLE booking_emails; DROP TABLE rejected_bookings;"
            "ALTER TABLE bookings DROP COLUMN title; ALTER TABLE bookings DROP COLUMN client_name;"
            "ALTER TABLE bookings DROP COLUMN client_email; ALTER TABLE bookings DROP COLUMN client_key;"
            "ALTER TABLE bookings DROP COLUMN host_name; ALTER TABLE bookings DROP COLUMN host_email;"
            "ALTER TABLE bookings DROP COLUMN host_key; ALTER TABLE bookings DROP COLUMN event_type_id;"
            "ALTER TABLE bookings DROP COLUMN event_type_slug; ALTER TABLE bookings DROP COLUMN length;"
            "ALTER TABLE bookings DROP COLUMN location; ALTER TABLE bookings DROP COLUMN location_kind;"
            "ALTER TABLE bookings DROP COLUMN created_at; ALTER TABLE bookings DROP COLUMN recurring;"
            "ALTER TABLE bookings DROP COLUMN attendee_count;"
            "PRAGMA user_version = 1;");

  fixture->store = calbook_store_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_latest_schema (fixture->path);

  /* Every sort column and the people filters work on the old rows */
  for (guint column = CALBOOK_BOOKING_COLUMN_START; column < CALBOOK_BOOKING_N_COLUMNS; column++)
    {
      filter->sort_column = column;
      filter->sort_descending = column % 2;
      g_clear_pointer (&expected, g_ptr_array_unref);
      g_clear_pointer (&found, g_ptr_array_unref);
      expected = test_filter_bookings (filter, bookings);
      found = calbook_store_query_bookings (fixture->store, filter, 0, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, expected->len);
      for (guint i = 0; i < found->len; i++)
        g_assert_cmpstr (calbook_booking_get_uid (g_ptr_array_index (found, i)), ==,
                         calbook_booking_get_uid (g_ptr_array_index (expected, i)));
    }

  {
    CalbookBooking *some = g_ptr_array_index (bookings, 0);
    GPtrArray *attendees = calbook_booking_get_attendees (some);
    guint i;

    for (i = 1; attendees->len == 0 && i < bookings->len; i++)
      {
        some = g_ptr_array_index (bookings, i);
        attendees = calbook_booking_get_attendees (some);
      }
    g_assert_cmpuint (attendees->len, >, 0);

    filter->user_id = 999;
    calbook_booking_filter_set_user_email (filter,
                                           ((CalbookPerson *) g_ptr_array_index (attendees, 0))->email);
    g_clear_pointer (&expected, g_ptr_array_unref);
    g_clear_pointer (&found, g_ptr_array_unref);
    expected = test_filter_bookings (filter, bookings);
    found = calbook_store_query_bookings (fixture->store, filter, 0, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (expected->len, >, 0);
    assert_same_uids (expected, found, filter, 0);
  }
}

/* The location kinds the admin table shows and sorts by */
static void
test_location_kinds (void)
{
  g_assert_cmpint (calbook_booking_location_from_text (NULL), ==, CALBOOK_BOOKING_LOCATION_NONE);
  g_assert_cmpint (calbook_booking_location_from_text ("  "), ==, CALBOOK_BOOKING_LOCATION_NONE);
  g_assert_cmpint (calbook_booking_location_from_text ("HTTPS://meet.example/x"), ==,
                   CALBOOK_BOOKING_LOCATION_LINK);
  g_assert_cmpint (calbook_booking_location_from_text ("integrations:zoom"), ==,
                   CALBOOK_BOOKING_LOCATION_INTEGRATION);
  g_assert_cmpint (calbook_booking_location_from_text ("+49 (30) 123-4567"), ==,
                   CALBOOK_BOOKING_LOCATION_PHONE);
  g_assert_cmpint (calbook_booking_location_from_text ("Room 12"), ==,
                   CALBOOK_BOOKING_LOCATION_ADDRESS);
  g_assert_cmpint (calbook_booking_location_from_text ("12"), ==,
                   CALBOOK_BOOKING_LOCATION_ADDRESS);
}

/* The owner's own bookings are marked as they are written and when the
 * owner changes; their views read the mark, and must select exactly what
 * calbook_booking_involves_user() does. Status counts come from kept
 * numbers, which must follow inserts, changes and deletes. */
static void
test_property_owner (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);
  guint cases = 0;

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = test_generate_bookings (rand, 60, "own-");
      gint64 owner = g_rand_int_range (rand, 1, 7);
      CalbookBooking *someone = g_ptr_array_index (page, g_rand_int_range (rand, 0, page->len));
      GPtrArray *attendees = calbook_booking_get_attendees (someone);
      /* A copy: cutting the page below may free @someone */
      g_autofree char *email = attendees->len > 0 && g_rand_boolean (rand)
        ? g_strdup (((CalbookPerson *) g_ptr_array_index (attendees, 0))->email) : NULL;
      g_autofree char *shouted = email != NULL ? g_ascii_strup (email, -1) : NULL;

      /* Half the rows before the owner is set, half after */
      g_ptr_array_set_size (page, 30);
      calbook_store_upsert_bookings (fixture->store, page, NULL, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (bookings, g_object_ref (g_ptr_array_index (page, i)));

      calbook_store_set_owner (fixture->store, owner, email, &error);
      g_assert_no_error (error);
      /* The same owner again changes nothing */
      calbook_store_set_owner (fixture->store, owner, shouted, &error);
      g_assert_no_error (error);

      g_clear_pointer (&page, g_ptr_array_unref);
      page = test_generate_bookings (rand, 30, "own-late-");
      calbook_store_upsert_bookings (fixture->store, page, NULL, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (bookings, g_object_ref (g_ptr_array_index (page, i)));

      /* Some bookings change (status and all), some go */
      {
        g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
        g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);

        for (guint i = 0; i < 10 && bookings->len > 0; i++)
          {
            guint at = g_rand_int_range (rand, 0, bookings->len);
            CalbookBooking *old = g_ptr_array_index (bookings, at);
            CalbookBooking *new = generate_booking_updated_at (rand, calbook_booking_get_uid (old),
                                                               calbook_booking_get_updated_at (old) + 1);

            g_ptr_array_add (changed, g_object_ref (new));
            g_ptr_array_index (bookings, at) = new;
            g_object_unref (old);
          }
        for (guint i = 0; i < 5 && bookings->len > 0; i++)
          {
            guint at = g_rand_int_range (rand, 0, bookings->len);

            g_ptr_array_add (gone, g_strdup (calbook_booking_get_uid (g_ptr_array_index (bookings, at))));
            g_ptr_array_remove_index (bookings, at);
          }
        calbook_store_upsert_bookings (fixture->store, changed, NULL, NULL, &error);
        g_assert_no_error (error);
        calbook_store_delete_bookings (fixture->store, gone, &error);
        g_assert_no_error (error);
      }

      for (guint i = 0; i < 30; i++, cases++)
        {
          g_autoptr(CalbookBookingFilter) filter = test_generate_filter (rand, bookings);
          g_autoptr(GPtrArray) expected = NULL;
          g_autoptr(GPtrArray) found = NULL;

          if (i % 3 != 2)
            {
              filter->user_id = owner;
              calbook_booking_filter_set_user_email (filter, i % 2 ? shouted : email);
            }
          else
            {
              /* Statuses alone: counted from the kept numbers */
              g_autoptr(CalbookBookingFilter) plain = calbook_booking_filter_new ();

              plain->status_mask = filter->status_mask;
              calbook_booking_filter_free (g_steal_pointer (&filter));
              filter = g_steal_pointer (&plain);
            }

          expected = test_filter_bookings (filter, bookings);
          found = calbook_store_query_bookings (fixture->store, filter, 0, 0, &error);
          g_assert_no_error (error);
          assert_same_uids (expected, found, filter, cases);
          g_assert_cmpuint (calbook_store_count_bookings (fixture->store, filter, &error), ==,
                            expected->len);
          g_assert_no_error (error);
        }
    }

  g_assert_cmpuint (cases, >=, 100);
}

/* A search word is looked up as the whole words it begins when they are
 * few, and stays a prefix otherwise: the same bookings either way */
static void
test_search_word_expansion (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);
  static const char * const searches[] = { "w", "w1", "w05", "w4", "wx", "w0 w1", "w3 meet" };

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *uid = g_strdup_printf ("expand-%u", i);
      g_autofree char *json = test_generate_booking_json (rand, uid);
      g_autoptr(JsonNode) root = json_from_string (json, &error);
      g_autofree char *title = g_strdup_printf ("w%02u meeting w%02u", i % 40, (i * 7) % 40);

      g_assert_no_error (error);
      json_object_set_string_member (json_node_get_object (root), "title", title);
      g_ptr_array_add (bookings, calbook_booking_new_from_json (json_node_get_object (root), &error));
      g_assert_no_error (error);
    }
  calbook_store_upsert_bookings (fixture->store, bookings, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
      g_autoptr(GPtrArray) expected = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autofree char *sql = NULL;

      calbook_booking_filter_set_text (filter, searches[i]);
      expected = test_filter_bookings (filter, bookings);
      found = calbook_store_query_bookings (fixture->store, filter, 0, 0, &error);
      g_assert_no_error (error);
      assert_same_uids (expected, found, filter, i);
      g_assert_cmpuint (calbook_store_count_bookings (fixture->store, filter, &error), ==,
                        expected->len);

      /* "w" begins 40 words and stays a prefix; "w05" is one whole word */
      sql = _calbook_store_dup_query_sql (fixture->store, filter, TRUE, FALSE, 0, 0, &error);
      g_assert_no_error (error);
      if (g_str_equal (searches[i], "w"))
        g_assert_nonnull (strstr (sql, "\"w\"*"));
      if (g_str_equal (searches[i], "w05"))
        g_assert_nonnull (strstr (sql, "(\"w05\")"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  seed = test_get_seed ();

  g_test_add_func ("/store/build-path", test_build_path);
  g_test_add_func ("/store/filter-words", test_filter_words);
  g_test_add_func ("/store/booking-words", test_booking_words);
  g_test_add_func ("/store/person-key", test_person_key);
  g_test_add_func ("/store/location-kinds", test_location_kinds);
  g_test_add ("/store/open/migrate-fills-columns", Fixture, NULL, fixture_set_up,
              test_open_migrate_fills_columns, fixture_tear_down);
  g_test_add ("/store/open/migrate-no-show", Fixture, NULL, fixture_set_up, test_no_show,
              fixture_tear_down);
  g_test_add ("/store/bookings/monotonic", Fixture, NULL, fixture_set_up,
              test_bookings_monotonic, fixture_tear_down);
  g_test_add ("/store/bookings/large-number", Fixture, NULL, fixture_set_up,
              test_bookings_large_number, fixture_tear_down);
  g_test_add ("/store/search/many-words", Fixture, NULL, fixture_set_up,
              test_search_many_words, fixture_tear_down);
  g_test_add ("/store/search/word-expansion", Fixture, NULL, fixture_set_up,
              test_search_word_expansion, fixture_tear_down);
  g_test_add ("/store/property/owner", Fixture, NULL, fixture_set_up, test_property_owner,
              fixture_tear_down);
  g_test_add_func ("/store/open/modes", test_open_modes);
  g_test_add_func ("/store/open/migrate-from-zero", test_open_migrate_from_zero);
  g_test_add ("/store/open/reopen", Fixture, NULL, fixture_set_up, test_open_reopen,
              fixture_tear_down);
  g_test_add_func ("/store/open/garbage", test_open_garbage);
  g_test_add_func ("/store/open/truncated", test_open_truncated);
  g_test_add_func ("/store/open/damaged-inside", test_open_damaged_inside);
  g_test_add_func ("/store/open/foreign", test_open_foreign);
  g_test_add_func ("/store/open/too-new", test_open_too_new);
  g_test_add_func ("/store/open/unwritable", test_open_unwritable);
  g_test_add ("/store/two-connections", Fixture, NULL, fixture_set_up, test_two_connections,
              fixture_tear_down);
  g_test_add ("/store/long-bookings", Fixture, NULL, fixture_set_up, test_long_bookings,
              fixture_tear_down);
  g_test_add ("/store/integrity", Fixture, NULL, fixture_set_up, test_integrity,
              fixture_tear_down);
  g_test_add ("/store/due-checks", Fixture, NULL, fixture_set_up, test_due_checks,
              fixture_tear_down);
  g_test_add ("/store/outbox", Fixture, NULL, fixture_set_up, test_outbox, fixture_tear_down);
  g_test_add ("/store/state", Fixture, NULL, fixture_set_up, test_state, fixture_tear_down);
  g_test_add ("/store/members", Fixture, NULL, fixture_set_up, test_members, fixture_tear_down);
  g_test_add ("/store/bookings/get-delete", Fixture, NULL, fixture_set_up,
              test_bookings_get_delete, fixture_tear_down);
  g_test_add ("/store/bookings/atomic-page", Fixture, NULL, fixture_set_up,
              test_bookings_atomic_page, fixture_tear_down);
  g_test_add ("/store/bookings/damaged-row", Fixture, NULL, fixture_set_up,
              test_bookings_damaged_row, fixture_tear_down);
  g_test_add ("/store/bookings/search-syntax", Fixture, NULL, fixture_set_up,
              test_bookings_search_syntax, fixture_tear_down);
  g_test_add ("/store/property/round-trip", Fixture, NULL, fixture_set_up,
              test_property_round_trip, fixture_tear_down);
  g_test_add ("/store/property/filter", Fixture, NULL, fixture_set_up, test_property_filter,
              fixture_tear_down);
  g_test_add ("/store/property/user-scope", Fixture, NULL, fixture_set_up,
              test_property_user_scope, fixture_tear_down);
  g_test_add ("/store/property/count-async", Fixture, NULL, fixture_set_up,
              test_property_count_async, fixture_tear_down);
  g_test_add ("/store/property/empty-filter", Fixture, NULL, fixture_set_up,
              test_property_empty_filter, fixture_tear_down);

  return g_test_run ();
}
