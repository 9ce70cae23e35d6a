/* calbook-calendar-utils.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#ifdef __GLIBC__
# include <langinfo.h>
#endif

#include "calbook-booking-actions.h"
#include "calbook-calendar-utils.h"

/* The most one page of a view reads: six weeks of a very busy office.
 * Summaries are small (no JSON is parsed for them). */
#define MAX_BOOKINGS_PER_PAGE 20000

/**
 * calbook_calendar_get_first_weekday:
 *
 * Returns: the locale's first day of the week, 0 for Sunday to 6 for Saturday
 */
int
calbook_calendar_get_first_weekday (void)
{
#ifdef __GLIBC__
  union { unsigned int word; char *string; } langinfo;
  int week_1stday = 0;
  int first_weekday;
  guint week_origin;

  /* glibc gives the week's origin as a date (a Sunday or a Monday) and the
   * first weekday counted from it, starting at 1 */
  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first_weekday = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  week_origin = langinfo.word;

  if (week_origin == 19971130)
    week_1stday = 0;
  else if (week_origin == 19971201)
    week_1stday = 1;
  else
    return 1;

  return (week_1stday + first_weekday - 1 + 7) % 7;
#else
  return 1;
#endif
}

/**
 * calbook_calendar_start_of_day:
 * @date: a time
 *
 * Returns: (transfer full): local midnight that begins @date's day
 */
GDateTime *
calbook_calendar_start_of_day (GDateTime *date)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  local = g_date_time_to_timezone (date, tz);

  return g_date_time_new (tz,
                          g_date_time_get_year (local),
                          g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local),
                          0, 0, 0);
}

/**
 * calbook_calendar_start_of_week:
 * @date: a time
 *
 * Returns: (transfer full): the start of the locale's week holding @date
 */
GDateTime *
calbook_calendar_start_of_week (GDateTime *date)
{
  g_autoptr(GDateTime) day = NULL;
  int weekday;
  int offset;

  g_return_val_if_fail (date != NULL, NULL);

  day = calbook_calendar_start_of_day (date);
  weekday = g_date_time_get_day_of_week (day) % 7;      /* 0 = Sunday */
  offset = (weekday - calbook_calendar_get_first_weekday () + 7) % 7;

  return g_date_time_add_days (day, -offset);
}

GDateTime *
calbook_calendar_start_of_month (GDateTime *date)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  local = g_date_time_to_timezone (date, tz);

  return g_date_time_new (tz,
                          g_date_time_get_year (local),
                          g_date_time_get_month (local),
                          1, 0, 0, 0);
}

gboolean
calbook_calendar_same_day (GDateTime *a,
                           GDateTime *b)
{
  g_autoptr(GDateTime) day_a = NULL;
  g_autoptr(GDateTime) day_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;

  day_a = calbook_calendar_start_of_day (a);
  day_b = calbook_calendar_start_of_day (b);

  return g_date_time_equal (day_a, day_b);
}

/**
 * calbook_calendar_read_range:
 * @store: where the bookings are
 * @filter: (nullable): the window's filter (status, person, text, and maybe
 *   a range of its own, e.g. "upcoming")
 * @from: the first moment of the page
 * @to: the end of the page (exclusive)
 *
 * Reads the bookings overlapping [@from, @to) that also match @filter,
 * earliest first, as summaries: a page counts and places them all but
 * shows only some, from their summaries; only the booking picked is read
 * in full (calbook_booking_block_get_booking()).
 *
 * Returns: (transfer full) (element-type CalbookBookingSummary): the
 *   bookings; empty when the store could not answer (it has logged why)
 */
GPtrArray *
calbook_calendar_read_range (CalbookStore               *store,
                             const CalbookBookingFilter *filter,
                             GDateTime                  *from,
                             GDateTime                  *to)
{
  g_autoptr(CalbookBookingFilter) query = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *summaries;

  g_return_val_if_fail (CALBOOK_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  query = filter != NULL ? calbook_booking_filter_copy (filter) : calbook_booking_filter_new ();
  query->range_start = MAX (query->range_start, g_date_time_to_unix (from));
  query->range_end = MIN (query->range_end, g_date_time_to_unix (to));
  query->sort = CALBOOK_BOOKING_SORT_START_ASC;

  if (query->range_start >= query->range_end)
    return g_ptr_array_new_with_free_func (g_object_unref);

  summaries = calbook_store_query_summaries (store, query, 0, MAX_BOOKINGS_PER_PAGE, &error);
  if (summaries == NULL)
    {
      g_warning ("Could not read the bookings of a calendar page: %s", error->message);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  return summaries;
}

/**
 * calbook_calendar_span_meets_page:
 * @from: UTC seconds
 * @to: UTC seconds
 * @page_start: (nullable): the first moment of a page, %NULL before it has one
 * @page_end: (nullable): its end (exclusive)
 *
 * Returns: whether a booking in [@from, @to) may be on the page (a booking
 *   is on it when it overlaps it, and one of no length when it starts in it)
 */
gboolean
calbook_calendar_span_meets_page (gint64     from,
                                  gint64     to,
                                  GDateTime *page_start,
                                  GDateTime *page_end)
{
  if (page_start == NULL || page_end == NULL)
    return TRUE;

  return from < g_date_time_to_unix (page_end) && to > g_date_time_to_unix (page_start);
}

static gboolean
unparent_popover (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);

  return G_SOURCE_REMOVE;
}

static void
on_menu_closed_cb (GtkPopover *popover)
{
  /* After the activated item's action ran: it resolves booking.* on the parent */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, unparent_popover, g_object_ref (popover), g_object_unref);
}

