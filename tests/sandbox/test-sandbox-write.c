/* test-sandbox-write.c: create, reschedule, cancel and the other mutations
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

/* 2030-01-01T00:00:00Z, a Tuesday; the seeded bookings lie around the real
 * date, so January 2030 is free. Zoë (Europe/Oslo, UTC+1 in winter) works
 * 08:00–16:00 UTC. */
#define NOW_2030 G_GINT64_CONSTANT (1893456000)
#define ZOE_30MIN 1021
#define ZOE_CONSULTATION 1022
#define ZOE_PHONE 1023
#define ZOE_COACHING 1024
#define ZOE_EMAIL "zoe.odegaard@northwind-clinic.example"

#define MSG_TAKEN "User either already has booking at this time or is not available"

/* Auxiliary methods */

static SandboxFixture *
new_fixture (void)
{
  SandboxFixture *fixture = sandbox_fixture_new (1, 0);

  calbook_sandbox_set_now (fixture->sandbox, NOW_2030);
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
                                           "\"timeZone\":\"Europe/Madrid\",\"language\":\"es\"}%s%s}",
                                           start, event_type_id, extra != NULL ? "," : "", extra != NULL ? extra : "");

  return sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS, body);
}

static char *
create_uid (SandboxFixture *fixture,
            gint64          event_type_id,
            const char     *start)
{
  g_autoptr(SandboxReply) reply = create (fixture, event_type_id, start, NULL);

  g_assert_cmpuint (reply->status, ==, 201);
  return g_strdup (json_object_get_string_member (sandbox_reply_data_object (reply), "uid"));
}

static SandboxReply *
post (SandboxFixture *fixture,
      const char     *uid,
      const char     *action,
      const char     *key,
      const char     *body)
{
  g_autofree char *path = g_strdup_printf ("/v2/bookings/%s/%s", uid, action);

  return sandbox_request (fixture, "POST", path, key, V_BOOKINGS, body);
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

/* Tests */

static void
test_create (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(SandboxReply) ok = create (fixture, ZOE_30MIN, "2030-01-07T09:00:00Z", NULL);
  JsonObject *booking = sandbox_reply_data_object (ok);
  JsonObject *attendee;

  g_assert_cmpuint (ok->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (booking, "status"), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (booking, "start"), ==, "2030-01-07T09:00:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (booking, "end"), ==, "2030-01-07T09:30:00.000Z");
  g_assert_cmpint (json_object_get_int_member (booking, "duration"), ==, 30);
  g_assert_cmpstr (json_object_get_string_member (booking, "location"), ==, "https://meet.example.com/zoe.odegaard");
  g_assert_cmpstr (json_object_get_string_member (booking, "meetingUrl"), ==, "https://meet.example.com/zoe.odegaard");
  g_assert_true (json_object_has_member (booking, "isPlatformManagedUserBooking"));
  g_assert_false (json_object_get_boolean_member (booking, "isPlatformManagedUserBooking"));
  g_assert_cmpstr (json_object_get_string_member (booking, "createdAt"), ==, "2030-01-01T00:00:00.000Z");
  g_assert_cmpint (strlen (json_object_get_string_member (booking, "uid")), ==, 22);
  attendee = json_array_get_object_element (json_object_get_array_member (booking, "attendees"), 0);
  g_assert_cmpstr (json_object_get_string_member (attendee, "name"), ==, "Ana Ruiz");
  g_assert_cmpstr (json_object_get_string_member (attendee, "language"), ==, "es");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (booking, "hosts"), 0), "id"), ==, 103);

  {
    g_autoptr(SandboxReply) same = create (fixture, ZOE_30MIN, "2030-01-07T09:00:00Z", NULL);
    g_autoptr(SandboxReply) overlap = create (fixture, ZOE_PHONE, "2030-01-07T09:15:00Z", NULL);
    g_autoptr(SandboxReply) early = create (fixture, ZOE_30MIN, "2030-01-07T07:30:00Z", NULL);
    g_autoptr(SandboxReply) late = create (fixture, ZOE_30MIN, "2030-01-07T15:45:00Z", NULL);
    g_autoptr(SandboxReply) saturday = create (fixture, ZOE_30MIN, "2030-01-05T10:00:00Z", NULL);
    g_autoptr(SandboxReply) past = create (fixture, ZOE_30MIN, "2029-12-31T10:00:00Z", NULL);

    sandbox_assert_error (same, 400, "BadRequestException", MSG_TAKEN);
    sandbox_assert_error (overlap, 400, "BadRequestException", MSG_TAKEN);
    sandbox_assert_error (early, 400, "BadRequestException", MSG_TAKEN);
    sandbox_assert_error (late, 400, "BadRequestException", MSG_TAKEN);
    sandbox_assert_error (saturday, 400, "BadRequestException", MSG_TAKEN);
    sandbox_assert_error (past, 400, "BadRequestException", "Attempting to book a meeting in the past.");
  }
}

