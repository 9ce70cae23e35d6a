/* sandbox-test-util.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

/* Auxiliary methods */

static gpointer
serve_thread (gpointer data)
{
  SandboxFixture *fixture = data;
  GError *error = NULL;

  g_main_context_push_thread_default (fixture->context);

  if (!calbook_sandbox_listen (fixture->sandbox, 0, &error))
    {
      g_mutex_lock (&fixture->lock);
      fixture->error = error;
      fixture->ready = TRUE;
      g_cond_signal (&fixture->cond);
      g_mutex_unlock (&fixture->lock);
      g_main_context_pop_thread_default (fixture->context);
      return NULL;
    }

  g_mutex_lock (&fixture->lock);
  fixture->ready = TRUE;
  g_cond_signal (&fixture->cond);
  g_mutex_unlock (&fixture->lock);

  g_main_loop_run (fixture->loop);

  calbook_sandbox_shutdown (fixture->sandbox);
  /* Let pending sources (delayed answers) be dispatched and freed */
  while (g_main_context_iteration (fixture->context, FALSE))
    ;
  g_main_context_pop_thread_default (fixture->context);

  return NULL;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Public API */

SandboxFixture *
sandbox_fixture_new (guint64 seed,
                     guint   n_bookings)
{
  g_autoptr(GError) error = NULL;
  CalbookSandbox *sandbox = calbook_sandbox_new (seed, n_bookings, NULL, &error);

  g_assert_no_error (error);
  return sandbox_fixture_new_for (sandbox);
}

/* Serves @sandbox (taken over) from a thread of its own */
SandboxFixture *
sandbox_fixture_new_for (CalbookSandbox *sandbox)
{
  SandboxFixture *fixture = g_new0 (SandboxFixture, 1);

  g_assert_nonnull (sandbox);
  fixture->sandbox = sandbox;
  /* Tests make many requests; the rate-limit tests turn it back on */
  calbook_sandbox_set_rate_limit (fixture->sandbox, 0);

  g_mutex_init (&fixture->lock);
  g_cond_init (&fixture->cond);
  fixture->context = g_main_context_new ();
  fixture->loop = g_main_loop_new (fixture->context, FALSE);
  fixture->thread = g_thread_new ("sandbox", serve_thread, fixture);

  g_mutex_lock (&fixture->lock);
  while (!fixture->ready)
    g_cond_wait (&fixture->cond, &fixture->lock);
  g_mutex_unlock (&fixture->lock);
  g_assert_no_error (fixture->error);

  fixture->url = g_strdup (calbook_sandbox_get_url (fixture->sandbox));
  fixture->session = soup_session_new_with_options ("timeout", 30, NULL);

  return fixture;
}

void
sandbox_fixture_free (SandboxFixture *fixture)
{
  GSource *source;

  if (fixture == NULL)
    return;

  g_clear_object (&fixture->session);

  source = g_idle_source_new ();
  g_source_set_callback (source, quit_loop, fixture->loop, NULL);
  g_source_attach (source, fixture->context);
  g_source_unref (source);
  g_thread_join (fixture->thread);

  g_clear_object (&fixture->sandbox);
  g_main_loop_unref (fixture->loop);
  g_main_context_unref (fixture->context);
  g_mutex_clear (&fixture->lock);
  g_cond_clear (&fixture->cond);
  g_free (fixture->url);
  g_free (fixture);
}

const char *
sandbox_fixture_key (SandboxFixture *fixture,
                     const char     *username)
{
  const char *key = calbook_sandbox_get_api_key (fixture->sandbox, username);

  g_assert_nonnull (key);
  return key;
}

SandboxReply *
sandbox_request (SandboxFixture *fixture,
                 const char     *method,
                 const char     *path,
                 const char     *api_key,
                 const char     *version,
                 const char     *body)
{
  return sandbox_request_full (fixture, fixture->session, method, path, api_key, version, body, NULL);
}

/**
 * sandbox_request_full:
 * @session: the session to send with (one per thread)
 * @request_id: (nullable): sent as X-Calbook-Request-Id
 */
SandboxReply *
sandbox_request_full (SandboxFixture *fixture,
                      SoupSession    *session,
                      const char     *method,
                      const char     *path,
                      const char     *api_key,
                      const char     *version,
                      const char     *body,
                      const char     *request_id)
{
  g_autofree char *uri = g_strconcat (fixture->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  SandboxReply *reply = g_new0 (SandboxReply, 1);
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (api_key != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", api_key);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (version != NULL)
    soup_message_headers_replace (headers, "cal-api-version", version);
  if (fixture->close_connections)
    soup_message_headers_replace (headers, "Connection", "close");
  if (request_id != NULL)
    soup_message_headers_replace (headers, "X-Calbook-Request-Id", request_id);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  reply->body = soup_session_send_and_read (session, msg, NULL, &reply->error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  if (reply->body != NULL && g_bytes_get_size (reply->body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize length;
      const char *data = g_bytes_get_data (reply->body, &length);

      if (json_parser_load_from_data (parser, data, (gssize) length, NULL))
        reply->json = json_node_copy (json_parser_get_root (parser));
    }

  return reply;
}

void
sandbox_reply_free (SandboxReply *reply)
{
  if (reply == NULL)
    return;

  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}

JsonObject *
sandbox_reply_object (SandboxReply *reply)
{
  g_assert_no_error (reply->error);
  if (reply->json == NULL)
    g_test_message ("Status %u, body: %.*s", reply->status,
                    reply->body != NULL ? (int) g_bytes_get_size (reply->body) : 0,
                    reply->body != NULL ? (const char *) g_bytes_get_data (reply->body, NULL) : "");
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));

  return json_node_get_object (reply->json);
}

JsonArray *
sandbox_reply_data_array (SandboxReply *reply)
{
  JsonObject *root = sandbox_reply_object (reply);

  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "success");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "data")));

  return json_object_get_array_member (root, "data");
}

