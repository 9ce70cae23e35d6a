/* calbook-sandbox-json.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-sandbox-json.h"

/* Auxiliary methods */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static void
add_optional_string (JsonObject   *object,
                     const char   *member,
                     sqlite3_stmt *stmt,
                     int           column)
{
  const char *text = column_text (stmt, column);

  if (text != NULL)
    json_object_set_string_member (object, member, text);
}

static void
add_time (JsonObject *object,
          const char *member,
          gint64      ms)
{
  g_autofree char *text = calbook_sandbox_format_time (ms);

  json_object_set_string_member (object, member, text);
}

static void
add_attendees (CalbookSandboxDb *db,
               JsonObject       *object,
               gint64            booking_id)
{
  JsonArray *attendees = json_array_new ();
  JsonArray *guests = json_array_new ();
  sqlite3_stmt *stmt;

  stmt = calbook_sandbox_db_prepare (db,
                                     "SELECT name, email, time_zone, language, phone, absent, is_guest"
                                     " FROM attendees WHERE booking_id = ? ORDER BY id");
  sqlite3_bind_int64 (stmt, 1, booking_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *attendee = json_object_new ();

      json_object_set_string_member (attendee, "name", column_text (stmt, 0));
      json_object_set_string_member (attendee, "email", column_text (stmt, 1));
      json_object_set_string_member (attendee, "displayEmail", column_text (stmt, 1));
      json_object_set_string_member (attendee, "timeZone", column_text (stmt, 2));
      json_object_set_string_member (attendee, "language", column_text (stmt, 3));
      json_object_set_boolean_member (attendee, "absent", sqlite3_column_int (stmt, 5) != 0);
      add_optional_string (attendee, "phoneNumber", stmt, 4);
      json_array_add_object_element (attendees, attendee);

      if (sqlite3_column_int (stmt, 6) != 0)
        json_array_add_string_element (guests, column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  json_object_set_array_member (object, "attendees", attendees);
  json_object_set_array_member (object, "guests", guests);
}

static void
add_booking_field (JsonArray  *fields,
                   const char *type,
                   const char *slug,
                   const char *label,
                   gboolean    required)
{
  JsonObject *field = json_object_new ();

  json_object_set_string_member (field, "type", type);
  json_object_set_string_member (field, "slug", slug);
  json_object_set_string_member (field, "label", label);
  json_object_set_string_member (field, "placeholder", "");
  json_object_set_boolean_member (field, "required", required);
  json_object_set_boolean_member (field, "isDefault", TRUE);
  json_object_set_boolean_member (field, "hidden", FALSE);
  json_array_add_object_element (fields, field);
}

/* Public API */

/* json-glib writes a double with an exponent as "1e+308.0", which is not
 * JSON; JavaScript writes "1e+308". Drops the ".0" after an exponent,
 * outside strings, in place. */
void
calbook_sandbox_json_fix_numbers (char *text)
{
  gboolean in_string = FALSE;
  gboolean in_exponent = FALSE;
  char *out = text;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            {
              *out++ = *p++;
            }
          else if (*p == '"')
            in_string = FALSE;
          *out++ = *p;
          continue;
        }

      if (*p == '"')
        in_string = TRUE;
      else if ((*p == 'e' || *p == 'E') && out > text && g_ascii_isdigit (out[-1]))
        in_exponent = TRUE;
      else if (in_exponent && p[0] == '.' && p[1] == '0' && !g_ascii_isdigit (p[2]))
        {
          p++;
          in_exponent = FALSE;
          continue;
        }
      else if (!g_ascii_isdigit (*p) && *p != '+' && *p != '-')
        in_exponent = FALSE;

      *out++ = *p;
    }
  *out = '\0';
}


char *
calbook_sandbox_format_time (gint64 ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ms / 1000 - (ms % 1000 < 0 ? 1 : 0));
  g_autofree char *base = NULL;
  int millis = (int) (((ms % 1000) + 1000) % 1000);

  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00.000Z");

  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, millis);
}

