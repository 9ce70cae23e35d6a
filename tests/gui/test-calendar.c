/* test-calendar.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <math.h>
#include <string.h>

#include "gui-test-util.h"
#include "calbook-agenda-view.h"
#include "calbook-application-private.h"
#include "calbook-booking-block.h"
#include "calbook-booking-row.h"
#include "calbook-booking-text.h"
#include "calbook-calendar-utils.h"
#include "calbook-demo-server.h"
#include "calbook-format.h"
#include "calbook-month-view.h"
#include "calbook-preferences-window.h"
#include "calbook-sandbox.h"
#include "calbook-week-view.h"
#include "calbook-window-private.h"

/*
 * The calendar views of the main window, driven under a real X server
 * against `calbook --demo` (the sandbox over HTTP, the real store): switching
 * views, navigating, the agenda's day headers, the week's blocks, the status
 * views with their counts, and going offline and back. Each scenario runs
 * the application in a subprocess of its own.
 *
 * With CALBOOK_TEST_SHOTS=DIR, screenshots of each view (light, dark and
 * 360 px wide) go to DIR.
 */

typedef void     (*Scenario)  (CalbookApplication *app,
                               CalbookWindow      *window);

static Scenario current_scenario;

#define ACTIVE_MASK (CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING) | \
                     CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CONFIRMED) | \
                     CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_OTHER))

/* Auxiliary methods */

#define wait_until gui_test_wait_until
#define collect gui_test_collect_widgets

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Lets GTK lay out and draw what changed (a frame or two), for screenshots */
static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (300, on_timeout_cb, &done);
  wait_until (is_true, &done, 10, "the window to settle");
}

static CalbookWindow *
get_window (CalbookApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CALBOOK_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static CalbookStore *
get_store (CalbookApplication *app)
{
  return calbook_context_get_store (calbook_application_get_context (app));
}

static CalbookBookingFilter *
own_filter (CalbookApplication *app,
            guint               status_mask)
{
  CalbookBookingFilter *filter = calbook_booking_filter_new ();
  CalbookAccount *account = calbook_context_get_account (calbook_application_get_context (app));

  filter->user_id = calbook_account_get_user_id (account);
  calbook_booking_filter_set_user_email (filter, calbook_account_get_email (account));
  filter->status_mask = status_mask;
  filter->sort = CALBOOK_BOOKING_SORT_START_ASC;

  return filter;
}

static guint
count_store (CalbookApplication         *app,
             const CalbookBookingFilter *filter)
{
  g_autoptr(GError) error = NULL;
  guint n = calbook_store_count_bookings (get_store (app), filter, &error);

  g_assert_no_error (error);

  return n;
}

static GPtrArray *
query_store (CalbookApplication         *app,
             const CalbookBookingFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *bookings = calbook_store_query_bookings (get_store (app), filter, 0, 10000, &error);

  g_assert_no_error (error);

  return bookings;
}

static gboolean
is_synced (gpointer data)
{
  CalbookApplication *app = data;
  CalbookContext *context = calbook_application_get_context (app);
  CalbookWindow *window = get_window (app);
  g_autoptr(CalbookBookingFilter) all = calbook_booking_filter_new ();
  gboolean syncing = TRUE;

  if (context == NULL || window == NULL ||
      g_strcmp0 (calbook_window_get_visible_page (window), "bookings") != 0)
    return FALSE;

  g_object_get (context, "syncing", &syncing, NULL);

  return !syncing && count_store (app, all) > 0;
}

static CalbookView *
view (CalbookWindow *window,
      const char    *name)
{
  CalbookView *found = calbook_window_get_view (window, name);

  g_assert_nonnull (found);

  return found;
}

static void
switch_view (CalbookWindow *window,
             const char    *name)
{
  /* What Ctrl+1/2/3 activate */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", name));
  g_assert_cmpstr (calbook_window_get_view_name (window), ==, name);
}

static CalbookBookingBlock *
find_block (GtkWidget  *widget,
            const char *uid)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();

  collect (widget, CALBOOK_TYPE_BOOKING_BLOCK, blocks);
  for (guint i = 0; i < blocks->len; i++)
    {
      CalbookBookingBlock *block = g_ptr_array_index (blocks, i);

      if (g_strcmp0 (calbook_booking_block_get_uid (block), uid) == 0)
        return block;
    }

  return NULL;
}

static const char *
selected_uid (CalbookWindow *window)
{
  CalbookBooking *booking = calbook_window_get_selected_booking (window);

  return booking != NULL ? calbook_booking_get_uid (booking) : NULL;
}

/* The first upcoming booking of the signed-in person that lasts less than a day */
static CalbookBooking *
first_upcoming (CalbookApplication *app)
{
  g_autoptr(CalbookBookingFilter) filter = own_filter (app, ACTIVE_MASK);
  g_autoptr(GPtrArray) bookings = NULL;

  filter->range_start = g_get_real_time () / G_USEC_PER_SEC;
  bookings = query_store (app, filter);
  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);

      if (calbook_booking_get_end (booking) - calbook_booking_get_start (booking) < 24 * 3600)
        return g_object_ref (booking);
    }

  return NULL;
}

static GDateTime *
booking_start (CalbookBooking *booking)
{
  return g_date_time_new_from_unix_local (calbook_booking_get_start (booking));
}

/* The week's bookings as the store has them, for the week view's filter */
static GPtrArray *
store_week (CalbookApplication *app,
            GDateTime          *date)
{
  g_autoptr(CalbookBookingFilter) filter = own_filter (app, ACTIVE_MASK);
  g_autoptr(GDateTime) start = calbook_calendar_start_of_week (date);
  g_autoptr(GDateTime) end = g_date_time_add_days (start, 7);

  filter->range_start = g_date_time_to_unix (start);
  filter->range_end = g_date_time_to_unix (end);

  return query_store (app, filter);
}

/* @shown: what a page read (summaries); @expected: full bookings */
static void
assert_same_uids (GPtrArray *shown,
                  GPtrArray *expected)
{
  g_assert_cmpuint (shown->len, ==, expected->len);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpstr (calbook_booking_summary_get_uid (g_ptr_array_index (shown, i)), ==,
                     calbook_booking_get_uid (g_ptr_array_index (expected, i)));
}

typedef struct
{
  GdkFrameClock *clock;
  gint64         until;
} FrameWait;

static gboolean
frames_painted (gpointer data)
{
  FrameWait *wait = data;

  return gdk_frame_clock_get_frame_counter (wait->clock) >= wait->until;
}

/* Two more frames painted: the last state change (a view switched, a colour
 * scheme) is on screen, not a frame behind */
static void
wait_frames (CalbookWindow *window)
{
  FrameWait wait = { gtk_widget_get_frame_clock (GTK_WIDGET (window)), 0 };

  if (wait.clock == NULL)
    return;
  wait.until = gdk_frame_clock_get_frame_counter (wait.clock) + 2;
  gtk_widget_queue_draw (GTK_WIDGET (window));
  gdk_frame_clock_begin_updating (wait.clock);
  wait_until (frames_painted, &wait, 10, "two more frames");
  gdk_frame_clock_end_updating (wait.clock);
}

static void
shoot (CalbookWindow *window,
       const char    *name)
{
  const char *dir = g_getenv ("CALBOOK_TEST_SHOTS");
  g_autofree char *file = NULL;
  g_autofree char *xid = NULL;
  GdkSurface *surface;
  int status;

  if (dir == NULL)
    return;

  settle ();
  wait_frames (window);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  xid = g_strdup_printf ("0x%lx", (unsigned long) gdk_x11_surface_get_xid (surface));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  {
    const char *argv[] = { "import", "-window", xid, file, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, NULL);
  }
}

static gboolean
details_shown (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (calbook_window_get_details (data)));
}

static gboolean
details_hidden (gpointer data)
{
  return !details_shown (data);
}

/* Narrow: the window took its new size, and the details are not beside the calendar */
static gboolean
folded_narrow (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) < 500 && details_hidden (data);
}

/* The scenarios, run inside the application's main loop */

static void
check_switch_views (CalbookApplication *app,
                    CalbookWindow      *window)
{
  g_autoptr(CalbookBooking) booking = first_upcoming (app);
  g_autoptr(GDateTime) start = NULL;
  CalbookBookingBlock *block;
  GDateTime *date;

  g_assert_nonnull (booking);
  start = booking_start (booking);

  /* In the week of the booking, a click on its block selects it */
  switch_view (window, "week");
  calbook_view_set_date (view (window, "week"), start);
  block = find_block (GTK_WIDGET (view (window, "week")), calbook_booking_get_uid (booking));
  g_assert_nonnull (block);
  g_signal_emit_by_name (block, "activate");
  g_assert_cmpstr (selected_uid (window), ==, calbook_booking_get_uid (booking));
  g_assert_cmpstr (calbook_booking_get_uid (calbook_booking_details_get_booking (
                     calbook_window_get_details (window))), ==, calbook_booking_get_uid (booking));

  /* The month keeps the day and the booking */
  switch_view (window, "month");
  date = calbook_view_get_date (view (window, "month"));
  g_assert_true (calbook_calendar_same_day (date, start));
  g_date_time_unref (date);
  g_assert_cmpstr (calbook_booking_get_uid (calbook_view_get_selected_booking (view (window, "month"))),
                   ==, calbook_booking_get_uid (booking));
  g_assert_cmpstr (selected_uid (window), ==, calbook_booking_get_uid (booking));
  {
    GPtrArray *shown = calbook_month_view_get_bookings (CALBOOK_MONTH_VIEW (view (window, "month")));
    gboolean found = FALSE;

    for (guint i = 0; i < shown->len; i++)
      if (g_str_equal (calbook_booking_summary_get_uid (g_ptr_array_index (shown, i)),
                       calbook_booking_get_uid (booking)))
        found = TRUE;
    g_assert_true (found);
  }

  /* So does the agenda: the booking is upcoming, so it is listed and selected */
  switch_view (window, "agenda");
  g_assert_cmpstr (calbook_booking_get_uid (calbook_view_get_selected_booking (view (window, "agenda"))),
                   ==, calbook_booking_get_uid (booking));
  g_assert_cmpstr (selected_uid (window), ==, calbook_booking_get_uid (booking));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (
                      gtk_list_view_get_model (calbook_window_get_list_view (window)))),
                    !=, GTK_INVALID_LIST_POSITION);

  /* And back to the week */
  switch_view (window, "week");
  date = calbook_view_get_date (view (window, "week"));
  g_assert_true (calbook_calendar_same_day (date, start));
  g_date_time_unref (date);
  g_assert_cmpstr (selected_uid (window), ==, calbook_booking_get_uid (booking));

  /* A week without it: the booking leaves the view and the details clear */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL));
  g_assert_null (calbook_window_get_selected_booking (window));
  g_assert_null (calbook_booking_details_get_booking (calbook_window_get_details (window)));

  /* At 360 px the details would cover the calendar: switching views and a
   * selection (arrow keys) do not open them, activating a booking does */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  wait_until (folded_narrow, window, 10, "the window to fold");
  switch_view (window, "agenda");
  settle ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (calbook_window_get_details (window))));
  gtk_selection_model_select_item (gtk_list_view_get_model (calbook_window_get_list_view (window)),
                                   0, TRUE);
  g_assert_nonnull (calbook_window_get_selected_booking (window));
  settle ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (calbook_window_get_details (window))));
  g_signal_emit_by_name (calbook_window_get_list_view (window), "activate", 0);
  wait_until (details_shown, window, 10, "the details of the activated booking");
  g_assert_nonnull (calbook_window_get_selected_booking (window));
}

