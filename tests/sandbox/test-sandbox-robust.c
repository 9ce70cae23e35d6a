/* test-sandbox-robust.c: random and malformed requests never break the server
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sandbox-test-util.h"

#define N_REQUESTS 600

static const char *methods[] = { "GET", "POST", "PATCH", "PUT", "DELETE" };

static const struct
{
  const char *template;
  const char *method;
  const char *version;
} routes[] = {
  { "/v2/me", "GET", NULL },
  { "/v2/bookings", "GET", V_BOOKINGS },
  { "/v2/bookings", "POST", V_BOOKINGS },
  { "/v2/bookings/%s", "GET", V_BOOKINGS },
  { "/v2/bookings/%s/cancel", "POST", V_BOOKINGS },
  { "/v2/bookings/%s/reschedule", "POST", V_BOOKINGS },
  { "/v2/bookings/%s/confirm", "POST", V_BOOKINGS },
  { "/v2/bookings/%s/decline", "POST", V_BOOKINGS },
  { "/v2/bookings/%s/mark-absent", "POST", V_BOOKINGS },
  { "/v2/bookings/%s/location", "PATCH", V_BOOKINGS },
  { "/v2/bookings/%s/guests", "POST", V_BOOKINGS },
  { "/v2/event-types", "GET", V_EVENT_TYPES },
  { "/v2/slots", "GET", V_SLOTS },
  { "/v2/organizations/%s/bookings", "GET", NULL },
  { "/v2/organizations/%s/memberships", "GET", NULL },
  { "/v2/%s", "GET", NULL },
  { "/%s", "GET", NULL },
  { "/v2/bookings/%s/%s", "POST", V_BOOKINGS },
};

static const char *words[] = {
  "", "7001", "42", "-1", "1e400", "9007199254740993", "abc", "%00", "%FF%FE", "%E2%82%AC", "..", "Zo%C3%AB",
  "2030-01-07T09:00:00Z", "2030-01-07", "0000-00-00", "9999-12-31T23:59:59Z", "upcoming,past", "asc", "desc",
  "1021", "1024", "range", "Europe/Berlin", "Mars/Base", "%20", "null", "true", "0x10", "1.5",
};

static const char *params[] = {
  "status", "take", "skip", "afterStart", "beforeEnd", "afterUpdatedAt", "sortStart", "sortUpdatedAt", "attendeeEmail",
  "attendeeName", "eventTypeId", "eventTypeIds", "teamId", "bookingUid", "userIds", "start", "end", "timeZone",
  "format", "duration", "bookingUidToReschedule", "username", "eventSlug", "limit",
};

static const char *bodies[] = {
  NULL, "", "{", "[]", "[1,2,3]", "null", "42", "\"text\"", "{}", "{\"start\":null}", "{\"start\":12}",
  "{\"start\":\"2030-01-07T09:00:00Z\",\"eventTypeId\":1021,\"attendee\":{\"name\":\"F\",\"email\":\"f@example.com\",\"timeZone\":\"UTC\"}}",
  "{\"start\":\"2030-01-07T10:00:00Z\",\"eventTypeId\":1e300,\"attendee\":{}}",
  "{\"start\":\"9999-12-31T23:00:00Z\",\"eventTypeId\":1024,\"attendee\":{\"name\":\"F\",\"email\":\"f@example.com\",\"timeZone\":\"UTC\"}}",
  "{\"start\":\"2030-01-08T09:00:00Z\",\"eventTypeId\":1023,\"lengthInMinutes\":-5,\"attendee\":{\"name\":\"F\",\"phoneNumber\":\"1\",\"timeZone\":\"UTC\"},\"metadata\":[1]}",
  "{\"cancellationReason\":{\"nested\":true},\"cancelSubsequentBookings\":\"yes\"}",
  "{\"cancellationReason\":\"because\"}",
  "{\"reason\":[],\"host\":7,\"attendees\":{\"email\":1}}",
  "{\"attendees\":[1,null,{\"email\":\"ana@example.com\",\"absent\":\"x\"}]}",
  "{\"location\":\"string\"}", "{\"location\":{\"type\":\"phone\"}}", "{\"location\":{\"type\":\"link\",\"link\":\"https://x.example\"}}",
  "{\"guests\":\"x\"}", "{\"guests\":[null,2]}", "{\"guests\":[{\"email\":\"g@example.com\"}]}",
  "{\"start\":\"2030-01-09T09:00:00Z\",\"rescheduledBy\":5}", "{\"start\":\"2030-01-09T09:00:00Z\"}",
  "\xff\xfe\xfd", "{\"a\":\"\\ud800\"}",
};

static const char *versions[] = { NULL, V_BOOKINGS, V_SLOTS, V_EVENT_TYPES, "garbage" };

/* Auxiliary methods */

