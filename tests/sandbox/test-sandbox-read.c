/* test-sandbox-read.c: reading endpoints, envelopes, pagination, versions
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sandbox-test-util.h"

#define MSG_NO_AUTH "ApiAuthStrategy - No authentication method provided. Either pass an API key as 'Bearer' header or OAuth client credentials as 'x-cal-secret-key' and 'x-cal-client-id' headers"

/* Auxiliary methods */

static gint64
get_total (SandboxFixture *fixture,
           const char     *path,
           const char     *key)
{
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, key, V_BOOKINGS, NULL);
  JsonObject *pagination;

  g_assert_cmpuint (reply->status, ==, 200);
  pagination = json_object_get_object_member (sandbox_reply_object (reply), "pagination");
  g_assert_nonnull (pagination);

  return json_object_get_int_member (pagination, "totalItems");
}

static gboolean
booking_involves (JsonObject *booking,
                  gint64      user_id,
                  const char *email)
{
  JsonArray *hosts = json_object_get_array_member (booking, "hosts");
  JsonArray *attendees = json_object_get_array_member (booking, "attendees");

  for (guint i = 0; i < json_array_get_length (hosts); i++)
    if (json_object_get_int_member (json_array_get_object_element (hosts, i), "id") == user_id)
      return TRUE;

  for (guint i = 0; i < json_array_get_length (attendees); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (attendees, i), "email"), email) == 0)
      return TRUE;

  return FALSE;
}

/* Tests */

static void
test_me (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  g_autoptr(SandboxReply) reply = NULL;
  g_autoptr(SandboxReply) none = NULL;
  g_autoptr(SandboxReply) invalid = NULL;
  g_autoptr(SandboxReply) token = NULL;
  JsonObject *me;

  reply = sandbox_request (fixture, "GET", "/v2/me", sandbox_fixture_key (fixture, "zoe.odegaard"), NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  me = sandbox_reply_data_object (reply);
  g_assert_cmpstr (json_object_get_string_member (me, "username"), ==, "zoe.odegaard");
  g_assert_cmpstr (json_object_get_string_member (me, "name"), ==, "Zoë Ødegaard");
  g_assert_cmpstr (json_object_get_string_member (me, "timeZone"), ==, "Europe/Oslo");
  g_assert_cmpint (json_object_get_int_member (me, "organizationId"), ==,
                   calbook_sandbox_get_organization_id (fixture->sandbox));
  g_assert_true (json_object_has_member (me, "organization"));

  none = sandbox_request (fixture, "GET", "/v2/me", NULL, NULL, NULL);
  sandbox_assert_error (none, 401, "UnauthorizedException", MSG_NO_AUTH);

  invalid = sandbox_request (fixture, "GET", "/v2/me", "cal_test_0000", NULL, NULL);
  sandbox_assert_error (invalid, 401, "UnauthorizedException", "ApiAuthStrategy - api key - Your api key is not valid");

  token = sandbox_request (fixture, "GET", "/v2/me", "not-a-cal-key", NULL, NULL);
  sandbox_assert_error (token, 401, "UnauthorizedException", "ApiAuthStrategy - Invalid Bearer token");

  g_assert_null (calbook_sandbox_get_api_key (fixture->sandbox, "nobody"));
}

static void
test_request_id (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  g_autoptr(SandboxReply) a = sandbox_request (fixture, "GET", "/v2/me", NULL, NULL, NULL);
  g_autoptr(SandboxReply) b = sandbox_request (fixture, "GET", "/nowhere", NULL, NULL, NULL);
  g_autoptr(SandboxReply) c = sandbox_request (fixture, "GET", "/v2/me", sandbox_fixture_key (fixture, "max.mueller"), NULL, NULL);

  g_assert_nonnull (sandbox_reply_header (a, "X-Request-Id"));
  g_assert_nonnull (sandbox_reply_header (b, "X-Request-Id"));
  g_assert_nonnull (sandbox_reply_header (c, "X-Request-Id"));
  g_assert_cmpstr (sandbox_reply_header (a, "X-Request-Id"), !=, sandbox_reply_header (c, "X-Request-Id"));
  sandbox_assert_error (b, 404, "NotFoundException", "Cannot GET /nowhere");
}

static void
test_pagination (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (3, 0);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(SandboxReply) empty = NULL;
  const char *key = sandbox_fixture_key (fixture, "sofia.rossi");
  static const gint64 takes[] = { 1, 7, 37, 100, 250 };
  gint64 total = get_total (fixture, "/v2/bookings?take=1", key);
  JsonObject *pagination;

  g_assert_cmpint (total, >, 150);

  for (guint t = 0; t < G_N_ELEMENTS (takes); t++)
    {
      gint64 skips[] = { 0, 1, takes[t], total - 1, total, total + 5 };

      for (guint s = 0; s < G_N_ELEMENTS (skips); s++)
        {
          g_autofree char *path = g_strdup_printf ("/v2/bookings?take=%" G_GINT64_FORMAT "&skip=%" G_GINT64_FORMAT,
                                                   takes[t], skips[s]);
          g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, key, V_BOOKINGS, NULL);
          gint64 take = takes[t], skip = skips[s];
          gint64 expected_returned = CLAMP (total - skip, 0, take);
          gint64 total_pages = (total + take - 1) / take;

          g_assert_cmpuint (reply->status, ==, 200);
          pagination = json_object_get_object_member (sandbox_reply_object (reply), "pagination");
          g_assert_cmpint (json_array_get_length (sandbox_reply_data_array (reply)), ==, expected_returned);
          g_assert_cmpint (json_object_get_int_member (pagination, "returnedItems"), ==, expected_returned);
          g_assert_cmpint (json_object_get_int_member (pagination, "totalItems"), ==, total);
          g_assert_cmpint (json_object_get_int_member (pagination, "itemsPerPage"), ==, take);
          g_assert_cmpint (json_object_get_int_member (pagination, "remainingItems"), ==, MAX (0, total - (skip + take)));
          g_assert_cmpint (json_object_get_int_member (pagination, "currentPage"), ==, skip / take + 1);
          g_assert_cmpint (json_object_get_int_member (pagination, "totalPages"), ==, total_pages);
          g_assert_true (json_object_get_boolean_member (pagination, "hasNextPage") == (skip + take < total));
          g_assert_true (json_object_get_boolean_member (pagination, "hasPreviousPage") == (skip > 0));
        }
    }

  /* Paging with take/skip visits every booking exactly once */
  for (gint64 skip = 0; skip < total; skip += 37)
    {
      g_autofree char *path = g_strdup_printf ("/v2/bookings?take=37&skip=%" G_GINT64_FORMAT, skip);
      g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, key, V_BOOKINGS, NULL);
      JsonArray *data = sandbox_reply_data_array (reply);

      for (guint i = 0; i < json_array_get_length (data); i++)
        {
          const char *uid = json_object_get_string_member (json_array_get_object_element (data, i), "uid");

          g_assert_false (g_hash_table_contains (seen, uid));
          g_hash_table_add (seen, g_strdup (uid));
        }
    }
  g_assert_cmpint (g_hash_table_size (seen), ==, total);

  /* The empty answer of cal#26502, byte for byte in its pagination */
  empty = sandbox_request (fixture, "GET", "/v2/bookings?bookingUid=nope", key, V_BOOKINGS, NULL);
  g_assert_cmpuint (empty->status, ==, 200);
  g_assert_cmpint (json_array_get_length (sandbox_reply_data_array (empty)), ==, 0);
  pagination = json_object_get_object_member (sandbox_reply_object (empty), "pagination");
  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
    g_autofree char *text = NULL;

    json_node_set_object (node, pagination);
    text = json_to_string (node, FALSE);
    g_assert_cmpstr (text, ==,
                     "{\"returnedItems\":0,\"totalItems\":0,\"itemsPerPage\":100,\"remainingItems\":0,"
                     "\"currentPage\":0,\"totalPages\":0,\"hasNextPage\":false,\"hasPreviousPage\":false}");
  }
}

