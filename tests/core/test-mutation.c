/* test-mutation.c: the change kinds and their request bodies
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "calbook-mutation.h"
#include "calbook-person.h"

static char *
to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static void
assert_json (JsonObject *object,
             const char *expected)
{
  g_autofree char *text = to_json (object);

  g_assert_cmpstr (text, ==, expected);
}

static GPtrArray *
people (const char *first_email,
        ...)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_person_unref);
  const char *email = first_email;
  va_list args;

  va_start (args, first_email);
  while (email != NULL)
    {
      gboolean absent = va_arg (args, gboolean);
      CalbookPerson *person = calbook_person_new (NULL, email);

      person->absent = absent;
      g_ptr_array_add (array, person);
      email = va_arg (args, const char *);
    }
  va_end (args);

  return array;
}


/*
 * A small checker for openapi.json's schemas: $ref, allOf, oneOf, type,
 * enum, properties and required, which is all the booking inputs use.
 */

static JsonObject *
load_spec (JsonParser *parser)
{
  const char *shared = g_getenv ("CALBOOK_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (shared == NULL)
    return NULL;

  path = g_build_filename (shared, "calcom", "openapi.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
}

static JsonObject *
get_schema (JsonObject *spec,
            const char *name)
{
  JsonObject *schemas = json_object_get_object_member (
                          json_object_get_object_member (spec, "components"), "schemas");

  g_assert_true (json_object_has_member (schemas, name));
  return json_object_get_object_member (schemas, name);
}

static JsonObject *
resolve_ref (JsonObject *spec,
             JsonObject *schema)
{
  const char *ref;

  if (!json_object_has_member (schema, "$ref"))
    return schema;

  ref = json_object_get_string_member (schema, "$ref");
  g_assert_true (g_str_has_prefix (ref, "#/components/schemas/"));

  return get_schema (spec, ref + strlen ("#/components/schemas/"));
}

static gboolean fits (JsonObject *spec, JsonObject *schema, JsonNode *value, GString *why);

static gboolean
fits_type (const char *type,
           JsonNode   *value)
{
  GType value_type = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : 0;

  if (g_str_equal (type, "object"))
    return JSON_NODE_HOLDS_OBJECT (value);
  if (g_str_equal (type, "array"))
    return JSON_NODE_HOLDS_ARRAY (value);
  if (g_str_equal (type, "string"))
    return value_type == G_TYPE_STRING;
  if (g_str_equal (type, "boolean"))
    return value_type == G_TYPE_BOOLEAN;
  if (g_str_equal (type, "number"))
    return value_type == G_TYPE_INT64 || value_type == G_TYPE_DOUBLE;
  if (g_str_equal (type, "integer"))
    return value_type == G_TYPE_INT64;

  g_error ("unknown schema type %s", type);
}

static gboolean
fits_object (JsonObject *spec,
             JsonObject *schema,
             JsonObject *object,
             GString    *why)
{
  JsonObject *props = json_object_has_member (schema, "properties")
                    ? json_object_get_object_member (schema, "properties") : NULL;
  g_autoptr(GList) members = json_object_get_members (object);

  /* The typed locations tell their alternatives apart by `type`, which the
   * spec gives only as an example */
  if (props != NULL && json_object_has_member (props, "type") &&
      json_object_has_member (json_object_get_object_member (props, "type"), "example") &&
      json_object_has_member (object, "type") &&
      g_strcmp0 (json_object_get_string_member (json_object_get_object_member (props, "type"),
                                                "example"),
                 json_object_get_string_member (object, "type")) != 0)
    {
      g_string_append (why, "another type; ");
      return FALSE;
    }

  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (props == NULL || !json_object_has_member (props, l->data))
        {
          g_string_append_printf (why, "unknown member %s; ", (const char *) l->data);
          return FALSE;
        }

      if (!fits (spec, json_object_get_object_member (props, l->data),
                 json_object_get_member (object, l->data), why))
        {
          g_string_append_printf (why, "in %s; ", (const char *) l->data);
          return FALSE;
        }
    }

  if (json_object_has_member (schema, "required"))
    {
      JsonArray *required = json_object_get_array_member (schema, "required");

      for (guint i = 0; i < json_array_get_length (required); i++)
        {
          const char *name = json_array_get_string_element (required, i);

          if (!json_object_has_member (object, name))
            {
              g_string_append_printf (why, "missing %s; ", name);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
fits (JsonObject *spec,
      JsonObject *schema,
      JsonNode   *value,
      GString    *why)
{
  schema = resolve_ref (spec, schema);

  if (json_object_has_member (schema, "allOf"))
    {
      JsonArray *all_of = json_object_get_array_member (schema, "allOf");

      for (guint i = 0; i < json_array_get_length (all_of); i++)
        {
          if (!fits (spec, json_array_get_object_element (all_of, i), value, why))
            return FALSE;
        }
    }

  if (json_object_has_member (schema, "oneOf"))
    {
      JsonArray *one_of = json_object_get_array_member (schema, "oneOf");
      guint matches = 0;

      for (guint i = 0; i < json_array_get_length (one_of); i++)
        {
          g_autoptr(GString) ignored = g_string_new (NULL);

          if (fits (spec, json_array_get_object_element (one_of, i), value, ignored))
            matches++;
        }

      if (matches == 0)
        {
          g_string_append (why, "fits none of oneOf; ");
          return FALSE;
        }
    }

  if (json_object_has_member (schema, "type") &&
      !fits_type (json_object_get_string_member (schema, "type"), value))
    {
      g_string_append_printf (why, "not of type %s; ", json_object_get_string_member (schema, "type"));
      return FALSE;
    }

  if (json_object_has_member (schema, "enum"))
    {
      JsonArray *values = json_object_get_array_member (schema, "enum");
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (values) && !found; i++)
        found = json_node_equal (json_array_get_element (values, i), value);

      if (!found)
        {
          g_string_append (why, "not one of the enum; ");
          return FALSE;
        }
    }

  if (JSON_NODE_HOLDS_OBJECT (value) &&
      (json_object_has_member (schema, "properties") ||
       (json_object_has_member (schema, "type") &&
        g_str_equal (json_object_get_string_member (schema, "type"), "object") &&
        json_object_has_member (schema, "required"))))
    return fits_object (spec, schema, json_node_get_object (value), why);

  if (JSON_NODE_HOLDS_ARRAY (value) && json_object_has_member (schema, "items"))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (!fits (spec, json_object_get_object_member (schema, "items"),
                     json_array_get_element (array, i), why))
            return FALSE;
        }
    }

  return TRUE;
}

static void
check_fits (JsonObject *spec,
            const char *schema_name,
            JsonObject *body,
            gboolean    expected)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GString) why = g_string_new (NULL);
  g_autofree char *text = NULL;

  json_node_set_object (node, body);
  if (fits (spec, get_schema (spec, schema_name), node, why) == expected)
    return;

  text = to_json (body);
  g_error ("%s %s %s: %s", text, expected ? "does not fit" : "fits", schema_name, why->str);
}

