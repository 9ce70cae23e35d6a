/* test-notifier.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "calbook-change.h"
#include "calbook-notification.h"
#include "calbook-notifier.h"
#include "calbook-person.h"
#include "calbook-store.h"
#include "test-markup.h"

#define USER_ID    42
#define USER_EMAIL "olga@example.com"
#define USER_NAME  "Olga Office"

/* 2024-12-03 09:00 UTC = Tue 3 Dec 10:00 in Berlin */
#define T_TUE_10   G_GINT64_CONSTANT (1733216400)
/* 2024-12-04 13:00 UTC = Wed 4 Dec 14:00 in Berlin */
#define T_WED_14   G_GINT64_CONSTANT (1733317200)

/* Auxiliary methods */

static char *
iso (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z");
}

static JsonObject *
person_object (gint64      id,
               const char *name,
               const char *email)
{
  JsonObject *person = json_object_new ();

  if (id != 0)
    json_object_set_int_member (person, "id", id);
  json_object_set_string_member (person, "name", name);
  json_object_set_string_member (person, "email", email);
  json_object_set_string_member (person, "timeZone", "Europe/Berlin");
  return person;
}

typedef struct
{
  const char *uid;
  const char *status;
  gint64      start;
  gint64      host_id;
  const char *host_name;
  const char *host_email;
  const char *attendee_name;
  const char *attendee_email;
  gboolean    attendee_absent;
  const char *location;
  const char *meeting_url;
  const char *cancellation_reason;
  const char *rejection_reason;
  const char *rescheduling_reason;
  const char *rescheduled_to_uid;
  const char *title;
  const char *guest;
  const char *recurring_booking_uid;
} BookingSpec;

static CalbookBooking *
make_booking (const BookingSpec *spec)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *start = iso (spec->start ? spec->start : T_TUE_10);
  g_autofree char *end = iso ((spec->start ? spec->start : T_TUE_10) + 30 * 60);
  JsonArray *hosts = json_array_new ();
  JsonArray *attendees = json_array_new ();
  JsonArray *guests = json_array_new ();
  CalbookBooking *booking;

  json_object_set_int_member (object, "id", 1000);
  json_object_set_string_member (object, "uid", spec->uid ? spec->uid : "uid-1");
  json_object_set_string_member (object, "title", spec->title ? spec->title : "Intro call");
  json_object_set_string_member (object, "status", spec->status ? spec->status : "accepted");
  json_object_set_string_member (object, "start", start);
  json_object_set_string_member (object, "end", end);
  json_object_set_int_member (object, "duration", 30);

  json_array_add_object_element (hosts,
                                 person_object (spec->host_id ? spec->host_id : USER_ID,
                                                spec->host_name ? spec->host_name : USER_NAME,
                                                spec->host_email ? spec->host_email : USER_EMAIL));
  json_object_set_array_member (object, "hosts", hosts);

  if (g_strcmp0 (spec->attendee_name, "") != 0)
    {
      const char *name = spec->attendee_name ? spec->attendee_name : "Max Müller";
      const char *email = spec->attendee_email ? spec->attendee_email : "max@example.org";
      JsonObject *attendee = person_object (0, name, email);

      json_object_set_boolean_member (attendee, "absent", spec->attendee_absent);
      json_array_add_object_element (attendees, attendee);
    }
  json_object_set_array_member (object, "attendees", attendees);

  if (spec->guest)
    json_array_add_string_element (guests, spec->guest);
  json_object_set_array_member (object, "guests", guests);

  if (spec->location)
    json_object_set_string_member (object, "location", spec->location);
  if (spec->meeting_url)
    json_object_set_string_member (object, "meetingUrl", spec->meeting_url);
  if (spec->cancellation_reason)
    json_object_set_string_member (object, "cancellationReason", spec->cancellation_reason);
  if (spec->rejection_reason)
    json_object_set_string_member (object, "rejectionReason", spec->rejection_reason);
  if (spec->rescheduling_reason)
    json_object_set_string_member (object, "reschedulingReason", spec->rescheduling_reason);
  if (spec->rescheduled_to_uid)
    json_object_set_string_member (object, "rescheduledToUid", spec->rescheduled_to_uid);
  if (spec->recurring_booking_uid)
    json_object_set_string_member (object, "recurringBookingUid", spec->recurring_booking_uid);

  booking = calbook_booking_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_nonnull (booking);
  return booking;
}

static CalbookNotifier *
make_notifier (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) members = NULL;
  CalbookNotifier *notifier = calbook_notifier_new (USER_ID, USER_EMAIL, USER_NAME);

  g_assert_nonnull (berlin);
  calbook_notifier_set_time_zone (notifier, berlin);

  members = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_person_unref);

  g_ptr_array_add (members, calbook_person_new ("Ana Admin", "Ana@Example.com"));
  g_ptr_array_add (members, calbook_person_new (USER_NAME, USER_EMAIL));
  calbook_notifier_set_members (notifier, members);

  return notifier;
}

static CalbookNotification *
notify (CalbookNotifier   *notifier,
        CalbookChangeKind  kind,
        CalbookBooking    *booking,
        CalbookBooking    *previous,
        const char        *actor_email,
        gboolean           by_self)
{
  g_autoptr(CalbookChange) change = calbook_change_new (kind, booking, previous,
                                                        actor_email, by_self);

  return calbook_notifier_notify_change (notifier, change);
}

static void
assert_no_actions (const CalbookNotification *notification)
{
  g_assert_cmpuint (notification->action_names->len, ==, 0);
  g_assert_cmpuint (notification->action_labels->len, ==, 0);
  g_assert_cmpint (notification->priority, ==, CALBOOK_NOTIFICATION_PRIORITY_NORMAL);
}

static gboolean
has_action (const CalbookNotification *notification,
            const char                *action_name)
{
  for (guint i = 0; i < notification->action_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (notification->action_names, i), action_name) == 0)
      return TRUE;
  return FALSE;
}

/* Tests */

static void
test_format_time (void)
{
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *berlin = calbook_notifier_format_time (notifier, T_TUE_10);
  g_autofree char *in_utc = NULL;
  g_autofree char *wed = calbook_notifier_format_time (notifier, T_WED_14);

  g_assert_cmpstr (berlin, ==, "Tue 3 Dec at 10:00");
  g_assert_cmpstr (wed, ==, "Wed 4 Dec at 14:00");

  calbook_notifier_set_time_zone (notifier, utc);
  in_utc = calbook_notifier_format_time (notifier, T_TUE_10);
  g_assert_cmpstr (in_utc, ==, "Tue 3 Dec at 09:00");

  /* NULL = the local zone; whatever it is, the text has the same shape */
  calbook_notifier_set_time_zone (notifier, NULL);
  g_assert_null (calbook_notifier_get_time_zone (notifier));
  {
    g_autofree char *local = calbook_notifier_format_time (notifier, T_TUE_10);

    g_assert_true (g_str_has_prefix (local, "Tue 3 Dec at ") ||
                   g_str_has_prefix (local, "Mon 2 Dec at ") ||
                   g_str_has_prefix (local, "Wed 4 Dec at "));
  }
}

/* What the user did is not a desktop notification: the window said it with a
 * toast, and what they did on the web they know */
