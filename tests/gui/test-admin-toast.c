/* test-admin-toast.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gui-test-util.h"
#include "calbook-toast-timer.h"

/*
 * The admin window's toasts (calbook-toast-timer.c) under a real X server:
 * a toast is dismissed only from a frame, after its seconds on screen, so
 * that libadwaita 1.2's show animation has always ended by then. With
 * libadwaita's own timeout, the toast is dismissed from a main-loop
 * timeout, outside any frame, even when the main loop was too busy for a
 * single frame to show it (then libadwaita writes into freed memory).
 */

typedef struct
{
  GtkWindow       *window;
  AdwToastOverlay *overlay;
  gboolean         in_frame;
  guint            frames;
  GPtrArray       *dismissals;   /* Dismissal, in order */
} Fixture;

typedef struct
{
  AdwToast *toast;
  gboolean  in_frame;
  guint     frames;
} Dismissal;

static Fixture *current;

static void
on_before_paint_cb (GdkFrameClock *clock,
                    Fixture       *fixture)
{
  fixture->in_frame = TRUE;
  fixture->frames++;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Fixture       *fixture)
{
  fixture->in_frame = FALSE;
}

/* Sees every toast's dismissal before anyone handles it */
static gboolean
dismissed_hook (GSignalInvocationHint *hint,
                guint                  n_params,
                const GValue          *params,
                gpointer               user_data)
{
  Dismissal *dismissal;

  if (current == NULL)
    return TRUE;

  dismissal = g_new0 (Dismissal, 1);
  dismissal->toast = g_value_get_object (&params[0]);
  dismissal->in_frame = current->in_frame;
  dismissal->frames = current->frames;
  g_ptr_array_add (current->dismissals, dismissal);

  return TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static gulong hook_id;
  GdkFrameClock *clock;

  if (hook_id == 0)
    {
      g_type_class_unref (g_type_class_ref (ADW_TYPE_TOAST));
      hook_id = g_signal_add_emission_hook (g_signal_lookup ("dismissed", ADW_TYPE_TOAST), 0,
                                          dismissed_hook, NULL, NULL);
    }

  fixture->dismissals = g_ptr_array_new_with_free_func (g_free);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (fixture->overlay, gtk_label_new ("Bookings"));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
  gtk_window_set_default_size (fixture->window, 640, 400);
  gtk_window_present (fixture->window);
  gui_test_wait_until (gui_test_is_mapped, fixture->overlay, 30, "the window");

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->overlay));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), fixture);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), fixture);
  current = fixture;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->overlay));

  current = NULL;
  g_signal_handlers_disconnect_by_data (clock, fixture);
  gtk_window_destroy (fixture->window);
  g_ptr_array_unref (fixture->dismissals);
}

static gboolean
n_dismissed_is (gpointer data)
{
  return current->dismissals->len >= GPOINTER_TO_UINT (data);
}

static AdwToast *
find_dismissal (Fixture  *fixture,
                AdwToast *toast)
{
  for (guint i = 0; i < fixture->dismissals->len; i++)
    if (((Dismissal *) g_ptr_array_index (fixture->dismissals, i))->toast == toast)
      return toast;

  return NULL;
}

/* The main loop busy past the toast's time: it is still there afterwards,
 * and goes from a frame once frames have shown it long enough */
static void
test_busy_main_loop (Fixture       *fixture,
                     gconstpointer  data)
{
  AdwToast *toast = adw_toast_new ("Exported 12 bookings");
  Dismissal *dismissal;
  guint frames_at_start;
  gint64 start;

  g_object_ref (toast);
  calbook_toast_timer_add_toast (fixture->overlay, toast, 1);
  frames_at_start = fixture->frames;
  g_usleep (1500 * G_TIME_SPAN_MILLISECOND);

  /* What is due now, without waiting: libadwaita's timer would fire here */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  if (fixture->dismissals->len > 0)
    g_assert_cmpuint (((Dismissal *) g_ptr_array_index (fixture->dismissals, 0))->frames, >, frames_at_start);

  start = g_get_monotonic_time ();
  gui_test_wait_until (n_dismissed_is, GUINT_TO_POINTER (1), 30, "the toast to go");
  dismissal = g_ptr_array_index (fixture->dismissals, 0);
  g_assert_true (dismissal->toast == toast);
  g_assert_true (dismissal->in_frame);
  g_assert_cmpuint (dismissal->frames, >, frames_at_start + 1);
  g_test_message ("dismissed %" G_GINT64_FORMAT " ms after the busy time", (g_get_monotonic_time () - start) / 1000);
  g_object_unref (toast);
}

/* Two at once: the second one's time starts when the first is gone, and
 * each goes from a frame */
static void
test_queued (Fixture       *fixture,
             gconstpointer  data)
{
  AdwToast *first = g_object_ref (adw_toast_new ("Exported 12 bookings"));
  AdwToast *second = g_object_ref (adw_toast_new ("Exported 3 bookings"));
  gint64 start = g_get_monotonic_time ();
  gint64 first_gone;

  calbook_toast_timer_add_toast (fixture->overlay, first, 1);
  calbook_toast_timer_add_toast (fixture->overlay, second, 1);

  gui_test_wait_until (n_dismissed_is, GUINT_TO_POINTER (1), 30, "the first toast to go");
  first_gone = g_get_monotonic_time ();
  g_assert_nonnull (find_dismissal (fixture, first));
  g_assert_null (find_dismissal (fixture, second));
  g_assert_cmpint (first_gone - start, >=, G_USEC_PER_SEC);

  gui_test_wait_until (n_dismissed_is, GUINT_TO_POINTER (2), 30, "the second toast to go");
  g_assert_nonnull (find_dismissal (fixture, second));
  g_assert_cmpint (g_get_monotonic_time () - first_gone, >=, G_USEC_PER_SEC);
  for (guint i = 0; i < fixture->dismissals->len; i++)
    g_assert_true (((Dismissal *) g_ptr_array_index (fixture->dismissals, i))->in_frame);

  g_object_unref (first);
  g_object_unref (second);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  int status;

  if (!gui_test_prepare (&argc, &argv, "calbook-test-admin-toast-XXXXXX", &own_home))
    return 77;

  g_test_add ("/admin/toast/busy-main-loop", Fixture, NULL, fixture_set_up, test_busy_main_loop, fixture_tear_down);
  g_test_add ("/admin/toast/queued", Fixture, NULL, fixture_set_up, test_queued, fixture_tear_down);
  status = g_test_run ();

  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
