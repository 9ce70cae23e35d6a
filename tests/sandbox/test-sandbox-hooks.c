/* test-sandbox-hooks.c: the /_sandbox/ test hooks and the faults that lose
 * the answer of an applied change
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

/* 2030-01-01T00:00:00Z: the seeded bookings lie around the real date, so
 * January 2030 is free. Zoë (103) works 08:00–16:00 UTC in winter. */
#define NOW_2030 G_GINT64_CONSTANT (1893456000)
#define ZOE_30MIN 1021
#define ZOE_ID 103
#define CHLOE_ID 107
#define ZOE_EMAIL "zoe.odegaard@northwind-clinic.example"

/* Auxiliary methods */

static SandboxFixture *
new_fixture (void)
{
  SandboxFixture *fixture = sandbox_fixture_new (1, 0);

  /* Faults cut connections: never reuse one */
  fixture->close_connections = TRUE;
  calbook_sandbox_set_now (fixture->sandbox, NOW_2030);
  return fixture;
}

static SandboxReply *
create (SandboxFixture *fixture,
        const char     *start,
        const char     *request_id)
{
  g_autofree char *body = g_strdup_printf ("{\"start\":\"%s\",\"eventTypeId\":%d,"
                                           "\"attendee\":{\"name\":\"Ana Ruiz\",\"email\":\"ana@example.com\","
                                           "\"timeZone\":\"Europe/Madrid\"},"
                                           "\"metadata\":{\"calbookRequestId\":\"%s\"}}",
                                           start, ZOE_30MIN, request_id);

  return sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS, body);
}

static char *
create_uid (SandboxFixture *fixture,
            const char     *start,
            const char     *request_id)
{
  g_autoptr(SandboxReply) reply = create (fixture, start, request_id);

  g_assert_cmpuint (reply->status, ==, 201);
  return g_strdup (json_object_get_string_member (sandbox_reply_data_object (reply), "uid"));
}

static void
patch_settings (SandboxFixture *fixture,
                const char     *body)
{
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "PATCH", "/_sandbox/settings", NULL, NULL, body);

  g_assert_cmpuint (reply->status, ==, 200);
}

/* Returns: (transfer full): the mutation log, optionally filtered */
static JsonObject *
get_mutations (SandboxFixture *fixture,
               const char     *query)
{
  g_autofree char *path = g_strconcat ("/_sandbox/mutations", query != NULL ? query : "", NULL);
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, NULL, NULL, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return json_object_ref (sandbox_reply_object (reply));
}

static gint64
count_of (JsonObject *log,
          const char *table,
          const char *key)
{
  JsonObject *counts = json_object_get_object_member (log, table);

  return json_object_has_member (counts, key) ? json_object_get_int_member (counts, key) : 0;
}

static JsonObject *
get_booking (SandboxFixture *fixture,
             const char     *uid,
             SandboxReply  **out_reply)
{
  g_autofree char *path = g_strdup_printf ("/v2/bookings/%s", uid);

  *out_reply = sandbox_request (fixture, "GET", path, NULL, V_BOOKINGS, NULL);
  return sandbox_reply_data_object (*out_reply);
}

/* The one booking the log holds for @request_id */
static char *
applied_uid (SandboxFixture *fixture,
             const char     *request_id)
{
  g_autofree char *query = g_strdup_printf ("?requestId=%s", request_id);
  g_autoptr(JsonObject) log = get_mutations (fixture, query);
  JsonArray *mutations = json_object_get_array_member (log, "mutations");
  JsonObject *entry;

  g_assert_cmpuint (json_array_get_length (mutations), ==, 1);
  g_assert_cmpint (count_of (log, "byRequestId", request_id), ==, 1);
  entry = json_array_get_object_element (mutations, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==, "create");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (entry, "resultUids")), ==, 1);

  return g_strdup (json_array_get_string_element (json_object_get_array_member (entry, "resultUids"), 0));
}

/* Tests */