static void
widget_bounds (CalbookWindow   *window,
               GtkWidget       *widget,
               graphene_rect_t *bounds)
{
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), bounds));
}

/* The status views, all at once on one row */
static void
assert_status_row (CalbookWindow *window)
{
  static const char * const ids[] = {
    "status_upcoming", "status_unconfirmed", "status_recurring", "status_past", "status_cancelled",
  };
  graphene_rect_t first;
  graphene_rect_t toolbar;

  g_assert_true (gtk_widget_get_mapped (calbook_window_get_part (window, "status_box")));
  g_assert_false (gtk_widget_get_mapped (calbook_window_get_part (window, "status_menu_button")));
  widget_bounds (window, calbook_window_get_part (window, "toolbar"), &toolbar);
  widget_bounds (window, calbook_window_get_part (window, ids[0]), &first);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GtkWidget *button = calbook_window_get_part (window, ids[i]);
      graphene_rect_t bounds;
      int natural;

      g_assert_true (gtk_widget_get_mapped (button));
      widget_bounds (window, button, &bounds);
      g_assert_cmpfloat (bounds.origin.y, ==, first.origin.y);
      g_assert_cmpfloat (bounds.size.height, ==, first.size.height);
      /* Whole, inside the toolbar: nothing cut off at the edge */
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, toolbar.origin.x + toolbar.size.width);
      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpfloat (bounds.size.width, >=, natural);
    }
}

/*
 * The calendar has the window; the details open at its side for a selected
 * booking and close with it. Narrow, the status views are a menu and the
 * details cover the calendar only when asked for.
 */
static void
check_layout (CalbookApplication *app,
              CalbookWindow      *window)
{
  g_autoptr(CalbookBooking) booking = first_upcoming (app);
  g_autoptr(GDateTime) start = NULL;
  GtkWidget *details = GTK_WIDGET (calbook_window_get_details (window));
  GtkWidget *calendar = calbook_window_get_part (window, "calendar_pane");
  GtkWidget *menu_button = calbook_window_get_part (window, "status_menu_button");
  GtkLabel *menu_label = GTK_LABEL (calbook_window_get_part (window, "status_menu_label"));
  CalbookBookingBlock *block;
  graphene_rect_t calendar_bounds;
  graphene_rect_t details_bounds;

  g_assert_nonnull (booking);
  start = booking_start (booking);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  switch_view (window, "week");
  calbook_view_set_date (view (window, "week"), start);
  settle ();

  /* Nothing selected: no details pane, the calendar spans the window */
  g_assert_null (calbook_window_get_selected_booking (window));
  g_assert_false (gtk_widget_get_mapped (details));
  g_assert_cmpint (gtk_widget_get_width (calendar), >=, gtk_widget_get_width (GTK_WIDGET (window)) - 12);
  assert_status_row (window);

  /* A block activated: its details beside the calendar, which keeps most of the window */
  block = find_block (GTK_WIDGET (view (window, "week")), calbook_booking_get_uid (booking));
  g_assert_nonnull (block);
  g_signal_emit_by_name (block, "activate");
  g_assert_cmpstr (selected_uid (window), ==, calbook_booking_get_uid (booking));
  wait_until (gui_test_is_mapped, details, 10, "the details pane to open");
  settle ();
  widget_bounds (window, calendar, &calendar_bounds);
  widget_bounds (window, details, &details_bounds);
  g_assert_cmpfloat (calendar_bounds.origin.x + calendar_bounds.size.width, <=, details_bounds.origin.x);
  g_assert_cmpfloat (calendar_bounds.size.width, >, details_bounds.size.width);
  g_assert_cmpfloat (details_bounds.size.width, >=, 360);
  assert_status_row (window);

  /* Closed: the booking is put down and the calendar has the window again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-details", NULL));
  g_assert_null (calbook_window_get_selected_booking (window));
  g_assert_null (calbook_view_get_selected_booking (view (window, "week")));
  /* Nor is its block marked any more */
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (block), "selected"));
  wait_until (gui_test_is_unmapped, details, 10, "the details pane to close");
  settle ();
  g_assert_cmpint (gtk_widget_get_width (calendar), >=, gtk_widget_get_width (GTK_WIDGET (window)) - 12);
  g_assert_false (gtk_widget_get_sensitive (calbook_window_get_part (window, "close_details_button")));

  /* 360 px: the status views become a menu naming the current one */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  wait_until (gui_test_is_mapped, menu_button, 10, "the status menu");
  wait_until (gui_test_is_unmapped, calbook_window_get_part (window, "status_box"), 10,
              "the status views' row to go");
  g_assert_cmpstr (gtk_label_get_text (menu_label), ==, "Upcoming");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.status-view", "s", "past"));
  g_assert_cmpstr (gtk_label_get_text (menu_label), ==, "Past");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.status-view", "s", "upcoming"));
  {
    graphene_rect_t bounds;

    widget_bounds (window, menu_button, &bounds);
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window)));
  }

  /* Selected only, the calendar stays in view; activated, the details cover it */
  calbook_window_set_selected_booking (window, booking);
  settle ();
  g_assert_false (gtk_widget_get_mapped (details));
  /* The status views rebuilt the blocks */
  block = find_block (GTK_WIDGET (view (window, "week")), calbook_booking_get_uid (booking));
  g_assert_nonnull (block);
  g_signal_emit_by_name (block, "activate");
  wait_until (gui_test_is_mapped, details, 10, "the details over the calendar");

  /* Wide again: the selection is still there, and its details beside the calendar */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  wait_until (gui_test_is_mapped, calbook_window_get_part (window, "status_box"), 10, "the status views' row");
  wait_until (gui_test_is_unmapped, menu_button, 10, "the status menu to go");
  settle ();
  g_assert_cmpstr (selected_uid (window), ==, calbook_booking_get_uid (booking));
  g_assert_true (gtk_widget_get_mapped (details));
  widget_bounds (window, calendar, &calendar_bounds);
  widget_bounds (window, details, &details_bounds);
  g_assert_cmpfloat (calendar_bounds.origin.x + calendar_bounds.size.width, <=, details_bounds.origin.x);
}

static void
check_navigate (CalbookApplication *app,
                CalbookWindow      *window)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next_week = g_date_time_add_weeks (now, 1);
  g_autoptr(GDateTime) last_week = g_date_time_add_weeks (now, -1);
  g_autoptr(GDateTime) week_start = NULL;
  g_autoptr(GDateTime) picked = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GDateTime) month_start = NULL;
  g_autoptr(GDateTime) next_month = NULL;
  CalbookView *week = view (window, "week");
  CalbookView *month = view (window, "month");
  GDateTime *date;

  switch_view (window, "week");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.today", NULL));
  date = calbook_view_get_date (week);
  g_assert_true (calbook_calendar_same_day (date, now));
  g_date_time_unref (date);

  /* The week starts on the locale's first weekday */
  week_start = calbook_calendar_start_of_week (now);
  g_assert_cmpint (g_date_time_get_day_of_week (week_start) % 7, ==,
                   calbook_calendar_get_first_weekday ());

  /* Alt+→: the next week, read from the store */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL));
  date = calbook_view_get_date (week);
  g_assert_true (calbook_calendar_same_day (date, next_week));
  g_date_time_unref (date);
  expected = store_week (app, next_week);
  assert_same_uids (calbook_week_view_get_bookings (CALBOOK_WEEK_VIEW (week)), expected);

  /* Alt+← twice: the week before this one */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous", NULL));
  date = calbook_view_get_date (week);
  g_assert_true (calbook_calendar_same_day (date, last_week));
  g_date_time_unref (date);
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = store_week (app, last_week);
  assert_same_uids (calbook_week_view_get_bookings (CALBOOK_WEEK_VIEW (week)), expected);

  /* The date picker */
  picked = g_date_time_add_days (now, 40);
  {
    g_autoptr(GPtrArray) calendars = g_ptr_array_new ();
    GtkCalendar *calendar;

    collect (GTK_WIDGET (window), GTK_TYPE_CALENDAR, calendars);
    g_assert_cmpuint (calendars->len, ==, 1);
    calendar = g_ptr_array_index (calendars, 0);
    gtk_calendar_select_day (calendar, picked);
    g_signal_emit_by_name (calendar, "day-selected");
  }
  date = calbook_view_get_date (week);
  g_assert_true (calbook_calendar_same_day (date, picked));
  g_date_time_unref (date);

  /* The month: next month, six weeks read from the store */
  switch_view (window, "month");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.today", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next", NULL));
  month_start = calbook_calendar_start_of_month (now);
  next_month = g_date_time_add_months (month_start, 1);
  date = calbook_view_get_date (month);
  g_assert_cmpint (g_date_time_get_month (date), ==, g_date_time_get_month (next_month));
  g_date_time_unref (date);
  {
    g_autoptr(CalbookBookingFilter) filter = own_filter (app, ACTIVE_MASK);
    g_autoptr(GDateTime) grid_start = calbook_calendar_start_of_week (next_month);
    g_autoptr(GDateTime) grid_end = g_date_time_add_days (grid_start, 42);
    g_autoptr(GPtrArray) month_expected = NULL;

    filter->range_start = g_date_time_to_unix (grid_start);
    filter->range_end = g_date_time_to_unix (grid_end);
    month_expected = query_store (app, filter);
    assert_same_uids (calbook_month_view_get_bookings (CALBOOK_MONTH_VIEW (month)), month_expected);
  }
}

