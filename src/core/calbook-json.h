/* calbook-json.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * Reading what Cal.com sends, without trusting its shape: one set of member
 * readers for the whole core (the API client, the sync, the account, the
 * outbox), and a scanner that finds the text of each item of a list answer,
 * so a booking can be kept exactly as Cal.com wrote it.
 *
 * Every reader takes a %NULL object (a missing parent) and answers "absent"
 * for it; a member that is null or of another type is absent too.
 */

gboolean    calbook_json_has_value    (JsonObject  *object,
                                       const char  *member);
const char *calbook_json_get_string   (JsonObject  *object,
                                       const char  *member);
char       *calbook_json_dup_string   (JsonObject  *object,
                                       const char  *member);
JsonObject *calbook_json_get_object   (JsonObject  *object,
                                       const char  *member);
JsonArray  *calbook_json_get_array    (JsonObject  *object,
                                       const char  *member);
gboolean    calbook_json_get_boolean  (JsonObject  *object,
                                       const char  *member,
                                       gboolean    *out_value);
gboolean    calbook_json_get_uint     (JsonObject  *object,
                                       const char  *member,
                                       guint       *out_value);
gboolean    calbook_json_get_id       (JsonObject  *object,
                                       const char  *member,
                                       gint64      *out_value);

gboolean    calbook_json_node_get_id  (JsonNode    *node,
                                       gint64      *out_value);

JsonNode   *calbook_json_parse        (const char  *text,
                                       gssize       length,
                                       GError     **error);

/**
 * CalbookJsonSpan:
 * @offset: where the value starts, in bytes from the start of the text
 * @length: its length in bytes
 *
 * Where one JSON value is in a larger text.
 */
char       *calbook_json_to_string    (JsonNode    *node);

typedef struct
{
  gsize offset;
  gsize length;
} CalbookJsonSpan;

gboolean    calbook_json_find_items   (const char  *text,
                                       gsize        length,
                                       const char  *member,
                                       GArray      *spans,
                                       GError     **error);

G_END_DECLS
