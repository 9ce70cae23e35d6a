/* test-sandbox-spec.c: answers checked against the official openapi.json
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

static JsonObject *spec;

/* Auxiliary methods */

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
skip_without_spec (void)
{
  g_test_skip ("openapi.json not found (set CALBOOK_SHARED_DIR)");
}

static JsonObject *
resolve (JsonObject *schema)
{
  const char *ref;

  while (schema != NULL && (ref = json_object_get_string_member_with_default (schema, "$ref", NULL)) != NULL)
    {
      JsonObject *schemas = member_object (member_object (spec, "components"), "schemas");

      g_assert_true (g_str_has_prefix (ref, "#/components/schemas/"));
      schema = member_object (schemas, ref + strlen ("#/components/schemas/"));
      g_assert_nonnull (schema);
    }

  return schema;
}

/* A small JSON Schema (OpenAPI 3.0 flavour) checker: $ref, allOf, oneOf,
 * anyOf, nullable, type, enum, required, properties and items. Extra
 * properties are allowed, as in the SPEC. */
static void
check (JsonNode   *node,
       JsonObject *schema,
       const char *where,
       GString    *errors)
{
  const char *type;

  schema = resolve (schema);

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!json_object_get_boolean_member_with_default (schema, "nullable", FALSE) &&
          json_object_has_member (schema, "type"))
        g_string_append_printf (errors, "%s: null but not nullable\n", where);
      return;
    }

  if (json_object_has_member (schema, "allOf"))
    {
      JsonArray *all = json_object_get_array_member (schema, "allOf");

      for (guint i = 0; i < json_array_get_length (all); i++)
        check (node, json_array_get_object_element (all, i), where, errors);
    }

  if (json_object_has_member (schema, "oneOf") || json_object_has_member (schema, "anyOf"))
    {
      JsonArray *any = json_object_get_array_member (schema, json_object_has_member (schema, "oneOf") ? "oneOf" : "anyOf");
      gboolean matched = FALSE;

      for (guint i = 0; i < json_array_get_length (any) && !matched; i++)
        {
          g_autoptr(GString) attempt = g_string_new (NULL);

          check (node, json_array_get_object_element (any, i), where, attempt);
          matched = attempt->len == 0;
        }
      if (!matched)
        g_string_append_printf (errors, "%s: matches none of the alternatives\n", where);
    }

  type = json_object_get_string_member_with_default (schema, "type", NULL);
  if (type == NULL)
    return;

  /* NestJS' generator writes literal and union types (isDefault: true,
   * slotInterval: number | null) as a bare "type: object": anything goes */
  if (g_str_equal (type, "object") && !json_object_has_member (schema, "properties") &&
      !json_object_has_member (schema, "required"))
    return;

  if (g_str_equal (type, "object"))
    {
      JsonObject *object;
      JsonObject *properties = member_object (schema, "properties");
      JsonArray *required = json_object_has_member (schema, "required") ? json_object_get_array_member (schema, "required") : NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_string_append_printf (errors, "%s: not an object\n", where);
          return;
        }
      object = json_node_get_object (node);

      for (guint i = 0; required != NULL && i < json_array_get_length (required); i++)
        if (!json_object_has_member (object, json_array_get_string_element (required, i)))
          g_string_append_printf (errors, "%s: lacks required %s\n", where, json_array_get_string_element (required, i));

      if (properties != NULL)
        {
          g_autoptr(GList) members = json_object_get_members (object);

          for (GList *l = members; l != NULL; l = l->next)
            {
              g_autofree char *child = g_strdup_printf ("%s.%s", where, (const char *) l->data);

              if (json_object_has_member (properties, l->data))
                check (json_object_get_member (object, l->data), member_object (properties, l->data), child, errors);
            }
        }
    }
  else if (g_str_equal (type, "array"))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_string_append_printf (errors, "%s: not an array\n", where);
          return;
        }
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array) && member_object (schema, "items") != NULL; i++)
        {
          g_autofree char *child = g_strdup_printf ("%s[%u]", where, i);

          check (json_array_get_element (array, i), member_object (schema, "items"), child, errors);
        }
    }
  else
    {
      GType value_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
      gboolean ok;

      if (g_str_equal (type, "string"))
        ok = value_type == G_TYPE_STRING;
      else if (g_str_equal (type, "number"))
        ok = value_type == G_TYPE_INT64 || value_type == G_TYPE_DOUBLE;
      else if (g_str_equal (type, "integer"))
        ok = value_type == G_TYPE_INT64;
      else if (g_str_equal (type, "boolean"))
        ok = value_type == G_TYPE_BOOLEAN;
      else
        ok = TRUE;

      if (!ok)
        g_string_append_printf (errors, "%s: not a %s\n", where, type);
      else if (value_type == G_TYPE_STRING && json_object_has_member (schema, "enum"))
        {
          JsonArray *values = json_object_get_array_member (schema, "enum");
          gboolean found = FALSE;

          for (guint i = 0; i < json_array_get_length (values); i++)
            found |= g_strcmp0 (json_array_get_string_element (values, i), json_node_get_string (node)) == 0;
          if (!found)
            g_string_append_printf (errors, "%s: “%s” is not in the enum\n", where, json_node_get_string (node));
        }
    }
}