static void
test_own_changes (void)
{
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  g_autoptr(CalbookBooking) booking = make_booking (&(BookingSpec) { .uid = "b1" });
  g_autoptr(CalbookBooking) pending = make_booking (&(BookingSpec) { .uid = "b2",
                                                    .status = "pending" });
  g_autoptr(CalbookBooking) moved = make_booking (&(BookingSpec) { .uid = "b3",
                                                  .start = T_WED_14 });
  g_autoptr(CalbookBooking) cancelled = make_booking (&(BookingSpec) {
    .uid = "b1", .status = "cancelled", .cancellation_reason = "Client asked" });
  g_autoptr(CalbookBooking) declined = make_booking (&(BookingSpec) {
    .uid = "b2", .status = "rejected", .rejection_reason = "Fully booked" });

  g_assert_null (notify (notifier, CALBOOK_CHANGE_CREATED, booking, NULL, USER_EMAIL, TRUE));
  g_assert_null (notify (notifier, CALBOOK_CHANGE_CREATED, pending, NULL, NULL, TRUE));
  g_assert_null (notify (notifier, CALBOOK_CHANGE_RESCHEDULED, moved, booking, USER_EMAIL, TRUE));
  g_assert_null (notify (notifier, CALBOOK_CHANGE_CANCELLED, cancelled, booking, USER_EMAIL, TRUE));
  g_assert_null (notify (notifier, CALBOOK_CHANGE_CONFIRMED, booking, pending, NULL, TRUE));
  g_assert_null (notify (notifier, CALBOOK_CHANGE_DECLINED, declined, pending, NULL, TRUE));
  g_assert_null (notify (notifier, CALBOOK_CHANGE_NO_SHOW, booking, booking, USER_EMAIL, TRUE));
  g_assert_null (notify (notifier, CALBOOK_CHANGE_UPDATED, booking, booking, NULL, TRUE));
}

static void
test_own_changes_from_elsewhere (void)
{
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  g_autoptr(CalbookBooking) booking = make_booking (&(BookingSpec) { .uid = "b1" });
  g_autoptr(CalbookBooking) cancelled = make_booking (&(BookingSpec) {
    .uid = "b1", .status = "cancelled", .cancellation_reason = "Sick" });

  /* Cancelled on the web: the sync sees the user's own e-mail (any case) */
  g_assert_null (notify (notifier, CALBOOK_CHANGE_CANCELLED, cancelled, booking,
                         "OLGA@example.com", FALSE));
}

static void
test_others_changes (void)
{
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  g_autoptr(CalbookBooking) booking = make_booking (&(BookingSpec) { .uid = "b1" });
  g_autoptr(CalbookBooking) pending = make_booking (&(BookingSpec) { .uid = "b1",
                                                    .status = "pending" });
  g_autoptr(CalbookBooking) moved = make_booking (&(BookingSpec) {
    .uid = "b2", .start = T_WED_14, .rescheduling_reason = "Room taken" });
  g_autoptr(CalbookBooking) cancelled = make_booking (&(BookingSpec) {
    .uid = "b1", .status = "cancelled", .cancellation_reason = "Client is ill" });
  g_autoptr(CalbookBooking) declined = make_booking (&(BookingSpec) {
    .uid = "b1", .status = "rejected", .rejection_reason = "Out of office" });
  g_autoptr(CalbookBooking) absent = make_booking (&(BookingSpec) { .uid = "b1",
                                                   .attendee_absent = TRUE });
  g_autoptr(CalbookBooking) new_place = make_booking (&(BookingSpec) {
    .uid = "b1", .location = "Room 4, Hauptstraße 1" });
  g_autoptr(CalbookBooking) with_guest = make_booking (&(BookingSpec) {
    .uid = "b1", .guest = "guest@example.net" });
  CalbookNotification *n;

  n = notify (notifier, CALBOOK_CHANGE_CANCELLED, cancelled, booking, "ana@example.com", FALSE);
  g_assert_cmpstr (n->title, ==, "Booking cancelled");
  g_assert_cmpstr (n->body, ==,
                   "Ana Admin cancelled your 10:00 booking with Max Müller on Tue 3 Dec: "
                   "Client is ill");
  assert_no_actions (n);
  calbook_notification_free (n);

  /* Not a member: named by e-mail */
  n = notify (notifier, CALBOOK_CHANGE_CANCELLED, cancelled, booking, "zed@example.com", FALSE);
  g_assert_cmpstr (n->body, ==,
                   "zed@example.com cancelled your 10:00 booking with Max Müller on Tue 3 Dec: "
                   "Client is ill");
  calbook_notification_free (n);

  /* The attendee cancelled: named by the name on the booking */
  n = notify (notifier, CALBOOK_CHANGE_CANCELLED, cancelled, booking, "max@example.org", FALSE);
  g_assert_cmpstr (n->body, ==,
                   "Max Müller cancelled your 10:00 booking with Max Müller on Tue 3 Dec: "
                   "Client is ill");
  calbook_notification_free (n);

  /* Nobody named */
  n = notify (notifier, CALBOOK_CHANGE_CANCELLED, cancelled, booking, NULL, FALSE);
  g_assert_cmpstr (n->body, ==,
                   "Your 10:00 booking with Max Müller on Tue 3 Dec was cancelled: Client is ill");
  calbook_notification_free (n);

  n = notify (notifier, CALBOOK_CHANGE_RESCHEDULED, moved, booking, "ana@example.com", FALSE);
  g_assert_cmpstr (n->title, ==, "Booking moved");
  g_assert_cmpstr (n->body, ==,
                   "Ana Admin moved your booking with Max Müller to Wed 4 Dec at 14:00: "
                   "Room taken");
  g_assert_cmpstr (n->booking_uid, ==, "b2");
  assert_no_actions (n);
  calbook_notification_free (n);

  n = notify (notifier, CALBOOK_CHANGE_RESCHEDULED, moved, booking, NULL, FALSE);
  g_assert_cmpstr (n->body, ==,
                   "Your booking with Max Müller was moved to Wed 4 Dec at 14:00: Room taken");
  calbook_notification_free (n);

  n = notify (notifier, CALBOOK_CHANGE_CONFIRMED, booking, pending, "ana@example.com", FALSE);
  g_assert_cmpstr (n->title, ==, "Booking confirmed");
  g_assert_cmpstr (n->body, ==,
                   "Ana Admin confirmed your booking with Max Müller on Tue 3 Dec at 10:00");
  calbook_notification_free (n);

  n = notify (notifier, CALBOOK_CHANGE_DECLINED, declined, pending, "ana@example.com", FALSE);
  g_assert_cmpstr (n->title, ==, "Booking declined");
  g_assert_cmpstr (n->body, ==,
                   "Ana Admin declined your booking with Max Müller on Tue 3 Dec at 10:00: "
                   "Out of office");
  calbook_notification_free (n);

  n = notify (notifier, CALBOOK_CHANGE_NO_SHOW, absent, booking, "ana@example.com", FALSE);
  g_assert_cmpstr (n->title, ==, "Marked as absent");
  g_assert_cmpstr (n->body, ==,
                   "Ana Admin marked a no-show on your booking with Max Müller "
                   "on Tue 3 Dec at 10:00");
  calbook_notification_free (n);

  /* Taking the mark back is not news */
  g_assert_null (notify (notifier, CALBOOK_CHANGE_NO_SHOW, booking, absent, "ana@example.com",
                         FALSE));

  n = notify (notifier, CALBOOK_CHANGE_UPDATED, new_place, booking, "ana@example.com", FALSE);
  g_assert_cmpstr (n->title, ==, "Booking changed");
  g_assert_cmpstr (n->body, ==,
                   "Ana Admin changed the location of your booking with Max Müller on Tue 3 Dec at "
                   "10:00 to Room 4, Hauptstraße 1");
  calbook_notification_free (n);

  n = notify (notifier, CALBOOK_CHANGE_UPDATED, with_guest, booking, NULL, FALSE);
  g_assert_cmpstr (n->body, ==,
                   "The guests of your booking with Max Müller on Tue 3 Dec at 10:00 changed");
  calbook_notification_free (n);

  /* An update that changes nothing the user sees */
  g_assert_null (notify (notifier, CALBOOK_CHANGE_UPDATED, booking, booking, "ana@example.com",
                         FALSE));
  g_assert_null (notify (notifier, CALBOOK_CHANGE_UPDATED, booking, NULL, NULL, FALSE));

  /* A new confirmed booking made by a colleague for the user */
  n = notify (notifier, CALBOOK_CHANGE_CREATED, booking, NULL, "ana@example.com", FALSE);
  g_assert_cmpstr (n->title, ==, "New booking");
  g_assert_cmpstr (n->body, ==,
                   "Ana Admin booked a meeting with Max Müller for you on Tue 3 Dec at 10:00");
  calbook_notification_free (n);

  /* ... and one the attendee made on the booking page */
  n = notify (notifier, CALBOOK_CHANGE_CREATED, booking, NULL, "max@example.org", FALSE);
  g_assert_cmpstr (n->body, ==, "Meeting with Max Müller on Tue 3 Dec at 10:00 is booked");
  calbook_notification_free (n);
}