static void
test_mutation_log (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, "2030-01-07T09:00:00Z", "create-1");
  g_autofree char *other = create_uid (fixture, "2030-01-07T10:00:00Z", "create-2");
  g_autofree char *cancel_path = g_strdup_printf ("/v2/bookings/%s/cancel", uid);
  g_autoptr(SandboxReply) refused = create (fixture, "2029-12-01T09:00:00Z", "create-past");
  g_autoptr(SandboxReply) cancelled = NULL;
  g_autoptr(SandboxReply) again = NULL;
  g_autoptr(SandboxReply) read = NULL;
  g_autoptr(SandboxReply) cleared = NULL;
  g_autoptr(JsonObject) log = NULL;
  g_autoptr(JsonObject) one = NULL;
  g_autoptr(JsonObject) empty = NULL;
  JsonObject *entry;

  /* A refused change is not applied, so not logged */
  g_assert_cmpuint (refused->status, ==, 400);
  cancelled = sandbox_request_full (fixture, fixture->session, "POST", cancel_path, NULL, V_BOOKINGS,
                                    "{\"cancellationReason\":\"ill\"}", "cancel-1");
  g_assert_cmpuint (cancelled->status, ==, 200);
  /* Sent twice: the second is refused and applies nothing */
  again = sandbox_request_full (fixture, fixture->session, "POST", cancel_path, NULL, V_BOOKINGS,
                                "{\"cancellationReason\":\"ill\"}", "cancel-1");
  g_assert_cmpuint (again->status, ==, 400);
  /* Reads are not changes */
  read = sandbox_request (fixture, "GET", "/v2/bookings", sandbox_fixture_key (fixture, "zoe.odegaard"), V_BOOKINGS, NULL);
  g_assert_cmpuint (read->status, ==, 200);

  log = get_mutations (fixture, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (log, "mutations")), ==, 3);
  g_assert_cmpint (count_of (log, "byRequestId", "create-1"), ==, 1);
  g_assert_cmpint (count_of (log, "byRequestId", "create-2"), ==, 1);
  g_assert_cmpint (count_of (log, "byRequestId", "cancel-1"), ==, 1);
  g_assert_cmpint (count_of (log, "byRequestId", "create-past"), ==, 0);
  g_assert_cmpint (count_of (log, "byUid", uid), ==, 2);
  g_assert_cmpint (count_of (log, "byUid", other), ==, 1);
  entry = json_array_get_object_element (json_object_get_array_member (log, "mutations"), 2);
  g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==, "cancel");
  g_assert_cmpstr (json_object_get_string_member (entry, "uid"), ==, uid);
  g_assert_cmpint (json_object_get_int_member (entry, "seq"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (entry, "status"), ==, 200);

  /* The same counts by request and by booking and kind */
  {
    JsonObject *request = json_object_get_object_member (json_object_get_object_member (log, "requests"), "create-1");
    JsonObject *kinds = json_object_get_object_member (json_object_get_object_member (log, "bookings"), uid);

    g_assert_cmpstr (json_object_get_string_member (request, "kind"), ==, "create");
    g_assert_cmpstr (json_object_get_string_member (request, "uid"), ==, uid);
    g_assert_cmpint (json_object_get_int_member (request, "applied"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (kinds, "create"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (kinds, "cancel"), ==, 1);
  }

  /* From C, as over HTTP */
  {
    g_autofree char *text = calbook_sandbox_dup_mutations_json (fixture->sandbox, "cancel-1", NULL);
    g_autoptr(JsonNode) parsed = json_from_string (text, NULL);
    JsonObject *counts = json_object_get_object_member (json_node_get_object (parsed), "byRequestId");

    g_assert_cmpint (json_object_get_int_member (counts, "cancel-1"), ==, 1);
    g_assert_cmpuint (json_object_get_size (counts), ==, 1);
  }

  {
    g_autofree char *query = g_strdup_printf ("?uid=%s", uid);

    one = get_mutations (fixture, query);
  }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (one, "mutations")), ==, 2);
  g_assert_cmpint (count_of (one, "byUid", other), ==, 0);

  cleared = sandbox_request (fixture, "DELETE", "/_sandbox/mutations", NULL, NULL, NULL);
  g_assert_cmpuint (cleared->status, ==, 204);
  empty = get_mutations (fixture, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (empty, "mutations")), ==, 0);
}