#define assert_fits(spec, schema_name, body) check_fits (spec, schema_name, body, TRUE)
#define assert_does_not_fit(spec, schema_name, body) check_fits (spec, schema_name, body, FALSE)


/*
 * Tests
 */

static void
test_kind_strings (void)
{
  static const char *names[] = {
    "create", "reschedule", "cancel", "confirm", "decline", "mark-absent", "location", "guests",
  };
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (CALBOOK_TYPE_MUTATION_KIND);
  CalbookMutationKind kind = CALBOOK_MUTATION_GUESTS;

  g_assert_cmpuint (CALBOOK_MUTATION_N_KINDS, ==, G_N_ELEMENTS (names));
  g_assert_cmpuint (enum_class->n_values, ==, CALBOOK_MUTATION_N_KINDS);

  for (guint i = 0; i < CALBOOK_MUTATION_N_KINDS; i++)
    {
      g_assert_cmpstr (calbook_mutation_kind_to_string (i), ==, names[i]);
      g_assert_true (calbook_mutation_kind_from_string (names[i], &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_true (calbook_mutation_kind_needs_booking (i) == (i != CALBOOK_MUTATION_CREATE));
      /* The GEnum nicks are the same strings */
      g_assert_cmpstr (g_enum_get_value (enum_class, i)->value_nick, ==, names[i]);
    }

  kind = CALBOOK_MUTATION_CONFIRM;
  g_assert_false (calbook_mutation_kind_from_string (NULL, &kind));
  g_assert_false (calbook_mutation_kind_from_string ("", &kind));
  g_assert_false (calbook_mutation_kind_from_string ("Cancel", &kind));
  g_assert_false (calbook_mutation_kind_from_string ("mark_absent", &kind));
  g_assert_false (calbook_mutation_kind_from_string ("delete-everything", &kind));
  g_assert_cmpint (kind, ==, CALBOOK_MUTATION_CONFIRM);
  g_assert_true (calbook_mutation_kind_from_string ("guests", NULL));
}

static void
test_location_kinds (void)
{
  static const struct {
    CalbookLocationKind kind;
    const char *type;
    gboolean can_change;
    const char *create_json;   /* when booking */
    const char *change_json;   /* in a change of location */
  } cases[] = {
    { CALBOOK_LOCATION_ADDRESS, "address", TRUE,
      "{\"type\":\"address\"}", "{\"type\":\"address\",\"address\":\"v\"}" },
    { CALBOOK_LOCATION_PHONE, "phone", TRUE,
      "{\"type\":\"phone\"}", "{\"type\":\"phone\",\"phone\":\"v\"}" },
    { CALBOOK_LOCATION_LINK, "link", TRUE,
      "{\"type\":\"link\"}", "{\"type\":\"link\",\"link\":\"v\"}" },
    { CALBOOK_LOCATION_INTEGRATION, "integration", FALSE,
      "{\"type\":\"integration\",\"integration\":\"v\"}", NULL },
    { CALBOOK_LOCATION_ATTENDEE_ADDRESS, "attendeeAddress", TRUE,
      "{\"type\":\"attendeeAddress\",\"address\":\"v\"}",
      "{\"type\":\"attendeeAddress\",\"address\":\"v\"}" },
    { CALBOOK_LOCATION_ATTENDEE_PHONE, "attendeePhone", TRUE,
      "{\"type\":\"attendeePhone\",\"phone\":\"v\"}",
      "{\"type\":\"attendeePhone\",\"phone\":\"v\"}" },
    { CALBOOK_LOCATION_ATTENDEE_DEFINED, "attendeeDefined", TRUE,
      "{\"type\":\"attendeeDefined\",\"location\":\"v\"}",
      "{\"type\":\"attendeeDefined\",\"location\":\"v\"}" },
    { CALBOOK_LOCATION_ORGANIZERS_DEFAULT_APP, "organizersDefaultApp", FALSE,
      "{\"type\":\"organizersDefaultApp\"}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) location = calbook_mutation_build_location (cases[i].kind, "v");
      g_autoptr(JsonObject) bare = calbook_mutation_build_location (cases[i].kind, NULL);
      g_autoptr(JsonObject) empty = calbook_mutation_build_location (cases[i].kind, "");
      CalbookLocationKind kind;

      g_assert_cmpstr (calbook_location_kind_to_string (cases[i].kind), ==, cases[i].type);
      g_assert_true (calbook_location_kind_from_string (cases[i].type, &kind));
      g_assert_cmpint (kind, ==, cases[i].kind);
      g_assert_true (calbook_location_kind_can_change (cases[i].kind) == cases[i].can_change);
      assert_json (location, cases[i].create_json);

      /* No value: only the type */
      g_assert_cmpuint (json_object_get_size (bare), ==, 1);
      g_assert_cmpuint (json_object_get_size (empty), ==, 1);

      if (cases[i].change_json != NULL)
        {
          g_autoptr(JsonObject) body = calbook_mutation_build_location_body (cases[i].kind, "v");
          g_autofree char *expected = g_strdup_printf ("{\"location\":%s}", cases[i].change_json);

          assert_json (body, expected);
        }
    }

  g_assert_false (calbook_location_kind_from_string ("zoom", NULL));
  g_assert_false (calbook_location_kind_from_string ("Address", NULL));
  g_assert_false (calbook_location_kind_from_string (NULL, NULL));
}

static void
test_create_body (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) start = g_date_time_new (zone, 2026, 11, 23, 4, 0, 0);
  g_autoptr(JsonObject) location = calbook_mutation_build_location (CALBOOK_LOCATION_ATTENDEE_ADDRESS,
                                                                    "Main St 1");
  const char *guests[] = { "g1@example.org", "", "g2@example.org", NULL };
  const char *no_guests[] = { "", NULL };
  CalbookCreateRequest request = {
    .event_type_id = 12,
    .start = start,
    .attendee_name = "Ann Lee",
    .attendee_email = "ann@example.org",
    .attendee_phone = "+4915112345678",
    .attendee_time_zone = "Europe/Berlin",
    .attendee_language = "de",
    .guests = guests,
    .location = location,
    .notes = "Bring the contract",
    .client_request_id = "req-42",
  };
  CalbookCreateRequest minimal = {
    .event_type_id = 12,
    .start = start,
    .attendee_name = "Bo",
    .attendee_email = "",
    .attendee_time_zone = "UTC",
    .guests = no_guests,
    .notes = "",
  };
  g_autoptr(JsonObject) full = NULL;
  g_autoptr(JsonObject) small = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) choices = NULL;
  JsonObject *attendee;
  const char *request_id;

  full = calbook_mutation_build_create_body (&request);
  assert_json (full,
               "{\"start\":\"2026-11-23T09:00:00.000Z\",\"eventTypeId\":12,"
               "\"attendee\":{\"name\":\"Ann Lee\",\"email\":\"ann@example.org\","
               "\"phoneNumber\":\"+4915112345678\",\"timeZone\":\"Europe/Berlin\","
               "\"language\":\"de\"},"
               "\"guests\":[\"g1@example.org\",\"g2@example.org\"],"
               "\"location\":{\"type\":\"attendeeAddress\",\"address\":\"Main St 1\"},"
               "\"bookingFieldsResponses\":{\"notes\":\"Bring the contract\"},"
               "\"metadata\":{\"calbookRequestId\":\"req-42\"}}");

  /* Optional parts left out; a request id is made up when none is given */
  small = calbook_mutation_build_create_body (&minimal);
  g_assert_false (json_object_has_member (small, "guests"));
  g_assert_false (json_object_has_member (small, "location"));
  g_assert_false (json_object_has_member (small, "bookingFieldsResponses"));
  g_assert_false (json_object_has_member (small, "lengthInMinutes"));
  g_assert_false (json_object_has_member (small, "recurrenceCount"));
  attendee = json_object_get_object_member (small, "attendee");
  g_assert_false (json_object_has_member (attendee, "email"));
  g_assert_false (json_object_has_member (attendee, "phoneNumber"));
  g_assert_false (json_object_has_member (attendee, "language"));
  request_id = json_object_get_string_member (json_object_get_object_member (small, "metadata"),
                                              CALBOOK_MUTATION_REQUEST_ID_KEY);
  g_assert_true (g_uuid_string_is_valid (request_id));

  /* Each create gets its own id */
  again = calbook_mutation_build_create_body (&minimal);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (again,
                                                                                 "metadata"),
                                                  CALBOOK_MUTATION_REQUEST_ID_KEY),
                   !=, request_id);

  /* A length of a multi-length event type, the occurrences of a recurring one */
  minimal.length_in_minutes = 45;
  minimal.recurrence_count = 3;
  choices = calbook_mutation_build_create_body (&minimal);
  g_assert_cmpint (json_object_get_int_member (choices, "lengthInMinutes"), ==, 45);
  g_assert_cmpint (json_object_get_int_member (choices, "recurrenceCount"), ==, 3);
}

