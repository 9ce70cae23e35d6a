/* calbook-sandbox-slots.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "calbook-sandbox-json.h"
#include "calbook-sandbox-slots.h"

#define MINUTE_MS ((gint64) 60 * 1000)
#define DAY_MS ((gint64) 24 * 3600 * 1000)
/* Cal.com refuses slot ranges much longer than this; it also keeps us fast */
#define MAX_RANGE_DAYS 62
#define MSG_MIN_USERNAMES "The array must contain at least 2 elements."

/* Auxiliary methods */

static GTimeZone *
host_time_zone (const CalbookSandboxUser *host)
{
  GTimeZone *tz = g_time_zone_new_identifier (host->time_zone);

  return tz != NULL ? tz : g_time_zone_new_utc ();
}

static gboolean
within_working_hours (const CalbookSandboxUser *host,
                      gint64                    start_ms,
                      gint64                    end_ms)
{
  g_autoptr(GTimeZone) tz = host_time_zone (host);
  g_autoptr(GDateTime) start_utc = g_date_time_new_from_unix_utc (start_ms / 1000);
  g_autoptr(GDateTime) start = g_date_time_to_timezone (start_utc, tz);
  g_autoptr(GDateTime) day_end = NULL;
  int minutes;

  if (g_date_time_get_day_of_week (start) > 5)
    return FALSE;

  minutes = g_date_time_get_hour (start) * 60 + g_date_time_get_minute (start);
  if (minutes < CALBOOK_SANDBOX_DAY_START_MINUTES)
    return FALSE;

  day_end = g_date_time_new (tz,
                             g_date_time_get_year (start),
                             g_date_time_get_month (start),
                             g_date_time_get_day_of_month (start),
                             CALBOOK_SANDBOX_DAY_END_MINUTES / 60,
                             CALBOOK_SANDBOX_DAY_END_MINUTES % 60, 0);

  return end_ms <= g_date_time_to_unix (day_end) * 1000;
}

/* Whether JavaScript's parseInt() gives a number (not NaN) */
static gboolean
parses_as_int (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '+' || *text == '-')
    text++;

  return g_ascii_isdigit (*text);
}

/* "<prop> property is wrong,<constraint> ", joined by ", " */
static void
add_problem (GString    *problems,
             const char *property,
             const char *constraint)
{
  if (problems->len > 0)
    g_string_append (problems, ", ");
  g_string_append_printf (problems, "%s property is wrong,%s ", property, constraint);
}

static void
reply_bad_request (CalbookSandboxRequest *req,
                   const char            *message)
{
  calbook_sandbox_reply_error (req, 400, message);
}

/* Public API */

/**
 * calbook_sandbox_slots_is_available:
 * @event_type: (nullable): what is to be booked, for its buffers
 * @ignored_uid: (nullable): a booking that does not count (the one moved)
 *
 * Whether @host can take [@start_ms, @end_ms): inside working hours, and,
 * each widened by its event type's buffers, overlapping no accepted or
 * pending booking.
 */
gboolean
calbook_sandbox_slots_is_available (CalbookSandboxDb              *db,
                                    const CalbookSandboxUser      *host,
                                    const CalbookSandboxEventType *event_type,
                                    gint64                         start_ms,
                                    gint64                         end_ms,
                                    const char                    *ignored_uid)
{
  sqlite3_stmt *stmt;
  gboolean busy;
  gint64 before_ms = event_type != NULL ? (gint64) event_type->before_buffer * MINUTE_MS : 0;
  gint64 after_ms = event_type != NULL ? (gint64) event_type->after_buffer * MINUTE_MS : 0;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (db), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);

  if (!within_working_hours (host, start_ms, end_ms))
    return FALSE;

  stmt = calbook_sandbox_db_prepare (db,
                                     "SELECT 1 FROM bookings b LEFT JOIN event_types t ON t.id = b.event_type_id"
                                     " WHERE b.organizer_id = ?1 AND b.status IN ('accepted', 'pending')"
                                     " AND b.start_ms - COALESCE (t.before_buffer, 0) * 60000 < ?2"
                                     " AND b.end_ms + COALESCE (t.after_buffer, 0) * 60000 > ?3"
                                     " AND b.uid != ?4"
                                     /* The same, bounded so that the index on (organizer_id,
                                      * start_ms) reads a few rows: no booking and no buffer
                                      * is longer than a day */
                                     " AND b.start_ms < ?2 + 86400000 AND b.start_ms > ?3 - 2 * 86400000 LIMIT 1");
  sqlite3_bind_int64 (stmt, 1, host->id);
  sqlite3_bind_int64 (stmt, 2, end_ms + after_ms);
  sqlite3_bind_int64 (stmt, 3, start_ms - before_ms);
  sqlite3_bind_text (stmt, 4, ignored_uid != NULL ? ignored_uid : "", -1, SQLITE_TRANSIENT);
  busy = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return !busy;
}