static void
test_reschedule_logged (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, "2030-01-07T09:00:00Z", "create-1");
  g_autofree char *path = g_strdup_printf ("/v2/bookings/%s/reschedule", uid);
  g_autoptr(SandboxReply) moved = sandbox_request_full (fixture, fixture->session, "POST", path, NULL, V_BOOKINGS,
                                                        "{\"start\":\"2030-01-08T09:00:00Z\"}", "move-1");
  g_autoptr(JsonObject) log = NULL;
  const char *new_uid;

  g_assert_cmpuint (moved->status, ==, 201);
  new_uid = json_object_get_string_member (sandbox_reply_data_object (moved), "uid");

  log = get_mutations (fixture, NULL);
  g_assert_cmpint (count_of (log, "byRequestId", "move-1"), ==, 1);
  g_assert_cmpint (count_of (log, "byUid", uid), ==, 2);
  g_assert_cmpint (count_of (log, "byUid", new_uid), ==, 1);
}

/* Each applied-* fault: the change is made, its answer never arrives
 * (@status 0: the connection drops) */
typedef struct
{
  const char *path;
  const char *spec;
  guint       status;
} AppliedFault;

static const AppliedFault applied_faults[] = {
  { "/sandbox/hooks/applied-502", "applied-502=1,on=writes", 502 },
  { "/sandbox/hooks/applied-504", "applied-504=1,on=writes", 504 },
  { "/sandbox/hooks/applied-drop", "applied-drop=1,on=writes", 0 },
};

static void
test_applied_fault (gconstpointer data)
{
  const AppliedFault *fault = data;
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *settings = g_strdup_printf ("{\"faults\":\"%s\"}", fault->spec);
  g_autoptr(SandboxReply) lost = NULL;
  g_autoptr(SandboxReply) read = NULL;
  g_autoptr(SandboxReply) fetched = NULL;
  g_autofree char *uid = NULL;
  JsonObject *booking;

  patch_settings (fixture, settings);

  lost = create (fixture, "2030-01-07T09:00:00Z", "lost-1");
  if (fault->status == 0)
    {
      g_assert_nonnull (lost->error);
    }
  else
    {
      g_assert_no_error (lost->error);
      g_assert_cmpuint (lost->status, ==, fault->status);
      g_assert_null (lost->json);
      g_assert_true (g_str_has_prefix (sandbox_reply_header (lost, "Content-Type"), "text/html"));
    }

  /* on=writes: reads are answered */
  read = sandbox_request (fixture, "GET", "/v2/me", sandbox_fixture_key (fixture, "zoe.odegaard"), NULL, NULL);
  g_assert_cmpuint (read->status, ==, 200);

  uid = applied_uid (fixture, "lost-1");
  booking = get_booking (fixture, uid, &fetched);
  g_assert_cmpstr (json_object_get_string_member (booking, "status"), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (booking, "start"), ==, "2030-01-07T09:00:00.000Z");
}

static void
test_plain_faults_apply_nothing (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(SandboxReply) failed = NULL;
  g_autoptr(JsonObject) log = NULL;

  patch_settings (fixture, "{\"faults\":\"504=1\"}");
  failed = create (fixture, "2030-01-07T09:00:00Z", "never-1");
  g_assert_cmpuint (failed->status, ==, 504);

  log = get_mutations (fixture, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (log, "mutations")), ==, 0);
}

static void
test_faults_on_reads (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(SandboxReply) read = NULL;
  g_autoptr(SandboxReply) hook = NULL;
  g_autofree char *uid = NULL;

  patch_settings (fixture, "{\"faults\":\"500=1,on=reads\"}");
  read = sandbox_request (fixture, "GET", "/v2/me", sandbox_fixture_key (fixture, "zoe.odegaard"), NULL, NULL);
  g_assert_cmpuint (read->status, ==, 500);
  uid = create_uid (fixture, "2030-01-07T09:00:00Z", "write-1");
  g_assert_nonnull (uid);
  /* The hooks are never faulted */
  hook = sandbox_request (fixture, "GET", "/_sandbox/settings", NULL, NULL, NULL);
  g_assert_cmpuint (hook->status, ==, 200);
}

typedef struct
{
  SandboxFixture *fixture;
  char           *path;
  SandboxReply   *reply;
} HeldRead;

static gpointer
held_read_thread (gpointer data)
{
  HeldRead *read = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);

  read->reply = sandbox_request_full (read->fixture, session, "GET", read->path, NULL, V_BOOKINGS, NULL, NULL);
  return NULL;
}

