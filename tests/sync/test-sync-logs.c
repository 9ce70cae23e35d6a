/* test-sync-logs.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Issue 3: "A test captures all log output of a full sync at debug level
 * and finds no key." Every log line of this process goes through one
 * writer that keeps it; the syncs below (an admin's full and incremental
 * sync through injected server errors, and a member refused with a wrong
 * key) must leave plenty of request lines and not one API key, and the
 * store file must hold no key either.
 */

#include "config.h"

#include "calbook-error.h"
#include "sync-test-util.h"
#include "test-file-scan.h"

static GString *captured;

static GLogWriterOutput
capture_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append (captured, fields[i].value);
      else
        g_string_append_len (captured, fields[i].value, fields[i].length);
      g_string_append_c (captured, ' ');
    }
  g_string_append_c (captured, '\n');

  /* Still show warnings and criticals, so a failing run explains itself */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

static void
test_full_sync_logs_no_key (void)
{
  g_autoptr(CalbookSandbox) sandbox = sync_test_start_sandbox (sync_test_get_seed (), 0);
  g_autoptr(CalbookAccount) account = sync_test_connect (sandbox, "sofia.rossi");
  g_autoptr(CalbookApiClient) client = sync_test_new_client (sandbox, "sofia.rossi");
  g_autoptr(CalbookApiClient) wrong_client = NULL;
  g_autoptr(CalbookSync) sync = NULL;
  g_autoptr(CalbookSync) wrong_sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = sync_test_make_tmpdir ();
  g_autofree char *store_path = g_build_filename (tmpdir, "admin.sqlite3", NULL);
  g_autofree char *wrong_path = g_build_filename (tmpdir, "member.sqlite3", NULL);
  const char *admin_key = calbook_sandbox_get_api_key (sandbox, "sofia.rossi");
  const char *member_key = calbook_sandbox_get_api_key (sandbox, "zoe.odegaard");
  g_autofree char *wrong_key = NULL;
  gsize before;

  g_assert_nonnull (admin_key);
  g_assert_nonnull (member_key);

  before = captured->len;
  sync = calbook_sync_new (account, client, store_path, &error);
  g_assert_no_error (error);

  /* A full sync, then an incremental one through some server errors, so
   * the retry and error paths log too. */
  g_assert_true (sync_test_run_sync (sync, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (calbook_sandbox_set_faults (sandbox, "500=0.3,503=0.1,seed=5", &error));
  g_assert_no_error (error);
  for (guint attempt = 0; attempt < 10; attempt++)
    {
      g_clear_error (&error);
      if (sync_test_run_sync (sync, FALSE, &error))
        break;
    }
  g_assert_no_error (error);
  g_assert_true (calbook_sandbox_set_faults (sandbox, "", &error));
  g_assert_no_error (error);

  /* A key the server refuses: the 401 path must not log it either */
  wrong_key = g_strconcat (member_key, "0", NULL);
  wrong_client = calbook_api_client_new (calbook_sandbox_get_url (sandbox), wrong_key, &error);
  g_assert_no_error (error);
  wrong_sync = calbook_sync_new (account, wrong_client, wrong_path, &error);
  g_assert_no_error (error);
  g_assert_false (sync_test_run_sync (wrong_sync, TRUE, &error));
  g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, wrong_key));

  /* The capture really saw the requests... */
  g_assert_cmpuint (captured->len, >, before);
  g_assert_nonnull (strstr (captured->str + before, "/v2/organizations/"));
  g_assert_nonnull (strstr (captured->str + before, "401"));

  /* ...and no key, nor the unmistakable start of one */
  g_assert_null (strstr (captured->str, admin_key));
  g_assert_null (strstr (captured->str, member_key));
  g_assert_null (strstr (captured->str, wrong_key));
  g_assert_null (strstr (captured->str, "cal_test_"));

  g_assert_false (test_file_contains (store_path, admin_key));
  g_assert_false (test_file_contains (wrong_path, wrong_key));

  g_clear_object (&sync);
  g_clear_object (&wrong_sync);
  sync_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  /* Debug level for every domain, into our writer, before anything logs */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured = g_string_new (NULL);
  g_log_set_writer_func (capture_log_writer, NULL, NULL);
  g_log_set_debug_enabled (TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/logs/no-key", test_full_sync_logs_no_key);

  return g_test_run ();
}
