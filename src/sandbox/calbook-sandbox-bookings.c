/* calbook-sandbox-bookings.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "calbook-sandbox-bookings.h"
#include "calbook-sandbox-json.h"
#include "calbook-sandbox-slots.h"

#define MINUTE_MS ((gint64) 60 * 1000)
#define DAY_MS ((gint64) 24 * 3600 * 1000)

#define MSG_TAKEN "User either already has booking at this time or is not available"
#define MSG_PAST "Attempting to book a meeting in the past."
#define MSG_METADATA "Metadata must have at most 50 keys, each key up to 40 characters, and string values up to 500 characters."
#define MSG_CONTACT "Attendee must have at least one contact method (email or phone number)"
#define MSG_EVENT_LOOKUP "Either eventTypeId or eventTypeSlug + username or eventTypeSlug + teamSlug must be provided"
#define MSG_SINGLE_LENGTH "Can't specify 'lengthInMinutes' because event type does not have multiple possible lengths. Please, remove the 'lengthInMinutes' field from the request."
#define MSG_HOST_REASON "Cancellation reason is required when you are the host"
#define MSG_ALREADY_CANCELLED "This booking has already been cancelled."
#define MSG_SUBSEQUENT_OF_SERIES "Cannot cancel subsequent bookings for recurring event - you have to provide uid of one of the individual bookings of a recurring booking."
#define MSG_GUESTS_NOT_UNIQUE "emails_must_be_unique_valid"
#define MSG_NO_SHOW_FAILED "Failed to update no-show status"
#define MSG_CANCEL_ENDED "Cannot cancel a booking that has already ended"
#define MSG_NOT_SEAT_HOST "User not a host of this event or an admin of the booking user"
#define MSG_MAX_GUESTS_REQUEST "guests must contain no more than 10 elements"
#define MAX_GUESTS_REQUEST 10
#define MAX_GUESTS_BOOKING 30
/* Far enough for any test, near enough that date arithmetic stays in
 * GDateTime's range (year 9999) */
#define LATEST_BOOKABLE_MS G_GINT64_CONSTANT (253370764800000) /* 9000-12-31 */
#define MSG_OUT_OF_BOUNDS "The event type can't be booked at the \"start\" time provided. This could be because it's too soon (violating the minimum booking notice) or too far in the future (outside the event's scheduling window). Try fetching available slots first using the GET /v2/slots endpoint and then make a booking with \"start\" time equal to one of the available slots."

/* Auxiliary methods */

static void
reply_booking_not_found (CalbookSandboxRequest *req,
                         const char            *uid)
{
  g_autofree char *message = g_strdup_printf ("Booking with uid=%s was not found in the database", uid);

  calbook_sandbox_reply_error (req, 404, message);
}


/* "<prop> property is wrong,<constraint> ": how the bookings pipe of
 * 2024-08-13 flattens class-validator errors into a message. */
static void
reply_invalid_property (CalbookSandboxRequest *req,
                        const char            *property,
                        const char            *constraint)
{
  g_autofree char *message = g_strdup_printf ("%s property is wrong,%s ", property, constraint);

  calbook_sandbox_reply_error (req, 400, message);
}

static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
has_non_string_member (JsonObject *object,
                       const char *member)
{
  return object != NULL && json_object_has_member (object, member) &&
         get_string_member (object, member) == NULL &&
         !JSON_NODE_HOLDS_NULL (json_object_get_member (object, member));
}

static JsonObject *
get_object_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
get_number_member (JsonObject *object,
                   const char *member,
                   gint64     *out)
{
  JsonNode *node;
  GType type;

  if (object == NULL || !json_object_has_member (object, member))
    return FALSE;

  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE && fabs (json_node_get_double (node)) < 9007199254740991.0)
    *out = (gint64) json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

static gboolean
get_boolean_member (JsonObject *object,
                    const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return FALSE;

  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static gboolean
is_cancelled (const CalbookSandboxBookingRow *row)
{
  return g_str_equal (row->status, "cancelled") || g_str_equal (row->status, "rejected");
}

/* BookingAccessService, simplified: the organizer, an ADMIN/OWNER of the
 * organization every organizer belongs to, or an ADMIN/OWNER of a team the
 * organizer belongs to. */
static gboolean
check_access (CalbookSandboxRequest          *req,
              const CalbookSandboxBookingRow *row)
{
  g_autofree char *message = NULL;

  if (req->user->id == row->organizer_id || calbook_sandbox_request_is_admin (req) ||
      (row->organizer_id != 0 && calbook_sandbox_db_is_team_admin (req->db, req->user->id, row->organizer_id)))
    return TRUE;

  message = g_strdup_printf ("User with id=%" G_GINT64_FORMAT " does not have access to booking with uid=%s",
                             req->user->id, row->uid);
  calbook_sandbox_reply_error (req, 403, message);
  return FALSE;
}

/* Authenticates the request and finds the booking it may act on; replies
 * with Cal.com's error and returns NULL when it can't. */
static CalbookSandboxBookingRow *
lookup_accessible_booking (CalbookSandboxRequest *req,
                           const char            *uid)
{
  g_autoptr(CalbookSandboxBookingRow) row = NULL;

  if (!calbook_sandbox_request_require_auth (req))
    return NULL;

  row = calbook_sandbox_booking_row_lookup (req->db, uid);
  if (row == NULL)
    {
      reply_booking_not_found (req, uid);
      return NULL;
    }
  if (!check_access (req, row))
    return NULL;

  return g_steal_pointer (&row);
}

static gint64
touch_stamp (CalbookSandboxRequest *req)
{
  return calbook_sandbox_db_next_stamp (req->db, req->now_ms);
}

static void
reply_booking (CalbookSandboxRequest *req,
               guint                  status,
               const char            *uid)
{
  JsonNode *node = calbook_sandbox_booking_lookup_json (req->db, uid);

  if (node == NULL)
    {
      calbook_sandbox_reply_error (req, 500, "Internal server error");
      return;
    }

  calbook_sandbox_reply_success (req, status, node);
}

/* Create and reschedule answers carry this flag, appended */
static void
reply_created (CalbookSandboxRequest *req,
               const char            *uid)
{
  JsonNode *node = calbook_sandbox_booking_lookup_json (req->db, uid);

  if (node == NULL)
    {
      calbook_sandbox_reply_error (req, 500, "Internal server error");
      return;
    }

  json_object_set_boolean_member (json_node_get_object (node), "isPlatformManagedUserBooking", FALSE);
  calbook_sandbox_reply_success (req, 201, node);
}

static void
reply_bookings (CalbookSandboxRequest *req,
                guint                  status,
                GPtrArray             *uids)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < uids->len; i++)
    {
      JsonNode *booking = calbook_sandbox_booking_lookup_json (req->db, g_ptr_array_index (uids, i));

      if (booking != NULL)
        json_array_add_element (array, booking);
    }

  json_node_take_array (node, array);
  calbook_sandbox_reply_success (req, status, node);
}

