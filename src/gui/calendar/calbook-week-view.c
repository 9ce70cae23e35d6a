/* calbook-week-view.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-booking-block.h"
#include "calbook-calendar-utils.h"
#include "calbook-week-view.h"

/*
 * The week: a header with the seven days (starting on the locale's first
 * weekday), an all-day row when a booking lasts a day or more, and the time
 * grid. It reads the store for its seven days (bookings overlapping
 * [week start, week end)) whenever the week, the query or the store changes,
 * as summaries, which is all its blocks show: only the selected booking is
 * read in full.
 */

struct _CalbookWeekView
{
  GtkWidget             parent_instance;

  GDateTime            *week_start;
  CalbookViewQuery      query;
  /* The week's bookings (CalbookBookingSummary) */
  GPtrArray            *bookings;
  gboolean              scrolled_to_morning;
  int                   work_day_start;
  int                   work_day_end;

  /* Template widgets */
  GtkGrid              *all_day_grid;
  GtkWidget            *box;
  GtkLabel             *corner_label;
  GtkGrid              *day_grid;
  CalbookWeekGrid      *grid;
  GtkScrolledWindow    *scrolled_window;
};

static void calbook_week_view_iface_init (CalbookViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CalbookWeekView, calbook_week_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CALBOOK_TYPE_VIEW,
                                                      calbook_week_view_iface_init))

