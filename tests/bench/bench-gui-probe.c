/* bench-gui-probe.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A probe that build-aux/bench-gui.sh loads into a GTK 4 program with
 * LD_PRELOAD, so Calbook and GNOME Calendar are timed by the same code and
 * neither needs a hook of its own. It acts only in the program named by
 * CALBOOK_PROBE_TARGET (the file name of its executable). It watches every toplevel window's frame
 * clock; at the end of each frame ("after-paint": the frame has been
 * rendered and handed to the X server) it looks at what that frame drew:
 *
 *   loaded_ms          the probe loaded: the dynamic linker has loaded and
 *                      relocated the program's libraries, main() is next
 *   first_frame_ms     the first frame of a mapped window with a size
 *   content_ms         the first frame in which a widget of one of the types
 *                      named in CALBOOK_PROBE_WIDGETS (comma-separated) is
 *                      drawable, has a size and lies inside its window, and
 *                      no stack above it is in a transition (nor a revealer
 *                      still revealing); when the type has a "booking"
 *                      property, it must be set (a row bound to a booking,
 *                      not an empty placeholder)
 *
 * both in ms since CALBOOK_PROBE_EXEC_US, the wall clock (µs) the launcher
 * read just before exec, and the CPU time the process had used by then
 * (first_frame_cpu_ms, content_cpu_ms: all its threads, user and system;
 * steadier than wall time on a loaded machine, but blind to helper
 * processes). Then it runs CALBOOK_PROBE_SCRIPT, steps separated
 * by ';':
 *
 *   action NAME [PARAMETER]   activate an action (app.* on the application,
 *                             others on the newest window); PARAMETER is
 *                             GVariant text, e.g. 'agenda'
 *   wait-window               until a new toplevel window has painted
 *   wait-content TYPE,...     until a frame draws a widget of one of the
 *                             types, as for CALBOOK_PROBE_WIDGETS
 *   scroll                    every mapped list or column view of the newest
 *                             window, top to bottom, one page per painted
 *                             frame (so each row is bound and drawn once;
 *                             CALBOOK_PROBE_SCROLL_PAGES pages, if set)
 *
 *   hold SECONDS              do nothing for a while (to look at the screen)
 *
 * With CALBOOK_PROBE_SHOTS set to a folder, the X server's screen is saved
 * there (first-frame.png, content.png, by `import`) as soon as those frames
 * are timed: to see that what was timed is what it claims to be.
 *
 * A wait longer than CALBOOK_PROBE_WAIT_S (120 s) ends the run with an
 * "error". At the end it appends one JSON object to CALBOOK_PROBE_OUT with
 * the times, the frames painted while scrolling, each list scrolled (its
 * window, rows and height: to check that every row was), and VmHWM/VmRSS
 * (KiB) of the process (with CALBOOK_PROBE_SMAPS set, also the RSS of each
 * mapping: libraries, fonts, files, heap), then quits the application.
 * Nothing here judges a number.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <gtk/gtk.h>

typedef struct
{
  gint64      exec_us;
  double      loaded_ms;
  char       *out_path;
  GStrv       widget_types;
  GStrv       script;
  guint       step;

  double      first_frame_ms;
  double      content_ms;
  double      first_frame_cpu_ms;
  double      content_cpu_ms;
  gboolean    started_script;
  gboolean    finished;

  GPtrArray  *windows;            /* toplevels whose frame clock we watch (unowned) */
  guint       windows_painted;    /* of those, how many painted a frame */
  guint       waiting_for_window; /* windows_painted to wait for, or 0 */
  GStrv       waiting_for_types;  /* content to wait for, or NULL */
  guint       wait_s;
  guint       wait_timeout_id;

  GPtrArray  *scrolling;          /* GtkAdjustment still to scroll */
  GPtrArray  *scrolling_models;   /* the list model each of those shows */
  GString    *scrolled;           /* JSON: each list scrolled, its rows and height */
  GtkWidget  *scroll_window;      /* the window whose frames pace scrolling */
  guint       scroll_frames;
  double      scroll_pages;       /* pages a frame */
  gint64      scroll_started_us;
  double      scroll_ms;
} Probe;