static void
check_agenda_grouping (CalbookApplication *app,
                       CalbookWindow      *window)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GListModel *model;
  guint n_headers = 0;
  guint n_checked = 0;

  switch_view (window, "agenda");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.status-view", "s", "upcoming"));
  settle ();

  model = G_LIST_MODEL (calbook_window_get_booking_list (window));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 1);

  collect (GTK_WIDGET (calbook_window_get_list_view (window)), CALBOOK_TYPE_BOOKING_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      CalbookBookingRow *row = g_ptr_array_index (rows, i);
      CalbookBooking *booking = calbook_booking_row_get_booking (row);
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(CalbookBooking) previous = NULL;
      g_autoptr(GDateTime) previous_start = NULL;
      guint position = GTK_INVALID_LIST_POSITION;

      if (booking == NULL)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (model) && position == GTK_INVALID_LIST_POSITION; j++)
        {
          g_autoptr(CalbookBooking) item = g_list_model_get_item (model, j);

          if (g_str_equal (calbook_booking_get_uid (item), calbook_booking_get_uid (booking)))
            position = j;
        }
      g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);

      start = booking_start (booking);
      if (position > 0)
        previous = g_list_model_get_item (model, position - 1);

      /* A header above the first booking of each day, and only there */
      if (previous != NULL)
        previous_start = booking_start (previous);
      if (previous == NULL || !calbook_calendar_same_day (previous_start, start))
        {
          g_autofree char *expected = calbook_format_day_header (start);

          g_assert_cmpstr (calbook_booking_row_get_header (row), ==, expected);
          n_headers++;
        }
      else
        {
          g_assert_null (calbook_booking_row_get_header (row));
        }

      /* The status only where it is not the normal case */
      if (calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_PENDING)
        g_assert_cmpstr (calbook_booking_row_get_status_text (row), ==, "Unconfirmed");
      else if (calbook_format_status_note (booking) == NULL)
        g_assert_null (calbook_booking_row_get_status_text (row));

      n_checked++;
    }

  g_assert_cmpuint (n_checked, >, 1);
  g_assert_cmpuint (n_headers, >, 0);
}

/* Copies of a synced booking, @minutes long, "test-<prefix>-<i>": each
 * @step minutes after the one before (0: all at once), stored */
static void
store_copies (CalbookApplication *app,
               CalbookBooking     *model,
               const char         *prefix,
               GDateTime          *start,
               int                 minutes,
               int                 step,
               guint               n)
{
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) object = calbook_booking_to_json (model);
      g_autoptr(GDateTime) begin = g_date_time_add_minutes (start, step * (int) i);
      g_autoptr(GDateTime) end = g_date_time_add_minutes (begin, minutes);
      g_autofree char *start_text = g_date_time_format_iso8601 (begin);
      g_autofree char *end_text = g_date_time_format_iso8601 (end);
      g_autofree char *uid = g_strdup_printf ("test-%s-%u", prefix, i);
      CalbookBooking *booking;

      json_object_set_string_member (object, "uid", uid);
      json_object_set_int_member (object, "id", 900000000 + g_str_hash (uid) % 1000000);
      json_object_set_string_member (object, "status", "accepted");
      json_object_set_string_member (object, "start", start_text);
      json_object_set_string_member (object, "end", end_text);
      json_object_remove_member (object, "rescheduledToUid");
      booking = calbook_booking_new_from_json (object, &error);
      g_assert_no_error (error);
      g_ptr_array_add (bookings, booking);
    }

  calbook_store_upsert_bookings (get_store (app), bookings, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* The same, and the window told the store changed */
static void
insert_copies (CalbookApplication *app,
               CalbookBooking     *model,
               const char         *prefix,
               GDateTime          *start,
               int                 minutes,
               int                 step,
               guint               n)
{
  store_copies (app, model, prefix, start, minutes, step, n);
  g_signal_emit_by_name (calbook_application_get_context (app), "bookings-changed");
}

/* Two bookings at the same time, copies of a synced one */
static void
insert_overlapping (CalbookApplication *app,
                    CalbookBooking     *model,
                    GDateTime          *start)
{
  insert_copies (app, model, "overlap", start, 60, 0, 2);
}

static void
check_week_blocks (CalbookApplication *app,
                   CalbookWindow      *window)
{
  g_autoptr(CalbookBooking) booking = first_upcoming (app);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) slot = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  CalbookView *week = view (window, "week");
  CalbookBookingBlock *a;
  CalbookBookingBlock *b;
  graphene_rect_t bounds_a;
  graphene_rect_t bounds_b;
  CalbookAccount *account = calbook_context_get_account (calbook_application_get_context (app));

  g_assert_nonnull (booking);
  start = booking_start (booking);

  switch_view (window, "week");
  calbook_view_set_date (week, start);
  settle ();

  /* Every booking the store has for the week has its block, named for a
   * screen reader by client, time and status */
  expected = store_week (app, start);
  g_assert_cmpuint (expected->len, >, 0);
  for (guint i = 0; i < expected->len; i++)
    {
      CalbookBooking *item = g_ptr_array_index (expected, i);
      CalbookBookingBlock *block = find_block (GTK_WIDGET (week), calbook_booking_get_uid (item));
      g_autofree char *client = calbook_format_client (item, calbook_account_get_email (account));
      g_autofree char *label = calbook_format_booking_summary (item, calbook_account_get_email (account),
                                                              FALSE);

      g_assert_nonnull (block);
      if (calbook_booking_get_end (item) - calbook_booking_get_start (item) < 24 * 3600)
        g_assert_cmpstr (calbook_booking_block_get_title_text (block), ==, client);
      g_assert_true (strstr (label, client) != NULL);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (block)));
    }

  /* Two bookings at once stand side by side, not on top of each other */
  slot = g_date_time_new_local (g_date_time_get_year (start), g_date_time_get_month (start),
                                g_date_time_get_day_of_month (start), 11, 0, 0);
  insert_overlapping (app, booking, slot);
  settle ();
  a = find_block (GTK_WIDGET (week), "test-overlap-0");
  b = find_block (GTK_WIDGET (week), "test-overlap-1");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (a), GTK_WIDGET (week), &bounds_a));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (b), GTK_WIDGET (week), &bounds_b));
  g_assert_cmpfloat (bounds_a.size.width, >, 0);
  g_assert_cmpfloat (bounds_a.origin.y, ==, bounds_b.origin.y);
  g_assert_true (bounds_a.origin.x + bounds_a.size.width <= bounds_b.origin.x ||
                 bounds_b.origin.x + bounds_b.size.width <= bounds_a.origin.x);
}

static gboolean
page_is_narrow (gpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (data));

  return width > 0 && width <= 360;
}

static gboolean
page_is_wide (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) >= 1000;
}

/* The "+N" badges and "+N more" buttons on the week grid */
static GPtrArray *
collect_more_buttons (CalbookView *week)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GPtrArray *more = g_ptr_array_new ();

  collect (GTK_WIDGET (week), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "week-more"))
      g_ptr_array_add (more, g_ptr_array_index (buttons, i));

  return more;
}

/* Three bookings at once: side by side on a wide screen; at 360 px a day
 * column (43 px) has room for one: one block and "+2" on it */
