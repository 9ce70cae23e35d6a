/* calbook-admin-calendar.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "calbook-admin-calendar.h"
#include "calbook-admin-chart.h"
#include "calbook-admin-cell.h"
#include "calbook-bidi.h"
#include "calbook-booking-summary.h"
#include "calbook-booking-text.h"

/*
 * The week (one colour per member) or the day (one column per member) of
 * the whole organization, drawn with cairo in the snapshot. Bookings that
 * overlap in one column share its width side by side. The hours shown
 * stretch to the earliest and latest booking, at least 08:00–18:00.
 */

#define HEADER_HEIGHT 44.0
#define LEGEND_HEIGHT 22.0
#define HOURS_WIDTH 48.0

struct _CalbookAdminCalendar
{
  GtkWidget                 parent_instance;

  CalbookAdminCalendarMode  mode;
  GDateTime                *day;
  GPtrArray                *bookings;
  GArray                   *member_ids;
  GPtrArray                *member_names;
  GPtrArray                *member_emails;
  GArray                   *color_order;
};

G_DEFINE_FINAL_TYPE (CalbookAdminCalendar, calbook_admin_calendar, GTK_TYPE_WIDGET)

/* Where one booking is drawn */
typedef struct
{
  CalbookBookingSummary *booking;
  guint                  column;
  guint                  lane;
  guint                  n_lanes;
  double                 x, y, width, height;
} Block;

/* Auxiliary methods */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static guint
get_n_days (CalbookAdminCalendar *self)
{
  return self->mode == CALBOOK_ADMIN_CALENDAR_WEEK ? 7 : 1;
}

/* The member a booking is of: its (first) host, by e-mail address */
static guint
find_member (CalbookAdminCalendar  *self,
             CalbookBookingSummary *booking)
{
  const char *email = calbook_booking_summary_get_host_email (booking);

  for (guint i = 0; email != NULL && email[0] != '\0' && self->member_emails != NULL &&
                    i < self->member_emails->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->member_emails, i), email) == 0)
      return i;

  return G_MAXUINT;
}

/* The member at @index keeps the colour it has everywhere in the window */
static guint
get_color (CalbookAdminCalendar *self,
           guint                 index)
{
  return calbook_admin_chart_find_color (self->color_order, g_array_index (self->member_ids, gint64, index), index);
}

static guint
get_n_columns (CalbookAdminCalendar *self)
{
  if (self->mode == CALBOOK_ADMIN_CALENDAR_WEEK)
    return 7;

  return MAX (1, self->member_ids != NULL ? self->member_ids->len : 1);
}

static double
get_local_hour (gint64 when)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (when);

  return g_date_time_get_hour (time) + g_date_time_get_minute (time) / 60.0;
}

static void
get_hours (CalbookAdminCalendar *self,
           int                  *first,
           int                  *last)
{
  double earliest = 8, latest = 18;

  for (guint i = 0; self->bookings != NULL && i < self->bookings->len; i++)
    {
      CalbookBookingSummary *booking = g_ptr_array_index (self->bookings, i);
      double start = get_local_hour (calbook_booking_summary_get_start (booking));
      double end = start + (calbook_booking_summary_get_end (booking) - calbook_booking_summary_get_start (booking)) / 3600.0;

      earliest = MIN (earliest, start);
      latest = MAX (latest, MIN (end, 24));
    }

  *first = (int) earliest;
  *last = MIN (24, (int) (latest + 0.999));
}

/* Which column a booking goes in, G_MAXUINT for none */
static guint
get_column (CalbookAdminCalendar *self,
            CalbookBookingSummary *booking)
{
  gint64 first_day = g_date_time_to_unix (self->day);
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (calbook_booking_summary_get_start (booking));
  int days = (int) (g_date_time_difference (start, self->day) / G_TIME_SPAN_DAY);

  if (calbook_booking_summary_get_start (booking) < first_day || days >= (int) get_n_days (self))
    return G_MAXUINT;

  return self->mode == CALBOOK_ADMIN_CALENDAR_WEEK ? (guint) days : find_member (self, booking);
}

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  const Block *block_a = a;
  const Block *block_b = b;
  gint64 start_a = calbook_booking_summary_get_start (block_a->booking);
  gint64 start_b = calbook_booking_summary_get_start (block_b->booking);

  if (block_a->column != block_b->column)
    return block_a->column < block_b->column ? -1 : 1;

  return (start_a > start_b) - (start_a < start_b);
}