/* The slots format (Luxon's toISO): "Z" in UTC, the zone's offset elsewhere. */
char *
calbook_sandbox_format_zoned_time (gint64     ms,
                                   GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *base = NULL;
  g_autofree char *offset = NULL;
  const char *id;

  id = tz != NULL ? g_time_zone_get_identifier (tz) : "UTC";
  if (g_str_equal (id, "UTC") || g_str_equal (id, "Etc/UTC") || g_str_equal (id, "GMT"))
    return calbook_sandbox_format_time (ms);

  utc = g_date_time_new_from_unix_utc (ms / 1000);
  local = g_date_time_to_timezone (utc, tz);
  base = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S");
  offset = g_date_time_format (local, "%:z");
  return g_strdup_printf ("%s.%03d%s", base, (int) (ms % 1000), offset);
}

gboolean
calbook_sandbox_is_date_only (const char *text)
{
  return text != NULL &&
         g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text, 0, 0);
}

/* Strict ISO 8601 as class-validator's IsISO8601 reads it; a value without
 * an offset is UTC, as on Cal.com's servers. */
gboolean
calbook_sandbox_parse_time (const char *text,
                            gint64     *out_ms)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *full = NULL;

  g_assert (out_ms != NULL);

  if (text == NULL ||
      !g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}"
                             "([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$",
                             text, 0, 0))
    return FALSE;

  if (calbook_sandbox_is_date_only (text))
    full = g_strconcat (text, "T00:00:00Z", NULL);
  else
    full = g_strdup (text);

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (full, utc);
  if (dt == NULL)
    return FALSE;

  *out_ms = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
  return TRUE;
}

/**
 * calbook_sandbox_parse_json_or_empty:
 *
 * Returns: (transfer full): the parsed @text, or an empty object
 */
JsonNode *
calbook_sandbox_parse_json_or_empty (const char *text)
{
  JsonNode *node = NULL;

  if (text != NULL)
    node = json_from_string (text, NULL);

  if (node == NULL)
    {
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, json_object_new ());
    }

  return node;
}

JsonNode *
calbook_sandbox_host_to_json (const CalbookSandboxUser *user)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *host = json_object_new ();

  json_object_set_int_member (host, "id", user->id);
  json_object_set_string_member (host, "name", user->name);
  json_object_set_string_member (host, "email", user->email);
  json_object_set_string_member (host, "displayEmail", user->email);
  json_object_set_string_member (host, "username", user->username);
  json_object_set_string_member (host, "timeZone", user->time_zone);
  json_node_take_object (node, host);

  return node;
}

/**
 * calbook_sandbox_booking_to_json:
 * @stmt: a statement on a row of %CALBOOK_SANDBOX_BOOKING_COLUMNS
 *
 * Returns: (transfer full): BookingOutput_2024_08_13, keys in Cal.com's order
 */