static void
test_create_body_local_zone (void)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 23, 9, 0, 0);
  CalbookCreateRequest request = { .event_type_id = 1, .start = start, .attendee_name = "A" };
  g_autoptr(JsonObject) body = NULL;
  const char *zone;

  /* No zone given: this computer's, always a name Cal.com knows */
  g_setenv ("TZ", "Asia/Kolkata", TRUE);
  body = calbook_mutation_build_create_body (&request);
  zone = json_object_get_string_member (json_object_get_object_member (body, "attendee"),
                                        "timeZone");
  g_assert_cmpstr (zone, ==, "Asia/Kolkata");
  g_clear_pointer (&body, json_object_unref);

  g_setenv ("TZ", "", TRUE);
  body = calbook_mutation_build_create_body (&request);
  zone = json_object_get_string_member (json_object_get_object_member (body, "attendee"),
                                        "timeZone");
  g_assert_true (g_str_equal (zone, "UTC") || strchr (zone, '/') != NULL);
  g_assert_true (zone[0] != '/');
  g_unsetenv ("TZ");
}

static void
test_reschedule_body (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) start = g_date_time_new (zone, 2026, 7, 1, 10, 15, 30.25);
  g_autoptr(JsonObject) full = calbook_mutation_build_reschedule_body (start, "Flu",
                                                                       "host@example.org");
  g_autoptr(JsonObject) bare = calbook_mutation_build_reschedule_body (start, "", NULL);

  assert_json (full, "{\"start\":\"2026-07-01T08:15:30.250Z\",\"reschedulingReason\":\"Flu\","
                     "\"rescheduledBy\":\"host@example.org\"}");
  assert_json (bare, "{\"start\":\"2026-07-01T08:15:30.250Z\"}");
}

