/* test-sandbox-limits.c: rate limits and injected faults
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

#define MSG_THROTTLED "Too many requests. Please try again later."

/* Auxiliary methods */

static gint64
header_int (SandboxReply *reply,
            const char   *name)
{
  const char *value = sandbox_reply_header (reply, name);

  g_assert_nonnull (value);
  return g_ascii_strtoll (value, NULL, 10);
}

/* A one-letter outcome per request: . ok, T 429, 5 500, B 502, U 503,
 * M malformed, D dropped */
static char
classify (SandboxReply *reply)
{
  if (reply->error != NULL)
    return 'D';

  switch (reply->status)
    {
    case 200: return reply->json != NULL ? '.' : 'M';
    case 429: return 'T';
    case 500: return '5';
    case 502: return 'B';
    case 503: return 'U';
    default: return '?';
    }
}

static char *
run_sequence (guint64     seed,
              const char *spec,
              guint       n)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (seed, 0);
  g_autoptr(GError) error = NULL;
  GString *outcomes = g_string_new (NULL);

  fixture->close_connections = TRUE;
  g_assert_true (calbook_sandbox_set_faults (fixture->sandbox, spec, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/v2/me",
                                                       sandbox_fixture_key (fixture, "zoe.odegaard"), NULL, NULL);

      g_string_append_c (outcomes, classify (reply));
    }

  return g_string_free (outcomes, FALSE);
}

/* Tests */

static void
test_rate_limit (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  const char *zoe = sandbox_fixture_key (fixture, "zoe.odegaard");
  g_autoptr(SandboxReply) blocked = NULL;
  g_autoptr(SandboxReply) still_blocked = NULL;
  g_autoptr(SandboxReply) other = NULL;

  calbook_sandbox_set_rate_limit (fixture->sandbox, 3);
  for (gint64 i = 0; i < 3; i++)
    {
      g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/v2/me", zoe, NULL, NULL);

      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpint (header_int (reply, "X-RateLimit-Limit-Default"), ==, 3);
      g_assert_cmpint (header_int (reply, "X-RateLimit-Remaining-Default"), ==, 2 - i);
      g_assert_cmpint (header_int (reply, "X-RateLimit-Reset-Default"), >=, 1);
      g_assert_cmpint (header_int (reply, "X-RateLimit-Reset-Default"), <=, 60);
      g_assert_null (sandbox_reply_header (reply, "Retry-After"));
    }

  blocked = sandbox_request (fixture, "GET", "/v2/me", zoe, NULL, NULL);
  sandbox_assert_error (blocked, 429, "ThrottlerException", MSG_THROTTLED);
  g_assert_cmpint (header_int (blocked, "X-RateLimit-Remaining-Default"), ==, 0);
  /* Seconds until the block ends, not an epoch */
  g_assert_cmpint (header_int (blocked, "X-RateLimit-Reset-Default"), ==, 60);

  still_blocked = sandbox_request (fixture, "GET", "/v2/bookings", zoe, V_BOOKINGS, NULL);
  g_assert_cmpuint (still_blocked->status, ==, 429);

  /* Counted per key */
  other = sandbox_request (fixture, "GET", "/v2/me", sandbox_fixture_key (fixture, "jose.nunez"), NULL, NULL);
  g_assert_cmpuint (other->status, ==, 200);
  g_assert_cmpint (header_int (other, "X-RateLimit-Remaining-Default"), ==, 2);
}

static void
test_rate_limit_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookSandbox) sandbox = calbook_sandbox_new (1, 0, NULL, &error);
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  g_autoptr(SandboxReply) reply = NULL;
  g_autoptr(SandboxReply) off = NULL;
  g_autoptr(SandboxReply) anonymous = NULL;

  g_assert_no_error (error);
  g_assert_null (calbook_sandbox_get_url (sandbox));

  /* The fixture turns limits off; 120 is what calbook_sandbox_new sets */
  off = sandbox_request (fixture, "GET", "/v2/me", sandbox_fixture_key (fixture, "zoe.odegaard"), NULL, NULL);
  g_assert_null (sandbox_reply_header (off, "X-RateLimit-Limit-Default"));

  calbook_sandbox_set_rate_limit (fixture->sandbox, 120);
  reply = sandbox_request (fixture, "GET", "/v2/me", sandbox_fixture_key (fixture, "zoe.odegaard"), NULL, NULL);
  g_assert_cmpint (header_int (reply, "X-RateLimit-Limit-Default"), ==, 120);
  g_assert_cmpint (header_int (reply, "X-RateLimit-Remaining-Default"), ==, 119);

  /* Errors carry the headers too */
  anonymous = sandbox_request (fixture, "GET", "/v2/me", NULL, NULL, NULL);
  g_assert_cmpuint (anonymous->status, ==, 401);
  g_assert_cmpint (header_int (anonymous, "X-RateLimit-Limit-Default"), ==, 120);
}