static void
check_narrow_lanes (CalbookApplication *app,
                    CalbookWindow      *window)
{
  g_autoptr(CalbookBooking) booking = first_upcoming (app);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) slot = NULL;
  g_autoptr(GPtrArray) more = NULL;
  CalbookView *week = view (window, "week");
  graphene_rect_t block;
  graphene_rect_t badge;
  GtkWidget *label;

  g_assert_nonnull (booking);
  start = booking_start (booking);
  switch_view (window, "week");
  calbook_view_set_date (week, start);
  slot = g_date_time_new_local (g_date_time_get_year (start), g_date_time_get_month (start),
                                g_date_time_get_day_of_month (start), 11, 0, 0);
  insert_copies (app, booking, "lane", slot, 60, 0, 3);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  wait_until (page_is_wide, week, 30, "the week at 1280 px");
  settle ();
  g_assert_nonnull (find_block (GTK_WIDGET (week), "test-lane-0"));
  g_assert_nonnull (find_block (GTK_WIDGET (week), "test-lane-1"));
  g_assert_nonnull (find_block (GTK_WIDGET (week), "test-lane-2"));
  shoot (window, "week-lanes-wide");

  /* (the details' buttons fit 360 px only once they follow a booking) */
  calbook_window_set_selected_booking (window, booking);
  calbook_window_set_selected_booking (window, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  wait_until (page_is_narrow, week, 30, "the week at 360 px");
  settle ();
  g_assert_nonnull (find_block (GTK_WIDGET (week), "test-lane-0"));
  g_assert_null (find_block (GTK_WIDGET (week), "test-lane-1"));
  g_assert_null (find_block (GTK_WIDGET (week), "test-lane-2"));
  more = collect_more_buttons (week);
  g_assert_cmpuint (more->len, ==, 1);
  label = gtk_button_get_child (GTK_BUTTON (g_ptr_array_index (more, 0)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "+2");
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (find_block (GTK_WIDGET (week), "test-lane-0")),
                                            GTK_WIDGET (week), &block));
  g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (more, 0), GTK_WIDGET (week), &badge));
  g_assert_true (graphene_rect_contains_rect (&block, &badge));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  shoot (window, "week-lanes-narrow-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  shoot (window, "week-lanes-narrow-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* Copies of a synced booking, an hour long at @start, stored and
 * announced with where they are, as the sync announces a page */
static void
insert_announced (CalbookApplication *app,
                  CalbookBooking     *model,
                  const char         *prefix,
                  GDateTime          *start,
                  guint               n)
{
  CalbookContext *context = calbook_application_get_context (app);

  store_copies (app, model, prefix, start, 60, 0, n);
  g_signal_emit_by_name (context, "bookings-changed-in",
                         g_date_time_to_unix (start), g_date_time_to_unix (start) + 3600);
  g_signal_emit_by_name (context, "bookings-changed");
}

/*
 * Bookings stored and announced three weeks from the week shown leave the
 * week as it is (the same block widgets, nothing read again); bookings
 * announced in the week are drawn.
 */
static void
check_changes_elsewhere (CalbookApplication *app,
                         CalbookWindow      *window)
{
  g_autoptr(CalbookBooking) booking = first_upcoming (app);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) slot = NULL;
  CalbookView *week = view (window, "week");
  CalbookBookingBlock *block;
  gpointer alive;

  g_assert_nonnull (booking);
  start = booking_start (booking);
  switch_view (window, "week");
  calbook_view_set_date (week, start);
  settle ();

  block = find_block (GTK_WIDGET (week), calbook_booking_get_uid (booking));
  g_assert_nonnull (block);
  alive = block;
  g_object_add_weak_pointer (G_OBJECT (block), &alive);

  later = g_date_time_add_weeks (start, 3);
  insert_announced (app, booking, "later", later, 2);
  settle ();
  g_assert_nonnull (alive);
  g_assert_true (find_block (GTK_WIDGET (week), calbook_booking_get_uid (booking)) == block);
  g_assert_null (find_block (GTK_WIDGET (week), "test-later-0"));

  /* In the week: read again, drawn */
  slot = g_date_time_new_local (g_date_time_get_year (start), g_date_time_get_month (start),
                                g_date_time_get_day_of_month (start), 6, 0, 0);
  insert_announced (app, booking, "early", slot, 1);
  settle ();
  g_assert_nonnull (find_block (GTK_WIDGET (week), "test-early-0"));
  g_assert_null (alive);
}

/* The label a "+N more" button of the month shows now */
static GtkLabel *
shown_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = shown_label (child);

      if (label != NULL)
        return label;
    }

  return NULL;
}

/* Every "+N more" of the month reads whole: "+3 more", or "+3" where a day
 * is narrower (it was "+3 …" at 360 px) */
static void
assert_month_more_whole (CalbookView *month,
                         gboolean     narrow)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint n = 0;

  collect (GTK_WIDGET (month), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GtkLabel *label;

      if (!gtk_widget_has_css_class (button, "month-more") || !gtk_widget_get_mapped (button))
        continue;

      label = shown_label (button);
      g_assert_nonnull (label);
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
      g_assert_true (g_str_has_prefix (gtk_label_get_text (label), "+"));
      g_assert_true ((strstr (gtk_label_get_text (label), "more") == NULL) == narrow);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
check_narrow_month (CalbookApplication *app,
                    CalbookWindow      *window)
{
  g_autoptr(CalbookBooking) booking = first_upcoming (app);
  CalbookView *month = view (window, "month");

  switch_view (window, "month");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  wait_until (page_is_wide, month, 30, "the month at 1280 px");
  settle ();
  assert_month_more_whole (month, FALSE);

  /* (the details' buttons fit 360 px only once they follow a booking) */
  calbook_window_set_selected_booking (window, booking);
  calbook_window_set_selected_booking (window, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  wait_until (page_is_narrow, month, 30, "the month at 360 px");
  settle ();
  assert_month_more_whole (month, TRUE);
  shoot (window, "month-more-narrow");
}

typedef struct
{
  CalbookApplication *app;
  CalbookView        *week;
  const char         *uid;
  const char         *client;
  guint               changes;
} SyncWait;

static void
on_bookings_changed_cb (CalbookContext *context,
                        SyncWait       *wait)
{
  wait->changes++;
}

/* The sync stored @wait->client as the booking's first attendee, announced
 * it, and is done */
static gboolean
synced_client (gpointer data)
{
  SyncWait *wait = data;
  CalbookContext *context = calbook_application_get_context (wait->app);
  g_autoptr(CalbookBooking) booking = calbook_store_get_booking (get_store (wait->app), wait->uid, NULL);
  gboolean syncing = TRUE;
  GPtrArray *attendees;

  g_object_get (context, "syncing", &syncing, NULL);
  if (booking == NULL || syncing || wait->changes == 0)
    return FALSE;

  attendees = calbook_booking_get_attendees (booking);
  return attendees->len > 0 &&
         g_strcmp0 (((CalbookPerson *) g_ptr_array_index (attendees, 0))->name, wait->client) == 0;
}

static gboolean
block_shows_client (gpointer data)
{
  SyncWait *wait = data;
  CalbookBookingBlock *block = find_block (GTK_WIDGET (wait->week), wait->uid);

  return block != NULL && g_strcmp0 (calbook_booking_block_get_title_text (block), wait->client) == 0;
}

/* Cal.com renames the first attendee of @uid; the sync brings it */
static void
rename_client_on_server (CalbookApplication *app,
                         SyncWait           *wait)
{
  CalbookContext *context = calbook_application_get_context (app);
  g_autoptr(GDateTime) stamp = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (stamp, 1);
  g_autofree char *stamp_text = g_date_time_format (later, "%Y-%m-%dT%H:%M:%S.000Z");
  g_autofree char *path = g_strdup_printf ("/_sandbox/bookings/%s", wait->uid);
  g_autofree char *body = g_strdup_printf ("{\"attendeeName\":\"%s\",\"updatedAt\":\"%s\"}",
                                           wait->client, stamp_text);
  g_autoptr(JsonNode) answer = NULL;
  gulong id;

  answer = gui_test_call_sandbox (calbook_demo_server_get_url (calbook_application_get_demo_server (app)),
                                  "PATCH", path, body);
  wait->changes = 0;
  id = g_signal_connect (context, "bookings-changed", G_CALLBACK (on_bookings_changed_cb), wait);
  calbook_context_sync_now (context, FALSE);
  wait_until (synced_client, wait, 120, "the renamed client to be synced");
  g_signal_handler_disconnect (context, id);
}

/*
 * A synced page of bookings far from the week shown leaves the week as it
 * is (its blocks are the same widgets, nothing read again); a booking of
 * the week that changed is drawn anew.
 */
static void
check_sync_elsewhere (CalbookApplication *app,
                      CalbookWindow      *window)
{
  g_autoptr(CalbookBooking) booking = first_upcoming (app);
  g_autoptr(CalbookBookingFilter) filter = own_filter (app, ACTIVE_MASK);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) week_start = NULL;
  CalbookView *week = view (window, "week");
  CalbookBooking *far = NULL;
  CalbookBookingBlock *block;
  gpointer alive;
  SyncWait wait = { app, week, NULL, NULL, 0 };

  g_assert_nonnull (booking);
  start = booking_start (booking);
  week_start = calbook_calendar_start_of_week (start);
  switch_view (window, "week");
  calbook_view_set_date (week, start);
  settle ();

  /* A booking of another week, a day or more from this one */
  all = query_store (app, filter);
  for (guint i = 0; i < all->len && far == NULL; i++)
    {
      CalbookBooking *other = g_ptr_array_index (all, i);
      gint64 gap = 24 * 3600;

      if (calbook_booking_get_end (other) < g_date_time_to_unix (week_start) - gap ||
          calbook_booking_get_start (other) > g_date_time_to_unix (week_start) + 7 * 24 * 3600 + gap)
        far = other;
    }
  g_assert_nonnull (far);

  block = find_block (GTK_WIDGET (week), calbook_booking_get_uid (booking));
  g_assert_nonnull (block);
  alive = block;
  g_object_add_weak_pointer (G_OBJECT (block), &alive);

  wait.uid = calbook_booking_get_uid (far);
  wait.client = "Far Away Client";
  rename_client_on_server (app, &wait);
  settle ();
  g_assert_nonnull (alive);
  g_assert_true (find_block (GTK_WIDGET (week), calbook_booking_get_uid (booking)) == block);

  /* One of the week's own: the week reads again and draws it anew */
  wait.uid = calbook_booking_get_uid (booking);
  wait.client = "Week Client";
  rename_client_on_server (app, &wait);
  wait_until (block_shows_client, &wait, 30, "the week to draw the renamed client");
  g_assert_null (alive);
}

static graphene_rect_t
block_bounds (CalbookView *week,
              const char  *uid)
{
  CalbookBookingBlock *block = find_block (GTK_WIDGET (week), uid);
  graphene_rect_t bounds;

  g_assert_nonnull (block);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (block), GTK_WIDGET (week), &bounds));

  return bounds;
}

/* What a block needs for the lines it shows */
static int
block_natural_height (CalbookBookingBlock *block)
{
  int natural = 0;

  gtk_widget_measure (GTK_WIDGET (block), GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);

  return natural;
}

/* The week drew the short blocks: the last one has its size */
static gboolean
short_blocks_allocated (gpointer data)
{
  CalbookBookingBlock *block = find_block (GTK_WIDGET (data), "test-hour-0");

  return block != NULL && gtk_widget_get_height (GTK_WIDGET (block)) > 0;
}