static void
test_cancel_body (void)
{
  g_autoptr(JsonObject) full = calbook_mutation_build_cancel_body ("Closed", TRUE);
  g_autoptr(JsonObject) bare = calbook_mutation_build_cancel_body (NULL, FALSE);
  g_autoptr(JsonObject) empty = calbook_mutation_build_cancel_body ("", FALSE);

  assert_json (full, "{\"cancellationReason\":\"Closed\",\"cancelSubsequentBookings\":true}");
  assert_json (bare, "{}");
  assert_json (empty, "{}");
}

static void
test_confirm_decline_bodies (void)
{
  g_autoptr(JsonObject) confirm = calbook_mutation_build_confirm_body ();
  g_autoptr(JsonObject) decline = calbook_mutation_build_decline_body ("Fully booked");
  g_autoptr(JsonObject) bare = calbook_mutation_build_decline_body (NULL);

  assert_json (confirm, "{}");
  assert_json (decline, "{\"reason\":\"Fully booked\"}");
  assert_json (bare, "{}");
}

static void
test_mark_absent_body (void)
{
  g_autoptr(GPtrArray) attendees = people ("a@example.org", TRUE, "b@example.org", FALSE,
                                           "", TRUE, "A@Example.org", FALSE, NULL);
  g_autoptr(JsonObject) host_only = calbook_mutation_build_mark_absent_body (CALBOOK_ABSENCE_ABSENT,
                                                                             NULL);
  g_autoptr(JsonObject) host_back = calbook_mutation_build_mark_absent_body (CALBOOK_ABSENCE_PRESENT,
                                                                             NULL);
  g_autoptr(JsonObject) both = calbook_mutation_build_mark_absent_body (CALBOOK_ABSENCE_ABSENT,
                                                                        attendees);
  g_autoptr(JsonObject) guests_only = calbook_mutation_build_mark_absent_body (CALBOOK_ABSENCE_UNCHANGED,
                                                                               attendees);

  assert_json (host_only, "{\"host\":true}");
  assert_json (host_back, "{\"host\":false}");
  /* Without an e-mail Cal.com can't tell who; a repeated e-mail goes once */
  assert_json (both, "{\"host\":true,\"attendees\":[{\"email\":\"a@example.org\",\"absent\":true},"
                     "{\"email\":\"b@example.org\",\"absent\":false}]}");
  assert_json (guests_only, "{\"attendees\":[{\"email\":\"a@example.org\",\"absent\":true},"
                            "{\"email\":\"b@example.org\",\"absent\":false}]}");
}

