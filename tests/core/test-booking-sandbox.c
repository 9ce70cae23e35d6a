/* test-booking-sandbox.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The booking mapping against what a server really sends: every booking the
 * sandbox (a separate implementation of Cal.com's shapes, sharing no code
 * with the core) lists, returns or changes must read, round-trip and mean
 * what the raw JSON says.
 */

#include "config.h"

#include <locale.h>

#include "booking-reader-check.h"
#include "calbook-booking.h"
#include "calbook-json.h"
#include "calbook-error.h"
#include "calbook-sandbox.h"
#include "sandbox-test-util.h"

/* The sandbox suite's in-process sandbox, serving from its own thread so the
 * test can block on HTTP */
typedef struct
{
  SandboxFixture *server;
} Fixture;

/* Auxiliary methods */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->server = sandbox_fixture_new (20261123, 400);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->server, sandbox_fixture_free);
}

/* The first account with @role in the sandbox's own description */
static char *
dup_username (Fixture    *fixture,
              const char *role)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *info = calbook_sandbox_dup_info_json (fixture->server->sandbox);
  JsonArray *accounts;

  json_parser_load_from_data (parser, info, -1, &error);
  g_assert_no_error (error);

  accounts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "accounts");
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);

      if (g_strcmp0 (json_object_get_string_member (account, "role"), role) == 0)
        return g_strdup (json_object_get_string_member (account, "username"));
    }

  g_assert_not_reached ();
}

/* Returns the "data" member of a successful answer */
static JsonNode *
request (Fixture    *fixture,
         const char *method,
         const char *path,
         const char *username,
         const char *version,
         const char *body,
         guint       expected_status)
{
  g_autoptr(SandboxReply) reply = NULL;
  JsonObject *envelope;

  reply = sandbox_request (fixture->server, method, path,
                           username != NULL ? sandbox_fixture_key (fixture->server, username) : NULL,
                           version, body);
  g_assert_no_error (reply->error);
  if (reply->status != expected_status)
    g_error ("%s %s: %u, expected %u: %.*s", method, path, reply->status, expected_status,
             (int) g_bytes_get_size (reply->body), (const char *) g_bytes_get_data (reply->body, NULL));

  envelope = sandbox_reply_object (reply);
  g_assert_cmpstr (json_object_get_string_member (envelope, "status"), ==, "success");

  return json_node_copy (json_object_get_member (envelope, "data"));
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (date_time);
  return g_date_time_to_unix (date_time);
}

/* docs/architecture.md §2, written out again here rather than calling the code under test */
static CalbookBookingStatus
expected_status (JsonObject *raw)
{
  const char *status = json_object_get_string_member (raw, "status");
  const char *moved_to = json_object_get_string_member_with_default (raw, "rescheduledToUid", NULL);

  if (g_str_equal (status, "pending"))
    return CALBOOK_BOOKING_STATUS_PENDING;
  if (g_str_equal (status, "accepted"))
    return CALBOOK_BOOKING_STATUS_CONFIRMED;
  if (g_str_equal (status, "rejected"))
    return CALBOOK_BOOKING_STATUS_DECLINED;
  if (g_str_equal (status, "cancelled"))
    return moved_to != NULL && *moved_to != '\0'
      ? CALBOOK_BOOKING_STATUS_RESCHEDULED
      : CALBOOK_BOOKING_STATUS_CANCELLED;
  return CALBOOK_BOOKING_STATUS_OTHER;
}

