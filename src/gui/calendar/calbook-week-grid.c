/* calbook-week-grid.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "calbook-booking-block.h"
#include "calbook-calendar-utils.h"
#include "calbook-format.h"
#include "calbook-week-grid.h"

/*
 * The time grid of the week view: seven day columns of 24 hours, working
 * hours lighter than the rest, a line at the current time, and the bookings
 * as blocks. Bookings that overlap share their column side by side. Dragging
 * on an empty slot (or double-clicking it) asks for a new booking there;
 * dragging a block asks to move it. Neither is done here: the grid emits
 * "create-requested" and "move-requested", and the booking actions confirm.
 *
 * A busy day can have dozens of bookings at once: side by side they would
 * be slivers nobody can read, and each a widget to pay for. As many
 * bookings at once as the column has room for lanes (MIN_LANE_WIDTH each:
 * three on a wide screen, one at 360 px) share it; a cluster of overlapping
 * bookings that needs more lanes shows the bookings of all lanes but the
 * last and a "+N more" button in that one for the rest ("more-requested").
 * With room for one lane, the button is a "+N" badge at the column's edge
 * where the first hidden booking starts, over the block then drawn. The
 * blocks are made again when the width changes the lanes.
 */

/* A quarter of an hour is one line of a block's text */
#define HOUR_HEIGHT        60
#define HOURS_COLUMN_WIDTH 56
#define MIN_BLOCK_HEIGHT   12
#define BLOCK_GAP          1
#define SNAP_MINUTES       15
#define DRAG_THRESHOLD     6
/* The narrowest lane a block is still readable in ("10:00 · Ann…") */
#define MIN_LANE_WIDTH     56
#define MAX_LANES          3
/* Before the grid has a width: what a window of the default size has */
#define DEFAULT_LANES      2


/* A booking (or a cluster's "+N more") on the grid; @block is %NULL while
 * the lanes are worked out, and for a booking that goes under "+N more" */
typedef struct
{
  GtkWidget             *block;
  CalbookBookingSummary *summary;
  int                    day;
  double                 start_hours;
  double                 end_hours;
  int                    lane;
  int                    n_lanes;
  guint                  cluster;
  /* A "+N" badge over the blocks, not a lane of its own */
  gboolean               badge;
} Placement;

/* Where a block ends on the grid: a booking of a few minutes is drawn
 * taller than its length, and must not cover the next one */
static double
drawn_end (const Placement *p)
{
  return MAX (p->end_hours, p->start_hours + (double) MIN_BLOCK_HEIGHT / HOUR_HEIGHT);
}

static int
block_height (const Placement *p)
{
  return (int) MAX (MIN_BLOCK_HEIGHT, (p->end_hours - p->start_hours) * HOUR_HEIGHT - BLOCK_GAP);
}

typedef enum
{
  DRAG_NONE,
  DRAG_CREATE,
  DRAG_MOVE,
} DragMode;

struct _CalbookWeekGrid
{
  GtkWidget   parent_instance;

  GDateTime  *week_start;
  /* The bookings first (n_bookings), then the clusters' "+N more" */
  GArray     *placements;
  guint       n_bookings;
  /* How many lanes the blocks were made for, and where they were read */
  int         lanes;
  const CalbookViewQuery *query;
  /* The working day, emphasised: hours from midnight */
  int         work_day_start;
  int         work_day_end;
  char       *selected_uid;
  guint       now_timeout;

  DragMode    drag_mode;
  Placement  *drag_placement;
  double      drag_start_x;
  double      drag_start_y;
  double      drag_dx;
  double      drag_dy;
};

G_DEFINE_FINAL_TYPE (CalbookWeekGrid, calbook_week_grid, GTK_TYPE_WIDGET)