static Probe probe;

static void run_script (void);

/* Auxiliary methods */

static double
ms_since_exec (void)
{
  return (g_get_real_time () - probe.exec_us) / 1000.0;
}

/* CPU time of the process so far, all threads, user and system */
static double
cpu_ms (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;

  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* Peak resident memory (the kernel's VmHWM) and resident memory now, KiB */
static void
read_memory (guint64 *peak_kib,
             guint64 *rss_kib)
{
  g_autofree char *statm = NULL;
  struct rusage usage;
  guint64 size_pages, resident_pages;

  *peak_kib = *rss_kib = 0;
  if (getrusage (RUSAGE_SELF, &usage) == 0)
    *peak_kib = (guint64) usage.ru_maxrss;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) &&
      sscanf (statm, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &size_pages, &resident_pages) == 2)
    *rss_kib = resident_pages * (guint64) sysconf (_SC_PAGESIZE) / 1024;
}

static int
compare_sizes_descending (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  GHashTable *sizes = user_data;
  guint64 x = *(guint64 *) g_hash_table_lookup (sizes, *(const char **) a);
  guint64 y = *(guint64 *) g_hash_table_lookup (sizes, *(const char **) b);

  return (x < y) - (x > y);
}

/* Where the resident memory is now: RSS (KiB) by mapping, the largest
 * first ("[anon]" for anonymous maps other than the brk heap) */
static void
append_rss_by_mapping (GString *json)
{
  g_autoptr(GHashTable) sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *smaps = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *current = "[anon]";
  GHashTableIter iter;
  gpointer name;

  if (!g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
    return;

  lines = g_strsplit (smaps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_ascii_isxdigit (line[0]) && strchr (line, '-') != NULL && strchr (line, ' ') != NULL)
        {
          /* "start-end perms offset dev inode   path" */
          const char *path = line;

          for (guint field = 0; field < 5 && path != NULL; field++)
            {
              path = strchr (path, ' ');
              if (path != NULL)
                while (*path == ' ')
                  path++;
            }
          current = path != NULL && *path != '\0' ? path : "[anon]";
        }
      else if (g_str_has_prefix (line, "Rss:"))
        {
          guint64 kib = g_ascii_strtoull (line + 4, NULL, 10);
          guint64 *total = g_hash_table_lookup (sizes, current);

          if (total == NULL)
            {
              total = g_new0 (guint64, 1);
              g_hash_table_insert (sizes, g_strdup (current), total);
            }
          *total += kib;
        }
    }

  g_hash_table_iter_init (&iter, sizes);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (names, name);
  g_ptr_array_sort_with_data (names, compare_sizes_descending, sizes);

  g_string_append (json, ", \"rss_by_mapping_kib\": {");
  for (guint i = 0; i < names->len && i < 25; i++)
    {
      g_autofree char *escaped = g_strescape (g_ptr_array_index (names, i), NULL);

      g_string_append_printf (json, "%s\"%s\": %" G_GUINT64_FORMAT, i > 0 ? ", " : "", escaped,
                              *(guint64 *) g_hash_table_lookup (sizes, g_ptr_array_index (names, i)));
    }
  g_string_append (json, "}");
}