static gint64
held_answers (SandboxFixture *fixture)
{
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", "/_sandbox/settings", NULL, NULL, NULL);

  return json_object_get_int_member (sandbox_reply_data_object (reply), "heldAnswers");
}

/* A read held back while the booking is cancelled: stale answers what was
 * true when the request came in, slow what is true when it goes out */
typedef struct
{
  const char *path;
  const char *spec;
  const char *status;   /* what the held read answers */
} HeldReadFault;

static const HeldReadFault held_read_faults[] = {
  { "/sandbox/hooks/stale", "stale=1:3000,on=reads", "accepted" },
  { "/sandbox/hooks/slow", "slow=1:3000,on=reads", "cancelled" },
};

static void
test_held_read (gconstpointer data)
{
  const HeldReadFault *fault = data;
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, "2030-01-07T09:00:00Z", "create-1");
  g_autofree char *cancel_path = g_strdup_printf ("/v2/bookings/%s/cancel", uid);
  g_autofree char *settings = g_strdup_printf ("{\"faults\":\"%s\"}", fault->spec);
  g_autoptr(SandboxReply) cancelled = NULL;
  HeldRead read = { fixture, g_strdup_printf ("/v2/bookings/%s", uid), NULL };
  GThread *thread;

  patch_settings (fixture, settings);
  thread = g_thread_new ("held-read", held_read_thread, &read);
  while (held_answers (fixture) == 0)
    g_thread_yield ();

  cancelled = sandbox_request (fixture, "POST", cancel_path, NULL, V_BOOKINGS, "{\"cancellationReason\":\"ill\"}");
  g_assert_cmpuint (cancelled->status, ==, 200);
  g_assert_cmpint (held_answers (fixture), ==, 1);

  g_thread_join (thread);
  g_free (read.path);
  g_assert_cmpuint (read.reply->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (read.reply), "status"), ==,
                   fault->status);
  sandbox_reply_free (read.reply);
}

static void
test_settings (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(SandboxReply) bad = sandbox_request (fixture, "PATCH", "/_sandbox/settings", NULL, NULL,
                                                 "{\"faults\":\"applied-503=1\"}");
  g_autoptr(SandboxReply) set = sandbox_request (fixture, "PATCH", "/_sandbox/settings", NULL, NULL,
                                                 "{\"faults\":\"stale=0.5:10,on=writes\",\"rateLimit\":7,"
                                                 "\"now\":\"2030-02-01T10:00:00Z\"}");
  g_autoptr(SandboxReply) off = NULL;
  g_autoptr(SandboxReply) me = NULL;
  JsonObject *data;

  g_assert_cmpuint (bad->status, ==, 400);
  data = sandbox_reply_data_object (set);
  g_assert_cmpstr (json_object_get_string_member (data, "faults"), ==, "stale=0.5:10,on=writes");
  g_assert_cmpint (json_object_get_int_member (data, "rateLimit"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (data, "now"), ==, "2030-02-01T10:00:00.000Z");
  g_assert_cmpint (json_object_get_int_member (data, "heldAnswers"), ==, 0);

  me = sandbox_request (fixture, "GET", "/v2/me", sandbox_fixture_key (fixture, "zoe.odegaard"), NULL, NULL);
  g_assert_cmpstr (sandbox_reply_header (me, "X-RateLimit-Limit-Default"), ==, "7");

  off = sandbox_request (fixture, "PATCH", "/_sandbox/settings", NULL, NULL, "{\"faults\":null,\"now\":null}");
  data = sandbox_reply_data_object (off);
  g_assert_true (json_object_get_null_member (data, "faults"));
  g_assert_true (json_object_get_null_member (data, "now"));
}

static void
test_delete_booking (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, "2030-01-07T09:00:00Z", "create-1");
  g_autofree char *hook = g_strdup_printf ("/_sandbox/bookings/%s", uid);
  g_autofree char *path = g_strdup_printf ("/v2/bookings/%s", uid);
  g_autoptr(SandboxReply) deleted = sandbox_request (fixture, "DELETE", hook, NULL, NULL, NULL);
  g_autoptr(SandboxReply) gone = sandbox_request (fixture, "GET", path, NULL, V_BOOKINGS, NULL);
  g_autoptr(SandboxReply) twice = sandbox_request (fixture, "DELETE", hook, NULL, NULL, NULL);

  g_assert_cmpuint (deleted->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (sandbox_reply_data_object (deleted), "deleted"));
  g_assert_cmpuint (gone->status, ==, 404);
  g_assert_cmpuint (twice->status, ==, 404);
}