static void
test_others_changes_to_others_bookings (void)
{
  /* An admin's sync sees the whole organization: only their own bookings are told */
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  g_autoptr(CalbookBooking) theirs = make_booking (&(BookingSpec) {
    .uid = "t1", .host_id = 7, .host_name = "Bob Builder", .host_email = "bob@example.com" });
  g_autoptr(CalbookBooking) theirs_cancelled = make_booking (&(BookingSpec) {
    .uid = "t1", .status = "cancelled", .host_id = 7, .host_name = "Bob Builder",
    .host_email = "bob@example.com" });
  g_autoptr(CalbookBooking) theirs_pending = make_booking (&(BookingSpec) {
    .uid = "t2", .status = "pending", .host_id = 7, .host_name = "Bob Builder",
    .host_email = "bob@example.com" });
  g_autoptr(CalbookBooking) attending = make_booking (&(BookingSpec) {
    .uid = "t3", .status = "cancelled", .host_id = 7, .host_name = "Bob Builder",
    .host_email = "bob@example.com", .attendee_name = "Olga", .attendee_email = USER_EMAIL });
  g_autoptr(CalbookNotification) n = NULL;
  g_autoptr(CalbookNotification) own = NULL;

  g_assert_null (notify (notifier, CALBOOK_CHANGE_CANCELLED, theirs_cancelled, theirs,
                         "ana@example.com", FALSE));
  g_assert_null (notify (notifier, CALBOOK_CHANGE_CREATED, theirs_pending, NULL,
                         "max@example.org", FALSE));

  /* The user attends Bob's meeting: Bob cancelling it is news for them */
  n = notify (notifier, CALBOOK_CHANGE_CANCELLED, attending, NULL, "bob@example.com", FALSE);
  g_assert_nonnull (n);
  g_assert_cmpstr (n->body, ==,
                   "Bob Builder cancelled your 10:00 booking with Bob Builder on Tue 3 Dec");

  /* What the admin did themselves to Bob's booking is theirs to know */
  own = notify (notifier, CALBOOK_CHANGE_CANCELLED, theirs_cancelled, theirs, USER_EMAIL, TRUE);
  g_assert_null (own);
}

static char *
lookup_from_table (const char *email,
                   gpointer    user_data)
{
  GHashTable *table = user_data;

  return g_strdup (g_hash_table_lookup (table, email));
}

static void
test_name_func (void)
{
  g_autoptr(CalbookNotifier) notifier = calbook_notifier_new (USER_ID, USER_EMAIL, USER_NAME);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CalbookBooking) booking = make_booking (&(BookingSpec) { .uid = "b1" });
  g_autoptr(CalbookBooking) cancelled = make_booking (&(BookingSpec) { .uid = "b1",
                                                      .status = "cancelled" });
  g_autoptr(CalbookNotification) n = NULL;
  g_autoptr(CalbookNotification) unknown = NULL;

  g_hash_table_insert (table, (gpointer) "carla@example.com", (gpointer) "Carla Chef");
  calbook_notifier_set_time_zone (notifier, utc);
  calbook_notifier_set_name_func (notifier, lookup_from_table, table,
                                  (GDestroyNotify) g_hash_table_unref);

  n = notify (notifier, CALBOOK_CHANGE_CANCELLED, cancelled, booking, "carla@example.com", FALSE);
  g_assert_cmpstr (n->body, ==,
                   "Carla Chef cancelled your 09:00 booking with Max Müller on Tue 3 Dec");

  unknown = notify (notifier, CALBOOK_CHANGE_CANCELLED, cancelled, booking, "dan@example.com",
                    FALSE);
  g_assert_cmpstr (unknown->body, ==,
                   "dan@example.com cancelled your 09:00 booking with Max Müller on Tue 3 Dec");
}

static void
test_pending_requests (void)
{
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  g_autoptr(CalbookBooking) request = make_booking (&(BookingSpec) {
    .uid = "req-1", .status = "pending", .title = "Tax advice" });
  g_autoptr(CalbookBooking) booking = make_booking (&(BookingSpec) { .uid = "req-2" });
  g_autoptr(CalbookBooking) moved_pending = make_booking (&(BookingSpec) {
    .uid = "req-3", .status = "pending", .start = T_WED_14 });
  g_autoptr(CalbookNotification) n = NULL;
  g_autoptr(CalbookNotification) moved = NULL;
  g_autoptr(CalbookNotification) copy = NULL;

  n = notify (notifier, CALBOOK_CHANGE_CREATED, request, NULL, "max@example.org", FALSE);
  g_assert_nonnull (n);
  g_assert_cmpstr (n->title, ==, "New booking request");
  g_assert_cmpstr (n->body, ==, "Max Müller asks for “Tax advice” on Tue 3 Dec at 10:00");
  g_assert_cmpstr (n->booking_uid, ==, "req-1");
  g_assert_cmpint (n->priority, ==, CALBOOK_NOTIFICATION_PRIORITY_HIGH);
  g_assert_cmpuint (n->action_names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (n->action_names, 0), ==, "app.confirm-booking");
  g_assert_cmpstr (g_ptr_array_index (n->action_names, 1), ==, "app.decline-booking");
  g_assert_cmpstr (g_ptr_array_index (n->action_labels, 0), ==, "Confirm");
  g_assert_cmpstr (g_ptr_array_index (n->action_labels, 1), ==, "Decline");

  /* The GUI gets its own copy with the same buttons */
  copy = calbook_notification_copy (n);
  g_assert_cmpstr (copy->id, ==, n->id);
  g_assert_cmpstr (copy->body, ==, n->body);
  g_assert_cmpint (copy->priority, ==, CALBOOK_NOTIFICATION_PRIORITY_HIGH);
  g_assert_cmpuint (copy->action_names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (copy->action_names, 1), ==, "app.decline-booking");
  g_assert_true (copy->action_names != n->action_names);

  /* An attendee moving a booking that needs confirmation asks again */
  moved = notify (notifier, CALBOOK_CHANGE_RESCHEDULED, moved_pending, booking,
                  "max@example.org", FALSE);
  g_assert_true (has_action (moved, "app.confirm-booking"));
  g_assert_true (has_action (moved, "app.decline-booking"));
  g_assert_cmpint (moved->priority, ==, CALBOOK_NOTIFICATION_PRIORITY_HIGH);
  g_assert_cmpstr (moved->body, ==,
                   "Max Müller moved your booking with Max Müller to Wed 4 Dec at 14:00");
}

