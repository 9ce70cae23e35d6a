/* calbook-slots.c: the free times in Cal.com's /v2/slots answer
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-slots.h"

static int
compare_starts (gconstpointer a,
                gconstpointer b)
{
  return g_date_time_compare (*(GDateTime **) a, *(GDateTime **) b);
}

/**
 * calbook_slots_read_starts:
 * @days: (nullable): the `data` of a /v2/slots answer:
 *   `{"2026-12-03": [{"start": …, "end": …}, …], …}`; the spec's schema
 *   allows plain strings instead of objects, so those are read too
 *
 * Reads without trusting the shape: a day that is not a list, an item
 * without a readable start, or a start that is no ISO 8601 time is left out.
 *
 * Returns: (transfer full) (element-type GDateTime): the starts, earliest
 *   first
 */
GPtrArray *
calbook_slots_read_starts (JsonObject *days)
{
  GPtrArray *starts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GList) names = days != NULL ? json_object_get_members (days) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (days, l->data);
      JsonArray *slots;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        continue;
      slots = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (slots); i++)
        {
          JsonNode *item = json_array_get_element (slots, i);
          const char *text = NULL;
          GDateTime *start;

          if (JSON_NODE_HOLDS_OBJECT (item))
            {
              JsonNode *member = json_object_get_member (json_node_get_object (item), "start");

              if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
                  json_node_get_value_type (member) == G_TYPE_STRING)
                text = json_node_get_string (member);
            }
          else if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            text = json_node_get_string (item);

          if (text != NULL && (start = g_date_time_new_from_iso8601 (text, NULL)) != NULL)
            g_ptr_array_add (starts, start);
        }
    }

  g_ptr_array_sort (starts, compare_starts);

  return starts;
}
