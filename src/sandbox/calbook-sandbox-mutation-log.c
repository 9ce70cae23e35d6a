/* calbook-sandbox-mutation-log.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "calbook-sandbox-mutation-log.h"

typedef struct
{
  guint64    seq;
  gint64     at_ms;
  char      *kind;
  char      *method;
  char      *path;
  guint      status;
  char      *uid;            /* the booking the route named; NULL for a create */
  GPtrArray *result_uids;    /* the bookings the answer carries */
  char      *request_id;     /* the client's id for the change, if it sent one */
} Entry;

struct _CalbookSandboxMutationLog
{
  GPtrArray *entries;
  guint64    next_seq;
};

/* Auxiliary methods */

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->kind);
  g_free (entry->method);
  g_free (entry->path);
  g_free (entry->uid);
  g_ptr_array_unref (entry->result_uids);
  g_free (entry->request_id);
  g_free (entry);
}

static gboolean
is_write (const char *method)
{
  return !g_str_equal (method, "GET") && !g_str_equal (method, "HEAD");
}

/* Splits "/v2/bookings[/{uid}/{action}]" into its uid and kind; FALSE for
 * any other path. */
static gboolean
parse_booking_path (const char  *path,
                    char       **out_uid,
                    char       **out_kind)
{
  g_auto(GStrv) split = g_strsplit (path, "/", -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0')
      g_ptr_array_add (parts, split[i]);

  if (parts->len < 2 || !g_str_equal (g_ptr_array_index (parts, 0), "v2") ||
      !g_str_equal (g_ptr_array_index (parts, 1), "bookings"))
    return FALSE;

  if (parts->len == 2)
    {
      *out_uid = NULL;
      *out_kind = g_strdup ("create");
      return TRUE;
    }
  if (parts->len == 4)
    {
      *out_uid = g_strdup (g_ptr_array_index (parts, 2));
      *out_kind = g_strdup (g_ptr_array_index (parts, 3));
      return TRUE;
    }

  return FALSE;
}

static JsonNode *
parse_bytes (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;

  if (data == NULL || length == 0 || !json_parser_load_from_data (parser, data, (gssize) length, NULL))
    return NULL;

  return json_parser_get_root (parser) != NULL ? json_node_copy (json_parser_get_root (parser)) : NULL;
}

static void
add_uid_of (GPtrArray *uids,
            JsonNode  *booking)
{
  JsonObject *object;

  if (booking == NULL || !JSON_NODE_HOLDS_OBJECT (booking))
    return;

  object = json_node_get_object (booking);
  if (json_object_has_member (object, "uid") &&
      json_node_get_value_type (json_object_get_member (object, "uid")) == G_TYPE_STRING)
    g_ptr_array_add (uids, g_strdup (json_object_get_string_member (object, "uid")));
}

static GPtrArray *
collect_result_uids (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonNode) root = parse_bytes (bytes);
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);
  JsonNode *data;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "data"))
    return uids;

  data = json_object_get_member (json_node_get_object (root), "data");
  if (JSON_NODE_HOLDS_ARRAY (data))
    {
      JsonArray *array = json_node_get_array (data);

      for (guint i = 0; i < json_array_get_length (array); i++)
        add_uid_of (uids, json_array_get_element (array, i));
    }
  else
    add_uid_of (uids, data);

  return uids;
}

/* The header, else a create's metadata.calbookRequestId */
static char *
dup_request_id (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_one (headers, CALBOOK_SANDBOX_REQUEST_ID_HEADER);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *metadata;

  if (header != NULL && *header != '\0')
    return g_strdup (header);

  bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  root = parse_bytes (bytes);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  metadata = json_object_has_member (json_node_get_object (root), "metadata") &&
             JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (root), "metadata"))
             ? json_object_get_object_member (json_node_get_object (root), "metadata")
             : NULL;
  if (metadata == NULL || !json_object_has_member (metadata, CALBOOK_SANDBOX_REQUEST_ID_METADATA) ||
      json_node_get_value_type (json_object_get_member (metadata, CALBOOK_SANDBOX_REQUEST_ID_METADATA)) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_object_get_string_member (metadata, CALBOOK_SANDBOX_REQUEST_ID_METADATA));
}

static gboolean
entry_mentions (const Entry *entry,
                const char  *uid)
{
  if (g_strcmp0 (entry->uid, uid) == 0)
    return TRUE;

  for (guint i = 0; i < entry->result_uids->len; i++)
    if (g_str_equal (g_ptr_array_index (entry->result_uids, i), uid))
      return TRUE;

  return FALSE;
}

static void
count (GHashTable *counts,
       const char *key)
{
  g_hash_table_insert (counts, g_strdup (key),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
}

static JsonObject *
counts_to_object (GHashTable *counts)
{
  JsonObject *object = json_object_new ();
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (counts), (GCompareFunc) strcmp);

  for (GList *l = keys; l != NULL; l = l->next)
    json_object_set_int_member (object, l->data, GPOINTER_TO_UINT (g_hash_table_lookup (counts, l->data)));

  return object;
}

/* Public API */

CalbookSandboxMutationLog *
calbook_sandbox_mutation_log_new (void)
{
  CalbookSandboxMutationLog *self = g_new0 (CalbookSandboxMutationLog, 1);

  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->next_seq = 1;

  return self;
}

void
calbook_sandbox_mutation_log_free (CalbookSandboxMutationLog *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->entries);
  g_free (self);
}

