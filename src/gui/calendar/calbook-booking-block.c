/* calbook-booking-block.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "calbook-booking-actions.h"
#include "calbook-booking-block.h"
#include "calbook-calendar-utils.h"
#include "calbook-error.h"
#include "calbook-format.h"

/*
 * One booking drawn on a calendar page: a block on the week grid, or a
 * one-line chip in a month cell ("compact"). Its colour says its status;
 * the text says the client first. On the grid it shows the lines its
 * height has room for: client, time and event type, status; a short
 * booking one line, "10:00 · Ann Weber". Clicking or pressing Enter emits
 * "activate", which the page turns into a selection.
 */

struct _CalbookBookingBlock
{
  GtkWidget       parent_instance;

  CalbookBookingSummary *summary;
  /* Where the whole booking is read, and it once read: only for the
   * booking the person picks, drags or opens the menu of */
  CalbookStore   *store;
  CalbookBooking *booking;
  char           *own_email;
  gboolean        pending;
  gboolean        compact;
  gboolean        single_line;

  /* Template widgets */
  GtkWidget      *box;
  GtkLabel       *line_label;
  GtkImage       *pending_image;
  GtkLabel       *status_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *title_label;
};

G_DEFINE_FINAL_TYPE (CalbookBookingBlock, calbook_booking_block, GTK_TYPE_WIDGET)

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary methods */

static const char *
status_css_class (CalbookBookingSummary *summary)
{
  switch (calbook_booking_summary_get_status (summary))
    {
    case CALBOOK_BOOKING_STATUS_PENDING:
      return "block-pending";
    case CALBOOK_BOOKING_STATUS_CANCELLED:
    case CALBOOK_BOOKING_STATUS_RESCHEDULED:
    case CALBOOK_BOOKING_STATUS_DECLINED:
      return "block-cancelled";
    case CALBOOK_BOOKING_STATUS_OTHER:
      return "block-other";
    case CALBOOK_BOOKING_STATUS_CONFIRMED:
    default:
      return "block-confirmed";
    }
}

/* From midnight to midnight, a day or more */
static gboolean
is_whole_days (CalbookBookingSummary *summary)
{
  gint64 length = calbook_booking_summary_get_end (summary) - calbook_booking_summary_get_start (summary);
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (calbook_booking_summary_get_start (summary));

  return start != NULL && length >= 24 * 3600 && length % (24 * 3600) == 0 &&
         g_date_time_get_hour (start) == 0 && g_date_time_get_minute (start) == 0;
}

static void
update_block (CalbookBookingBlock *self)
{
  g_autofree char *client = NULL;
  g_autofree char *event_type = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *start_clock = NULL;
  g_autofree char *line = NULL;
  const char *note;

  g_assert (CALBOOK_IS_BOOKING_BLOCK (self));

  client = calbook_format_summary_client (self->summary, self->own_email);
  event_type = calbook_format_summary_event_type (self->summary);
  clock = calbook_format_clock_range (calbook_booking_summary_get_start (self->summary),
                                      calbook_booking_summary_get_end (self->summary));
  note = calbook_format_summary_status_note (self->summary);
  start_clock = calbook_format_clock_range (calbook_booking_summary_get_start (self->summary), 0);

  if (self->compact && is_whole_days (self->summary))
    {
      /* Whole days need no time */
      gtk_label_set_text (self->title_label, client);
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
    }
  else if (self->compact)
    {
      /* Translators: a booking in a month cell, e.g. "10:00 Ann Weber" */
      g_autofree char *chip = g_strdup_printf (_("%s %s"), start_clock, client);

      gtk_label_set_text (self->title_label, chip);
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
    }
  else
    {
      /* Translators: under the client's name on a block, e.g. "10:00–10:30 · Check-up" */
      subtitle = g_strdup_printf (_("%s · %s"), clock, event_type);
      gtk_label_set_text (self->title_label, client);
      gtk_label_set_text (self->subtitle_label, subtitle);
    }

  /* Translators: a short booking on the week grid, e.g. "10:00 · Ann Weber" */
  line = g_strdup_printf (_("%s · %s"), start_clock, client);
  gtk_label_set_text (self->line_label, line);

  gtk_label_set_text (self->status_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), note != NULL && !self->compact);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_image), self->pending);

  gtk_widget_add_css_class (GTK_WIDGET (self), status_css_class (self->summary));
  if (self->compact)
    gtk_widget_add_css_class (GTK_WIDGET (self), "compact");

  /* Blocks are read as one sentence: client, time and status */
  accessible = calbook_format_summary_sentence (self->summary, self->own_email, self->pending);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), accessible);
}

/* The whole booking is read first: its menu offers what applies to it */
static void
popup_menu (CalbookBookingBlock *self,
            double               x,
            double               y)
{
  calbook_booking_block_get_booking (self);
  calbook_calendar_popup_booking_menu (GTK_WIDGET (self), x, y);
}

/* Callbacks */