/*
 * Short bookings back to back: each block ends before the next begins, and
 * shows whole lines that fit its height: "10:00 · Client" for a quarter of
 * an hour, more lines for longer ones.
 */
static void
check_short_blocks (CalbookApplication *app,
                    CalbookWindow      *window)
{
  g_autoptr(CalbookBooking) booking = first_upcoming (app);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) evening = NULL;
  g_autoptr(GDateTime) later = NULL;
  CalbookAccount *account = calbook_context_get_account (calbook_application_get_context (app));
  g_autofree char *client = NULL;
  CalbookView *week = view (window, "week");

  g_assert_nonnull (booking);
  start = booking_start (booking);
  client = calbook_format_client (booking, calbook_account_get_email (account));

  /* After hours, where the demo has nothing: four quarters of an hour, then
   * half an hour and an hour */
  evening = g_date_time_new_local (g_date_time_get_year (start), g_date_time_get_month (start),
                                   g_date_time_get_day_of_month (start), 19, 0, 0);
  later = g_date_time_add_hours (evening, 1);
  insert_copies (app, booking, "quarter", evening, 15, 15, 4);
  insert_copies (app, booking, "half", later, 30, 0, 1);
  {
    g_autoptr(GDateTime) last = g_date_time_add_minutes (later, 30);

    insert_copies (app, booking, "hour", last, 60, 0, 1);
  }

  switch_view (window, "week");
  calbook_view_set_date (week, start);
  wait_until (short_blocks_allocated, week, 30, "the short blocks on the week grid");

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *uid = g_strdup_printf ("test-quarter-%u", i);
      g_autoptr(GDateTime) at = g_date_time_add_minutes (evening, 15 * (int) i);
      g_autofree char *clock = g_date_time_format (at, "%H:%M");
      g_autofree char *line = g_strdup_printf ("%s · %s", clock, client);
      CalbookBookingBlock *block = find_block (GTK_WIDGET (week), uid);
      g_autofree char *shown = NULL;
      graphene_rect_t bounds = block_bounds (week, uid);

      g_assert_nonnull (block);
      shown = calbook_booking_block_get_shown_text (block);
      g_assert_cmpstr (shown, ==, line);
      /* The line fits its block, whole */
      g_assert_cmpfloat (block_natural_height (block), <=, bounds.size.height);

      /* It ends before the next begins, in the same column */
      if (i > 0)
        {
          g_autofree char *previous_uid = g_strdup_printf ("test-quarter-%u", i - 1);
          graphene_rect_t previous = block_bounds (week, previous_uid);

          g_assert_cmpfloat (previous.origin.y + previous.size.height, <=, bounds.origin.y);
          g_assert_cmpfloat (previous.origin.x, ==, bounds.origin.x);
        }
    }

  /* Half an hour and more: the client on a line of its own, then the time */
  {
    CalbookBookingBlock *half = find_block (GTK_WIDGET (week), "test-half-0");
    CalbookBookingBlock *hour = find_block (GTK_WIDGET (week), "test-hour-0");
    g_autofree char *half_text = calbook_booking_block_get_shown_text (half);
    g_autofree char *hour_text = calbook_booking_block_get_shown_text (hour);
    graphene_rect_t last_quarter = block_bounds (week, "test-quarter-3");
    graphene_rect_t half_bounds = block_bounds (week, "test-half-0");
    graphene_rect_t hour_bounds = block_bounds (week, "test-hour-0");

    g_assert_true (g_str_has_prefix (hour_text, client));
    g_assert_nonnull (strchr (hour_text, '\n'));
    g_assert_true (strstr (half_text, client) != NULL);
    g_assert_cmpfloat (block_natural_height (half), <=, half_bounds.size.height);
    g_assert_cmpfloat (block_natural_height (hour), <=, hour_bounds.size.height);
    g_assert_cmpfloat (last_quarter.origin.y + last_quarter.size.height, <=, half_bounds.origin.y);
    g_assert_cmpfloat (half_bounds.origin.y + half_bounds.size.height, <=, hour_bounds.origin.y);
  }

  /* In view, for the screenshot */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (calbook_week_view_get_grid (CALBOOK_WEEK_VIEW (week))),
                                                   GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (adjustment, 16 * calbook_week_grid_get_hour_height (calbook_week_view_get_grid (CALBOOK_WEEK_VIEW (week))));
  }
  shoot (window, "calendar-week-short-blocks");
}

static GtkWidget *
find_by_id (GtkWidget  *widget,
            const char *id)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  collect (widget, GTK_TYPE_WIDGET, all);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (gtk_buildable_get_buildable_id (g_ptr_array_index (all, i)), id) == 0)
      return g_ptr_array_index (all, i);

  return NULL;
}

static GtkWindow *
find_toplevel_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }

  return NULL;
}

typedef struct
{
  GtkAdjustment *adjustment;
  double         value;
} ScrollWait;

static gboolean
scrolled_to (gpointer data)
{
  ScrollWait *wait = data;

  return G_APPROX_VALUE (gtk_adjustment_get_value (wait->adjustment), wait->value, 0.5);
}

static int
week_view_int (CalbookView *week,
               const char  *property)
{
  int value = -1;

  g_object_get (week, property, &value, NULL);

  return value;
}

/*
 * The working day is a setting: its two rows in the preferences change it,
 * the week view shades around it and opens scrolled to an hour before it.
 */
static void
check_working_hours (CalbookApplication *app,
                     CalbookWindow      *window)
{
  /* The demo's own settings, kept in memory */
  GSettings *settings = calbook_application_get_settings (app);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) bookings = store_week (app, now);
  CalbookView *week = view (window, "week");
  CalbookWeekGrid *grid = calbook_week_view_get_grid (CALBOOK_WEEK_VIEW (week));
  ScrollWait wait;
  GtkWindow *preferences;
  GtkSpinButton *start_spin;
  GtkSpinButton *end_spin;
  double earliest = 24;

  /* The usual office day until the person says otherwise */
  g_assert_cmpint (g_settings_get_int (settings, "work-day-start"), ==, 9);
  g_assert_cmpint (g_settings_get_int (settings, "work-day-end"), ==, 17);
  g_assert_cmpint (week_view_int (week, "work-day-start"), ==, 9);
  g_assert_cmpint (week_view_int (week, "work-day-end"), ==, 17);

  switch_view (window, "week");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.today", NULL));
  for (guint i = 0; i < bookings->len; i++)
    {
      g_autoptr(GDateTime) start = booking_start (g_ptr_array_index (bookings, i));

      earliest = MIN (earliest, g_date_time_get_hour (start) + g_date_time_get_minute (start) / 60.0);
    }

  /* The preferences' rows, as a person would set them */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = find_toplevel_of_type (CALBOOK_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  start_spin = GTK_SPIN_BUTTON (find_by_id (GTK_WIDGET (preferences), "work_day_start_spin"));
  end_spin = GTK_SPIN_BUTTON (find_by_id (GTK_WIDGET (preferences), "work_day_end_spin"));
  g_assert_nonnull (start_spin);
  g_assert_nonnull (end_spin);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start_spin)), ==, "09:00");

  /* An earlier day: saved, shown, and the week scrolls to an hour before it */
  gtk_spin_button_set_value (start_spin, 7);
  g_assert_cmpint (g_settings_get_int (settings, "work-day-start"), ==, 7);
  g_assert_cmpint (week_view_int (week, "work-day-start"), ==, 7);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start_spin)), ==, "07:00");
  wait.adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
                      gtk_widget_get_ancestor (GTK_WIDGET (grid), GTK_TYPE_SCROLLED_WINDOW)));
  wait.value = MAX (0.0, MIN (7 - 1.0, earliest - 0.5)) * calbook_week_grid_get_hour_height (grid);
  wait_until (scrolled_to, &wait, 10, "the week to scroll to the working day");

  /* An end before the start moves the start: the day stays a day */
  gtk_spin_button_set_value (end_spin, 6);
  g_assert_cmpint (g_settings_get_int (settings, "work-day-end"), ==, 6);
  g_assert_cmpint (g_settings_get_int (settings, "work-day-start"), ==, 5);
  g_assert_cmpint (week_view_int (week, "work-day-start"), ==, 5);
  g_assert_cmpint (week_view_int (week, "work-day-end"), ==, 6);

  /* Typed as a time */
  gtk_editable_set_text (GTK_EDITABLE (end_spin), "18:00");
  gtk_spin_button_update (end_spin);
  g_assert_cmpint (g_settings_get_int (settings, "work-day-end"), ==, 18);
  g_assert_cmpint (week_view_int (week, "work-day-end"), ==, 18);
  shoot (window, "calendar-week-working-hours");

  gtk_window_destroy (preferences);
  g_settings_reset (settings, "work-day-start");
  g_settings_reset (settings, "work-day-end");
}

/* The pointer, moved and pressed for real: xdotool on the X server */
static void
xdotool (const char *command,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  va_list args;
  const char *arg;
  int status = -1;

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  g_ptr_array_add (argv, g_strdup (command));
  va_start (args, command);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Moves the pointer to @point of @widget */
static void
pointer_to (CalbookWindow *window,
            GtkWidget     *widget,
            double         x,
            double         y)
{
  graphene_point_t point;
  g_autofree char *xid = NULL;
  g_autofree char *x_text = NULL;
  g_autofree char *y_text = NULL;
  double surface_x;
  double surface_y;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  /* Widget coordinates start inside the window's shadow */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &surface_x, &surface_y);
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (
                                   gtk_native_get_surface (GTK_NATIVE (window))));
  x_text = g_strdup_printf ("%d", (int) round (point.x + surface_x));
  y_text = g_strdup_printf ("%d", (int) round (point.y + surface_y));
  xdotool ("mousemove", "--sync", "--window", xid, x_text, y_text, NULL);
}

static gboolean
is_hovered (gpointer data)
{
  return (gtk_widget_get_state_flags (data) & GTK_STATE_FLAG_PRELIGHT) != 0;
}