enum {
  BOOKING_ACTIVATED,
  CREATE_REQUESTED,
  MOVE_REQUESTED,
  MORE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void layout_blocks (CalbookWeekGrid *self);

/* Auxiliary methods */

/* Which day of the week @day's midnight is, rounded: a day with a clock
 * change is 23 or 25 hours long, and a day before the week is negative */
static int
day_index (GDateTime *day,
           GDateTime *week_start)
{
  return (int) floor ((double) g_date_time_difference (day, week_start) / G_TIME_SPAN_DAY + 0.5);
}

static double
column_width (CalbookWeekGrid *self)
{
  return MAX (1.0, (gtk_widget_get_width (GTK_WIDGET (self)) - HOURS_COLUMN_WIDTH) / 7.0);
}

static void
clear_blocks (CalbookWeekGrid *self)
{
  g_assert (CALBOOK_IS_WEEK_GRID (self));

  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *p = &g_array_index (self->placements, Placement, i);

      g_clear_pointer (&p->block, gtk_widget_unparent);
      g_clear_object (&p->summary);
    }
  g_array_set_size (self->placements, 0);
  self->n_bookings = 0;
  self->drag_placement = NULL;
  self->drag_mode = DRAG_NONE;
}

/* The blocks and "+N more" go; the bookings stay, to be laid out again */
static void
clear_layout (CalbookWeekGrid *self)
{
  g_assert (CALBOOK_IS_WEEK_GRID (self));

  for (guint i = 0; i < self->placements->len; i++)
    g_clear_pointer (&g_array_index (self->placements, Placement, i).block, gtk_widget_unparent);
  g_array_set_size (self->placements, self->n_bookings);
  self->drag_placement = NULL;
  self->drag_mode = DRAG_NONE;
}

/* As many lanes as a day column of a grid @width wide has room for */
static int
lanes_for_width (int width)
{
  if (width <= 0)
    return DEFAULT_LANES;

  return CLAMP ((int) (((width - HOURS_COLUMN_WIDTH) / 7.0) / MIN_LANE_WIDTH), 1, MAX_LANES);
}

/* Overlapping bookings of a day share its column: each gets the first lane
 * free at its start, and every booking of a cluster the cluster's lane count */
static void
assign_lanes (CalbookWeekGrid *self)
{
  guint n_clusters = 0;

  g_assert (CALBOOK_IS_WEEK_GRID (self));

  for (int day = 0; day < 7; day++)
    {
      double lane_ends[32];
      guint cluster_first = 0;
      double cluster_end = -1;
      int cluster_lanes = 0;
      gboolean in_cluster = FALSE;

      for (guint i = 0; i <= self->n_bookings; i++)
        {
          Placement *p = i < self->n_bookings ?
                         &g_array_index (self->placements, Placement, i) : NULL;
          int lane;

          if (p != NULL && p->day != day)
            continue;

          /* A cluster ends where the next booking starts after all of it */
          if (in_cluster && (p == NULL || p->start_hours >= cluster_end))
            {
              for (guint j = cluster_first; j < i; j++)
                {
                  Placement *q = &g_array_index (self->placements, Placement, j);

                  if (q->day == day)
                    q->n_lanes = cluster_lanes;
                }
              in_cluster = FALSE;
            }

          if (p == NULL)
            break;

          if (!in_cluster)
            {
              in_cluster = TRUE;
              cluster_first = i;
              cluster_end = -1;
              cluster_lanes = 0;
              n_clusters++;
            }
          p->cluster = n_clusters;

          for (lane = 0; lane < cluster_lanes; lane++)
            if (lane_ends[lane] <= p->start_hours)
              break;

          if (lane == cluster_lanes && cluster_lanes < (int) G_N_ELEMENTS (lane_ends))
            cluster_lanes++;
          lane = MIN (lane, (int) G_N_ELEMENTS (lane_ends) - 1);

          lane_ends[lane] = drawn_end (p);
          p->lane = lane;
          cluster_end = MAX (cluster_end, drawn_end (p));
        }
    }
}

static Placement *
find_placement (CalbookWeekGrid *self,
                GtkWidget       *widget)
{
  g_assert (CALBOOK_IS_WEEK_GRID (self));

  while (widget != NULL && !CALBOOK_IS_BOOKING_BLOCK (widget))
    widget = gtk_widget_get_parent (widget);

  if (widget == NULL)
    return NULL;

  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *p = &g_array_index (self->placements, Placement, i);

      if (p->block == widget)
        return p;
    }

  return NULL;
}

static GDateTime *
snap (GDateTime *time,
      int        minutes)
{
  int minute = g_date_time_get_minute (time);
  int rounded = (minute / minutes) * minutes;

  return g_date_time_add_full (time, 0, 0, 0, 0, rounded - minute,
                               -g_date_time_get_seconds (time));
}

