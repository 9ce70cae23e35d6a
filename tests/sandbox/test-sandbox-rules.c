/* test-sandbox-rules.c: Cal.com's booking rules that clients trip over:
 * stamps of no-shows, the length of a moved booking, duplicate guests,
 * minimum notice, booking window and buffers
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

/* Monday 7 January 2030, 08:00 UTC = 09:00 in Oslo: Zoë's day begins.
 * The seeded bookings lie around the real date, so this week is free. */
#define MONDAY_0800 G_GINT64_CONSTANT (1894003200)
#define ZOE_30MIN 1021
#define ZOE_PHONE 1023
#define ZOE_COACHING 1024
#define ZOE_EMAIL "zoe.odegaard@northwind-clinic.example"

#define MSG_OUT_OF_BOUNDS "The event type can't be booked at the \"start\" time provided. This could be because it's too soon" \
  " (violating the minimum booking notice) or too far in the future (outside the event's scheduling window). Try fetching" \
  " available slots first using the GET /v2/slots endpoint and then make a booking with \"start\" time equal to one of the" \
  " available slots."
#define MSG_TAKEN "User either already has booking at this time or is not available"

/* Auxiliary methods */

static SandboxFixture *
new_fixture (void)
{
  SandboxFixture *fixture = sandbox_fixture_new (1, 0);

  calbook_sandbox_set_now (fixture->sandbox, MONDAY_0800);
  return fixture;
}

static SandboxReply *
create (SandboxFixture *fixture,
        gint64          event_type_id,
        const char     *start,
        const char     *extra)
{
  g_autofree char *body = g_strdup_printf ("{\"start\":\"%s\",\"eventTypeId\":%" G_GINT64_FORMAT ","
                                           "\"attendee\":{\"name\":\"Ana Ruiz\",\"email\":\"ana@example.com\","
                                           "\"timeZone\":\"Europe/Madrid\"}%s%s}",
                                           start, event_type_id, extra != NULL ? "," : "", extra != NULL ? extra : "");

  return sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS, body);
}

static char *
create_uid (SandboxFixture *fixture,
            gint64          event_type_id,
            const char     *start,
            const char     *extra)
{
  g_autoptr(SandboxReply) reply = create (fixture, event_type_id, start, extra);

  g_assert_cmpuint (reply->status, ==, 201);
  return g_strdup (json_object_get_string_member (sandbox_reply_data_object (reply), "uid"));
}

static SandboxReply *
post (SandboxFixture *fixture,
      const char     *uid,
      const char     *action,
      const char     *body)
{
  g_autofree char *path = g_strdup_printf ("/v2/bookings/%s/%s", uid, action);

  return sandbox_request (fixture, "POST", path, sandbox_fixture_key (fixture, "zoe.odegaard"), V_BOOKINGS, body);
}

static char *
updated_at (SandboxFixture *fixture,
            const char     *uid)
{
  g_autofree char *path = g_strdup_printf ("/v2/bookings/%s", uid);
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET", path, NULL, V_BOOKINGS, NULL);

  return g_strdup (json_object_get_string_member (sandbox_reply_data_object (reply), "updatedAt"));
}

static void
set_limits (SandboxFixture *fixture,
            gint64          event_type_id,
            const char     *body)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/event-types/%" G_GINT64_FORMAT, event_type_id);
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "PATCH", path, NULL, NULL, body);

  g_assert_cmpuint (reply->status, ==, 200);
}

/* The starts (UTC, "HH:MM") /v2/slots offers for Zoë's 30min on 7 January */
static char *
monday_slots (SandboxFixture *fixture)
{
  g_autoptr(SandboxReply) reply = sandbox_request (fixture, "GET",
                                                   "/v2/slots?eventTypeId=1021&start=2030-01-07T00:00:00Z"
                                                   "&end=2030-01-07T23:59:59Z",
                                                   NULL, V_SLOTS, NULL);
  JsonObject *data = sandbox_reply_data_object (reply);
  JsonArray *day = json_object_has_member (data, "2030-01-07") ? json_object_get_array_member (data, "2030-01-07") : NULL;
  GString *starts = g_string_new (NULL);

  for (guint i = 0; day != NULL && i < json_array_get_length (day); i++)
    {
      const char *start = json_object_get_string_member (json_array_get_object_element (day, i), "start");

      g_string_append_printf (starts, "%s%.5s", i > 0 ? " " : "", start + 11);
    }

  return g_string_free (starts, FALSE);
}