static void
finish (const char *error)
{
  g_autoptr(GString) json = g_string_new ("{");
  guint64 peak, rss;
  FILE *out;

  if (probe.finished)
    return;
  probe.finished = TRUE;

  read_memory (&peak, &rss);
  g_string_append_printf (json, "\"loaded_ms\": %.1f, ", probe.loaded_ms);
  g_string_append_printf (json, "\"first_frame_ms\": %.1f, \"content_ms\": %.1f,"
                          " \"scroll_frames\": %u, \"scroll_ms\": %.1f,"
                          " \"peak_rss_kib\": %" G_GUINT64_FORMAT ", \"rss_kib\": %" G_GUINT64_FORMAT,
                          probe.first_frame_ms, probe.content_ms, probe.scroll_frames,
                          probe.scroll_ms, peak, rss);
  g_string_append_printf (json, ", \"first_frame_cpu_ms\": %.1f, \"content_cpu_ms\": %.1f",
                          probe.first_frame_cpu_ms, probe.content_cpu_ms);
  g_string_append_printf (json, ", \"scrolled\": [%s]", probe.scrolled->str);
  if (g_getenv ("CALBOOK_PROBE_SMAPS") != NULL)
    append_rss_by_mapping (json);
  if (error != NULL)
    {
      g_autofree char *escaped = g_strescape (error, NULL);

      g_string_append_printf (json, ", \"error\": \"%s\"", escaped);
    }
  g_string_append (json, "}\n");

  out = fopen (probe.out_path, "a");
  if (out != NULL)
    {
      fputs (json->str, out);
      fclose (out);
    }

  if (g_application_get_default () != NULL)
    g_application_quit (g_application_get_default ());
  else
    exit (EXIT_SUCCESS);
}

/* The screen as the X server has it now, into CALBOOK_PROBE_SHOTS/NAME */
static void
save_shot (GtkWidget  *window,
           const char *name)
{
  const char *folder = g_getenv ("CALBOOK_PROBE_SHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  if (folder == NULL)
    return;

  gdk_display_sync (gtk_widget_get_display (window));
  path = g_build_filename (folder, name, NULL);
  argv[3] = path;
  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, &error))
    g_printerr ("bench-gui-probe: import: %s\n", error->message);
}

static gboolean
has_booking_or_no_such_property (GtkWidget *widget)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "booking");
  g_autoptr(GObject) booking = NULL;

  if (pspec == NULL || !G_IS_PARAM_SPEC_OBJECT (pspec))
    return TRUE;

  g_object_get (widget, "booking", &booking, NULL);
  return booking != NULL;
}

static gboolean
is_content_type (GtkWidget  *widget,
                 GStrv       types)
{
  for (guint i = 0; types[i] != NULL; i++)
    {
      GType type = g_type_from_name (types[i]);

      if (type != 0 && g_type_is_a (G_OBJECT_TYPE (widget), type))
        return TRUE;
    }

  return FALSE;
}

/* Whether @widget or a descendant, of one of @types, is drawn inside @window */
static gboolean
shows_content (GtkWidget *widget,
               GtkWidget *window,
               GStrv      types)
{
  graphene_rect_t bounds;
  graphene_rect_t window_bounds;

  if (!gtk_widget_is_drawable (widget) || gtk_widget_get_opacity (widget) <= 0)
    return FALSE;

  /* What a stack is still fading or sliding in, or a revealer still
   * revealing, is drawn only in part: the first frame of a crossfade draws
   * the new page all but transparent, the old one (a spinner) over it */
  if ((GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget))) ||
      (GTK_IS_REVEALER (widget) && !gtk_revealer_get_child_revealed (GTK_REVEALER (widget))))
    return FALSE;

  if (is_content_type (widget, types) &&
      gtk_widget_compute_bounds (widget, window, &bounds) &&
      bounds.size.width > 0 && bounds.size.height > 0 &&
      gtk_widget_compute_bounds (window, window, &window_bounds) &&
      graphene_rect_intersection (&bounds, &window_bounds, NULL) &&
      has_booking_or_no_such_property (widget))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_content (child, window, types))
      return TRUE;

  return FALSE;
}

static GtkWidget *
newest_window (void)
{
  for (guint i = probe.windows->len; i > 0; i--)
    if (gtk_widget_get_mapped (g_ptr_array_index (probe.windows, i - 1)))
      return g_ptr_array_index (probe.windows, i - 1);

  return NULL;
}

/* Every list or column view's vertical adjustment under @widget, and the
 * model each shows */
