/* bench-calbook.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The measuring half of build-aux/run-benchmarks.sh (docs/architecture.md §7). Each
 * mode prints one JSON object on stdout; the script runs the modes against
 * a sandbox program it started, compares with curl, and prints the table.
 * Nothing here asserts a speed: numbers are for people to read and compare.
 *
 *   bench-calbook seed N                 seed a sandbox with N bookings
 *   bench-calbook sync URL KEY STORE     one full sync into a new store
 *   bench-calbook incremental URL KEY STORE
 *                                        the first incremental sync after
 *                                        opening an existing store
 *   bench-calbook store STORE            first window, search, filter, scroll
 *   bench-calbook queries STORE USER_ID EMAIL SQL_DIR [NAME…]
 *                                        every query the windows run (or the
 *                                        NAMEd ones): count + first 100 rows,
 *                                        and the same SQL in SQL_DIR/<name>.sql
 *                                        for the sqlite3 tool
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include "calbook-account.h"
#include "calbook-booking-list.h"
#include "calbook-sandbox.h"
#include "calbook-store.h"
#include "calbook-store-private.h"
#include "calbook-sync.h"

typedef struct
{
  GMainLoop      *loop;
  CalbookAccount *account;
  gboolean        ok;
  GError         *error;
} Waiter;

/* Auxiliary methods */

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Peak and current resident memory, in KiB, from /proc/self/status */
static void
read_memory (guint64 *rss_kib,
             guint64 *peak_kib)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  *rss_kib = *peak_kib = 0;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "VmRSS:"))
        *rss_kib = g_ascii_strtoull (lines[i] + 6, NULL, 10);
      else if (g_str_has_prefix (lines[i], "VmHWM:"))
        *peak_kib = g_ascii_strtoull (lines[i] + 6, NULL, 10);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static void
fail (const char   *what,
      const GError *error)
{
  g_printerr ("bench-calbook: %s: %s\n", what, error ? error->message : "failed");
  exit (EXIT_FAILURE);
}

/* Callbacks */

static void
on_account_connected_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->account = calbook_account_connect_finish (result, &waiter->error);
  g_main_loop_quit (waiter->loop);
}

static void
on_sync_finished_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->ok = calbook_sync_run_finish (CALBOOK_SYNC (source), result, &waiter->error);
  g_main_loop_quit (waiter->loop);
}

/* Modes */

static int
bench_seed (guint n_bookings)
{
  g_autoptr(CalbookSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;
  double started = now_ms ();
  double elapsed;

  sandbox = calbook_sandbox_new (1, n_bookings, NULL, &error);
  if (sandbox == NULL)
    fail ("seeding the sandbox", error);
  elapsed = now_ms () - started;

  printf ("{\"bookings\": %u, \"seed_ms\": %.1f}\n", n_bookings, elapsed);
  return EXIT_SUCCESS;
}

/* CPU time of the whole process (all threads), in ms */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
bench_sync (const char *url,
            const char *key,
            const char *store_path,
            gboolean    full)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(CalbookSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  Waiter waiter = { loop, NULL, FALSE, NULL };
  guint64 rss, peak;
  double started, elapsed, cpu_started, cpu;

  calbook_account_connect_async (url, key, NULL, on_account_connected_cb, &waiter);
  g_main_loop_run (loop);
  if (waiter.account == NULL)
    fail ("connecting", waiter.error);

  client = calbook_api_client_new (url, key, &error);
  if (client == NULL)
    fail ("creating the client", error);
  sync = calbook_sync_new (waiter.account, client, store_path, &error);
  if (sync == NULL)
    fail ("creating the sync", error);

  started = now_ms ();
  cpu_started = process_cpu_ms ();
  calbook_sync_run_async (sync, full, on_sync_finished_cb, &waiter);
  g_main_loop_run (loop);
  elapsed = now_ms () - started;
  cpu = process_cpu_ms () - cpu_started;
  if (!waiter.ok)
    fail ("syncing", waiter.error);

  read_memory (&rss, &peak);
  printf ("{\"sync_ms\": %.1f, \"cpu_ms\": %.1f, \"bookings\": %u, \"pages\": %u,"
          " \"peak_rss_kib\": %" G_GUINT64_FORMAT "}\n",
          elapsed, cpu, calbook_sync_get_bookings_done (sync), calbook_sync_get_pages_done (sync),
          peak);

  g_clear_object (&waiter.account);
  return EXIT_SUCCESS;
}

static double
time_query (CalbookStore               *store,
            const CalbookBookingFilter *filter,
            guint                      *n_out)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < 15; run++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;
      double started = now_ms ();
      double elapsed;
      guint n;

      /* What a view does: count for the scroll bar, then the first window */
      n = calbook_store_count_bookings (store, filter, &error);
      if (error == NULL)
        rows = calbook_store_query_bookings (store, filter, 0, 64, &error);
      if (error != NULL)
        fail ("querying", error);
      elapsed = now_ms () - started;
      g_array_append_val (samples, elapsed);
      *n_out = n;
    }

  return median (samples);
}