static void
test_markup_and_non_ascii_verbatim (void)
{
  g_autoptr(CalbookNotifier) notifier = calbook_notifier_new (USER_ID, USER_EMAIL, USER_NAME);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (
    (GDestroyNotify) calbook_person_unref);
  const char *evil_name = "<b>Zoë</b> & \"Ørsted\" 山田 <a href='x'>";
  const char *evil_reason = "<i>sick</i> &amp; &lt;3 \xF0\x9F\xA4\x92 <span foreground=\"red\">";
  const char *evil_actor = "<big>Ana</big> & Co";
  g_autoptr(CalbookBooking) booking = make_booking (&(BookingSpec) {
    .uid = "m1", .attendee_name = evil_name, .attendee_email = "zoe@example.org" });
  g_autoptr(CalbookBooking) cancelled = make_booking (&(BookingSpec) {
    .uid = "m1", .status = "cancelled", .attendee_name = evil_name,
    .attendee_email = "zoe@example.org", .cancellation_reason = evil_reason });
  g_autoptr(CalbookBooking) request = make_booking (&(BookingSpec) {
    .uid = "m2", .status = "pending", .title = "<u>Beratung</u> für Ümit",
    .attendee_name = evil_name, .attendee_email = "zoe@example.org" });
  g_autoptr(CalbookNotification) n = NULL;
  g_autoptr(CalbookNotification) r = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_request = NULL;

  calbook_notifier_set_time_zone (notifier, utc);
  g_ptr_array_add (members, calbook_person_new (evil_actor, "ana@example.com"));
  calbook_notifier_set_members (notifier, members);

  n = notify (notifier, CALBOOK_CHANGE_CANCELLED, cancelled, booking, "ana@example.com", FALSE);
  expected = g_strdup_printf ("%s cancelled your 09:00 booking with %s on Tue 3 Dec: %s",
                              evil_actor, evil_name, evil_reason);
  g_assert_cmpstr (n->body, ==, expected);
  g_assert_true (g_utf8_validate (n->body, -1, NULL));
  g_assert_true (g_utf8_validate (n->title, -1, NULL));

  r = notify (notifier, CALBOOK_CHANGE_CREATED, request, NULL, "zoe@example.org", FALSE);
  expected_request = g_strdup_printf ("%s asks for “<u>Beratung</u> für Ümit” "
                                      "on Tue 3 Dec at 09:00",
                                      evil_name);
  g_assert_cmpstr (r->body, ==, expected_request);
}

static void
test_notify_changes_in_order (void)
{
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  g_autoptr(CalbookBooking) a = make_booking (&(BookingSpec) { .uid = "a" });
  g_autoptr(CalbookBooking) b = make_booking (&(BookingSpec) { .uid = "b", .status = "cancelled" });
  g_autoptr(CalbookBooking) c = make_booking (&(BookingSpec) { .uid = "c", .status = "pending" });
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (
    (GDestroyNotify) calbook_change_free);
  g_autoptr(GPtrArray) notifications = NULL;

  g_ptr_array_add (changes, calbook_change_new (CALBOOK_CHANGE_CREATED, a, NULL, "ana@example.com",
                                                FALSE));
  /* Not worth telling: dropped */
  g_ptr_array_add (changes, calbook_change_new (CALBOOK_CHANGE_UPDATED, a, a, NULL, FALSE));
  g_ptr_array_add (changes, calbook_change_new (CALBOOK_CHANGE_CONFIRMED, a, a, NULL, TRUE));
  g_ptr_array_add (changes, calbook_change_new (CALBOOK_CHANGE_CANCELLED, b, a, "ana@example.com",
                                                FALSE));
  g_ptr_array_add (changes, calbook_change_new (CALBOOK_CHANGE_CREATED, c, NULL, "max@example.org",
                                                FALSE));

  notifications = calbook_notifier_notify_changes (notifier, changes);
  g_assert_cmpuint (notifications->len, ==, 3);
  g_assert_cmpstr (((CalbookNotification *) g_ptr_array_index (notifications, 0))->booking_uid, ==,
                   "a");
  g_assert_cmpstr (((CalbookNotification *) g_ptr_array_index (notifications, 1))->booking_uid, ==,
                   "b");
  g_assert_cmpstr (((CalbookNotification *) g_ptr_array_index (notifications, 2))->booking_uid, ==,
                   "c");
}

/* Six occurrences cancelled at once: one notification that says so */
static void
test_series_is_one_notification (void)
{
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (
    (GDestroyNotify) calbook_change_free);
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) notifications = NULL;
  g_autoptr(CalbookBooking) single = make_booking (&(BookingSpec) { .uid = "single",
                                                   .status = "cancelled" });
  CalbookNotification *n;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *uid = g_strdup_printf ("occurrence-%u", i);
      CalbookBooking *occurrence = make_booking (&(BookingSpec) {
        .uid = uid, .status = "cancelled", .start = T_TUE_10 + i * 7 * 24 * 3600,
        .recurring_booking_uid = "series-1" });

      g_ptr_array_add (bookings, occurrence);
      g_ptr_array_add (changes, calbook_change_new (CALBOOK_CHANGE_CANCELLED, occurrence, NULL,
                                                    "max@example.org", FALSE));
    }
  g_ptr_array_add (changes, calbook_change_new (CALBOOK_CHANGE_CANCELLED, single, NULL,
                                                "max@example.org", FALSE));

  notifications = calbook_notifier_notify_changes (notifier, changes);
  g_assert_cmpuint (notifications->len, ==, 2);
  n = g_ptr_array_index (notifications, 0);
  g_assert_cmpstr (n->id, ==, "series-series-1");
  g_assert_cmpstr (n->body, ==,
                   "Max Müller cancelled your 10:00 booking with Max Müller on Tue 3 Dec "
                   "(and 5 more of the series)");
  n = g_ptr_array_index (notifications, 1);
  g_assert_cmpstr (n->booking_uid, ==, "single");
}

/* The user confirmed one occurrence of a pending series; Cal.com confirmed
 * the rest, which the sync sees as changes by nobody in particular, now or
 * in a later sync: none of it is notified */
static void
test_own_series_answer_not_told (void)
{
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_change_free);
  g_autoptr(GPtrArray) later = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_change_free);
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) told = NULL;
  g_autoptr(GPtrArray) told_later = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *uid = g_strdup_printf ("occurrence-%u", i);
      CalbookBooking *occurrence = make_booking (&(BookingSpec) {
        .uid = uid, .start = T_TUE_10 + i * 7 * 24 * 3600, .recurring_booking_uid = "series-2" });

      g_ptr_array_add (bookings, occurrence);
      g_ptr_array_add (i < 2 ? first : later,
                       calbook_change_new (CALBOOK_CHANGE_CONFIRMED, occurrence, NULL, NULL, i == 1));
    }

  told = calbook_notifier_notify_changes (notifier, first);
  g_assert_cmpuint (told->len, ==, 0);
  told_later = calbook_notifier_notify_changes (notifier, later);
  g_assert_cmpuint (told_later->len, ==, 0);
}

/* "today" and "tomorrow" where they apply, the day's name otherwise */
static void
test_today_tomorrow (void)
{
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (berlin);
  g_autoptr(GDateTime) noon = g_date_time_new (berlin, g_date_time_get_year (now),
                                               g_date_time_get_month (now),
                                               g_date_time_get_day_of_month (now), 12, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (noon, 1);
  g_autoptr(GDateTime) later = g_date_time_add_days (noon, 9);
  g_autofree char *today_text = calbook_notifier_format_time (notifier, g_date_time_to_unix (noon));
  g_autofree char *tomorrow_text = calbook_notifier_format_time (notifier,
                                                                 g_date_time_to_unix (tomorrow));
  g_autofree char *later_text = calbook_notifier_format_time (notifier, g_date_time_to_unix (later));
  g_autofree char *expected = g_date_time_format (later, "%a %-d %b at 12:00");
  g_autofree char *expected_on = NULL;
  g_autoptr(CalbookBooking) booking = make_booking (&(BookingSpec) {
    .uid = "t1", .start = g_date_time_to_unix (tomorrow) });
  g_autoptr(CalbookBooking) confirmed = make_booking (&(BookingSpec) {
    .uid = "t1", .start = g_date_time_to_unix (tomorrow) });
  g_autoptr(CalbookBooking) later_booking = make_booking (&(BookingSpec) {
    .uid = "t2", .start = g_date_time_to_unix (later) });
  g_autoptr(CalbookNotification) n = NULL;
  g_autoptr(CalbookNotification) m = NULL;

  g_assert_cmpstr (today_text, ==, "today at 12:00");
  g_assert_cmpstr (tomorrow_text, ==, "tomorrow at 12:00");
  g_assert_cmpstr (later_text, ==, expected);

  n = notify (notifier, CALBOOK_CHANGE_CONFIRMED, confirmed, booking, "ana@example.com", FALSE);
  g_assert_cmpstr (n->body, ==, "Ana Admin confirmed your booking with Max Müller tomorrow at 12:00");
  m = notify (notifier, CALBOOK_CHANGE_CONFIRMED, later_booking, later_booking, "ana@example.com",
              FALSE);
  expected_on = g_strdup_printf ("Ana Admin confirmed your booking with Max Müller on %s", expected);
  g_assert_cmpstr (m->body, ==, expected_on);
}

static GPtrArray *
collect (CalbookNotifier *notifier,
         CalbookBooking **bookings,
         guint            n_bookings,
         gint64           now,
         guint            minutes)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; i < n_bookings; i++)
    g_ptr_array_add (list, bookings[i]);

  return calbook_notifier_collect_reminders (notifier, list, now, minutes);
}