static void
test_location_body (void)
{
  g_autoptr(JsonObject) address = calbook_mutation_build_location_body (CALBOOK_LOCATION_ADDRESS,
                                                                        "Hauptstraße 5");
  g_autoptr(JsonObject) phone = calbook_mutation_build_location_body (CALBOOK_LOCATION_PHONE,
                                                                      "+4930123");
  g_autoptr(JsonObject) link = calbook_mutation_build_location_body (CALBOOK_LOCATION_LINK,
                                                                     "https://meet.example.org/x");

  assert_json (address, "{\"location\":{\"type\":\"address\",\"address\":\"Hauptstraße 5\"}}");
  assert_json (phone, "{\"location\":{\"type\":\"phone\",\"phone\":\"+4930123\"}}");
  assert_json (link, "{\"location\":{\"type\":\"link\",\"link\":\"https://meet.example.org/x\"}}");

  /* An integration can't be set afterwards, and a change needs a value */
  if (g_test_undefined ())
    {
      g_test_expect_message ("calbook-mutation", G_LOG_LEVEL_CRITICAL, "*can_change*");
      g_assert_null (calbook_mutation_build_location_body (CALBOOK_LOCATION_INTEGRATION, "zoom"));
      g_test_assert_expected_messages ();

      g_test_expect_message ("calbook-mutation", G_LOG_LEVEL_CRITICAL, "*is_empty*");
      g_assert_null (calbook_mutation_build_location_body (CALBOOK_LOCATION_LINK, ""));
      g_test_assert_expected_messages ();
    }
}