/**
 * calbook_calendar_popup_booking_menu:
 * @widget: a row or block that installs the booking actions
 * @x: where, in @widget's coordinates; negative for its middle
 * @y: where
 *
 * The context menu of one booking (right click, long press, Menu key).
 */
void
calbook_calendar_popup_booking_menu (GtkWidget *widget,
                                     double     x,
                                     double     y)
{
  GtkWidget *popover;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (x < 0 || y < 0)
    {
      x = gtk_widget_get_width (widget) / 2.0;
      y = gtk_widget_get_height (widget) / 2.0;
    }

  popover = gtk_popover_menu_new_from_model (calbook_booking_actions_get_menu ());
  gtk_widget_set_parent (popover, widget);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (on_menu_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* CalbookViewQuery */

void
calbook_view_query_set (CalbookViewQuery           *self,
                        CalbookStore               *store,
                        const CalbookBookingFilter *filter,
                        const char                 *own_email)
{
  g_return_if_fail (self != NULL);

  g_set_object (&self->store, store);
  g_clear_pointer (&self->filter, calbook_booking_filter_free);
  if (filter != NULL)
    self->filter = calbook_booking_filter_copy (filter);
  g_free (self->own_email);
  self->own_email = g_strdup (own_email);
}

void
calbook_view_query_set_pending (CalbookViewQuery *self,
                                GHashTable       *uids)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->pending, g_hash_table_unref);
  if (uids != NULL)
    self->pending = g_hash_table_ref (uids);
}

/* Whether @uids holds the same uids as the pending set already kept */
gboolean
calbook_view_query_same_pending (const CalbookViewQuery *self,
                                 GHashTable             *uids)
{
  GHashTableIter iter;
  gpointer uid;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->pending == NULL || uids == NULL)
    return self->pending == uids;
  if (g_hash_table_size (self->pending) != g_hash_table_size (uids))
    return FALSE;

  g_hash_table_iter_init (&iter, uids);
  while (g_hash_table_iter_next (&iter, &uid, NULL))
    if (!g_hash_table_contains (self->pending, uid))
      return FALSE;

  return TRUE;
}

gboolean
calbook_view_query_is_pending (const CalbookViewQuery *self,
                               const char             *uid)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return uid != NULL && self->pending != NULL && g_hash_table_contains (self->pending, uid);
}

/**
 * calbook_view_query_begin_load:
 * @self: a view's query
 * @view: the view
 *
 * Whether @view reads the store now. A view that is not shown reads
 * nothing: it is marked stale and reads when it is mapped (the window
 * then shows it), so only the view on screen pays for a start or a sync.
 *
 * Returns: %TRUE when @view is to read now
 */
gboolean
calbook_view_query_begin_load (CalbookViewQuery *self,
                               GtkWidget        *view)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (view), FALSE);

  self->stale = !gtk_widget_get_mapped (view);

  return !self->stale;
}

/**
 * calbook_view_query_read:
 *
 * Returns: (transfer full) (element-type CalbookBookingSummary): the
 *   bookings overlapping [@from, @to), none without a store
 */
GPtrArray *
calbook_view_query_read (const CalbookViewQuery *self,
                         GDateTime              *from,
                         GDateTime              *to)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->store == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  return calbook_calendar_read_range (self->store, self->filter, from, to);
}

void
calbook_view_query_clear (CalbookViewQuery *self)
{
  g_return_if_fail (self != NULL);

  g_clear_object (&self->store);
  g_clear_pointer (&self->filter, calbook_booking_filter_free);
  g_clear_pointer (&self->own_email, g_free);
  g_clear_pointer (&self->pending, g_hash_table_unref);
}