static void
collect_lists (GtkWidget *widget,
               GPtrArray *adjustments,
               GPtrArray *models)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LIST_VIEW (widget) || GTK_IS_COLUMN_VIEW (widget))
    {
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));

      if (GTK_IS_COLUMN_VIEW (widget))
        {
          /* A column view scrolls an inner list view */
          for (GtkWidget *child = gtk_widget_get_first_child (widget);
               child != NULL;
               child = gtk_widget_get_next_sibling (child))
            if (GTK_IS_LIST_VIEW (child))
              adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (child));
        }

      if (adjustment != NULL)
        {
          GListModel *model = GTK_IS_COLUMN_VIEW (widget)
                                ? G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (widget)))
                                : G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (widget)));

          g_ptr_array_add (adjustments, g_object_ref (adjustment));
          g_ptr_array_add (models, model != NULL ? g_object_ref (model) : NULL);
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_lists (child, adjustments, models);
}

/* One page further down the first adjustment not at its end; FALSE when
 * every one is at its end */
static gboolean
scroll_one_page (void)
{
  while (probe.scrolling->len > 0)
    {
      GtkAdjustment *adjustment = g_ptr_array_index (probe.scrolling, 0);
      double value = gtk_adjustment_get_value (adjustment);
      double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

      if (value < end - 0.5)
        {
          double step = probe.scroll_pages * MAX (gtk_adjustment_get_page_size (adjustment), 1);

          gtk_adjustment_set_value (adjustment, MIN (value + step, end));
          return TRUE;
        }

      g_printerr ("bench-gui-probe: scrolled a %s to its end (%.0f px)\n",
                  G_OBJECT_TYPE_NAME (probe.scroll_window), end);
      /* What was scrolled over, to check it was every row */
      g_string_append_printf (probe.scrolled, "%s{\"window\": \"%s\", \"rows\": %u, \"px\": %.0f}",
                              probe.scrolled->len > 0 ? ", " : "",
                              G_OBJECT_TYPE_NAME (probe.scroll_window),
                              g_ptr_array_index (probe.scrolling_models, 0) != NULL
                                ? g_list_model_get_n_items (g_ptr_array_index (probe.scrolling_models, 0)) : 0,
                              gtk_adjustment_get_upper (adjustment));
      g_ptr_array_remove_index (probe.scrolling, 0);
      g_ptr_array_remove_index (probe.scrolling_models, 0);
    }

  return FALSE;
}

static void
free_object (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
start_scrolling (void)
{
  probe.scrolling = g_ptr_array_new_with_free_func (g_object_unref);
  g_clear_pointer (&probe.scrolling_models, g_ptr_array_unref);
  probe.scrolling_models = g_ptr_array_new_with_free_func (free_object);
  probe.scroll_window = newest_window ();
  if (probe.scroll_window != NULL)
    collect_lists (probe.scroll_window, probe.scrolling, probe.scrolling_models);

  g_printerr ("bench-gui-probe: scrolling %u list(s) of a %s\n", probe.scrolling->len,
              probe.scroll_window != NULL ? G_OBJECT_TYPE_NAME (probe.scroll_window) : "(no window)");
  probe.scroll_started_us = g_get_monotonic_time ();
  if (probe.scroll_window == NULL || !scroll_one_page ())
    {
      g_clear_pointer (&probe.scrolling, g_ptr_array_unref);
      return;
    }
  /* The next step comes at the end of the frame that drew this one */
  gtk_widget_queue_draw (probe.scroll_window);
}

static void
activate_action (const char *name,
                 const char *parameter_text)
{
  g_autoptr(GVariant) parameter = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = newest_window ();

  if (parameter_text != NULL && parameter_text[0] != '\0')
    {
      parameter = g_variant_parse (NULL, parameter_text, NULL, NULL, &error);
      if (parameter == NULL)
        {
          g_printerr ("bench-gui-probe: %s: %s\n", parameter_text, error->message);
          return;
        }
    }

  if (g_str_has_prefix (name, "app.") && g_application_get_default () != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()),
                                    name + 4, g_steal_pointer (&parameter));
  else if (window == NULL ||
           !gtk_widget_activate_action_variant (window, name, g_steal_pointer (&parameter)))
    g_printerr ("bench-gui-probe: no action %s\n", name);
}

static gboolean
on_wait_timeout_cb (gpointer user_data)
{
  g_autofree char *message = g_strdup_printf ("timed out: %s", (const char *) user_data);

  probe.wait_timeout_id = 0;
  finish (message);
  return G_SOURCE_REMOVE;
}

