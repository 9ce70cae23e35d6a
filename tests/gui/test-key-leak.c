/* test-key-leak.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gui-test-util.h"
#include "calbook-application-private.h"
#include "calbook-cancel-dialog.h"
#include "calbook-welcome-page-private.h"
#include "calbook-window-private.h"
#include "sandbox-test-util.h"
#include "test-file-scan.h"

/*
 * Where the API key may go, driven through the real window: a full session
 * (the welcome page with the key, the first sync, a cancel sent through the
 * details and its dialog, sign out) with every log message on
 * (G_MESSAGES_DEBUG=all). Afterwards the key is in no file under HOME (the
 * XDG data, config, cache and state folders are there) or /tmp, in no log
 * message and in nothing the process wrote to stdout or stderr. The
 * sandbox has a seed of its own, so the key is one no other test wrote.
 */

#define USERNAME "zoe.odegaard"

static guint64 seed;
static GPtrArray *log_lines;

/* Auxiliary methods */

static GLogWriterOutput
collect_log_cb (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

  g_ptr_array_add (log_lines, g_steal_pointer (&line));

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static char *
key_for_seed (void)
{
  g_autoptr(GError) error = NULL;
  CalbookSandbox *sandbox = calbook_sandbox_new (seed, 0, NULL, &error);
  char *key;

  g_assert_no_error (error);
  key = g_strdup (calbook_sandbox_get_api_key (sandbox, USERNAME));
  g_assert_nonnull (key);
  g_object_unref (sandbox);

  return key;
}

typedef struct
{
  CalbookApplication *app;
  CalbookWelcomePage *page;
} SignInWait;

static gboolean
signed_in_or_failed (gpointer data)
{
  SignInWait *wait = data;

  return gui_test_is_synced (wait->app) ||
         gtk_widget_get_visible (GTK_WIDGET (calbook_welcome_page_get_error_label (wait->page)));
}

static gboolean
outbox_empty (gpointer data)
{
  guint n = 1;

  g_object_get (data, "outbox-count", &n, NULL);

  return n == 0;
}

static gboolean
dialog_shown (gpointer data)
{
  return gui_test_find_toplevel (CALBOOK_TYPE_CANCEL_DIALOG) != NULL;
}

static gboolean
welcome_shown (gpointer data)
{
  return calbook_application_get_context (data) == NULL &&
         g_strcmp0 (calbook_window_get_visible_page (CALBOOK_WINDOW (gui_test_get_window (data))),
                    "welcome") == 0;
}

static void
on_activate_cb (GApplication *application,
                gpointer      user_data)
{
  SandboxFixture *fixture = user_data;
  CalbookApplication *app = CALBOOK_APPLICATION (application);
  CalbookWindow *window = CALBOOK_WINDOW (gui_test_get_window (app));
  CalbookWelcomePage *page = calbook_window_get_welcome_page (window);
  SignInWait sign_in = { app, page };
  g_autoptr(CalbookBooking) booking = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  CalbookContext *context;
  GtkWindow *dialog;

  /* The welcome page, with the key typed in as a person would */
  gui_test_iterate_for (200);
  g_assert_cmpstr (calbook_window_get_visible_page (window), ==, "welcome");
  adw_combo_row_set_selected (calbook_welcome_page_get_server_row (page), 2);
  gtk_editable_set_text (GTK_EDITABLE (calbook_welcome_page_get_url_row (page)), fixture->url);
  gtk_editable_set_text (GTK_EDITABLE (calbook_welcome_page_get_key_row (page)),
                         sandbox_fixture_key (fixture, USERNAME));
  g_signal_emit_by_name (calbook_welcome_page_get_connect_button (page), "clicked");
  gui_test_wait_until (signed_in_or_failed, &sign_in, 90, "the sign-in and first sync");
  g_assert_null (strstr (gtk_label_get_text (calbook_welcome_page_get_error_label (page)), "keyring"));
  context = calbook_application_get_context (app);
  g_assert_nonnull (context);

  /* The scan finds what is there (the remembered profile), but no key */
  {
    g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

    test_find_files_holding (g_get_home_dir (), USERNAME, 0, found);
    g_assert_cmpuint (found->len, >=, 1);
    g_ptr_array_set_size (found, 0);
    test_find_files_holding (g_get_home_dir (), sandbox_fixture_key (fixture, USERNAME), 0, found);
    g_assert_cmpuint (found->len, ==, 0);
  }

  /* An action: a cancel with its reason, through the details and the dialog */
  booking = gui_test_find_own_upcoming (context, NULL);
  calbook_window_show_booking (window, calbook_booking_get_uid (booking));
  gui_test_iterate_for (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calbook_window_get_details (window)),
                                             "booking.cancel", NULL));
  gui_test_wait_until (dialog_shown, NULL, 20, "the cancel dialog");
  dialog = gui_test_find_toplevel (CALBOOK_TYPE_CANCEL_DIALOG);
  gui_test_collect_widgets (dialog, ADW_TYPE_ENTRY_ROW, entries);
  g_assert_cmpuint (entries->len, >=, 1);
  gtk_editable_set_text (g_ptr_array_index (entries, 0), "Moved away");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel-booking");
  gui_test_wait_until (outbox_empty, context, 60, "the cancel to reach the sandbox");

  /* Sign out: the welcome page again */
  g_action_group_activate_action (G_ACTION_GROUP (app), "sign-out", NULL);
  gui_test_wait_until (welcome_shown, app, 60, "the welcome page after signing out");

  g_application_quit (application);
}

