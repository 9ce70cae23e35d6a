/* test-calendar-dense.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "calbook-booking-block.h"
#include "calbook-calendar-utils.h"
#include "calbook-format.h"
#include "calbook-store.h"
#include "calbook-store-private.h"
#include "calbook-week-grid.h"
#include "gui-test-util.h"

/*
 * A busy week on the week grid, read from a real store file: two
 * overlapping bookings share their column; a denser cluster shows its first
 * lane's bookings and "+N more" for the rest, so the blocks stay readable
 * and only the bookings drawn are built as widgets. Blocks show summaries:
 * drawing a week reads no booking in full (no JSON parsed); picking one
 * reads that one.
 */

typedef struct
{
  char             *folder;
  CalbookStore     *store;
  CalbookViewQuery  query;
  GDateTime        *week_start;
  CalbookWeekGrid  *grid;
} Fixture;

/* A Wednesday in a week that starts on Monday or Sunday: the same week either way */
#define DAY "2030-01-09"

static void
add_booking (Fixture    *fixture,
             guint       n,
             const char *start,
             const char *end)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(CalbookBooking) booking = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new ();

  json = g_strdup_printf ("{\"id\":%u,\"uid\":\"dense-%02u\",\"title\":\"Check-up between Ann and Client %u\","
                          "\"status\":\"accepted\",\"start\":\"%s\",\"end\":\"%s\",\"hosts\":[],"
                          "\"attendees\":[{\"name\":\"Client %u\",\"email\":\"client%u@example.org\","
                          "\"timeZone\":\"UTC\"}]}",
                          n, n, n, start, end, n, n);
  booking = calbook_booking_new_from_json_string (json, -1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (page, booking);
  calbook_store_upsert_bookings (fixture->store, page, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  fixture->folder = g_dir_make_tmp ("calbook-dense-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "store.sqlite3", NULL);
  fixture->store = calbook_store_open (path, &error);
  g_assert_no_error (error);
  calbook_view_query_set (&fixture->query, fixture->store, NULL, NULL);

  day = g_date_time_new (utc, 2030, 1, 9, 12, 0, 0);
  fixture->week_start = calbook_calendar_start_of_week (day);
  fixture->grid = g_object_ref_sink (g_object_new (CALBOOK_TYPE_WEEK_GRID, NULL));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->grid);
  g_clear_pointer (&fixture->week_start, g_date_time_unref);
  calbook_view_query_clear (&fixture->query);
  g_clear_object (&fixture->store);
  gui_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

/* Reads the week as the week view does, and gives it to the grid */
static void
show_week (Fixture *fixture)
{
  g_autoptr(GDateTime) week_end = g_date_time_add_days (fixture->week_start, 7);
  g_autoptr(GPtrArray) summaries = calbook_view_query_read (&fixture->query, fixture->week_start,
                                                            week_end);

  calbook_week_grid_set_bookings (fixture->grid, fixture->week_start, summaries, &fixture->query);
}

static guint
count_blocks (Fixture *fixture)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += CALBOOK_IS_BOOKING_BLOCK (child);

  return n;
}

/* The grid's "+N more" buttons */
static GPtrArray *
collect_more (Fixture *fixture)
{
  GPtrArray *buttons = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      g_ptr_array_add (buttons, child);

  return buttons;
}

static void
on_more_requested_cb (CalbookWeekGrid  *grid,
                      GDateTime        *day,
                      GDateTime       **requested)
{
  g_clear_pointer (requested, g_date_time_unref);
  *requested = g_date_time_ref (day);
}

/* Two at once fit side by side: two blocks, no "+N more"; three do not */
static void
test_two_fit (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) more = NULL;
  GtkWidget *label;

  for (guint i = 0; i < 2; i++)
    add_booking (fixture, i, DAY "T10:00:00Z", DAY "T11:00:00Z");

  show_week (fixture);
  g_assert_cmpuint (count_blocks (fixture), ==, 2);
  more = collect_more (fixture);
  g_assert_cmpuint (more->len, ==, 0);

  add_booking (fixture, 2, DAY "T10:30:00Z", DAY "T11:30:00Z");
  show_week (fixture);
  g_assert_cmpuint (count_blocks (fixture), ==, 1);
  g_clear_pointer (&more, g_ptr_array_unref);
  more = collect_more (fixture);
  g_assert_cmpuint (more->len, ==, 1);
  label = gtk_button_get_child (GTK_BUTTON (g_ptr_array_index (more, 0)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "+2 more");
}

/* Twelve at once: one block and "+11 more", which asks for that day */
static void
test_cluster_capped (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GDateTime) requested = NULL;
  GtkWidget *label;

  for (guint i = 0; i < 12; i++)
    add_booking (fixture, i, DAY "T10:00:00Z", DAY "T11:00:00Z");
  /* Later that day, on its own: a block of its own */
  add_booking (fixture, 50, DAY "T15:00:00Z", DAY "T15:30:00Z");

  show_week (fixture);
  g_assert_cmpuint (count_blocks (fixture), ==, 2);
  more = collect_more (fixture);
  g_assert_cmpuint (more->len, ==, 1);
  label = gtk_button_get_child (GTK_BUTTON (g_ptr_array_index (more, 0)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "+11 more");

  g_signal_connect (fixture->grid, "more-requested", G_CALLBACK (on_more_requested_cb), &requested);
  g_signal_emit_by_name (g_ptr_array_index (more, 0), "clicked");
  g_assert_nonnull (requested);
  {
    g_autoptr(GDateTime) ten = g_date_time_new_from_iso8601 (DAY "T10:00:00Z", NULL);

    g_assert_true (calbook_calendar_same_day (requested, ten));
  }

  /* The blocks drawn are the first lane's bookings */
  g_assert_nonnull (calbook_week_grid_lookup_block (fixture->grid, "dense-00"));
  g_assert_null (calbook_week_grid_lookup_block (fixture->grid, "dense-01"));
  g_assert_null (calbook_week_grid_lookup_block (fixture->grid, "dense-05"));
  g_assert_nonnull (calbook_week_grid_lookup_block (fixture->grid, "dense-50"));

  /* Read again (a sync), nothing is left over from before */
  show_week (fixture);
  g_assert_cmpuint (count_blocks (fixture), ==, 2);
  g_clear_pointer (&more, g_ptr_array_unref);
  more = collect_more (fixture);
  g_assert_cmpuint (more->len, ==, 1);
}

static char *
iso_at (GDateTime *start,
        int        minutes)
{
  g_autoptr(GDateTime) at = g_date_time_add_minutes (start, minutes);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (at);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* A booking from the evening before the week into its first night is drawn
 * at the top of the first day, on its own: it does not take a lane from the
 * bookings after it (it was drawn at 23:45, and the whole day became one
 * cluster behind it) */
static void
test_from_week_before (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *before = iso_at (fixture->week_start, -15);
  g_autofree char *after = iso_at (fixture->week_start, 15);
  g_autofree char *one = iso_at (fixture->week_start, 60);
  g_autofree char *two = iso_at (fixture->week_start, 120);
  g_autoptr(GPtrArray) more = NULL;

  add_booking (fixture, 0, before, after);
  add_booking (fixture, 1, one, two);
  add_booking (fixture, 2, one, two);

  show_week (fixture);
  g_assert_cmpuint (count_blocks (fixture), ==, 3);
  more = collect_more (fixture);
  g_assert_cmpuint (more->len, ==, 0);
}

/* Statements of @traced that read a booking's JSON */
static guint
count_json_reads (GPtrArray *traced)
{
  guint n = 0;

  for (guint i = 0; i < traced->len; i++)
    n += strstr (g_ptr_array_index (traced, i), "json") != NULL;

  return n;
}

/* A block shows its summary: the client, time, event type and status
 * drawn without reading a booking in full; picking it reads that one */
static void
test_blocks_from_summaries (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) traced = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *shown = NULL;
  CalbookBookingBlock *block;
  CalbookBooking *booking;

  add_booking (fixture, 0, DAY "T10:00:00Z", DAY "T11:00:00Z");
  add_booking (fixture, 1, DAY "T10:00:00Z", DAY "T11:00:00Z");
  add_booking (fixture, 2, DAY "T14:00:00Z", DAY "T15:00:00Z");

  _calbook_store_trace_statements (fixture->store, traced);
  show_week (fixture);
  g_assert_cmpuint (count_blocks (fixture), ==, 3);
  g_assert_cmpuint (traced->len, >, 0);
  g_assert_cmpuint (count_json_reads (traced), ==, 0);

  block = calbook_week_grid_lookup_block (fixture->grid, "dense-02");
  g_assert_nonnull (block);
  shown = calbook_booking_block_get_shown_text (block);
  g_assert_true (g_str_has_prefix (shown, "Client 2\n"));
  g_assert_nonnull (strstr (shown, "Check-up"));

  /* Picked: that booking, and only it, is read in full */
  booking = calbook_booking_block_get_booking (block);
  g_assert_nonnull (booking);
  g_assert_cmpstr (calbook_booking_get_uid (booking), ==, "dense-02");
  g_assert_cmpuint (count_json_reads (traced), ==, 1);
  _calbook_store_trace_statements (fixture->store, NULL);
}

/* A no-show (the host absent) says so on its block, which is drawn from
 * the booking's summary alone */
static void
test_no_show_from_summary (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookBooking) booking = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_autoptr(GDateTime) week_end = g_date_time_add_days (fixture->week_start, 7);
  g_autoptr(GPtrArray) summaries = NULL;
  guint n_checked = 0;

  add_booking (fixture, 0, DAY "T10:00:00Z", DAY "T11:00:00Z");
  booking = calbook_booking_new_from_json_string ("{\"id\":1,\"uid\":\"dense-01\","
                                                  "\"title\":\"Check-up\",\"status\":\"accepted\","
                                                  "\"start\":\"" DAY "T14:00:00Z\","
                                                  "\"end\":\"" DAY "T15:00:00Z\",\"hosts\":[],"
                                                  "\"absentHost\":true,\"attendees\":[]}",
                                                  -1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (page, booking);
  calbook_store_upsert_bookings (fixture->store, page, NULL, NULL, &error);
  g_assert_no_error (error);

  summaries = calbook_view_query_read (&fixture->query, fixture->week_start, week_end);
  for (guint i = 0; i < summaries->len; i++)
    {
      CalbookBookingSummary *summary = g_ptr_array_index (summaries, i);
      const char *note = calbook_format_summary_status_note (summary);

      if (g_str_equal (calbook_booking_summary_get_uid (summary), "dense-01"))
        g_assert_cmpstr (note, ==, "No-show");
      else
        g_assert_null (note);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, ==, 2);
}

typedef struct
{
  GtkWidget *grid;
  int        width;
} WidthWait;

static gboolean
has_width (gpointer data)
{
  WidthWait *wait = data;

  return gtk_widget_get_width (wait->grid) == wait->width;
}

/* The grid alone in a window @width wide; returns the window */
static GtkWidget *
show_in_window (Fixture *fixture,
                int      width)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_EXTERNAL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->grid));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 500);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