static void
test_create_rules (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(GString) many_keys = g_string_new ("\"metadata\":{");
  g_autofree char *long_key = g_strdup_printf ("\"metadata\":{\"%s\":\"x\"}", "0123456789012345678901234567890123456789X");
  g_autofree char *long_value = NULL;
  g_autofree char *value = g_strnfill (501, 'v');
  const char *single = "Can't specify 'lengthInMinutes' because event type does not have multiple possible lengths. "
                       "Please, remove the 'lengthInMinutes' field from the request.";

  for (guint i = 0; i < 51; i++)
    g_string_append_printf (many_keys, "%s\"k%u\":%u", i > 0 ? "," : "", i, i);
  g_string_append (many_keys, "}");
  long_value = g_strdup_printf ("\"metadata\":{\"note\":\"%s\"}", value);

  {
    g_autoptr(SandboxReply) keys = create (fixture, ZOE_30MIN, "2030-01-07T10:00:00Z", many_keys->str);
    g_autoptr(SandboxReply) key = create (fixture, ZOE_30MIN, "2030-01-07T10:00:00Z", long_key);
    g_autoptr(SandboxReply) val = create (fixture, ZOE_30MIN, "2030-01-07T10:00:00Z", long_value);
    g_autoptr(SandboxReply) fine = create (fixture, ZOE_30MIN, "2030-01-07T10:00:00Z", "\"metadata\":{\"clientRequestId\":\"abc\",\"n\":3}");
    const char *msg = "metadata property is wrong,Metadata must have at most 50 keys, each key up to 40 characters,"
                      " and string values up to 500 characters. ";

    sandbox_assert_error (keys, 400, "BadRequestException", msg);
    sandbox_assert_error (key, 400, "BadRequestException", msg);
    sandbox_assert_error (val, 400, "BadRequestException", msg);
    g_assert_cmpuint (fine->status, ==, 201);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sandbox_reply_data_object (fine), "metadata"),
                                                    "clientRequestId"), ==, "abc");
  }

  {
    g_autoptr(SandboxReply) not_multi = create (fixture, ZOE_30MIN, "2030-01-07T11:00:00Z", "\"lengthInMinutes\":30");
    g_autoptr(SandboxReply) multi = create (fixture, ZOE_PHONE, "2030-01-07T11:00:00Z", "\"lengthInMinutes\":45");
    g_autoptr(SandboxReply) default_length = create (fixture, ZOE_PHONE, "2030-01-07T12:00:00Z", NULL);
    g_autoptr(SandboxReply) wrong = create (fixture, ZOE_PHONE, "2030-01-07T13:00:00Z", "\"lengthInMinutes\":20");

    sandbox_assert_error (not_multi, 400, "BadRequestException", single);
    g_assert_cmpuint (multi->status, ==, 201);
    g_assert_cmpint (json_object_get_int_member (sandbox_reply_data_object (multi), "duration"), ==, 45);
    g_assert_cmpint (json_object_get_int_member (sandbox_reply_data_object (default_length), "duration"), ==, 15);
    sandbox_assert_error (wrong, 400, "BadRequestException", NULL);
  }

  {
    g_autoptr(SandboxReply) pending = create (fixture, ZOE_CONSULTATION, "2030-01-08T09:00:00Z", NULL);
    g_autoptr(SandboxReply) series = create (fixture, ZOE_COACHING, "2030-01-09T09:00:00Z", NULL);
    g_autoptr(SandboxReply) short_series = create (fixture, ZOE_COACHING, "2030-01-10T09:00:00Z", "\"recurrenceCount\":3");
    JsonArray *occurrences;
    const char *series_uid;

    g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (pending), "status"), ==, "pending");
    g_assert_cmpuint (series->status, ==, 201);
    occurrences = sandbox_reply_data_array (series);
    g_assert_cmpint (json_array_get_length (occurrences), ==, 6);
    series_uid = json_object_get_string_member (json_array_get_object_element (occurrences, 0), "recurringBookingUid");
    g_assert_nonnull (series_uid);
    for (guint i = 0; i < 6; i++)
      {
        JsonObject *occurrence = json_array_get_object_element (occurrences, i);
        g_autofree char *expected = g_strdup_printf ("2030-01-%02uT09:00:00.000Z", 9 + 7 * i);

        g_assert_cmpstr (json_object_get_string_member (occurrence, "recurringBookingUid"), ==, series_uid);
        if (i < 4)
          g_assert_cmpstr (json_object_get_string_member (occurrence, "start"), ==, expected);
      }
    g_assert_cmpint (json_array_get_length (sandbox_reply_data_array (short_series)), ==, 3);
  }

  {
    g_autoptr(SandboxReply) bad_json = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS, "{\"start\":");
    g_autoptr(SandboxReply) array = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS, "[1,2]");
    g_autoptr(SandboxReply) binary = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS, "\xff\xfe{}");
    g_autoptr(SandboxReply) no_attendee = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                                                           "{\"start\":\"2030-01-07T14:00:00Z\",\"eventTypeId\":1021}");
    g_autoptr(SandboxReply) no_contact = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                                                          "{\"start\":\"2030-01-07T14:00:00Z\",\"eventTypeId\":1021,"
                                                          "\"attendee\":{\"name\":\"X\",\"timeZone\":\"UTC\"}}");
    g_autoptr(SandboxReply) bad_zone = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                                                        "{\"start\":\"2030-01-07T14:00:00Z\",\"eventTypeId\":1021,"
                                                        "\"attendee\":{\"name\":\"X\",\"email\":\"x@example.com\",\"timeZone\":\"Mars/Olympus\"}}");
    g_autoptr(SandboxReply) no_event = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                                                        "{\"start\":\"2030-01-07T14:00:00Z\","
                                                        "\"attendee\":{\"name\":\"X\",\"email\":\"x@example.com\",\"timeZone\":\"UTC\"}}");
    g_autoptr(SandboxReply) unknown = create (fixture, 999999, "2030-01-07T14:00:00Z", NULL);
    g_autoptr(SandboxReply) bad_start = create (fixture, ZOE_30MIN, "next monday", NULL);
    g_autoptr(SandboxReply) bad_key = sandbox_request (fixture, "POST", "/v2/bookings", "cal_live_nope", V_BOOKINGS, "{}");
    g_autoptr(SandboxReply) by_slug = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                                                       "{\"start\":\"2030-01-07T14:00:00Z\",\"eventTypeSlug\":\"30min\",\"username\":\"zoe.odegaard\","
                                                       "\"attendee\":{\"name\":\"Y\",\"phoneNumber\":\"+4712345678\",\"timeZone\":\"UTC\"}}");
    g_autoptr(SandboxReply) wrong_location = create (fixture, ZOE_30MIN, "2030-01-07T15:00:00Z",
                                                     "\"location\":{\"type\":\"address\",\"address\":\"Somewhere\"}");

    sandbox_assert_error (bad_json, 400, "BadRequestException", NULL);
    sandbox_assert_error (array, 400, "BadRequestException", NULL);
    sandbox_assert_error (binary, 400, "BadRequestException", NULL);
    sandbox_assert_error (no_attendee, 400, "BadRequestException", NULL);
    sandbox_assert_error (no_contact, 400, "BadRequestException",
                          "attendee property is wrong, attendee email or phone property is wrong,Attendee must have"
                          " at least one contact method (email or phone number) ");
    sandbox_assert_error (bad_zone, 400, "BadRequestException", NULL);
    sandbox_assert_error (no_event, 400, "BadRequestException",
                          "eventTypeId or eventTypeSlug + username property is wrong,Either eventTypeId or"
                          " eventTypeSlug + username or eventTypeSlug + teamSlug must be provided ");
    sandbox_assert_error (unknown, 404, "NotFoundException", "Event type with id 999999 not found.");
    sandbox_assert_error (bad_start, 400, "BadRequestException", NULL);
    sandbox_assert_error (bad_key, 401, "UnauthorizedException", "ApiAuthStrategy - api key - Your api key is not valid");
    g_assert_cmpuint (by_slug->status, ==, 201);
    sandbox_assert_error (wrong_location, 400, "BadRequestException", NULL);
  }
}