/* Reads one booking the server sent and checks it against the raw JSON */
static CalbookBooking *
read_booking (JsonNode *node)
{
  g_autoptr(CalbookBooking) booking = NULL;
  g_autoptr(CalbookBooking) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *raw;
  JsonArray *hosts;
  JsonArray *attendees;
  JsonObject *responses;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  raw = json_node_get_object (node);

  booking = calbook_booking_new_from_json (raw, &error);
  if (error != NULL)
    g_error ("Booking %s does not read: %s",
             json_object_get_string_member_with_default (raw, "uid", "?"), error->message);

  g_assert_cmpstr (calbook_booking_get_uid (booking), ==,
                   json_object_get_string_member (raw, "uid"));
  g_assert_cmpint (calbook_booking_get_id (booking), ==, json_object_get_int_member (raw, "id"));
  g_assert_cmpstr (calbook_booking_get_title (booking), ==,
                   json_object_get_string_member (raw, "title"));
  g_assert_cmpint (calbook_booking_get_status (booking), ==, expected_status (raw));
  g_assert_cmpint (calbook_booking_get_start (booking), ==,
                   parse_time (json_object_get_string_member (raw, "start")));
  g_assert_cmpint (calbook_booking_get_end (booking), ==,
                   parse_time (json_object_get_string_member (raw, "end")));
  g_assert_cmpint (calbook_booking_get_duration (booking), ==,
                   json_object_get_int_member (raw, "duration"));
  g_assert_cmpint (calbook_booking_get_event_type_id (booking), ==,
                   json_object_get_int_member (json_object_get_object_member (raw, "eventType"),
                                               "id"));

  hosts = json_object_get_array_member (raw, "hosts");
  g_assert_cmpuint (calbook_booking_get_hosts (booking)->len, ==, json_array_get_length (hosts));
  for (guint i = 0; i < json_array_get_length (hosts); i++)
    {
      JsonObject *host = json_array_get_object_element (hosts, i);
      const CalbookPerson *person = g_ptr_array_index (calbook_booking_get_hosts (booking), i);

      g_assert_cmpint (person->user_id, ==, json_object_get_int_member (host, "id"));
      g_assert_cmpstr (person->email, ==, json_object_get_string_member (host, "email"));
      g_assert_true (calbook_booking_has_host (booking, person->user_id));
    }

  attendees = json_object_get_array_member (raw, "attendees");
  g_assert_cmpuint (calbook_booking_get_attendees (booking)->len, ==,
                    json_array_get_length (attendees));
  for (guint i = 0; i < json_array_get_length (attendees); i++)
    {
      JsonObject *attendee = json_array_get_object_element (attendees, i);
      const CalbookPerson *person = g_ptr_array_index (calbook_booking_get_attendees (booking), i);

      g_assert_cmpstr (person->name, ==, json_object_get_string_member (attendee, "name"));
      g_assert_cmpint (person->absent, ==,
                       json_object_get_boolean_member_with_default (attendee, "absent", FALSE));
    }

  responses = json_object_get_object_member (raw, "bookingFieldsResponses");
  if (responses != NULL &&
      json_object_has_member (responses, "notes") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (responses, "notes")))
    g_assert_cmpstr (calbook_booking_get_notes (booking), ==,
                     json_object_get_string_member (responses, "notes"));

  /* And through the store's text form */
  text = calbook_booking_to_json_string (booking);
  again = calbook_booking_new_from_json_string (text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (calbook_booking_equal (booking, again));

  return g_steal_pointer (&booking);
}

/* Every booking @username may list, by uid */
static GHashTable *
list_all (Fixture    *fixture,
          const char *username)
{
  g_autoptr(GHashTable) bookings = NULL;
  gboolean more = TRUE;

  bookings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint skip = 0; more; skip += 100)
    {
      g_autofree char *path = g_strdup_printf ("/v2/bookings?take=100&skip=%u", skip);
      g_autoptr(JsonNode) data = request (fixture, "GET", path, username, V_BOOKINGS, NULL,
                                          SOUP_STATUS_OK);
      JsonArray *page = json_node_get_array (data);

      for (guint i = 0; i < json_array_get_length (page); i++)
        {
          CalbookBooking *booking = read_booking (json_array_get_element (page, i));

          g_assert_false (g_hash_table_contains (bookings, calbook_booking_get_uid (booking)));
          g_hash_table_insert (bookings, g_strdup (calbook_booking_get_uid (booking)), booking);
        }
      more = json_array_get_length (page) == 100;
    }

  return g_steal_pointer (&bookings);
}

static gint64
get_user_id (Fixture    *fixture,
             const char *username,
             char      **email)
{
  g_autoptr(JsonNode) me = request (fixture, "GET", "/v2/me", username, NULL, NULL,
                                    SOUP_STATUS_OK);
  JsonObject *object = json_node_get_object (me);

  if (email != NULL)
    *email = g_strdup (json_object_get_string_member (object, "email"));
  return json_object_get_int_member (object, "id");
}

static CalbookBooking *
post_action (Fixture    *fixture,
             const char *uid,
             const char *action,
             const char *username,
             const char *body,
             guint       status)
{
  g_autofree char *path = g_strdup_printf ("/v2/bookings/%s/%s", uid, action);
  g_autoptr(JsonNode) data = request (fixture, "POST", path, username, V_BOOKINGS, body,
                                      status);

  return read_booking (data);
}

static CalbookBooking *
get_booking (Fixture    *fixture,
             const char *uid,
             const char *username)
{
  g_autofree char *path = g_strdup_printf ("/v2/bookings/%s", uid);
  g_autoptr(JsonNode) data = request (fixture, "GET", path, username, V_BOOKINGS, NULL,
                                      SOUP_STATUS_OK);

  return read_booking (data);
}

