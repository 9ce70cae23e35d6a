/* test-translation.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "gui-test-util.h"
#include "calbook-application-private.h"
#include "calbook-window-private.h"

/*
 * The demo in German, the way a German desktop runs it: LANGUAGE=de with a
 * real de_DE.UTF-8 locale (built with localedef into the build folder, as
 * the test machines have no locales generated), the catalogue from the
 * build. Every text the window shows must be German, dates included.
 */

#define GERMAN_LOCALE "de_DE.UTF-8"

static GRegex *english_weekday;
static GRegex *german_weekday;

/* Auxiliary methods */

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
      g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
is_synced (gpointer data)
{
  CalbookContext *context = calbook_application_get_context (data);
  CalbookWindow *window = gui_test_get_window (data);
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  gboolean syncing = TRUE;
  gboolean has_date = FALSE;

  if (context == NULL || window == NULL ||
      g_strcmp0 (calbook_window_get_visible_page (window), "bookings") != 0)
    return FALSE;

  g_object_get (context, "syncing", &syncing, NULL);
  if (syncing || calbook_store_count_bookings (calbook_context_get_store (context), filter,
                                               NULL) == 0)
    return FALSE;

  /* Shown, too: the bookings' days are on screen */
  collect_texts (GTK_WIDGET (window), texts);
  for (guint i = 0; i < texts->len && !has_date; i++)
    has_date = g_regex_match (german_weekday, g_ptr_array_index (texts, i), 0, NULL) ||
               g_regex_match (english_weekday, g_ptr_array_index (texts, i), 0, NULL);

  return has_date;
}

/* Callbacks */

static void
on_demo_activate_cb (GApplication *app,
                     gpointer      user_data)
{
  const char *known[] = { "Bookings", "Confirmed", "Pending", "Upcoming", "Today",
                          "Tomorrow", "Main Menu", "Refresh" };
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  CalbookWindow *window;
  guint n_known = 0;
  gboolean german_date = FALSE;

  gui_test_wait_until (is_synced, app, 120, "the demo's bookings on screen");
  window = gui_test_get_window (app);
  collect_texts (GTK_WIDGET (window), texts);
  gui_test_take_window_shot (window, "window-de");

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      const char *translated = g_dgettext (GETTEXT_PACKAGE, text);

      /* An English text of Calbook's catalogue on screen is a string the
       * code shows without looking it up */
      if (translated != text && g_strcmp0 (translated, text) != 0)
        g_error ("The window shows “%s” in English (German: “%s”)", text, translated);

      /* Dates in the German locale, not in English */
      if (g_regex_match (english_weekday, text, 0, NULL))
        g_error ("The window shows an English date: “%s”", text);
      german_date |= g_regex_match (german_weekday, text, 0, NULL);
    }

  /* And the German texts are there */
  for (guint k = 0; k < G_N_ELEMENTS (known); k++)
    {
      const char *german = g_dgettext (GETTEXT_PACKAGE, known[k]);

      for (guint i = 0; i < texts->len; i++)
        if (g_strcmp0 (g_ptr_array_index (texts, i), german) == 0)
          {
            n_known++;
            break;
          }
    }

  g_assert_cmpuint (n_known, >=, 2);
  g_assert_true (german_date);

  g_application_quit (app);
}

/* Tests */

static void
test_german_window (void)
{
  g_autoptr(CalbookApplication) app = NULL;
  const char *argv[] = { "calbook", "--demo", NULL };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 180 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  /* The catalogue is the build's, compiled from po/de.po */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Confirmed"), !=, "Confirmed");

  app = calbook_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_demo_activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 2, (char **) argv), ==, 0);
}

/* A de_DE.UTF-8 locale in the build folder, from the system's locale
 * sources; FALSE when they are not installed (Debian: locales) */
static gboolean
prepare_german_locale (const char *build_dir)
{
  g_autofree char *locpath = g_build_filename (build_dir, "tests", "gui", "locale", NULL);
  g_autofree char *target = g_build_filename (locpath, GERMAN_LOCALE, NULL);
  g_autofree char *lc_time = g_build_filename (target, "LC_TIME", NULL);

  if (!g_file_test (lc_time, G_FILE_TEST_EXISTS))
    {
      const char *argv[] = { "localedef", "-c", "-i", "de_DE", "-f", "UTF-8", target, NULL };
      int status = 0;

      g_mkdir_with_parents (locpath, 0755);
      if (!g_spawn_sync (NULL, (char **) argv, NULL,
                         G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                         G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, NULL) ||
          !g_file_test (lc_time, G_FILE_TEST_EXISTS))
        return FALSE;
    }

  g_setenv ("LOCPATH", locpath, TRUE);
  g_setenv ("LC_ALL", GERMAN_LOCALE, TRUE);
  g_setenv ("LANG", GERMAN_LOCALE, TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  const char *build_dir = g_getenv ("CALBOOK_BUILD_DIR");
  g_autofree char *po_dir = NULL;
  g_autofree char *own_home = NULL;
  int status;

  if (build_dir == NULL || !prepare_german_locale (build_dir))
    {
      g_print ("SKIP: no German locale could be made (needs localedef and the locales "
               "package's sources)\n");
      return 77;
    }

  po_dir = g_build_filename (build_dir, "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!gui_test_prepare (&argc, &argv, "calbook-test-translation-XXXXXX", &own_home))
    return 77;

  /* gtk_test_init() fixes the locale to C for tests: back to the German one */
  g_assert_cmpstr (setlocale (LC_ALL, ""), ==, GERMAN_LOCALE);

  /* A day as the window writes it — "Tue 3 Dec", "Tuesday 3 December" or a
   * weekday alone above the week ("Tue"); German "Di, 3. Dez", "Dienstag,
   * 3. Dezember", "Di" — but not a name such as "Thu Hà" in a title */
  english_weekday = g_regex_new ("\\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                                 "Mon|Tue|Wed|Thu|Fri|Sat|Sun),? \\d{1,2}\\b|"
                                 "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)$", 0, 0, NULL);
  german_weekday = g_regex_new ("\\b(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|"
                                "Mo|Di|Mi|Do|Fr|Sa|So)\\.?,? \\d{1,2}\\b|"
                                "^(Mo|Di|Mi|Do|Fr|Sa|So)\\.?$|\\b(Heute|Morgen|Gestern) · ",
                                0, 0, NULL);

  g_test_add_func ("/translation/german-window", test_german_window);

  status = g_test_run ();

  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