static gboolean
metadata_is_valid (JsonNode *node)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  if (json_object_get_size (object) > 50)
    return FALSE;

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (g_utf8_strlen (l->data, -1) > 40)
        return FALSE;
      if (!JSON_NODE_HOLDS_VALUE (value))
        return FALSE;
      if (json_node_get_value_type (value) == G_TYPE_STRING &&
          g_utf8_strlen (json_node_get_string (value), -1) > 500)
        return FALSE;
    }

  return TRUE;
}

/* Typed locations of the 2024-08-13 inputs: which member holds the value. */
static const char *
location_value_member (const char *type)
{
  static const struct { const char *type; const char *member; } types[] = {
    { "address", "address" },
    { "attendeeAddress", "address" },
    { "attendeeDefined", "location" },
    { "attendeePhone", "phone" },
    { "link", "link" },
    { "phone", "phone" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (type, types[i].type) == 0)
      return types[i].member;

  return NULL;
}

/* extractBaseEmail(): lower case, without a "+tag" before the "@" */
static char *
base_email (const char *email)
{
  g_autofree char *lower = g_ascii_strdown (email != NULL ? email : "", -1);
  char *at = strchr (lower, '@');
  char *plus = strchr (lower, '+');

  if (at != NULL && plus != NULL && plus < at)
    {
      g_autofree char *local = g_strndup (lower, (gsize) (plus - lower));

      return g_strconcat (local, at, NULL);
    }

  return g_steal_pointer (&lower);
}

/* Confirming or declining decides a pending booking, and every pending
 * occurrence of a series at once. Replies with an error and returns FALSE
 * when the booking was already decided. */
static gboolean
decide_booking (CalbookSandboxRequest    *req,
                CalbookSandboxBookingRow *row,
                const char               *status,
                const char               *reason_column,
                const char               *reason)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_assert (reason_column == NULL || g_str_equal (reason_column, "rejection_reason"));

  if (g_str_equal (row->status, "accepted"))
    {
      calbook_sandbox_reply_trpc (req, 400, "Booking already confirmed");
      return FALSE;
    }
  if (is_cancelled (row))
    {
      calbook_sandbox_reply_trpc (req, 400, "Booking already cancelled or rejected");
      return FALSE;
    }

  sql = g_strdup_printf ("UPDATE bookings SET status = ?1, updated_ms = ?2%s%s%s WHERE %s",
                         reason_column != NULL ? ", " : "",
                         reason_column != NULL ? reason_column : "",
                         reason_column != NULL ? " = ?3" : "",
                         row->recurring_event_id != NULL
                           ? "recurring_event_id = ?4 AND status = 'pending'"
                           : "id = ?4");
  stmt = calbook_sandbox_db_prepare (req->db, sql);
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, touch_stamp (req));
  if (reason != NULL)
    sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  if (row->recurring_event_id != NULL)
    sqlite3_bind_text (stmt, 4, row->recurring_event_id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 4, row->id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);

  return TRUE;
}

/* Ids and uids of a series' occurrences, by start. */
static void
collect_series (CalbookSandboxRequest *req,
                const char            *recurring_event_id,
                gint64                 from_start_ms,
                GArray                *ids,
                GPtrArray             *uids,
                GPtrArray             *statuses,
                GArray                *ends)
{
  sqlite3_stmt *stmt;

  stmt = calbook_sandbox_db_prepare (req->db,
                                     "SELECT id, uid, status, end_ms FROM bookings WHERE recurring_event_id = ?"
                                     " AND start_ms >= ? ORDER BY start_ms, id");
  sqlite3_bind_text (stmt, 1, recurring_event_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, from_start_ms);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 end = sqlite3_column_int64 (stmt, 3);

      g_array_append_val (ids, id);
      g_ptr_array_add (uids, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (statuses, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
      g_array_append_val (ends, end);
    }
  sqlite3_reset (stmt);
}

static gint64
organizer_of_series (CalbookSandboxRequest *req,
                     const char            *recurring_event_id)
{
  sqlite3_stmt *stmt;
  gint64 organizer = 0;

  stmt = calbook_sandbox_db_prepare (req->db, "SELECT organizer_id FROM bookings WHERE recurring_event_id = ? LIMIT 1");
  sqlite3_bind_text (stmt, 1, recurring_event_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    organizer = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return organizer;
}

static void
cancel_booking_row (CalbookSandboxRequest *req,
                    gint64                 booking_id,
                    const char            *reason,
                    gint64                 stamp)
{
  sqlite3_stmt *stmt;

  stmt = calbook_sandbox_db_prepare (req->db,
                                     "UPDATE bookings SET status = 'cancelled', cancellation_reason = ?1,"
                                     " cancelled_by_email = ?2, updated_ms = ?3 WHERE id = ?4");
  if (reason != NULL && *reason != '\0')
    sqlite3_bind_text (stmt, 1, reason, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  /* The canceller is whoever the request names by its key; a cancel by
   * uid alone names nobody */
  if (req->user != NULL)
    sqlite3_bind_text (stmt, 2, req->user->email, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, stamp);
  sqlite3_bind_int64 (stmt, 4, booking_id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
}

static char *
build_responses (JsonObject *attendee,
                 JsonObject *extra,
                 JsonArray  *guests)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *responses = json_object_new ();
  JsonArray *guest_list = json_array_new ();
  const char *email = get_string_member (attendee, "email");

  json_object_set_string_member (responses, "name", get_string_member (attendee, "name"));
  if (email != NULL)
    json_object_set_string_member (responses, "email", email);
  if (extra != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (extra);

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "name") && !g_str_equal (l->data, "email") && !g_str_equal (l->data, "guests"))
          json_object_set_member (responses, l->data, json_node_copy (json_object_get_member (extra, l->data)));
    }
  for (guint i = 0; guests != NULL && i < json_array_get_length (guests); i++)
    {
      JsonNode *guest = json_array_get_element (guests, i);

      if (JSON_NODE_HOLDS_VALUE (guest) && json_node_get_value_type (guest) == G_TYPE_STRING)
        json_array_add_string_element (guest_list, json_node_get_string (guest));
    }
  json_object_set_array_member (responses, "guests", guest_list);
  json_node_take_object (root, responses);

  return json_to_string (root, FALSE);
}

static gboolean
is_valid_time_zone (const char *name)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (name == NULL || *name == '\0')
    return FALSE;

  tz = g_time_zone_new_identifier (name);
  return tz != NULL;
}


/* Properties the version-specific pipes of 2024-08-13 whitelist; any
 * other one is refused ("property x should not exist"). */