/* A booking of @user_id's with @status, starting in the future (or past) */
static CalbookBooking *
find_booking (GHashTable           *bookings,
              gint64                user_id,
              CalbookBookingStatus  status,
              gboolean              future,
              GPtrArray            *exclude)
{
  GHashTableIter iter;
  CalbookBooking *booking;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_hash_table_iter_init (&iter, bookings);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &booking))
    {
      if (calbook_booking_get_status (booking) == status &&
          calbook_booking_has_host (booking, user_id) &&
          calbook_booking_get_recurring_booking_uid (booking) == NULL &&
          (future ? calbook_booking_get_start (booking) > now + 86400
                  : calbook_booking_get_start (booking) < now - 86400) &&
          (exclude == NULL || !g_ptr_array_find (exclude, booking, NULL)))
        return booking;
    }

  return NULL;
}

/* A move is one booking that moved: the new half points back at the old.
 * Returns how many moves there are. */
static guint
check_moves (GHashTable *bookings)
{
  GHashTableIter iter;
  CalbookBooking *booking;
  guint n_moves = 0;

  g_hash_table_iter_init (&iter, bookings);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &booking))
    {
      CalbookBooking *moved;

      if (calbook_booking_get_status (booking) != CALBOOK_BOOKING_STATUS_RESCHEDULED)
        continue;

      moved = g_hash_table_lookup (bookings, calbook_booking_get_rescheduled_to_uid (booking));
      g_assert_nonnull (moved);
      g_assert_cmpstr (calbook_booking_get_rescheduled_from_uid (moved), ==,
                       calbook_booking_get_uid (booking));
      n_moves++;
    }

  return n_moves;
}

/* Tests */

static void
test_list (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *owner = dup_username (fixture, "OWNER");
  g_autoptr(GHashTable) bookings = list_all (fixture, owner);
  guint counts[CALBOOK_BOOKING_STATUS_OTHER + 1] = { 0 };
  GHashTableIter iter;
  CalbookBooking *booking;

  g_assert_cmpuint (g_hash_table_size (bookings), >=, 400);

  g_hash_table_iter_init (&iter, bookings);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &booking))
    counts[calbook_booking_get_status (booking)]++;
  g_assert_cmpuint (check_moves (bookings), ==, counts[CALBOOK_BOOKING_STATUS_RESCHEDULED]);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    g_test_message ("%s: %u", calbook_booking_status_to_label (i), counts[i]);

  g_assert_cmpuint (counts[CALBOOK_BOOKING_STATUS_PENDING], >, 0);
  g_assert_cmpuint (counts[CALBOOK_BOOKING_STATUS_CONFIRMED], >, 0);
  g_assert_cmpuint (counts[CALBOOK_BOOKING_STATUS_CANCELLED], >, 0);
  g_assert_cmpuint (counts[CALBOOK_BOOKING_STATUS_DECLINED], >, 0);
}

/* "Own" bookings found locally in the admin's list (has_host) are ones the
 * member sees in their own list too */
static void
test_own_bookings (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *owner = dup_username (fixture, "OWNER");
  g_autofree char *member = dup_username (fixture, "MEMBER");
  g_autoptr(GHashTable) all = list_all (fixture, owner);
  g_autoptr(GHashTable) own = list_all (fixture, member);
  g_autofree char *member_email = NULL;
  gint64 member_id = get_user_id (fixture, member, &member_email);
  GHashTableIter iter;
  CalbookBooking *booking;
  guint n_hosted = 0;

  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &booking))
    {
      const char *uid = calbook_booking_get_uid (booking);

      if (!calbook_booking_has_host (booking, member_id))
        continue;

      n_hosted++;
      g_assert_true (g_hash_table_contains (own, uid));
      g_assert_true (calbook_booking_equal (booking, g_hash_table_lookup (own, uid)));
    }
  g_assert_cmpuint (n_hosted, >, 0);

  /* And everything the member sees is theirs: hosted or attended */
  g_hash_table_iter_init (&iter, own);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &booking))
    {
      GPtrArray *attendees = calbook_booking_get_attendees (booking);
      gboolean attends = FALSE;

      for (guint i = 0; i < attendees->len; i++)
        {
          const CalbookPerson *person = g_ptr_array_index (attendees, i);

          attends |= g_ascii_strcasecmp (person->email, member_email) == 0;
        }
      g_assert_true (calbook_booking_has_host (booking, member_id) || attends);
    }
}

