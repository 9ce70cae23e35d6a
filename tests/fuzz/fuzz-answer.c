/* fuzz-answer.c: whatever a server answers to a change, read by the API
 * client over real HTTP: status, error envelopes and the booking data.
 * (A change is never retried once sent, so each input costs one round
 * trip; reads retry garbled answers with back-off, too slow to fuzz.)
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <stdint.h>

#include "calbook-api-client.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* The answer of the moment, served by a thread of its own */
static GMutex lock;
static GBytes *answer;
static guint answer_status;
static char *url;

static const guint statuses[] = { 200, 200, 200, 201, 400, 401, 403, 404, 409, 422, 200, 500 };

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  gsize length;
  const char *body = g_bytes_get_data (answer, &length);

  soup_server_message_set_status (msg, answer_status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, length);
}

static gpointer
serve (gpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, on_request_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (server);

  g_mutex_lock (&lock);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_mutex_unlock (&lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (loop);
  return NULL;
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static CalbookApiClient *client;
  static const char * const kinds[] = { "confirm", "cancel", "decline", "reschedule" };
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(JsonNode) answered = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;

  if (client == NULL)
    {
      g_thread_new ("answers", serve, NULL);
      for (;;)
        {
          g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);

          if (url != NULL)
            break;
          g_clear_pointer (&locker, g_mutex_locker_free);
          g_usleep (1000);
        }
      client = calbook_api_client_new (url, "cal_fuzz_key", &error);
      g_assert_no_error (error);
    }

  /* The first byte picks the status and the change, the rest is the body */
  g_mutex_lock (&lock);
  g_clear_pointer (&answer, g_bytes_unref);
  answer_status = size > 0 ? statuses[data[0] % G_N_ELEMENTS (statuses)] : 200;
  answer = g_bytes_new (size > 0 ? data + 1 : data, size > 0 ? size - 1 : 0);
  g_mutex_unlock (&lock);

  calbook_api_client_mutate_booking_async (client, kinds[size > 0 ? (data[0] >> 4) % G_N_ELEMENTS (kinds) : 0],
                                           "fuzzUid1234567890abcd", body, NULL, on_done_cb, &done);
  answered = calbook_api_client_mutate_booking_finish (client, wait_for (&done), &error);
  /* An answer is data or an error, never both nor neither */
  g_assert_true ((answered == NULL) != (error == NULL));

  return 0;
}