static void
test_reminders (void)
{
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  gint64 now = T_TUE_10 - 5 * 60;
  g_autoptr(CalbookBooking) soon = make_booking (&(BookingSpec) {
    .uid = "soon", .location = "https://meet.example.com/abc" });
  g_autoptr(CalbookBooking) later = make_booking (&(BookingSpec) {
    .uid = "later", .start = T_TUE_10 + 15 * 60 });
  g_autoptr(CalbookBooking) started = make_booking (&(BookingSpec) {
    .uid = "started", .start = T_TUE_10 - 10 * 60 });
  g_autoptr(CalbookBooking) cancelled = make_booking (&(BookingSpec) {
    .uid = "cancelled", .status = "cancelled" });
  g_autoptr(CalbookBooking) pending = make_booking (&(BookingSpec) { .uid = "pending",
                                                    .status = "pending" });
  g_autoptr(CalbookBooking) theirs = make_booking (&(BookingSpec) {
    .uid = "theirs", .host_id = 7, .host_email = "bob@example.com", .host_name = "Bob" });
  g_autoptr(CalbookBooking) soon_moved = make_booking (&(BookingSpec) {
    .uid = "soon", .start = T_TUE_10 + 60 * 60, .location = "https://meet.example.com/abc" });
  CalbookBooking *all[] = { soon, later, started, cancelled, pending, theirs };
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) off = NULL;
  g_autoptr(GPtrArray) next = NULL;
  g_autoptr(GPtrArray) after_move = NULL;
  g_autoptr(GPtrArray) moved_due = NULL;
  CalbookNotification *reminder;

  /* reminder-minutes = 0: off */
  off = collect (notifier, all, G_N_ELEMENTS (all), now, 0);
  g_assert_cmpuint (off->len, ==, 0);

  first = collect (notifier, all, G_N_ELEMENTS (all), now, 10);
  g_assert_cmpuint (first->len, ==, 1);
  reminder = g_ptr_array_index (first, 0);
  g_assert_cmpstr (reminder->booking_uid, ==, "soon");
  g_assert_cmpstr (reminder->id, ==, "reminder-soon");
  g_assert_cmpstr (reminder->title, ==, "Meeting with Max Müller in 5 minutes");
  g_assert_cmpstr (reminder->body, ==, "Intro call at 10:00\nhttps://meet.example.com/abc");
  g_assert_true (has_action (reminder, "app.join-booking"));
  g_assert_cmpstr (g_ptr_array_index (reminder->action_labels, 0), ==, "Join");

  /* Given once */
  again = collect (notifier, all, G_N_ELEMENTS (all), now + 60, 10);
  g_assert_cmpuint (again->len, ==, 0);

  /* Later: "later" comes into the window (one minute left, singular) */
  next = collect (notifier, all, G_N_ELEMENTS (all), T_TUE_10 + 14 * 60, 10);
  g_assert_cmpuint (next->len, ==, 1);
  reminder = g_ptr_array_index (next, 0);
  g_assert_cmpstr (reminder->booking_uid, ==, "later");
  g_assert_cmpstr (reminder->title, ==, "Meeting with Max Müller in 1 minute");
  g_assert_cmpstr (reminder->body, ==, "Intro call at 10:15");
  assert_no_actions (reminder);

  /* Moved to a new time: reminded again before the new start */
  {
    CalbookBooking *moved_list[] = { soon_moved };

    after_move = collect (notifier, moved_list, 1, T_TUE_10 + 40 * 60, 10);
    g_assert_cmpuint (after_move->len, ==, 0);
    moved_due = collect (notifier, moved_list, 1, T_TUE_10 + 55 * 60, 10);
    g_assert_cmpuint (moved_due->len, ==, 1);
  }
}