static int
bench_store (const char *store_path)
{
  static const char *words[] = { "müller", "meeting", "anna", "consult", "zo", "example.com" };
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(CalbookBookingList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new ("{");
  guint64 rss_before, rss_after, peak;
  double started, open_ms, scroll_ms;
  guint n, n_items;

  started = now_ms ();
  store = calbook_store_open (store_path, &error);
  if (store == NULL)
    fail ("opening the store", error);
  open_ms = now_ms () - started;
  g_string_append_printf (out, "\"open_ms\": %.2f", open_ms);

  g_string_append_printf (out, ", \"all_first_window_ms\": %.2f",
                          time_query (store, filter, &n));
  g_string_append_printf (out, ", \"bookings\": %u", n);

  filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING) |
                        CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CONFIRMED);
  filter->range_start = g_get_real_time () / G_USEC_PER_SEC;
  g_string_append_printf (out, ", \"upcoming_first_window_ms\": %.2f",
                          time_query (store, filter, &n));
  g_string_append_printf (out, ", \"upcoming\": %u", n);

  filter->status_mask = 0;
  filter->range_start = G_MININT64;
  g_string_append (out, ", \"search\": {");
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      double ms;

      calbook_booking_filter_set_text (filter, words[i]);
      ms = time_query (store, filter, &n);
      g_string_append_printf (out, "%s\"%s\": {\"ms\": %.2f, \"matches\": %u}",
                              i ? ", " : "", words[i], ms, n);
    }
  g_string_append (out, "}");

  /* Scroll the whole list once, as a person holding the scroll bar would:
   * memory must stay flat because rows are read in small windows. */
  calbook_booking_filter_set_text (filter, NULL);
  read_memory (&rss_before, &peak);
  list = calbook_booking_list_new (store, filter);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  started = now_ms ();
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CalbookBooking) booking = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (booking == NULL)
        fail ("reading the list", NULL);
    }
  scroll_ms = now_ms () - started;
  read_memory (&rss_after, &peak);

  g_string_append_printf (out,
                          ", \"scroll_all_ms\": %.1f, \"scroll_rows\": %u"
                          ", \"rss_before_scroll_kib\": %" G_GUINT64_FORMAT
                          ", \"rss_after_scroll_kib\": %" G_GUINT64_FORMAT
                          ", \"peak_rss_kib\": %" G_GUINT64_FORMAT "}",
                          scroll_ms, n_items, rss_before, rss_after, peak);
  printf ("%s\n", out->str);

  return EXIT_SUCCESS;
}

/* CPU time of this thread, in ms */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* What a view runs for a new query, as a view runs it: the count for the
 * scroll bar, then the first rows, as summaries (the columns rows show) */
static guint
run_view_query (CalbookStore               *store,
                const CalbookBookingFilter *filter)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  /* Every run pays for what a view's first query pays */
  _calbook_store_forget_counts (store);
  n = calbook_store_count_bookings (store, filter, &error);
  if (error == NULL)
    rows = calbook_store_query_summaries (store, filter, 0, 100, &error);
  if (error != NULL)
    fail ("querying", error);

  return n;
}