static gboolean
is_dragging (gpointer data)
{
  return gtk_widget_has_css_class (data, "dragging");
}

static gboolean
is_not_dragging (gpointer data)
{
  return !gtk_widget_has_css_class (data, "dragging");
}

static gboolean
gesture_active (gpointer data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (data);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller) && gtk_gesture_is_active (GTK_GESTURE (controller)))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  char      *uid;
  GDateTime *start;
} MoveRequest;

static void
on_move_requested_cb (CalbookView    *week,
                      CalbookBooking *booking,
                      GDateTime      *start,
                      MoveRequest    *request)
{
  g_free (request->uid);
  request->uid = g_strdup (calbook_booking_get_uid (booking));
  g_clear_pointer (&request->start, g_date_time_unref);
  request->start = g_date_time_ref (start);
}

static gboolean
move_asked (gpointer data)
{
  MoveRequest *request = data;

  return request->start != NULL && find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
question_gone (gpointer data)
{
  return find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

/* An upcoming confirmed booking with room for an hour after it, that day */
static CalbookBooking *
movable_booking (CalbookApplication *app)
{
  g_autoptr(CalbookBookingFilter) filter = own_filter (app, CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CONFIRMED));
  g_autoptr(GPtrArray) bookings = NULL;

  filter->range_start = g_get_real_time () / G_USEC_PER_SEC + 3600;
  bookings = query_store (app, filter);
  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);
      g_autoptr(GDateTime) end = g_date_time_new_from_unix_local (calbook_booking_get_end (booking));

      if (calbook_booking_get_end (booking) - calbook_booking_get_start (booking) < 3 * 3600 &&
          calbook_booking_get_recurring_booking_uid (booking) == NULL &&
          g_date_time_get_hour (end) < 22)
        return g_object_ref (booking);
    }

  return NULL;
}

/*
 * A block dragged an hour down with the real pointer (press, move, release
 * on the X server, through the grid's own gesture) asks to reschedule it
 * there, and nothing is sent before the person agrees.
 */
static void
check_drag_move (CalbookApplication *app,
                 CalbookWindow      *window)
{
  g_autoptr(CalbookBooking) booking = movable_booking (app);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) expected = NULL;
  MoveRequest request = { NULL, NULL };
  CalbookView *week = view (window, "week");
  CalbookWeekGrid *grid = calbook_week_view_get_grid (CALBOOK_WEEK_VIEW (week));
  int hour_height = calbook_week_grid_get_hour_height (grid);
  CalbookBookingBlock *block;
  GtkAdjustment *adjustment;
  graphene_rect_t before;
  graphene_rect_t after;
  graphene_point_t grab;
  GtkWindow *question;
  guint n_waiting = 1;

  g_assert_nonnull (booking);
  start = booking_start (booking);
  expected = g_date_time_add_hours (start, 1);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  switch_view (window, "week");
  calbook_view_set_date (week, start);
  settle ();

  /* The block and the hour below it in view */
  block = find_block (GTK_WIDGET (week), calbook_booking_get_uid (booking));
  g_assert_nonnull (block);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
                 gtk_widget_get_ancestor (GTK_WIDGET (grid), GTK_TYPE_SCROLLED_WINDOW)));
  gtk_adjustment_set_value (adjustment, MAX (0, (g_date_time_get_hour (start) - 1) * hour_height));
  settle ();
  before = block_bounds (week, calbook_booking_get_uid (booking));

  g_signal_connect (week, "move-requested", G_CALLBACK (on_move_requested_cb), &request);

  /* Press on the block, move an hour down in steps (on the grid: the
   * block follows the pointer), release */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (block), GTK_WIDGET (grid),
                                           &GRAPHENE_POINT_INIT (12, 6), &grab));
  pointer_to (window, GTK_WIDGET (grid), grab.x, grab.y);
  wait_until (is_hovered, block, 10, "the pointer over the block");
  xdotool ("mousedown", "1", NULL);
  wait_until (gesture_active, grid, 10, "the grid's drag to begin");
  for (int step = 1; step <= 4; step++)
    pointer_to (window, GTK_WIDGET (grid), grab.x, grab.y + step * hour_height / 4.0);
  wait_until (is_dragging, block, 10, "the block to follow the pointer");
  after = block_bounds (week, calbook_booking_get_uid (booking));
  g_assert_cmpfloat (after.origin.y, >, before.origin.y);
  xdotool ("mouseup", "1", NULL);
  wait_until (move_asked, &request, 10, "the question about the move");

  /* The request: this booking, an hour later; the question names it */
  g_assert_cmpstr (request.uid, ==, calbook_booking_get_uid (booking));
  g_assert_true (g_date_time_equal (request.start, expected));
  question = find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question)),
                            calbook_booking_text_client_name (booking)));
  g_object_get (calbook_application_get_context (app), "outbox-count", &n_waiting, NULL);
  g_assert_cmpuint (n_waiting, ==, 0);
  shoot (window, "calendar-week-drag-question");

  /* Kept (closing it is "Keep Time"): nothing sent, the block back where it was */
  gtk_window_close (question);
  wait_until (question_gone, NULL, 10, "the question to close");
  wait_until (is_not_dragging, block, 10, "the block to drop");
  settle ();
  g_object_get (calbook_application_get_context (app), "outbox-count", &n_waiting, NULL);
  g_assert_cmpuint (n_waiting, ==, 0);
  after = block_bounds (week, calbook_booking_get_uid (booking));
  g_assert_cmpfloat (after.origin.y, ==, before.origin.y);

  g_signal_handlers_disconnect_by_func (week, on_move_requested_cb, &request);
  g_free (request.uid);
  g_clear_pointer (&request.start, g_date_time_unref);
}

static void
assert_in_all_day_row (CalbookView *week,
                       const char  *uid,
                       int          column,
                       int          n_columns)
{
  CalbookWeekGrid *grid = calbook_week_view_get_grid (CALBOOK_WEEK_VIEW (week));
  CalbookBookingBlock *block = find_block (GTK_WIDGET (week), uid);
  GtkWidget *row;
  int found_column = -1;
  int found_width = -1;

  /* A block above the time grid, none on it */
  g_assert_nonnull (block);
  g_assert_null (find_block (GTK_WIDGET (grid), uid));
  g_assert_null (gtk_widget_get_ancestor (GTK_WIDGET (block), CALBOOK_TYPE_WEEK_GRID));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (block)));
  row = gtk_widget_get_parent (GTK_WIDGET (block));
  g_assert_true (GTK_IS_GRID (row));

  /* Across its days, under their names, above their columns of the grid */
  gtk_grid_query_child (GTK_GRID (row), GTK_WIDGET (block), &found_column, NULL, &found_width, NULL);
  g_assert_cmpint (found_column, ==, column);
  g_assert_cmpint (found_width, ==, n_columns);
  {
    graphene_rect_t bounds = block_bounds (week, uid);
    GtkWidget *first_day = gtk_grid_get_child_at (GTK_GRID (find_by_id (GTK_WIDGET (week), "day_grid")),
                                                  column, 0);
    GtkWidget *last_day = gtk_grid_get_child_at (GTK_GRID (find_by_id (GTK_WIDGET (week), "day_grid")),
                                                 column + n_columns - 1, 0);
    graphene_rect_t first_bounds;
    graphene_rect_t last_bounds;

    g_assert_true (gtk_widget_compute_bounds (first_day, GTK_WIDGET (week), &first_bounds));
    g_assert_true (gtk_widget_compute_bounds (last_day, GTK_WIDGET (week), &last_bounds));
    g_assert_cmpfloat (fabs (bounds.origin.x - first_bounds.origin.x), <=, 3);
    g_assert_cmpfloat (fabs (bounds.origin.x + bounds.size.width -
                             (last_bounds.origin.x + last_bounds.size.width)), <=, 3);
  }
}

/* Each day's name stands over its column of the time grid */
static void
assert_days_aligned (CalbookView *week)
{
  CalbookWeekGrid *grid = calbook_week_view_get_grid (CALBOOK_WEEK_VIEW (week));
  GtkGrid *day_grid = GTK_GRID (find_by_id (GTK_WIDGET (week), "day_grid"));
  GDateTime *date = calbook_view_get_date (week);
  g_autoptr(GDateTime) week_start = calbook_calendar_start_of_week (date);

  g_date_time_unref (date);
  for (int day = 0; day < 7; day++)
    {
      g_autoptr(GDateTime) noon = g_date_time_add_full (week_start, 0, 0, day, 12, 0, 0);
      graphene_rect_t header;
      graphene_point_t column;
      double x;
      double y;

      g_assert_true (calbook_week_grid_point_for_time (grid, noon, &x, &y));
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (grid), GTK_WIDGET (week),
                                               &GRAPHENE_POINT_INIT (x, y), &column));
      g_assert_true (gtk_widget_compute_bounds (gtk_grid_get_child_at (day_grid, day, 0),
                                                GTK_WIDGET (week), &header));
      g_assert_cmpfloat (fabs (header.origin.x + header.size.width / 2 - column.x), <=, 2);
    }
}

/*
 * Bookings of a day or more (all day, or across days) lie in the row above
 * the time grid, across their days, and are picked like any other.
 */