static void
test_reminders_from_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("calbook-notifier-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) off = NULL;
  gint64 now = T_TUE_10 - 8 * 60;

  g_assert_no_error (error);
  path = g_build_filename (dir, "reminders.sqlite3", NULL);
  store = calbook_store_open (path, &error);
  g_assert_no_error (error);

  g_ptr_array_add (bookings, make_booking (&(BookingSpec) {
    .uid = "s-due", .meeting_url = "https://app.cal.com/video/s-due" }));
  g_ptr_array_add (bookings, make_booking (&(BookingSpec) { .uid = "s-late",
                                           .start = T_TUE_10 + 3600 }));
  g_ptr_array_add (bookings, make_booking (&(BookingSpec) { .uid = "s-pending",
                                           .status = "pending" }));
  g_ptr_array_add (bookings, make_booking (&(BookingSpec) {
    .uid = "s-running", .start = T_TUE_10 - 15 * 60 }));
  /* Someone else's meeting the user attends is reminded too */
  g_ptr_array_add (bookings, make_booking (&(BookingSpec) {
    .uid = "s-attending", .start = T_TUE_10 + 60, .host_id = 7, .host_email = "bob@example.com",
    .host_name = "Bob Builder", .attendee_name = "Olga", .attendee_email = USER_EMAIL }));
  g_ptr_array_add (bookings, make_booking (&(BookingSpec) {
    .uid = "s-theirs", .host_id = 7, .host_email = "bob@example.com",
    .host_name = "Bob Builder" }));
  g_assert_true (calbook_store_upsert_bookings (store, bookings, NULL, NULL, &error));
  g_assert_no_error (error);

  off = calbook_notifier_collect_reminders_from_store (notifier, store, now, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (off->len, ==, 0);

  due = calbook_notifier_collect_reminders_from_store (notifier, store, now, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpstr (((CalbookNotification *) g_ptr_array_index (due, 0))->booking_uid, ==, "s-due");
  g_assert_true (has_action (g_ptr_array_index (due, 0), "app.join-booking"));
  g_assert_cmpstr (((CalbookNotification *) g_ptr_array_index (due, 1))->booking_uid, ==,
                   "s-attending");
  g_assert_cmpstr (((CalbookNotification *) g_ptr_array_index (due, 1))->title, ==,
                   "Meeting with Bob Builder in 9 minutes");

  again = calbook_notifier_collect_reminders_from_store (notifier, store, now + 30, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* A member's Calbook has no members list: the admin who cancelled is named
 * from another booking the member shares with them, else by e-mail */
static void
test_actor_named_from_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("calbook-notifier-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(CalbookNotifier) notifier = calbook_notifier_new (USER_ID, USER_EMAIL, USER_NAME);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CalbookBooking) booking = make_booking (&(BookingSpec) { .uid = "b1" });
  g_autoptr(CalbookBooking) cancelled = make_booking (&(BookingSpec) {
    .uid = "b1", .status = "cancelled", .cancellation_reason = "Room closed" });
  CalbookNotification *n;

  g_assert_no_error (error);
  calbook_notifier_set_time_zone (notifier, berlin);
  path = g_build_filename (dir, "names.sqlite3", NULL);
  store = calbook_store_open (path, &error);
  g_assert_no_error (error);

  /* Not known yet: the e-mail */
  calbook_notifier_set_store (notifier, store);
  n = notify (notifier, CALBOOK_CHANGE_CANCELLED, cancelled, booking, "sofia.rossi@example.com", FALSE);
  g_assert_cmpstr (n->body, ==,
                   "sofia.rossi@example.com cancelled your 10:00 booking with Max Müller on Tue 3 Dec: "
                   "Room closed");
  calbook_notification_free (n);

  /* The admin booked time with the member once: now she has a name */
  g_ptr_array_add (bookings, make_booking (&(BookingSpec) {
    .uid = "team-sync", .start = T_WED_14, .attendee_name = "Sofia Rossi",
    .attendee_email = "Sofia.Rossi@example.com" }));
  g_ptr_array_add (bookings, g_object_ref (booking));
  g_assert_true (calbook_store_upsert_bookings (store, bookings, NULL, NULL, &error));
  g_assert_no_error (error);
  n = notify (notifier, CALBOOK_CHANGE_CANCELLED, cancelled, booking, "sofia.rossi@example.com", FALSE);
  g_assert_cmpstr (n->body, ==,
                   "Sofia Rossi cancelled your 10:00 booking with Max Müller on Tue 3 Dec: "
                   "Room closed");
  calbook_notification_free (n);

  calbook_notifier_set_store (notifier, NULL);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_join_only_for_http (void)
{
  static const struct {
    const char *location;
    const char *meeting_url;
    gboolean    join;
  } cases[] = {
    { "https://meet.google.com/abc-defg-hij", NULL, TRUE },
    { "HTTP://intranet.example.com/room", NULL, TRUE },
    { NULL, "https://app.cal.com/video/xyz", TRUE },
    { "Berlin office, room 3", "http://zoom.example.com/j/1", TRUE },
    { "Berlin office, room 3", NULL, FALSE },
    { "+49 30 1234567", NULL, FALSE },
    { "ftp://files.example.com/x", NULL, FALSE },
    { "javascript:alert(1)", NULL, FALSE },
    { "https:", NULL, FALSE },
    { "https://", NULL, FALSE },
    { "integrations:daily", NULL, FALSE },
    { "www.example.com/meet", NULL, FALSE },
    { NULL, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CalbookNotifier) notifier = make_notifier ();
      g_autoptr(CalbookBooking) booking = make_booking (&(BookingSpec) {
        .uid = "j", .location = cases[i].location, .meeting_url = cases[i].meeting_url });
      CalbookBooking *list[] = { booking };
      g_autoptr(GPtrArray) reminders = collect (notifier, list, 1, T_TUE_10 - 60, 10);
      CalbookNotification *reminder;

      g_assert_cmpuint (reminders->len, ==, 1);
      reminder = g_ptr_array_index (reminders, 0);
      g_test_message ("case %u: %s / %s", i, cases[i].location, cases[i].meeting_url);
      g_assert_cmpint (has_action (reminder, "app.join-booking"), ==, cases[i].join);
    }
}

static guint32
get_seed (void)
{
  const char *env = g_getenv ("CALBOOK_TEST_SEED");

  if (env != NULL && env[0] != '\0')
    return (guint32) g_ascii_strtoull (env, NULL, 10);
  return g_random_int ();
}

typedef struct
{
  CalbookBooking *booking;
  gboolean        expected_eligible;
  gboolean        join;
} GeneratedBooking;

static void
test_reminders_property (void)
{
  static const char * const locations[] = {
    NULL, "https://meet.example.com/a", "http://x.example/b", "Room 1", "tel:+49301234",
    "ftp://x.example/", "<b>https://bad</b>",
  };
  static const gboolean location_join[] = { FALSE, TRUE, TRUE, FALSE, FALSE, FALSE, FALSE };
  static const char * const statuses[] = {
    "accepted", "pending", "cancelled", "rejected", "awaiting_host",
  };
  guint32 seed = get_seed ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  const guint n_cases = 150;

  g_test_message ("seed %u (repeat with CALBOOK_TEST_SEED=%u)", seed, seed);

  for (guint c = 0; c < n_cases; c++)
    {
      g_autoptr(CalbookNotifier) notifier = make_notifier ();
      g_autoptr(GHashTable) given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) due = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GArray) eligible = g_array_new (FALSE, FALSE, sizeof (gboolean));
      g_autoptr(GArray) join = g_array_new (FALSE, FALSE, sizeof (gboolean));
      guint minutes = g_rand_int_range (rand, 0, 4) == 0 ? 0 : (guint) g_rand_int_range (rand, 1,
                                                                                         61);
      guint n = g_rand_int_range (rand, 1, 16);
      gint64 base = T_TUE_10;
      gint64 now = base - 2 * 3600;

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *uid = g_strdup_printf ("p%u", i);
          guint status = g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses));
          guint loc = g_rand_int_range (rand, 0, G_N_ELEMENTS (locations));
          gboolean own = g_rand_int_range (rand, 0, 5) != 0;
          gint64 start = base + g_rand_int_range (rand, -3600, 3 * 3600);
          CalbookBooking *booking = make_booking (&(BookingSpec) {
            .uid = uid, .status = statuses[status], .start = start, .location = locations[loc],
            .host_id = own ? USER_ID : 7, .host_email = own ? USER_EMAIL : "bob@example.com",
            .host_name = own ? USER_NAME : "Bob" });
          gboolean ok = own && status == 0;

          g_ptr_array_add (bookings, booking);
          g_array_append_val (eligible, ok);
          g_array_append_val (join, location_join[loc]);
        }

      while (now < base + 4 * 3600)
        {
          g_autoptr(GPtrArray) reminders = NULL;

          /* Now and then a booking moves to a new time */
          if (g_rand_int_range (rand, 0, 30) == 0)
            {
              guint i = g_rand_int_range (rand, 0, n);
              CalbookBooking *old = g_ptr_array_index (bookings, i);
              gint64 start = now + g_rand_int_range (rand, -600, 2 * 3600);
              guint loc = g_rand_int_range (rand, 0, G_N_ELEMENTS (locations));
              gboolean own = g_array_index (eligible, gboolean, i);

              g_ptr_array_index (bookings, i) = make_booking (&(BookingSpec) {
                .uid = calbook_booking_get_uid (old), .start = start, .location = locations[loc],
                .status = own ? "accepted" : "cancelled" });
              g_array_index (join, gboolean, i) = location_join[loc];
              g_object_unref (old);
            }

          /* What should be due at this step */
          for (guint i = 0; i < n; i++)
            {
              CalbookBooking *booking = g_ptr_array_index (bookings, i);
              gint64 start = calbook_booking_get_start (booking);

              if (g_array_index (eligible, gboolean, i) && start > now &&
                  start - now <= (gint64) minutes * 60)
                g_hash_table_add (due, g_strdup_printf ("%s@%" G_GINT64_FORMAT,
                                                        calbook_booking_get_uid (booking), start));
            }

          reminders = calbook_notifier_collect_reminders (notifier, bookings, now, minutes);

          for (guint r = 0; r < reminders->len; r++)
            {
              CalbookNotification *reminder = g_ptr_array_index (reminders, r);
              CalbookBooking *booking = NULL;
              g_autofree char *key = NULL;
              guint index = 0;

              for (guint i = 0; i < n; i++)
                if (g_strcmp0 (calbook_booking_get_uid (g_ptr_array_index (bookings, i)),
                               reminder->booking_uid) == 0)
                  {
                    booking = g_ptr_array_index (bookings, i);
                    index = i;
                  }

              if (booking == NULL)
                g_error ("seed %u case %u: reminder for unknown booking %s", seed, c,
                         reminder->booking_uid);

              key = g_strdup_printf ("%s@%" G_GINT64_FORMAT, reminder->booking_uid,
                                     calbook_booking_get_start (booking));
              if (!g_array_index (eligible, gboolean, index))
                g_error ("seed %u case %u: reminder for %s, which is not the user's confirmed "
                         "booking", seed, c, key);
              if (calbook_booking_get_start (booking) <= now ||
                  calbook_booking_get_start (booking) - now > (gint64) minutes * 60)
                g_error ("seed %u case %u: reminder for %s outside the window at %" G_GINT64_FORMAT,
                         seed, c, key, now);
              if (g_hash_table_contains (given, key))
                g_error ("seed %u case %u: reminder for %s given twice", seed, c, key);
              if (has_action (reminder, "app.join-booking") != g_array_index (join, gboolean,
                                                                              index))
                g_error ("seed %u case %u: Join action wrong for %s (%s)", seed, c, key,
                         calbook_booking_get_location (booking));

              g_hash_table_add (given, g_steal_pointer (&key));
            }

          now += g_rand_int_range (rand, 1, 301);
        }

      /* Every window the clock went through gave its reminder */
      {
        GHashTableIter iter;
        const char *key;

        g_hash_table_iter_init (&iter, due);
        while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
          if (!g_hash_table_contains (given, key))
            g_error ("seed %u case %u: no reminder for %s (minutes %u)", seed, c, key, minutes);
      }
    }
}

