/* test-security.c: where the API key may go, and where it may not
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "calbook-account.h"
#include "calbook-api-client.h"
#include "calbook-mutation.h"
#include "calbook-store.h"
#include "sandbox-test-util.h"
#include "test-file-scan.h"

static GPtrArray *log_lines;
static gint64 test_start_us;

/* Auxiliary methods */

/* Every message at every level, debug included, whatever G_MESSAGES_DEBUG says */
static GLogWriterOutput
collect_log_cb (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

  g_ptr_array_add (log_lines, g_strdup (line));
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wait->result;
}

static void
on_redirect_request_cb (SoupServer        *server,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  const char *target = user_data;
  g_autofree char *location = g_strconcat (target, path, NULL);
  guint status = g_str_has_suffix (path, "/me") ? 307 : 302;

  soup_server_message_set_redirect (msg, status, location);
}

static void
on_target_request_cb (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  GPtrArray *seen = user_data;
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");

  g_ptr_array_add (seen, g_strdup (auth != NULL ? auth : "(none)"));
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"status\":\"success\",\"data\":{}}", 31);
}

static char *
listen_local (SoupServer *server)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *url;

  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return url;
}

/* Tests */

static void
test_plain_http_refused (void)
{
  static const char * const refused[] = {
    "http://api.cal.com", "http://example.com/v2", "HTTP://Example.com:80", "http://10.0.0.7:5555",
    "http://192.0.2.1", "http://localhost.example.com", "ftp://api.cal.com", "api.cal.com",
  };
  static const char * const allowed[] = {
    "https://api.cal.com", "https://cal.example.org/v2", "http://127.0.0.1:5555", "http://localhost:8080",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CalbookApiClient) client = calbook_api_client_new (refused[i], "cal_test_secret", &error);

      g_test_message ("refused: %s", refused[i]);
      g_assert_null (client);
      g_assert_nonnull (error);
      /* The message names the address, never the key */
      g_assert_null (strstr (error->message, "cal_test_secret"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CalbookApiClient) client = calbook_api_client_new (allowed[i], "cal_test_secret", &error);

      g_test_message ("allowed: %s", allowed[i]);
      g_assert_no_error (error);
      g_assert_nonnull (client);
    }
}

/* A server that sends the client elsewhere never gets the key sent on */
static void
test_redirect_not_followed (void)
{
  g_autoptr(SoupServer) target = soup_server_new (NULL, NULL);
  g_autoptr(SoupServer) redirector = soup_server_new (NULL, NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *target_url = listen_local (target);
  g_autofree char *redirector_url = NULL;
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) me = NULL;
  g_autoptr(JsonNode) booking = NULL;
  Wait me_wait = { NULL };
  Wait get_wait = { NULL };

  soup_server_add_handler (target, NULL, on_target_request_cb, seen, NULL);
  soup_server_add_handler (redirector, NULL, on_redirect_request_cb, target_url, NULL);
  redirector_url = listen_local (redirector);

  client = calbook_api_client_new (redirector_url, "cal_test_never_sent_on", &error);
  g_assert_no_error (error);

  calbook_api_client_get_me_async (client, NULL, on_done_cb, &me_wait);
  me = calbook_api_client_get_me_finish (client, wait_for (&me_wait), &error);
  g_assert_null (me);
  g_assert_nonnull (error);
  g_clear_error (&error);

  calbook_api_client_get_booking_async (client, "abc", NULL, on_done_cb, &get_wait);
  booking = calbook_api_client_get_booking_finish (client, wait_for (&get_wait), &error);
  g_assert_null (booking);
  g_assert_nonnull (error);

  /* The redirect target heard nothing at all */
  g_assert_cmpuint (seen->len, ==, 0);
  g_clear_object (&me_wait.result);
  g_clear_object (&get_wait.result);
}

/* Sign in, read, change, sign out: afterwards the key is in no file of the
 * XDG folders or /tmp and in no log line at any level */
