/* gui-test-util.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "calbook-application.h"
#include "calbook-window.h"
#include "gui-test-util.h"

/**
 * gui_test_prepare:
 * @home_template: a g_dir_make_tmp() template for a fresh HOME
 * @own_home: (out): the HOME this process made, to remove at the end, or
 *   %NULL when a parent test process made it (its subprocesses inherit it)
 *
 * Everything a GUI test program does before registering its tests: a fresh
 * HOME (and XDG folders, TMPDIR, memory settings) so no real account or
 * setting is used or touched, the schema compiled in the build folder, and
 * GTK and libadwaita set up.
 *
 * Returns: %FALSE when there is no display: the caller exits 77 (skip)
 */
gboolean
gui_test_prepare (int          *argc,
                  char       ***argv,
                  const char   *home_template,
                  char        **own_home)
{
  const char *display = g_getenv ("DISPLAY");
  const char *build_dir = g_getenv ("CALBOOK_BUILD_DIR");
  g_autofree char *home = g_strdup (g_getenv ("CALBOOK_TEST_GUI_HOME"));

  *own_home = NULL;

  if (display == NULL || *display == '\0')
    {
      g_print ("SKIP: no display (DISPLAY is unset); run under Xvfb, e.g. build-aux/session.sh\n");
      return FALSE;
    }

  if (home == NULL)
    {
      home = g_dir_make_tmp (home_template, NULL);
      g_assert_nonnull (home);
      g_setenv ("CALBOOK_TEST_GUI_HOME", home, TRUE);
      *own_home = g_strdup (home);
    }
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The demo's temporary folder too: a test that fails half-way leaves it here */
  g_setenv ("TMPDIR", home, TRUE);

  if (build_dir != NULL)
    {
      g_autofree char *schema_dir = g_build_filename (build_dir, "data", NULL);

      if (g_file_test (schema_dir, G_FILE_TEST_IS_DIR))
        g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
    }

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  return TRUE;
}

/* Removes a folder and what is in it, without following symbolic links */
void
gui_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        gui_test_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static gboolean
on_wait_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/**
 * gui_test_wait_until:
 * @predicate: the condition to wait for
 * @data: for @predicate
 * @seconds: how long at most
 * @what: what is waited for, for the failure message
 *
 * Iterates the main loop until @predicate holds; fails the test after
 * @seconds.
 */
void
gui_test_wait_until (GuiTestPredicate  predicate,
                     gpointer          data,
                     guint             seconds,
                     const char       *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_wait_timeout_cb, &timed_out);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %u s waiting for %s", seconds, what);

  g_source_remove (id);
}

/* Adds @widget and every widget under it that is a @type to @found, depth first */
void
gui_test_collect_widgets (gpointer   widget,
                          GType      type,
                          GPtrArray *found)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gui_test_collect_widgets (child, type, found);
}

gboolean
gui_test_is_true (gpointer data)
{
  return *(gboolean *) data;
}

gboolean
gui_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

gboolean
gui_test_is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

gboolean
gui_test_is_synced (gpointer application)
{
  CalbookContext *context = calbook_application_get_context (application);
  g_autoptr(CalbookBookingFilter) filter = NULL;
  gboolean syncing = TRUE;

  if (context == NULL)
    return FALSE;

  g_object_get (context, "syncing", &syncing, NULL);
  filter = calbook_booking_filter_new ();

  return !syncing && calbook_store_count_bookings (calbook_context_get_store (context), filter, NULL) > 0;
}

/**
 * gui_test_get_window:
 * @application: a #CalbookApplication
 *
 * Returns: (transfer none) (nullable): its main window, a #CalbookWindow
 */
gpointer
gui_test_get_window (gpointer application)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (CALBOOK_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static gboolean
on_shot_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;

  return *frames < 3 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
is_painted (gpointer data)
{
  return *(guint *) data >= 3;
}

/**
 * gui_test_take_window_shot:
 * @window: a #GtkWindow
 * @name: the file name, without .png
 *
 * With CALBOOK_TEST_SHOTS set to a folder: a picture of @window alone, as
 * it is painted now, for people to look at (and for data/screenshots/).
 */
void
gui_test_take_window_shot (gpointer    window,
                           const char *name)
{
  const char *dir = g_getenv ("CALBOOK_TEST_SHOTS");
  g_autofree char *file = NULL;
  g_autofree char *xid = NULL;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  const char *argv[] = { "import", "-window", NULL, NULL, NULL };
  guint frames = 0;

  if (dir == NULL || !GDK_IS_X11_SURFACE (surface))
    return;

  /* What the window shows now, painted */
  gtk_widget_queue_draw (GTK_WIDGET (window));
  gtk_widget_add_tick_callback (GTK_WIDGET (window), on_shot_tick_cb, &frames, NULL);
  gui_test_wait_until (is_painted, &frames, 10, "the window to be painted");

  file = g_strdup_printf ("%s/%s.png", dir, name);
  xid = g_strdup_printf ("0x%lx", (gulong) gdk_x11_surface_get_xid (surface));
  argv[2] = xid;
  argv[3] = file;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                NULL, NULL, NULL, NULL);
}