/* The median of 15 runs of run_view_query(), wall and CPU, in ms */
static double
time_view_query (CalbookStore               *store,
                 const CalbookBookingFilter *filter,
                 guint                      *n_out,
                 double                     *cpu_out)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < 15; run++)
    {
      double started = now_ms ();
      double cpu_started = cpu_ms ();
      double elapsed;
      double cpu;

      *n_out = run_view_query (store, filter);
      elapsed = now_ms () - started;
      cpu = cpu_ms () - cpu_started;
      g_array_append_val (samples, elapsed);
      g_array_append_val (cpu_samples, cpu);
    }

  *cpu_out = median (cpu_samples);
  return median (samples);
}

/* Every statement one run of run_view_query() runs, values included: what
 * the sqlite3 tool is given to run, so that both do the same work */
static char *
dup_view_query_sql (CalbookStore               *store,
                    const CalbookBookingFilter *filter)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);

  _calbook_store_trace_statements (store, statements);
  run_view_query (store, filter);
  _calbook_store_trace_statements (store, NULL);

  for (guint i = 0; i < statements->len; i++)
    g_string_append_printf (text, "%s;\n", (const char *) g_ptr_array_index (statements, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  const char *name;
  const char *what;
} QueryCase;

static void
set_active (CalbookBookingFilter *filter)
{
  filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING) |
                        CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CONFIRMED) |
                        CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_OTHER);
}

/* The admin table's filter by a member: the bookings they organize or
 * host, and those they are on with their e-mail (set_member_ids() there) */
static void
set_member (CalbookBookingFilter *filter,
            gint64                user_id,
            const char           *email)
{
  const char *emails[] = { email, NULL };

  calbook_booking_filter_set_user_ids (filter, &user_id, 1);
  calbook_booking_filter_set_user_emails (filter, emails);
}

/* The filters the windows use (see the GUI's views and the admin table) */
static CalbookBookingFilter *
make_case_filter (const char *name,
                  gint64      user_id,
                  const char *email,
                  gint64      now)
{
  CalbookBookingFilter *filter = calbook_booking_filter_new ();

  filter->sort = CALBOOK_BOOKING_SORT_START_DESC;

  if (g_str_equal (name, "all"))
    ;
  else if (g_str_equal (name, "upcoming"))
    {
      set_active (filter);
      filter->range_start = now;
      filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
    }
  else if (g_str_equal (name, "pending"))
    {
      filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING);
      filter->range_start = now;
      filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
    }
  else if (g_str_equal (name, "past"))
    {
      set_active (filter);
      filter->range_end = now;
    }
  else if (g_str_equal (name, "cancelled"))
    filter->status_mask = CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CANCELLED) |
                          CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_RESCHEDULED) |
                          CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_DECLINED);
  else if (g_str_equal (name, "own-upcoming"))
    {
      filter->user_id = user_id;
      calbook_booking_filter_set_user_email (filter, email);
      set_active (filter);
      filter->range_start = now;
      filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
    }
  else if (g_str_equal (name, "own-all"))
    {
      filter->user_id = user_id;
      calbook_booking_filter_set_user_email (filter, email);
    }
  else if (g_str_equal (name, "member"))
    set_member (filter, user_id, email);
  else if (g_str_equal (name, "week"))
    {
      filter->range_start = now;
      filter->range_end = now + 7 * 86400;
      filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
    }
  else if (g_str_equal (name, "text-rare"))
    calbook_booking_filter_set_text (filter, "oslo");
  else if (g_str_equal (name, "text-common"))
    calbook_booking_filter_set_text (filter, "meeting");
  else if (g_str_equal (name, "text-every-row"))
    calbook_booking_filter_set_text (filter, "northwind");
  else if (g_str_equal (name, "text-email"))
    calbook_booking_filter_set_text (filter, email);
  else if (g_str_equal (name, "text-non-ascii"))
    calbook_booking_filter_set_text (filter, "Müller");
  else if (g_str_equal (name, "text-words"))
    calbook_booking_filter_set_text (filter, "phone call weiß");
  else if (g_str_equal (name, "text-none"))
    calbook_booking_filter_set_text (filter, "zzqx");
  else if (g_str_equal (name, "combined"))
    {
      filter->user_id = user_id;
      calbook_booking_filter_set_user_email (filter, email);
      set_active (filter);
      filter->range_start = now;
      filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
      calbook_booking_filter_set_text (filter, "meeting");
    }
  else if (g_str_equal (name, "admin-by-client"))
    {
      filter->sort_column = CALBOOK_BOOKING_COLUMN_CLIENT;
    }
  else if (g_str_equal (name, "admin-by-host-desc"))
    {
      filter->sort_column = CALBOOK_BOOKING_COLUMN_HOST;
      filter->sort_descending = TRUE;
    }
  else if (g_str_equal (name, "admin-member-by-status"))
    {
      set_member (filter, user_id, email);
      filter->sort_column = CALBOOK_BOOKING_COLUMN_STATUS;
    }
  else if (g_str_equal (name, "admin-text-by-created"))
    {
      calbook_booking_filter_set_text (filter, "meeting");
      filter->sort_column = CALBOOK_BOOKING_COLUMN_CREATED;
      filter->sort_descending = TRUE;
    }
  else
    g_assert_not_reached ();

  return filter;
}