static char *
random_text (GRand *rand)
{
  /* Pieces that break naive code: markup, format directives, quotes,
   * combining marks, wide and astral characters */
  static const char * const pieces[] = {
    "<b>", "</b>", "&amp;", "&", "<", ">", "\"", "'", "%s", "%n", "%1$s", "%%", "\\",
    "ü", "Ø", "山田", "🙂", "e\u0301", "ß", " ", "Max", "Müller", "<span foreground='red'>",
    "\u200f", "a", "Z",
  };
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 8);

  for (guint i = 0; i < n; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

  return g_string_free (text, FALSE);
}

static void
test_texts_property (void)
{
  static const CalbookChangeKind kinds[] = {
    CALBOOK_CHANGE_CREATED, CALBOOK_CHANGE_RESCHEDULED, CALBOOK_CHANGE_CANCELLED,
    CALBOOK_CHANGE_CONFIRMED, CALBOOK_CHANGE_DECLINED, CALBOOK_CHANGE_NO_SHOW,
    CALBOOK_CHANGE_UPDATED,
  };
  guint32 seed = get_seed ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  g_test_message ("seed %u (repeat with CALBOOK_TEST_SEED=%u)", seed, seed);

  for (guint c = 0; c < 300; c++)
    {
      g_autoptr(CalbookNotifier) notifier = calbook_notifier_new (USER_ID, USER_EMAIL, USER_NAME);
      g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (
        (GDestroyNotify) calbook_person_unref);
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autofree char *attendee = random_text (rand);
      g_autofree char *actor_name = random_text (rand);
      g_autofree char *reason = random_text (rand);
      g_autofree char *title = random_text (rand);
      g_autofree char *location = random_text (rand);
      g_autoptr(CalbookBooking) before = NULL;
      g_autoptr(CalbookBooking) after = NULL;
      g_autoptr(CalbookNotification) n = NULL;
      CalbookChangeKind kind = kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))];
      gboolean by_self = g_rand_boolean (rand);
      gboolean actor_known = g_rand_boolean (rand);
      const char *status = kind == CALBOOK_CHANGE_CANCELLED ? "cancelled"
                         : kind == CALBOOK_CHANGE_DECLINED ? "rejected"
                         : g_rand_boolean (rand) ? "accepted" : "pending";

      calbook_notifier_set_time_zone (notifier, utc);
      g_ptr_array_add (members, calbook_person_new (actor_name, "actor@example.com"));
      calbook_notifier_set_members (notifier, members);

      before = make_booking (&(BookingSpec) { .uid = "p", .attendee_name = attendee,
                                              .title = title });
      after = make_booking (&(BookingSpec) {
        .uid = "p", .status = status, .attendee_name = attendee, .title = title,
        .attendee_absent = kind == CALBOOK_CHANGE_NO_SHOW, .location = location,
        .cancellation_reason = reason, .rejection_reason = reason,
        .rescheduling_reason = reason, .start = T_WED_14 });

      n = notify (notifier, kind, after, before, actor_known ? "actor@example.com" : NULL,
                  by_self);

      if (by_self && n != NULL)
        g_error ("seed %u case %u: the user's own change %d was notified", seed, c, kind);
      if (!by_self && n == NULL)
        g_error ("seed %u case %u: the change %d by someone else was not told", seed, c, kind);
      if (n == NULL)
        continue;

      if (!g_utf8_validate (n->title, -1, NULL) || !g_utf8_validate (n->body, -1, NULL))
        g_error ("seed %u case %u: invalid UTF-8", seed, c);
      /* Verbatim: no escaping, no formatting of network strings */
      if (strstr (n->body, attendee) == NULL)
        g_error ("seed %u case %u: attendee “%s” not verbatim in “%s”", seed, c, attendee, n->body);
      if (!by_self && actor_known && kind != CALBOOK_CHANGE_CREATED &&
          strstr (n->body, actor_name) == NULL)
        g_error ("seed %u case %u: actor “%s” not verbatim in “%s”", seed, c, actor_name, n->body);
      if (!by_self && (kind == CALBOOK_CHANGE_CANCELLED || kind == CALBOOK_CHANGE_DECLINED ||
                       kind == CALBOOK_CHANGE_RESCHEDULED))
        {
          g_autofree char *tail = g_strdup_printf (": %s", reason);

          if (!g_str_has_suffix (n->body, tail))
            g_error ("seed %u case %u: reason “%s” not verbatim at the end of “%s”",
                     seed, c, reason, n->body);
        }
      if (!by_self && kind == CALBOOK_CHANGE_UPDATED && strstr (n->body, location) == NULL)
        g_error ("seed %u case %u: location “%s” not verbatim in “%s”", seed, c, location, n->body);
      if (g_strcmp0 (n->booking_uid, "p") != 0)
        g_error ("seed %u case %u: wrong booking uid", seed, c);
    }
}

static void
test_translatable (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "core", "locale", NULL);
      g_autoptr(CalbookNotifier) notifier = NULL;
      g_autoptr(CalbookBooking) booking = NULL;
      g_autoptr(CalbookBooking) cancelled = NULL;
      g_autoptr(CalbookBooking) request = NULL;
      g_autoptr(CalbookNotification) n = NULL;
      g_autoptr(CalbookNotification) r = NULL;
      g_autoptr(GPtrArray) reminders = NULL;
      CalbookBooking *list[1];

      g_assert_true (g_file_test (localedir, G_FILE_TEST_IS_DIR));
      g_setenv ("LANGUAGE", "de", TRUE);
      g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

      notifier = make_notifier ();
      booking = make_booking (&(BookingSpec) { .uid = "b1" });
      cancelled = make_booking (&(BookingSpec) {
        .uid = "b1", .status = "cancelled", .cancellation_reason = "Krank" });
      request = make_booking (&(BookingSpec) { .uid = "b2", .status = "pending" });

      n = notify (notifier, CALBOOK_CHANGE_CANCELLED, cancelled, booking, "ana@example.com", FALSE);
      g_assert_cmpstr (n->title, ==, "Termin abgesagt");
      g_assert_cmpstr (n->body, ==,
                       "Ana Admin hat Ihren Termin um 10:00 mit Max Müller am Tue, 3. Dec "
                       "abgesagt: Krank");

      r = notify (notifier, CALBOOK_CHANGE_CREATED, request, NULL, "max@example.org", FALSE);
      g_assert_cmpstr (g_ptr_array_index (r->action_labels, 0), ==, "Bestätigen");
      g_assert_cmpstr (g_ptr_array_index (r->action_labels, 1), ==, "Ablehnen");
      /* Action names are never translated */
      g_assert_cmpstr (g_ptr_array_index (r->action_names, 0), ==, "app.confirm-booking");

      list[0] = booking;
      {
        g_autoptr(GPtrArray) array = g_ptr_array_new ();

        g_ptr_array_add (array, list[0]);
        reminders = calbook_notifier_collect_reminders (notifier, array, T_TUE_10 - 120, 10);
      }
      g_assert_cmpuint (reminders->len, ==, 1);
      g_assert_cmpstr (((CalbookNotification *) g_ptr_array_index (reminders, 0))->title, ==,
                       "Termin mit Max Müller in 2 Minuten");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The body goes to the daemon as markup: Cal.com's words stay words */