enum {
  PROP_WORK_DAY_START = CALBOOK_VIEW_N_PROPS,
  PROP_WORK_DAY_END,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CREATE_REQUESTED,
  MOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_scroll_to_morning (CalbookWeekView *self);

/* Auxiliary methods */

static void
remove_children (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
update_header (CalbookWeekView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert (CALBOOK_IS_WEEK_VIEW (self));

  remove_children (self->day_grid);

  for (int day = 0; day < 7; day++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (self->week_start, day);
      g_autofree char *weekday = NULL;
      g_autofree char *number = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *label;
      GtkWidget *weekday_label;
      GtkWidget *number_label;

      /* The weekday may shrink to "M…" at 360 px; the day's number stays */
      /* Translators: a weekday above the week grid, e.g. "Mon"; see strftime(3) */
      weekday = g_date_time_format (date, _("%a"));
      number = g_strdup_printf ("%d", g_date_time_get_day_of_month (date));
      label = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      weekday_label = gtk_label_new (weekday);
      gtk_label_set_ellipsize (GTK_LABEL (weekday_label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (weekday_label, "caption");
      number_label = gtk_label_new (number);
      gtk_widget_add_css_class (number_label, "week-day-number");
      gtk_box_append (GTK_BOX (label), weekday_label);
      gtk_box_append (GTK_BOX (label), number_label);
      gtk_widget_add_css_class (label, "week-day");
      /* Translators: a day above the week grid, read aloud, e.g. "Monday 30 November"; see strftime(3) */
      accessible = g_date_time_format (date, _("%A %-d %B"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      if (calbook_calendar_same_day (date, now))
        gtk_widget_add_css_class (label, "today");
      gtk_grid_attach (self->day_grid, label, day, 0, 1, 1);
    }
}

static void
on_all_day_block_activate_cb (CalbookWeekView     *self,
                              CalbookBookingBlock *block)
{
  CalbookBooking *booking = calbook_booking_block_get_booking (block);

  if (booking == NULL)
    return;

  calbook_view_set_selected_booking (CALBOOK_VIEW (self), booking);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-details", NULL);
}

static gboolean
is_all_day (CalbookBookingSummary *summary)
{
  return calbook_booking_summary_get_end (summary) - calbook_booking_summary_get_start (summary) >= 24 * 3600;
}

/* Bookings of 24 hours or more span their days in a row above the grid */
static GPtrArray *
split_all_day (CalbookWeekView *self)
{
  GPtrArray *timed = g_ptr_array_new_with_free_func (g_object_unref);
  int row = 0;

  g_assert (CALBOOK_IS_WEEK_VIEW (self));

  remove_children (self->all_day_grid);

  /* Seven columns as wide as the days', however few are taken */
  for (int day = 0; day < 7; day++)
    {
      GtkWidget *placeholder = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_widget_set_can_target (placeholder, FALSE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (placeholder), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_grid_attach (self->all_day_grid, placeholder, day, 0, 1, 1);
    }

  for (guint i = 0; i < self->bookings->len; i++)
    {
      CalbookBookingSummary *summary = g_ptr_array_index (self->bookings, i);
      gint64 start = calbook_booking_summary_get_start (summary);
      gint64 end = calbook_booking_summary_get_end (summary);
      const char *uid = calbook_booking_summary_get_uid (summary);
      g_autoptr(GDateTime) start_dt = NULL;
      g_autoptr(GDateTime) end_dt = NULL;
      GtkWidget *block;
      int first;
      int last;

      if (!is_all_day (summary))
        {
          g_ptr_array_add (timed, g_object_ref (summary));
          continue;
        }

      start_dt = g_date_time_new_from_unix_local (start);
      end_dt = g_date_time_new_from_unix_local (end - 1);
      if (start_dt == NULL || end_dt == NULL)
        continue;

      first = CLAMP ((int) (g_date_time_difference (start_dt, self->week_start) / G_TIME_SPAN_DAY), 0, 6);
      last = CLAMP ((int) (g_date_time_difference (end_dt, self->week_start) / G_TIME_SPAN_DAY), 0, 6);

      block = calbook_booking_block_new (summary, self->query.store, self->query.own_email,
                                         calbook_view_query_is_pending (&self->query, uid),
                                         TRUE);
      g_signal_connect_object (block, "activate", G_CALLBACK (on_all_day_block_activate_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_set_margin_start (block, 1);
      gtk_widget_set_margin_end (block, 2);
      gtk_grid_attach (self->all_day_grid, block, first, row++, last - first + 1, 1);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->all_day_grid), row > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->corner_label), row > 0);

  return timed;
}

/* The block drawn for @uid, on the grid or in the all-day row, or %NULL */
static CalbookBookingBlock *
lookup_block (CalbookWeekView *self,
              const char      *uid)
{
  CalbookBookingBlock *block = calbook_week_grid_lookup_block (self->grid, uid);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->all_day_grid));
       child != NULL && block == NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CALBOOK_IS_BOOKING_BLOCK (child) &&
        g_strcmp0 (calbook_booking_block_get_uid (CALBOOK_BOOKING_BLOCK (child)), uid) == 0)
      block = CALBOOK_BOOKING_BLOCK (child);

  return block;
}

static void
check_selected (CalbookWeekView *self)
{
  CalbookBooking *selected = calbook_view_get_selected_booking (CALBOOK_VIEW (self));
  CalbookBooking *found = NULL;
  const char *uid = selected != NULL ? calbook_booking_get_uid (selected) : NULL;
  CalbookBookingBlock *block = uid != NULL ? lookup_block (self, uid) : NULL;

  g_assert (CALBOOK_IS_WEEK_VIEW (self));

  /* Its block reads the fresh copy (the one booking of the week read in
   * full); one under "+N more" stays as it is */
  if (block != NULL)
    found = calbook_booking_block_get_booking (block);
  for (guint i = 0; uid != NULL && block == NULL && i < self->bookings->len && found == NULL; i++)
    if (g_strcmp0 (calbook_booking_summary_get_uid (g_ptr_array_index (self->bookings, i)), uid) == 0)
      found = selected;

  /* A booking that left the week is no longer selected; one read again is
   * the fresh copy (and this runs again for it) */
  if (found != selected)
    {
      calbook_view_set_selected_booking (CALBOOK_VIEW (self), found);
      return;
    }

  calbook_week_grid_set_selected (self->grid, selected);
}

static void
load_week (CalbookWeekView *self)
{
  g_autoptr(GDateTime) week_end = NULL;
  g_autoptr(GPtrArray) timed = NULL;

  g_assert (CALBOOK_IS_WEEK_VIEW (self));

  if (!calbook_view_query_begin_load (&self->query, GTK_WIDGET (self)))
    return;

  g_clear_pointer (&self->bookings, g_ptr_array_unref);
  week_end = g_date_time_add_days (self->week_start, 7);

  self->bookings = calbook_view_query_read (&self->query, self->week_start, week_end);

  timed = split_all_day (self);
  calbook_week_grid_set_bookings (self->grid, self->week_start, timed, &self->query);
  check_selected (self);
  if (self->bookings->len > 0)
    schedule_scroll_to_morning (self);
  g_signal_emit_by_name (self, "loaded");
}

/* The week of the view's date */
static void
update_week (CalbookWeekView *self)
{
  g_autoptr(GDateTime) week_start = NULL;

  g_assert (CALBOOK_IS_WEEK_VIEW (self));

  week_start = calbook_calendar_start_of_week (calbook_view_peek_date (CALBOOK_VIEW (self)));
  if (self->week_start != NULL && g_date_time_equal (week_start, self->week_start) &&
      !self->query.stale)
    return;

  g_clear_pointer (&self->week_start, g_date_time_unref);
  self->week_start = g_steal_pointer (&week_start);
  update_header (self);
  load_week (self);
}

/* The hour the week's first booking on the time grid starts at, in the day
 * it starts (those of a day or more are in the all-day row) */
static double
earliest_hour (CalbookWeekView *self)
{
  double earliest = 24;

  g_assert (CALBOOK_IS_WEEK_VIEW (self));

  for (guint i = 0; i < self->bookings->len; i++)
    {
      CalbookBookingSummary *summary = g_ptr_array_index (self->bookings, i);
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (calbook_booking_summary_get_start (summary));

      if (start != NULL && !is_all_day (summary))
        earliest = MIN (earliest, g_date_time_get_hour (start) + g_date_time_get_minute (start) / 60.0);
    }

  return earliest;
}

static gboolean
scroll_to_morning (gpointer data)
{
  CalbookWeekView *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double hour = MIN (self->work_day_start - 1.0, earliest_hour (self) - 0.5);

  /* The working day, not midnight, when the week first shows (an hour
   * before it starts); earlier when a booking of the week is earlier */
  gtk_adjustment_set_value (adjustment, MAX (0.0, hour) * calbook_week_grid_get_hour_height (self->grid));

  /* Until the bookings are read, the next read may scroll again */
  self->scrolled_to_morning = self->bookings->len > 0;

  return G_SOURCE_REMOVE;
}

static void
schedule_scroll_to_morning (CalbookWeekView *self)
{
  g_assert (CALBOOK_IS_WEEK_VIEW (self));

  if (self->scrolled_to_morning || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  /* After the grid got its size */
  g_idle_add_full (G_PRIORITY_LOW, scroll_to_morning, g_object_ref (self), g_object_unref);
}

/* Callbacks */

static void
on_grid_booking_activated_cb (CalbookWeekView *self,
                              CalbookBooking  *booking)
{
  calbook_view_set_selected_booking (CALBOOK_VIEW (self), booking);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-details", NULL);
}

/* "+N more": that day's bookings, one under the other in the agenda */
static void
on_grid_more_requested_cb (CalbookWeekView *self,
                           GDateTime       *day)
{
  calbook_view_set_date (CALBOOK_VIEW (self), day);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.view", "s", "agenda");
}

static void
on_grid_create_requested_cb (CalbookWeekView *self,
                             GDateTime       *start,
                             GDateTime       *end)
{
  g_signal_emit (self, signals[CREATE_REQUESTED], 0, start, end);
}

static void
on_grid_move_requested_cb (CalbookWeekView *self,
                           CalbookBooking  *booking,
                           GDateTime       *new_start)
{
  g_signal_emit (self, signals[MOVE_REQUESTED], 0, booking, new_start);
}

/* CalbookView */

static GDateTime *
calbook_week_view_step (CalbookView *view,
                        GDateTime   *date,
                        int          direction)
{
  return g_date_time_add_weeks (date, direction);
}

static void
calbook_week_view_date_changed (CalbookView *view)
{
  update_week (CALBOOK_WEEK_VIEW (view));
}

static void
calbook_week_view_selected_changed (CalbookView *view)
{
  check_selected (CALBOOK_WEEK_VIEW (view));
}

static void
calbook_week_view_set_query (CalbookView                *view,
                             CalbookStore               *store,
                             const CalbookBookingFilter *filter,
                             const char                 *own_email)
{
  CalbookWeekView *self = CALBOOK_WEEK_VIEW (view);

  calbook_view_query_set (&self->query, store, filter, own_email);
  load_week (self);
}

static void
calbook_week_view_set_pending (CalbookView *view,
                               GHashTable  *uids)
{
  calbook_view_query_set_pending (&CALBOOK_WEEK_VIEW (view)->query, uids);
}

static void
calbook_week_view_reload (CalbookView *view)
{
  load_week (CALBOOK_WEEK_VIEW (view));
}

static gboolean
calbook_week_view_shows_span (CalbookView *view,
                              gint64       from,
                              gint64       to)
{
  CalbookWeekView *self = CALBOOK_WEEK_VIEW (view);
  g_autoptr(GDateTime) week_end = g_date_time_add_days (self->week_start, 7);

  return calbook_calendar_span_meets_page (from, to, self->week_start, week_end);
}

static void
calbook_week_view_iface_init (CalbookViewInterface *iface)
{
  iface->step = calbook_week_view_step;
  iface->date_changed = calbook_week_view_date_changed;
  iface->selected_changed = calbook_week_view_selected_changed;
  iface->set_query = calbook_week_view_set_query;
  iface->set_pending = calbook_week_view_set_pending;
  iface->reload = calbook_week_view_reload;
  iface->shows_span = calbook_week_view_shows_span;
}

/* The grid shades the rest of the day; the week opens scrolled to the new start */
static void
set_working_hours (CalbookWeekView *self,
                   int              start,
                   int              end)
{
  int old_start = self->work_day_start;
  int old_end = self->work_day_end;

  g_assert (CALBOOK_IS_WEEK_VIEW (self));

  /* Each key is set on its own: a start past the end moves the end, and back */
  self->work_day_start = CLAMP (start, 0, 23);
  self->work_day_end = CLAMP (end, 1, 24);
  if (self->work_day_end <= self->work_day_start)
    {
      if (start != old_start)
        self->work_day_end = self->work_day_start + 1;
      else
        self->work_day_start = self->work_day_end - 1;
    }

  calbook_week_grid_set_working_hours (self->grid, self->work_day_start, self->work_day_end);

  if (self->work_day_start != old_start)
    {
      self->scrolled_to_morning = FALSE;
      schedule_scroll_to_morning (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORK_DAY_START]);
    }
  if (self->work_day_end != old_end)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORK_DAY_END]);
}

/* GtkWidget overrides */

static void
calbook_week_view_map (GtkWidget *widget)
{
  CalbookWeekView *self = CALBOOK_WEEK_VIEW (widget);

  GTK_WIDGET_CLASS (calbook_week_view_parent_class)->map (widget);

  /* Hidden, it read nothing: it reads now that it shows */
  if (self->query.stale)
    load_week (self);
  schedule_scroll_to_morning (self);
}

/* GObject overrides */

static void
calbook_week_view_dispose (GObject *object)
{
  CalbookWeekView *self = (CalbookWeekView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_WEEK_VIEW);

  calbook_view_query_clear (&self->query);
  g_clear_pointer (&self->bookings, g_ptr_array_unref);

  G_OBJECT_CLASS (calbook_week_view_parent_class)->dispose (object);
}

static void
calbook_week_view_finalize (GObject *object)
{
  CalbookWeekView *self = (CalbookWeekView *)object;

  g_clear_pointer (&self->week_start, g_date_time_unref);

  G_OBJECT_CLASS (calbook_week_view_parent_class)->finalize (object);
}

static void
calbook_week_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CalbookWeekView *self = CALBOOK_WEEK_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORK_DAY_START:
      g_value_set_int (value, self->work_day_start);
      break;
    case PROP_WORK_DAY_END:
      g_value_set_int (value, self->work_day_end);
      break;
    default:
      calbook_view_get_property (object, prop_id, value, pspec);
    }
}

