/* test-api-tls.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A server whose certificate nobody trusts: the client must refuse it with
 * CALBOOK_API_ERROR_TLS, never accept it. The certificate is made at test
 * time with openssl; without openssl (or without a TLS backend) the test is
 * skipped with exit status 77.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "api-test-util.h"

#define TEST_KEY "cal_test_tls_k3y_never_logged"

static char *tmp_dir;

static gboolean
make_certificate (const char  *dir,
                  GError     **error)
{
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  const char *argv[] = {
    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", NULL
  };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, error))
    return FALSE;

  return g_spawn_check_wait_status (status, error);
}

static void
on_server_request_cb (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  guint *n_requests = user_data;
  static const char body[] = "{\"status\":\"success\",\"data\":{}}";

  (*n_requests)++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    body, strlen (body));
}

static void
test_untrusted_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) api_error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(CalbookApiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) me = NULL;
  g_autofree char *cert_path = g_build_filename (tmp_dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (tmp_dir, "key.pem", NULL);
  g_autofree char *url = NULL;
  guint n_requests = 0;
  GSList *uris;

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, on_server_request_cb, &n_requests, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = calbook_api_client_new (url, TEST_KEY, &error);
  g_assert_no_error (error);

  calbook_api_client_get_me_async (client, NULL, api_test_store_result_cb, &result);
  me = calbook_api_client_get_me_finish (client, api_test_wait (&result), &api_error);

  g_assert_null (me);
  g_assert_error (api_error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_TLS);
  g_assert_nonnull (strstr (api_error->message, "isn't trusted"));
  g_assert_false (calbook_api_error_is_transient (api_error));

  /* No request got through, and a TLS failure is not retried */
  g_assert_cmpuint (n_requests, ==, 0);
  g_assert_cmpuint (api_test_count_in_logs ("GET /v2/me failed after"), ==, 1);
  g_assert_null (strstr (api_test_get_logs (), TEST_KEY));

  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  int status;

  api_test_capture_logs ();
  g_test_init (&argc, &argv, NULL);

  if (openssl == NULL)
    {
      g_printerr ("SKIP: openssl is not installed, so no certificate can be made\n");
      return 77;
    }

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_printerr ("SKIP: GIO has no TLS backend (glib-networking is missing)\n");
      return 77;
    }

  tmp_dir = g_dir_make_tmp ("calbook-api-tls-XXXXXX", &error);
  g_assert_no_error (error);
  if (!make_certificate (tmp_dir, &error))
    {
      g_printerr ("SKIP: openssl could not make a certificate: %s\n", error->message);
      g_rmdir (tmp_dir);
      return 77;
    }

  g_test_add_func ("/api/tls/untrusted-certificate", test_untrusted_certificate);
  status = g_test_run ();

  cert_path = g_build_filename (tmp_dir, "cert.pem", NULL);
  key_path = g_build_filename (tmp_dir, "key.pem", NULL);
  g_unlink (cert_path);
  g_unlink (key_path);
  g_rmdir (tmp_dir);
  g_free (tmp_dir);

  return status;
}