static void
on_hold_over_cb (gpointer user_data)
{
  run_script ();
}

/* A wait that never ends (nothing to show, nothing painted) ends the run */
static void
start_wait_timeout (const char *step)
{
  g_clear_handle_id (&probe.wait_timeout_id, g_source_remove);
  probe.wait_timeout_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, probe.wait_s,
                                                      on_wait_timeout_cb, g_strdup (step), g_free);
}

/* Runs script steps until one has to wait for frames */
static void
run_script (void)
{
  g_clear_handle_id (&probe.wait_timeout_id, g_source_remove);

  while (probe.script != NULL && probe.script[probe.step] != NULL)
    {
      g_autofree char *step = g_strstrip (g_strdup (probe.script[probe.step++]));
      g_auto(GStrv) words = g_strsplit (step, " ", 3);

      if (words[0] == NULL)
        continue;

      if (g_str_equal (words[0], "action") && words[1] != NULL)
        {
          activate_action (words[1], words[2]);
        }
      else if (g_str_equal (words[0], "wait-window"))
        {
          probe.waiting_for_window = probe.windows_painted + 1;
          start_wait_timeout (step);
          return;
        }
      else if (g_str_equal (words[0], "wait-content") && words[1] != NULL)
        {
          probe.waiting_for_types = g_strsplit (words[1], ",", -1);
          start_wait_timeout (step);
          /* What is on screen already counts: ask for a frame to look at it */
          for (guint i = 0; i < probe.windows->len; i++)
            gtk_widget_queue_draw (g_ptr_array_index (probe.windows, i));
          return;
        }
      else if (g_str_equal (words[0], "hold") && words[1] != NULL)
        {
          g_timeout_add_once ((guint) g_ascii_strtoull (words[1], NULL, 10) * 1000,
                              on_hold_over_cb, NULL);
          return;
        }
      else if (g_str_equal (words[0], "scroll"))
        {
          start_scrolling ();
          if (probe.scrolling != NULL)
            return;
        }
      else
        {
          g_printerr ("bench-gui-probe: unknown step “%s”\n", step);
          finish ("unknown script step");
          return;
        }
    }

  finish (NULL);
}

/* Callbacks */

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   GtkWidget     *window)
{
  gboolean first_of_window = g_object_get_data (G_OBJECT (window), "bench-gui-painted") == NULL;

  if (probe.finished || !gtk_widget_get_mapped (window) ||
      gtk_widget_get_width (window) <= 0 || gtk_widget_get_height (window) <= 0)
    return;

  if (first_of_window)
    {
      g_object_set_data (G_OBJECT (window), "bench-gui-painted", GINT_TO_POINTER (1));
      probe.windows_painted++;
    }

  if (probe.first_frame_ms < 0)
    {
      probe.first_frame_ms = ms_since_exec ();
      probe.first_frame_cpu_ms = cpu_ms ();
      save_shot (window, "first-frame.png");
    }

  if (probe.content_ms < 0)
    {
      if (probe.widget_types == NULL || shows_content (window, window, probe.widget_types))
        {
          probe.content_ms = ms_since_exec ();
          probe.content_cpu_ms = cpu_ms ();
        }
      else
        return;
      save_shot (window, "content.png");
    }

  if (!probe.started_script)
    {
      probe.started_script = TRUE;
      g_clear_handle_id (&probe.wait_timeout_id, g_source_remove);
      run_script ();
      return;
    }

  if (probe.waiting_for_window > 0 && probe.windows_painted >= probe.waiting_for_window)
    {
      probe.waiting_for_window = 0;
      run_script ();
      return;
    }

  if (probe.waiting_for_types != NULL && shows_content (window, window, probe.waiting_for_types))
    {
      g_clear_pointer (&probe.waiting_for_types, g_strfreev);
      run_script ();
      return;
    }

  if (probe.scrolling != NULL && window == probe.scroll_window)
    {
      probe.scroll_frames++;
      if (scroll_one_page ())
        {
          gtk_widget_queue_draw (window);
          return;
        }
      g_clear_pointer (&probe.scrolling, g_ptr_array_unref);
      probe.scroll_ms += (g_get_monotonic_time () - probe.scroll_started_us) / 1000.0;
      run_script ();
    }
}