static void
calbook_week_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CalbookWeekView *self = CALBOOK_WEEK_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORK_DAY_START:
      set_working_hours (self, g_value_get_int (value), self->work_day_end);
      break;
    case PROP_WORK_DAY_END:
      set_working_hours (self, self->work_day_start, g_value_get_int (value));
      break;
    default:
      calbook_view_set_property (object, prop_id, value, pspec);
    }
}

static void
calbook_week_view_class_init (CalbookWeekViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_week_view_dispose;
  object_class->finalize = calbook_week_view_finalize;
  calbook_view_install_properties (object_class);
  object_class->get_property = calbook_week_view_get_property;
  object_class->set_property = calbook_week_view_set_property;

  widget_class->map = calbook_week_view_map;


  /* The working day, emphasised on the grid and scrolled to: hours from midnight */
  properties[PROP_WORK_DAY_START] =
    g_param_spec_int ("work-day-start", NULL, NULL,
                      0, 23, 9,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WORK_DAY_END] =
    g_param_spec_int ("work-day-end", NULL, NULL,
                      1, 24, 17,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_WORK_DAY_START, properties[PROP_WORK_DAY_START]);
  g_object_class_install_property (object_class, PROP_WORK_DAY_END, properties[PROP_WORK_DAY_END]);

  /* A new booking is asked for in [start, end) (drag or double-click on an empty slot) */
  signals[CREATE_REQUESTED] =
    g_signal_new ("create-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DATE_TIME, G_TYPE_DATE_TIME);

  /* A booking was dragged to start at new_start; nothing is sent yet */
  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, CALBOOK_TYPE_BOOKING, G_TYPE_DATE_TIME);

  g_type_ensure (CALBOOK_TYPE_WEEK_GRID);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-week-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookWeekView, all_day_grid);
  gtk_widget_class_bind_template_child (widget_class, CalbookWeekView, box);
  gtk_widget_class_bind_template_child (widget_class, CalbookWeekView, corner_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookWeekView, day_grid);
  gtk_widget_class_bind_template_child (widget_class, CalbookWeekView, grid);
  gtk_widget_class_bind_template_child (widget_class, CalbookWeekView, scrolled_window);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_booking_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_create_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_move_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_more_requested_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
calbook_week_view_init (CalbookWeekView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bookings = g_ptr_array_new_with_free_func (g_object_unref);
  self->work_day_start = 9;
  self->work_day_end = 17;
  update_week (self);
}

/* Public API */

/**
 * calbook_week_view_get_bookings:
 * @self: a #CalbookWeekView
 *
 * Returns: (transfer none) (element-type CalbookBookingSummary): the week's
 *   bookings, as last read (a hidden view reads when shown)
 */
GPtrArray *
calbook_week_view_get_bookings (CalbookWeekView *self)
{
  g_return_val_if_fail (CALBOOK_IS_WEEK_VIEW (self), NULL);

  return self->bookings;
}

CalbookWeekGrid *
calbook_week_view_get_grid (CalbookWeekView *self)
{
  g_return_val_if_fail (CALBOOK_IS_WEEK_VIEW (self), NULL);

  return self->grid;
}
