/* fuzz-server.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "fuzz-server.h"

/* The answer of the moment, served by a thread of its own */
static GMutex lock;
static GBytes *answer;
static guint answer_status = 200;
static char *url;

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  gsize length = 0;
  const char *body;

  g_mutex_lock (&lock);
  body = answer != NULL ? g_bytes_get_data (answer, &length) : "";
  soup_server_message_set_status (msg, answer_status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, length);
  g_mutex_unlock (&lock);
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

CalbookApiClient *
fuzz_server_get_client (void)
{
  static CalbookApiClient *client;
  g_autoptr(GError) error = NULL;

  if (client != NULL)
    return client;

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
  g_object_set (client, "max-retries", 0, "max-rate-limit-wait", 0, NULL);

  return client;
}

guint8
fuzz_server_set_answer (const uint8_t *data,
                        size_t         size,
                        const guint   *statuses,
                        guint          n_statuses)
{
  guint8 first = size > 0 ? data[0] : 0;

  g_mutex_lock (&lock);
  g_clear_pointer (&answer, g_bytes_unref);
  answer_status = statuses[first % n_statuses];
  answer = g_bytes_new (size > 0 ? data + 1 : data, size > 0 ? size - 1 : 0);
  g_mutex_unlock (&lock);

  return first;
}

void
fuzz_server_store_result_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GAsyncResult *
fuzz_server_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}