static void
test_whitelist (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *uid = create_uid (fixture, ZOE_30MIN, "2030-01-07T09:00:00Z");
  g_autoptr(SandboxReply) create_end = create (fixture, ZOE_30MIN, "2030-01-07T10:00:00Z", "\"end\":\"2030-01-07T10:30:00Z\",\"notes\":\"x\"");
  g_autoptr(SandboxReply) cancel_reason = post (fixture, uid, "cancel", NULL, "{\"reason\":\"x\"}");
  g_autoptr(SandboxReply) reschedule_end = post (fixture, uid, "reschedule", NULL,
                                                 "{\"start\":\"2030-01-07T11:00:00Z\",\"end\":\"2030-01-07T11:30:00Z\"}");
  g_autoptr(SandboxReply) reschedule_missing = post (fixture, "nope", "reschedule", NULL, "{\"start\":5}");
  g_autoptr(SandboxReply) attendee = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                                                      "{\"start\":\"2030-01-07T12:00:00Z\",\"eventTypeId\":1021,"
                                                      "\"attendee\":{\"name\":7,\"email\":\"a@example.com\",\"timeZone\":\"UTC\",\"language\":\"xx\",\"age\":3}}");
  g_autoptr(SandboxReply) lengths = create (fixture, ZOE_PHONE, "2030-01-07T13:00:00Z", "\"lengthInMinutes\":0.5");
  g_autoptr(SandboxReply) no_attendee = sandbox_request (fixture, "POST", "/v2/bookings", NULL, V_BOOKINGS,
                                                         "{\"start\":\"2030-01-07T12:00:00Z\",\"eventTypeId\":1021}");
  const char *message;

  sandbox_assert_error (create_end, 400, "BadRequestException",
                        "end property is wrong,property end should not exist , notes property is wrong,property notes should not exist ");
  sandbox_assert_error (cancel_reason, 400, "BadRequestException", "reason property is wrong,property reason should not exist ");
  sandbox_assert_error (reschedule_end, 400, "BadRequestException", "end property is wrong,property end should not exist ");
  /* The pipe answers before the booking is looked up */
  sandbox_assert_error (reschedule_missing, 400, "BadRequestException",
                        "start property is wrong,start must be a valid ISO 8601 date string ");
  sandbox_assert_error (no_attendee, 400, "BadRequestException",
                        "attendee property is wrong,attendee should not be null or undefined ");
  sandbox_assert_error (lengths, 400, "BadRequestException",
                        "lengthInMinutes property is wrong,lengthInMinutes must not be less than 1, lengthInMinutes must be an integer number ");

  sandbox_assert_error (attendee, 400, "BadRequestException", NULL);
  message = json_object_get_string_member (json_object_get_object_member (sandbox_reply_object (attendee), "error"), "message");
  g_assert_true (g_str_has_prefix (message, "attendee property is wrong, age property is wrong,property age should not exist , "
                                            "name property is wrong,name must be a string , language property is wrong,"
                                            "language must be one of the following values: ar, ca, de,"));

  /* Nothing was changed by the refused requests */
  {
    SandboxReply *reply = NULL;
    JsonObject *booking = get_booking (fixture, uid, &reply);

    g_assert_cmpstr (json_object_get_string_member (booking, "status"), ==, "accepted");
    sandbox_reply_free (reply);
  }
}