static void
get_colors (CalbookWeekGrid *self,
            GdkRGBA         *fg)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* Callbacks */

static void
on_block_activate_cb (CalbookWeekGrid     *self,
                      CalbookBookingBlock *block)
{
  CalbookBooking *booking = calbook_booking_block_get_booking (block);

  /* Gone from the store since the week was read: the next read drops it */
  if (booking != NULL)
    g_signal_emit (self, signals[BOOKING_ACTIVATED], 0, booking);
}

static void
on_more_clicked_cb (CalbookWeekGrid *self,
                    GtkButton       *button)
{
  g_signal_emit (self, signals[MORE_REQUESTED], 0,
                 g_object_get_data (G_OBJECT (button), "calbook-day"));
}

static gboolean
on_now_timeout_cb (gpointer data)
{
  gtk_widget_queue_draw (GTK_WIDGET (data));

  return G_SOURCE_CONTINUE;
}

static void
on_drag_begin_cb (GtkGestureDrag  *gesture,
                  double           x,
                  double           y,
                  CalbookWeekGrid *self)
{
  GtkWidget *picked;

  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_dx = 0;
  self->drag_dy = 0;
  self->drag_placement = NULL;

  picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  if (picked != NULL && picked != GTK_WIDGET (self))
    {
      self->drag_placement = find_placement (self, picked);
      self->drag_mode = self->drag_placement != NULL ? DRAG_MOVE : DRAG_NONE;
      return;
    }

  self->drag_mode = x > HOURS_COLUMN_WIDTH ? DRAG_CREATE : DRAG_NONE;
}

static void
on_drag_update_cb (GtkGestureDrag  *gesture,
                   double           dx,
                   double           dy,
                   CalbookWeekGrid *self)
{
  if (self->drag_mode == DRAG_NONE)
    return;

  self->drag_dx = dx;
  self->drag_dy = dy;

  if (self->drag_mode == DRAG_MOVE)
    {
      if (ABS (dx) < DRAG_THRESHOLD && ABS (dy) < DRAG_THRESHOLD)
        return;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_add_css_class (self->drag_placement->block, "dragging");
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
  else
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_drag_end_cb (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                CalbookWeekGrid *self)
{
  DragMode mode = self->drag_mode;
  Placement *placement = self->drag_placement;

  self->drag_mode = DRAG_NONE;
  self->drag_placement = NULL;

  if (ABS (dx) < DRAG_THRESHOLD && ABS (dy) < DRAG_THRESHOLD)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (mode == DRAG_MOVE && placement != NULL)
    {
      CalbookBooking *booking = calbook_booking_block_get_booking (CALBOOK_BOOKING_BLOCK (placement->block));
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GDateTime) moved = NULL;
      g_autoptr(GDateTime) snapped = NULL;
      int days = (int) round (dx / column_width (self));
      int minutes = (int) round (dy / HOUR_HEIGHT * 60.0 / SNAP_MINUTES) * SNAP_MINUTES;

      gtk_widget_remove_css_class (placement->block, "dragging");

      /* The block goes back until the move is confirmed and synced */
      gtk_widget_queue_allocate (GTK_WIDGET (self));

      /* Gone from the store since the week was read: nothing to move */
      if (booking != NULL)
        start = g_date_time_new_from_unix_local (calbook_booking_get_start (booking));
      if (start == NULL || (days == 0 && minutes == 0))
        return;

      moved = g_date_time_add_full (start, 0, 0, days, 0, minutes, 0);
      g_signal_emit (self, signals[MOVE_REQUESTED], 0, booking, moved);
      return;
    }

  if (mode == DRAG_CREATE)
    {
      double y0 = MIN (self->drag_start_y, self->drag_start_y + dy);
      double y1 = MAX (self->drag_start_y, self->drag_start_y + dy);
      g_autoptr(GDateTime) from = calbook_week_grid_time_at (self, self->drag_start_x, y0);
      g_autoptr(GDateTime) to = calbook_week_grid_time_at (self, self->drag_start_x, y1);
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GDateTime) end = NULL;
      g_autoptr(GDateTime) to_snapped = NULL;

      gtk_widget_queue_draw (GTK_WIDGET (self));

      if (from == NULL || to == NULL)
        return;

      start = snap (from, SNAP_MINUTES);
      to_snapped = snap (to, SNAP_MINUTES);
      end = g_date_time_compare (to_snapped, start) > 0 ?
            g_date_time_ref (to_snapped) : g_date_time_add_minutes (start, SNAP_MINUTES);
      g_signal_emit (self, signals[CREATE_REQUESTED], 0, start, end);
    }
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     CalbookWeekGrid *self)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GtkWidget *picked;

  if (n_press != 2)
    return;

  picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  if (picked != GTK_WIDGET (self) || x <= HOURS_COLUMN_WIDTH)
    return;

  time = calbook_week_grid_time_at (self, x, y);
  if (time == NULL)
    return;

  /* A double-click asks for the half hour it landed in */
  start = snap (time, 30);
  end = g_date_time_add_minutes (start, 30);
  g_signal_emit (self, signals[CREATE_REQUESTED], 0, start, end);
}