static void
test_guests_throttle (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  const char *zoe = sandbox_fixture_key (fixture, "zoe.odegaard");
  g_autoptr(SandboxReply) created = NULL;
  g_autoptr(SandboxReply) throttled = NULL;
  g_autofree char *path = NULL;

  calbook_sandbox_set_now (fixture->sandbox, 1893456000);
  calbook_sandbox_set_rate_limit (fixture->sandbox, 120);
  created = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                             "{\"start\":\"2030-01-07T09:00:00Z\",\"eventTypeId\":1021,"
                             "\"attendee\":{\"name\":\"A\",\"email\":\"a@example.com\",\"timeZone\":\"UTC\"}}");
  g_assert_cmpuint (created->status, ==, 201);
  path = g_strdup_printf ("/v2/bookings/%s/guests", json_object_get_string_member (sandbox_reply_data_object (created), "uid"));

  for (gint64 i = 0; i < 5; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"guests\":[{\"email\":\"g%" G_GINT64_FORMAT "@example.com\"}]}", i);
      g_autoptr(SandboxReply) reply = sandbox_request (fixture, "POST", path, zoe, V_BOOKINGS, body);

      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpint (header_int (reply, "X-RateLimit-Limit-Booking_guests_add"), ==, 5);
      g_assert_cmpint (header_int (reply, "X-RateLimit-Remaining-Booking_guests_add"), ==, 4 - i);
      g_assert_cmpint (header_int (reply, "X-RateLimit-Reset-Booking_guests_add"), >=, 1);
      g_assert_nonnull (sandbox_reply_header (reply, "X-RateLimit-Limit-Default"));
    }

  throttled = sandbox_request (fixture, "POST", path, zoe, V_BOOKINGS, "{\"guests\":[{\"email\":\"late@example.com\"}]}");
  sandbox_assert_error (throttled, 429, "ThrottlerException", MSG_THROTTLED);
  g_assert_cmpint (header_int (throttled, "X-RateLimit-Remaining-Booking_guests_add"), ==, 0);
}

static void
test_fault_kinds (void)
{
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 0);
  const char *key = sandbox_fixture_key (fixture, "zoe.odegaard");
  g_autoptr(GError) error = NULL;

  fixture->close_connections = TRUE;

  g_assert_true (calbook_sandbox_set_faults (fixture->sandbox, "500=1", &error));
  {
    g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/v2/me", key, NULL, NULL);

    sandbox_assert_error (reply, 500, "InternalServerErrorException", "Internal server error");
  }

  g_assert_true (calbook_sandbox_set_faults (fixture->sandbox, "429=1", &error));
  {
    g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/v2/me", key, NULL, NULL);

    sandbox_assert_error (reply, 429, "ThrottlerException", MSG_THROTTLED);
  }

  g_assert_true (calbook_sandbox_set_faults (fixture->sandbox, "502=1", &error));
  {
    g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/v2/me", key, NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 502);
    g_assert_null (reply->json);
    g_assert_nonnull (sandbox_reply_header (reply, "X-Request-Id"));
  }

  g_assert_true (calbook_sandbox_set_faults (fixture->sandbox, "503=1", &error));
  {
    g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/v2/me", key, NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 503);
    g_assert_null (reply->json);
  }

  g_assert_true (calbook_sandbox_set_faults (fixture->sandbox, "malformed=1", &error));
  {
    g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/v2/me", key, NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_nonnull (reply->body);
    g_assert_cmpuint (g_bytes_get_size (reply->body), >, 0);
    g_assert_null (reply->json);
  }

  g_assert_true (calbook_sandbox_set_faults (fixture->sandbox, "drop=1", &error));
  {
    g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/v2/me", key, NULL, NULL);

    g_assert_nonnull (reply->error);
    g_assert_null (reply->json);
  }

  g_assert_true (calbook_sandbox_set_faults (fixture->sandbox, "slow=1:400", &error));
  {
    gint64 begin = g_get_monotonic_time ();
    g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/v2/me", key, NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpint (g_get_monotonic_time () - begin, >=, 400 * 1000);
    g_assert_nonnull (reply->json);
  }

  g_assert_true (calbook_sandbox_set_faults (fixture->sandbox, NULL, &error));
  {
    g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/v2/me", key, NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  g_assert_no_error (error);
}

static void
test_fault_sequence (void)
{
  const char *spec = "429=0.1,500=0.1,502=0.05,503=0.05,drop=0.05,malformed=0.05,seed=42";
  g_autofree char *first = run_sequence (1, spec, 200);
  g_autofree char *second = run_sequence (99, spec, 200);
  g_autofree char *other_seed = run_sequence (1, "429=0.1,500=0.1,502=0.05,503=0.05,drop=0.05,malformed=0.05,seed=43", 200);
  const char kinds[] = ".T5BUMD";

  /* The same seed replays the same faults, whatever the data seed */
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (first, !=, other_seed);
  for (guint i = 0; i < sizeof kinds - 1; i++)
    g_assert_nonnull (strchr (first, kinds[i]));
  g_assert_null (strchr (first, '?'));
}

static void
test_fault_spec_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookSandbox) sandbox = calbook_sandbox_new (1, 0, NULL, &error);
  static const char *bad[] = { "foo=0.1", "500=2", "500=0.6,429=0.6", "slow=x", "slow=0.5:abc", "drop", "seed=x" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (calbook_sandbox_set_faults (sandbox, bad[i], &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
    }

  g_assert_true (calbook_sandbox_set_faults (sandbox, "", &error));
  g_assert_true (calbook_sandbox_set_faults (sandbox, " 500 = 0.5 , slow=0.1:10 ", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/limits/rate-limit", test_rate_limit);
  g_test_add_func ("/sandbox/limits/rate-limit-default", test_rate_limit_default);
  g_test_add_func ("/sandbox/limits/guests-throttle", test_guests_throttle);
  g_test_add_func ("/sandbox/limits/fault-kinds", test_fault_kinds);
  g_test_add_func ("/sandbox/limits/fault-sequence", test_fault_sequence);
  g_test_add_func ("/sandbox/limits/fault-spec-errors", test_fault_spec_errors);

  return g_test_run ();
}