JsonObject *
sandbox_reply_data_object (SandboxReply *reply)
{
  JsonObject *root = sandbox_reply_object (reply);

  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "success");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "data")));

  return json_object_get_object_member (root, "data");
}

const char *
sandbox_reply_header (SandboxReply *reply,
                      const char   *name)
{
  return soup_message_headers_get_one (reply->headers, name);
}

/* Envelope (a), with details {message, error, statusCode} when @message is
 * given. */
void
sandbox_assert_error (SandboxReply *reply,
                      guint         status,
                      const char   *code,
                      const char   *message)
{
  JsonObject *root = sandbox_reply_object (reply);
  JsonObject *error;

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "error");
  g_assert_true (json_object_has_member (root, "timestamp"));
  g_assert_true (json_object_has_member (root, "path"));
  error = json_object_get_object_member (root, "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  if (message != NULL)
    {
      JsonObject *details = json_object_get_object_member (error, "details");

      g_assert_cmpstr (json_object_get_string_member (error, "message"), ==, message);
      if (details != NULL && json_object_has_member (details, "statusCode"))
        {
          g_assert_cmpstr (json_object_get_string_member (details, "message"), ==, message);
          g_assert_cmpint (json_object_get_int_member (details, "statusCode"), ==, status);
        }
    }
  g_assert_nonnull (sandbox_reply_header (reply, "X-Request-Id"));
}

/* Envelope (f): {statusCode, message} and nothing else. */
void
sandbox_assert_flat_error (SandboxReply *reply,
                           guint         status,
                           const char   *message)
{
  JsonObject *root = sandbox_reply_object (reply);

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpuint (json_object_get_size (root), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "statusCode"), ==, status);
  g_assert_cmpstr (json_object_get_string_member (root, "message"), ==, message);
}

/* Envelope (b): some details.errors[] entry for @property has @constraint
 * with @message. */
void
sandbox_assert_validation (SandboxReply *reply,
                           const char   *property,
                           const char   *constraint,
                           const char   *message)
{
  JsonObject *error;
  JsonArray *errors;
  gboolean found = FALSE;

  sandbox_assert_error (reply, 400, "BadRequestException", "Bad Request Exception");
  error = json_object_get_object_member (sandbox_reply_object (reply), "error");
  errors = json_object_get_array_member (json_object_get_object_member (error, "details"), "errors");
  g_assert_nonnull (errors);

  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *item = json_array_get_object_element (errors, i);
      JsonObject *constraints = json_object_get_object_member (item, "constraints");

      g_assert_true (json_object_has_member (item, "children"));
      if (g_str_equal (json_object_get_string_member (item, "property"), property) &&
          json_object_has_member (constraints, constraint))
        {
          g_assert_cmpstr (json_object_get_string_member (constraints, constraint), ==, message);
          found = TRUE;
        }
    }

  g_assert_true (found);
}

char *
sandbox_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z");
}