/* Places every booking; side by side where they overlap */
static GArray *
layout_blocks (CalbookAdminCalendar *self,
               double                width,
               double                height)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  guint n_columns = get_n_columns (self);
  double column_width = (width - HOURS_WIDTH) / n_columns;
  double top = HEADER_HEIGHT + LEGEND_HEIGHT;
  int first_hour, last_hour;
  double hour_height;
  guint group_start = 0;
  gint64 group_end = G_MININT64;

  get_hours (self, &first_hour, &last_hour);
  hour_height = (height - top) / MAX (1, last_hour - first_hour);

  for (guint i = 0; self->bookings != NULL && i < self->bookings->len; i++)
    {
      CalbookBookingSummary *booking = g_ptr_array_index (self->bookings, i);
      Block block = { booking, get_column (self, booking), 0, 1, 0, 0, 0, 0 };

      if (block.column != G_MAXUINT)
        g_array_append_val (blocks, block);
    }
  g_array_sort (blocks, compare_blocks);

  /* Lanes: a booking takes the first lane free at its start; a group of
   * overlapping bookings shares the number of lanes it needed */
  for (guint i = 0; i <= blocks->len; i++)
    {
      Block *block = i < blocks->len ? &g_array_index (blocks, Block, i) : NULL;

      if (block == NULL || calbook_booking_summary_get_start (block->booking) >= group_end ||
          block->column != g_array_index (blocks, Block, group_start).column)
        {
          guint n_lanes = 1;

          for (guint j = group_start; j < i; j++)
            n_lanes = MAX (n_lanes, g_array_index (blocks, Block, j).lane + 1);
          for (guint j = group_start; j < i; j++)
            g_array_index (blocks, Block, j).n_lanes = n_lanes;

          group_start = i;
          group_end = G_MININT64;
        }

      if (block == NULL)
        break;

      for (guint lane = 0; ; lane++)
        {
          gboolean taken = FALSE;

          for (guint j = group_start; j < i && !taken; j++)
            {
              Block *other = &g_array_index (blocks, Block, j);

              taken = other->lane == lane &&
                      calbook_booking_summary_get_end (other->booking) > calbook_booking_summary_get_start (block->booking);
            }

          if (!taken)
            {
              block->lane = lane;
              break;
            }
        }

      group_end = MAX (group_end, MAX (calbook_booking_summary_get_end (block->booking),
                                       calbook_booking_summary_get_start (block->booking) + 1));
    }

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = &g_array_index (blocks, Block, i);
      double start = get_local_hour (calbook_booking_summary_get_start (block->booking));
      double length = (calbook_booking_summary_get_end (block->booking) - calbook_booking_summary_get_start (block->booking)) / 3600.0;
      double lane_width = column_width / block->n_lanes;

      block->x = HOURS_WIDTH + block->column * column_width + block->lane * lane_width + 1;
      block->width = MAX (lane_width - 2, 2);
      block->y = top + (start - first_hour) * hour_height + 1;
      block->height = MAX (MIN (length, 24 - start) * hour_height - 2, 6);
    }

  return blocks;
}