/* Tests */

/* rescheduledBy comes from the body only; the key names nobody, so a
 * request moved that way goes back to pending */
static void
test_rescheduled_by_only_when_sent (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, ZOE_30MIN, "2030-01-08T10:00:00Z", NULL);
  g_autofree char *request = create_uid (fixture, 1022, "2030-01-09T10:00:00Z", NULL);
  g_autoptr(SandboxReply) silent = post (fixture, uid, "reschedule", "{\"start\":\"2030-01-08T11:00:00Z\"}");
  g_autoptr(SandboxReply) named = NULL;
  g_autoptr(SandboxReply) confirmed = post (fixture, request, "confirm", NULL);
  g_autoptr(SandboxReply) moved_silently = NULL;
  g_autoptr(SandboxReply) moved_by_owner = NULL;
  const char *new_uid;

  g_assert_false (json_object_has_member (sandbox_reply_data_object (silent), "rescheduledByEmail"));
  new_uid = json_object_get_string_member (sandbox_reply_data_object (silent), "uid");
  named = post (fixture, new_uid, "reschedule", "{\"start\":\"2030-01-08T12:00:00Z\",\"rescheduledBy\":\"" ZOE_EMAIL "\"}");
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (named), "rescheduledByEmail"), ==, ZOE_EMAIL);

  /* A confirmed request moved with the owner's key alone is a request again */
  g_assert_cmpuint (confirmed->status, ==, 200);
  moved_silently = post (fixture, request, "reschedule", "{\"start\":\"2030-01-09T12:00:00Z\"}");
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (moved_silently), "status"), ==, "pending");
  moved_by_owner = post (fixture, json_object_get_string_member (sandbox_reply_data_object (moved_silently), "uid"),
                         "reschedule", "{\"start\":\"2030-01-09T14:00:00Z\",\"rescheduledBy\":\"" ZOE_EMAIL "\"}");
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (moved_by_owner), "status"), ==, "accepted");
}

/* Attendee.noShow lives on the attendee: Booking.updatedAt stays */
static void
test_mark_absent_stamp (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, ZOE_30MIN, "2030-01-07T10:00:00Z", NULL);
  g_autofree char *before = updated_at (fixture, uid);
  g_autofree char *after_attendee = NULL;
  g_autofree char *after_host = NULL;
  g_autoptr(SandboxReply) attendee = NULL;
  g_autoptr(SandboxReply) host = NULL;

  calbook_sandbox_set_now (fixture->sandbox, MONDAY_0800 + 3 * 3600);
  attendee = post (fixture, uid, "mark-absent", "{\"attendees\":[{\"email\":\"ana@example.com\",\"absent\":true}]}");
  g_assert_cmpuint (attendee->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (
                   json_object_get_array_member (sandbox_reply_data_object (attendee), "attendees"), 0), "absent"));
  after_attendee = updated_at (fixture, uid);
  g_assert_cmpstr (after_attendee, ==, before);

  host = post (fixture, uid, "mark-absent", "{\"host\":true}");
  g_assert_cmpuint (host->status, ==, 200);
  after_host = updated_at (fixture, uid);
  g_assert_cmpstr (after_host, >, before);
}

/* An e-mail that is not an attendee's: a 500 that changes nothing, every
 * time (so a client's retries end in a failed change) */
static void
test_mark_absent_stranger (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, ZOE_30MIN, "2030-01-07T10:00:00Z", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  calbook_sandbox_set_now (fixture->sandbox, MONDAY_0800 + 3 * 3600);
  before = updated_at (fixture, uid);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SandboxReply) refused = post (fixture, uid, "mark-absent",
                                              "{\"host\":true,\"attendees\":[{\"email\":\"nobody@example.com\",\"absent\":true}]}");

      sandbox_assert_error (refused, 500, "InternalServerErrorException", "Failed to update no-show status");
    }
  after = updated_at (fixture, uid);
  g_assert_cmpstr (after, ==, before);
}

