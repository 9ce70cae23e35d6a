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

gboolean    calbook_json_find_members (const char         *text,
                                       gsize               length,
                                       const char * const *members,
                                       guint               n_members,
                                       CalbookJsonSpan    *spans);

/**
 * CalbookJsonToken:
 * @CALBOOK_JSON_TOKEN_NONE: the end of the text, or a character no value starts with
 * @CALBOOK_JSON_TOKEN_OBJECT: an object
 * @CALBOOK_JSON_TOKEN_ARRAY: a list
 * @CALBOOK_JSON_TOKEN_STRING: text
 * @CALBOOK_JSON_TOKEN_NUMBER: a number
 * @CALBOOK_JSON_TOKEN_BOOLEAN: true or false
 * @CALBOOK_JSON_TOKEN_NULL: null
 *
 * What the next value is, by its first character.
 */
typedef enum
{
  CALBOOK_JSON_TOKEN_NONE,
  CALBOOK_JSON_TOKEN_OBJECT,
  CALBOOK_JSON_TOKEN_ARRAY,
  CALBOOK_JSON_TOKEN_STRING,
  CALBOOK_JSON_TOKEN_NUMBER,
  CALBOOK_JSON_TOKEN_BOOLEAN,
  CALBOOK_JSON_TOKEN_NULL,
} CalbookJsonToken;

/**
 * CalbookJsonReader:
 *
 * A pull reader over JSON text: values are read one by one where they are,
 * with nothing built, and refused exactly where calbook_json_parse() refuses
 * them (the same messages). Text without escapes is given as a pointer into
 * the text itself. Lives on the stack; calbook_json_reader_clear() frees
 * what it holds.
 */
typedef struct
{
  /*< private >*/
  const char *start;
  const char *p;
  const char *end;
  guint       depth;
  gboolean    after_open;
  gboolean    non_finite;
  GString    *buffer;
} CalbookJsonReader;

void             calbook_json_reader_init          (CalbookJsonReader  *reader,
                                                    const char         *text,
                                                    gsize               length);
void             calbook_json_reader_clear         (CalbookJsonReader  *reader);
CalbookJsonToken calbook_json_reader_peek          (CalbookJsonReader  *reader);
gsize            calbook_json_reader_get_offset    (CalbookJsonReader  *reader);
gboolean         calbook_json_reader_saw_non_finite (CalbookJsonReader *reader);
gboolean         calbook_json_reader_begin_object  (CalbookJsonReader  *reader,
                                                    GError            **error);
gboolean         calbook_json_reader_next_member   (CalbookJsonReader  *reader,
                                                    const char        **name,
                                                    gsize              *name_length,
                                                    gboolean           *has_member,
                                                    GError            **error);
gboolean         calbook_json_reader_begin_array   (CalbookJsonReader  *reader,
                                                    GError            **error);
gboolean         calbook_json_reader_next_element  (CalbookJsonReader  *reader,
                                                    gboolean           *has_element,
                                                    GError            **error);
gboolean         calbook_json_reader_read_string   (CalbookJsonReader  *reader,
                                                    const char        **value,
                                                    gsize              *length,
                                                    GError            **error);
gboolean         calbook_json_reader_read_number   (CalbookJsonReader  *reader,
                                                    gboolean           *is_integer,
                                                    gint64             *integer,
                                                    double             *value,
                                                    GError            **error);
gboolean         calbook_json_reader_read_boolean  (CalbookJsonReader  *reader,
                                                    gboolean           *value,
                                                    GError            **error);
gboolean         calbook_json_reader_skip          (CalbookJsonReader  *reader,
                                                    GError            **error);
gboolean         calbook_json_reader_end           (CalbookJsonReader  *reader,
                                                    GError            **error);

gboolean         calbook_json_check                (const char         *text,
                                                    gsize               length,
                                                    GError            **error);

G_END_DECLS