static const char * const create_keys[] = {
  "start", "lengthInMinutes", "eventTypeId", "eventTypeSlug", "username", "teamSlug", "organizationSlug",
  "attendee", "guests", "meetingUrl", "location", "metadata", "bookingFieldsResponses", "routing",
  "emailVerificationCode", "allowConflicts", "allowBookingOutOfBounds", "skipBookingLimits", "instant",
  "recurrenceCount", "rrHostSubsetIds", NULL
};
static const char * const attendee_keys[] = { "name", "email", "timeZone", "phoneNumber", "language", NULL };
static const char * const reschedule_keys[] = {
  "start", "reschedulingReason", "rescheduledBy", "emailVerificationCode", "rescheduleWithSameHost",
  "allowConflicts", "allowBookingOutOfBounds", "skipBookingLimits", "seatUid", "rrHostSubsetIds", NULL
};
static const char * const cancel_keys[] = { "cancellationReason", "cancelSubsequentBookings", "seatUid", NULL };
static const char * const languages[] = {
  "ar", "ca", "de", "es", "eu", "he", "id", "ja", "lv", "pl", "ro", "sr", "th", "vi", "az", "cs", "el",
  "es-419", "fi", "hr", "it", "km", "nl", "pt", "ru", "sv", "tr", "zh-CN", "bg", "da", "en", "et", "fr",
  "hu", "iw", "ko", "no", "pt-BR", "sk", "ta", "uk", "zh-TW", "bn", NULL
};

/* One class-validator error as the bookings pipes flatten them:
 * "<prop> property is wrong,<constraints> <children>", joined by ", ". */
static void
add_problem (GString    *problems,
             const char *property,
             const char *constraints,
             const char *children)
{
  if (problems->len > 0)
    g_string_append (problems, ", ");
  g_string_append_printf (problems, "%s property is wrong,%s %s",
                          property, constraints != NULL ? constraints : "", children != NULL ? children : "");
}

static gboolean
has_value (JsonObject *object,
           const char *member)
{
  return object != NULL && json_object_has_member (object, member) &&
         !JSON_NODE_HOLDS_NULL (json_object_get_member (object, member));
}

static void
check_unknown_keys (JsonObject         *object,
                    const char * const *allowed,
                    GString            *problems)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *constraint = g_strdup_printf ("property %s should not exist", (const char *) l->data);

          add_problem (problems, l->data, constraint, NULL);
        }
    }
}

static void
check_string (JsonObject *object,
              const char *member,
              GString    *problems)
{
  if (has_value (object, member) && get_string_member (object, member) == NULL)
    {
      g_autofree char *constraint = g_strdup_printf ("%s must be a string", member);

      add_problem (problems, member, constraint, NULL);
    }
}

static void
check_boolean (JsonObject *object,
               const char *member,
               GString    *problems)
{
  JsonNode *node;

  if (!has_value (object, member))
    return;

  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *constraint = g_strdup_printf ("%s must be a boolean value", member);

      add_problem (problems, member, constraint, NULL);
    }
}

static gboolean
is_integer (JsonNode *node)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return TRUE;
  return json_node_get_value_type (node) == G_TYPE_DOUBLE &&
         json_node_get_double (node) == floor (json_node_get_double (node));
}

static gboolean
is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static void
check_start (JsonObject *body,
             GString    *problems,
             gint64     *out_ms)
{
  const char *start = get_string_member (body, "start");

  if (start == NULL || !calbook_sandbox_parse_time (start, out_ms))
    add_problem (problems, "start", "start must be a valid ISO 8601 date string", NULL);
}

/* CreateBookingAttendee: its own rules (email, the contact rule) first,
 * then the inherited ones. */
static void
check_attendee (JsonObject *body,
                GString    *problems)
{
  g_autoptr(GString) children = g_string_new (NULL);
  JsonObject *attendee;
  const char *email;
  const char *language;

  if (!has_value (body, "attendee"))
    {
      add_problem (problems, "attendee", "attendee should not be null or undefined", NULL);
      return;
    }

  attendee = get_object_member (body, "attendee");
  if (attendee == NULL)
    {
      add_problem (problems, "attendee", "nested property attendee must be either object or array", NULL);
      return;
    }

  check_unknown_keys (attendee, attendee_keys, children);
  check_string (attendee, "email", children);
  email = get_string_member (attendee, "email");
  if ((email == NULL || *email == '\0') && !has_value (attendee, "phoneNumber"))
    add_problem (children, "attendee email or phone", MSG_CONTACT, NULL);
  if (get_string_member (attendee, "name") == NULL)
    add_problem (children, "name", "name must be a string", NULL);
  if (!is_valid_time_zone (get_string_member (attendee, "timeZone")))
    add_problem (children, "timeZone", "timeZone must be a valid IANA time-zone", NULL);
  check_string (attendee, "phoneNumber", children);
  language = get_string_member (attendee, "language");
  if (has_value (attendee, "language") && (language == NULL || !g_strv_contains (languages, language)))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) languages);
      g_autofree char *constraint = g_strdup_printf ("language must be one of the following values: %s", list);

      add_problem (children, "language", constraint, NULL);
    }

  if (children->len > 0)
    add_problem (problems, "attendee", "", children->str);
}

static void
check_metadata (JsonObject *body,
                GString    *problems)
{
  g_autoptr(GString) constraints = g_string_new (NULL);
  JsonNode *node;
  gboolean valid;

  if (!has_value (body, "metadata"))
    return;

  node = json_object_get_member (body, "metadata");
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      /* The metadata rule walks any JavaScript object, arrays included */
      JsonArray *array = json_node_get_array (node);

      valid = json_array_get_length (array) <= 50;
      for (guint i = 0; valid && i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          valid = JSON_NODE_HOLDS_VALUE (item) &&
                  (json_node_get_value_type (item) != G_TYPE_STRING || g_utf8_strlen (json_node_get_string (item), -1) <= 500);
        }
    }
  else
    valid = metadata_is_valid (node);

  if (!valid)
    g_string_append (constraints, MSG_METADATA);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    g_string_append_printf (constraints, "%smetadata must be an object", constraints->len > 0 ? ", " : "");

  if (constraints->len > 0)
    add_problem (problems, "metadata", constraints->str, NULL);
}

/* CreateBookingInput_2024_08_13 through its pipe: unknown keys, then the
 * properties in declaration order, then the event type rule. */