/* The input service ends a moved booking after the event type's length */
static void
test_reschedule_length (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, ZOE_PHONE, "2030-01-08T10:00:00Z", "\"lengthInMinutes\":45");
  g_autoptr(SandboxReply) moved = post (fixture, uid, "reschedule", "{\"start\":\"2030-01-09T10:00:00Z\"}");
  JsonObject *booking = sandbox_reply_data_object (moved);

  g_assert_cmpuint (moved->status, ==, 201);
  g_assert_cmpint (json_object_get_int_member (booking, "duration"), ==, 15);
  g_assert_cmpstr (json_object_get_string_member (booking, "end"), ==, "2030-01-09T10:15:00.000Z");
}

static void
test_guests_unique (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, ZOE_30MIN, "2030-01-08T10:00:00Z", NULL);
  g_autoptr(SandboxReply) duplicate = post (fixture, uid, "guests", "{\"guests\":[{\"email\":\"Ana+work@Example.com\"}]}");
  g_autoptr(SandboxReply) mixed = NULL;
  g_autoptr(SandboxReply) again = NULL;
  JsonObject *root;
  JsonArray *attendees;

  g_assert_cmpuint (duplicate->status, ==, 400);
  root = sandbox_reply_object (duplicate);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "error"), "code"), ==, "TRPCError");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "error"), "message"), ==,
                   "emails_must_be_unique_valid");

  /* Only the new one is added, once */
  mixed = post (fixture, uid, "guests", "{\"guests\":[{\"email\":\"ana@example.com\"},{\"email\":\"bo@example.com\"},"
                                        "{\"email\":\"BO@example.com\"}]}");
  g_assert_cmpuint (mixed->status, ==, 200);
  attendees = json_object_get_array_member (sandbox_reply_data_object (mixed), "attendees");
  g_assert_cmpuint (json_array_get_length (attendees), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (attendees, 1), "email"), ==, "bo@example.com");

  again = post (fixture, uid, "guests", "{\"guests\":[{\"email\":\"bo@example.com\"}]}");
  g_assert_cmpuint (again->status, ==, 400);
}

/* 120 minutes by default, in slots and in create and reschedule */
static void
test_minimum_notice (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(SandboxReply) too_soon = create (fixture, ZOE_30MIN, "2030-01-07T09:30:00Z", NULL);
  g_autofree char *uid = create_uid (fixture, ZOE_30MIN, "2030-01-07T10:00:00Z", NULL);
  g_autoptr(SandboxReply) moved_too_soon = post (fixture, uid, "reschedule", "{\"start\":\"2030-01-07T09:00:00Z\"}");
  g_autoptr(SandboxReply) event_types = NULL;
  g_autoptr(SandboxReply) no_notice = NULL;
  g_autofree char *slots = monday_slots (fixture);
  g_autofree char *slots_without = NULL;

  sandbox_assert_error (too_soon, 400, "BadRequestException", MSG_OUT_OF_BOUNDS);
  sandbox_assert_error (moved_too_soon, 400, "BadRequestException", MSG_OUT_OF_BOUNDS);
  /* 08:00 is now; 10:00 is taken */
  g_assert_true (g_str_has_prefix (slots, "10:30 11:00"));

  event_types = sandbox_request (fixture, "GET", "/v2/event-types?username=zoe.odegaard", NULL, V_EVENT_TYPES, NULL);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (sandbox_reply_data_array (event_types), 0),
                                               "minimumBookingNotice"), ==, 120);

  set_limits (fixture, ZOE_30MIN, "{\"minimumBookingNotice\":0}");
  slots_without = monday_slots (fixture);
  g_assert_true (g_str_has_prefix (slots_without, "08:00 08:30 09:00 09:30 10:30"));
  no_notice = create (fixture, ZOE_30MIN, "2030-01-07T08:30:00Z", NULL);
  g_assert_cmpuint (no_notice->status, ==, 201);
}