static void
test_body_markup (void)
{
  g_autoptr(CalbookNotification) n = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *parsed = NULL;

  n = calbook_notification_new ("id", "Title",
                                "<b>Ann</b> & O'Brien \"x\" <span foreground='red'>r</span>"
                                "\x01\x07\x1b[31m \u202Eevil\u202C\nline\ttab", NULL);
  markup = calbook_notification_dup_body_markup (n);
  g_assert_cmpstr (markup, ==,
                   "&lt;b&gt;Ann&lt;/b&gt; &amp; O&#39;Brien &quot;x&quot; "
                   "&lt;span foreground=&#39;red&#39;&gt;r&lt;/span&gt;[31m evil\nline\ttab");
  g_assert_null (strstr (markup, "&apos;"));

  /* It parses as markup back to the plain text (less what was left out) */
  parsed = test_markup_text (markup);
  g_assert_cmpstr (parsed, ==,
                   "<b>Ann</b> & O'Brien \"x\" <span foreground='red'>r</span>[31m evil\nline\ttab");

  /* Bytes that are not UTF-8 */
  g_clear_pointer (&n, calbook_notification_free);
  g_clear_pointer (&markup, g_free);
  n = calbook_notification_new ("id", "Title", "a\xff<b", NULL);
  markup = calbook_notification_dup_body_markup (n);
  g_assert_true (g_utf8_validate (markup, -1, NULL));
  g_assert_cmpstr (markup, ==, "a\xef\xbf\xbd&lt;b");

  /* A 1 MB title does not go to the daemon whole */
  {
    g_autoptr(GString) huge = g_string_new (NULL);
    g_autoptr(CalbookNotification) long_one = NULL;

    while (huge->len < 1024 * 1024)
      g_string_append (huge, "Wörterbuch ");
    long_one = calbook_notification_new ("id", "Title", huge->str, NULL);
    g_assert_cmpuint (g_utf8_strlen (long_one->body, -1), ==, 1001);
    g_assert_true (g_str_has_suffix (long_one->body, "…"));
    g_assert_true (g_str_has_prefix (huge->str, "Wörterbuch Wörterbuch"));
  }
}

/* A reminder says what the meeting is as the other notifications do: the
 * event type, not Cal.com's "… between <host> and <client>"; a title that
 * is markup stays text on its way to the daemon */
static void
test_reminder_describes_event (void)
{
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  gint64 now = T_TUE_10 - 5 * 60;
  g_autoptr(CalbookBooking) between = make_booking (&(BookingSpec) {
    .uid = "between", .title = "Intro call between Sam Host and Max Müller" });
  g_autoptr(CalbookBooking) markup = make_booking (&(BookingSpec) {
    .uid = "markup", .title = "<b>Beratung</b> & O'Brien between Sam Host and Max Müller",
    .location = "Room <3" });
  g_autoptr(CalbookBooking) untitled = make_booking (&(BookingSpec) {
    .uid = "untitled", .title = "" });
  CalbookBooking *all[] = { between, markup, untitled };
  g_autoptr(GPtrArray) reminders = collect (notifier, all, G_N_ELEMENTS (all), now, 10);
  g_autofree char *body_markup = NULL;
  g_autofree char *parsed = NULL;

  g_assert_cmpuint (reminders->len, ==, 3);
  for (guint i = 0; i < reminders->len; i++)
    {
      CalbookNotification *reminder = g_ptr_array_index (reminders, i);

      g_assert_null (strstr (reminder->body, " between "));
      g_assert_null (strstr (reminder->body, "(null)"));
      if (g_strcmp0 (reminder->booking_uid, "between") == 0)
        g_assert_cmpstr (reminder->body, ==, "Intro call at 10:00");
      else if (g_strcmp0 (reminder->booking_uid, "untitled") == 0)
        g_assert_cmpstr (reminder->body, ==, "Starts at 10:00");
      else
        {
          g_assert_cmpstr (reminder->booking_uid, ==, "markup");
          g_assert_cmpstr (reminder->body, ==, "<b>Beratung</b> & O'Brien at 10:00\nRoom <3");
          body_markup = calbook_notification_dup_body_markup (reminder);
          g_assert_cmpstr (body_markup, ==,
                           "&lt;b&gt;Beratung&lt;/b&gt; &amp; O&#39;Brien at 10:00\nRoom &lt;3");
          parsed = test_markup_text (body_markup);
          g_assert_cmpstr (parsed, ==, reminder->body);
        }
    }
}

/* Only Cal.com's own "<event type> between <host> and <client>" loses its
 * people, in the host's language too: an event type named "… between …"
 * by its owner stays whole */
static void
test_reminder_keeps_own_event_name (void)
{
  g_autoptr(CalbookNotifier) notifier = make_notifier ();
  gint64 now = T_TUE_10 - 5 * 60;
  g_autoptr(CalbookBooking) own = make_booking (&(BookingSpec) {
    .uid = "own", .title = "Mediation between partners" });
  g_autoptr(CalbookBooking) german = make_booking (&(BookingSpec) {
    .uid = "german", .title = "Erstgespräch zwischen " USER_NAME " und Max Müller" });
  CalbookBooking *all[] = { own, german };
  g_autoptr(GPtrArray) reminders = collect (notifier, all, G_N_ELEMENTS (all), now, 10);

  g_assert_cmpuint (reminders->len, ==, 2);
  for (guint i = 0; i < reminders->len; i++)
    {
      CalbookNotification *reminder = g_ptr_array_index (reminders, i);

      if (g_strcmp0 (reminder->booking_uid, "own") == 0)
        g_assert_cmpstr (reminder->body, ==, "Mediation between partners at 10:00");
      else
        g_assert_cmpstr (reminder->body, ==, "Erstgespräch at 10:00");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/notifier/format-time", test_format_time);
  g_test_add_func ("/core/notifier/own-changes", test_own_changes);
  g_test_add_func ("/core/notifier/own-changes-from-elsewhere", test_own_changes_from_elsewhere);
  g_test_add_func ("/core/notifier/others-changes", test_others_changes);
  g_test_add_func ("/core/notifier/others-changes-to-others-bookings",
                   test_others_changes_to_others_bookings);
  g_test_add_func ("/core/notifier/name-func", test_name_func);
  g_test_add_func ("/core/notifier/pending-requests", test_pending_requests);
  g_test_add_func ("/core/notifier/markup-and-non-ascii-verbatim",
                   test_markup_and_non_ascii_verbatim);
  g_test_add_func ("/core/notifier/notify-changes-in-order", test_notify_changes_in_order);
  g_test_add_func ("/core/notifier/series-is-one-notification", test_series_is_one_notification);
  g_test_add_func ("/core/notifier/today-tomorrow", test_today_tomorrow);
  g_test_add_func ("/core/notifier/reminders", test_reminders);
  g_test_add_func ("/core/notifier/reminders-from-store", test_reminders_from_store);
  g_test_add_func ("/core/notifier/join-only-for-http", test_join_only_for_http);
  g_test_add_func ("/core/notifier/reminders-property", test_reminders_property);
  g_test_add_func ("/core/notifier/texts-property", test_texts_property);
  g_test_add_func ("/core/notifier/translatable", test_translatable);
  g_test_add_func ("/core/notifier/body-markup", test_body_markup);
  g_test_add_func ("/core/notifier/reminder-describes-event", test_reminder_describes_event);
  g_test_add_func ("/core/notifier/reminder-keeps-own-event-name",
                   test_reminder_keeps_own_event_name);
  g_test_add_func ("/core/notifier/own-series-answer-not-told", test_own_series_answer_not_told);
  g_test_add_func ("/core/notifier/actor-named-from-store", test_actor_named_from_store);

  return g_test_run ();
}