static void
check_create_body (JsonObject *body,
                   GString    *problems,
                   gint64     *out_start_ms)
{
  const char *slug = get_string_member (body, "eventTypeSlug");
  gint64 event_type_id = 0;

  check_unknown_keys (body, create_keys, problems);
  check_start (body, problems, out_start_ms);
  check_attendee (body, problems);
  if (has_value (body, "bookingFieldsResponses") && get_object_member (body, "bookingFieldsResponses") == NULL)
    add_problem (problems, "bookingFieldsResponses", "bookingFieldsResponses must be an object", NULL);
  if (has_value (body, "eventTypeId") && !is_integer (json_object_get_member (body, "eventTypeId")))
    add_problem (problems, "eventTypeId", "eventTypeId must be an integer number", NULL);
  check_string (body, "eventTypeSlug", problems);
  check_string (body, "username", problems);
  check_string (body, "teamSlug", problems);
  check_string (body, "organizationSlug", problems);

  if (has_value (body, "guests"))
    {
      JsonNode *node = json_object_get_member (body, "guests");
      g_autoptr(GString) constraints = g_string_new (NULL);
      gboolean strings = TRUE;

      if (JSON_NODE_HOLDS_ARRAY (node))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
          {
            JsonNode *item = json_array_get_element (json_node_get_array (node), i);

            strings &= JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING;
          }
      else
        strings = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;

      if (!strings)
        g_string_append (constraints, "each value in guests must be a string");
      if (!JSON_NODE_HOLDS_ARRAY (node))
        g_string_append_printf (constraints, "%sguests must be an array", constraints->len > 0 ? ", " : "");
      if (constraints->len > 0)
        add_problem (problems, "guests", constraints->str, NULL);
    }

  if (has_value (body, "location") && get_object_member (body, "location") == NULL &&
      get_string_member (body, "location") == NULL)
    add_problem (problems, "location", "location must be an object", NULL);

  check_metadata (body, problems);

  if (has_value (body, "lengthInMinutes"))
    {
      JsonNode *node = json_object_get_member (body, "lengthInMinutes");
      g_autoptr(GString) constraints = g_string_new (NULL);

      if (!is_number (node) || json_node_get_double (node) < 1)
        g_string_append (constraints, "lengthInMinutes must not be less than 1");
      if (!is_integer (node))
        g_string_append_printf (constraints, "%slengthInMinutes must be an integer number", constraints->len > 0 ? ", " : "");
      if (constraints->len > 0)
        add_problem (problems, "lengthInMinutes", constraints->str, NULL);
    }

  check_string (body, "emailVerificationCode", problems);
  check_boolean (body, "allowConflicts", problems);
  check_boolean (body, "allowBookingOutOfBounds", problems);
  check_boolean (body, "skipBookingLimits", problems);

  get_number_member (body, "eventTypeId", &event_type_id);
  if (event_type_id == 0 &&
      !(slug != NULL && *slug != '\0' &&
        (get_string_member (body, "username") != NULL || get_string_member (body, "teamSlug") != NULL)))
    add_problem (problems, "eventTypeId or eventTypeSlug + username", MSG_EVENT_LOOKUP, NULL);
}

/* Public API */

void
calbook_sandbox_bookings_get (CalbookSandboxRequest *req,
                              const char            *uid)
{
  JsonNode *node;

  if (!calbook_sandbox_request_check_auth (req))
    return;

  node = calbook_sandbox_booking_lookup_json (req->db, uid);
  if (node == NULL)
    node = calbook_sandbox_series_lookup_json (req->db, uid);
  if (node == NULL)
    {
      reply_booking_not_found (req, uid);
      return;
    }

  calbook_sandbox_reply_success (req, 200, node);
}


