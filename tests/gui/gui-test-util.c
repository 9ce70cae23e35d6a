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