static char *
random_word (GRand     *rand,
             GPtrArray *uids)
{
  if (uids->len > 0 && g_rand_double (rand) < 0.4)
    return g_strdup (g_ptr_array_index (uids, g_rand_int_range (rand, 0, (gint32) uids->len)));

  return g_strdup (words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
}

/* Each "%s" of @template takes the next of @a, @b. */
static char *
fill_template (const char *template,
               const char *a,
               const char *b)
{
  g_auto(GStrv) parts = g_strsplit (template, "%s", -1);
  GString *text = g_string_new (parts[0]);

  for (guint i = 1; parts[i] != NULL; i++)
    {
      g_string_append (text, i == 1 ? a : b);
      g_string_append (text, parts[i]);
    }

  return g_string_free (text, FALSE);
}

/* Tests */

static void
test_random_requests (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (3, 0);
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) g_test_rand_int ());
  const char *keys[] = { NULL, "cal_test_bogus", "Bearer-less", NULL, NULL, NULL, NULL, NULL };
  g_autoptr(SandboxReply) list = NULL;
  guint counts[6] = { 0, };

  calbook_sandbox_set_now (fixture->sandbox, 1893456000);
  keys[3] = sandbox_fixture_key (fixture, "zoe.odegaard");
  keys[4] = sandbox_fixture_key (fixture, "sofia.rossi");
  keys[5] = sandbox_fixture_key (fixture, "jose.nunez");
  keys[6] = keys[3];
  keys[7] = keys[4];

  list = sandbox_request (fixture, "GET", "/v2/bookings?take=20&status=upcoming", keys[4], V_BOOKINGS, NULL);
  for (guint i = 0; i < json_array_get_length (sandbox_reply_data_array (list)); i++)
    g_ptr_array_add (uids, g_strdup (json_object_get_string_member (json_array_get_object_element (sandbox_reply_data_array (list), i), "uid")));

  for (guint n = 0; n < N_REQUESTS; n++)
    {
      guint route = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (routes));
      const char *template = routes[route].template;
      /* Mostly the right method and version, so requests get past routing */
      const char *method = g_rand_double (rand) < 0.8 ? routes[route].method
                                                     : methods[g_rand_int_range (rand, 0, G_N_ELEMENTS (methods))];
      const char *version = g_rand_double (rand) < 0.8 ? routes[route].version
                                                      : versions[g_rand_int_range (rand, 0, G_N_ELEMENTS (versions))];
      g_autofree char *a = random_word (rand, uids);
      g_autofree char *b = random_word (rand, uids);
      g_autofree char *path = NULL;
      g_autoptr(GString) uri = NULL;
      g_autoptr(SandboxReply) reply = NULL;
      const char *body = bodies[g_rand_int_range (rand, 0, G_N_ELEMENTS (bodies))];
      guint n_params = (guint) g_rand_int_range (rand, 0, 5);
      JsonObject *root;

      /* Dots would be collapsed by GUri; keep the paths literal. libsoup
       * itself refuses a %00 in the path (400, empty body) before any
       * handler runs, so that case is not the sandbox's to answer */
      g_strdelimit (a, ".", '_');
      g_strdelimit (b, ".", '_');
      if (g_str_equal (a, "%00"))
        a[2] = '1';
      if (g_str_equal (b, "%00"))
        b[2] = '1';
      path = fill_template (template, a, b);
      uri = g_string_new (path);
      for (guint p = 0; p < n_params; p++)
        {
          g_autofree char *value = random_word (rand, uids);

          g_string_append_printf (uri, "%c%s=%s", p == 0 ? '?' : '&',
                                  params[g_rand_int_range (rand, 0, G_N_ELEMENTS (params))], value);
        }

      if (g_str_equal (method, "GET"))
        body = NULL;

      reply = sandbox_request (fixture, method, uri->str, keys[g_rand_int_range (rand, 0, G_N_ELEMENTS (keys))],
                               version, body);

      g_assert_no_error (reply->error);
      g_assert_nonnull (sandbox_reply_header (reply, "X-Request-Id"));
      if (reply->json == NULL)
        g_error ("Request %u (%s %s) answered %u without JSON", n, method, uri->str, reply->status);

      root = sandbox_reply_object (reply);
      switch (reply->status)
        {
        case 200:
        case 201:
          g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "success");
          counts[0]++;
          break;
        case 400:
          /* envelopes (a), (b), (e) or (f) */
          g_assert_true (json_object_has_member (root, "error") || json_object_has_member (root, "statusCode"));
          counts[1]++;
          break;
        case 401:
        case 403:
        case 404:
          g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "error");
          counts[reply->status == 401 ? 2 : reply->status == 403 ? 3 : 4]++;
          break;
        default:
          g_error ("Request %u (%s %s) answered %u", n, method, uri->str, reply->status);
        }
    }

  g_test_message ("2xx %u, 400 %u, 401 %u, 403 %u, 404 %u", counts[0], counts[1], counts[2], counts[3], counts[4]);
  g_assert_cmpuint (counts[0], >, 0);
  g_assert_cmpuint (counts[1], >, 0);
  g_assert_cmpuint (counts[2], >, 0);
  g_assert_cmpuint (counts[4], >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/robust/random-requests", test_random_requests);

  return g_test_run ();
}