static void
test_set_organizer (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, "2030-01-07T09:00:00Z", "create-1");
  g_autofree char *hook = g_strdup_printf ("/_sandbox/bookings/%s/organizer", uid);
  g_autoptr(SandboxReply) before = NULL;
  g_autoptr(SandboxReply) moved = NULL;
  g_autoptr(SandboxReply) unknown = NULL;
  g_autoptr(SandboxReply) no_user = NULL;
  g_autoptr(SandboxReply) chloe_list = NULL;
  g_autofree char *updated_before = NULL;
  JsonObject *booking;
  JsonArray *data;
  gboolean listed = FALSE;

  updated_before = g_strdup (json_object_get_string_member (get_booking (fixture, uid, &before), "updatedAt"));

  moved = sandbox_request (fixture, "POST", hook, NULL, NULL, "{\"userId\":107}");
  booking = sandbox_reply_data_object (moved);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (booking, "hosts"), 0), "id"),
                   ==, CHLOE_ID);
  g_assert_cmpstr (json_object_get_string_member (booking, "updatedAt"), >, updated_before);

  /* Now in Chloé's own list */
  chloe_list = sandbox_request (fixture, "GET", "/v2/bookings?take=250", sandbox_fixture_key (fixture, "chloe.dubois"),
                                V_BOOKINGS, NULL);
  data = sandbox_reply_data_array (chloe_list);
  for (guint i = 0; i < json_array_get_length (data); i++)
    listed |= g_str_equal (json_object_get_string_member (json_array_get_object_element (data, i), "uid"), uid);
  g_assert_true (listed);

  unknown = sandbox_request (fixture, "POST", hook, NULL, NULL, "{\"userId\":999}");
  g_assert_cmpuint (unknown->status, ==, 404);

  /* No user at all: Cal.com names the host "unknown" */
  no_user = sandbox_request (fixture, "POST", hook, NULL, NULL, "{\"userId\":null}");
  booking = sandbox_reply_data_object (no_user);
  {
    JsonObject *host = json_array_get_object_element (json_object_get_array_member (booking, "hosts"), 0);

    g_assert_cmpstr (json_object_get_string_member (host, "id"), ==, "unknown");
  }
}

static void
test_patch_booking (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, "2030-01-07T09:00:00Z", "create-1");
  g_autofree char *hook = g_strdup_printf ("/_sandbox/bookings/%s", uid);
  g_autoptr(SandboxReply) patched = sandbox_request (fixture, "PATCH", hook, NULL, NULL,
                                                     "{\"rating\":4.5,\"metadata\":{\"big\":1e308},"
                                                     "\"updatedAt\":\"2029-12-31T23:59:59.999Z\"}");
  g_autoptr(SandboxReply) bad = sandbox_request (fixture, "PATCH", hook, NULL, NULL, "{\"updatedAt\":\"yesterday\"}");
  g_autoptr(SandboxReply) fetched = NULL;
  JsonObject *booking;

  g_assert_cmpuint (patched->status, ==, 200);
  booking = get_booking (fixture, uid, &fetched);
  g_assert_cmpfloat (json_object_get_double_member (booking, "rating"), ==, 4.5);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (booking, "metadata"), "big"), ==, 1e308);
  g_assert_cmpstr (json_object_get_string_member (booking, "updatedAt"), ==, "2029-12-31T23:59:59.999Z");
  /* A refused patch changes nothing */
  g_assert_cmpuint (bad->status, ==, 400);
}

/* Hostile text stored as if Cal.com had been given it: the stamp stays,
 * the text reaches every answer, searches included */