static void
test_reschedule (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  const char *key = sandbox_fixture_key (fixture, "zoe.odegaard");
  g_autofree char *uid = create_uid (fixture, ZOE_30MIN, "2030-01-07T09:00:00Z");
  g_autofree char *blocker = create_uid (fixture, ZOE_30MIN, "2030-01-07T11:00:00Z");
  g_autoptr(SandboxReply) moved = post (fixture, uid, "reschedule", key,
                                        "{\"start\":\"2030-01-07T10:00:00Z\",\"reschedulingReason\":\"Traffic\"}");
  g_autoptr(SandboxReply) old_reply = NULL;
  g_autoptr(SandboxReply) again = NULL;
  g_autoptr(SandboxReply) self_overlap = NULL;
  g_autoptr(SandboxReply) taken = NULL;
  g_autoptr(SandboxReply) missing = NULL;
  g_autoptr(SandboxReply) cancelled = NULL;
  g_autoptr(SandboxReply) cancel = NULL;
  JsonObject *new_booking = sandbox_reply_data_object (moved);
  JsonObject *old_booking;
  g_autofree char *new_uid = g_strdup (json_object_get_string_member (new_booking, "uid"));
  g_autofree char *message = NULL;

  g_assert_cmpuint (moved->status, ==, 201);
  g_assert_cmpstr (new_uid, !=, uid);
  g_assert_cmpstr (json_object_get_string_member (new_booking, "rescheduledFromUid"), ==, uid);
  /* Zoë's key, but no rescheduledBy: Cal.com fills in nobody */
  g_assert_false (json_object_has_member (new_booking, "rescheduledByEmail"));
  g_assert_cmpstr (json_object_get_string_member (new_booking, "reschedulingReason"), ==, "Traffic");
  g_assert_cmpstr (json_object_get_string_member (new_booking, "start"), ==, "2030-01-07T10:00:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (new_booking, "end"), ==, "2030-01-07T10:30:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (new_booking, "status"), ==, "accepted");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (new_booking, "attendees")), ==, 1);

  old_booking = get_booking (fixture, uid, &old_reply);
  g_assert_cmpstr (json_object_get_string_member (old_booking, "status"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (old_booking, "rescheduledToUid"), ==, new_uid);
  g_assert_false (json_object_has_member (old_booking, "rescheduledByEmail"));

  again = post (fixture, uid, "reschedule", key, "{\"start\":\"2030-01-07T13:00:00Z\"}");
  message = g_strdup_printf ("Can't reschedule booking with uid=%s because it has been cancelled and rescheduled already"
                             " to booking with uid=%s. You probably want to reschedule %s instead by passing it within"
                             " the request URL.", uid, new_uid, new_uid);
  sandbox_assert_error (again, 400, "BadRequestException", message);

  /* The booking's own time counts as free */
  self_overlap = post (fixture, new_uid, "reschedule", NULL, "{\"start\":\"2030-01-07T10:15:00Z\"}");
  g_assert_cmpuint (self_overlap->status, ==, 201);
  g_assert_null (json_object_get_member (sandbox_reply_data_object (self_overlap), "rescheduledByEmail"));

  taken = post (fixture, json_object_get_string_member (sandbox_reply_data_object (self_overlap), "uid"), "reschedule", NULL,
                "{\"start\":\"2030-01-07T11:00:00Z\"}");
  sandbox_assert_error (taken, 400, "BadRequestException", MSG_TAKEN);

  missing = post (fixture, "nope", "reschedule", NULL, "{\"start\":\"2030-01-07T11:00:00Z\"}");
  sandbox_assert_error (missing, 404, "NotFoundException", "Booking with uid=nope was not found in the database");

  cancel = post (fixture, blocker, "cancel", NULL, "{}");
  g_assert_cmpuint (cancel->status, ==, 200);
  g_clear_pointer (&message, g_free);
  cancelled = post (fixture, blocker, "reschedule", NULL, "{\"start\":\"2030-01-07T14:00:00Z\"}");
  message = g_strdup_printf ("Can't reschedule booking with uid=%s because it has been cancelled. Please provide uid of a"
                             " booking that is not cancelled.", blocker);
  sandbox_assert_error (cancelled, 400, "BadRequestException", message);
}