/* GtkWidget overrides */

static void
calbook_week_grid_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  CalbookWeekGrid *self = CALBOOK_WEEK_GRID (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = 24 * HOUR_HEIGHT;
    }
  else
    {
      *minimum = HOURS_COLUMN_WIDTH + 7 * 36;
      *natural = HOURS_COLUMN_WIDTH + 7 * 120;
    }

  for (guint i = 0; i < self->placements->len; i++)
    {
      GtkWidget *block = g_array_index (self->placements, Placement, i).block;
      int child_min, child_nat;

      if (block == NULL)
        continue;

      /* Children are measured as GTK requires, though the grid places them */
      gtk_widget_measure (block, orientation, -1, &child_min, &child_nat, NULL, NULL);
    }
}

static void
calbook_week_grid_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CalbookWeekGrid *self = CALBOOK_WEEK_GRID (widget);
  double col = column_width (self);
  int lanes = lanes_for_width (width);

  /* Narrower or wider than the lanes were made for (as GtkListView, the
   * widgets are made in the allocation that needs them, not a frame late) */
  if (lanes != self->lanes && self->query != NULL)
    {
      self->lanes = lanes;
      clear_layout (self);
      layout_blocks (self);
    }

  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *p = &g_array_index (self->placements, Placement, i);
      double lane_width = col / MAX (1, p->n_lanes);
      double x = HOURS_COLUMN_WIDTH + p->day * col + p->lane * lane_width + 1;
      double y = p->start_hours * HOUR_HEIGHT + 1;
      int h = block_height (p);
      double w = MAX (8, lane_width - 3);
      int min_w;

      if (p->block == NULL)
        continue;

      if (p->badge)
        {
          int badge_w, badge_h;

          gtk_widget_measure (p->block, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &badge_w, NULL, NULL);
          gtk_widget_measure (p->block, GTK_ORIENTATION_VERTICAL, badge_w, NULL, &badge_h, NULL, NULL);
          badge_w = MIN (badge_w, (int) col - 2);
          gtk_widget_size_allocate (p->block,
                                    &(GtkAllocation) { (int) (HOURS_COLUMN_WIDTH + (p->day + 1) * col) - badge_w - 2,
                                                       (int) y + 1, badge_w, MIN (badge_h, h) },
                                    -1);
          continue;
        }

      if (p == self->drag_placement && self->drag_mode == DRAG_MOVE)
        {
          x += self->drag_dx;
          y += self->drag_dy;
        }

      /* A block is as tall as its booking is long (it showed the lines
       * that fit when it was made); GTK wants at least its minimum width */
      gtk_widget_measure (p->block, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);

      gtk_widget_size_allocate (p->block,
                                &(GtkAllocation) { (int) x, (int) y, MAX ((int) w, min_w), h },
                                -1);
    }
}