static void
test_guests_body (void)
{
  g_autoptr(GPtrArray) guests = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_person_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) empty = NULL;
  CalbookPerson *full = calbook_person_new ("Jo Guest", "jo@example.org");
  CalbookPerson *bare = calbook_person_new (NULL, "kim@example.org");

  full->time_zone = g_strdup ("Europe/Vienna");
  full->phone = g_strdup ("+43123");
  full->language = g_strdup ("de");
  g_ptr_array_add (guests, full);
  g_ptr_array_add (guests, bare);
  g_ptr_array_add (guests, calbook_person_new ("No Mail", NULL));
  g_ptr_array_add (guests, calbook_person_new ("Again", "JO@example.org"));

  body = calbook_mutation_build_guests_body (guests);
  assert_json (body, "{\"guests\":[{\"email\":\"jo@example.org\",\"name\":\"Jo Guest\","
                     "\"timeZone\":\"Europe/Vienna\",\"phoneNumber\":\"+43123\",\"language\":\"de\"},"
                     "{\"email\":\"kim@example.org\"}]}");

  empty = calbook_mutation_build_guests_body (none);
  assert_json (empty, "{\"guests\":[]}");
}

/* Every body each builder makes fits what openapi.json documents for its
 * route, down to the nested attendee, location and guest objects */