static void
assert_matches_spec (SandboxReply *reply,
                     const char   *path,
                     const char   *method,
                     const char   *status)
{
  g_autoptr(GString) errors = g_string_new (NULL);
  g_autofree char *code = g_strdup_printf ("%u", reply->status);
  JsonObject *operation;
  JsonObject *schema;

  g_assert_cmpstr (code, ==, status);
  operation = member_object (member_object (member_object (spec, "paths"), path), method);
  g_assert_nonnull (operation);
  schema = member_object (member_object (member_object (member_object (member_object (operation, "responses"), status),
                                                        "content"), "application/json"), "schema");
  g_assert_nonnull (schema);
  g_assert_nonnull (reply->json);

  check (reply->json, schema, "$", errors);
  if (errors->len > 0)
    g_error ("%s %s does not match the SPEC:\n%s", method, path, errors->str);
}

static char *
make_path (const char *format_prefix,
           const char *uid,
           const char *suffix)
{
  return g_strconcat (format_prefix, uid, suffix, NULL);
}

/* Tests */

static void
test_reads (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (4, 0);
  const char *admin = sandbox_fixture_key (fixture, "sofia.rossi");
  g_autoptr(SandboxReply) me = sandbox_request (fixture, "GET", "/v2/me", admin, NULL, NULL);
  g_autoptr(SandboxReply) event_types = sandbox_request (fixture, "GET", "/v2/event-types", admin, V_EVENT_TYPES, NULL);
  g_autoptr(SandboxReply) empty = sandbox_request (fixture, "GET", "/v2/bookings?bookingUid=none", admin, V_BOOKINGS, NULL);
  g_autoptr(SandboxReply) org = sandbox_request (fixture, "GET", "/v2/organizations/7001/bookings?take=50&status=past", admin, NULL, NULL);
  g_autoptr(SandboxReply) single = NULL;
  g_autofree char *single_path = NULL;
  gint64 total;

  assert_matches_spec (me, "/v2/me", "get", "200");
  assert_matches_spec (event_types, "/v2/event-types", "get", "200");
  assert_matches_spec (empty, "/v2/bookings", "get", "200");
  assert_matches_spec (org, "/v2/organizations/{orgId}/bookings", "get", "200");

  /* Every booking of the demo data */
  total = json_object_get_int_member (json_object_get_object_member (sandbox_reply_object (org), "pagination"), "totalItems");
  g_assert_cmpint (total, >, 0);
  for (guint skip = 0; ; skip += 250)
    {
      g_autofree char *path = g_strdup_printf ("/v2/bookings?take=250&skip=%u", skip);
      g_autoptr(SandboxReply) page = sandbox_request (fixture, "GET", path, admin, V_BOOKINGS, NULL);
      JsonArray *data;

      assert_matches_spec (page, "/v2/bookings", "get", "200");
      data = sandbox_reply_data_array (page);
      if (skip == 0)
        single_path = make_path ("/v2/bookings/", json_object_get_string_member (json_array_get_object_element (data, 0), "uid"), "");
      if (json_array_get_length (data) < 250)
        break;
    }

  single = sandbox_request (fixture, "GET", single_path, NULL, V_BOOKINGS, NULL);
  assert_matches_spec (single, "/v2/bookings/{bookingUid}", "get", "200");
}