/* Tests */

static void
test_gui_session (void)
{
  g_autoptr(GPtrArray) leaks = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *key = NULL;
  gint64 start_us = g_get_real_time ();

  if (g_test_subprocess ())
    {
      g_autoptr(CalbookApplication) app = NULL;
      SandboxFixture *fixture = sandbox_fixture_new (seed, 0);
      const char *argv[] = { "calbook", NULL };
      gboolean sent_cancel = FALSE;

      log_lines = g_ptr_array_new_with_free_func (g_free);
      g_log_set_writer_func (collect_log_cb, NULL, NULL);

      app = calbook_application_new ();
      g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), fixture);
      g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, (char **) argv), ==, 0);
      g_clear_object (&app);

      /* Debug logging was on and wrote plenty, but never the key */
      key = g_strdup (sandbox_fixture_key (fixture, USERNAME));
      g_assert_cmpuint (log_lines->len, >, 10);
      for (guint i = 0; i < log_lines->len; i++)
        {
          const char *line = g_ptr_array_index (log_lines, i);

          g_assert_null (strstr (line, key));
          sent_cancel |= strstr (line, "/cancel -> 200") != NULL;
        }
      g_assert_true (sent_cancel);
      sandbox_fixture_free (fixture);
      return;
    }

  key = key_for_seed ();
  g_test_trap_subprocess (NULL, 240 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  /* Nothing it printed */
  {
    g_autofree char *pattern = g_strdup_printf ("*%s*", key);

    g_test_trap_assert_stdout_unmatched (pattern);
    g_test_trap_assert_stderr_unmatched (pattern);
    /* (GTest prints log messages to stdout as comments) */
    g_test_trap_assert_stdout ("*DEBUG*");
  }

  /* No file: HOME holds the XDG folders (and TMPDIR), /tmp what changed */
  test_find_files_holding (g_get_home_dir (), key, 0, leaks);
  test_find_files_holding ("/tmp", key, start_us, leaks);
  for (guint i = 0; i < leaks->len; i++)
    g_test_message ("API key found in %s", (char *) g_ptr_array_index (leaks, i));
  g_assert_cmpuint (leaks->len, ==, 0);

}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *own_home = NULL;
  const char *seed_text;
  int status;

  /* Every message at every level, as a person debugging would have it */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

  /* A seed of its own (the subprocess gets the parent's) */
  seed_text = g_getenv ("CALBOOK_TEST_KEY_SEED");
  if (seed_text == NULL)
    {
      g_autofree char *text = NULL;

      seed = (guint64) g_get_real_time ();
      text = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
      g_setenv ("CALBOOK_TEST_KEY_SEED", text, TRUE);
    }
  else
    seed = g_ascii_strtoull (seed_text, NULL, 10);

  if (!gui_test_prepare (&argc, &argv, "calbook-test-key-leak-XXXXXX", &own_home))
    return 77;

  g_test_add_func ("/gui/key-leak/full-session", test_gui_session);

  status = g_test_run ();

  if (own_home != NULL)
    gui_test_remove_tree (own_home);

  return status;
}