static void
draw_text (CalbookAdminCalendar *self,
           cairo_t              *cr,
           const char           *text,
           double                x,
           double                y,
           double                max_width,
           gboolean              small)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.82));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_set_width (layout, (int) (MAX (max_width, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static char *
dup_column_title (CalbookAdminCalendar *self,
                  guint                 column)
{
  if (self->mode == CALBOOK_ADMIN_CALENDAR_WEEK)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->day, column);

      /* Translators: a day's column in the week, e.g. "Tue 8"; see strftime(3) */
      return g_date_time_format (day, _("%a %-d"));
    }

  if (self->member_names != NULL && column < self->member_names->len)
    return g_strdup (g_ptr_array_index (self->member_names, column));

  return g_strdup ("");
}

/* A name, else the e-mail address, cut to what Pango lays out at once */
static char *
dup_label (const char *name,
           const char *email)
{
  return calbook_booking_text_shorten (name != NULL && name[0] != '\0' ? name : email != NULL ? email : "");
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  CalbookAdminCalendar *self = CALBOOK_ADMIN_CALENDAR (widget);
  g_autoptr(GArray) blocks = layout_blocks (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget));

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = &g_array_index (blocks, Block, i);

      if (x >= block->x && x < block->x + block->width && y >= block->y && y < block->y + block->height)
        {
          g_autofree char *when = calbook_admin_cell_format_time (calbook_booking_summary_get_start (block->booking));
          g_autofree char *member_label = dup_label (calbook_booking_summary_get_host_name (block->booking),
                                                     calbook_booking_summary_get_host_email (block->booking));
          g_autofree char *client_label = dup_label (calbook_booking_summary_get_client_name (block->booking),
                                                     calbook_booking_summary_get_client_email (block->booking));
          /* Each set apart: one cannot reorder the sentence around it */
          g_autofree char *member = calbook_bidi_isolate (member_label);
          g_autofree char *client = calbook_bidi_isolate (client_label);
          g_autofree char *title = calbook_admin_cell_dup_inline (calbook_booking_summary_get_title (block->booking));
          g_autofree char *text = NULL;

          /* Translators: a booking in the organization's calendar: title, time, member, client */
          text = g_strdup_printf (_("%s\n%s · %s with %s"), title,
                                  when, member, client);
          gtk_tooltip_set_text (tooltip, text);
          return TRUE;
        }
    }

  return FALSE;
}