static void
test_reschedule_confirmation (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autofree char *a = create_uid (fixture, ZOE_CONSULTATION, "2030-01-07T09:00:00Z");
  g_autofree char *b = create_uid (fixture, ZOE_CONSULTATION, "2030-01-08T09:00:00Z");
  g_autoptr(SandboxReply) confirm = post (fixture, a, "confirm", sandbox_fixture_key (fixture, "zoe.odegaard"), NULL);
  g_autoptr(SandboxReply) by_attendee = post (fixture, a, "reschedule", NULL,
                                              "{\"start\":\"2030-01-09T09:00:00Z\",\"rescheduledBy\":\"ana@example.com\"}");
  g_autoptr(SandboxReply) by_owner = post (fixture, b, "reschedule", NULL,
                                           "{\"start\":\"2030-01-10T09:00:00Z\",\"rescheduledBy\":\"" ZOE_EMAIL "\"}");

  g_assert_cmpuint (confirm->status, ==, 200);
  /* Needs confirmation again unless the event type's owner moved it */
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (by_attendee), "status"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (by_owner), "status"), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (by_attendee), "rescheduledByEmail"), ==, "ana@example.com");
}

static void
test_cancel (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  const char *zoe = sandbox_fixture_key (fixture, "zoe.odegaard");
  const char *sofia = sandbox_fixture_key (fixture, "sofia.rossi");
  g_autofree char *uid = create_uid (fixture, ZOE_30MIN, "2030-01-07T09:00:00Z");
  g_autofree char *other = create_uid (fixture, ZOE_30MIN, "2030-01-07T10:00:00Z");
  g_autofree char *anonymous = create_uid (fixture, ZOE_30MIN, "2030-01-07T11:00:00Z");
  g_autoptr(SandboxReply) no_reason = post (fixture, uid, "cancel", zoe, "{}");
  g_autoptr(SandboxReply) blank = post (fixture, uid, "cancel", zoe, "{\"cancellationReason\":\"  \"}");
  g_autoptr(SandboxReply) ok = post (fixture, uid, "cancel", zoe, "{\"cancellationReason\":\"Sick <b>today</b>\"}");
  g_autoptr(SandboxReply) twice = post (fixture, uid, "cancel", zoe, "{\"cancellationReason\":\"again\"}");
  g_autoptr(SandboxReply) by_admin = post (fixture, other, "cancel", sofia, NULL);
  g_autoptr(SandboxReply) by_anyone = post (fixture, anonymous, "cancel", NULL, "{}");
  g_autoptr(SandboxReply) missing = post (fixture, "nope", "cancel", zoe, "{}");
  g_autoptr(SandboxReply) wrong_type = post (fixture, anonymous, "cancel", zoe, "{\"cancellationReason\":5}");
  JsonObject *booking;

  sandbox_assert_flat_error (no_reason, 400, "Cancellation reason is required when you are the host");
  sandbox_assert_flat_error (blank, 400, "Cancellation reason is required when you are the host");
  g_assert_cmpuint (ok->status, ==, 200);
  booking = sandbox_reply_data_object (ok);
  g_assert_cmpstr (json_object_get_string_member (booking, "status"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (booking, "cancellationReason"), ==, "Sick <b>today</b>");
  g_assert_cmpstr (json_object_get_string_member (booking, "cancelledByEmail"), ==, ZOE_EMAIL);
  {
    g_autofree char *message = g_strdup_printf ("Can't cancel booking with uid=%s because it has been cancelled already."
                                                " Please provide uid of a booking that is not cancelled.", uid);

    sandbox_assert_error (twice, 400, "BadRequestException", message);
  }

  /* The reason rule is for the organizer only; an org admin may cancel */
  g_assert_cmpuint (by_admin->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (by_admin), "cancelledByEmail"), ==,
                   "sofia.rossi@northwind-clinic.example");
  /* By uid alone: nobody named */
  g_assert_false (json_object_has_member (sandbox_reply_data_object (by_anyone), "cancelledByEmail"));
  g_assert_cmpuint (by_anyone->status, ==, 200);
  sandbox_assert_error (missing, 404, "NotFoundException", "Booking with uid=nope not found");
  sandbox_assert_error (wrong_type, 400, "BadRequestException",
                        "cancellationReason property is wrong,cancellationReason must be a string ");

  {
    g_autofree char *ended = create_uid (fixture, ZOE_30MIN, "2030-01-07T12:00:00Z");
    g_autoptr(SandboxReply) reply = NULL;

    calbook_sandbox_set_now (fixture->sandbox, NOW_2030 + 7 * 86400);
    reply = post (fixture, ended, "cancel", zoe, "{\"cancellationReason\":\"late\"}");
    sandbox_assert_flat_error (reply, 400, "Cannot cancel a booking that has already ended");
  }
}