static void
test_validation (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  const char *key = sandbox_fixture_key (fixture, "zoe.odegaard");
  static const struct { const char *query; const char *property; const char *constraint; const char *message; } cases[] = {
    { "status=foo", "status", "isEnum", "Invalid status. Allowed are upcoming, recurring, past, cancelled, unconfirmed" },
    { "status=upcoming,bogus", "status", "isEnum", "Invalid status. Allowed are upcoming, recurring, past, cancelled, unconfirmed" },
    { "status=", "status", "arrayNotEmpty", "status cannot be empty." },
    { "take=0", "take", "min", "take must not be less than 1" },
    { "take=251", "take", "max", "take must not be greater than 250" },
    { "take=abc", "take", "isNumber", "take must be a number conforming to the specified constraints" },
    { "skip=-1", "skip", "min", "skip must not be less than 0" },
    { "afterStart=yesterday", "afterStart", "isIso8601", "fromDate must be a valid ISO 8601 date." },
    { "beforeEnd=2026-13-45T99", "beforeEnd", "isIso8601", "toDate must be a valid ISO 8601 date." },
    { "afterUpdatedAt=x", "afterUpdatedAt", "isIso8601", "fromDate must be a valid ISO 8601 date." },
    { "sortStart=up", "sortStart", "isEnum", "SortStart must be either \"asc\" or \"desc\"." },
    { "sortUpdatedAt=newest", "sortUpdatedAt", "isEnum", "SortCreated must be either \"asc\" or \"desc\"." },
    { "eventTypeId=1.5", "eventTypeId", "isInt", "eventTypeId must be an integer number" },
    { "eventTypeIds=1,x", "eventTypeIds", "isNumber", "each value in eventTypeIds must be a number conforming to the specified constraints" },
  };
  g_autoptr(SandboxReply) unknown = NULL;
  g_autoptr(SandboxReply) repeated = NULL;
  g_autoptr(SandboxReply) both = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/v2/bookings?%s", cases[i].query);
      g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, key, V_BOOKINGS, NULL);

      sandbox_assert_validation (reply, cases[i].property, cases[i].constraint, cases[i].message);
      g_assert_cmpstr (json_object_get_string_member (sandbox_reply_object (reply), "path"), ==, path);
    }

  /* Several failures come together */
  both = sandbox_request (fixture, "GET", "/v2/bookings?status=nope&take=999", key, V_BOOKINGS, NULL);
  sandbox_assert_validation (both, "status", "isEnum", "Invalid status. Allowed are upcoming, recurring, past, cancelled, unconfirmed");
  sandbox_assert_validation (both, "take", "max", "take must not be greater than 250");

  /* take and skip go through parseInt: "" fails every rule, 2.5 is 2 */
  {
    g_autoptr(SandboxReply) blank = sandbox_request (fixture, "GET", "/v2/bookings?take=", key, V_BOOKINGS, NULL);
    g_autoptr(SandboxReply) fraction = sandbox_request (fixture, "GET", "/v2/bookings?take=2.5&skip=1e3", key, V_BOOKINGS, NULL);
    JsonObject *pagination;

    sandbox_assert_validation (blank, "take", "max", "take must not be greater than 250");
    sandbox_assert_validation (blank, "take", "min", "take must not be less than 1");
    sandbox_assert_validation (blank, "take", "isNumber", "take must be a number conforming to the specified constraints");
    g_assert_cmpuint (fraction->status, ==, 200);
    pagination = json_object_get_object_member (sandbox_reply_object (fraction), "pagination");
    g_assert_cmpint (json_object_get_int_member (pagination, "itemsPerPage"), ==, 2);
    g_assert_true (json_object_get_boolean_member (pagination, "hasPreviousPage"));
  }

  /* Unknown parameters (the Companion's limit/offset) are dropped */
  unknown = sandbox_request (fixture, "GET", "/v2/bookings?limit=5&offset=3&fromDate=x", key, V_BOOKINGS, NULL);
  g_assert_cmpuint (unknown->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (sandbox_reply_object (unknown), "pagination"),
                                               "itemsPerPage"), ==, 100);

  /* Repeated status parameters are ORed like a comma list */
  repeated = sandbox_request (fixture, "GET", "/v2/bookings?status=upcoming&status=past", key, V_BOOKINGS, NULL);
  g_assert_cmpuint (repeated->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (sandbox_reply_object (repeated), "pagination"), "totalItems"),
                   ==, get_total (fixture, "/v2/bookings?status=upcoming,past", key));
}