static void
test_key_in_no_file_or_log (void)
{
  g_autoptr(SandboxFixture) fixture = NULL;
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(CalbookApiPage) page = NULL;
  g_autoptr(JsonNode) changed = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) leaks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  CalbookApiBookingQuery query = { .take = 50, .status = "upcoming" };
  Wait sign_in = { NULL };
  Wait list = { NULL };
  Wait mutate = { NULL };
  Wait sign_out = { NULL };
  const char *folders[] = {
    g_get_user_data_dir (), g_get_user_config_dir (), g_get_user_cache_dir (), g_get_user_state_dir (),
  };
  const char *uid = NULL;

  /* A seed of its own: a key no other test has written anywhere */
  fixture = sandbox_fixture_new ((guint64) g_get_real_time (), 0);
  key = g_strdup (sandbox_fixture_key (fixture, "zoe.odegaard"));

  calbook_account_sign_in_async (fixture->url, key, NULL, on_done_cb, &sign_in);
  account = calbook_account_sign_in_finish (wait_for (&sign_in), &error);
  g_assert_no_error (error);

  client = calbook_api_client_new (fixture->url, key, &error);
  g_assert_no_error (error);
  calbook_api_client_list_bookings_async (client, 0, &query, NULL, on_done_cb, &list);
  page = calbook_api_client_list_bookings_finish (client, wait_for (&list), &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);

  for (guint i = 0; uid == NULL && i < page->items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (page->items, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, "status", ""), "accepted") == 0 &&
          !json_object_has_member (item, "recurringBookingUid"))
        uid = json_object_get_string_member (item, "uid");
    }
  g_assert_nonnull (uid);
  body = calbook_mutation_build_cancel_body ("Moved away", FALSE);
  calbook_api_client_mutate_booking_async (client, "cancel", uid, body, NULL, on_done_cb, &mutate);
  changed = calbook_api_client_mutate_booking_finish (client, wait_for (&mutate), &error);
  g_assert_no_error (error);

  /* The scan finds what is there: the profile remembers the e-mail */
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    test_find_files_holding (folders[i], "zoe.odegaard", 0, leaks);
  g_assert_cmpuint (leaks->len, >=, 1);
  g_ptr_array_set_size (leaks, 0);

  /* Signed in, and after signing out */
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    test_find_files_holding (folders[i], key, 0, leaks);
  g_assert_cmpuint (leaks->len, ==, 0);

  calbook_account_sign_out_async (account, FALSE, NULL, on_done_cb, &sign_out);
  g_assert_true (calbook_account_sign_out_finish (account, wait_for (&sign_out), &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    test_find_files_holding (folders[i], key, 0, leaks);
  test_find_files_holding (g_get_tmp_dir (), key, test_start_us, leaks);
  for (guint i = 0; i < leaks->len; i++)
    g_test_message ("API key found in %s", (char *) g_ptr_array_index (leaks, i));
  g_assert_cmpuint (leaks->len, ==, 0);

  /* Debug logging was on and wrote requests, but never the key */
  g_assert_cmpuint (log_lines->len, >, 0);
  for (guint i = 0; i < log_lines->len; i++)
    g_assert_null (strstr (g_ptr_array_index (log_lines, i), key));

  g_clear_object (&sign_in.result);
  g_clear_object (&list.result);
  g_clear_object (&mutate.result);
  g_clear_object (&sign_out.result);
}

/* A store that is not one (damaged, or someone else's file) is refused and
 * left byte for byte as it was, with no -wal or -shm made beside it */
static void
test_damaged_store_untouched (void)
{
#define BYTES(text) { text, sizeof text - 1 }
  static const struct { const char *data; gsize length; } contents[] = {
    BYTES ("SQLite format 3\0 but then nothing of the kind"),
    BYTES ("\x89PNG\r\n\x1a\n not a database either"),
    BYTES (""),
  };
#undef BYTES
  g_autofree char *dir = g_dir_make_tmp ("calbook-store-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/damaged-%u.sqlite3", dir, i);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_autofree char *after = NULL;
      g_autoptr(CalbookStore) store = NULL;
      g_autoptr(GError) error = NULL;
      gsize written = contents[i].length;
      gsize length;

      g_assert_true (g_file_set_contents (path, contents[i].data, (gssize) written, NULL));
      store = calbook_store_open (path, &error);
      if (written == 0)
        {
          /* An empty file is a new store: nothing to keep */
          g_assert_no_error (error);
          continue;
        }
      g_assert_null (store);
      g_assert_nonnull (error);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_get_contents (path, &after, &length, NULL));
      g_assert_cmpuint (length, ==, written);
      g_assert_cmpmem (after, length, contents[i].data, written);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;

  /* Fresh XDG folders, so that everything found there is this test's */
  home = g_dir_make_tmp ("calbook-security-XXXXXX", NULL);
  g_assert_nonnull (home);
  for (guint i = 0; i < 4; i++)
    {
      static const char * const vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

  test_start_us = g_get_real_time ();
  log_lines = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (collect_log_cb, NULL, NULL);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/security/plain-http-refused", test_plain_http_refused);
  g_test_add_func ("/security/redirect-not-followed", test_redirect_not_followed);
  g_test_add_func ("/security/key-in-no-file-or-log", test_key_in_no_file_or_log);
  g_test_add_func ("/security/damaged-store-untouched", test_damaged_store_untouched);

  return g_test_run ();
}