static void
test_cancel_series (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(SandboxReply) created = create (fixture, ZOE_COACHING, "2030-01-07T09:00:00Z", NULL);
  g_autoptr(SandboxReply) second = create (fixture, ZOE_COACHING, "2030-01-08T09:00:00Z", NULL);
  JsonArray *occurrences = sandbox_reply_data_array (created);
  JsonArray *others = sandbox_reply_data_array (second);
  const char *series_uid = json_object_get_string_member (json_array_get_object_element (occurrences, 0), "recurringBookingUid");
  const char *third = json_object_get_string_member (json_array_get_object_element (others, 2), "uid");
  g_autoptr(SandboxReply) whole = post (fixture, series_uid, "cancel", NULL, "{\"cancellationReason\":\"Course cancelled\"}");
  g_autoptr(SandboxReply) subsequent = post (fixture, third, "cancel", NULL, "{\"cancelSubsequentBookings\":true}");
  g_autoptr(SandboxReply) check = NULL;
  g_autofree char *check_path = NULL;
  JsonArray *cancelled;

  cancelled = sandbox_reply_data_array (whole);
  g_assert_cmpint (json_array_get_length (cancelled), ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cancelled, i), "status"), ==, "cancelled");

  cancelled = sandbox_reply_data_array (subsequent);
  g_assert_cmpint (json_array_get_length (cancelled), ==, 4);

  check_path = g_strdup_printf ("/v2/bookings/%s", json_object_get_string_member (json_array_get_object_element (others, 0), "recurringBookingUid"));
  check = sandbox_request (fixture, "GET", check_path, NULL, V_BOOKINGS, NULL);
  cancelled = sandbox_reply_data_array (check);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cancelled, 1), "status"), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cancelled, 2), "status"), ==, "cancelled");
}

static void
test_confirm_decline (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  const char *zoe = sandbox_fixture_key (fixture, "zoe.odegaard");
  const char *jose = sandbox_fixture_key (fixture, "jose.nunez");
  const char *sofia = sandbox_fixture_key (fixture, "sofia.rossi");
  g_autofree char *a = create_uid (fixture, ZOE_CONSULTATION, "2030-01-07T09:00:00Z");
  g_autofree char *b = create_uid (fixture, ZOE_CONSULTATION, "2030-01-07T11:00:00Z");
  g_autofree char *c = create_uid (fixture, ZOE_CONSULTATION, "2030-01-07T13:00:00Z");
  g_autoptr(SandboxReply) stranger = post (fixture, a, "confirm", jose, NULL);
  g_autoptr(SandboxReply) anonymous = post (fixture, a, "confirm", NULL, NULL);
  g_autoptr(SandboxReply) confirmed = post (fixture, a, "confirm", zoe, NULL);
  g_autoptr(SandboxReply) twice = post (fixture, a, "confirm", zoe, NULL);
  g_autoptr(SandboxReply) declined = post (fixture, b, "decline", zoe, "{\"reason\":\"Fully booked\"}");
  g_autoptr(SandboxReply) declined_again = post (fixture, b, "decline", zoe, "{}");
  g_autoptr(SandboxReply) admin = post (fixture, c, "confirm", sofia, NULL);
  g_autoptr(SandboxReply) missing = post (fixture, "nope", "confirm", zoe, NULL);
  JsonObject *root;

  sandbox_assert_error (stranger, 403, "ForbiddenException", NULL);
  sandbox_assert_error (anonymous, 401, "UnauthorizedException", NULL);
  g_assert_cmpuint (confirmed->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (confirmed), "status"), ==, "accepted");

  /* A TRPCError: envelope without details */
  g_assert_cmpuint (twice->status, ==, 400);
  root = sandbox_reply_object (twice);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "error"), "code"), ==, "TRPCError");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "error"), "message"), ==,
                   "Booking already confirmed");

  g_assert_cmpuint (declined->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (declined), "status"), ==, "rejected");
  /* Kept, but not in Cal.com's booking output */
  g_assert_false (json_object_has_member (sandbox_reply_data_object (declined), "rejectionReason"));
  g_assert_cmpuint (declined_again->status, ==, 400);
  g_assert_cmpuint (admin->status, ==, 200);
  sandbox_assert_error (missing, 404, "NotFoundException", NULL);
}

static void
test_confirm_series (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  const char *sofia = sandbox_fixture_key (fixture, "sofia.rossi");
  g_autoptr(SandboxReply) list = sandbox_request (fixture, "GET", "/v2/bookings?status=recurring&take=250", sofia, V_BOOKINGS, NULL);
  g_autoptr(SandboxReply) confirmed = NULL;
  g_autoptr(SandboxReply) series = NULL;
  g_autofree char *series_path = NULL;
  JsonArray *data;
  const char *pending_uid = NULL;

  /* The seeded pending series of Zoë (dated around the real "now") */
  calbook_sandbox_set_now (fixture->sandbox, g_get_real_time () / G_USEC_PER_SEC);
  g_clear_pointer (&list, sandbox_reply_free);
  list = sandbox_request (fixture, "GET", "/v2/bookings?status=unconfirmed&take=250", sofia, V_BOOKINGS, NULL);
  data = sandbox_reply_data_array (list);
  for (guint i = 0; i < json_array_get_length (data) && pending_uid == NULL; i++)
    {
      JsonObject *b = json_array_get_object_element (data, i);

      if (json_object_has_member (b, "recurringBookingUid"))
        {
          pending_uid = json_object_get_string_member (b, "uid");
          series_path = g_strdup_printf ("/v2/bookings/%s", json_object_get_string_member (b, "recurringBookingUid"));
        }
    }
  g_assert_nonnull (pending_uid);

  confirmed = post (fixture, pending_uid, "confirm", sofia, NULL);
  g_assert_cmpuint (confirmed->status, ==, 200);
  series = sandbox_request (fixture, "GET", series_path, NULL, V_BOOKINGS, NULL);
  data = sandbox_reply_data_array (series);
  for (guint i = 0; i < json_array_get_length (data); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (data, i), "status"), !=, "pending");
}