static void
test_scope (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (5, 0);
  g_autoptr(SandboxReply) all = NULL;
  const char *members[] = { "zoe.odegaard", "jose.nunez", "liam.obrien" };
  gint64 admin_total = get_total (fixture, "/v2/bookings?take=1", sandbox_fixture_key (fixture, "sofia.rossi"));
  gint64 owner_total = get_total (fixture, "/v2/bookings?take=1", sandbox_fixture_key (fixture, "max.mueller"));
  gint64 sum = 0;

  /* ADMIN and OWNER see the whole organization */
  g_assert_cmpint (admin_total, ==, owner_total);

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      g_autoptr(SandboxReply) me = sandbox_request (fixture, "GET", "/v2/me", sandbox_fixture_key (fixture, members[m]), NULL, NULL);
      g_autoptr(SandboxReply) list = sandbox_request (fixture, "GET", "/v2/bookings?take=250",
                                                      sandbox_fixture_key (fixture, members[m]), V_BOOKINGS, NULL);
      JsonObject *profile = sandbox_reply_data_object (me);
      JsonArray *data = sandbox_reply_data_array (list);

      g_assert_cmpint (json_array_get_length (data), >, 0);
      g_assert_cmpint (json_array_get_length (data), <, admin_total);
      for (guint i = 0; i < json_array_get_length (data); i++)
        g_assert_true (booking_involves (json_array_get_object_element (data, i),
                                         json_object_get_int_member (profile, "id"),
                                         json_object_get_string_member (profile, "email")));
      sum += json_array_get_length (data);
    }
  g_assert_cmpint (sum, <=, admin_total + 50);

  /* The admin also has bookings of their own */
  all = sandbox_request (fixture, "GET", "/v2/organizations/7001/bookings?userIds=102&take=250",
                         sandbox_fixture_key (fixture, "sofia.rossi"), NULL, NULL);
  g_assert_cmpuint (all->status, ==, 200);
  g_assert_cmpint (json_array_get_length (sandbox_reply_data_array (all)), >, 5);
}