/* POST /v2/bookings → 201. Optional auth; availability always checked. */
void
calbook_sandbox_bookings_create (CalbookSandboxRequest *req)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *responses = NULL;
  g_autofree char *metadata = NULL;
  g_autofree char *series_uid = NULL;
  g_autofree char *title = NULL;
  g_autofree char *location_text = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  const CalbookSandboxEventType *et = NULL;
  const CalbookSandboxUser *host;
  JsonObject *attendee;
  JsonObject *location;
  JsonArray *guests = NULL;
  const char *description = "";
  gint64 start_ms = 0;
  gint64 event_type_id = 0;
  gint64 length;
  gint64 count = 1;
  gint64 stamp;

  if (!calbook_sandbox_request_check_auth (req))
    return;

  body = calbook_sandbox_request_parse_body (req);
  if (body == NULL)
    return;

  check_create_body (body, problems, &start_ms);
  if (problems->len > 0)
    {
      calbook_sandbox_reply_error (req, 400, problems->str);
      return;
    }
  attendee = get_object_member (body, "attendee");
  guests = has_value (body, "guests") ? json_object_get_array_member (body, "guests") : NULL;

  if (get_number_member (body, "eventTypeId", &event_type_id) && event_type_id != 0)
    {
      et = calbook_sandbox_db_find_event_type (req->db, event_type_id);
      if (et == NULL)
        {
          g_autofree char *message = g_strdup_printf ("Event type with id %" G_GINT64_FORMAT " not found.", event_type_id);

          calbook_sandbox_reply_error (req, 404, message);
          return;
        }
    }
  else
    {
      const char *slug = get_string_member (body, "eventTypeSlug");
      const char *username = get_string_member (body, "username");
      const CalbookSandboxUser *owner = username != NULL ? calbook_sandbox_db_find_user_by_username (req->db, username) : NULL;
      GPtrArray *event_types = calbook_sandbox_db_get_event_types (req->db);

      for (guint i = 0; owner != NULL && i < event_types->len; i++)
        {
          const CalbookSandboxEventType *candidate = g_ptr_array_index (event_types, i);

          if (candidate->owner_id == owner->id && g_str_equal (candidate->slug, slug))
            et = candidate;
        }

      if (et == NULL)
        {
          g_autofree char *message = NULL;

          /* The sandbox has no team event types */
          if (username != NULL)
            message = g_strdup_printf ("Event type with slug %s belonging to user %s not found.", slug, username);
          else
            message = g_strdup_printf ("Event type with slug %s belonging to team %s not found.", slug,
                                       get_string_member (body, "teamSlug"));
          calbook_sandbox_reply_error (req, 404, message);
          return;
        }
    }

  length = et->length;
  if (has_value (body, "lengthInMinutes"))
    {
      gboolean allowed = FALSE;

      if (et->length_options->len == 0)
        {
          calbook_sandbox_reply_error (req, 400, MSG_SINGLE_LENGTH);
          return;
        }
      if (get_number_member (body, "lengthInMinutes", &length))
        for (guint i = 0; i < et->length_options->len; i++)
          allowed |= g_array_index (et->length_options, guint, i) == length;
      if (!allowed)
        {
          g_autoptr(GString) message = g_string_new ("Provided lengthInMinutes is not one of the possible lengths for the event type. The possible lengths are: ");

          for (guint i = 0; i < et->length_options->len; i++)
            g_string_append_printf (message, "%s%u", i > 0 ? ", " : "", g_array_index (et->length_options, guint, i));
          calbook_sandbox_reply_error (req, 400, message->str);
          return;
        }
    }

  if (has_value (body, "metadata"))
    metadata = json_to_string (json_object_get_member (body, "metadata"), FALSE);

  location_text = g_strdup (et->location_value);
  location = get_object_member (body, "location");
  if (location != NULL)
    {
      const char *type = get_string_member (location, "type");
      const char *member = location_value_member (type);
      const char *value = member != NULL ? get_string_member (location, member) : NULL;

      /* integration, link, address and phone name the organizer's own
       * location by type alone (the input classes have nothing else) */
      if (g_strcmp0 (type, et->location_type) == 0 &&
          (g_str_equal (type, "integration") || g_str_equal (type, "link") ||
           g_str_equal (type, "address") || g_str_equal (type, "phone")))
        value = et->location_value;
      else if (g_strcmp0 (type, et->location_type) != 0 || value == NULL)
        {
          g_autofree char *message = g_strdup_printf ("Location type '%s' is not one of the event type's locations (%s)",
                                                      type != NULL ? type : "", et->location_type);

          calbook_sandbox_reply_error (req, 400, message);
          return;
        }
      g_free (location_text);
      location_text = g_strdup (value);
    }
  else if (get_string_member (body, "location") != NULL)
    {
      g_free (location_text);
      location_text = g_strdup (get_string_member (body, "location"));
    }

  if (et->recurrence_count > 0)
    {
      count = et->recurrence_count;
      if (get_number_member (body, "recurrenceCount", &count))
        count = CLAMP (count, 1, (gint64) et->recurrence_count);
    }

  if (start_ms < req->now_ms)
    {
      calbook_sandbox_reply_error (req, 400, MSG_PAST);
      return;
    }
  if (start_ms > LATEST_BOOKABLE_MS || !calbook_sandbox_slots_in_bounds (et, start_ms, req->now_ms))
    {
      calbook_sandbox_reply_error (req, 400, MSG_OUT_OF_BOUNDS);
      return;
    }

  host = calbook_sandbox_db_find_user_by_id (req->db, et->owner_id);
  for (gint64 i = 0; i < count; i++)
    {
      gint64 occurrence = start_ms + i * 7 * DAY_MS;

      if (!calbook_sandbox_slots_is_available (req->db, host, et, occurrence, occurrence + length * MINUTE_MS, NULL))
        {
          calbook_sandbox_reply_error (req, 400, MSG_TAKEN);
          return;
        }
    }

  {
    JsonObject *fields = get_object_member (body, "bookingFieldsResponses");
    const char *notes = get_string_member (fields, "notes");

    if (notes != NULL)
      description = notes;
    responses = build_responses (attendee, fields, guests);
  }

  title = g_strdup_printf ("%s between %s and %s", et->title, host->name, get_string_member (attendee, "name"));
  if (count > 1 || et->recurrence_count > 0)
    series_uid = calbook_sandbox_db_make_uid (req->db, req->rand);

  calbook_sandbox_db_begin (req->db);
  stamp = touch_stamp (req);
  for (gint64 i = 0; i < count; i++)
    {
      CalbookSandboxBookingInsert b = { 0 };
      g_autofree char *uid = calbook_sandbox_db_make_uid (req->db, req->rand);
      g_autofree char *ics_uid = g_strdup_printf ("%s@Cal.com", uid);
      const char *email = get_string_member (attendee, "email");
      gint64 booking_id;

      b.uid = uid;
      b.title = title;
      b.description = description;
      b.organizer_id = host->id;
      b.event_type_id = et->id;
      b.status = et->requires_confirmation ? "pending" : "accepted";
      b.start_ms = start_ms + i * 7 * DAY_MS;
      b.end_ms = b.start_ms + length * MINUTE_MS;
      b.created_ms = req->now_ms;
      b.updated_ms = stamp;
      b.location = location_text;
      b.recurring_event_id = series_uid;
      b.metadata = metadata;
      b.responses = responses;
      b.ics_uid = ics_uid;

      booking_id = calbook_sandbox_db_insert_booking (req->db, &b);
      if (booking_id == 0)
        {
          calbook_sandbox_db_rollback (req->db);
          calbook_sandbox_reply_error (req, 500, "Internal server error");
          return;
        }

      calbook_sandbox_db_insert_attendee (req->db, booking_id,
                                          get_string_member (attendee, "name"),
                                          email != NULL ? email : "",
                                          get_string_member (attendee, "timeZone"),
                                          get_string_member (attendee, "language"),
                                          get_string_member (attendee, "phoneNumber"),
                                          FALSE, FALSE);
      for (guint g = 0; guests != NULL && g < json_array_get_length (guests); g++)
        calbook_sandbox_db_insert_attendee (req->db, booking_id, "",
                                            json_array_get_string_element (guests, g),
                                            get_string_member (attendee, "timeZone"),
                                            "en", NULL, FALSE, TRUE);

      g_ptr_array_add (uids, g_steal_pointer (&uid));
    }
  calbook_sandbox_db_commit (req->db);

  if (series_uid != NULL)
    reply_bookings (req, 201, uids);
  else
    reply_created (req, g_ptr_array_index (uids, 0));
}

/* POST /v2/bookings/{uid}/reschedule → 201 with a new booking; the old
 * one becomes cancelled + rescheduled. */
