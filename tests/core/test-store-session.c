/* test-store-session.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "booking-generator.h"
#include "calbook-error.h"
#include "calbook-store.h"

/*
 * How a store's connections come and go: a file not closed cleanly keeps
 * telling so until it was checked; counts off the main thread share one
 * connection per store, closed with it.
 */

static guint32 seed;

typedef struct
{
  char         *dir;
  char         *path;
  char         *wal;
  CalbookStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "account.sqlite3", NULL);
  fixture->wal = g_strconcat (fixture->path, "-wal", NULL);
  fixture->store = calbook_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->wal);
}

static void
fill_store (CalbookStore *store,
            GRand        *rand,
            guint         n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, n, "session-");

  calbook_store_upsert_bookings (store, bookings, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* A process that writes and dies without closing the file */
static void
crash_while_open (const char *path)
{
  int status = 0;
  pid_t child = fork ();

  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed + 1);
      CalbookStore *store = calbook_store_open (path, NULL);

      if (store == NULL)
        _exit (1);
      fill_store (store, rand, 5);
      _exit (0);
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

static gboolean
no_connection_open (void)
{
  return calbook_store_count_open_connections () == 0;
}

/* Lets the worker threads drop their last references */
static void
wait_for_no_connection (void)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!no_connection_open () && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (calbook_store_count_open_connections (), ==, 0);
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

static gboolean
count_async (CalbookStore               *store,
             const CalbookBookingFilter *filter,
             GCancellable               *cancellable,
             gboolean                    cancel_at_once,
             guint                      *out_count,
             GError                    **error)
{
  CountWait wait = { NULL };
  gboolean ok;

  calbook_store_count_bookings_async (store, filter, cancellable, on_counted_cb, &wait);
  if (cancel_at_once)
    g_cancellable_cancel (cancellable);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ok = calbook_store_count_bookings_finish (store, wait.result, out_count, error);
  g_object_unref (wait.result);

  return ok;
}

/* Tests */

/* Closed cleanly: the WAL goes, the next open needs no check */
static void
test_clean_close (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;

  fill_store (fixture->store, rand, 20);
  g_assert_true (g_file_test (fixture->wal, G_FILE_TEST_EXISTS));
  g_clear_object (&fixture->store);
  g_assert_cmpuint (calbook_store_count_open_connections (), ==, 0);
  g_assert_false (g_file_test (fixture->wal, G_FILE_TEST_EXISTS));

  fixture->store = calbook_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (calbook_store_get_due_check (fixture->store), !=, CALBOOK_STORE_CHECK_QUICK);
}

/* After a crash, a process that quits before the check ran leaves the WAL
 * where it was: the next start still knows to check */
static void
test_unchecked_keeps_wal (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  crash_while_open (fixture->path);
  g_assert_true (g_file_test (fixture->wal, G_FILE_TEST_EXISTS));

  /* Opened, read, closed, never checked */
  fixture->store = calbook_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (calbook_store_get_due_check (fixture->store), ==, CALBOOK_STORE_CHECK_QUICK);
  g_assert_cmpuint (calbook_store_count_bookings (fixture->store, NULL, &error), ==, 5);
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  g_assert_true (g_file_test (fixture->wal, G_FILE_TEST_EXISTS));

  fixture->store = calbook_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (calbook_store_get_due_check (fixture->store), ==, CALBOOK_STORE_CHECK_QUICK);

  /* Checked: now it closes cleanly */
  g_assert_true (calbook_store_ensure_sound (fixture->store, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  g_assert_false (g_file_test (fixture->wal, G_FILE_TEST_EXISTS));

  fixture->store = calbook_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (calbook_store_get_due_check (fixture->store), !=, CALBOOK_STORE_CHECK_QUICK);
}

/* Counts off the main thread share one connection, which closes with the
 * store; a cancelled count leaves it usable */
static void
test_count_connection (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) bookings = test_generate_bookings (rand, 400, "count-");
  g_autoptr(GError) error = NULL;

  calbook_store_upsert_bookings (fixture->store, bookings, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calbook_store_count_open_connections (), ==, 1);

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(CalbookBookingFilter) filter = test_generate_filter (rand, bookings);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      guint expected = calbook_store_count_bookings (fixture->store, filter, &error);
      guint count = G_MAXUINT;

      g_assert_no_error (error);

      /* Every third one is cancelled as it starts: it is interrupted, or
       * it was done already */
      if (i % 3 == 2)
        {
          if (!count_async (fixture->store, filter, cancellable, TRUE, &count, &error))
            {
              g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
              g_clear_error (&error);
              g_assert_cmpuint (count, ==, G_MAXUINT);
            }
          else
            {
              g_assert_cmpuint (count, ==, expected);
            }
        }

      g_assert_true (count_async (fixture->store, filter, NULL, FALSE, &count, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count, ==, expected);

      /* The store's and its count connection, no more */
      g_assert_cmpuint (calbook_store_count_open_connections (), ==, 2);
    }

  g_clear_object (&fixture->store);
  wait_for_no_connection ();
  g_assert_false (g_file_test (fixture->wal, G_FILE_TEST_EXISTS));
}

/* A damaged file is moved aside whole, with its WAL; a new store opens in
 * its place, and the moved bytes are exactly what was there */
static void
test_move_aside (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char damage[] = "This is not a database, but it is someone's data.";
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookStore) again = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *moved_wal = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_clear_object (&fixture->store);
  g_assert_true (g_file_set_contents (fixture->path, damage, -1, NULL));
  g_assert_true (g_file_set_contents (fixture->wal, "wal", -1, NULL));

  again = calbook_store_open (fixture->path, &error);
  g_assert_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT);
  g_assert_null (again);
  g_clear_error (&error);

  moved = calbook_store_move_aside (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (moved);
  g_assert_true (g_str_has_prefix (moved, fixture->path));
  g_assert_nonnull (strstr (moved, ".damaged-"));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fixture->wal, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_get_contents (moved, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, damage, strlen (damage));
  moved_wal = g_strconcat (moved, "-wal", NULL);
  g_assert_true (g_file_test (moved_wal, G_FILE_TEST_EXISTS));

  again = calbook_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calbook_store_count_bookings (again, NULL, &error), ==, 0);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  seed = test_get_seed ();

  g_test_add ("/store-session/clean-close", Fixture, NULL, fixture_set_up,
              test_clean_close, fixture_tear_down);
  g_test_add ("/store-session/unchecked-keeps-wal", Fixture, NULL, fixture_set_up,
              test_unchecked_keeps_wal, fixture_tear_down);
  g_test_add ("/store-session/count-connection", Fixture, NULL, fixture_set_up,
              test_count_connection, fixture_tear_down);
  g_test_add ("/store-session/move-aside", Fixture, NULL, fixture_set_up,
              test_move_aside, fixture_tear_down);

  return g_test_run ();
}