static void
test_filters (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (7, 0);
  const char *key = sandbox_fixture_key (fixture, "max.mueller");
  g_autoptr(SandboxReply) first = sandbox_request (fixture, "GET", "/v2/bookings?take=1&sortStart=asc", key, V_BOOKINGS, NULL);
  JsonObject *booking = json_array_get_object_element (sandbox_reply_data_array (first), 0);
  JsonObject *attendee = json_array_get_object_element (json_object_get_array_member (booking, "attendees"), 0);
  const char *email = json_object_get_string_member (attendee, "email");
  const char *name = json_object_get_string_member (attendee, "name");
  gint64 previous = 0;

  /* Exact attendee match (after trim), not substring */
  {
    g_autofree char *escaped = g_uri_escape_string (email, NULL, TRUE);
    g_autofree char *path = g_strdup_printf ("/v2/bookings?take=250&attendeeEmail=%%20%s%%20", escaped);
    g_autofree char *partial = g_strdup_printf ("/v2/bookings?attendeeEmail=%.5s", escaped);
    g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, key, V_BOOKINGS, NULL);
    JsonArray *data = sandbox_reply_data_array (reply);

    g_assert_cmpint (json_array_get_length (data), >=, 1);
    for (guint i = 0; i < json_array_get_length (data); i++)
      g_assert_true (booking_involves (json_array_get_object_element (data, i), -1, email));
    g_assert_cmpint (get_total (fixture, partial, key), ==, 0);
  }
  {
    g_autofree char *escaped = g_uri_escape_string (name, NULL, TRUE);
    g_autofree char *path = g_strdup_printf ("/v2/bookings?attendeeName=%s", escaped);

    g_assert_cmpint (get_total (fixture, path, key), >=, 1);
  }

  /* An unencoded "+" arrives as a space; Cal.com's transform puts it back */
  {
    g_autoptr(SandboxReply) created = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                                                       "{\"start\":\"2031-01-06T09:00:00Z\",\"eventTypeId\":1011,"
                                                       "\"attendee\":{\"name\":\"Plus\",\"email\":\"ana+work@example.com\",\"timeZone\":\"UTC\"}}");

    g_assert_cmpuint (created->status, ==, 201);
    g_assert_cmpint (get_total (fixture, "/v2/bookings?attendeeEmail=ana+work@example.com", key), ==, 1);
    g_assert_cmpint (get_total (fixture, "/v2/bookings?attendeeEmail=ana%2Bwork@example.com", key), ==, 1);
    g_assert_cmpint (get_total (fixture, "/v2/bookings?eventTypeIds=1011&eventTypeId=1021", key), ==,
                     get_total (fixture, "/v2/bookings?eventTypeId=1011", key));
  }

  /* Event type filters */
  {
    gint64 a = get_total (fixture, "/v2/bookings?eventTypeId=1021", key);
    gint64 b = get_total (fixture, "/v2/bookings?eventTypeId=1022", key);

    g_assert_cmpint (a, >, 0);
    g_assert_cmpint (get_total (fixture, "/v2/bookings?eventTypeIds=1021,1022", key), ==, a + b);
  }

  /* A team filter matches nothing: the sandbox has no team event types */
  g_assert_cmpint (get_total (fixture, "/v2/bookings?teamId=5", key), ==, 0);
  g_assert_cmpint (get_total (fixture, "/v2/bookings?bookingUid=", key), ==, get_total (fixture, "/v2/bookings", key));

  /* Sorting, and the date range filters, honour what they say */
  {
    g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/v2/bookings?take=250&sortStart=desc", key, V_BOOKINGS, NULL);
    JsonArray *data = sandbox_reply_data_array (reply);
    const char *last = NULL;

    for (guint i = 0; i < json_array_get_length (data); i++)
      {
        const char *start = json_object_get_string_member (json_array_get_object_element (data, i), "start");

        if (last != NULL)
          g_assert_cmpstr (start, <=, last);
        last = start;
      }
  }
  {
    g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET",
                                                     "/v2/bookings?take=250&afterStart=2000-01-01&beforeEnd=2100-01-01T00:00:00Z&sortUpdatedAt=asc",
                                                     key, V_BOOKINGS, NULL);
    JsonArray *data = sandbox_reply_data_array (reply);

    g_assert_cmpint (json_array_get_length (data), >, 0);
    for (guint i = 0; i < json_array_get_length (data); i++)
      {
        gint64 updated = 0;
        g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (json_object_get_string_member (json_array_get_object_element (data, i), "updatedAt"), NULL);

        g_assert_nonnull (dt);
        updated = g_date_time_to_unix (dt) * 1000000 + g_date_time_get_microsecond (dt);
        g_assert_cmpint (updated, >=, previous);
        previous = updated;
      }
  }
  g_assert_cmpint (get_total (fixture, "/v2/bookings?afterStart=2100-01-01", key), ==, 0);
  g_assert_cmpint (get_total (fixture, "/v2/bookings?beforeEnd=2000-01-01", key), ==, 0);
}

static void
test_default_order (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (2, 0);
  const char *key = sandbox_fixture_key (fixture, "sofia.rossi");
  static const struct { const char *status; int direction; } cases[] = {
    { "upcoming", 1 }, { "recurring", 1 }, { "unconfirmed", 1 }, { "past", -1 }, { "cancelled", -1 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = g_strdup_printf ("/v2/bookings?take=250&status=%s", cases[c].status);
      g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, key, V_BOOKINGS, NULL);
      JsonArray *data = sandbox_reply_data_array (reply);
      const char *last = NULL;

      g_assert_cmpint (json_array_get_length (data), >, 0);
      for (guint i = 0; i < json_array_get_length (data); i++)
        {
          const char *start = json_object_get_string_member (json_array_get_object_element (data, i), "start");

          if (last != NULL)
            g_assert_cmpint (g_strcmp0 (start, last) * cases[c].direction, >=, 0);
          last = start;
        }
    }
}