void
calbook_sandbox_bookings_reschedule (CalbookSandboxRequest *req,
                                     const char            *uid)
{
  g_autoptr(CalbookSandboxBookingRow) row = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *new_uid = NULL;
  g_autofree char *ics_uid = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  const CalbookSandboxEventType *et;
  const CalbookSandboxUser *host;
  const char *reason;
  const char *rescheduled_by;
  const char *status;
  sqlite3_stmt *stmt;
  gint64 start_ms = 0;
  gint64 end_ms;
  gint64 stamp;
  gint64 new_id;

  if (!calbook_sandbox_request_check_auth (req))
    return;

  body = calbook_sandbox_request_parse_body (req);
  if (body == NULL)
    return;

  /* The pipe runs before the handler looks the booking up */
  check_unknown_keys (body, reschedule_keys, problems);
  check_start (body, problems, &start_ms);
  check_string (body, "rescheduledBy", problems);
  check_string (body, "reschedulingReason", problems);
  check_string (body, "emailVerificationCode", problems);
  check_string (body, "seatUid", problems);
  check_boolean (body, "rescheduleWithSameHost", problems);
  check_boolean (body, "allowConflicts", problems);
  check_boolean (body, "allowBookingOutOfBounds", problems);
  check_boolean (body, "skipBookingLimits", problems);
  if (problems->len > 0)
    {
      calbook_sandbox_reply_error (req, 400, problems->str);
      return;
    }

  row = calbook_sandbox_booking_row_lookup (req->db, uid);
  if (row == NULL)
    {
      reply_booking_not_found (req, uid);
      return;
    }

  if (is_cancelled (row))
    {
      g_autofree char *message = NULL;

      if (row->rescheduled && row->rescheduled_to_uid != NULL && *row->rescheduled_to_uid != '\0')
        message = g_strdup_printf ("Can't reschedule booking with uid=%s because it has been cancelled and"
                                   " rescheduled already to booking with uid=%s. You probably want to"
                                   " reschedule %s instead by passing it within the request URL.",
                                   uid, row->rescheduled_to_uid, row->rescheduled_to_uid);
      else
        message = g_strdup_printf ("Can't reschedule booking with uid=%s because it has been cancelled."
                                   " Please provide uid of a booking that is not cancelled.", uid);
      calbook_sandbox_reply_error (req, 400, message);
      return;
    }

  et = calbook_sandbox_db_find_event_type (req->db, row->event_type_id);
  if (start_ms < req->now_ms)
    {
      calbook_sandbox_reply_error (req, 400, MSG_PAST);
      return;
    }
  if (start_ms > LATEST_BOOKABLE_MS || (et != NULL && !calbook_sandbox_slots_in_bounds (et, start_ms, req->now_ms)))
    {
      calbook_sandbox_reply_error (req, 400, MSG_OUT_OF_BOUNDS);
      return;
    }

  /* The input service ends a moved booking after the event type's length,
   * whatever length it had */
  end_ms = start_ms + (et != NULL ? (gint64) et->length * MINUTE_MS : row->end_ms - row->start_ms);
  host = calbook_sandbox_db_find_user_by_id (req->db, row->organizer_id);
  if (host == NULL || !calbook_sandbox_slots_is_available (req->db, host, et, start_ms, end_ms, uid))
    {
      calbook_sandbox_reply_error (req, 400, MSG_TAKEN);
      return;
    }

  /* Only what the body says: the input service takes the rescheduler
   * from rescheduledBy alone, never from the key */
  reason = get_string_member (body, "reschedulingReason");
  rescheduled_by = get_string_member (body, "rescheduledBy");

  /* A booking that needs confirmation is requested again, unless the
   * event type's owner moved it */
  status = "accepted";
  if (et != NULL && et->requires_confirmation && g_strcmp0 (rescheduled_by, host->email) != 0)
    status = "pending";

  new_uid = calbook_sandbox_db_make_uid (req->db, req->rand);
  ics_uid = g_strdup_printf ("%s@Cal.com", new_uid);

  calbook_sandbox_db_begin (req->db);
  stamp = touch_stamp (req);

  stmt = calbook_sandbox_db_prepare (req->db,
                                     "INSERT INTO bookings (uid, title, description, organizer_id, event_type_id, status,"
                                     " start_ms, end_ms, created_ms, updated_ms, location, metadata, responses,"
                                     " recurring_event_id, rescheduled_from_uid, rescheduling_reason,"
                                     " rescheduled_by_email, ics_uid)"
                                     " SELECT ?1, title, description, organizer_id, event_type_id, ?2, ?3, ?4, ?5, ?6,"
                                     " location, metadata, responses, recurring_event_id, uid, ?7, ?8, ?9"
                                     " FROM bookings WHERE id = ?10");
  sqlite3_bind_text (stmt, 1, new_uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, start_ms);
  sqlite3_bind_int64 (stmt, 4, end_ms);
  sqlite3_bind_int64 (stmt, 5, req->now_ms);
  sqlite3_bind_int64 (stmt, 6, stamp);
  if (reason != NULL)
    sqlite3_bind_text (stmt, 7, reason, -1, SQLITE_TRANSIENT);
  if (rescheduled_by != NULL)
    sqlite3_bind_text (stmt, 8, rescheduled_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, ics_uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, row->id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  new_id = sqlite3_last_insert_rowid (calbook_sandbox_db_get_handle (req->db));

  stmt = calbook_sandbox_db_prepare (req->db,
                                     "INSERT INTO attendees (booking_id, name, email, time_zone, language, phone, absent, is_guest)"
                                     " SELECT ?1, name, email, time_zone, language, phone, 0, is_guest FROM attendees"
                                     " WHERE booking_id = ?2 ORDER BY id");
  sqlite3_bind_int64 (stmt, 1, new_id);
  sqlite3_bind_int64 (stmt, 2, row->id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);

  stmt = calbook_sandbox_db_prepare (req->db,
                                     "UPDATE bookings SET status = 'cancelled', rescheduled = 1, rescheduled_to_uid = ?1,"
                                     " rescheduling_reason = ?2, rescheduled_by_email = ?3,"
                                     " updated_ms = ?4 WHERE id = ?5");
  sqlite3_bind_text (stmt, 1, new_uid, -1, SQLITE_TRANSIENT);
  if (reason != NULL)
    sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
  if (rescheduled_by != NULL)
    sqlite3_bind_text (stmt, 3, rescheduled_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, stamp);
  sqlite3_bind_int64 (stmt, 5, row->id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);

  calbook_sandbox_db_commit (req->db);

  reply_created (req, new_uid);
}

/* POST /v2/bookings/{uid}/cancel → 200. Optional auth (the uid is a
 * capability); business-rule errors in the flat shape (f). */
void
calbook_sandbox_bookings_cancel (CalbookSandboxRequest *req,
                                 const char            *uid)
{
  g_autoptr(CalbookSandboxBookingRow) row = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cancelled_uids = g_ptr_array_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  const char *reason;
  gboolean whole_series;
  gint64 organizer_id = 0;

  if (!calbook_sandbox_request_check_auth (req))
    return;

  body = calbook_sandbox_request_parse_body (req);
  if (body == NULL)
    return;

  check_unknown_keys (body, cancel_keys, problems);
  check_string (body, "cancellationReason", problems);
  check_string (body, "seatUid", problems);
  check_boolean (body, "cancelSubsequentBookings", problems);
  if (problems->len > 0)
    {
      calbook_sandbox_reply_error (req, 400, problems->str);
      return;
    }
  reason = get_string_member (body, "cancellationReason");

  row = calbook_sandbox_booking_row_lookup (req->db, uid);
  whole_series = row == NULL;
  if (row == NULL && (organizer_id = organizer_of_series (req, uid)) == 0)
    {
      g_autofree char *message = g_strdup_printf ("Booking with uid=%s not found", uid);

      calbook_sandbox_reply_error (req, 404, message);
      return;
    }
  if (row != NULL)
    organizer_id = row->organizer_id;

  if (whole_series && get_boolean_member (body, "cancelSubsequentBookings"))
    {
      calbook_sandbox_reply_error (req, 400, MSG_SUBSEQUENT_OF_SERIES);
      return;
    }

  /* The v2 service refuses a cancelled booking itself (envelope a);
   * the shared handler's own checks answer in the flat shape */
  if (row != NULL && g_str_equal (row->status, "cancelled"))
    {
      g_autofree char *message = g_strdup_printf ("Can't cancel booking with uid=%s because it has been cancelled"
                                                  " already. Please provide uid of a booking that is not cancelled.",
                                                  uid);

      calbook_sandbox_reply_error (req, 400, message);
      return;
    }
  if (row != NULL && is_cancelled (row))
    {
      calbook_sandbox_reply_flat (req, 400, MSG_ALREADY_CANCELLED);
      return;
    }
  if (row != NULL && row->end_ms <= req->now_ms)
    {
      calbook_sandbox_reply_flat (req, 400, MSG_CANCEL_ENDED);
      return;
    }
  if (req->user != NULL && req->user->id == organizer_id && is_blank (reason))
    {
      calbook_sandbox_reply_flat (req, 400, MSG_HOST_REASON);
      return;
    }
  /* A seated booking cancelled without a seatUid: only the event type's
   * owner or an org admin of the organizer may (a 401 that is not about
   * the key) */
  if (row != NULL && get_string_member (body, "seatUid") == NULL)
    {
      const CalbookSandboxEventType *et = calbook_sandbox_db_find_event_type (req->db, row->event_type_id);

      if (et != NULL && et->seats_per_time_slot > 0 &&
          (req->user == NULL || (req->user->id != et->owner_id && !calbook_sandbox_request_is_admin (req))))
        {
          calbook_sandbox_reply_flat (req, 401, MSG_NOT_SEAT_HOST);
          return;
        }
    }

  if (whole_series || (get_boolean_member (body, "cancelSubsequentBookings") && row->recurring_event_id != NULL))
    {
      collect_series (req, whole_series ? uid : row->recurring_event_id,
                      whole_series ? G_MININT64 : row->start_ms, ids, uids, statuses, ends);

      /* One statement on Cal.com (updateMany): one updatedAt for all */
      gint64 stamp = touch_stamp (req);

      calbook_sandbox_db_begin (req->db);
      for (guint i = 0; i < ids->len; i++)
        {
          const char *status = g_ptr_array_index (statuses, i);

          if (g_str_equal (status, "cancelled") || g_str_equal (status, "rejected") ||
              g_array_index (ends, gint64, i) <= req->now_ms)
            continue;
          cancel_booking_row (req, g_array_index (ids, gint64, i), reason, stamp);
          g_ptr_array_add (cancelled_uids, g_ptr_array_index (uids, i));
        }
      calbook_sandbox_db_commit (req->db);

      if (cancelled_uids->len == 0)
        {
          calbook_sandbox_reply_flat (req, 400, MSG_ALREADY_CANCELLED);
          return;
        }
      reply_bookings (req, 200, cancelled_uids);
      return;
    }

  cancel_booking_row (req, row->id, reason, touch_stamp (req));
  reply_booking (req, 200, uid);
}

/* POST /v2/bookings/{uid}/confirm → 200; confirms every pending
 * occurrence of a series. */
void
calbook_sandbox_bookings_confirm (CalbookSandboxRequest *req,
                                  const char            *uid)
{
  g_autoptr(CalbookSandboxBookingRow) row = NULL;

  row = lookup_accessible_booking (req, uid);
  if (row == NULL)
    return;

  if (decide_booking (req, row, "accepted", NULL, NULL))
    reply_booking (req, 200, uid);
}

/* POST /v2/bookings/{uid}/decline {reason?} → 200, status rejected. */
void
calbook_sandbox_bookings_decline (CalbookSandboxRequest *req,
                                  const char            *uid)
{
  g_autoptr(CalbookSandboxBookingRow) row = NULL;
  g_autoptr(JsonObject) body = NULL;
  const char *reason;

  row = lookup_accessible_booking (req, uid);
  if (row == NULL)
    return;

  body = calbook_sandbox_request_parse_body (req);
  if (body == NULL)
    return;
  if (has_non_string_member (body, "reason"))
    {
      reply_invalid_property (req, "reason", "reason must be a string");
      return;
    }
  reason = get_string_member (body, "reason");

  if (decide_booking (req, row, "rejected", "rejection_reason", reason))
    reply_booking (req, 200, uid);
}

/* POST /v2/bookings/{uid}/mark-absent {host?, attendees?[{email, absent}]} */
void
calbook_sandbox_bookings_mark_absent (CalbookSandboxRequest *req,
                                      const char            *uid)
{
  g_autoptr(CalbookSandboxBookingRow) row = NULL;
  g_autoptr(JsonObject) body = NULL;
  JsonNode *attendees;
  sqlite3_stmt *stmt;

  if (!calbook_sandbox_request_require_auth (req))
    return;

  row = calbook_sandbox_booking_row_lookup (req->db, uid);
  if (row == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Booking with uid=%s not found.", uid);

      calbook_sandbox_reply_error (req, 404, message);
      return;
    }
  if (!check_access (req, row))
    return;

  body = calbook_sandbox_request_parse_body (req);
  if (body == NULL)
    return;

  if (req->now_ms < row->start_ms)
    {
      g_autofree char *now_text = calbook_sandbox_format_time (req->now_ms);
      g_autofree char *start_text = calbook_sandbox_format_time (row->start_ms);
      g_autofree char *message = NULL;

      message = g_strdup_printf ("Bookings can only be marked as absent after their scheduled start time."
                                 " Current time in UTC+0: %s, Booking start time in UTC+0: %s",
                                 now_text, start_text);
      calbook_sandbox_reply_error (req, 400, message);
      return;
    }

  attendees = json_object_has_member (body, "attendees") ? json_object_get_member (body, "attendees") : NULL;
  if (attendees != NULL && !JSON_NODE_HOLDS_ARRAY (attendees))
    {
      reply_invalid_property (req, "attendees", "attendees must be an array");
      return;
    }

  /* handleMarkNoShow turns its own failures, such as an e-mail that is not
   * one of the booking's attendees, into a 500; nothing is changed */
  for (guint i = 0; attendees != NULL && i < json_array_get_length (json_node_get_array (attendees)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (attendees), i);
      JsonObject *attendee = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *email = get_string_member (attendee, "email");
      gboolean found;

      if (email == NULL)
        continue;
      stmt = calbook_sandbox_db_prepare (req->db, "SELECT 1 FROM attendees WHERE booking_id = ?1 AND email = ?2");
      sqlite3_bind_int64 (stmt, 1, row->id);
      sqlite3_bind_text (stmt, 2, email, -1, SQLITE_TRANSIENT);
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (!found)
        {
          calbook_sandbox_reply_error (req, 500, MSG_NO_SHOW_FAILED);
          return;
        }
    }

  calbook_sandbox_db_begin (req->db);
  if (json_object_has_member (body, "host"))
    {
      stmt = calbook_sandbox_db_prepare (req->db, "UPDATE bookings SET absent_host = ?1 WHERE id = ?2");
      sqlite3_bind_int (stmt, 1, get_boolean_member (body, "host"));
      sqlite3_bind_int64 (stmt, 2, row->id);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  for (guint i = 0; attendees != NULL && i < json_array_get_length (json_node_get_array (attendees)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (attendees), i);
      JsonObject *attendee = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *email = get_string_member (attendee, "email");

      if (email == NULL)
        continue;

      stmt = calbook_sandbox_db_prepare (req->db, "UPDATE attendees SET absent = ?1 WHERE booking_id = ?2 AND email = ?3");
      sqlite3_bind_int (stmt, 1, get_boolean_member (attendee, "absent"));
      sqlite3_bind_int64 (stmt, 2, row->id);
      sqlite3_bind_text (stmt, 3, email, -1, SQLITE_TRANSIENT);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  /* An attendee's no-show is a row of Attendee: only the host's mark
   * (Booking.noShowHost) moves the booking's updatedAt */
  if (json_object_has_member (body, "host"))
    {
      stmt = calbook_sandbox_db_prepare (req->db, "UPDATE bookings SET updated_ms = ?1 WHERE id = ?2");
      sqlite3_bind_int64 (stmt, 1, touch_stamp (req));
      sqlite3_bind_int64 (stmt, 2, row->id);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  calbook_sandbox_db_commit (req->db);

  reply_booking (req, 200, uid);
}

/* PATCH /v2/bookings/{uid}/location {location:{type, …}} → 200 */
void
calbook_sandbox_bookings_set_location (CalbookSandboxRequest *req,
                                       const char            *uid)
{
  g_autoptr(CalbookSandboxBookingRow) row = NULL;
  g_autoptr(JsonObject) body = NULL;
  JsonObject *location;
  const char *type;
  const char *member;
  const char *value;
  sqlite3_stmt *stmt;

  row = lookup_accessible_booking (req, uid);
  if (row == NULL)
    return;

  body = calbook_sandbox_request_parse_body (req);
  if (body == NULL)
    return;

  location = get_object_member (body, "location");
  type = get_string_member (location, "type");
  member = location_value_member (type);
  if (location == NULL || member == NULL)
    {
      reply_invalid_property (req, "location",
                              "location.type must be one of the following values: address, attendeeAddress,"
                              " attendeeDefined, attendeePhone, link, phone");
      return;
    }

  value = get_string_member (location, member);
  if (value == NULL || *value == '\0')
    {
      g_autofree char *constraint = g_strdup_printf ("location.%s must be a string", member);

      reply_invalid_property (req, "location", constraint);
      return;
    }
  if (g_str_equal (type, "link") && !g_str_has_prefix (value, "https://") && !g_str_has_prefix (value, "http://"))
    {
      reply_invalid_property (req, "location", "location.link must be a URL address");
      return;
    }

  stmt = calbook_sandbox_db_prepare (req->db, "UPDATE bookings SET location = ?1, updated_ms = ?2 WHERE id = ?3");
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, touch_stamp (req));
  sqlite3_bind_int64 (stmt, 3, row->id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);

  reply_booking (req, 200, uid);
}

/* POST /v2/bookings/{uid}/guests {guests:[{email, name?, …}]} → 200 */
void
calbook_sandbox_bookings_add_guests (CalbookSandboxRequest *req,
                                     const char            *uid)
{
  g_autoptr(CalbookSandboxBookingRow) row = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GHashTable) attending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) unique = g_ptr_array_new ();
  JsonNode *node;
  JsonArray *guests;
  sqlite3_stmt *stmt;
  gint64 existing = 0;

  row = lookup_accessible_booking (req, uid);
  if (row == NULL)
    return;

  body = calbook_sandbox_request_parse_body (req);
  if (body == NULL)
    return;

  node = json_object_has_member (body, "guests") ? json_object_get_member (body, "guests") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      reply_invalid_property (req, "guests", "guests must contain at least 1 elements");
      return;
    }
  guests = json_node_get_array (node);
  if (json_array_get_length (guests) > MAX_GUESTS_REQUEST)
    {
      reply_invalid_property (req, "guests", MSG_MAX_GUESTS_REQUEST);
      return;
    }
  for (guint i = 0; i < json_array_get_length (guests); i++)
    {
      JsonNode *element = json_array_get_element (guests, i);
      JsonObject *guest = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *email = get_string_member (guest, "email");

      if (email == NULL || strchr (email, '@') == NULL)
        {
          reply_invalid_property (req, "guests", "email must be an email");
          return;
        }
    }

  if (is_cancelled (row))
    {
      calbook_sandbox_reply_error (req, 400, "Cannot add guests to a cancelled or rejected booking");
      return;
    }

  /* Who attends already, by base address: a guest who does is left out,
   * and a request of nothing but such guests is refused */
  stmt = calbook_sandbox_db_prepare (req->db, "SELECT email FROM attendees WHERE booking_id = ?");
  sqlite3_bind_int64 (stmt, 1, row->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (attending, base_email ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  for (guint i = 0; i < json_array_get_length (guests); i++)
    {
      JsonObject *guest = json_array_get_object_element (guests, i);
      char *key = base_email (get_string_member (guest, "email"));

      if (g_hash_table_contains (attending, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (attending, key);
      g_ptr_array_add (unique, guest);
    }
  if (unique->len == 0)
    {
      calbook_sandbox_reply_trpc (req, 400, MSG_GUESTS_NOT_UNIQUE);
      return;
    }

  stmt = calbook_sandbox_db_prepare (req->db, "SELECT COUNT(*) FROM attendees WHERE booking_id = ? AND is_guest = 1");
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    existing = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (existing + (gint64) unique->len > MAX_GUESTS_BOOKING)
    {
      g_autofree char *message = g_strdup_printf ("Booking can have at most %d guests; it has %" G_GINT64_FORMAT
                                                  " and %u more were requested",
                                                  MAX_GUESTS_BOOKING, existing, unique->len);

      calbook_sandbox_reply_error (req, 400, message);
      return;
    }

  calbook_sandbox_db_begin (req->db);
  for (guint i = 0; i < unique->len; i++)
    {
      JsonObject *guest = g_ptr_array_index (unique, i);
      const char *email = get_string_member (guest, "email");
      const char *name = get_string_member (guest, "name");
      const char *time_zone = get_string_member (guest, "timeZone");

      calbook_sandbox_db_insert_attendee (req->db, row->id,
                                          name != NULL ? name : email, email,
                                          is_valid_time_zone (time_zone) ? time_zone : "UTC",
                                          get_string_member (guest, "language"),
                                          get_string_member (guest, "phoneNumber"),
                                          FALSE, TRUE);
    }
  stmt = calbook_sandbox_db_prepare (req->db, "UPDATE bookings SET updated_ms = ?1 WHERE id = ?2");
  sqlite3_bind_int64 (stmt, 1, touch_stamp (req));
  sqlite3_bind_int64 (stmt, 2, row->id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  calbook_sandbox_db_commit (req->db);

  reply_booking (req, 200, uid);
}
