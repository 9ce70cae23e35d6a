/* calbook-event-types.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-event-types.h"

#define CACHE_KEY "calbook-event-types"
#define CACHE_SECONDS 300

typedef struct
{
  GPtrArray *event_types;
  gint64     fetched_at;
} Cache;

static void
cache_free (Cache *cache)
{
  g_ptr_array_unref (cache->event_types);
  g_free (cache);
}

static void
on_event_types_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GError) error = NULL;
  CalbookContext *context = g_task_get_task_data (task);
  Cache *cache;

  array = calbook_api_client_list_event_types_finish (CALBOOK_API_CLIENT (source), result, &error);
  if (array == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cache = g_new0 (Cache, 1);
  cache->event_types = calbook_event_type_list_from_json (array);
  cache->fetched_at = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (context), CACHE_KEY, cache, (GDestroyNotify) cache_free);

  g_task_return_pointer (task, g_ptr_array_ref (cache->event_types),
                         (GDestroyNotify) g_ptr_array_unref);
}

void
calbook_event_types_load_async (CalbookContext      *context,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Cache *cache;

  g_return_if_fail (CALBOOK_IS_CONTEXT (context));

  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, calbook_event_types_load_async);
  g_task_set_task_data (task, g_object_ref (context), g_object_unref);

  cache = g_object_get_data (G_OBJECT (context), CACHE_KEY);
  if (cache != NULL && g_get_monotonic_time () - cache->fetched_at < CACHE_SECONDS * G_USEC_PER_SEC)
    {
      g_task_return_pointer (task, g_ptr_array_ref (cache->event_types),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  calbook_api_client_list_event_types_async (calbook_context_get_api_client (context), cancellable,
                                             on_event_types_cb, g_steal_pointer (&task));
}

GPtrArray *
calbook_event_types_load_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

CalbookEventType *
calbook_event_types_find (GPtrArray *event_types,
                          gint64     id)
{
  for (guint i = 0; event_types != NULL && i < event_types->len; i++)
    if (calbook_event_type_get_id (g_ptr_array_index (event_types, i)) == id)
      return g_ptr_array_index (event_types, i);

  return NULL;
}