static void
test_versions (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  const char *key = sandbox_fixture_key (fixture, "zoe.odegaard");
  g_autoptr(SandboxReply) location = sandbox_request (fixture, "PATCH", "/v2/bookings/abc/location", key, NULL, "{}");
  g_autoptr(SandboxReply) guests = sandbox_request (fixture, "POST", "/v2/bookings/abc/guests", key, NULL, "{}");
  g_autoptr(SandboxReply) event_types = sandbox_request (fixture, "GET", "/v2/event-types", key, V_BOOKINGS, NULL);
  g_autoptr(SandboxReply) event_types_ok = sandbox_request (fixture, "GET", "/v2/event-types", key, V_EVENT_TYPES, NULL);
  g_autoptr(SandboxReply) slots = sandbox_request (fixture, "GET", "/v2/slots?eventTypeId=1021&start=2030-01-01&end=2030-01-02", NULL, NULL, NULL);
  g_autoptr(SandboxReply) legacy = sandbox_request (fixture, "GET", "/v2/bookings", key, NULL, NULL);
  g_autoptr(SandboxReply) orgs = sandbox_request (fixture, "GET", "/v2/me", key, "2099-01-01", NULL);
  JsonObject *data;

  sandbox_assert_error (location, 404, "NotFoundException", "Cannot PATCH /v2/bookings/abc/location");
  sandbox_assert_error (guests, 404, "NotFoundException", "Cannot POST /v2/bookings/abc/guests");
  sandbox_assert_error (event_types, 404, "NotFoundException", "Cannot GET /v2/event-types");
  g_assert_cmpuint (event_types_ok->status, ==, 200);
  sandbox_assert_error (slots, 404, "NotFoundException", NULL);

  /* Without the header, /v2/bookings answers the old 2024-04-15 shape */
  g_assert_cmpuint (legacy->status, ==, 200);
  data = sandbox_reply_data_object (legacy);
  g_assert_true (json_object_has_member (data, "bookings"));
  g_assert_false (json_object_has_member (sandbox_reply_object (legacy), "pagination"));

  /* A known version without a bookings controller is a 404; an unknown one is the legacy list */
  {
    g_autoptr(SandboxReply) slots_version = sandbox_request (fixture, "GET", "/v2/bookings", key, V_SLOTS, NULL);
    g_autoptr(SandboxReply) unknown_version = sandbox_request (fixture, "GET", "/v2/bookings", key, "2099-01-01", NULL);

    sandbox_assert_error (slots_version, 404, "NotFoundException", "Cannot GET /v2/bookings");
    g_assert_true (json_object_has_member (sandbox_reply_data_object (unknown_version), "bookings"));
  }

  /* /v2/me takes any version */
  g_assert_cmpuint (orgs->status, ==, 200);
}

static void
test_single (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  const char *key = sandbox_fixture_key (fixture, "sofia.rossi");
  g_autoptr(SandboxReply) missing = sandbox_request (fixture, "GET", "/v2/bookings/doesNotExist", NULL, V_BOOKINGS, NULL);
  g_autoptr(SandboxReply) recurring = sandbox_request (fixture, "GET", "/v2/bookings?status=recurring&take=1", key, V_BOOKINGS, NULL);
  g_autoptr(SandboxReply) one = NULL;
  g_autoptr(SandboxReply) series = NULL;
  g_autoptr(GRegex) time_re = g_regex_new ("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$", 0, 0, NULL);
  static const char *required[] = { "id", "uid", "title", "description", "hosts", "status", "start", "end", "duration",
                                    "eventTypeId", "eventType", "location", "absentHost", "createdAt", "updatedAt",
                                    "attendees", "bookingFieldsResponses" };
  JsonObject *booking;
  g_autofree char *path = NULL;
  g_autofree char *series_path = NULL;

  sandbox_assert_error (missing, 404, "NotFoundException", "Booking with uid=doesNotExist was not found in the database");

  booking = json_array_get_object_element (sandbox_reply_data_array (recurring), 0);
  path = g_strdup_printf ("/v2/bookings/%s", json_object_get_string_member (booking, "uid"));
  one = sandbox_request (fixture, "GET", path, NULL, V_BOOKINGS, NULL);
  booking = sandbox_reply_data_object (one);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_true (json_object_has_member (booking, required[i]));
  g_assert_true (g_regex_match (time_re, json_object_get_string_member (booking, "start"), 0, NULL));
  g_assert_true (g_regex_match (time_re, json_object_get_string_member (booking, "updatedAt"), 0, NULL));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (booking, "eventType"), "id"), ==,
                   json_object_get_int_member (booking, "eventTypeId"));

  /* A recurringBookingUid answers the whole series as an array */
  series_path = g_strdup_printf ("/v2/bookings/%s", json_object_get_string_member (booking, "recurringBookingUid"));
  series = sandbox_request (fixture, "GET", series_path, NULL, V_BOOKINGS, NULL);
  g_assert_cmpint (json_array_get_length (sandbox_reply_data_array (series)), >=, 2);
}