static void
update_summary (CalbookAdminCalendar *self)
{
  g_autofree char *summary = calbook_admin_calendar_dup_summary (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
}

/* GObject overrides */

static void
calbook_admin_calendar_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  CalbookAdminCalendar *self = CALBOOK_ADMIN_CALENDAR (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  guint n_columns = get_n_columns (self);
  double column_width = (width - HOURS_WIDTH) / n_columns;
  double top = HEADER_HEIGHT + LEGEND_HEIGHT;
  g_autoptr(GArray) blocks = NULL;
  int first_hour, last_hour;
  double hour_height;
  double legend_x = HOURS_WIDTH;
  GdkRGBA fg;
  cairo_t *cr;

  if (self->day == NULL || width <= HOURS_WIDTH || height <= top)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  get_hours (self, &first_hour, &last_hour);
  hour_height = (height - top) / MAX (1, last_hour - first_hour);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Legend: each member's colour */
  for (guint m = 0; self->member_names != NULL && m < self->member_names->len && legend_x < width - 60; m++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, g_ptr_array_index (self->member_names, m));
      GdkRGBA color;
      int text_width, text_height;

      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      calbook_admin_chart_get_member_color (get_color (self, m), is_dark (), &color);
      set_color (cr, &color, 1.0);
      cairo_rectangle (cr, legend_x, 5, 10, 10);
      cairo_fill (cr);
      set_color (cr, &fg, 0.9);
      cairo_move_to (cr, legend_x + 14, 1);
      pango_cairo_show_layout (cr, layout);
      legend_x += 14 + text_width + 12;
    }

  /* Column headings and lines */
  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *title = dup_column_title (self, c);

      set_color (cr, &fg, 0.9);
      draw_text (self, cr, title, HOURS_WIDTH + c * column_width + 6, LEGEND_HEIGHT + 12,
                 column_width - 8, FALSE);
      set_color (cr, &fg, 0.12);
      cairo_rectangle (cr, HOURS_WIDTH + c * column_width, top, 1, height - top);
      cairo_fill (cr);
    }

  for (int h = first_hour; h <= last_hour; h++)
    {
      g_autofree char *label = g_strdup_printf ("%02d:00", h);
      double y = top + (h - first_hour) * hour_height;

      set_color (cr, &fg, 0.12);
      cairo_rectangle (cr, HOURS_WIDTH, y, width - HOURS_WIDTH, 1);
      cairo_fill (cr);
      if (h < last_hour)
        {
          set_color (cr, &fg, 0.6);
          draw_text (self, cr, label, 4, y + 2, HOURS_WIDTH - 6, TRUE);
        }
    }

  blocks = layout_blocks (self, width, height);
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = &g_array_index (blocks, Block, i);
      CalbookBookingStatus status = calbook_booking_summary_get_status (block->booking);
      gboolean gone = status == CALBOOK_BOOKING_STATUS_CANCELLED || status == CALBOOK_BOOKING_STATUS_DECLINED ||
                      status == CALBOOK_BOOKING_STATUS_RESCHEDULED;
      guint member = find_member (self, block->booking);
      GdkRGBA color;

      if (member != G_MAXUINT)
        calbook_admin_chart_get_member_color (get_color (self, member), is_dark (), &color);
      else
        color = fg;

      /* Unconfirmed: outlined; gone: faint */
      set_color (cr, &color, gone ? 0.25 : status == CALBOOK_BOOKING_STATUS_PENDING ? 0.35 : 0.85);
      cairo_rectangle (cr, block->x, block->y, block->width, block->height);
      cairo_fill (cr);
      if (status == CALBOOK_BOOKING_STATUS_PENDING)
        {
          set_color (cr, &color, 1.0);
          cairo_set_line_width (cr, 1.5);
          cairo_rectangle (cr, block->x + 0.75, block->y + 0.75, block->width - 1.5, block->height - 1.5);
          cairo_stroke (cr);
        }

      if (block->height >= 16 && block->width >= 30)
        {
          g_autofree char *client = dup_label (calbook_booking_summary_get_client_name (block->booking),
                                                       calbook_booking_summary_get_client_email (block->booking));

          set_color (cr, &fg, gone ? 0.6 : 1.0);
          draw_text (self, cr, client, block->x + 3, block->y + 1, block->width - 5, TRUE);
        }
    }

  cairo_destroy (cr);
}

static void
calbook_admin_calendar_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 300;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 600;
}