static void
test_bodies_fit_spec (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 23, 9, 0, 0);
  g_autoptr(GPtrArray) attendees = people ("a@example.org", TRUE, NULL);
  g_autoptr(GPtrArray) guests = people ("g@example.org", FALSE, NULL);
  const char *guest_emails[] = { "g@example.org", NULL };
  JsonObject *spec = load_spec (parser);
  CalbookCreateRequest request = {
    .event_type_id = 3, .start = start, .attendee_name = "A", .attendee_email = "a@example.org",
    .attendee_phone = "+491234", .attendee_time_zone = "UTC", .attendee_language = "en",
    .guests = guest_emails, .notes = "n", .client_request_id = "r",
  };

  if (spec == NULL)
    {
      g_test_skip ("CALBOOK_SHARED_DIR is not set");
      return;
    }

  ((CalbookPerson *) g_ptr_array_index (guests, 0))->name = g_strdup ("Guest");

  /* Create: with each kind of location, with and without a value */
  for (CalbookLocationKind kind = CALBOOK_LOCATION_ADDRESS;
       kind <= CALBOOK_LOCATION_ORGANIZERS_DEFAULT_APP; kind++)
    {
      for (guint with_value = 0; with_value < 2; with_value++)
        {
          g_autoptr(JsonObject) location = NULL;
          g_autoptr(JsonObject) body = NULL;

          /* Types that name their value require it when booking */
          if (!with_value && (kind == CALBOOK_LOCATION_INTEGRATION ||
                              kind == CALBOOK_LOCATION_ATTENDEE_ADDRESS ||
                              kind == CALBOOK_LOCATION_ATTENDEE_PHONE ||
                              kind == CALBOOK_LOCATION_ATTENDEE_DEFINED))
            continue;

          location = calbook_mutation_build_location (kind, with_value
                                                            ? (kind == CALBOOK_LOCATION_INTEGRATION
                                                               ? "cal-video" : "somewhere")
                                                            : NULL);
          request.location = location;
          body = calbook_mutation_build_create_body (&request);
          assert_fits (spec, "CreateBookingInput_2024_08_13", body);
        }
    }
  request.location = NULL;

  /* Create for a recurring event type, and with a length */
  {
    g_autoptr(JsonObject) body = NULL;

    request.recurrence_count = 4;
    request.length_in_minutes = 30;
    body = calbook_mutation_build_create_body (&request);
    assert_fits (spec, "CreateRecurringBookingInput_2024_08_13", body);
    /* recurrenceCount is not part of a single create */
    assert_does_not_fit (spec, "CreateBookingInput_2024_08_13", body);
  }

  {
    g_autoptr(JsonObject) full = calbook_mutation_build_reschedule_body (start, "why",
                                                                         "who@example.org");
    g_autoptr(JsonObject) bare = calbook_mutation_build_reschedule_body (start, NULL, NULL);

    assert_fits (spec, "RescheduleBookingInput_2024_08_13", full);
    assert_fits (spec, "RescheduleBookingInput_2024_08_13", bare);
  }

  {
    g_autoptr(JsonObject) full = calbook_mutation_build_cancel_body ("why", TRUE);
    g_autoptr(JsonObject) bare = calbook_mutation_build_cancel_body (NULL, FALSE);

    assert_fits (spec, "CancelBookingInput_2024_08_13", full);
    assert_fits (spec, "CancelBookingInput_2024_08_13", bare);
  }

  {
    g_autoptr(JsonObject) full = calbook_mutation_build_decline_body ("Fully booked");
    g_autoptr(JsonObject) bare = calbook_mutation_build_decline_body (NULL);

    assert_fits (spec, "DeclineBookingInput_2024_08_13", full);
    assert_fits (spec, "DeclineBookingInput_2024_08_13", bare);
  }

  for (CalbookAbsence host = CALBOOK_ABSENCE_UNCHANGED; host <= CALBOOK_ABSENCE_PRESENT; host++)
    {
      g_autoptr(JsonObject) with_attendees = calbook_mutation_build_mark_absent_body (host,
                                                                                      attendees);
      g_autoptr(JsonObject) host_only = calbook_mutation_build_mark_absent_body (host, NULL);

      assert_fits (spec, "MarkAbsentBookingInput_2024_08_13", with_attendees);
      assert_fits (spec, "MarkAbsentBookingInput_2024_08_13", host_only);
    }

  for (CalbookLocationKind kind = CALBOOK_LOCATION_ADDRESS;
       kind <= CALBOOK_LOCATION_ORGANIZERS_DEFAULT_APP; kind++)
    {
      g_autoptr(JsonObject) body = NULL;

      if (!calbook_location_kind_can_change (kind))
        continue;

      body = calbook_mutation_build_location_body (kind, "+4930 or somewhere");
      assert_fits (spec, "UpdateBookingLocationInput_2024_08_13", body);
    }

  {
    g_autoptr(JsonObject) body = calbook_mutation_build_guests_body (guests);

    assert_fits (spec, "AddGuestsInput_2024_08_13", body);
  }

  /* The checker itself refuses what the spec does not allow */
  {
    g_autoptr(JsonObject) integration = calbook_mutation_build_location (CALBOOK_LOCATION_INTEGRATION,
                                                                         "zoom");
    g_autoptr(JsonObject) patch = json_object_new ();
    g_autoptr(JsonObject) bad_guests = json_object_new ();
    g_autoptr(JsonArray) strings = json_array_new ();

    json_object_set_object_member (patch, "location", g_steal_pointer (&integration));
    assert_does_not_fit (spec, "UpdateBookingLocationInput_2024_08_13", patch);

    json_array_add_string_element (strings, "g@example.org");
    json_object_set_array_member (bad_guests, "guests", g_steal_pointer (&strings));
    assert_does_not_fit (spec, "AddGuestsInput_2024_08_13", bad_guests);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mutation/kind-strings", test_kind_strings);
  g_test_add_func ("/mutation/location-kinds", test_location_kinds);
  g_test_add_func ("/mutation/create-body", test_create_body);
  g_test_add_func ("/mutation/create-body-local-zone", test_create_body_local_zone);
  g_test_add_func ("/mutation/reschedule-body", test_reschedule_body);
  g_test_add_func ("/mutation/cancel-body", test_cancel_body);
  g_test_add_func ("/mutation/confirm-decline-bodies", test_confirm_decline_bodies);
  g_test_add_func ("/mutation/mark-absent-body", test_mark_absent_body);
  g_test_add_func ("/mutation/location-body", test_location_body);
  g_test_add_func ("/mutation/guests-body", test_guests_body);
  g_test_add_func ("/mutation/bodies-fit-spec", test_bodies_fit_spec);

  return g_test_run ();
}