static void
test_organizations (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  const char *admin = sandbox_fixture_key (fixture, "sofia.rossi");
  const char *member = sandbox_fixture_key (fixture, "jose.nunez");
  g_autoptr(SandboxReply) memberships = sandbox_request (fixture, "GET", "/v2/organizations/7001/memberships", admin, NULL, NULL);
  g_autoptr(SandboxReply) denied = sandbox_request (fixture, "GET", "/v2/organizations/7001/memberships", member, NULL, NULL);
  g_autoptr(SandboxReply) denied_bookings = sandbox_request (fixture, "GET", "/v2/organizations/7001/bookings?take=1", member, V_BOOKINGS, NULL);
  g_autoptr(SandboxReply) other_org = sandbox_request (fixture, "GET", "/v2/organizations/42/bookings", admin, NULL, NULL);
  g_autoptr(SandboxReply) unknown_user = sandbox_request (fixture, "GET", "/v2/organizations/7001/bookings?userIds=103,99999", admin, NULL, NULL);
  g_autoptr(SandboxReply) anonymous = sandbox_request (fixture, "GET", "/v2/organizations/7001/bookings", NULL, NULL, NULL);
  g_autoptr(SandboxReply) by_user = sandbox_request (fixture, "GET", "/v2/organizations/7001/bookings?userIds=103&take=250", admin, NULL, NULL);
  JsonArray *data = sandbox_reply_data_array (memberships);
  gboolean roles[3] = { FALSE, FALSE, FALSE };

  g_assert_cmpint (json_array_get_length (data), >=, 5);
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *item = json_array_get_object_element (data, i);
      const char *role = json_object_get_string_member (item, "role");

      roles[0] |= g_str_equal (role, "OWNER");
      roles[1] |= g_str_equal (role, "ADMIN");
      roles[2] |= g_str_equal (role, "MEMBER");
      g_assert_nonnull (json_object_get_object_member (item, "user"));
      g_assert_true (json_object_has_member (item, "userId"));
    }
  g_assert_true (roles[0] && roles[1] && roles[2]);

  sandbox_assert_error (denied, 403, "ForbiddenException",
                        "RolesGuard - user with id=104 does not have the minimum required role=ORG_ADMIN within organization with id=7001.");
  sandbox_assert_error (denied_bookings, 403, "ForbiddenException",
                        "RolesGuard - user with id=104 does not have the minimum required role=ORG_ADMIN within organization with id=7001.");
  sandbox_assert_error (other_org, 403, "ForbiddenException", "RolesGuard - User is not a member of the organization with id=42.");
  sandbox_assert_error (unknown_user, 403, "ForbiddenException", "You do not have permissions to fetch bookings for specified userIds");
  sandbox_assert_error (anonymous, 401, "UnauthorizedException", NULL);

  data = sandbox_reply_data_array (by_user);
  g_assert_cmpint (json_array_get_length (data), >, 0);
  for (guint i = 0; i < json_array_get_length (data); i++)
    g_assert_true (booking_involves (json_array_get_object_element (data, i), 103, "zoe.odegaard@northwind-clinic.example"));
}

static void
test_event_types (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/v2/event-types", sandbox_fixture_key (fixture, "zoe.odegaard"), V_EVENT_TYPES, NULL);
  JsonArray *data = sandbox_reply_data_array (reply);
  gboolean recurring = FALSE, multi = FALSE;

  g_assert_cmpint (json_array_get_length (data), ==, 4);
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *et = json_array_get_object_element (data, i);

      g_assert_cmpint (json_object_get_int_member (et, "ownerId"), ==, 103);
      g_assert_true (json_object_has_member (et, "lengthInMinutes"));
      g_assert_false (json_object_has_member (et, "length"));
      g_assert_cmpint (json_array_get_length (json_object_get_array_member (et, "locations")), ==, 1);
      g_assert_cmpint (json_array_get_length (json_object_get_array_member (et, "bookingFields")), >, 2);
      recurring |= !json_object_get_null_member (et, "recurrence");
      multi |= json_object_has_member (et, "lengthInMinutesOptions");
    }
  g_assert_true (recurring);
  g_assert_true (multi);
}