resize_to (Fixture   *fixture,
           GtkWidget *window,
           int        width)
{
  WidthWait wait = { GTK_WIDGET (fixture->grid), width };

  gtk_window_set_default_size (GTK_WINDOW (window), width, 500);
  gui_test_wait_until (has_width, &wait, 10, "the grid to take the window's width");
}

/* At 360 px a day column (43 px) has room for one lane: two bookings at
 * once are one block and a "+1" badge on it, not two slivers; wide, the
 * column has room for three, and three at once are three blocks */
static void
test_lanes_follow_width (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) more = NULL;
  GtkWidget *window;
  GtkWidget *label;
  graphene_rect_t block_bounds;
  graphene_rect_t badge_bounds;

  for (guint i = 0; i < 2; i++)
    add_booking (fixture, i, DAY "T10:00:00Z", DAY "T11:00:00Z");

  window = show_in_window (fixture, 360);
  show_week (fixture);
  resize_to (fixture, window, 360);

  g_assert_cmpuint (count_blocks (fixture), ==, 1);
  more = collect_more (fixture);
  g_assert_cmpuint (more->len, ==, 1);
  label = gtk_button_get_child (GTK_BUTTON (g_ptr_array_index (more, 0)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "+1");

  /* The block has the column; the badge sits inside it, on its top */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (calbook_week_grid_lookup_block (fixture->grid, "dense-00")),
                                            GTK_WIDGET (fixture->grid), &block_bounds));
  g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (more, 0), GTK_WIDGET (fixture->grid),
                                            &badge_bounds));
  g_assert_cmpfloat (block_bounds.size.width, >=, (360 - 56) / 7.0 - 4);
  g_assert_true (graphene_rect_contains_rect (&block_bounds, &badge_bounds));

  /* Wide: three lanes */
  add_booking (fixture, 2, DAY "T10:00:00Z", DAY "T11:00:00Z");
  show_week (fixture);
  resize_to (fixture, window, 1240);
  g_assert_cmpuint (count_blocks (fixture), ==, 3);
  g_clear_pointer (&more, g_ptr_array_unref);
  more = collect_more (fixture);
  g_assert_cmpuint (more->len, ==, 0);

  /* Narrow again: made again for one lane */
  resize_to (fixture, window, 360);
  g_assert_cmpuint (count_blocks (fixture), ==, 1);
  g_clear_pointer (&more, g_ptr_array_unref);
  more = collect_more (fixture);
  g_assert_cmpuint (more->len, ==, 1);
  label = gtk_button_get_child (GTK_BUTTON (g_ptr_array_index (more, 0)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "+2");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  int status;

  if (!gui_test_prepare (&argc, &argv, "calbook-test-dense-XXXXXX", &own_home))
    return 77;

  g_test_add ("/calendar-dense/two-fit", Fixture, NULL,
              fixture_set_up, test_two_fit, fixture_tear_down);
  g_test_add ("/calendar-dense/cluster-capped", Fixture, NULL,
              fixture_set_up, test_cluster_capped, fixture_tear_down);

  g_test_add ("/calendar-dense/from-week-before", Fixture, NULL,
              fixture_set_up, test_from_week_before, fixture_tear_down);
  g_test_add ("/calendar-dense/blocks-from-summaries", Fixture, NULL,
              fixture_set_up, test_blocks_from_summaries, fixture_tear_down);
  g_test_add ("/calendar-dense/no-show-from-summary", Fixture, NULL,
              fixture_set_up, test_no_show_from_summary, fixture_tear_down);
  g_test_add ("/calendar-dense/lanes-follow-width", Fixture, NULL,
              fixture_set_up, test_lanes_follow_width, fixture_tear_down);

  status = g_test_run ();
  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