static void
check_all_day (CalbookApplication *app,
               CalbookWindow      *window)
{
  g_autoptr(CalbookBooking) booking = first_upcoming (app);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) week_start = NULL;
  g_autoptr(GDateTime) tuesday = NULL;
  g_autoptr(GDateTime) thursday = NULL;
  CalbookView *week = view (window, "week");
  CalbookAccount *account = calbook_context_get_account (calbook_application_get_context (app));
  g_autofree char *client = NULL;
  CalbookBookingBlock *block;

  g_assert_nonnull (booking);
  start = booking_start (booking);
  week_start = calbook_calendar_start_of_week (start);
  client = calbook_format_client (booking, calbook_account_get_email (account));

  /* Two whole days from the second day of the week; 30 hours from the fourth at 10:00 */
  tuesday = g_date_time_add_days (week_start, 1);
  thursday = g_date_time_add_full (week_start, 0, 0, 3, 10, 0, 0);
  insert_copies (app, booking, "all-day", tuesday, 2 * 24 * 60, 0, 1);
  insert_copies (app, booking, "across-days", thursday, 30 * 60, 0, 1);

  switch_view (window, "week");
  calbook_view_set_date (week, start);
  settle ();

  assert_in_all_day_row (week, "test-all-day-0", 1, 2);
  assert_in_all_day_row (week, "test-across-days-0", 3, 2);
  assert_days_aligned (week);
  /* Whole days need no time; the others say when they start */
  g_assert_cmpstr (calbook_booking_block_get_title_text (find_block (GTK_WIDGET (week), "test-all-day-0")),
                   ==, client);
  g_assert_true (g_str_has_prefix (calbook_booking_block_get_title_text (
                   find_block (GTK_WIDGET (week), "test-across-days-0")), "10:00"));

  /* They do not pull the week's first view to midnight: it opens at the
   * working day (here made to start at 10:00), or before it at the first
   * booking on the grid */
  {
    g_autoptr(GPtrArray) bookings = store_week (app, start);
    CalbookWeekGrid *grid = calbook_week_view_get_grid (CALBOOK_WEEK_VIEW (week));
    double earliest = 24;
    ScrollWait wait;

    for (guint i = 0; i < bookings->len; i++)
      {
        CalbookBooking *item = g_ptr_array_index (bookings, i);
        g_autoptr(GDateTime) item_start = booking_start (item);

        if (calbook_booking_get_end (item) - calbook_booking_get_start (item) < 24 * 3600)
          earliest = MIN (earliest, g_date_time_get_hour (item_start) +
                                    g_date_time_get_minute (item_start) / 60.0);
      }
    g_settings_set_int (calbook_application_get_settings (app), "work-day-start", 10);
    wait.adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
                        gtk_widget_get_ancestor (GTK_WIDGET (grid), GTK_TYPE_SCROLLED_WINDOW)));
    wait.value = MAX (0.0, MIN (10 - 1.0, earliest - 0.5)) * calbook_week_grid_get_hour_height (grid);
    g_assert_cmpfloat (wait.value, >, 0);
    wait_until (scrolled_to, &wait, 10, "the week to open at the working day");
    g_settings_reset (calbook_application_get_settings (app), "work-day-start");
  }
  shoot (window, "calendar-week-all-day");

  /* Picked like a block on the grid: even narrow, where only an activated
   * booking opens its details */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  wait_until (gui_test_is_mapped, calbook_window_get_part (window, "status_menu_button"), 10, "the window to narrow");
  g_assert_false (details_shown (window));
  block = find_block (GTK_WIDGET (week), "test-across-days-0");
  g_signal_emit_by_name (block, "activate");
  g_assert_cmpstr (selected_uid (window), ==, "test-across-days-0");
  wait_until (details_shown, window, 10, "the details of the all-day booking");
}

static guint
agenda_count (CalbookWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (calbook_window_get_booking_list (window)));
}

static void
check_status_views (CalbookApplication *app,
                    CalbookWindow      *window)
{
  static const struct {
    const char *name;
    guint       mask;
    int         side;   /* 1: from now on, -1: before now, 0: any time */
  } views[] = {
    { "upcoming", ACTIVE_MASK, 1 },
    { "unconfirmed", CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING), 1 },
    { "past", ACTIVE_MASK, -1 },
    { "cancelled", CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_CANCELLED) |
                   CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_RESCHEDULED) |
                   CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_DECLINED), 0 },
  };
  g_autoptr(CalbookBookingFilter) pending = own_filter (app, CALBOOK_BOOKING_STATUS_MASK (CALBOOK_BOOKING_STATUS_PENDING));
  GtkLabel *count_label = calbook_window_get_status_count_label (window);
  g_autofree char *count = NULL;
  guint n_pending;

  /* "Unconfirmed 2": the count that needs attention, as the store has it */
  pending->range_start = g_get_real_time () / G_USEC_PER_SEC;
  n_pending = count_store (app, pending);
  g_assert_cmpuint (n_pending, >, 0);
  count = g_strdup_printf ("%u", n_pending);
  g_assert_cmpstr (gtk_label_get_text (count_label), ==, count);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (count_label)));

  switch_view (window, "agenda");
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autoptr(CalbookBookingFilter) filter = own_filter (app, views[i].mask);
      GListModel *model;
      guint n;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.status-view", "s",
                                                 views[i].name));
      g_assert_cmpstr (calbook_window_get_status_view (window), ==, views[i].name);

      if (views[i].side > 0)
        filter->range_start = calbook_booking_list_get_filter (
                                calbook_window_get_booking_list (window))->range_start;
      else if (views[i].side < 0)
        filter->range_end = calbook_booking_list_get_filter (
                              calbook_window_get_booking_list (window))->range_end;

      n = count_store (app, filter);
      g_assert_cmpuint (agenda_count (window), ==, n);

      model = G_LIST_MODEL (calbook_window_get_booking_list (window));
      for (guint j = 0; j < MIN (n, 50); j++)
        {
          g_autoptr(CalbookBooking) booking = g_list_model_get_item (model, j);

          g_assert_true (CALBOOK_BOOKING_STATUS_MASK (calbook_booking_get_status (booking)) & views[i].mask);
        }
    }

  /* The unconfirmed view lists exactly what its count says */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.status-view", "s", "unconfirmed"));
  g_assert_cmpuint (agenda_count (window), ==, n_pending);
}

static gboolean
banner_offline (gpointer data)
{
  CalbookWindow *window = data;
  GtkLabel *label = calbook_window_get_banner_label (window);
  GtkWidget *revealer = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_REVEALER);
  GtkWidget *banner = gtk_widget_get_parent (GTK_WIDGET (label));

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) &&
         g_str_has_prefix (gtk_label_get_text (label), "Offline — showing saved bookings") &&
         !gtk_widget_has_css_class (banner, "error");
}

static gboolean
back_online (gpointer data)
{
  CalbookApplication *app = data;
  CalbookWindow *window = get_window (app);
  GtkLabel *label = calbook_window_get_banner_label (window);
  GtkWidget *revealer = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_REVEALER);
  gboolean online = FALSE;
  gboolean syncing = TRUE;

  g_object_get (calbook_application_get_context (app), "online", &online, "syncing", &syncing, NULL);

  return online && !syncing && !gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static void
check_offline_online (CalbookApplication *app,
                      CalbookWindow      *window)
{
  CalbookDemoServer *server = calbook_application_get_demo_server (app);
  g_autoptr(GUri) uri = g_uri_parse (calbook_demo_server_get_url (server), G_URI_FLAGS_NONE, NULL);
  g_autofree char *db_path = g_build_filename (calbook_application_get_demo_folder (app),
                                               "sandbox.sqlite3", NULL);
  g_autoptr(CalbookSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;
  int list_width;
  int details_width;
  guint n_week;
  guint n_agenda;

  /* A view reads the store while it is shown */
  switch_view (window, "week");
  n_week = calbook_week_view_get_bookings (CALBOOK_WEEK_VIEW (view (window, "week")))->len;
  switch_view (window, "agenda");
  settle ();
  list_width = gtk_widget_get_width (GTK_WIDGET (calbook_window_get_list_view (window)));
  details_width = gtk_widget_get_width (GTK_WIDGET (calbook_window_get_details (window)));
  n_agenda = agenda_count (window);
  g_assert_cmpuint (n_agenda, >, 0);

  /* Cal.com out of reach: a neutral notice, and what was saved stays shown */
  calbook_demo_server_stop (server);
  g_action_group_activate_action (G_ACTION_GROUP (app), "refresh", NULL);
  wait_until (banner_offline, window, 60, "the offline notice");
  g_assert_null (strstr (gtk_label_get_text (calbook_window_get_banner_label (window)), "127.0.0.1"));
  g_assert_cmpuint (agenda_count (window), ==, n_agenda);
  switch_view (window, "week");
  g_assert_cmpuint (calbook_week_view_get_bookings (CALBOOK_WEEK_VIEW (view (window, "week")))->len,
                    ==, n_week);
  switch_view (window, "agenda");
  /* The notice does not push the panes about */
  settle ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (calbook_window_get_list_view (window))), ==, list_width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (calbook_window_get_details (window))), ==, details_width);
  shoot (window, "calendar-offline");

  /* Back, at the same address with the same data: the notice goes */
  sandbox = calbook_sandbox_new (1, 0, db_path, &error);
  g_assert_no_error (error);
  g_assert_true (calbook_sandbox_listen (sandbox, g_uri_get_port (uri), &error));
  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (app), "refresh", NULL);
  wait_until (back_online, app, 90, "the window to be back online");
  g_assert_cmpuint (agenda_count (window), ==, n_agenda);

  calbook_sandbox_shutdown (sandbox);
}

static gboolean
search_applied (gpointer data)
{
  CalbookWindow *window = data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (calbook_window_get_search_entry (window)));
  const CalbookBookingFilter *filter =
    calbook_booking_list_get_filter (calbook_window_get_booking_list (window));

  /* The entry waits a moment before it searches */
  return (filter->text == NULL && *text == '\0') ||
         (filter->text != NULL && g_str_equal (filter->text, text));
}

static GtkWidget *
find_label_with_text (GtkWidget  *widget,
                      const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (gtk_label_get_text (g_ptr_array_index (labels, i)), text))
      return g_ptr_array_index (labels, i);

  return NULL;
}