static void
test_mark_absent (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  const char *zoe = sandbox_fixture_key (fixture, "zoe.odegaard");
  g_autofree char *uid = create_uid (fixture, ZOE_30MIN, "2030-01-07T09:00:00Z");
  g_autoptr(SandboxReply) early = post (fixture, uid, "mark-absent", zoe, "{\"host\":true}");
  g_autoptr(SandboxReply) marked = NULL;
  g_autoptr(SandboxReply) stranger = NULL;
  JsonObject *booking;

  sandbox_assert_error (early, 400, "BadRequestException",
                        "Bookings can only be marked as absent after their scheduled start time. Current time in UTC+0:"
                        " 2030-01-01T00:00:00.000Z, Booking start time in UTC+0: 2030-01-07T09:00:00.000Z");

  calbook_sandbox_set_now (fixture->sandbox, NOW_2030 + 6 * 86400 + 9 * 3600 + 60);
  marked = post (fixture, uid, "mark-absent", zoe, "{\"host\":true,\"attendees\":[{\"email\":\"ana@example.com\",\"absent\":true}]}");
  g_assert_cmpuint (marked->status, ==, 200);
  booking = sandbox_reply_data_object (marked);
  g_assert_true (json_object_get_boolean_member (booking, "absentHost"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (json_object_get_array_member (booking, "attendees"), 0), "absent"));

  stranger = post (fixture, uid, "mark-absent", sandbox_fixture_key (fixture, "jose.nunez"), "{\"host\":false}");
  sandbox_assert_error (stranger, 403, "ForbiddenException", NULL);
}

static void
test_location (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  const char *zoe = sandbox_fixture_key (fixture, "zoe.odegaard");
  g_autofree char *uid = create_uid (fixture, ZOE_30MIN, "2030-01-07T09:00:00Z");
  g_autofree char *path = g_strdup_printf ("/v2/bookings/%s/location", uid);
  static const struct { const char *body; const char *expected; } cases[] = {
    { "{\"location\":{\"type\":\"address\",\"address\":\"Karl Johans gate 1, Oslo\"}}", "Karl Johans gate 1, Oslo" },
    { "{\"location\":{\"type\":\"link\",\"link\":\"https://meet.example.com/x\"}}", "https://meet.example.com/x" },
    { "{\"location\":{\"type\":\"phone\",\"phone\":\"+4722334455\"}}", "+4722334455" },
    { "{\"location\":{\"type\":\"attendeePhone\",\"phone\":\"+34600111222\"}}", "+34600111222" },
    { "{\"location\":{\"type\":\"attendeeAddress\",\"address\":\"Calle Mayor 1\"}}", "Calle Mayor 1" },
    { "{\"location\":{\"type\":\"attendeeDefined\",\"location\":\"The café\"}}", "The café" },
  };
  g_autoptr(SandboxReply) zoom = sandbox_request (fixture, "PATCH", path, zoe, V_BOOKINGS, "{\"location\":{\"type\":\"integration\",\"integration\":\"zoom\"}}");
  g_autoptr(SandboxReply) bad_link = sandbox_request (fixture, "PATCH", path, zoe, V_BOOKINGS, "{\"location\":{\"type\":\"link\",\"link\":\"not a url\"}}");
  g_autoptr(SandboxReply) anonymous = sandbox_request (fixture, "PATCH", path, NULL, V_BOOKINGS, cases[0].body);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SandboxReply) reply = sandbox_request (fixture, "PATCH", path, zoe, V_BOOKINGS, cases[i].body);

      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (reply), "location"), ==, cases[i].expected);
    }

  sandbox_assert_error (zoom, 400, "BadRequestException", NULL);
  sandbox_assert_error (bad_link, 400, "BadRequestException", NULL);
  sandbox_assert_error (anonymous, 401, "UnauthorizedException", NULL);
}

static void
test_guests (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  const char *zoe = sandbox_fixture_key (fixture, "zoe.odegaard");
  g_autofree char *uid = create_uid (fixture, ZOE_30MIN, "2030-01-07T09:00:00Z");
  g_autoptr(SandboxReply) two = post (fixture, uid, "guests", zoe,
                                      "{\"guests\":[{\"email\":\"g1@example.com\",\"name\":\"Guest One\"},{\"email\":\"g2@example.com\"}]}");
  g_autoptr(GString) eleven = g_string_new ("{\"guests\":[");
  g_autoptr(SandboxReply) too_many = NULL;
  g_autoptr(SandboxReply) empty = post (fixture, uid, "guests", zoe, "{\"guests\":[]}");
  g_autoptr(SandboxReply) invalid = post (fixture, uid, "guests", zoe, "{\"guests\":[{\"name\":\"No mail\"}]}");
  g_autoptr(SandboxReply) over = NULL;
  JsonArray *guests;

  g_assert_cmpuint (two->status, ==, 200);
  guests = json_object_get_array_member (sandbox_reply_data_object (two), "guests");
  g_assert_cmpint (json_array_get_length (guests), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (guests, 0), ==, "g1@example.com");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (sandbox_reply_data_object (two), "attendees")), ==, 3);

  for (guint i = 0; i < 11; i++)
    g_string_append_printf (eleven, "%s{\"email\":\"x%u@example.com\"}", i > 0 ? "," : "", i);
  g_string_append (eleven, "]}");
  too_many = post (fixture, uid, "guests", zoe, eleven->str);
  sandbox_assert_error (too_many, 400, "BadRequestException", "guests property is wrong,guests must contain no more than 10 elements ");
  sandbox_assert_error (empty, 400, "BadRequestException", NULL);
  sandbox_assert_error (invalid, 400, "BadRequestException", NULL);

  /* 2 + 10 + 10 + 8 = 30 guests at most per booking */
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GString) body = g_string_new ("{\"guests\":[");
      g_autoptr(SandboxReply) reply = NULL;
      guint n = round < 2 ? 10 : 8;

      for (guint i = 0; i < n; i++)
        g_string_append_printf (body, "%s{\"email\":\"r%u.%u@example.com\"}", i > 0 ? "," : "", round, i);
      g_string_append (body, "]}");
      reply = post (fixture, uid, "guests", zoe, body->str);
      g_assert_cmpuint (reply->status, ==, 200);
    }
  over = post (fixture, uid, "guests", zoe, "{\"guests\":[{\"email\":\"one.more@example.com\"}]}");
  sandbox_assert_error (over, 400, "BadRequestException", NULL);
}

