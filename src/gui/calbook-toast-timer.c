/* calbook-toast-timer.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-toast-timer.h"

/*
 * Why toasts are not left to libadwaita's own timeout.
 *
 * libadwaita 1.2 (Debian 12) frees a toast's bookkeeping when its hide
 * animation ends; if its show animation is still running then, the show
 * animation's "done" handler writes into the freed memory (fixed upstream
 * in 1.3). The two animations tick on the overlay's frame clock, the newer
 * one first, so that happens whenever a toast is dismissed before any
 * frame has finished showing it and the next frame comes 300 ms later or
 * more: the toast's own timer is a plain main-loop timeout, and a busy main
 * loop (a long reload, a slow disk) lets it fire before the frame does.
 *
 * Here the toast has no timeout of its own: a tick callback on the overlay
 * dismisses it once it has been on screen, in frame time, for its seconds.
 * A dismissal from a frame at least that long after the toast was shown
 * is always in a frame where the show animation ends too, before the hide
 * animation can.
 *
 * Toasts on an overlay are shown one at a time, first in first out (normal
 * priority): the first toast of the overlay's list is the one on screen,
 * and its time starts at the first frame after it became so. Like
 * libadwaita, time does not run while the pointer is on the toast or the
 * focus is in it.
 */

typedef struct
{
  GPtrArray *toasts;    /* AdwToast, oldest (on screen) first */
  gint64     since;     /* frame time (µs) the first toast was first drawn; 0 not yet */
  guint      tick_id;
} ToastTimer;

static GQuark timer_quark;
static GQuark seconds_quark;

static void
toast_timer_free (ToastTimer *timer)
{
  g_ptr_array_unref (timer->toasts);
  g_free (timer);
}

/* The pointer or the focus on a toast keeps it */
static gboolean
toast_is_held (AdwToastOverlay *overlay)
{
  GtkWidget *content = adw_toast_overlay_get_child (overlay);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != content &&
        (gtk_widget_get_state_flags (child) & (GTK_STATE_FLAG_PRELIGHT | GTK_STATE_FLAG_FOCUS_WITHIN)) != 0)
      return TRUE;

  return FALSE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  ToastTimer *timer = g_object_get_qdata (G_OBJECT (widget), timer_quark);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  AdwToast *toast;
  guint seconds;

  if (timer == NULL || timer->toasts->len == 0)
    {
      if (timer != NULL)
        timer->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  toast = g_ptr_array_index (timer->toasts, 0);
  seconds = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (toast), seconds_quark));

  if (timer->since == 0 || toast_is_held (ADW_TOAST_OVERLAY (widget)))
    timer->since = now;
  else if (now - timer->since >= (gint64) seconds * G_USEC_PER_SEC)
    adw_toast_dismiss (toast);

  return G_SOURCE_CONTINUE;
}

static void
on_toast_dismissed_cb (AdwToast        *toast,
                       AdwToastOverlay *overlay)
{
  ToastTimer *timer = g_object_get_qdata (G_OBJECT (overlay), timer_quark);
  guint position;

  if (timer == NULL || !g_ptr_array_find (timer->toasts, toast, &position))
    return;

  /* The next one's time starts when a frame draws it */
  if (position == 0)
    timer->since = 0;
  g_ptr_array_remove_index (timer->toasts, position);
}

/**
 * calbook_toast_timer_add_toast:
 * @overlay: where the toast is shown
 * @toast: (transfer full): a toast of normal priority
 * @seconds: how long it stays on screen, at least 1
 *
 * Shows @toast like adw_toast_overlay_add_toast() and dismisses it after
 * @seconds on screen, counted in frames (see the comment above for why).
 * Every timed toast of @overlay should come through here.
 */
void
calbook_toast_timer_add_toast (AdwToastOverlay *overlay,
                               AdwToast        *toast,
                               guint            seconds)
{
  ToastTimer *timer;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));
  g_return_if_fail (seconds > 0);

  if (timer_quark == 0)
    {
      timer_quark = g_quark_from_static_string ("calbook-toast-timer");
      seconds_quark = g_quark_from_static_string ("calbook-toast-timer-seconds");
    }

  timer = g_object_get_qdata (G_OBJECT (overlay), timer_quark);
  if (timer == NULL)
    {
      timer = g_new0 (ToastTimer, 1);
      timer->toasts = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_qdata_full (G_OBJECT (overlay), timer_quark, timer, (GDestroyNotify) toast_timer_free);
    }

  adw_toast_set_timeout (toast, 0);
  g_object_set_qdata (G_OBJECT (toast), seconds_quark, GUINT_TO_POINTER (seconds));
  g_ptr_array_add (timer->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), overlay, 0);

  if (timer->tick_id == 0)
    timer->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (overlay), tick_cb, NULL, NULL);

  adw_toast_overlay_add_toast (overlay, toast);
}