static void
test_slots (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  g_autoptr(SandboxReply) berlin = NULL;
  g_autoptr(SandboxReply) range = NULL;
  g_autoptr(SandboxReply) weekend = NULL;
  g_autoptr(SandboxReply) booked = NULL;
  g_autoptr(SandboxReply) after = NULL;
  g_autoptr(SandboxReply) freed = NULL;
  JsonObject *data;
  JsonArray *day;
  const char *uid;
  g_autofree char *freed_path = NULL;

  /* 2030-01-07 is a Monday; far from the seeded ±60 days */
  calbook_sandbox_set_now (fixture->sandbox, 1893456000); /* 2030-01-01 */
  berlin = sandbox_request (fixture, "GET", "/v2/slots?eventTypeId=1021&start=2030-01-07&end=2030-01-07&timeZone=Asia/Tokyo",
                            NULL, V_SLOTS, NULL);
  data = sandbox_reply_data_object (berlin);
  /* Oslo 09:00–17:00 is 17:00–01:00 in Tokyo: two local dates */
  day = json_object_get_array_member (data, "2030-01-07");
  g_assert_nonnull (day);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (day, 0), "start"), ==,
                   "2030-01-07T17:00:00.000+09:00");
  g_assert_false (json_object_has_member (json_array_get_object_element (day, 0), "end"));
  g_assert_nonnull (json_object_get_array_member (data, "2030-01-08"));

  range = sandbox_request (fixture, "GET", "/v2/slots?eventTypeId=1021&start=2030-01-07&end=2030-01-07&format=range",
                           NULL, V_SLOTS, NULL);
  day = json_object_get_array_member (sandbox_reply_data_object (range), "2030-01-07");
  g_assert_cmpint (json_array_get_length (day), ==, 16);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (day, 0), "start"), ==, "2030-01-07T08:00:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (day, 0), "end"), ==, "2030-01-07T08:30:00.000Z");

  weekend = sandbox_request (fixture, "GET", "/v2/slots?eventTypeId=1021&start=2030-01-05&end=2030-01-06", NULL, V_SLOTS, NULL);
  g_assert_cmpuint (json_object_get_size (sandbox_reply_data_object (weekend)), ==, 0);

  booked = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                            "{\"start\":\"2030-01-07T08:00:00Z\",\"eventTypeId\":1021,"
                            "\"attendee\":{\"name\":\"A\",\"email\":\"a@example.com\",\"timeZone\":\"UTC\"}}");
  g_assert_cmpuint (booked->status, ==, 201);
  uid = json_object_get_string_member (sandbox_reply_data_object (booked), "uid");

  after = sandbox_request (fixture, "GET", "/v2/slots?eventTypeId=1021&start=2030-01-07&end=2030-01-07", NULL, V_SLOTS, NULL);
  day = json_object_get_array_member (sandbox_reply_data_object (after), "2030-01-07");
  g_assert_cmpint (json_array_get_length (day), ==, 15);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (day, 0), "start"), ==, "2030-01-07T08:30:00.000Z");

  /* Working hours follow the host's zone across the DST change of
   * 2030-03-31, and the offsets in the answer follow the asked zone */
  {
    g_autoptr(SandboxReply) dst = sandbox_request (fixture, "GET",
                                                   "/v2/slots?eventTypeId=1021&start=2030-03-29&end=2030-04-01T23:00:00Z&timeZone=Europe/Oslo",
                                                   NULL, V_SLOTS, NULL);
    g_autoptr(SandboxReply) durations = sandbox_request (fixture, "GET",
                                                         "/v2/slots?eventTypeId=1023&start=2030-01-08&end=2030-01-08&duration=45&format=range",
                                                         NULL, V_SLOTS, NULL);
    JsonObject *days = sandbox_reply_data_object (dst);
    JsonArray *slots;

    g_assert_cmpuint (json_object_get_size (days), ==, 2);
    slots = json_object_get_array_member (days, "2030-03-29");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (slots, 0), "start"), ==, "2030-03-29T09:00:00.000+01:00");
    slots = json_object_get_array_member (days, "2030-04-01");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (slots, 0), "start"), ==, "2030-04-01T09:00:00.000+02:00");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (slots, 15), "start"), ==, "2030-04-01T16:30:00.000+02:00");

    slots = json_object_get_array_member (sandbox_reply_data_object (durations), "2030-01-08");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (slots, 0), "start"), ==, "2030-01-08T08:00:00.000Z");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (slots, 0), "end"), ==, "2030-01-08T08:45:00.000Z");
  }

  freed_path = g_strdup_printf ("/v2/slots?eventTypeId=1021&start=2030-01-07&end=2030-01-07&bookingUidToReschedule=%s", uid);
  freed = sandbox_request (fixture, "GET", freed_path, NULL, V_SLOTS, NULL);
  day = json_object_get_array_member (sandbox_reply_data_object (freed), "2030-01-07");
  g_assert_cmpint (json_array_get_length (day), ==, 16);
}

static void
test_slots_input (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  static const struct { const char *query; guint status; const char *message; } cases[] = {
    { "eventTypeId=1021&start=2030-01-07&end=2030-01-08&foo=1", 400, "foo property is wrong,property foo should not exist " },
    { "eventTypeId=1021&start=monday&end=2030-01-08", 400, "start property is wrong,start must be a valid ISO 8601 date string " },
    { "eventTypeId=1021&start=2030-01-07", 400, "end property is wrong,end must be a valid ISO 8601 date string " },
    { "eventTypeId=1021&start=2030-01-07&end=2030-01-08&timeZone=Mars/Base", 400,
      "timeZone property is wrong,timeZone must be a valid IANA time-zone " },
    { "eventTypeId=1021&start=2030-01-07&end=2030-01-08&format=list", 400,
      "format property is wrong,slotFormat must be either 'range' or 'time' " },
    { "eventTypeId=abc&start=2030-01-07&end=2030-01-08", 400,
      "eventTypeId property is wrong,eventTypeId must be a number conforming to the specified constraints " },
    { "eventTypeId=999&start=2030-01-07&end=2030-01-08", 404, "Event Type not found" },
    { "eventTypeSlug=30min&username=nobody&start=2030-01-07&end=2030-01-08", 404, "User with username nobody not found" },
    { "eventTypeSlug=nothing&username=zoe.odegaard&start=2030-01-07&end=2030-01-08", 404, "Event Type not found" },
    { "eventTypeSlug=30min&teamSlug=sales&start=2030-01-07&end=2030-01-08", 404, "Team with slug sales not found" },
  };
  g_autoptr(SandboxReply) by_slug = NULL;
  g_autoptr(SandboxReply) reversed = NULL;

  calbook_sandbox_set_now (fixture->sandbox, 1893456000);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/v2/slots?%s", cases[i].query);
      g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, NULL, V_SLOTS, NULL);

      sandbox_assert_error (reply, cases[i].status, cases[i].status == 400 ? "BadRequestException" : "NotFoundException",
                            cases[i].message);
    }

  by_slug = sandbox_request (fixture, "GET", "/v2/slots?eventTypeSlug=30min&username=zoe.odegaard&start=2030-01-07&end=2030-01-07",
                             NULL, V_SLOTS, NULL);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (sandbox_reply_data_object (by_slug), "2030-01-07")), ==, 16);

  reversed = sandbox_request (fixture, "GET", "/v2/slots?eventTypeId=1021&start=2030-01-08&end=2030-01-07T00:00:00Z", NULL, V_SLOTS, NULL);
  g_assert_cmpuint (json_object_get_size (sandbox_reply_data_object (reversed)), ==, 0);
}