static void
test_actions (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *owner = dup_username (fixture, "OWNER");
  g_autofree char *owner_email = NULL;
  gint64 owner_id = get_user_id (fixture, owner, &owner_email);
  g_autoptr(GHashTable) bookings = list_all (fixture, owner);
  g_autoptr(GPtrArray) used = g_ptr_array_new ();
  CalbookBooking *target;

  /* Cancel, with a reason full of markup and non-ASCII text */
  target = find_booking (bookings, owner_id, CALBOOK_BOOKING_STATUS_CONFIRMED, TRUE, used);
  g_assert_nonnull (target);
  g_ptr_array_add (used, target);
  {
    g_autoptr(CalbookBooking) cancelled = NULL;
    g_autoptr(CalbookBooking) fetched = NULL;

    cancelled = post_action (fixture, calbook_booking_get_uid (target), "cancel", owner,
                             "{\"cancellationReason\":"
                             " \"<b>Krank</b> & m\\u00fcde \\ud83e\\udd12\"}",
                             SOUP_STATUS_OK);
    g_assert_cmpint (calbook_booking_get_status (cancelled), ==, CALBOOK_BOOKING_STATUS_CANCELLED);
    g_assert_cmpstr (calbook_booking_get_status_label (cancelled), ==, "Cancelled");
    g_assert_cmpstr (calbook_booking_get_cancellation_reason (cancelled), ==,
                     "<b>Krank</b> & m\xc3\xbc" "de \xf0\x9f\xa4\x92");
    g_assert_cmpstr (calbook_booking_get_cancelled_by_email (cancelled), ==, owner_email);
    g_assert_false (calbook_booking_equal (cancelled, target));

    fetched = get_booking (fixture, calbook_booking_get_uid (target), owner);
    g_assert_true (calbook_booking_equal (cancelled, fetched));
  }

  /* Confirm and decline pending bookings */
  target = find_booking (bookings, owner_id, CALBOOK_BOOKING_STATUS_PENDING, TRUE, used);
  g_assert_nonnull (target);
    {
      g_autoptr(CalbookBooking) confirmed = NULL;

      g_ptr_array_add (used, target);
      confirmed = post_action (fixture, calbook_booking_get_uid (target), "confirm", owner, NULL,
                               SOUP_STATUS_OK);
      g_assert_cmpint (calbook_booking_get_status (confirmed), ==,
                       CALBOOK_BOOKING_STATUS_CONFIRMED);
    }
  target = find_booking (bookings, owner_id, CALBOOK_BOOKING_STATUS_PENDING, TRUE, used);
  g_assert_nonnull (target);
    {
      g_autoptr(CalbookBooking) declined = NULL;

      g_ptr_array_add (used, target);
      declined = post_action (fixture, calbook_booking_get_uid (target), "decline", owner,
                              "{\"reason\": \"Fully booked that week\"}", SOUP_STATUS_OK);
      g_assert_cmpint (calbook_booking_get_status (declined), ==, CALBOOK_BOOKING_STATUS_DECLINED);
      g_assert_cmpstr (calbook_booking_get_status_label (declined), ==, "Declined");
      /* Cal.com keeps the reason but leaves it out of its booking output */
      g_assert_null (calbook_booking_get_rejection_reason (declined));
    }

  /* Mark no-shows on a past meeting */
  target = find_booking (bookings, owner_id, CALBOOK_BOOKING_STATUS_CONFIRMED, FALSE, used);
  g_assert_nonnull (target);
  g_assert_cmpuint (calbook_booking_get_attendees (target)->len, >, 0);
    {
      const CalbookPerson *attendee = g_ptr_array_index (calbook_booking_get_attendees (target), 0);
      g_autoptr(CalbookBooking) marked = NULL;
      g_autofree char *body = NULL;

      g_ptr_array_add (used, target);
      body = g_strdup_printf ("{\"host\": true,"
                              " \"attendees\": [{\"email\": \"%s\", \"absent\": true}]}",
                              attendee->email);
      marked = post_action (fixture, calbook_booking_get_uid (target), "mark-absent", owner, body,
                            SOUP_STATUS_OK);
      g_assert_true (calbook_booking_get_absent_host (marked));
      attendee = g_ptr_array_index (calbook_booking_get_attendees (marked), 0);
      g_assert_true (attendee->absent);
    }

  /* Reschedule: a new uid, and the old booking becomes "Rescheduled" */
  target = find_booking (bookings, owner_id, CALBOOK_BOOKING_STATUS_CONFIRMED, TRUE, used);
  g_assert_nonnull (target);
  {
    g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc (calbook_booking_get_start (target));
    g_autoptr(GDateTime) from = g_date_time_add_days (day, 1);
    g_autoptr(GDateTime) to = g_date_time_add_days (day, 8);
    g_autofree char *from_text = g_date_time_format (from, "%Y-%m-%d");
    g_autofree char *to_text = g_date_time_format (to, "%Y-%m-%d");
    g_autofree char *path = g_strdup_printf ("/v2/slots?eventTypeId=%" G_GINT64_FORMAT
                                             "&start=%s&end=%s",
                                             calbook_booking_get_event_type_id (target),
                                             from_text, to_text);
    g_autoptr(JsonNode) slots = request (fixture, "GET", path, NULL, V_SLOTS, NULL,
                                         SOUP_STATUS_OK);
    g_autoptr(GList) days = json_object_get_members (json_node_get_object (slots));
    g_autoptr(CalbookBooking) moved = NULL;
    g_autoptr(CalbookBooking) old = NULL;
    g_autofree char *body = NULL;
    const char *slot;

    g_assert_nonnull (days);
    slot = json_object_get_string_member (
      json_array_get_object_element (json_object_get_array_member (json_node_get_object (slots),
                                                                   days->data), 0),
      "start");

    body = g_strdup_printf ("{\"start\": \"%s\", \"reschedulingReason\": \"Zahnarzt\"}", slot);
    moved = post_action (fixture, calbook_booking_get_uid (target), "reschedule", owner, body,
                         SOUP_STATUS_CREATED);
    g_assert_cmpstr (calbook_booking_get_uid (moved), !=, calbook_booking_get_uid (target));
    g_assert_cmpstr (calbook_booking_get_rescheduled_from_uid (moved), ==,
                     calbook_booking_get_uid (target));
    g_assert_cmpint (calbook_booking_get_start (moved), ==, parse_time (slot));
    g_assert_cmpint (calbook_booking_get_status (moved), !=, CALBOOK_BOOKING_STATUS_RESCHEDULED);

    old = get_booking (fixture, calbook_booking_get_uid (target), owner);
    g_assert_cmpint (calbook_booking_get_status (old), ==, CALBOOK_BOOKING_STATUS_RESCHEDULED);
    g_assert_cmpstr (calbook_booking_get_status_label (old), ==, "Rescheduled");
    g_assert_cmpstr (calbook_booking_get_api_status (old), ==, "cancelled");
    g_assert_cmpstr (calbook_booking_get_rescheduled_to_uid (old), ==,
                     calbook_booking_get_uid (moved));
  }

  /* The list says the same */
  {
    g_autoptr(GHashTable) after = list_all (fixture, owner);

    g_assert_cmpuint (check_moves (after), ==, check_moves (bookings) + 1);
  }
}