static void
test_booking_window (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(SandboxReply) inside = NULL;
  g_autoptr(SandboxReply) outside = NULL;
  g_autoptr(SandboxReply) slots = NULL;
  g_autoptr(SandboxReply) event_types = NULL;
  JsonObject *window;
  JsonObject *data;

  set_limits (fixture, ZOE_30MIN, "{\"bookingWindowDays\":7}");
  inside = create (fixture, ZOE_30MIN, "2030-01-14T10:00:00Z", NULL);
  g_assert_cmpuint (inside->status, ==, 201);
  outside = create (fixture, ZOE_30MIN, "2030-01-15T10:00:00Z", NULL);
  sandbox_assert_error (outside, 400, "BadRequestException", MSG_OUT_OF_BOUNDS);

  slots = sandbox_request (fixture, "GET", "/v2/slots?eventTypeId=1021&start=2030-01-07&end=2030-01-31", NULL, V_SLOTS, NULL);
  data = sandbox_reply_data_object (slots);
  g_assert_true (json_object_has_member (data, "2030-01-14"));
  g_assert_false (json_object_has_member (data, "2030-01-15"));

  event_types = sandbox_request (fixture, "GET", "/v2/event-types?username=zoe.odegaard", NULL, V_EVENT_TYPES, NULL);
  window = json_array_get_object_element (json_object_get_array_member (
             json_array_get_object_element (sandbox_reply_data_array (event_types), 0), "bookingWindow"), 0);
  g_assert_cmpstr (json_object_get_string_member (window, "type"), ==, "calendarDays");
  g_assert_cmpint (json_object_get_int_member (window, "value"), ==, 7);
}

/* Each booking widened by its event type's buffers may not overlap */
static void
test_buffers (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = NULL;
  g_autofree char *slots = NULL;
  g_autoptr(SandboxReply) right_after = NULL;
  g_autoptr(SandboxReply) later = NULL;
  g_autoptr(SandboxReply) event_types = NULL;
  JsonObject *et;

  set_limits (fixture, ZOE_30MIN, "{\"minimumBookingNotice\":0,\"beforeEventBuffer\":10,\"afterEventBuffer\":15}");
  uid = create_uid (fixture, ZOE_30MIN, "2030-01-07T11:00:00Z", NULL);

  /* 10:30 would run into 11:00's buffer before, 11:30 into its buffer after */
  slots = monday_slots (fixture);
  g_assert_null (strstr (slots, "10:30"));
  g_assert_null (strstr (slots, "11:30"));
  g_assert_nonnull (strstr (slots, "10:00"));
  g_assert_nonnull (strstr (slots, "12:00"));

  right_after = create (fixture, ZOE_30MIN, "2030-01-07T11:30:00Z", NULL);
  sandbox_assert_error (right_after, 400, "BadRequestException", MSG_TAKEN);
  later = create (fixture, ZOE_30MIN, "2030-01-07T12:00:00Z", NULL);
  g_assert_cmpuint (later->status, ==, 201);

  event_types = sandbox_request (fixture, "GET", "/v2/event-types?username=zoe.odegaard", NULL, V_EVENT_TYPES, NULL);
  et = json_array_get_object_element (sandbox_reply_data_array (event_types), 0);
  g_assert_cmpint (json_object_get_int_member (et, "beforeEventBuffer"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (et, "afterEventBuffer"), ==, 15);
}

static void
test_cancel_series_subsequent (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(SandboxReply) created = create (fixture, ZOE_COACHING, "2030-01-08T10:00:00Z", NULL);
  g_autofree char *series = g_strdup (json_object_get_string_member (
                                        json_array_get_object_element (sandbox_reply_data_array (created), 0),
                                        "recurringBookingUid"));
  g_autoptr(SandboxReply) refused = post (fixture, series, "cancel",
                                          "{\"cancellationReason\":\"Moving\",\"cancelSubsequentBookings\":true}");

  sandbox_assert_error (refused, 400, "BadRequestException",
                        "Cannot cancel subsequent bookings for recurring event - you have to provide uid of one of the"
                        " individual bookings of a recurring booking.");
}

/* A seated event's booking cancelled without a seatUid: only its owner or
 * an org admin may; anyone else gets a 401 that is not about the key */
static void
test_seated_cancel_not_host (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SandboxReply) anonymous = NULL;
  g_autoptr(SandboxReply) colleague = NULL;
  g_autoptr(SandboxReply) admin = NULL;
  g_autoptr(SandboxReply) event_types = NULL;
  JsonObject *seats;

  set_limits (fixture, ZOE_30MIN, "{\"seatsPerTimeSlot\":4}");
  uid = create_uid (fixture, ZOE_30MIN, "2030-01-07T14:00:00Z", NULL);
  path = g_strdup_printf ("/v2/bookings/%s/cancel", uid);
  before = updated_at (fixture, uid);

  anonymous = sandbox_request (fixture, "POST", path, NULL, V_BOOKINGS, "{\"cancellationReason\":\"Ill\"}");
  sandbox_assert_flat_error (anonymous, 401, "User not a host of this event or an admin of the booking user");
  colleague = sandbox_request (fixture, "POST", path, sandbox_fixture_key (fixture, "jose.nunez"), V_BOOKINGS,
                               "{\"cancellationReason\":\"Ill\"}");
  sandbox_assert_flat_error (colleague, 401, "User not a host of this event or an admin of the booking user");
  after = updated_at (fixture, uid);
  g_assert_cmpstr (before, ==, after);

  /* The key still works, and an org admin may cancel */
  admin = sandbox_request (fixture, "POST", path, sandbox_fixture_key (fixture, "sofia.rossi"), V_BOOKINGS,
                           "{\"cancellationReason\":\"Ill\"}");
  g_assert_cmpuint (admin->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (admin), "status"), ==, "cancelled");

  event_types = sandbox_request (fixture, "GET", "/v2/event-types?username=zoe.odegaard", NULL, V_EVENT_TYPES, NULL);
  seats = json_object_get_object_member (json_array_get_object_element (sandbox_reply_data_array (event_types), 0),
                                         "seats");
  g_assert_cmpint (json_object_get_int_member (seats, "seatsPerTimeSlot"), ==, 4);
}