static void
test_demo_data (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (11, 0);
  g_autoptr(SandboxFixture) twin = sandbox_fixture_new (11, 0);
  g_autoptr(GHashTable) statuses = g_hash_table_new (g_str_hash, g_str_equal);
  const char *key = sandbox_fixture_key (fixture, "max.mueller");
  gboolean markup = FALSE, chain = FALSE, no_show = FALSE, non_ascii = FALSE, long_text = FALSE, reason = FALSE;
  gint64 total = get_total (fixture, "/v2/bookings?take=1", key);

  g_assert_cmpint (total, >=, 200);
  g_assert_cmpint (total, <=, 600);
  /* Compared page by page: ties in a fixed order */
  calbook_sandbox_set_shuffle_ties (fixture->sandbox, FALSE);
  calbook_sandbox_set_shuffle_ties (twin->sandbox, FALSE);
  /* Same seed, same keys */
  g_assert_cmpstr (sandbox_fixture_key (fixture, "sofia.rossi"), ==, sandbox_fixture_key (twin, "sofia.rossi"));

  for (gint64 skip = 0; skip < total; skip += 250)
    {
      g_autofree char *path = g_strdup_printf ("/v2/bookings?take=250&skip=%" G_GINT64_FORMAT, skip);
      g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, key, V_BOOKINGS, NULL);
      g_autoptr(SandboxReply) twin_reply = sandbox_request (twin, "GET", path, sandbox_fixture_key (twin, "max.mueller"), V_BOOKINGS, NULL);
      JsonArray *data = sandbox_reply_data_array (reply);
      JsonArray *twin_data = sandbox_reply_data_array (twin_reply);

      g_assert_cmpint (json_array_get_length (data), ==, json_array_get_length (twin_data));
      for (guint i = 0; i < json_array_get_length (data); i++)
        {
          JsonObject *b = json_array_get_object_element (data, i);
          JsonArray *attendees = json_object_get_array_member (b, "attendees");
          const char *description = json_object_get_string_member (b, "description");

          g_assert_cmpstr (json_object_get_string_member (b, "uid"), ==,
                           json_object_get_string_member (json_array_get_object_element (twin_data, i), "uid"));
          g_hash_table_add (statuses, (gpointer) g_intern_string (json_object_get_string_member (b, "status")));
          markup |= strstr (description, "<b>bold</b> & <i>") != NULL;
          long_text |= strlen (description) > 500;
          chain |= json_object_has_member (b, "rescheduledToUid");
          reason |= json_object_has_member (b, "cancellationReason");
          no_show |= json_object_get_boolean_member (b, "absentHost");
          for (guint a = 0; a < json_array_get_length (attendees); a++)
            {
              JsonObject *attendee = json_array_get_object_element (attendees, a);

              no_show |= json_object_get_boolean_member (attendee, "absent");
              non_ascii |= !g_str_is_ascii (json_object_get_string_member (attendee, "name"));
            }
        }
    }

  g_assert_true (g_hash_table_contains (statuses, "accepted"));
  g_assert_true (g_hash_table_contains (statuses, "pending"));
  g_assert_true (g_hash_table_contains (statuses, "cancelled"));
  g_assert_true (g_hash_table_contains (statuses, "rejected"));
  g_assert_true (markup && long_text && chain && reason && no_show && non_ascii);
  g_assert_cmpint (get_total (fixture, "/v2/bookings?status=unconfirmed", key), >, 0);
  g_assert_cmpint (get_total (fixture, "/v2/bookings?status=recurring", key), >, 0);
  g_assert_cmpint (get_total (fixture, "/v2/bookings?status=past", key), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/read/me", test_me);
  g_test_add_func ("/sandbox/read/request-id", test_request_id);
  g_test_add_func ("/sandbox/read/pagination", test_pagination);
  g_test_add_func ("/sandbox/read/validation", test_validation);
  g_test_add_func ("/sandbox/read/scope", test_scope);
  g_test_add_func ("/sandbox/read/filters", test_filters);
  g_test_add_func ("/sandbox/read/default-order", test_default_order);
  g_test_add_func ("/sandbox/read/versions", test_versions);
  g_test_add_func ("/sandbox/read/single", test_single);
  g_test_add_func ("/sandbox/read/organizations", test_organizations);
  g_test_add_func ("/sandbox/read/event-types", test_event_types);
  g_test_add_func ("/sandbox/read/slots", test_slots);
  g_test_add_func ("/sandbox/read/slots-input", test_slots_input);
  g_test_add_func ("/sandbox/read/demo-data", test_demo_data);

  return g_test_run ();
}