JsonNode *
calbook_sandbox_booking_to_json (CalbookSandboxDb *db,
                                 sqlite3_stmt     *stmt)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *hosts = json_array_new ();
  JsonObject *event_type = json_object_new ();
  const CalbookSandboxUser *organizer;
  const CalbookSandboxEventType *et;
  const char *location;
  gint64 start_ms = sqlite3_column_int64 (stmt, BOOKING_COL_START);
  gint64 end_ms = sqlite3_column_int64 (stmt, BOOKING_COL_END);
  gint64 event_type_id = sqlite3_column_int64 (stmt, BOOKING_COL_EVENT_TYPE_ID);

  organizer = calbook_sandbox_db_find_user_by_id (db, sqlite3_column_int64 (stmt, BOOKING_COL_ORGANIZER_ID));
  et = calbook_sandbox_db_find_event_type (db, event_type_id);

  json_object_set_int_member (object, "id", sqlite3_column_int64 (stmt, BOOKING_COL_ID));
  json_object_set_string_member (object, "uid", column_text (stmt, BOOKING_COL_UID));
  json_object_set_string_member (object, "title", column_text (stmt, BOOKING_COL_TITLE));
  json_object_set_string_member (object, "description", column_text (stmt, BOOKING_COL_DESCRIPTION));
  if (organizer != NULL)
    json_array_add_element (hosts, calbook_sandbox_host_to_json (organizer));
  else
    {
      /* A booking whose user is gone: the output service names its host
       * "unknown", the id included (a string where a number is documented) */
      JsonObject *unknown = json_object_new ();

      json_object_set_string_member (unknown, "id", "unknown");
      json_object_set_string_member (unknown, "name", "unknown");
      json_object_set_string_member (unknown, "email", "unknown");
      json_object_set_string_member (unknown, "username", "unknown");
      json_array_add_object_element (hosts, unknown);
    }
  json_object_set_array_member (object, "hosts", hosts);
  json_object_set_string_member (object, "status", column_text (stmt, BOOKING_COL_STATUS));
  add_optional_string (object, "cancellationReason", stmt, BOOKING_COL_CANCELLATION_REASON);
  add_optional_string (object, "cancelledByEmail", stmt, BOOKING_COL_CANCELLED_BY);
  add_optional_string (object, "reschedulingReason", stmt, BOOKING_COL_RESCHEDULING_REASON);
  add_optional_string (object, "rescheduledByEmail", stmt, BOOKING_COL_RESCHEDULED_BY);
  add_optional_string (object, "rescheduledFromUid", stmt, BOOKING_COL_RESCHEDULED_FROM);
  add_optional_string (object, "rescheduledToUid", stmt, BOOKING_COL_RESCHEDULED_TO);
  add_time (object, "start", start_ms);
  add_time (object, "end", end_ms);
  json_object_set_int_member (object, "duration", (end_ms - start_ms) / 60000);
  json_object_set_int_member (object, "eventTypeId", event_type_id);
  json_object_set_int_member (event_type, "id", event_type_id);
  json_object_set_string_member (event_type, "slug", et != NULL ? et->slug : "");
  json_object_set_object_member (object, "eventType", event_type);
  /* The deprecated meetingUrl is always the location (output service) */
  location = column_text (stmt, BOOKING_COL_LOCATION);
  json_object_set_string_member (object, "meetingUrl", location != NULL ? location : "");
  json_object_set_string_member (object, "location", location != NULL ? location : "");
  json_object_set_boolean_member (object, "absentHost", sqlite3_column_int (stmt, BOOKING_COL_ABSENT_HOST) != 0);
  add_time (object, "createdAt", sqlite3_column_int64 (stmt, BOOKING_COL_CREATED));
  /* Booking.updatedAt is nullable in Cal.com's schema: old rows have none */
  if (sqlite3_column_type (stmt, BOOKING_COL_UPDATED) == SQLITE_NULL)
    json_object_set_null_member (object, "updatedAt");
  else
    add_time (object, "updatedAt", sqlite3_column_int64 (stmt, BOOKING_COL_UPDATED));
  json_object_set_member (object, "metadata",
                          calbook_sandbox_parse_json_or_empty (column_text (stmt, BOOKING_COL_METADATA)));
  if (sqlite3_column_type (stmt, BOOKING_COL_RATING) == SQLITE_FLOAT)
    json_object_set_double_member (object, "rating", sqlite3_column_double (stmt, BOOKING_COL_RATING));
  else if (sqlite3_column_type (stmt, BOOKING_COL_RATING) != SQLITE_NULL)
    json_object_set_int_member (object, "rating", sqlite3_column_int (stmt, BOOKING_COL_RATING));
  add_optional_string (object, "icsUid", stmt, BOOKING_COL_ICS_UID);
  add_attendees (db, object, sqlite3_column_int64 (stmt, BOOKING_COL_ID));
  json_object_set_member (object, "bookingFieldsResponses",
                          calbook_sandbox_parse_json_or_empty (column_text (stmt, BOOKING_COL_RESPONSES)));
  add_optional_string (object, "recurringBookingUid", stmt, BOOKING_COL_RECURRING_EVENT_ID);
  /* No rejectionReason: Cal.com keeps it but its output leaves it out */

  /* A test's broken booking: members replaced as they are */
  {
    JsonObject *raw = calbook_sandbox_db_get_raw_members (db, sqlite3_column_int64 (stmt, BOOKING_COL_ID));
    g_autoptr(GList) names = raw != NULL ? json_object_get_members (raw) : NULL;

    for (GList *l = names; l != NULL; l = l->next)
      json_object_set_member (object, l->data, json_node_copy (json_object_get_member (raw, l->data)));
  }

  json_node_take_object (node, object);
  return node;
}

/**
 * calbook_sandbox_booking_lookup_json:
 *
 * Returns: (transfer full) (nullable): the booking with @uid, or %NULL
 */