static void
test_writes (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (4, 0);
  const char *zoe = sandbox_fixture_key (fixture, "zoe.odegaard");
  g_autoptr(SandboxReply) created = NULL;
  g_autoptr(SandboxReply) series = NULL;
  g_autoptr(SandboxReply) pending = NULL;
  g_autoptr(SandboxReply) rescheduled = NULL;
  g_autoptr(SandboxReply) confirmed = NULL;
  g_autoptr(SandboxReply) located = NULL;
  g_autoptr(SandboxReply) guests = NULL;
  g_autoptr(SandboxReply) absent = NULL;
  g_autoptr(SandboxReply) cancelled = NULL;
  g_autoptr(SandboxReply) declined = NULL;
  g_autoptr(SandboxReply) series_cancelled = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *new_uid = NULL;
  g_autofree char *pending_uid = NULL;
  g_autofree char *path = NULL;

  calbook_sandbox_set_now (fixture->sandbox, 1893456000);
  created = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                             "{\"start\":\"2030-01-07T09:00:00Z\",\"eventTypeId\":1021,\"guests\":[\"g@example.com\"],"
                             "\"metadata\":{\"clientRequestId\":\"r1\"},\"bookingFieldsResponses\":{\"notes\":\"Hello\"},"
                             "\"attendee\":{\"name\":\"Ana\",\"email\":\"ana@example.com\",\"timeZone\":\"Europe/Madrid\",\"language\":\"es\"}}");
  assert_matches_spec (created, "/v2/bookings", "post", "201");
  uid = g_strdup (json_object_get_string_member (sandbox_reply_data_object (created), "uid"));

  series = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                            "{\"start\":\"2030-01-08T09:00:00Z\",\"eventTypeId\":1024,"
                            "\"attendee\":{\"name\":\"Ana\",\"email\":\"ana@example.com\",\"timeZone\":\"UTC\"}}");
  assert_matches_spec (series, "/v2/bookings", "post", "201");

  pending = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                             "{\"start\":\"2030-01-09T09:00:00Z\",\"eventTypeId\":1022,"
                             "\"attendee\":{\"name\":\"Ana\",\"email\":\"ana@example.com\",\"timeZone\":\"UTC\"}}");
  pending_uid = g_strdup (json_object_get_string_member (sandbox_reply_data_object (pending), "uid"));

  path = make_path ("/v2/bookings/", uid, "/reschedule");
  rescheduled = sandbox_request (fixture, "POST", path, zoe, V_BOOKINGS, "{\"start\":\"2030-01-07T10:00:00Z\"}");
  assert_matches_spec (rescheduled, "/v2/bookings/{bookingUid}/reschedule", "post", "201");
  new_uid = g_strdup (json_object_get_string_member (sandbox_reply_data_object (rescheduled), "uid"));

  g_free (path);
  path = make_path ("/v2/bookings/", new_uid, "/location");
  located = sandbox_request (fixture, "PATCH", path, zoe, V_BOOKINGS, "{\"location\":{\"type\":\"phone\",\"phone\":\"+4712345678\"}}");
  assert_matches_spec (located, "/v2/bookings/{bookingUid}/location", "patch", "200");

  g_free (path);
  path = make_path ("/v2/bookings/", new_uid, "/guests");
  guests = sandbox_request (fixture, "POST", path, zoe, V_BOOKINGS, "{\"guests\":[{\"email\":\"h@example.com\",\"name\":\"H\"}]}");
  assert_matches_spec (guests, "/v2/bookings/{bookingUid}/guests", "post", "200");

  g_free (path);
  path = make_path ("/v2/bookings/", pending_uid, "/confirm");
  confirmed = sandbox_request (fixture, "POST", path, zoe, V_BOOKINGS, NULL);
  assert_matches_spec (confirmed, "/v2/bookings/{bookingUid}/confirm", "post", "200");

  calbook_sandbox_set_now (fixture->sandbox, 1893456000 + 6 * 86400 + 10 * 3600 + 60);
  g_free (path);
  path = make_path ("/v2/bookings/", new_uid, "/mark-absent");
  absent = sandbox_request (fixture, "POST", path, zoe, V_BOOKINGS, "{\"host\":true}");
  assert_matches_spec (absent, "/v2/bookings/{bookingUid}/mark-absent", "post", "200");

  g_free (path);
  path = make_path ("/v2/bookings/", pending_uid, "/cancel");
  cancelled = sandbox_request (fixture, "POST", path, zoe, V_BOOKINGS, "{\"cancellationReason\":\"Closed\"}");
  assert_matches_spec (cancelled, "/v2/bookings/{bookingUid}/cancel", "post", "200");

  g_free (path);
  path = make_path ("/v2/bookings/",
                    json_object_get_string_member (json_array_get_object_element (sandbox_reply_data_array (series), 0), "recurringBookingUid"),
                    "/cancel");
  series_cancelled = sandbox_request (fixture, "POST", path, NULL, V_BOOKINGS, "{}");
  assert_matches_spec (series_cancelled, "/v2/bookings/{bookingUid}/cancel", "post", "200");

  {
    g_autoptr(SandboxReply) another = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                                                       "{\"start\":\"2030-01-10T09:00:00Z\",\"eventTypeId\":1022,"
                                                       "\"attendee\":{\"name\":\"Ana\",\"email\":\"ana@example.com\",\"timeZone\":\"UTC\"}}");

    g_free (path);
    path = make_path ("/v2/bookings/", json_object_get_string_member (sandbox_reply_data_object (another), "uid"), "/decline");
    declined = sandbox_request (fixture, "POST", path, zoe, V_BOOKINGS, "{\"reason\":\"No\"}");
    assert_matches_spec (declined, "/v2/bookings/{bookingUid}/decline", "post", "200");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *shared = g_getenv ("CALBOOK_SHARED_DIR");

  g_test_init (&argc, &argv, NULL);

  path = g_build_filename (shared != NULL ? shared : "../shared", "calcom", "openapi.json", NULL);
  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      g_test_message ("No SPEC at %s: %s", path, error->message);
      g_test_add_func ("/sandbox/spec/skipped", skip_without_spec);
      return g_test_run ();
    }
  spec = json_node_get_object (json_parser_get_root (parser));

  g_test_add_func ("/sandbox/spec/reads", test_reads);
  g_test_add_func ("/sandbox/spec/writes", test_writes);

  return g_test_run ();
}