static void
on_dark_changed_cb (CalbookAdminCalendar *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
calbook_admin_calendar_finalize (GObject *object)
{
  CalbookAdminCalendar *self = CALBOOK_ADMIN_CALENDAR (object);

  g_clear_pointer (&self->day, g_date_time_unref);
  g_clear_pointer (&self->bookings, g_ptr_array_unref);
  g_clear_pointer (&self->member_ids, g_array_unref);
  g_clear_pointer (&self->member_names, g_ptr_array_unref);
  g_clear_pointer (&self->member_emails, g_ptr_array_unref);
  g_clear_pointer (&self->color_order, g_array_unref);

  G_OBJECT_CLASS (calbook_admin_calendar_parent_class)->finalize (object);
}

static void
calbook_admin_calendar_class_init (CalbookAdminCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = calbook_admin_calendar_finalize;
  widget_class->snapshot = calbook_admin_calendar_snapshot;
  widget_class->measure = calbook_admin_calendar_measure;

  gtk_widget_class_set_css_name (widget_class, "admincalendar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
calbook_admin_calendar_init (CalbookAdminCalendar *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);

  self->day = g_date_time_add_days (today, 1 - g_date_time_get_day_of_week (today));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

void
calbook_admin_calendar_set_mode (CalbookAdminCalendar     *self,
                                 CalbookAdminCalendarMode  mode)
{
  g_return_if_fail (CALBOOK_IS_ADMIN_CALENDAR (self));

  self->mode = mode;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

CalbookAdminCalendarMode
calbook_admin_calendar_get_mode (CalbookAdminCalendar *self)
{
  g_return_val_if_fail (CALBOOK_IS_ADMIN_CALENDAR (self), CALBOOK_ADMIN_CALENDAR_WEEK);

  return self->mode;
}

void
calbook_admin_calendar_set_day (CalbookAdminCalendar *self,
                                GDateTime            *day)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (CALBOOK_IS_ADMIN_CALENDAR (self));
  g_return_if_fail (day != NULL);

  local = g_date_time_to_local (day);
  g_clear_pointer (&self->day, g_date_time_unref);
  self->day = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                     g_date_time_get_day_of_month (local), 0, 0, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * calbook_admin_calendar_get_day:
 *
 * Returns: (transfer none): the first day shown
 */
GDateTime *
calbook_admin_calendar_get_day (CalbookAdminCalendar *self)
{
  g_return_val_if_fail (CALBOOK_IS_ADMIN_CALENDAR (self), NULL);

  return self->day;
}

void
calbook_admin_calendar_get_range (CalbookAdminCalendar *self,
                                  gint64               *start,
                                  gint64               *end)
{
  g_autoptr(GDateTime) last = NULL;

  g_return_if_fail (CALBOOK_IS_ADMIN_CALENDAR (self));

  last = g_date_time_add_days (self->day, get_n_days (self));
  *start = g_date_time_to_unix (self->day);
  *end = g_date_time_to_unix (last);
}

void
calbook_admin_calendar_set_bookings (CalbookAdminCalendar *self,
                                     GPtrArray            *bookings,
                                     GArray               *member_ids,
                                     GPtrArray            *member_names,
                                     GPtrArray            *member_emails,
                                     GArray               *color_order)
{
  g_return_if_fail (CALBOOK_IS_ADMIN_CALENDAR (self));

  g_clear_pointer (&self->bookings, g_ptr_array_unref);
  g_clear_pointer (&self->member_ids, g_array_unref);
  g_clear_pointer (&self->member_names, g_ptr_array_unref);
  g_clear_pointer (&self->member_emails, g_ptr_array_unref);
  g_clear_pointer (&self->color_order, g_array_unref);
  self->color_order = color_order != NULL ? g_array_ref (color_order) : NULL;
  self->bookings = bookings != NULL ? g_ptr_array_ref (bookings) : NULL;
  self->member_ids = member_ids != NULL ? g_array_ref (member_ids) : NULL;
  self->member_names = member_names != NULL ? g_ptr_array_ref (member_names) : NULL;
  self->member_emails = member_emails != NULL ? g_ptr_array_ref (member_emails) : NULL;

  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * calbook_admin_calendar_dup_summary:
 *
 * Returns: (transfer full): how many bookings each member has in view
 */
char *
calbook_admin_calendar_dup_summary (CalbookAdminCalendar *self)
{
  GString *text = g_string_new (NULL);
  guint n_shown = 0;

  g_return_val_if_fail (CALBOOK_IS_ADMIN_CALENDAR (self), NULL);

  for (guint m = 0; self->member_ids != NULL && m < self->member_ids->len; m++)
    {
      g_autofree char *name = NULL;
      guint count = 0;

      for (guint i = 0; self->bookings != NULL && i < self->bookings->len; i++)
        if (find_member (self, g_ptr_array_index (self->bookings, i)) == m &&
            get_column (self, g_ptr_array_index (self->bookings, i)) != G_MAXUINT)
          count++;

      if (count == 0)
        continue;
      n_shown += count;
      name = calbook_bidi_isolate (g_ptr_array_index (self->member_names, m));
      /* Translators: one member's bookings in view, e.g. "Ann Lee: 4. " */
      g_string_append_printf (text, _("%s: %u. "), name, count);
    }

  if (n_shown == 0)
    g_string_append (text, _("No bookings in this time."));

  return g_strstrip (g_string_free (text, FALSE));
}

GPtrArray *
_calbook_admin_calendar_get_bookings (CalbookAdminCalendar *self)
{
  return self->bookings;
}