static void
on_window_finalized_cb (gpointer  user_data,
                        GObject  *where_the_window_was)
{
  g_ptr_array_remove (probe.windows, where_the_window_was);
  if (probe.scroll_window == (GtkWidget *) where_the_window_was)
    {
      probe.scroll_window = NULL;
      g_clear_pointer (&probe.scrolling, g_ptr_array_unref);
      finish ("the scrolled window was closed");
    }
}

static void
watch_window (GtkWidget *window)
{
  GdkFrameClock *frame_clock;

  if (g_ptr_array_find (probe.windows, window, NULL) || !gtk_widget_get_realized (window))
    return;

  frame_clock = gtk_widget_get_frame_clock (window);
  if (frame_clock == NULL)
    return;

  g_ptr_array_add (probe.windows, window);
  g_object_weak_ref (G_OBJECT (window), on_window_finalized_cb, NULL);
  g_signal_connect_object (frame_clock, "after-paint", G_CALLBACK (on_after_paint_cb), window, 0);
}

static gboolean
on_widget_map_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);

  if (GTK_IS_WINDOW (object))
    watch_window (GTK_WIDGET (object));

  return TRUE;
}

/* The first main-loop iteration: windows may already be mapped (activate
 * runs before the loop) but none has painted yet */
static gboolean
on_first_idle_cb (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  start_wait_timeout ("the first frame with content");

  g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                              on_widget_map_hook, NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_mapped (window))
        watch_window (window);
    }

  return G_SOURCE_REMOVE;
}

__attribute__((constructor)) static void
bench_gui_probe_init (void)
{
  const char *exec_us = g_getenv ("CALBOOK_PROBE_EXEC_US");
  const char *out_path = g_getenv ("CALBOOK_PROBE_OUT");
  const char *widgets = g_getenv ("CALBOOK_PROBE_WIDGETS");
  const char *script = g_getenv ("CALBOOK_PROBE_SCRIPT");

  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_name = exe != NULL ? g_path_get_basename (exe) : NULL;

  /* Only the program measured: not a wrapper it runs under (a profiler's
   * shell script), which must pass LD_PRELOAD on */
  if (out_path == NULL || exec_us == NULL ||
      g_strcmp0 (exe_name, g_getenv ("CALBOOK_PROBE_TARGET")) != 0)
    return;

  /* Programs the measured one starts (helpers) are not probed */
  g_unsetenv ("LD_PRELOAD");

  probe.exec_us = g_ascii_strtoll (exec_us, NULL, 10);
  probe.loaded_ms = ms_since_exec ();
  probe.out_path = g_strdup (out_path);
  probe.widget_types = widgets != NULL && widgets[0] != '\0' ? g_strsplit (widgets, ",", -1) : NULL;
  probe.script = script != NULL && script[0] != '\0' ? g_strsplit (script, ";", -1) : NULL;
  probe.first_frame_ms = probe.content_ms = -1;
  probe.first_frame_cpu_ms = probe.content_cpu_ms = -1;
  probe.windows = g_ptr_array_new ();
  probe.scrolled = g_string_new (NULL);
  probe.scroll_pages = g_getenv ("CALBOOK_PROBE_SCROLL_PAGES") != NULL
                         ? g_ascii_strtod (g_getenv ("CALBOOK_PROBE_SCROLL_PAGES"), NULL) : 1;
  if (probe.scroll_pages <= 0)
    probe.scroll_pages = 1;
  probe.wait_s = g_getenv ("CALBOOK_PROBE_WAIT_S") != NULL
                   ? (guint) g_ascii_strtoull (g_getenv ("CALBOOK_PROBE_WAIT_S"), NULL, 10) : 120;

  g_idle_add_full (G_PRIORITY_HIGH, on_first_idle_cb, NULL, NULL);
}