/* Every booking the sandbox lists, as the text it sent, reads straight
 * from that text to what the tree reader makes of it, field by field */
static void
test_reader (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *owner = dup_username (fixture, "OWNER");
  guint n_read = 0;
  gboolean more = TRUE;

  for (guint skip = 0; more; skip += 100)
    {
      g_autofree char *path = g_strdup_printf ("/v2/bookings?take=100&skip=%u", skip);
      g_autoptr(SandboxReply) reply = NULL;
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CalbookJsonSpan));
      g_autoptr(GError) error = NULL;
      const char *body;
      gsize size;

      reply = sandbox_request (fixture->server, "GET", path,
                               sandbox_fixture_key (fixture->server, owner), V_BOOKINGS, NULL);
      g_assert_no_error (reply->error);
      g_assert_cmpuint (reply->status, ==, SOUP_STATUS_OK);

      body = g_bytes_get_data (reply->body, &size);
      g_assert_true (calbook_json_find_items (body, size, "data", spans, &error));
      g_assert_no_error (error);

      for (guint i = 0; i < spans->len; i++)
        {
          const CalbookJsonSpan *span = &g_array_index (spans, CalbookJsonSpan, i);
          g_autofree char *difference = NULL;
          gboolean scanned;

          difference = test_compare_booking_readers (body + span->offset, span->length,
                                                     &scanned);
          if (difference != NULL)
            g_error ("%.*s: %s", (int) span->length, body + span->offset, difference);
          g_assert_true (scanned);
          n_read++;
        }
      more = spans->len == 100;
    }

  g_assert_cmpuint (n_read, >=, 400);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/booking-sandbox/list", Fixture, NULL,
              fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/booking-sandbox/own-bookings", Fixture, NULL,
              fixture_set_up, test_own_bookings, fixture_tear_down);
  g_test_add ("/booking-sandbox/reader", Fixture, NULL,
              fixture_set_up, test_reader, fixture_tear_down);
  g_test_add ("/booking-sandbox/actions", Fixture, NULL,
              fixture_set_up, test_actions, fixture_tear_down);

  return g_test_run ();
}