static int
bench_queries (const char         *store_path,
               gint64              user_id,
               const char         *email,
               const char         *sql_dir,
               const char * const *only)
{
  static const char * const names[] = {
    "all", "upcoming", "pending", "past", "cancelled", "own-upcoming", "own-all", "member",
    "week", "text-rare", "text-common", "text-every-row", "text-email", "text-non-ascii",
    "text-words", "text-none", "combined", "admin-by-client", "admin-by-host-desc",
    "admin-member-by-status", "admin-text-by-created",
  };
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new ("{");
  /* A fixed "now" inside the data, so that runs compare */
  g_autoptr(GPtrArray) middle = NULL;
  gint64 now;

  store = calbook_store_open (store_path, &error);
  if (store == NULL)
    fail ("opening the store", error);

  /* As the app does for the signed-in account */
  if (!calbook_store_set_owner (store, user_id, email, &error))
    fail ("setting the owner", error);

  {
    g_autoptr(CalbookBookingFilter) all = calbook_booking_filter_new ();
    guint n = calbook_store_count_bookings (store, all, &error);

    middle = calbook_store_query_summaries (store, all, n / 2, 1, &error);
    if (middle == NULL || middle->len == 0)
      fail ("finding the middle of the data", error);
    now = calbook_booking_summary_get_start (g_ptr_array_index (middle, 0));
  }

  for (guint i = 0, written = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CalbookBookingFilter) filter = NULL;
      g_autofree char *file = NULL;
      g_autofree char *text = NULL;
      double ms;
      double cpu;
      guint n;

      if (only[0] != NULL && !g_strv_contains (only, names[i]))
        continue;

      filter = make_case_filter (names[i], user_id, email, now);
      ms = time_view_query (store, filter, &n, &cpu);
      text = dup_view_query_sql (store, filter);

      file = g_strdup_printf ("%s/%s.sql", sql_dir, names[i]);
      if (!g_file_set_contents (file, text, -1, &error))
        fail ("writing the SQL", error);

      g_string_append_printf (out, "%s\"%s\": {\"ms\": %.3f, \"cpu_ms\": %.3f, \"count\": %u,"
                              " \"cut\": %s}",
                              written++ ? ", " : "", names[i], ms, cpu, n,
                              calbook_booking_filter_get_text_cut (filter) ? "true" : "false");
    }

  g_string_append (out, "}");
  printf ("%s\n", out->str);
  return EXIT_SUCCESS;
}