static void
test_stored_text (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, "2030-01-07T09:00:00Z", "create-1");
  g_autofree char *hook = g_strdup_printf ("/_sandbox/bookings/%s", uid);
  g_autoptr(SandboxReply) before = NULL;
  g_autoptr(SandboxReply) patched = NULL;
  g_autoptr(SandboxReply) fetched = NULL;
  g_autoptr(SandboxReply) wrong = NULL;
  g_autoptr(SandboxReply) null_title = NULL;
  g_autofree char *stamp = NULL;
  JsonObject *booking;
  JsonObject *attendee;

  booking = get_booking (fixture, uid, &before);
  stamp = g_strdup (json_object_get_string_member (booking, "updatedAt"));

  patched = sandbox_request (fixture, "PATCH", hook, NULL, NULL,
                             "{\"title\":\"<b>Bold</b> \\u202eevil\",\"description\":\"a &amp; b\","
                             "\"location\":\"javascript:alert(1)\",\"attendeeName\":\"<i>Ana</i>\"}");
  g_assert_cmpuint (patched->status, ==, 200);
  booking = get_booking (fixture, uid, &fetched);
  g_assert_cmpstr (json_object_get_string_member (booking, "title"), ==, "<b>Bold</b> \u202eevil");
  g_assert_cmpstr (json_object_get_string_member (booking, "location"), ==, "javascript:alert(1)");
  g_assert_cmpstr (json_object_get_string_member (booking, "updatedAt"), ==, stamp);
  attendee = json_array_get_object_element (json_object_get_array_member (booking, "attendees"), 0);
  g_assert_cmpstr (json_object_get_string_member (attendee, "name"), ==, "<i>Ana</i>");

  /* Text only; a title can't be taken away */
  wrong = sandbox_request (fixture, "PATCH", hook, NULL, NULL, "{\"title\":42}");
  g_assert_cmpuint (wrong->status, ==, 400);
  null_title = sandbox_request (fixture, "PATCH", hook, NULL, NULL, "{\"title\":null}");
  g_assert_cmpuint (null_title->status, ==, 400);
}

/* A booking no client can read, inside an answer any client can */
static void
test_unreadable_booking (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, "2030-01-07T09:00:00Z", "create-1");
  g_autofree char *hook = g_strdup_printf ("/_sandbox/bookings/%s", uid);
  g_autofree char *path = g_strdup_printf ("/v2/bookings/%s", uid);
  g_autoptr(SandboxReply) broken = sandbox_request (fixture, "PATCH", hook, NULL, NULL, "{\"unreadable\":true}");
  g_autoptr(SandboxReply) raw = sandbox_request (fixture, "PATCH", hook, NULL, NULL, "{\"raw\":{\"title\":42}}");
  g_autoptr(SandboxReply) fetched = sandbox_request (fixture, "GET", path, NULL, V_BOOKINGS, NULL);
  g_autoptr(SandboxReply) listed = sandbox_request (fixture, "GET", "/v2/bookings?attendeeEmail=ana@example.com",
                                                    sandbox_fixture_key (fixture, "zoe.odegaard"), V_BOOKINGS, NULL);
  g_autoptr(SandboxReply) mended = NULL;
  g_autoptr(SandboxReply) again = NULL;
  JsonObject *booking;

  g_assert_cmpuint (broken->status, ==, 200);
  g_assert_cmpuint (raw->status, ==, 200);
  booking = sandbox_reply_data_object (fetched);
  g_assert_cmpstr (json_object_get_string_member (booking, "end"), ==, "not a date");
  g_assert_cmpint (json_object_get_int_member (booking, "title"), ==, 42);
  booking = json_array_get_object_element (sandbox_reply_data_array (listed), 0);
  g_assert_cmpstr (json_object_get_string_member (booking, "end"), ==, "not a date");

  mended = sandbox_request (fixture, "PATCH", hook, NULL, NULL, "{\"unreadable\":false,\"raw\":{\"title\":null}}");
  g_assert_cmpuint (mended->status, ==, 200);
  again = sandbox_request (fixture, "GET", path, NULL, V_BOOKINGS, NULL);
  booking = sandbox_reply_data_object (again);
  g_assert_cmpstr (json_object_get_string_member (booking, "end"), ==, "2030-01-07T09:30:00.000Z");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (booking, "title"), "30 Minute Meeting"));
}