static void
on_click_released_cb (GtkGestureClick     *gesture,
                      int                  n_press,
                      double               x,
                      double               y,
                      CalbookBookingBlock *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit (self, signals[ACTIVATE], 0);
}

static void
on_menu_pressed_cb (GtkGestureClick     *gesture,
                    int                  n_press,
                    double               x,
                    double               y,
                    CalbookBookingBlock *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self, x, y);
}

static void
on_long_pressed_cb (GtkGestureLongPress *gesture,
                    double               x,
                    double               y,
                    CalbookBookingBlock *self)
{
  popup_menu (self, x, y);
}

static gboolean
on_menu_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  popup_menu (CALBOOK_BOOKING_BLOCK (widget), -1, -1);

  return TRUE;
}

static CalbookBooking *
lookup_booking (GtkWidget *widget)
{
  return calbook_booking_block_get_booking (CALBOOK_BOOKING_BLOCK (widget));
}

static gboolean
on_activate_shortcut_cb (GtkWidget *widget,
                         GVariant  *args,
                         gpointer   user_data)
{
  g_signal_emit (widget, signals[ACTIVATE], 0);

  return TRUE;
}

/* GtkWidget overrides */

static GtkWidget *
get_content (CalbookBookingBlock *self)
{
  return self->single_line ? GTK_WIDGET (self->line_label) : self->box;
}

/*
 * A block is as tall as its booking is long, which for a short booking is
 * less than its text: calbook_booking_block_fit_height() picks the lines
 * that fit, and what still does not (a booking of a few minutes) is cut off
 * (overflow hidden) rather than spilling over the next booking.
 */
static void
calbook_booking_block_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  CalbookBookingBlock *self = CALBOOK_BOOKING_BLOCK (widget);

  gtk_widget_measure (get_content (self), orientation, for_size, minimum, natural, NULL, NULL);

  /* A month chip keeps its line; a block on the grid is cut to its booking's length */
  if (orientation == GTK_ORIENTATION_VERTICAL && self->compact)
    {
      int line = 0;

      gtk_widget_measure (GTK_WIDGET (self->title_label), orientation, -1, &line, NULL, NULL, NULL);
      *minimum = MIN (*minimum, line);
    }
  else if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = 0;
    }
}

static void
calbook_booking_block_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  CalbookBookingBlock *self = CALBOOK_BOOKING_BLOCK (widget);
  GtkWidget *content = get_content (self);
  int content_height = 0;

  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, width, &content_height, NULL, NULL, NULL);
  gtk_widget_size_allocate (content,
                            &(GtkAllocation) { 0, 0, width, MAX (height, content_height) },
                            -1);

  /* An open context menu follows the block */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      gtk_popover_present (GTK_POPOVER (child));
}

/* GObject overrides */

static void
calbook_booking_block_dispose (GObject *object)
{
  CalbookBookingBlock *self = (CalbookBookingBlock *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CALBOOK_TYPE_BOOKING_BLOCK);

  /* A context menu still open */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->booking);
  g_clear_object (&self->summary);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (calbook_booking_block_parent_class)->dispose (object);
}

static void
calbook_booking_block_finalize (GObject *object)
{
  CalbookBookingBlock *self = (CalbookBookingBlock *)object;

  g_clear_pointer (&self->own_email, g_free);

  G_OBJECT_CLASS (calbook_booking_block_parent_class)->finalize (object);
}

static void
calbook_booking_block_class_init (CalbookBookingBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = calbook_booking_block_dispose;
  object_class->finalize = calbook_booking_block_finalize;

  /* The person picked this booking (click, Enter or Space) */
  signals[ACTIVATE] =
    g_signal_new ("activate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/calbook/Calbook/calbook-booking-block.ui");
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingBlock, box);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingBlock, line_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingBlock, pending_image);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingBlock, status_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingBlock, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CalbookBookingBlock, title_label);

  /* booking.* on this block's booking, for its context menu */
  calbook_booking_actions_install (widget_class, lookup_booking);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, on_menu_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, on_menu_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, on_activate_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, on_activate_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, on_activate_shortcut_cb, NULL);

  widget_class->measure = calbook_booking_block_measure;
  widget_class->size_allocate = calbook_booking_block_size_allocate;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_widget_class_set_css_name (widget_class, "bookingblock");
}