static void
calbook_week_grid_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  CalbookWeekGrid *self = CALBOOK_WEEK_GRID (widget);
  int width = gtk_widget_get_width (widget);
  double col = column_width (self);
  GdkRGBA fg;
  GdkRGBA line;
  GdkRGBA shade;
  GdkRGBA now_color = { 0.88, 0.11, 0.14, 1.0 };
  GdkRGBA accent = { 0.21, 0.52, 0.89, 0.25 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  get_colors (self, &fg);
  line = fg;
  line.alpha = 0.12;
  shade = fg;
  shade.alpha = 0.06;

  /* Outside working hours, and weekends, a shade darker */
  for (int day = 0; day < 7 && self->week_start != NULL; day++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (self->week_start, day);
      int weekday = g_date_time_get_day_of_week (date);
      double x = HOURS_COLUMN_WIDTH + day * col;

      if (weekday >= 6)
        {
          gtk_snapshot_append_color (snapshot, &shade,
                                     &GRAPHENE_RECT_INIT (x, 0, col, 24 * HOUR_HEIGHT));
          continue;
        }

      gtk_snapshot_append_color (snapshot, &shade,
                                 &GRAPHENE_RECT_INIT (x, 0, col, self->work_day_start * HOUR_HEIGHT));
      gtk_snapshot_append_color (snapshot, &shade,
                                 &GRAPHENE_RECT_INIT (x, self->work_day_end * HOUR_HEIGHT, col,
                                                      (24 - self->work_day_end) * HOUR_HEIGHT));
    }

  /* Hour lines and labels */
  for (int hour = 0; hour < 24; hour++)
    {
      g_autoptr(GDateTime) at = NULL;
      g_autofree char *text = NULL;
      PangoLayout *layout;
      GdkRGBA dim = fg;

      gtk_snapshot_append_color (snapshot, &line,
                                 &GRAPHENE_RECT_INIT (HOURS_COLUMN_WIDTH, hour * HOUR_HEIGHT,
                                                      width - HOURS_COLUMN_WIDTH, 1));
      if (hour == 0)
        continue;

      at = g_date_time_new_local (2000, 1, 1, hour, 0, 0);
      /* Translators: an hour on the week grid's side, e.g. "09:00"; see strftime(3) */
      text = g_date_time_format (at, _("%H:%M"));
      layout = gtk_widget_create_pango_layout (widget, text);
      dim.alpha = 0.55;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (6, hour * HOUR_HEIGHT - 8));
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      gtk_snapshot_restore (snapshot);
      g_object_unref (layout);
    }

  for (int day = 0; day <= 7; day++)
    gtk_snapshot_append_color (snapshot, &line,
                               &GRAPHENE_RECT_INIT (HOURS_COLUMN_WIDTH + day * col, 0, 1,
                                                    24 * HOUR_HEIGHT));

  /* The slot being drawn for a new booking */
  if (self->drag_mode == DRAG_CREATE)
    {
      int day = (int) ((self->drag_start_x - HOURS_COLUMN_WIDTH) / col);
      double y0 = MIN (self->drag_start_y, self->drag_start_y + self->drag_dy);
      double y1 = MAX (self->drag_start_y, self->drag_start_y + self->drag_dy);

      gtk_snapshot_append_color (snapshot, &accent,
                                 &GRAPHENE_RECT_INIT (HOURS_COLUMN_WIDTH + day * col + 1, y0,
                                                      col - 2, y1 - y0));
    }

  /* Blocks */
  GTK_WIDGET_CLASS (calbook_week_grid_parent_class)->snapshot (widget, snapshot);

  /* Now, over everything */
  if (self->week_start != NULL)
    {
      g_autoptr(GDateTime) week_end = g_date_time_add_days (self->week_start, 7);

      if (g_date_time_compare (now, self->week_start) >= 0 && g_date_time_compare (now, week_end) < 0)
        {
          g_autoptr(GDateTime) today = calbook_calendar_start_of_day (now);
          int day = day_index (today, self->week_start);
          double y = (g_date_time_get_hour (now) + g_date_time_get_minute (now) / 60.0) * HOUR_HEIGHT;
          double x = HOURS_COLUMN_WIDTH + day * col;

          gtk_snapshot_append_color (snapshot, &now_color, &GRAPHENE_RECT_INIT (x, y - 1, col, 2));
          gtk_snapshot_append_color (snapshot, &now_color, &GRAPHENE_RECT_INIT (x - 3, y - 4, 6, 8));
        }
    }
}