/**
 * calbook_sandbox_mutation_log_record:
 * @req: a request whose answer has been set
 *
 * Records @req when it was a booking change that succeeded (a 2xx answer
 * to a POST/PATCH on /v2/bookings…); does nothing otherwise. Called before
 * any injected fault replaces the answer, so a lost answer still counts.
 */
void
calbook_sandbox_mutation_log_record (CalbookSandboxMutationLog *self,
                                     CalbookSandboxRequest     *req)
{
  guint status = soup_server_message_get_status (req->msg);
  g_autofree char *uid = NULL;
  g_autofree char *kind = NULL;
  Entry *entry;

  g_return_if_fail (self != NULL);

  if (!is_write (req->method) || status < 200 || status > 299 ||
      !parse_booking_path (req->path, &uid, &kind))
    return;

  entry = g_new0 (Entry, 1);
  entry->seq = self->next_seq++;
  entry->at_ms = req->now_ms;
  entry->kind = g_steal_pointer (&kind);
  entry->method = g_strdup (req->method);
  entry->path = g_strdup (req->path);
  entry->status = status;
  entry->uid = g_steal_pointer (&uid);
  entry->result_uids = collect_result_uids (req->msg);
  entry->request_id = dup_request_id (req->msg);
  g_ptr_array_add (self->entries, entry);
}

void
calbook_sandbox_mutation_log_clear (CalbookSandboxMutationLog *self)
{
  g_return_if_fail (self != NULL);

  g_ptr_array_set_size (self->entries, 0);
}

/**
 * calbook_sandbox_mutation_log_to_json:
 * @request_id: (nullable): only the changes with this client request id
 * @uid: (nullable): only the changes that named or returned this booking
 *
 * Returns: (transfer full): {"mutations":[…], "byRequestId":{id: n},
 *   "byUid":{uid: n}, "requests":{id: {kind, uid, applied: n}},
 *   "bookings":{uid: {kind: n}}}, where n counts applied requests (a
 *   series created by one request counts once for each of its bookings)
 */
JsonNode *
calbook_sandbox_mutation_log_to_json (CalbookSandboxMutationLog *self,
                                      const char                *request_id,
                                      const char                *uid)
{
  g_autoptr(GHashTable) by_request = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root = json_object_new ();
  JsonArray *mutations = json_array_new ();
  JsonObject *requests = json_object_new ();
  JsonObject *bookings = json_object_new ();

  g_return_val_if_fail (self != NULL, node);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (self->entries, i);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      JsonObject *object;
      JsonArray *uids;

      if (request_id != NULL && g_strcmp0 (entry->request_id, request_id) != 0)
        continue;
      if (uid != NULL && !entry_mentions (entry, uid))
        continue;

      object = json_object_new ();
      json_object_set_int_member (object, "seq", (gint64) entry->seq);
      json_object_set_int_member (object, "atMs", entry->at_ms);
      json_object_set_string_member (object, "kind", entry->kind);
      json_object_set_string_member (object, "method", entry->method);
      json_object_set_string_member (object, "path", entry->path);
      json_object_set_int_member (object, "status", entry->status);
      if (entry->uid != NULL)
        json_object_set_string_member (object, "uid", entry->uid);
      else
        json_object_set_null_member (object, "uid");
      uids = json_array_new ();
      for (guint j = 0; j < entry->result_uids->len; j++)
        json_array_add_string_element (uids, g_ptr_array_index (entry->result_uids, j));
      json_object_set_array_member (object, "resultUids", uids);
      if (entry->request_id != NULL)
        json_object_set_string_member (object, "requestId", entry->request_id);
      else
        json_object_set_null_member (object, "requestId");
      json_array_add_object_element (mutations, object);

      if (entry->request_id != NULL)
        {
          JsonObject *request;

          count (by_request, entry->request_id);
          if (!json_object_has_member (requests, entry->request_id))
            {
              request = json_object_new ();
              json_object_set_string_member (request, "kind", entry->kind);
              if (entry->uid != NULL)
                json_object_set_string_member (request, "uid", entry->uid);
              else if (entry->result_uids->len > 0)
                json_object_set_string_member (request, "uid", g_ptr_array_index (entry->result_uids, 0));
              else
                json_object_set_null_member (request, "uid");
              json_object_set_object_member (requests, entry->request_id, request);
            }
          request = json_object_get_object_member (requests, entry->request_id);
          json_object_set_int_member (request, "applied",
                                      GPOINTER_TO_UINT (g_hash_table_lookup (by_request, entry->request_id)));
        }
      /* Each booking once per request, even when named and returned */
      if (entry->uid != NULL)
        g_hash_table_add (seen, entry->uid);
      for (guint j = 0; j < entry->result_uids->len; j++)
        g_hash_table_add (seen, g_ptr_array_index (entry->result_uids, j));
      {
        GHashTableIter iter;
        gpointer key;

        g_hash_table_iter_init (&iter, seen);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          {
            JsonObject *kinds;

            count (by_uid, key);
            if (!json_object_has_member (bookings, key))
              json_object_set_object_member (bookings, key, json_object_new ());
            kinds = json_object_get_object_member (bookings, key);
            json_object_set_int_member (kinds, entry->kind,
                                        (json_object_has_member (kinds, entry->kind)
                                         ? json_object_get_int_member (kinds, entry->kind) : 0) + 1);
          }
      }
    }

  json_object_set_array_member (root, "mutations", mutations);
  json_object_set_object_member (root, "byRequestId", counts_to_object (by_request));
  json_object_set_object_member (root, "byUid", counts_to_object (by_uid));
  json_object_set_object_member (root, "requests", requests);
  json_object_set_object_member (root, "bookings", bookings);
  json_node_take_object (node, root);

  return node;
}
