/* calbook-sandbox-slots.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-sandbox-json.h"
#include "calbook-sandbox-slots.h"

#define MINUTE_MS ((gint64) 60 * 1000)
#define DAY_MS ((gint64) 24 * 3600 * 1000)
/* Cal.com refuses slot ranges much longer than this; it also keeps us fast */
#define MAX_RANGE_DAYS 62

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

static void
reply_bad_request (CalbookSandboxRequest *req,
                   const char            *message)
{
  calbook_sandbox_reply_error (req, 400, message);
}

/* Public API */

/**
 * calbook_sandbox_slots_is_available:
 * @ignored_uid: (nullable): a booking whose own time counts as free
 *   (the one being rescheduled)
 *
 * Whether @host can take [@start_ms, @end_ms): inside working hours and
 * overlapping no accepted or pending booking.
 */
gboolean
calbook_sandbox_slots_is_available (CalbookSandboxDb         *db,
                                    const CalbookSandboxUser *host,
                                    gint64                    start_ms,
                                    gint64                    end_ms,
                                    const char               *ignored_uid)
{
  sqlite3_stmt *stmt;
  gboolean busy;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (db), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);

  if (!within_working_hours (host, start_ms, end_ms))
    return FALSE;

  stmt = calbook_sandbox_db_prepare (db,
                                     "SELECT 1 FROM bookings WHERE organizer_id = ? AND status IN ('accepted', 'pending')"
                                     " AND start_ms < ? AND end_ms > ? AND uid != ? LIMIT 1");
  sqlite3_bind_int64 (stmt, 1, host->id);
  sqlite3_bind_int64 (stmt, 2, end_ms);
  sqlite3_bind_int64 (stmt, 3, start_ms);
  sqlite3_bind_text (stmt, 4, ignored_uid != NULL ? ignored_uid : "", -1, SQLITE_TRANSIENT);
  busy = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return !busy;
}

/* GET /v2/slots (2024-09-04): a map of local date → [{start}] in the
 * requested time zone. No auth needed. */
void
calbook_sandbox_slots_get (CalbookSandboxRequest *req)
{
  const char *event_type_param = calbook_sandbox_request_get_param (req, "eventTypeId");
  const char *start_param = calbook_sandbox_request_get_param (req, "start");
  const char *end_param = calbook_sandbox_request_get_param (req, "end");
  const char *tz_param = calbook_sandbox_request_get_param (req, "timeZone");
  const char *format = calbook_sandbox_request_get_param (req, "format");
  const char *duration_param = calbook_sandbox_request_get_param (req, "duration");
  const char *reschedule_uid = calbook_sandbox_request_get_param (req, "bookingUidToReschedule");
  const CalbookSandboxEventType *et = NULL;
  const CalbookSandboxUser *host;
  g_autoptr(GTimeZone) out_tz = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) first_day = NULL;
  JsonObject *data;
  JsonNode *node;
  gint64 range_start;
  gint64 range_end;
  guint length;
  gboolean as_range = g_strcmp0 (format, "range") == 0;

  if (!calbook_sandbox_request_check_auth (req))
    return;

  if (start_param == NULL || !calbook_sandbox_parse_time (start_param, &range_start))
    {
      reply_bad_request (req, "start property is wrong,start must be a valid ISO 8601 date string ");
      return;
    }
  if (end_param == NULL || !calbook_sandbox_parse_time (end_param, &range_end))
    {
      reply_bad_request (req, "end property is wrong,end must be a valid ISO 8601 date string ");
      return;
    }
  /* A date-only end means the end of that day */
  if (calbook_sandbox_is_date_only (end_param))
    range_end += DAY_MS - 1000;

  if (event_type_param != NULL)
    et = calbook_sandbox_db_find_event_type (req->db, g_ascii_strtoll (event_type_param, NULL, 10));
  else
    {
      const char *slug = calbook_sandbox_request_get_param (req, "eventTypeSlug");
      const char *username = calbook_sandbox_request_get_param (req, "username");
      const CalbookSandboxUser *owner = username != NULL ? calbook_sandbox_db_find_user_by_username (req->db, username) : NULL;
      GPtrArray *event_types = calbook_sandbox_db_get_event_types (req->db);

      if (slug == NULL || username == NULL)
        {
          reply_bad_request (req, "Either eventTypeId or eventTypeSlug + username or eventTypeSlug + teamSlug must be provided");
          return;
        }
      for (guint i = 0; owner != NULL && i < event_types->len; i++)
        {
          const CalbookSandboxEventType *candidate = g_ptr_array_index (event_types, i);

          if (candidate->owner_id == owner->id && g_str_equal (candidate->slug, slug))
            et = candidate;
        }
    }

  if (et == NULL)
    {
      calbook_sandbox_reply_error (req, 404, "Event Type not found");
      return;
    }

  if (tz_param != NULL)
    {
      out_tz = g_time_zone_new_identifier (tz_param);
      if (out_tz == NULL)
        {
          reply_bad_request (req, "timeZone property is wrong,timeZone must be a valid IANA time zone ");
          return;
        }
    }
  else
    out_tz = g_time_zone_new_utc ();

  length = et->length;
  if (duration_param != NULL)
    {
      guint64 duration = 0;

      if (g_ascii_string_to_unsigned (duration_param, 10, 1, 24 * 60, &duration, NULL))
        length = (guint) duration;
    }

  if (range_end < range_start || range_end - range_start > MAX_RANGE_DAYS * DAY_MS)
    {
      reply_bad_request (req, "The slots range must be positive and at most 62 days long");
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

          if (start_ms < range_start || start_ms > range_end || start_ms < req->now_ms)
            continue;
          if (!calbook_sandbox_slots_is_available (req->db, host, start_ms, end_ms, reschedule_uid))
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