/* GObject overrides */

static void
calbook_week_grid_dispose (GObject *object)
{
  CalbookWeekGrid *self = (CalbookWeekGrid *)object;

  clear_blocks (self);
  g_clear_handle_id (&self->now_timeout, g_source_remove);

  G_OBJECT_CLASS (calbook_week_grid_parent_class)->dispose (object);
}

static void
calbook_week_grid_finalize (GObject *object)
{
  CalbookWeekGrid *self = (CalbookWeekGrid *)object;

  g_clear_pointer (&self->placements, g_array_unref);
  g_clear_pointer (&self->week_start, g_date_time_unref);
  g_clear_pointer (&self->selected_uid, g_free);

  G_OBJECT_CLASS (calbook_week_grid_parent_class)->finalize (object);
}

static void
calbook_week_grid_class_init (CalbookWeekGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_week_grid_dispose;
  object_class->finalize = calbook_week_grid_finalize;

  widget_class->measure = calbook_week_grid_measure;
  widget_class->size_allocate = calbook_week_grid_size_allocate;
  widget_class->snapshot = calbook_week_grid_snapshot;

  signals[BOOKING_ACTIVATED] =
    g_signal_new ("booking-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CALBOOK_TYPE_BOOKING);

  signals[CREATE_REQUESTED] =
    g_signal_new ("create-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DATE_TIME, G_TYPE_DATE_TIME);

  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, CALBOOK_TYPE_BOOKING, G_TYPE_DATE_TIME);

  /* "+N more" was clicked: the bookings of that day (local midnight) */
  signals[MORE_REQUESTED] =
    g_signal_new ("more-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_DATE_TIME);

  gtk_widget_class_set_css_name (widget_class, "weekgrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
calbook_week_grid_init (CalbookWeekGrid *self)
{
  GtkGesture *drag;
  GtkGesture *click;

  self->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  self->work_day_start = 9;
  self->work_day_end = 17;

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self, 0);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self, 0);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* The now-line moves with the clock */
  self->now_timeout = g_timeout_add_seconds (60, on_now_timeout_cb, self);
}

/* Public API */

/* "+N more" in a cluster's last lane, for its bookings without a block */
static GtkWidget *
create_more_button (CalbookWeekGrid *self,
                    int              day,
                    guint            n_more,
                    gboolean         badge)
{
  g_autofree char *text = badge ? calbook_format_more_short (n_more) : calbook_format_more (n_more);
  g_autoptr(GDateTime) date = g_date_time_add_days (self->week_start, day);
  g_autofree char *accessible = calbook_format_more_accessible (n_more, date);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "week-more");
  if (badge)
    gtk_widget_add_css_class (button, "badge");

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_widget_set_tooltip_text (button, accessible);
  g_object_set_data_full (G_OBJECT (button), "calbook-day", g_steal_pointer (&date),
                          (GDestroyNotify) g_date_time_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_more_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  return button;
}

/* Gives a block to each booking of a cluster of up to self->lanes lanes; a
 * denser cluster gets blocks in all lanes but its last and "+N more" there
 * (with one lane: its blocks and a "+N" badge over them) */
static void
layout_blocks (CalbookWeekGrid *self)
{
  g_autoptr(GArray) more = g_array_new (FALSE, TRUE, sizeof (Placement));
  const CalbookViewQuery *query = self->query;
  int lanes = MAX (1, self->lanes);
  int more_lane = MAX (1, lanes - 1);

  g_assert (CALBOOK_IS_WEEK_GRID (self));
  g_assert (query != NULL);

  assign_lanes (self);

  for (guint i = 0; i < self->n_bookings; i++)
    {
      Placement *p = &g_array_index (self->placements, Placement, i);
      const char *uid;

      if (p->n_lanes > lanes)
        {
          p->n_lanes = lanes;

          if (p->lane >= more_lane)
            {
              /* One "+N more" per cluster: from its first hidden booking on */
              Placement *last = more->len > 0 ? &g_array_index (more, Placement, more->len - 1) : NULL;

              if (last == NULL || last->cluster != p->cluster)
                {
                  Placement m = *p;

                  m.summary = NULL;
                  m.lane = lanes - 1;
                  m.badge = lanes == 1;
                  m.n_lanes = 0;        /* counts the bookings under it for now */
                  g_array_append_val (more, m);
                  last = &g_array_index (more, Placement, more->len - 1);
                }
              /* A badge sits where the first hidden booking starts; a lane
               * spans all of them */
              if (!last->badge)
                {
                  last->start_hours = MIN (last->start_hours, p->start_hours);
                  last->end_hours = MAX (last->end_hours, drawn_end (p));
                }
              last->n_lanes++;
              continue;
            }
        }

      uid = calbook_booking_summary_get_uid (p->summary);
      p->block = calbook_booking_block_new (p->summary, query->store, query->own_email,
                                            calbook_view_query_is_pending (query, uid),
                                            FALSE);
      calbook_booking_block_set_selected (CALBOOK_BOOKING_BLOCK (p->block),
                                          g_strcmp0 (self->selected_uid, uid) == 0);
      g_signal_connect_object (p->block, "activate", G_CALLBACK (on_block_activate_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_set_parent (p->block, GTK_WIDGET (self));
      calbook_booking_block_fit_height (CALBOOK_BOOKING_BLOCK (p->block), block_height (p));
    }

  for (guint i = 0; i < more->len; i++)
    {
      Placement *m = &g_array_index (more, Placement, i);

      m->block = create_more_button (self, m->day, m->n_lanes, m->badge);
      m->n_lanes = lanes;
      gtk_widget_set_parent (m->block, GTK_WIDGET (self));
      g_array_append_val (self->placements, *m);
    }
}

/**
 * calbook_week_grid_set_bookings:
 * @self: a #CalbookWeekGrid
 * @week_start: local midnight of the first day
 * @summaries: (element-type CalbookBookingSummary): the week's bookings,
 *   earliest first
 * @query: where a picked booking is read in full, which are pending, and
 *   whose name the blocks leave out; the caller's, kept until the next call
 *   (the blocks are made again from it when the width changes the lanes)
 *
 * Bookings of a day or longer belong in the all-day row, not here.
 */
void
calbook_week_grid_set_bookings (CalbookWeekGrid        *self,
                                GDateTime              *week_start,
                                GPtrArray              *summaries,
                                const CalbookViewQuery *query)
{
  g_return_if_fail (CALBOOK_IS_WEEK_GRID (self));
  g_return_if_fail (week_start != NULL);
  g_return_if_fail (query != NULL);

  clear_blocks (self);
  g_clear_pointer (&self->week_start, g_date_time_unref);
  self->week_start = g_date_time_ref (week_start);

  for (guint i = 0; summaries != NULL && i < summaries->len; i++)
    {
      CalbookBookingSummary *summary = g_ptr_array_index (summaries, i);
      gint64 start = calbook_booking_summary_get_start (summary);
      gint64 end = MAX (calbook_booking_summary_get_end (summary), start + 60);
      g_autoptr(GDateTime) start_dt = g_date_time_new_from_unix_local (start);
      g_autoptr(GDateTime) day = NULL;
      Placement p = { 0, };

      if (start_dt == NULL)
        continue;

      day = calbook_calendar_start_of_day (start_dt);
      p.day = day_index (day, week_start);

      /* A booking that began in the week before shows from the week's start */
      if (p.day < 0)
        {
          p.day = 0;
          p.start_hours = 0;
        }
      else
        p.start_hours = (start - g_date_time_to_unix (day)) / 3600.0;

      if (p.day > 6)
        continue;

      /* Past midnight it is cut at the end of its day */
      p.end_hours = MIN (24.0, p.start_hours + (end - MAX (start, g_date_time_to_unix (week_start))) / 3600.0);
      p.summary = g_object_ref (summary);
      g_array_append_val (self->placements, p);
    }

  self->n_bookings = self->placements->len;
  self->query = query;
  self->lanes = lanes_for_width (gtk_widget_get_width (GTK_WIDGET (self)));
  layout_blocks (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * calbook_week_grid_lookup_block:
 * @self: a #CalbookWeekGrid
 * @uid: a booking's uid
 *
 * Returns: (transfer none) (nullable): the block drawn for @uid; %NULL
 *   when it has none (not in the week, or under "+N more")
 */
CalbookBookingBlock *
calbook_week_grid_lookup_block (CalbookWeekGrid *self,
                                const char      *uid)
{
  g_return_val_if_fail (CALBOOK_IS_WEEK_GRID (self), NULL);

  for (guint i = 0; uid != NULL && i < self->placements->len; i++)
    {
      GtkWidget *block = g_array_index (self->placements, Placement, i).block;

      if (block == NULL || !CALBOOK_IS_BOOKING_BLOCK (block))
        continue;

      if (g_strcmp0 (calbook_booking_block_get_uid (CALBOOK_BOOKING_BLOCK (block)), uid) == 0)
        return CALBOOK_BOOKING_BLOCK (block);
    }

  return NULL;
}

void
calbook_week_grid_set_selected (CalbookWeekGrid *self,
                                CalbookBooking  *booking)
{
  g_return_if_fail (CALBOOK_IS_WEEK_GRID (self));

  g_free (self->selected_uid);
  self->selected_uid = booking != NULL ? g_strdup (calbook_booking_get_uid (booking)) : NULL;

  for (guint i = 0; i < self->placements->len; i++)
    {
      GtkWidget *block = g_array_index (self->placements, Placement, i).block;

      if (block == NULL || !CALBOOK_IS_BOOKING_BLOCK (block))
        continue;

      calbook_booking_block_set_selected (CALBOOK_BOOKING_BLOCK (block),
        g_strcmp0 (self->selected_uid, calbook_booking_block_get_uid (CALBOOK_BOOKING_BLOCK (block))) == 0);
    }
}

/**
 * calbook_week_grid_set_working_hours:
 * @self: a #CalbookWeekGrid
 * @start: the hour the working day starts, 0 to 23
 * @end: the hour it ends, after @start, up to 24
 *
 * The hours outside are shaded. A day that ends before it starts is taken
 * as one hour long.
 */
void
calbook_week_grid_set_working_hours (CalbookWeekGrid *self,
                                     int              start,
                                     int              end)
{
  g_return_if_fail (CALBOOK_IS_WEEK_GRID (self));

  self->work_day_start = CLAMP (start, 0, 23);
  self->work_day_end = CLAMP (end, self->work_day_start + 1, 24);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
calbook_week_grid_get_hour_height (CalbookWeekGrid *self)
{
  return HOUR_HEIGHT;
}

/**
 * calbook_week_grid_time_at:
 * @self: a #CalbookWeekGrid
 * @x: a point in the grid
 * @y: a point in the grid
 *
 * Returns: (transfer full) (nullable): the local time at that point
 */
GDateTime *
calbook_week_grid_time_at (CalbookWeekGrid *self,
                           double           x,
                           double           y)
{
  int day;
  double hours;

  g_return_val_if_fail (CALBOOK_IS_WEEK_GRID (self), NULL);

  if (self->week_start == NULL || x < HOURS_COLUMN_WIDTH)
    return NULL;

  day = CLAMP ((int) ((x - HOURS_COLUMN_WIDTH) / column_width (self)), 0, 6);
  hours = CLAMP (y / HOUR_HEIGHT, 0.0, 24.0 - 1.0 / 60.0);

  return g_date_time_add_full (self->week_start, 0, 0, day, 0, (int) (hours * 60), 0);
}

/**
 * calbook_week_grid_point_for_time:
 *
 * The inverse of calbook_week_grid_time_at(): where @time is drawn.
 */
gboolean
calbook_week_grid_point_for_time (CalbookWeekGrid *self,
                                  GDateTime       *time,
                                  double          *x,
                                  double          *y)
{
  g_autoptr(GDateTime) day = NULL;
  int index;

  g_return_val_if_fail (CALBOOK_IS_WEEK_GRID (self), FALSE);

  if (self->week_start == NULL)
    return FALSE;

  day = calbook_calendar_start_of_day (time);
  index = day_index (day, self->week_start);
  if (index < 0 || index > 6)
    return FALSE;

  *x = HOURS_COLUMN_WIDTH + (index + 0.5) * column_width (self);
  *y = (g_date_time_difference (time, day) / (double) G_TIME_SPAN_HOUR) * HOUR_HEIGHT;

  return TRUE;
}