static gboolean
on_iterate_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

void
gui_test_iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_iterate_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gpointer
gui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

char *
gui_test_visible_text (gpointer widget)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  gui_test_collect_widgets (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_is_drawable (g_ptr_array_index (labels, i)))
      g_string_append_printf (text, "%s\n", gtk_label_get_text (g_ptr_array_index (labels, i)));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

JsonNode *
gui_test_call_sandbox (const char *base_url,
                       const char *method,
                       const char *path,
                       const char *body)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  JsonNode *node;

  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }
  reply = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (soup_message_get_status (message), ==, 200);
  data = g_bytes_get_size (reply) > 0 ? g_bytes_get_data (reply, NULL) : NULL;
  node = json_from_string (data != NULL ? data : "null", &error);
  g_assert_no_error (error);

  return node;
}

static char *
run_command (const char * const *argv)
{
  g_autofree char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;

  return g_steal_pointer (&out);
}

/* The newest notification id of this test's run before its app started:
 * what dunst shows with a higher id came while the test ran */
static gint64 dunst_mark;

typedef struct
{
  gint64  id;
  char   *line;
} DunstEntry;

static void
dunst_entry_clear (gpointer data)
{
  g_free (((DunstEntry *) data)->line);
}

static gint
compare_dunst_entries (gconstpointer a,
                       gconstpointer b)
{
  gint64 first = ((const DunstEntry *) a)->id;
  gint64 second = ((const DunstEntry *) b)->id;

  return first < second ? -1 : first > second;
}

static const char *
dunst_field (JsonObject *entry,
             const char *name)
{
  JsonObject *field = json_object_get_object_member (entry, name);
  const char *data = field ? json_object_get_string_member (field, "data") : NULL;

  return data ? data : "";
}

/* (transfer full) (nullable) (element-type DunstEntry): every notification
 * dunst has shown, oldest first, as "summary: body" lines; NULL without dunst */
static GArray *
dunst_history (void)
{
  static const char * const close_argv[] = { "dunstctl", "close-all", NULL };
  static const char * const history_argv[] = { "dunstctl", "history", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *closed = run_command (close_argv);
  g_autofree char *json = run_command (history_argv);
  GArray *entries;
  JsonArray *outer;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;

  entries = g_array_new (FALSE, FALSE, sizeof (DunstEntry));
  g_array_set_clear_func (entries, dunst_entry_clear);
  outer = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "data");
  for (guint i = 0; i < json_array_get_length (outer); i++)
    {
      JsonArray *inner = json_array_get_array_element (outer, i);

      for (guint j = 0; j < json_array_get_length (inner); j++)
        {
          JsonObject *entry = json_array_get_object_element (inner, j);
          JsonObject *id = json_object_get_object_member (entry, "id");
          DunstEntry found = {
            id ? json_object_get_int_member (id, "data") : 0,
            g_strdup_printf ("%s: %s", dunst_field (entry, "summary"), dunst_field (entry, "body")),
          };

          g_array_append_val (entries, found);
        }
    }
  g_array_sort (entries, compare_dunst_entries);

  return entries;
}

gboolean
gui_test_have_dunst (void)
{
  g_autoptr(GArray) entries = dunst_history ();

  return entries != NULL;
}

char *
gui_test_dunst_texts (const char *about)
{
  g_autoptr(GArray) entries = dunst_history ();
  g_autoptr(GString) texts = g_string_new (NULL);

  g_return_val_if_fail (about != NULL && about[0] != '\0', NULL);

  if (entries == NULL)
    return NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      DunstEntry *entry = &g_array_index (entries, DunstEntry, i);

      if (entry->id > dunst_mark && strstr (entry->line, about) != NULL)
        g_string_append_printf (texts, "%s\n", entry->line);
    }

  return g_string_free (g_steal_pointer (&texts), FALSE);
}