/* Writes @bookings a page of 250 at a time, as the sync does */
static void
write_pages (CalbookStore *store,
             GPtrArray    *bookings,
             double       *out_ms,
             double       *out_cpu_ms)
{
  double started = now_ms ();
  double cpu_started = process_cpu_ms ();

  for (guint i = 0; i < bookings->len; i += 250)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;

      for (guint k = i; k < MIN (i + 250, bookings->len); k++)
        g_ptr_array_add (page, g_ptr_array_index (bookings, k));
      if (!calbook_store_upsert_bookings (store, page, NULL, NULL, &error))
        fail ("writing", error);
    }

  *out_cpu_ms = process_cpu_ms () - cpu_started;
  *out_ms = now_ms () - started;
}

/* What writing costs: N stored bookings written again unchanged, then
 * changed (a new text, the same columns), a page of 250 at a time */
static int
bench_write (const char *store_path,
             guint       n)
{
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  double same_cpu, changed_cpu, same_ms, changed_ms, new_ms, new_cpu;

  store = calbook_store_open (store_path, &error);
  if (store == NULL)
    fail ("opening the store", error);
  bookings = calbook_store_query_bookings (store, NULL, 0, n, &error);
  if (bookings == NULL)
    fail ("reading", error);

  for (guint i = 0; i < bookings->len; i++)
    {
      g_autoptr(JsonObject) object = calbook_booking_to_json (g_ptr_array_index (bookings, i));
      CalbookBooking *booking;

      json_object_set_string_member (object, "benchmark", "rewritten");
      booking = calbook_booking_new_from_json (object, &error);
      if (booking == NULL)
        fail ("changing", error);
      g_ptr_array_add (changed, booking);
    }

  /* Into a new file, as a first sync does */
  {
    g_autofree char *dir = g_dir_make_tmp ("calbook-bench-XXXXXX", &error);
    g_autofree char *path = dir != NULL ? g_build_filename (dir, "new.sqlite3", NULL) : NULL;
    g_autoptr(CalbookStore) fresh = path != NULL ? calbook_store_open (path, &error) : NULL;

    if (fresh == NULL)
      fail ("making a new store", error);

    write_pages (fresh, bookings, &new_ms, &new_cpu);

    g_clear_object (&fresh);
    for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
      {
        g_autofree char *file = g_strconcat (path, suffix, NULL);

        g_remove (file);
      }
    g_rmdir (dir);
  }

  write_pages (store, bookings, &same_ms, &same_cpu);

  write_pages (store, changed, &changed_ms, &changed_cpu);

  printf ("{\"bookings\": %u, \"new_us\": %.1f, \"new_cpu_us\": %.1f,"
          " \"unchanged_us\": %.1f, \"unchanged_cpu_us\": %.1f,"
          " \"changed_us\": %.1f, \"changed_cpu_us\": %.1f}\n",
          bookings->len, new_ms * 1000 / bookings->len, new_cpu * 1000 / bookings->len,
          same_ms * 1000 / bookings->len, same_cpu * 1000 / bookings->len,
          changed_ms * 1000 / bookings->len, changed_cpu * 1000 / bookings->len);
  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "write"))
    return bench_write (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));
  if (argc >= 6 && g_str_equal (argv[1], "queries"))
    return bench_queries (argv[2], g_ascii_strtoll (argv[3], NULL, 10), argv[4], argv[5],
                          (const char * const *) argv + 6);
  if (argc == 3 && g_str_equal (argv[1], "seed"))
    return bench_seed ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  if (argc == 5 && g_str_equal (argv[1], "sync"))
    return bench_sync (argv[2], argv[3], argv[4], TRUE);
  if (argc == 5 && g_str_equal (argv[1], "incremental"))
    return bench_sync (argv[2], argv[3], argv[4], FALSE);
  if (argc == 3 && g_str_equal (argv[1], "store"))
    return bench_store (argv[2]);

  g_printerr ("usage: bench-calbook seed N | sync URL KEY STORE | incremental URL KEY STORE\n"
              "       | store STORE\n"
              "       | queries STORE USER_ID EMAIL SQL_DIR [NAME...]\n");
  return EXIT_FAILURE;
}