static void
test_remove_attendee (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, "2030-01-07T09:00:00Z", "create-1");
  g_autofree char *hook = g_strdup_printf ("/_sandbox/bookings/%s/attendees/ana@example.com", uid);
  g_autoptr(SandboxReply) before = NULL;
  g_autoptr(SandboxReply) removed = NULL;
  g_autoptr(SandboxReply) twice = NULL;
  g_autofree char *updated_before = NULL;
  JsonObject *booking;

  updated_before = g_strdup (json_object_get_string_member (get_booking (fixture, uid, &before), "updatedAt"));
  removed = sandbox_request (fixture, "DELETE", hook, NULL, NULL, NULL);
  booking = sandbox_reply_data_object (removed);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (booking, "attendees")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (booking, "updatedAt"), >, updated_before);

  twice = sandbox_request (fixture, "DELETE", hook, NULL, NULL, NULL);
  g_assert_cmpuint (twice->status, ==, 404);
}

static void
test_membership_role (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  const char *zoe = sandbox_fixture_key (fixture, "zoe.odegaard");
  g_autoptr(SandboxReply) refused = sandbox_request (fixture, "GET", "/v2/organizations/7001/bookings", zoe, V_BOOKINGS, NULL);
  g_autoptr(SandboxReply) promoted = sandbox_request (fixture, "PATCH", "/_sandbox/memberships/103", NULL, NULL,
                                                      "{\"role\":\"ADMIN\"}");
  g_autoptr(SandboxReply) allowed = sandbox_request (fixture, "GET", "/v2/organizations/7001/bookings", zoe, V_BOOKINGS, NULL);
  g_autoptr(SandboxReply) memberships = NULL;
  g_autoptr(SandboxReply) demoted = NULL;
  g_autoptr(SandboxReply) refused_again = NULL;
  g_autoptr(SandboxReply) bad = sandbox_request (fixture, "PATCH", "/_sandbox/memberships/103", NULL, NULL,
                                                 "{\"role\":\"KING\"}");
  JsonArray *data;

  g_assert_cmpuint (refused->status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (promoted), "role"), ==, "ADMIN");
  g_assert_cmpuint (allowed->status, ==, 200);
  g_assert_cmpuint (bad->status, ==, 400);

  memberships = sandbox_request (fixture, "GET", "/v2/organizations/7001/memberships", zoe, NULL, NULL);
  data = sandbox_reply_data_array (memberships);
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *m = json_array_get_object_element (data, i);

      if (json_object_get_int_member (m, "userId") == ZOE_ID)
        g_assert_cmpstr (json_object_get_string_member (m, "role"), ==, "ADMIN");
    }

  demoted = sandbox_request (fixture, "PATCH", "/_sandbox/memberships/103", NULL, NULL, "{\"role\":\"MEMBER\"}");
  g_assert_cmpuint (demoted->status, ==, 200);
  refused_again = sandbox_request (fixture, "GET", "/v2/organizations/7001/bookings", zoe, V_BOOKINGS, NULL);
  g_assert_cmpuint (refused_again->status, ==, 403);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/hooks/mutation-log", test_mutation_log);
  g_test_add_func ("/sandbox/hooks/reschedule-logged", test_reschedule_logged);
  for (guint i = 0; i < G_N_ELEMENTS (applied_faults); i++)
    g_test_add_data_func (applied_faults[i].path, &applied_faults[i], test_applied_fault);
  g_test_add_func ("/sandbox/hooks/plain-faults-apply-nothing", test_plain_faults_apply_nothing);
  g_test_add_func ("/sandbox/hooks/faults-on-reads", test_faults_on_reads);
  for (guint i = 0; i < G_N_ELEMENTS (held_read_faults); i++)
    g_test_add_data_func (held_read_faults[i].path, &held_read_faults[i], test_held_read);
  g_test_add_func ("/sandbox/hooks/settings", test_settings);
  g_test_add_func ("/sandbox/hooks/delete-booking", test_delete_booking);
  g_test_add_func ("/sandbox/hooks/set-organizer", test_set_organizer);
  g_test_add_func ("/sandbox/hooks/patch-booking", test_patch_booking);
  g_test_add_func ("/sandbox/hooks/unreadable-booking", test_unreadable_booking);
  g_test_add_func ("/sandbox/hooks/stored-text", test_stored_text);
  g_test_add_func ("/sandbox/hooks/remove-attendee", test_remove_attendee);
  g_test_add_func ("/sandbox/hooks/membership-role", test_membership_role);

  return g_test_run ();
}