/* An event type made to need confirmation: a recurring one books a
 * pending series; switched back, bookings are accepted at once */
static void
test_requires_confirmation (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(SandboxReply) series = NULL;
  g_autoptr(SandboxReply) single = NULL;
  g_autoptr(SandboxReply) event_types = NULL;
  g_autoptr(SandboxReply) bad = NULL;
  JsonArray *occurrences;
  JsonObject *et = NULL;
  JsonArray *all;

  set_limits (fixture, ZOE_COACHING, "{\"requiresConfirmation\":true}");
  series = create (fixture, ZOE_COACHING, "2030-01-08T10:00:00Z", NULL);
  g_assert_cmpuint (series->status, ==, 201);
  occurrences = sandbox_reply_data_array (series);
  g_assert_cmpuint (json_array_get_length (occurrences), ==, 6);
  for (guint i = 0; i < json_array_get_length (occurrences); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (occurrences, i), "status"),
                     ==, "pending");

  event_types = sandbox_request (fixture, "GET", "/v2/event-types?username=zoe.odegaard", NULL, V_EVENT_TYPES, NULL);
  all = sandbox_reply_data_array (event_types);
  for (guint i = 0; i < json_array_get_length (all); i++)
    if (json_object_get_int_member (json_array_get_object_element (all, i), "id") == ZOE_COACHING)
      et = json_array_get_object_element (all, i);
  g_assert_nonnull (et);
  g_assert_true (json_object_has_member (et, "confirmationPolicy"));

  set_limits (fixture, ZOE_30MIN, "{\"requiresConfirmation\":false}");
  single = create (fixture, ZOE_30MIN, "2030-01-07T14:00:00Z", NULL);
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (single), "status"), ==, "accepted");

  bad = sandbox_request (fixture, "PATCH", "/_sandbox/event-types/1021", NULL, NULL, "{\"requiresConfirmation\":1}");
  sandbox_assert_error (bad, 400, "BadRequestException", "requiresConfirmation must be a boolean");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/rules/mark-absent-stamp", test_mark_absent_stamp);
  g_test_add_func ("/sandbox/rules/mark-absent-stranger", test_mark_absent_stranger);
  g_test_add_func ("/sandbox/rules/reschedule-length", test_reschedule_length);
  g_test_add_func ("/sandbox/rules/rescheduled-by-only-when-sent", test_rescheduled_by_only_when_sent);
  g_test_add_func ("/sandbox/rules/guests-unique", test_guests_unique);
  g_test_add_func ("/sandbox/rules/minimum-notice", test_minimum_notice);
  g_test_add_func ("/sandbox/rules/booking-window", test_booking_window);
  g_test_add_func ("/sandbox/rules/buffers", test_buffers);
  g_test_add_func ("/sandbox/rules/cancel-series-subsequent", test_cancel_series_subsequent);
  g_test_add_func ("/sandbox/rules/seated-cancel-not-host", test_seated_cancel_not_host);
  g_test_add_func ("/sandbox/rules/requires-confirmation", test_requires_confirmation);

  return g_test_run ();
}
