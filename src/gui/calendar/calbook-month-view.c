/* calbook-month-view.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "calbook-booking-block.h"
#include "calbook-calendar-utils.h"
#include "calbook-format.h"
#include "calbook-month-view.h"

/*
 * The month: six weeks from the locale's first weekday, each day a cell with
 * its first bookings as chips and "+N more" for the rest (which opens that
 * day's week). It reads the six weeks shown as summaries (no JSON parsed),
 * which give each day its count and its chips; only the selected booking
 * is read in full.
 */

#define MAX_CHIPS 3

struct _CalbookMonthView
{
  GtkWidget             parent_instance;

  GDateTime            *month_start;
  GDateTime            *grid_start;
  CalbookViewQuery      query;
  /* Every booking of the six weeks (CalbookBookingSummary) */
  GPtrArray            *summaries;
  GPtrArray            *blocks;

  /* Template widgets */
  GtkWidget            *box;
  GtkGrid              *month_grid;
  GtkGrid              *weekday_grid;
};

static void calbook_month_view_iface_init (CalbookViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CalbookMonthView, calbook_month_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CALBOOK_TYPE_VIEW,
                                                      calbook_month_view_iface_init))

/* Auxiliary methods */

static void
remove_children (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
update_weekdays (CalbookMonthView *self)
{
  g_assert (CALBOOK_IS_MONTH_VIEW (self));

  remove_children (self->weekday_grid);

  for (int day = 0; day < 7; day++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (self->grid_start, day);
      /* Translators: a weekday above the month, e.g. "Mon"; see strftime(3) */
      g_autofree char *text = g_date_time_format (date, _("%a"));
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "month-weekday");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->weekday_grid, label, day, 0, 1, 1);
    }
}

static void
update_selection (CalbookMonthView *self)
{
  CalbookBooking *selected = calbook_view_get_selected_booking (CALBOOK_VIEW (self));

  g_assert (CALBOOK_IS_MONTH_VIEW (self));

  for (guint i = 0; i < self->blocks->len; i++)
    {
      CalbookBookingBlock *block = g_ptr_array_index (self->blocks, i);

      calbook_booking_block_set_selected (block,
        selected != NULL &&
        g_strcmp0 (calbook_booking_block_get_uid (block), calbook_booking_get_uid (selected)) == 0);
    }
}

/* A booking that left the month is no longer selected; one read again is
 * the fresh copy (and this runs again for it) */
static void
check_selected (CalbookMonthView *self)
{
  CalbookBooking *selected = calbook_view_get_selected_booking (CALBOOK_VIEW (self));
  CalbookBooking *found = NULL;
  const char *uid = selected != NULL ? calbook_booking_get_uid (selected) : NULL;

  /* Its chip reads the fresh copy (the one booking of the month read in
   * full); one without a chip stays as it is */
  for (guint i = 0; uid != NULL && i < self->blocks->len && found == NULL; i++)
    {
      CalbookBookingBlock *block = g_ptr_array_index (self->blocks, i);

      if (g_strcmp0 (calbook_booking_block_get_uid (block), uid) == 0)
        {
          found = calbook_booking_block_get_booking (block);
          break;
        }
    }
  for (guint i = 0; uid != NULL && i < self->summaries->len && found == NULL; i++)
    if (g_strcmp0 (calbook_booking_summary_get_uid (g_ptr_array_index (self->summaries, i)), uid) == 0)
      found = selected;

  if (found != selected)
    {
      calbook_view_set_selected_booking (CALBOOK_VIEW (self), found);
      return;
    }

  update_selection (self);
}

static void
on_block_activate_cb (CalbookMonthView    *self,
                      CalbookBookingBlock *block)
{
  CalbookBooking *booking = calbook_booking_block_get_booking (block);

  if (booking == NULL)
    return;

  calbook_view_set_selected_booking (CALBOOK_VIEW (self), booking);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-details", NULL);
}