/* Sets dunst_mark to the newest notification dunst has shown so far */
static void
mark_dunst_history (void)
{
  g_autoptr(GArray) entries = dunst_history ();

  dunst_mark = entries != NULL && entries->len > 0
               ? g_array_index (entries, DunstEntry, entries->len - 1).id
               : 0;
}

static GuiTestDemoScenario demo_scenario;

static gboolean
demo_synced (gpointer data)
{
  CalbookApplication *app = data;
  CalbookContext *context = calbook_application_get_context (app);
  g_autoptr(CalbookBookingFilter) filter = NULL;
  gboolean syncing = TRUE;

  if (context == NULL || gui_test_get_window (app) == NULL)
    return FALSE;

  g_object_get (context, "syncing", &syncing, NULL);
  if (syncing)
    return FALSE;

  filter = calbook_booking_filter_new ();

  return calbook_store_count_bookings (calbook_context_get_store (context), filter, NULL) > 0;
}

static void
on_demo_activate_cb (GApplication *app,
                     gpointer      user_data)
{
  gui_test_wait_until (demo_synced, app, 120, "the first sync of the demo");
  demo_scenario (CALBOOK_APPLICATION (app));
  g_application_quit (app);
}

void
gui_test_run_demo (GuiTestDemoScenario scenario)
{
  g_autoptr(CalbookApplication) app = NULL;
  const char *argv[] = { "calbook", "--demo", NULL };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 240 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  demo_scenario = scenario;
  mark_dunst_history ();
  app = calbook_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_demo_activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 2, (char **) argv), ==, 0);
}

CalbookBooking *
gui_test_find_own_upcoming (CalbookContext *context,
                            const char     *not_uid)
{
  gint64 user_id = calbook_account_get_user_id (calbook_context_get_account (context));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;

  filter->sort = CALBOOK_BOOKING_SORT_START_ASC;
  bookings = calbook_store_query_bookings (calbook_context_get_store (context), filter, 0, 5000, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);

      if (calbook_booking_has_host (booking, user_id) &&
          calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_CONFIRMED &&
          calbook_booking_get_start (booking) > now + 3600 &&
          calbook_booking_get_recurring_booking_uid (booking) == NULL &&
          calbook_booking_get_attendees (booking)->len > 0 &&
          g_strcmp0 (calbook_booking_get_uid (booking), not_uid) != 0)
        return g_object_ref (booking);
    }

  g_error ("No upcoming booking of the user's own");
}

static void
run_xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status = -1;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

/**
 * gui_test_pointer_to:
 * @widget: a mapped widget
 *
 * Moves the real pointer (xdotool on the X server) to the middle of @widget,
 * in whatever surface it is drawn (a window or a popover).
 */
void
gui_test_pointer_to (gpointer widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double surface_x, surface_y;
  g_autofree char *xid = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  /* A popover just shown is laid out at its first frame */
  gui_test_wait_until (is_allocated, widget, 10, "the widget to be laid out");
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &point));
  /* Widget coordinates start inside the window's shadow */
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
  x = g_strdup_printf ("%d", (int) (point.x + surface_x));
  y = g_strdup_printf ("%d", (int) (point.y + surface_y));
  run_xdotool ((const char *[]) { "mousemove", "--sync", "--window", xid, x, y, NULL });
}

/* A click of the first button, with the real pointer, in the middle of @widget */
void
gui_test_click (gpointer widget)
{
  gui_test_pointer_to (widget);
  run_xdotool ((const char *[]) { "click", "1", NULL });
}

/* A key pressed and released on the real keyboard (xdotool), e.g. "Escape" */
void
gui_test_key (const char *keysym)
{
  run_xdotool ((const char *[]) { "key", keysym, NULL });
}

/**
 * gui_test_find_tooltip:
 * @window: a window (or any widget of it)
 *
 * Returns: (transfer none) (nullable): the tooltip GTK shows now in
 *   @window's surface (its GtkTooltipWindow, mapped), or %NULL
 */
GtkWidget *
gui_test_find_tooltip (gpointer window)
{
  for (GtkWidget *child = gtk_widget_get_first_child (window);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkTooltipWindow"))
        return gtk_widget_get_mapped (child) ? child : NULL;
      if ((found = gui_test_find_tooltip (child)) != NULL)
        return found;
    }

  return NULL;
}