static void
check_search (CalbookApplication *app,
              CalbookWindow      *window)
{
  g_autoptr(CalbookBooking) booking = first_upcoming (app);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(CalbookBookingFilter) filter = own_filter (app, ACTIVE_MASK);
  g_autoptr(GPtrArray) expected = NULL;
  const CalbookPerson *client;
  GtkEditable *entry = GTK_EDITABLE (calbook_window_get_search_entry (window));
  GtkWidget *hint = find_label_with_text (GTK_WIDGET (window), "Only the first words are searched");
  CalbookView *week = view (window, "week");

  g_assert_nonnull (booking);
  g_assert_nonnull (hint);
  g_assert_cmpuint (calbook_booking_get_attendees (booking)->len, >, 0);
  client = g_ptr_array_index (calbook_booking_get_attendees (booking), 0);
  start = booking_start (booking);

  /* A client's name narrows every view: the week shows what the store finds */
  switch_view (window, "week");
  calbook_view_set_date (week, start);
  gtk_editable_set_text (entry, client->name);
  wait_until (search_applied, window, 10, "the search to apply");
  calbook_booking_filter_set_text (filter, client->name);
  {
    g_autoptr(GDateTime) week_start = calbook_calendar_start_of_week (start);
    g_autoptr(GDateTime) week_end = g_date_time_add_days (week_start, 7);

    filter->range_start = g_date_time_to_unix (week_start);
    filter->range_end = g_date_time_to_unix (week_end);
  }
  expected = query_store (app, filter);
  g_assert_cmpuint (expected->len, >, 0);
  assert_same_uids (calbook_week_view_get_bookings (CALBOOK_WEEK_VIEW (week)), expected);
  g_assert_nonnull (find_block (GTK_WIDGET (week), calbook_booking_get_uid (booking)));
  g_assert_false (gtk_widget_get_visible (hint));

  /* A search longer than the store takes says that it was cut */
  gtk_editable_set_text (entry, "one two three four five six seven eight nine ten eleven");
  wait_until (search_applied, window, 10, "the long search to apply");
  g_assert_true (calbook_booking_filter_get_text_cut (
                   calbook_booking_list_get_filter (calbook_window_get_booking_list (window))));
  g_assert_true (gtk_widget_get_visible (hint));

  gtk_editable_set_text (entry, "");
  wait_until (search_applied, window, 10, "the search to clear");
  g_assert_false (gtk_widget_get_visible (hint));

  /* "Show all results" from the Shell: the agenda, searching */
  calbook_window_search (window, client->name);
  g_assert_cmpstr (calbook_window_get_view_name (window), ==, "agenda");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, client->name);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (
                   gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_SEARCH_BAR))));
  wait_until (search_applied, window, 10, "the Shell's search to apply");
  {
    g_autoptr(CalbookBookingFilter) listed = calbook_booking_filter_copy (
      calbook_booking_list_get_filter (calbook_window_get_booking_list (window)));

    g_assert_cmpuint (agenda_count (window), ==, count_store (app, listed));
    g_assert_cmpuint (agenda_count (window), >, 0);
  }
}

static void
check_last_view (CalbookApplication *app,
                 CalbookWindow      *window)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *saved = NULL;
  CalbookWindow *second;
  gboolean handled = FALSE;

  /* The demo remembers nothing; a signed-in window does */
  calbook_window_set_remember_state (window, TRUE);
  switch_view (window, "month");
  g_signal_emit_by_name (window, "close-request", &handled);

  /* The same (memory) backend as the application's: GSETTINGS_BACKEND=memory */
  settings = g_settings_new ("io.github.calbook.Calbook");
  saved = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (saved, ==, "month");

  /* The next window opens there */
  second = calbook_window_new (GTK_APPLICATION (app));
  g_assert_cmpstr (calbook_window_get_view_name (second), ==, "month");
  gtk_window_destroy (GTK_WINDOW (second));

  switch_view (window, "agenda");
  g_signal_emit_by_name (window, "close-request", &handled);
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (saved, ==, "agenda");
}

static void
shoot_views (CalbookWindow *window,
             const char    *variant)
{
  static const char * const names[] = { "agenda", "week", "month" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_strdup_printf ("calendar-%s-%s", names[i], variant);

      switch_view (window, names[i]);
      shoot (window, name);
    }
}

/* Each view in light and dark, with and without a booking selected */
static void
shoot_size (CalbookWindow  *window,
            CalbookBooking *shown,
            const char     *size)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  static const char * const themes[] = { "light", "dark" };

  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    {
      g_autofree char *plain = g_strdup_printf ("%s-%s", size, themes[i]);
      g_autofree char *selected = g_strdup_printf ("%s-selected-%s", size, themes[i]);

      adw_style_manager_set_color_scheme (style, i == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                                        : ADW_COLOR_SCHEME_FORCE_DARK);
      calbook_window_set_selected_booking (window, NULL);
      shoot_views (window, plain);
      calbook_window_set_selected_booking (window, shown);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-details", NULL));
      shoot_views (window, selected);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
check_screenshots (CalbookApplication *app,
                   CalbookWindow      *window)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) busiest = NULL;
  CalbookBooking *shown;
  guint most = 0;

  /* The busiest of the coming weeks shows the most */
  for (int week = 0; week < 8; week++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_weeks (now, week);
      g_autoptr(GPtrArray) bookings = store_week (app, date);

      if (bookings->len > most)
        {
          most = bookings->len;
          g_clear_pointer (&busiest, g_date_time_unref);
          busiest = g_date_time_ref (date);
        }
    }
  g_assert_nonnull (busiest);

  switch_view (window, "week");
  calbook_view_set_date (view (window, "week"), busiest);
  {
    g_autoptr(GPtrArray) bookings = store_week (app, busiest);
    gint64 now_unix = g_date_time_to_unix (now);

    /* A booking still to come, so that the agenda has it too */
    shown = g_ptr_array_index (bookings, bookings->len - 1);
    for (guint i = 0; i < bookings->len; i++)
      if (calbook_booking_get_start (g_ptr_array_index (bookings, i)) > now_unix + 3600)
        {
          shown = g_ptr_array_index (bookings, i);
          break;
        }
    g_object_ref (shown);
  }

  /* A laptop's screen, the window's default size, and the narrowest */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  shoot_size (window, shown, "wide");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  shoot_size (window, shown, "default");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  settle ();
  {
    int min_width = 0;

    gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
    /* 360 px of content; the rest is the window's own frame */
    g_assert_cmpint (min_width, <=, 360 + 2 * 6);
  }
  shoot_size (window, shown, "narrow");
  g_object_unref (shown);
}

/* Tests */

static void
on_activate_cb (GApplication *application,
                gpointer      user_data)
{
  CalbookApplication *app = CALBOOK_APPLICATION (application);

  wait_until (is_synced, app, 90, "the first sync of the demo");
  current_scenario (app, get_window (app));
  g_application_quit (application);
}

static void
run_scenario (Scenario scenario)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CalbookApplication) app = calbook_application_new ();
      const char *argv[] = { "calbook", "--demo", NULL };

      current_scenario = scenario;
      g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), NULL);
      g_assert_cmpint (g_application_run (G_APPLICATION (app), 2, (char **) argv), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 240 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_switch_views (void)
{
  run_scenario (check_switch_views);
}

static void
test_layout (void)
{
  run_scenario (check_layout);
}

static void
test_short_blocks (void)
{
  run_scenario (check_short_blocks);
}

static void
test_working_hours (void)
{
  run_scenario (check_working_hours);
}

static void
test_drag_move (void)
{
  run_scenario (check_drag_move);
}

static void
test_all_day (void)
{
  run_scenario (check_all_day);
}

static void
test_navigate (void)
{
  run_scenario (check_navigate);
}

static void
test_agenda_grouping (void)
{
  run_scenario (check_agenda_grouping);
}

static void
test_week_blocks (void)
{
  run_scenario (check_week_blocks);
}

static void
test_changes_elsewhere (void)
{
  run_scenario (check_changes_elsewhere);
}

static void
test_narrow_month (void)
{
  run_scenario (check_narrow_month);
}

static void
test_sync_elsewhere (void)
{
  run_scenario (check_sync_elsewhere);
}

static void
test_narrow_lanes (void)
{
  run_scenario (check_narrow_lanes);
}

static void
test_status_views (void)
{
  run_scenario (check_status_views);
}

static void
test_offline_online (void)
{
  run_scenario (check_offline_online);
}

static void
test_last_view (void)
{
  run_scenario (check_last_view);
}

static void
test_search (void)
{
  run_scenario (check_search);
}

static void
test_screenshots (void)
{
  if (g_getenv ("CALBOOK_TEST_SHOTS") == NULL)
    {
      g_test_skip ("CALBOOK_TEST_SHOTS is not set");
      return;
    }

  run_scenario (check_screenshots);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  int status;

  if (!gui_test_prepare (&argc, &argv, "calbook-test-calendar-XXXXXX", &own_home))
    return 77;

  g_test_add_func ("/calendar/switch-views", test_switch_views);
  g_test_add_func ("/calendar/layout", test_layout);
  g_test_add_func ("/calendar/short-blocks", test_short_blocks);
  g_test_add_func ("/calendar/working-hours", test_working_hours);
  g_test_add_func ("/calendar/drag-move", test_drag_move);
  g_test_add_func ("/calendar/all-day", test_all_day);
  g_test_add_func ("/calendar/navigate", test_navigate);
  g_test_add_func ("/calendar/agenda-grouping", test_agenda_grouping);
  g_test_add_func ("/calendar/week-blocks", test_week_blocks);
  g_test_add_func ("/calendar/narrow-lanes", test_narrow_lanes);
  g_test_add_func ("/calendar/narrow-month", test_narrow_month);
  g_test_add_func ("/calendar/changes-elsewhere", test_changes_elsewhere);
  g_test_add_func ("/calendar/sync-elsewhere", test_sync_elsewhere);
  g_test_add_func ("/calendar/status-views", test_status_views);
  g_test_add_func ("/calendar/offline-online", test_offline_online);
  g_test_add_func ("/calendar/search", test_search);
  g_test_add_func ("/calendar/last-view", test_last_view);
  g_test_add_func ("/calendar/screenshots", test_screenshots);

  status = g_test_run ();

  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
