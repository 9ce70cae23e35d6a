/* test-sandbox-context.c: the sandbox on the caller's main context, as
 * `calbook --demo` runs it, with an asynchronous libsoup client
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

typedef struct
{
  GMainLoop *loop;
  GBytes    *body;
  GError    *error;
  guint      status;
} Exchange;

/* Callbacks */

static void
on_session_send_and_read_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  Exchange *exchange = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  exchange->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &exchange->error);
  exchange->status = soup_message_get_status (msg);
  g_main_loop_quit (exchange->loop);
}

/* Auxiliary methods */

static guint
request_async (GMainContext *context,
               const char   *uri,
               const char   *key,
               GBytes      **out_body,
               GError      **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  Exchange exchange = { loop, NULL, NULL, 0 };

  if (key != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", key);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "cal-api-version", V_BOOKINGS);

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_session_send_and_read_cb, &exchange);
  g_main_loop_run (loop);

  if (out_body != NULL)
    *out_body = exchange.body;
  else
    g_clear_pointer (&exchange.body, g_bytes_unref);
  if (exchange.error != NULL)
    g_propagate_error (error, exchange.error);

  return exchange.status;
}

/* Tests */

static void
test_thread_default_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(CalbookSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *info = NULL;

  sandbox = calbook_sandbox_new (2, 0, NULL, &error);
  g_assert_no_error (error);

  /* Serves from the context that is thread-default when listening */
  g_main_context_push_thread_default (context);
  g_assert_true (calbook_sandbox_listen (sandbox, 0, &error));
  g_assert_no_error (error);

  info = calbook_sandbox_dup_info_json (sandbox);
  root = json_from_string (info, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "url"), ==, calbook_sandbox_get_url (sandbox));

  uri = g_strconcat (calbook_sandbox_get_url (sandbox), "/v2/bookings?take=3", NULL);
  g_assert_cmpuint (request_async (context, uri, calbook_sandbox_get_api_key (sandbox, "max.mueller"), &body, &error), ==, 200);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "\"returnedItems\":3"));

  /* After shutdown nobody answers */
  calbook_sandbox_shutdown (sandbox);
  request_async (context, uri, NULL, NULL, &error);
  g_assert_nonnull (error);

  g_main_context_pop_thread_default (context);
}

static void
test_port_in_use (void)
{
  g_autoptr(CalbookSandbox) first = calbook_sandbox_new (1, 0, NULL, NULL);
  g_autoptr(CalbookSandbox) second = calbook_sandbox_new (1, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *url;
  guint port;

  g_assert_true (calbook_sandbox_listen (first, 0, &error));
  url = calbook_sandbox_get_url (first);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  port = (guint) g_ascii_strtoull (url + strlen ("http://127.0.0.1:"), NULL, 10);
  g_assert_cmpuint (port, >, 0);

  g_assert_false (calbook_sandbox_listen (second, port, &error));
  g_assert_nonnull (error);
  g_assert_null (calbook_sandbox_get_url (second));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/context/thread-default", test_thread_default_context);
  g_test_add_func ("/sandbox/context/port-in-use", test_port_in_use);

  return g_test_run ();
}