static void
calbook_booking_block_init (CalbookBookingBlock *self)
{
  GtkGesture *click;
  GtkGesture *long_press;

  gtk_widget_init_template (GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (on_click_released_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_menu_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (on_long_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));
}

/* Public API */

/**
 * calbook_booking_block_new:
 * @summary: the booking to show
 * @store: (nullable): where its whole booking is read when it is picked
 * @own_email: (nullable): the signed-in person's address, not named
 * @pending: whether a change to it waits to be sent
 * @compact: a one-line chip (month cell, all-day row)
 *
 * A block shows what @summary holds: drawing a week reads no booking in full.
 */
GtkWidget *
calbook_booking_block_new (CalbookBookingSummary *summary,
                           CalbookStore          *store,
                           const char            *own_email,
                           gboolean               pending,
                           gboolean               compact)
{
  CalbookBookingBlock *self;

  g_return_val_if_fail (CALBOOK_IS_BOOKING_SUMMARY (summary), NULL);
  g_return_val_if_fail (store == NULL || CALBOOK_IS_STORE (store), NULL);

  self = g_object_new (CALBOOK_TYPE_BOOKING_BLOCK, NULL);
  self->summary = g_object_ref (summary);
  g_set_object (&self->store, store);
  self->own_email = g_strdup (own_email);
  self->pending = !!pending;
  self->compact = !!compact;
  update_block (self);

  return GTK_WIDGET (self);
}

CalbookBookingSummary *
calbook_booking_block_get_summary (CalbookBookingBlock *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_BLOCK (self), NULL);

  return self->summary;
}

const char *
calbook_booking_block_get_uid (CalbookBookingBlock *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_BLOCK (self), NULL);

  return calbook_booking_summary_get_uid (self->summary);
}

/**
 * calbook_booking_block_get_booking:
 * @self: a #CalbookBookingBlock
 *
 * The whole booking, read from the store the first time it is asked for
 * (the block was picked, dragged or its menu opened).
 *
 * Returns: (transfer none) (nullable): the booking; %NULL when it is gone
 *   from the store since the page was read
 */
CalbookBooking *
calbook_booking_block_get_booking (CalbookBookingBlock *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CALBOOK_IS_BOOKING_BLOCK (self), NULL);

  if (self->booking != NULL || self->store == NULL)
    return self->booking;

  self->booking = calbook_store_get_booking (self->store, calbook_booking_summary_get_uid (self->summary),
                                             &error);
  if (self->booking == NULL && !g_error_matches (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not read a booking of a calendar page: %s", error->message);

  /* Its menu offers what applies to it now */
  calbook_booking_actions_update (GTK_WIDGET (self), self->booking);

  return self->booking;
}

gboolean
calbook_booking_block_get_pending (CalbookBookingBlock *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_BLOCK (self), FALSE);

  return self->pending;
}

void
calbook_booking_block_set_selected (CalbookBookingBlock *self,
                                    gboolean             selected)
{
  g_return_if_fail (CALBOOK_IS_BOOKING_BLOCK (self));

  if (selected)
    gtk_widget_add_css_class (GTK_WIDGET (self), "selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "selected");
}

static void
set_single_line (CalbookBookingBlock *self,
                 gboolean             single_line)
{
  self->single_line = single_line;
  gtk_widget_set_visible (self->box, !single_line);
  gtk_widget_set_visible (GTK_WIDGET (self->line_label), single_line);
  if (single_line)
    gtk_widget_add_css_class (GTK_WIDGET (self), "single-line");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "single-line");
}

static gboolean
fits (CalbookBookingBlock *self,
      int                  height)
{
  int natural = 0;

  gtk_widget_measure (GTK_WIDGET (self), GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);

  return natural <= height;
}

/**
 * calbook_booking_block_fit_height:
 * @self: a #CalbookBookingBlock on the week grid
 * @height: the height its booking's length gives it, in pixels
 *
 * Shows the lines that fit in @height, each whole: all of them, or without
 * the status, or one line with the time and the client.
 */
void
calbook_booking_block_fit_height (CalbookBookingBlock *self,
                                  int                  height)
{
  g_return_if_fail (CALBOOK_IS_BOOKING_BLOCK (self));
  g_return_if_fail (!self->compact);

  set_single_line (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label),
                          calbook_format_summary_status_note (self->summary) != NULL);
  if (fits (self, height))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  if (gtk_widget_get_visible (GTK_WIDGET (self->subtitle_label)) && fits (self, height))
    return;

  set_single_line (self, TRUE);
}

/* What the block shows, line by line, for the tests */
char *
calbook_booking_block_get_shown_text (CalbookBookingBlock *self)
{
  GString *text;

  g_return_val_if_fail (CALBOOK_IS_BOOKING_BLOCK (self), NULL);

  if (self->single_line)
    return g_strdup (gtk_label_get_text (self->line_label));

  text = g_string_new (gtk_label_get_text (self->title_label));
  if (gtk_widget_get_visible (GTK_WIDGET (self->subtitle_label)))
    g_string_append_printf (text, "\n%s", gtk_label_get_text (self->subtitle_label));
  if (gtk_widget_get_visible (GTK_WIDGET (self->status_label)))
    g_string_append_printf (text, "\n%s", gtk_label_get_text (self->status_label));

  return g_string_free (text, FALSE);
}

const char *
calbook_booking_block_get_title_text (CalbookBookingBlock *self)
{
  g_return_val_if_fail (CALBOOK_IS_BOOKING_BLOCK (self), NULL);

  return gtk_label_get_text (self->title_label);
}