/**
 * calbook_sandbox_slots_in_bounds:
 *
 * Whether @start_ms respects @event_type's minimum booking notice and
 * booking window (calendar days from today, in UTC) as seen at @now_ms.
 */
gboolean
calbook_sandbox_slots_in_bounds (const CalbookSandboxEventType *event_type,
                                 gint64                         start_ms,
                                 gint64                         now_ms)
{
  g_return_val_if_fail (event_type != NULL, FALSE);

  if (start_ms < now_ms + (gint64) event_type->minimum_notice * MINUTE_MS)
    return FALSE;

  /* Fixed window: through the end of the last day of it */
  if (event_type->window_days > 0 &&
      start_ms >= (now_ms - now_ms % DAY_MS) + (gint64) (event_type->window_days + 1) * DAY_MS)
    return FALSE;

  return TRUE;
}

/* GET /v2/slots (2024-09-04): a map of local date → [{start}] in the
 * requested time zone. No auth needed. */
void
calbook_sandbox_slots_get (CalbookSandboxRequest *req)
{
  static const char * const base_keys[] = {
    "start", "end", "timeZone", "duration", "format", "bookingUidToReschedule", "rrHostSubsetIds", "type", NULL
  };
  static const char * const id_keys[] = { "eventTypeId", NULL };
  static const char * const user_keys[] = { "eventTypeSlug", "username", "organizationSlug", NULL };
  static const char * const team_keys[] = { "eventTypeSlug", "teamSlug", "organizationSlug", NULL };
  static const char * const usernames_keys[] = { "usernames", "organizationSlug", NULL };
  const char *event_type_param = calbook_sandbox_request_get_param (req, "eventTypeId");
  const char *start_param = calbook_sandbox_request_get_param (req, "start");
  const char *end_param = calbook_sandbox_request_get_param (req, "end");
  const char *tz_param = calbook_sandbox_request_get_param (req, "timeZone");
  const char *format = calbook_sandbox_request_get_param (req, "format");
  const char *duration_param = calbook_sandbox_request_get_param (req, "duration");
  const char *reschedule_uid = calbook_sandbox_request_get_param (req, "bookingUidToReschedule");
  const char *slug = calbook_sandbox_request_get_param (req, "eventTypeSlug");
  const char *username = calbook_sandbox_request_get_param (req, "username");
  const char *team = calbook_sandbox_request_get_param (req, "teamSlug");
  const char *usernames = calbook_sandbox_request_get_param (req, "usernames");
  const char * const *mode_keys;
  const CalbookSandboxEventType *et = NULL;
  const CalbookSandboxUser *host;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GTimeZone) out_tz = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) first_day = NULL;
  JsonObject *data;
  JsonNode *node;
  gint64 range_start = 0;
  gint64 range_end = 0;
  guint length;
  gboolean as_range = format != NULL && g_ascii_strcasecmp (format, "range") == 0;

  if (!calbook_sandbox_request_check_auth (req))
    return;

  /* GetSlotsInputPipe picks the input class by the keys present, then
   * refuses unknown ones and checks the class's own properties before
   * the shared ones */
  if (event_type_param != NULL)
    mode_keys = id_keys;
  else if (slug != NULL && username != NULL)
    mode_keys = user_keys;
  else if (slug != NULL && team != NULL)
    mode_keys = team_keys;
  else
    mode_keys = usernames_keys;

  for (guint i = 0; i + 1 < req->params->len; i += 2)
    {
      const char *name = g_ptr_array_index (req->params, i);

      if (!g_strv_contains (base_keys, name) && !g_strv_contains (mode_keys, name))
        {
          g_autofree char *constraint = g_strdup_printf ("property %s should not exist", name);

          add_problem (problems, name, constraint);
        }
    }
  if (mode_keys == id_keys && !parses_as_int (event_type_param))
    add_problem (problems, "eventTypeId", "eventTypeId must be a number conforming to the specified constraints");
  if (mode_keys == usernames_keys)
    {
      if (usernames == NULL)
        add_problem (problems, "usernames", "each value in usernames must be a string, " MSG_MIN_USERNAMES ", usernames must be an array");
      else if (strchr (usernames, ',') == NULL)
        add_problem (problems, "usernames", MSG_MIN_USERNAMES);
      if (calbook_sandbox_request_get_param (req, "organizationSlug") == NULL)
        add_problem (problems, "organizationSlug", "organizationSlug must be a string");
    }
  if (start_param == NULL || !calbook_sandbox_parse_time (start_param, &range_start))
    add_problem (problems, "start", "start must be a valid ISO 8601 date string");
  if (end_param == NULL || !calbook_sandbox_parse_time (end_param, &range_end))
    add_problem (problems, "end", "end must be a valid ISO 8601 date string");
  if (tz_param != NULL)
    {
      out_tz = g_time_zone_new_identifier (tz_param);
      if (out_tz == NULL)
        add_problem (problems, "timeZone", "timeZone must be a valid IANA time-zone");
    }
  if (duration_param != NULL && !parses_as_int (duration_param))
    add_problem (problems, "duration", "duration must be a number conforming to the specified constraints");
  if (format != NULL && *format != '\0' && g_ascii_strcasecmp (format, "range") != 0 && g_ascii_strcasecmp (format, "time") != 0)
    add_problem (problems, "format", "slotFormat must be either 'range' or 'time'");

  if (problems->len > 0)
    {
      calbook_sandbox_reply_error (req, 400, problems->str);
      return;
    }

  if (out_tz == NULL)
    out_tz = g_time_zone_new_utc ();

  /* A date-only end means the end of that day */
  if (calbook_sandbox_is_date_only (end_param))
    range_end += DAY_MS - 1000;

  if (mode_keys == id_keys)
    et = calbook_sandbox_db_find_event_type (req->db, g_ascii_strtoll (event_type_param, NULL, 10));
  else if (mode_keys == user_keys)
    {
      const CalbookSandboxUser *owner = calbook_sandbox_db_find_user_by_username (req->db, username);
      GPtrArray *event_types = calbook_sandbox_db_get_event_types (req->db);

      if (owner == NULL)
        {
          g_autofree char *message = g_strdup_printf ("User with username %s not found", username);

          calbook_sandbox_reply_error (req, 404, message);
          return;
        }
      for (guint i = 0; i < event_types->len; i++)
        {
          const CalbookSandboxEventType *candidate = g_ptr_array_index (event_types, i);

          if (candidate->owner_id == owner->id && g_str_equal (candidate->slug, slug))
            et = candidate;
        }
    }
  else if (mode_keys == team_keys)
    {
      g_autofree char *message = g_strdup_printf ("Team with slug %s not found", team);

      calbook_sandbox_reply_error (req, 404, message);
      return;
    }
  else
    {
      /* Dynamic group events are not modelled: known users, no slots */
      g_auto(GStrv) names = g_strsplit (usernames, ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_strstrip (names[i]);
          if (calbook_sandbox_db_find_user_by_username (req->db, names[i]) == NULL)
            {
              g_autofree char *message = g_strdup_printf ("User with username %s not found", names[i]);

              calbook_sandbox_reply_error (req, 404, message);
              return;
            }
        }

      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, json_object_new ());
      calbook_sandbox_reply_success (req, 200, node);
      return;
    }

  if (et == NULL)
    {
      calbook_sandbox_reply_error (req, 404, "Event Type not found");
      return;
    }

  length = et->length;
  if (duration_param != NULL)
    {
      guint64 duration = g_ascii_strtoull (duration_param, NULL, 10);

      if (duration >= 1 && duration <= 24 * 60)
        length = (guint) duration;
    }

  /* Stay clear of GDateTime's limits (years 1 to 9999) */
  if (range_start < 0 || range_end > G_GINT64_CONSTANT (253370764800000))
    {
      reply_bad_request (req, "start and end must lie between 1970 and 9000");
      return;
    }

  if (range_end < range_start)
    {
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, json_object_new ());
      calbook_sandbox_reply_success (req, 200, node);
      return;
    }

  if (range_end - range_start > MAX_RANGE_DAYS * DAY_MS)
    {
      reply_bad_request (req, "The slots range must be at most 62 days long");
      return;
    }

  host = calbook_sandbox_db_find_user_by_id (req->db, et->owner_id);
  tz = host_time_zone (host);
  data = json_object_new ();

  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (range_start / 1000 - DAY_MS / 1000);
    g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

    first_day = g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                                 g_date_time_get_day_of_month (local), 0, 0, 0);
  }

  /* Walk the host's local days (one extra each side for zone shifts) */
  for (int d = 0; d <= MAX_RANGE_DAYS + 2; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first_day, d);

      if (g_date_time_to_unix (day) * 1000 > range_end)
        break;

      for (int minutes = CALBOOK_SANDBOX_DAY_START_MINUTES;
           minutes + (int) length <= CALBOOK_SANDBOX_DAY_END_MINUTES;
           minutes += (int) et->length)
        {
          g_autoptr(GDateTime) slot = g_date_time_new (tz, g_date_time_get_year (day), g_date_time_get_month (day),
                                                       g_date_time_get_day_of_month (day), minutes / 60, minutes % 60, 0);
          g_autoptr(GDateTime) slot_out = NULL;
          g_autofree char *date_key = NULL;
          g_autofree char *start_text = NULL;
          gint64 start_ms = g_date_time_to_unix (slot) * 1000;
          gint64 end_ms = start_ms + (gint64) length * MINUTE_MS;
          JsonObject *item;
          JsonArray *slots;

          if (start_ms < range_start || start_ms > range_end || !calbook_sandbox_slots_in_bounds (et, start_ms, req->now_ms))
            continue;
          if (!calbook_sandbox_slots_is_available (req->db, host, et, start_ms, end_ms, reschedule_uid))
            continue;

          slot_out = g_date_time_to_timezone (slot, out_tz);
          date_key = g_date_time_format (slot_out, "%Y-%m-%d");
          slots = json_object_has_member (data, date_key) ? json_object_get_array_member (data, date_key) : NULL;
          if (slots == NULL)
            {
              slots = json_array_new ();
              json_object_set_array_member (data, date_key, slots);
            }

          item = json_object_new ();
          start_text = calbook_sandbox_format_zoned_time (start_ms, out_tz);
          json_object_set_string_member (item, "start", start_text);
          if (as_range)
            {
              g_autofree char *end_text = calbook_sandbox_format_zoned_time (end_ms, out_tz);

              json_object_set_string_member (item, "end", end_text);
            }
          json_array_add_object_element (slots, item);
        }
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, data);
  calbook_sandbox_reply_success (req, 200, node);
}