JsonNode *
calbook_sandbox_booking_lookup_json (CalbookSandboxDb *db,
                                     const char       *uid)
{
  sqlite3_stmt *stmt;
  JsonNode *node = NULL;

  stmt = calbook_sandbox_db_prepare (db, "SELECT " CALBOOK_SANDBOX_BOOKING_COLUMNS " FROM bookings b WHERE b.uid = ?");
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    node = calbook_sandbox_booking_to_json (db, stmt);
  sqlite3_reset (stmt);

  return node;
}

/**
 * calbook_sandbox_series_lookup_json:
 *
 * Returns: (transfer full) (nullable): an array of the occurrences of a
 *   recurring series, by start, or %NULL when there is no such series
 */
JsonNode *
calbook_sandbox_series_lookup_json (CalbookSandboxDb *db,
                                    const char       *recurring_event_id)
{
  JsonArray *array = json_array_new ();
  JsonNode *node;
  sqlite3_stmt *stmt;

  stmt = calbook_sandbox_db_prepare (db,
                                     "SELECT " CALBOOK_SANDBOX_BOOKING_COLUMNS " FROM bookings b"
                                     " WHERE b.recurring_event_id = ? ORDER BY b.start_ms, b.id");
  sqlite3_bind_text (stmt, 1, recurring_event_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    json_array_add_element (array, calbook_sandbox_booking_to_json (db, stmt));
  sqlite3_reset (stmt);

  if (json_array_get_length (array) == 0)
    {
      json_array_unref (array);
      return NULL;
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

CalbookSandboxBookingRow *
calbook_sandbox_booking_row_lookup (CalbookSandboxDb *db,
                                    const char       *uid)
{
  CalbookSandboxBookingRow *row = NULL;
  sqlite3_stmt *stmt;

  stmt = calbook_sandbox_db_prepare (db,
                                     "SELECT id, uid, organizer_id, event_type_id, status, start_ms, end_ms,"
                                     " rescheduled_to_uid, rescheduled, recurring_event_id, title"
                                     " FROM bookings WHERE uid = ?");
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      row = g_new0 (CalbookSandboxBookingRow, 1);
      row->id = sqlite3_column_int64 (stmt, 0);
      row->uid = g_strdup (column_text (stmt, 1));
      row->organizer_id = sqlite3_column_int64 (stmt, 2);
      row->event_type_id = sqlite3_column_int64 (stmt, 3);
      row->status = g_strdup (column_text (stmt, 4));
      row->start_ms = sqlite3_column_int64 (stmt, 5);
      row->end_ms = sqlite3_column_int64 (stmt, 6);
      row->rescheduled_to_uid = g_strdup (column_text (stmt, 7));
      row->rescheduled = sqlite3_column_int (stmt, 8) != 0;
      row->recurring_event_id = g_strdup (column_text (stmt, 9));
      row->title = g_strdup (column_text (stmt, 10));
    }
  sqlite3_reset (stmt);

  return row;
}

void
calbook_sandbox_booking_row_free (CalbookSandboxBookingRow *row)
{
  if (row == NULL)
    return;

  g_free (row->uid);
  g_free (row->status);
  g_free (row->rescheduled_to_uid);
  g_free (row->recurring_event_id);
  g_free (row->title);
  g_free (row);
}

/**
 * calbook_sandbox_event_type_to_json:
 *
 * Returns: (transfer full): EventTypeOutput_2024_06_14
 */
JsonNode *
calbook_sandbox_event_type_to_json (CalbookSandboxDb              *db,
                                    const CalbookSandboxEventType *et)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *fields = json_array_new ();
  JsonArray *users = json_array_new ();
  const CalbookSandboxUser *owner = calbook_sandbox_db_find_user_by_id (db, et->owner_id);
  g_autofree char *url = NULL;

  json_object_set_int_member (object, "id", et->id);
  json_object_set_int_member (object, "lengthInMinutes", et->length);
  if (et->length_options->len > 0)
    {
      JsonArray *options = json_array_new ();

      for (guint i = 0; i < et->length_options->len; i++)
        json_array_add_int_element (options, g_array_index (et->length_options, guint, i));
      json_object_set_array_member (object, "lengthInMinutesOptions", options);
    }
  json_object_set_string_member (object, "title", et->title);
  json_object_set_string_member (object, "slug", et->slug);
  json_object_set_string_member (object, "description", et->description);
  json_object_set_member (object, "locations", json_from_string (et->locations_json, NULL));

  add_booking_field (fields, "name", "name", "Your name", TRUE);
  add_booking_field (fields, "email", "email", "Email address", TRUE);
  add_booking_field (fields, "radioInput", "location", "Location", FALSE);
  add_booking_field (fields, "text", "title", "What is this meeting about?", FALSE);
  add_booking_field (fields, "textarea", "notes", "Additional notes", FALSE);
  add_booking_field (fields, "multiemail", "guests", "Add guests", FALSE);
  add_booking_field (fields, "textarea", "rescheduleReason", "Reason for reschedule", FALSE);
  json_object_set_array_member (object, "bookingFields", fields);

  json_object_set_boolean_member (object, "disableGuests", FALSE);
  if (et->recurrence_count > 0)
    {
      JsonObject *recurrence = json_object_new ();

      json_object_set_int_member (recurrence, "interval", 1);
      json_object_set_int_member (recurrence, "occurrences", et->recurrence_count);
      json_object_set_string_member (recurrence, "frequency", "weekly");
      json_object_set_object_member (object, "recurrence", recurrence);
    }
  else
    json_object_set_null_member (object, "recurrence");
  json_object_set_object_member (object, "metadata", json_object_new ());
  json_object_set_int_member (object, "price", 0);
  json_object_set_string_member (object, "currency", "usd");
  json_object_set_boolean_member (object, "lockTimeZoneToggleOnBookingPage", FALSE);
  json_object_set_boolean_member (object, "forwardParamsSuccessRedirect", TRUE);
  json_object_set_null_member (object, "successRedirectUrl");
  json_object_set_boolean_member (object, "isInstantEvent", FALSE);
  json_object_set_null_member (object, "scheduleId");
  json_object_set_boolean_member (object, "hidden", et->hidden);
  json_object_set_boolean_member (object, "bookingRequiresAuthentication", FALSE);
  json_object_set_int_member (object, "ownerId", et->owner_id);
  if (owner != NULL)
    json_array_add_string_element (users, owner->username);
  json_object_set_array_member (object, "users", users);
  url = g_strdup_printf ("https://cal.com/%s/%s", owner != NULL ? owner->username : "", et->slug);
  json_object_set_string_member (object, "bookingUrl", url);
  json_object_set_int_member (object, "minimumBookingNotice", et->minimum_notice);
  json_object_set_int_member (object, "beforeEventBuffer", et->before_buffer);
  json_object_set_int_member (object, "afterEventBuffer", et->after_buffer);
  if (et->window_days > 0)
    {
      JsonArray *windows = json_array_new ();
      JsonObject *window = json_object_new ();

      json_object_set_string_member (window, "type", "calendarDays");
      json_object_set_int_member (window, "value", et->window_days);
      json_object_set_boolean_member (window, "rolling", FALSE);
      json_array_add_object_element (windows, window);
      json_object_set_array_member (object, "bookingWindow", windows);
    }
  json_object_set_int_member (object, "slotInterval", et->length);
  if (et->seats_per_time_slot > 0)
    {
      JsonObject *seats = json_object_new ();

      json_object_set_int_member (seats, "seatsPerTimeSlot", et->seats_per_time_slot);
      json_object_set_boolean_member (seats, "showAttendeeInfo", FALSE);
      json_object_set_boolean_member (seats, "showAvailabilityCount", TRUE);
      json_object_set_object_member (object, "seats", seats);
    }
  if (et->requires_confirmation)
    {
      JsonObject *policy = json_object_new ();

      json_object_set_string_member (policy, "type", "always");
      json_object_set_boolean_member (policy, "blockUnconfirmedBookingsInBooker", TRUE);
      json_object_set_object_member (object, "confirmationPolicy", policy);
    }
  {
    JsonObject *cancelling = json_object_new ();
    JsonObject *rescheduling = json_object_new ();

    json_object_set_boolean_member (cancelling, "disabled", FALSE);
    json_object_set_boolean_member (rescheduling, "disabled", FALSE);
    json_object_set_object_member (object, "disableCancelling", cancelling);
    json_object_set_object_member (object, "disableRescheduling", rescheduling);
  }
  json_object_set_boolean_member (object, "allowReschedulingPastBookings", FALSE);

  json_node_take_object (node, object);
  return node;
}