static void
on_more_clicked_cb (GtkButton        *button,
                    CalbookMonthView *self)
{
  GDateTime *day = g_object_get_data (G_OBJECT (button), "calbook-day");

  /* The whole day, in the week view */
  calbook_view_set_date (CALBOOK_VIEW (self), day);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.view", "s", "week");
}

static void
on_day_clicked_cb (GtkButton        *button,
                   CalbookMonthView *self)
{
  GDateTime *day = g_object_get_data (G_OBJECT (button), "calbook-day");

  calbook_view_set_date (CALBOOK_VIEW (self), day);
}

static GtkWidget *
create_cell (CalbookMonthView *self,
             GDateTime        *day,
             GPtrArray        *day_bookings)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *number = NULL;
  g_autofree char *day_name = NULL;
  GtkWidget *cell;
  GtkWidget *day_button;
  guint n_chips;

  cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (cell, "month-cell");
  gtk_widget_set_overflow (cell, GTK_OVERFLOW_HIDDEN);
  if (g_date_time_get_month (day) != g_date_time_get_month (self->month_start))
    gtk_widget_add_css_class (cell, "other-month");
  if (calbook_calendar_same_day (day, now))
    gtk_widget_add_css_class (cell, "today");
  if (calbook_calendar_same_day (day, calbook_view_peek_date (CALBOOK_VIEW (self))))
    gtk_widget_add_css_class (cell, "selected-day");

  number = g_strdup_printf ("%d", g_date_time_get_day_of_month (day));
  day_button = gtk_button_new_with_label (number);
  gtk_widget_set_halign (day_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (day_button, "flat");
  gtk_widget_add_css_class (day_button, "month-day-number");
  /* Translators: the accessible name of a day in the month, e.g. "Monday 7 December"; see strftime(3) */
  day_name = g_date_time_format (day, _("%A %-d %B"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (day_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, day_name,
                                  -1);
  g_object_set_data_full (G_OBJECT (day_button), "calbook-day", g_date_time_ref (day),
                          (GDestroyNotify) g_date_time_unref);
  g_signal_connect_object (day_button, "clicked", G_CALLBACK (on_day_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (cell), day_button);

  n_chips = day_bookings->len > MAX_CHIPS ? MAX_CHIPS - 1 : day_bookings->len;
  for (guint i = 0; i < n_chips; i++)
    {
      CalbookBookingSummary *summary = g_ptr_array_index (day_bookings, i);
      GtkWidget *chip;

      chip = calbook_booking_block_new (summary, self->query.store, self->query.own_email,
                                        calbook_view_query_is_pending (&self->query,
                                                                       calbook_booking_summary_get_uid (summary)),
                                        TRUE);
      g_signal_connect_object (chip, "activate", G_CALLBACK (on_block_activate_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->blocks, chip);
      gtk_box_append (GTK_BOX (cell), chip);
    }

  if (day_bookings->len > n_chips)
    {
      guint n_more = day_bookings->len - n_chips;
      g_autofree char *label = calbook_format_more (n_more);
      g_autofree char *short_label = calbook_format_more_short (n_more);
      g_autofree char *accessible = calbook_format_more_accessible (n_more, day);
      GtkWidget *more = gtk_button_new ();
      GtkWidget *squeezer = adw_squeezer_new ();

      /* At 360 px a day is narrower than "+3 more": then "+3" */
      adw_squeezer_add (ADW_SQUEEZER (squeezer), g_object_new (GTK_TYPE_LABEL, "label", label, "xalign", 0.0f, NULL));
      adw_squeezer_add (ADW_SQUEEZER (squeezer), g_object_new (GTK_TYPE_LABEL, "label", short_label, "xalign", 0.0f, NULL));
      adw_squeezer_set_xalign (ADW_SQUEEZER (squeezer), 0);
      gtk_button_set_child (GTK_BUTTON (more), squeezer);

      gtk_accessible_update_property (GTK_ACCESSIBLE (more),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      gtk_widget_set_halign (more, GTK_ALIGN_START);
      gtk_widget_add_css_class (more, "flat");
      gtk_widget_add_css_class (more, "month-more");
      g_object_set_data_full (G_OBJECT (more), "calbook-day", g_date_time_ref (day),
                              (GDestroyNotify) g_date_time_unref);
      g_signal_connect_object (more, "clicked", G_CALLBACK (on_more_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (cell), more);
    }

  return cell;
}

static void
load_month (CalbookMonthView *self)
{
  g_autoptr(GDateTime) grid_end = NULL;
  guint next = 0;

  g_assert (CALBOOK_IS_MONTH_VIEW (self));

  if (!calbook_view_query_begin_load (&self->query, GTK_WIDGET (self)))
    return;

  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  grid_end = g_date_time_add_days (self->grid_start, 42);

  self->summaries = calbook_view_query_read (&self->query, self->grid_start, grid_end);

  remove_children (self->month_grid);
  g_ptr_array_set_size (self->blocks, 0);

  /* The bookings come earliest first: each day takes those that start on it */
  for (int i = 0; i < 42; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->grid_start, i);
      g_autoptr(GDateTime) day_end = g_date_time_add_days (day, 1);
      g_autoptr(GPtrArray) day_bookings = g_ptr_array_new ();
      gint64 end_unix = g_date_time_to_unix (day_end);

      while (next < self->summaries->len &&
             calbook_booking_summary_get_start (g_ptr_array_index (self->summaries, next)) < end_unix)
        g_ptr_array_add (day_bookings, g_ptr_array_index (self->summaries, next++));

      gtk_grid_attach (self->month_grid, create_cell (self, day, day_bookings), i % 7, i / 7, 1, 1);
    }

  check_selected (self);
  g_signal_emit_by_name (self, "loaded");
}

/* Marks the cell of the view's date (its first child is the day's button) */
static void
update_selected_day (CalbookMonthView *self)
{
  GDateTime *date = calbook_view_peek_date (CALBOOK_VIEW (self));

  g_assert (CALBOOK_IS_MONTH_VIEW (self));

  for (GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (self->month_grid));
       cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GDateTime *day = g_object_get_data (G_OBJECT (gtk_widget_get_first_child (cell)), "calbook-day");

      if (calbook_calendar_same_day (day, date))
        gtk_widget_add_css_class (cell, "selected-day");
      else
        gtk_widget_remove_css_class (cell, "selected-day");
    }
}

/* The month of the view's date */
static void
update_month (CalbookMonthView *self)
{
  g_autoptr(GDateTime) month_start = NULL;

  g_assert (CALBOOK_IS_MONTH_VIEW (self));

  month_start = calbook_calendar_start_of_month (calbook_view_peek_date (CALBOOK_VIEW (self)));
  /* Another day of the same month: the cells say which day is picked */
  if (self->month_start != NULL && g_date_time_equal (month_start, self->month_start) &&
      !self->query.stale)
    {
      update_selected_day (self);
      return;
    }

  g_clear_pointer (&self->month_start, g_date_time_unref);
  self->month_start = g_steal_pointer (&month_start);
  g_clear_pointer (&self->grid_start, g_date_time_unref);
  self->grid_start = calbook_calendar_start_of_week (self->month_start);

  update_weekdays (self);
  load_month (self);
}

/* CalbookView */

static GDateTime *
calbook_month_view_step (CalbookView *view,
                         GDateTime   *date,
                         int          direction)
{
  g_autoptr(GDateTime) month_start = calbook_calendar_start_of_month (date);

  /* From the first: the 31st and a shorter month would skip one */
  return g_date_time_add_months (month_start, direction);
}

static void
calbook_month_view_date_changed (CalbookView *view)
{
  update_month (CALBOOK_MONTH_VIEW (view));
}

static void
calbook_month_view_selected_changed (CalbookView *view)
{
  check_selected (CALBOOK_MONTH_VIEW (view));
}

static void
calbook_month_view_set_query (CalbookView                *view,
                              CalbookStore               *store,
                              const CalbookBookingFilter *filter,
                              const char                 *own_email)
{
  CalbookMonthView *self = CALBOOK_MONTH_VIEW (view);

  calbook_view_query_set (&self->query, store, filter, own_email);
  load_month (self);
}

static void
calbook_month_view_set_pending (CalbookView *view,
                                GHashTable  *uids)
{
  calbook_view_query_set_pending (&CALBOOK_MONTH_VIEW (view)->query, uids);
}

static void
calbook_month_view_reload (CalbookView *view)
{
  load_month (CALBOOK_MONTH_VIEW (view));
}

static gboolean
calbook_month_view_shows_span (CalbookView *view,
                               gint64       from,
                               gint64       to)
{
  CalbookMonthView *self = CALBOOK_MONTH_VIEW (view);
  g_autoptr(GDateTime) grid_end = NULL;

  if (self->grid_start == NULL)
    return TRUE;

  grid_end = g_date_time_add_days (self->grid_start, 42);

  return calbook_calendar_span_meets_page (from, to, self->grid_start, grid_end);
}

static void
calbook_month_view_iface_init (CalbookViewInterface *iface)
{
  iface->step = calbook_month_view_step;
  iface->date_changed = calbook_month_view_date_changed;
  iface->selected_changed = calbook_month_view_selected_changed;
  iface->set_query = calbook_month_view_set_query;
  iface->set_pending = calbook_month_view_set_pending;
  iface->reload = calbook_month_view_reload;
  iface->shows_span = calbook_month_view_shows_span;
}

/* GtkWidget overrides */

static void
calbook_month_view_map (GtkWidget *widget)
{
  CalbookMonthView *self = CALBOOK_MONTH_VIEW (widget);

  GTK_WIDGET_CLASS (calbook_month_view_parent_class)->map (widget);

  /* Hidden, it read nothing: it reads now that it shows */
  if (self->query.stale)
    load_month (self);
}

/* GObject overrides */

static void
calbook_month_view_dispose (GObject *object)
{
  CalbookMonthView *self = (CalbookMonthView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_MONTH_VIEW);

  calbook_view_query_clear (&self->query);
  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);

  G_OBJECT_CLASS (calbook_month_view_parent_class)->dispose (object);
}

static void
calbook_month_view_finalize (GObject *object)
{
  CalbookMonthView *self = (CalbookMonthView *)object;

  g_clear_pointer (&self->month_start, g_date_time_unref);
  g_clear_pointer (&self->grid_start, g_date_time_unref);

  G_OBJECT_CLASS (calbook_month_view_parent_class)->finalize (object);
}

static void
calbook_month_view_class_init (CalbookMonthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_month_view_dispose;
  object_class->finalize = calbook_month_view_finalize;
  calbook_view_install_properties (object_class);

  widget_class->map = calbook_month_view_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-month-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookMonthView, box);
  gtk_widget_class_bind_template_child (widget_class, CalbookMonthView, month_grid);
  gtk_widget_class_bind_template_child (widget_class, CalbookMonthView, weekday_grid);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
calbook_month_view_init (CalbookMonthView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->summaries = g_ptr_array_new_with_free_func (g_object_unref);
  self->blocks = g_ptr_array_new ();
  update_month (self);
}

/* Public API */

/**
 * calbook_month_view_get_bookings:
 * @self: a #CalbookMonthView
 *
 * Returns: (transfer none) (element-type CalbookBookingSummary): the
 *   bookings of the weeks shown, as last read (a hidden view reads when shown)
 */
GPtrArray *
calbook_month_view_get_bookings (CalbookMonthView *self)
{
  g_return_val_if_fail (CALBOOK_IS_MONTH_VIEW (self), NULL);

  return self->summaries;
}