/* GET /v2/event-types (2024-06-14): with auth and no filter, the caller's
 * own event types; ?username= lists someone else's public ones. */
void
calbook_sandbox_slots_event_types (CalbookSandboxRequest *req)
{
  const char *username = calbook_sandbox_request_get_param (req, "username");
  const char *slug = calbook_sandbox_request_get_param (req, "eventSlug");
  const CalbookSandboxUser *owner = NULL;
  GPtrArray *event_types;
  JsonArray *data;
  JsonNode *node;

  if (!calbook_sandbox_request_check_auth (req))
    return;

  if (username != NULL)
    owner = calbook_sandbox_db_find_user_by_username (req->db, username);
  else if (req->user != NULL)
    owner = req->user;
  else
    {
      calbook_sandbox_reply_error (req, 400, "username is required when not authenticated");
      return;
    }

  event_types = calbook_sandbox_db_get_event_types (req->db);
  data = json_array_new ();
  for (guint i = 0; owner != NULL && i < event_types->len; i++)
    {
      const CalbookSandboxEventType *et = g_ptr_array_index (event_types, i);

      if (et->owner_id != owner->id || (slug != NULL && !g_str_equal (slug, et->slug)))
        continue;
      json_array_add_element (data, calbook_sandbox_event_type_to_json (req->db, et));
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, data);
  calbook_sandbox_reply_success (req, 200, node);
}