static void
test_updated_at (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  const char *zoe = sandbox_fixture_key (fixture, "zoe.odegaard");
  g_autofree char *uid = create_uid (fixture, ZOE_30MIN, "2030-01-07T09:00:00Z");
  g_autofree char *other = create_uid (fixture, ZOE_30MIN, "2030-01-07T10:00:00Z");
  g_autoptr(SandboxReply) before = NULL;
  g_autoptr(SandboxReply) changed = NULL;
  g_autoptr(SandboxReply) sync = NULL;
  g_autofree char *watermark = NULL;
  g_autofree char *sync_path = NULL;
  g_autofree char *location_path = g_strdup_printf ("/v2/bookings/%s/location", uid);
  JsonArray *data;

  watermark = g_strdup (json_object_get_string_member (get_booking (fixture, other, &before), "updatedAt"));

  /* Even with the clock frozen, each change gets a later updatedAt */
  changed = sandbox_request (fixture, "PATCH", location_path, zoe, V_BOOKINGS,
                             "{\"location\":{\"type\":\"phone\",\"phone\":\"+4711111111\"}}");
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (changed), "updatedAt"), >, watermark);

  sync_path = g_strdup_printf ("/v2/bookings?afterUpdatedAt=%s&sortUpdatedAt=asc&take=250", watermark);
  sync = sandbox_request (fixture, "GET", sync_path, zoe, V_BOOKINGS, NULL);
  data = sandbox_reply_data_array (sync);
  g_assert_cmpint (json_array_get_length (data), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (data, 0), "uid"), ==, other);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (data, 1), "uid"), ==, uid);
}

/* BookingInput{Link,Address,Phone}Location_2024_08_13 carry the type
 * alone: the booking takes the event type's own value */
static void
test_create_location_by_type (void)
{
  g_autoptr(SandboxFixture) fixture = new_fixture ();
  g_autoptr(SandboxReply) link = create (fixture, ZOE_30MIN, "2030-01-07T09:00:00Z", "\"location\":{\"type\":\"link\"}");
  g_autoptr(SandboxReply) phone = create (fixture, ZOE_PHONE, "2030-01-07T11:00:00Z", "\"location\":{\"type\":\"phone\"}");
  g_autoptr(SandboxReply) address = create (fixture, ZOE_CONSULTATION, "2030-01-08T09:00:00Z",
                                            "\"location\":{\"type\":\"address\"}");
  g_autoptr(SandboxReply) wrong = create (fixture, ZOE_30MIN, "2030-01-07T12:00:00Z", "\"location\":{\"type\":\"address\"}");

  g_assert_cmpuint (link->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (link), "location"), ==,
                   "https://meet.example.com/zoe.odegaard");
  g_assert_cmpuint (phone->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (phone), "location"), ==, "+47 22 123456");
  g_assert_cmpuint (address->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (sandbox_reply_data_object (address), "location"), ==,
                   "Storgata 3, 0155 Oslo");
  /* Not one of the event type's locations */
  g_assert_cmpuint (wrong->status, ==, 400);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/write/create", test_create);
  g_test_add_func ("/sandbox/write/create-rules", test_create_rules);
  g_test_add_func ("/sandbox/write/create-location-by-type", test_create_location_by_type);
  g_test_add_func ("/sandbox/write/whitelist", test_whitelist);
  g_test_add_func ("/sandbox/write/reschedule", test_reschedule);
  g_test_add_func ("/sandbox/write/reschedule-confirmation", test_reschedule_confirmation);
  g_test_add_func ("/sandbox/write/cancel", test_cancel);
  g_test_add_func ("/sandbox/write/cancel-series", test_cancel_series);
  g_test_add_func ("/sandbox/write/confirm-decline", test_confirm_decline);
  g_test_add_func ("/sandbox/write/confirm-series", test_confirm_series);
  g_test_add_func ("/sandbox/write/mark-absent", test_mark_absent);
  g_test_add_func ("/sandbox/write/location", test_location);
  g_test_add_func ("/sandbox/write/guests", test_guests);
  g_test_add_func ("/sandbox/write/updated-at", test_updated_at);

  return g_test_run ();
}
