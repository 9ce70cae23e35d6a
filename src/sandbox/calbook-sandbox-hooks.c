/* calbook-sandbox-hooks.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-sandbox-hooks.h"
#include "calbook-sandbox-json.h"

/* Auxiliary methods */

static CalbookSandboxBookingRow *
lookup_or_404 (CalbookSandboxRequest *req,
               const char            *uid)
{
  CalbookSandboxBookingRow *row = calbook_sandbox_booking_row_lookup (req->db, uid);

  if (row == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Booking with uid=%s was not found in the database", uid);

      calbook_sandbox_reply_error (req, 404, message);
    }

  return row;
}

/* A change made on the server moves updatedAt, unless the body says
 * {"touch": false} (to reproduce changes Cal.com does not stamp) */
static gboolean
wants_touch (JsonObject *body)
{
  JsonNode *node;

  if (!json_object_has_member (body, "touch"))
    return TRUE;

  node = json_object_get_member (body, "touch");
  return !(JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
           !json_node_get_boolean (node));
}

static void
touch_booking (CalbookSandboxRequest *req,
               gint64                 booking_id)
{
  sqlite3_stmt *stmt = calbook_sandbox_db_prepare (req->db, "UPDATE bookings SET updated_ms = ?1 WHERE id = ?2");

  sqlite3_bind_int64 (stmt, 1, calbook_sandbox_db_next_stamp (req->db, req->now_ms));
  sqlite3_bind_int64 (stmt, 2, booking_id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
}

static void
reply_booking (CalbookSandboxRequest *req,
               const char            *uid)
{
  JsonNode *node = calbook_sandbox_booking_lookup_json (req->db, uid);

  if (node == NULL)
    calbook_sandbox_reply_error (req, 500, "Internal server error");
  else
    calbook_sandbox_reply_success (req, 200, node);
}

static gboolean
is_role (const char *role)
{
  return role != NULL && (g_str_equal (role, "MEMBER") || g_str_equal (role, "ADMIN") || g_str_equal (role, "OWNER"));
}

/* Public API */

/* DELETE /_sandbox/bookings/{uid}: the booking and its attendees are gone,
 * as after a deletion in the database; nothing is stamped. */
void
calbook_sandbox_hooks_delete_booking (CalbookSandboxRequest *req,
                                      const char            *uid)
{
  g_autoptr(CalbookSandboxBookingRow) row = lookup_or_404 (req, uid);
  JsonNode *node;
  JsonObject *data;
  sqlite3_stmt *stmt;

  if (row == NULL)
    return;

  calbook_sandbox_db_begin (req->db);
  stmt = calbook_sandbox_db_prepare (req->db, "DELETE FROM attendees WHERE booking_id = ?");
  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  stmt = calbook_sandbox_db_prepare (req->db, "DELETE FROM bookings WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  calbook_sandbox_db_commit (req->db);

  data = json_object_new ();
  json_object_set_string_member (data, "uid", uid);
  json_object_set_boolean_member (data, "deleted", TRUE);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, data);
  calbook_sandbox_reply_success (req, 200, node);
}

/* POST /_sandbox/bookings/{uid}/organizer {"userId": N | null, "touch"?}:
 * hands the booking to another member, or (null or 0) to no user at all,
 * as when its organizer's account was deleted. */
void
calbook_sandbox_hooks_set_organizer (CalbookSandboxRequest *req,
                                     const char            *uid)
{
  g_autoptr(CalbookSandboxBookingRow) row = lookup_or_404 (req, uid);
  g_autoptr(JsonObject) body = NULL;
  sqlite3_stmt *stmt;
  JsonNode *node;
  gint64 user_id = 0;

  if (row == NULL)
    return;

  body = calbook_sandbox_request_parse_body (req);
  if (body == NULL)
    return;

  node = json_object_has_member (body, "userId") ? json_object_get_member (body, "userId") : NULL;
  if (node == NULL || (!JSON_NODE_HOLDS_NULL (node) && json_node_get_value_type (node) != G_TYPE_INT64))
    {
      calbook_sandbox_reply_error (req, 400, "userId must be a user id or null");
      return;
    }
  if (!JSON_NODE_HOLDS_NULL (node))
    user_id = json_node_get_int (node);
  if (user_id != 0 && calbook_sandbox_db_find_user_by_id (req->db, user_id) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("User with id=%" G_GINT64_FORMAT " not found", user_id);

      calbook_sandbox_reply_error (req, 404, message);
      return;
    }

  stmt = calbook_sandbox_db_prepare (req->db, "UPDATE bookings SET organizer_id = ?1 WHERE id = ?2");
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, row->id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (wants_touch (body))
    touch_booking (req, row->id);

  reply_booking (req, uid);
}

/* DELETE /_sandbox/bookings/{uid}/attendees/{email}[?touch=false] */
void
calbook_sandbox_hooks_remove_attendee (CalbookSandboxRequest *req,
                                       const char            *uid,
                                       const char            *email)
{
  g_autoptr(CalbookSandboxBookingRow) row = lookup_or_404 (req, uid);
  sqlite3_stmt *stmt;
  int removed;

  if (row == NULL)
    return;

  stmt = calbook_sandbox_db_prepare (req->db, "DELETE FROM attendees WHERE booking_id = ?1 AND email = ?2");
  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_bind_text (stmt, 2, email, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  removed = sqlite3_changes (calbook_sandbox_db_get_handle (req->db));
  if (removed == 0)
    {
      g_autofree char *message = g_strdup_printf ("Booking %s has no attendee %s", uid, email);

      calbook_sandbox_reply_error (req, 404, message);
      return;
    }

  if (g_strcmp0 (calbook_sandbox_request_get_param (req, "touch"), "false") != 0)
    touch_booking (req, row->id);

  reply_booking (req, uid);
}

/* Binds one member of the hook's body to ?1 of @sql on the booking; FALSE
 * (after answering 400) when the value has the wrong type. */
static gboolean
patch_column (CalbookSandboxRequest *req,
              gint64                 booking_id,
              JsonObject            *body,
              const char            *member,
              const char            *sql)
{
  JsonNode *node = json_object_get_member (body, member);
  sqlite3_stmt *stmt = calbook_sandbox_db_prepare (req->db, sql);
  gboolean ok = TRUE;
  gint64 ms = 0;

  if (JSON_NODE_HOLDS_NULL (node))
    sqlite3_bind_null (stmt, 1);
  else if (g_str_equal (member, "updatedAt"))
    {
      ok = json_node_get_value_type (node) == G_TYPE_STRING &&
           calbook_sandbox_parse_time (json_node_get_string (node), &ms);
      sqlite3_bind_int64 (stmt, 1, ms);
    }
  else if (g_str_equal (member, "rating"))
    {
      ok = JSON_NODE_HOLDS_VALUE (node) &&
           (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
      sqlite3_bind_double (stmt, 1, ok ? json_node_get_double (node) : 0);
    }
  else if (!g_str_equal (member, "metadata"))
    {
      /* Stored text, as if Cal.com had been given it: hostile text for
       * clients to show safely */
      ok = json_node_get_value_type (node) == G_TYPE_STRING;
      sqlite3_bind_text (stmt, 1, ok ? json_node_get_string (node) : "", -1, SQLITE_TRANSIENT);
    }
  else
    {
      g_autofree char *text = json_to_string (node, FALSE);

      /* Kept as the body sent it, as far as json-glib can say it again */
      calbook_sandbox_json_fix_numbers (text);
      ok = JSON_NODE_HOLDS_OBJECT (node);
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, 2, booking_id);

  if (!ok)
    {
      g_autofree char *message = g_strdup_printf ("%s has the wrong type", member);

      sqlite3_reset (stmt);
      calbook_sandbox_reply_error (req, 400, message);
      return FALSE;
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_autofree char *message = g_strdup_printf ("Could not set %s: %s", member,
                                                  sqlite3_errmsg (calbook_sandbox_db_get_handle (req->db)));

      sqlite3_reset (stmt);
      calbook_sandbox_reply_error (req, 400, message);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/* PATCH /_sandbox/bookings/{uid} {"updatedAt"?: ISO|null, "rating"?: number|null,
 * "metadata"?: object, "title"?, "description"?, "location"?, "attendeeName"?:
 * text, "raw"?: {member: any JSON | null}, "unreadable"?: bool}:
 * sets the fields exactly as given, stamping nothing, to build ties, the
 * null stamps of old rows and unusual values; "raw" members replace the
 * output's as they are (null: no longer), "unreadable" makes "end" a text
 * that is no date. */
void
calbook_sandbox_hooks_patch_booking (CalbookSandboxRequest *req,
                                     const char            *uid)
{
  static const struct { const char *member; const char *sql; } columns[] = {
    { "updatedAt", "UPDATE bookings SET updated_ms = ?1 WHERE id = ?2" },
    { "rating", "UPDATE bookings SET rating = ?1 WHERE id = ?2" },
    { "metadata", "UPDATE bookings SET metadata = ?1 WHERE id = ?2" },
    { "title", "UPDATE bookings SET title = ?1 WHERE id = ?2" },
    { "description", "UPDATE bookings SET description = ?1 WHERE id = ?2" },
    { "location", "UPDATE bookings SET location = ?1 WHERE id = ?2" },
    /* The attendee who booked (the first, not a guest) */
    { "attendeeName", "UPDATE attendees SET name = ?1 WHERE id = (SELECT MIN(id) FROM attendees"
                      " WHERE booking_id = ?2 AND is_guest = 0)" },
  };
  g_autoptr(CalbookSandboxBookingRow) row = lookup_or_404 (req, uid);
  g_autoptr(JsonObject) body = NULL;

  if (row == NULL)
    return;

  body = calbook_sandbox_request_parse_body (req);
  if (body == NULL)
    return;

  if ((json_object_has_member (body, "raw") && !JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "raw"))) ||
      (json_object_has_member (body, "unreadable") &&
       json_node_get_value_type (json_object_get_member (body, "unreadable")) != G_TYPE_BOOLEAN))
    {
      calbook_sandbox_reply_error (req, 400, "raw must be an object, unreadable a boolean");
      return;
    }

  calbook_sandbox_db_begin (req->db);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (json_object_has_member (body, columns[i].member) &&
          !patch_column (req, row->id, body, columns[i].member, columns[i].sql))
        {
          calbook_sandbox_db_rollback (req->db);
          return;
        }
    }
  calbook_sandbox_db_commit (req->db);

  if (json_object_has_member (body, "raw"))
    calbook_sandbox_db_set_raw_members (req->db, row->id, json_object_get_object_member (body, "raw"));
  if (json_object_has_member (body, "unreadable"))
    {
      g_autoptr(JsonObject) end = json_object_new ();

      /* A structure any client reads, a value no client accepts */
      if (json_object_get_boolean_member (body, "unreadable"))
        json_object_set_string_member (end, "end", "not a date");
      else
        json_object_set_null_member (end, "end");
      calbook_sandbox_db_set_raw_members (req->db, row->id, end);
    }

  reply_booking (req, uid);
}

/* PATCH /_sandbox/memberships/{userId} {"role": "MEMBER"|"ADMIN"|"OWNER"} */
void
calbook_sandbox_hooks_set_role (CalbookSandboxRequest *req,
                                const char            *user_id)
{
  g_autoptr(JsonObject) body = calbook_sandbox_request_parse_body (req);
  const CalbookSandboxUser *user;
  const char *role = NULL;
  gint64 id;

  if (body == NULL)
    return;

  id = g_ascii_strtoll (user_id, NULL, 10);
  user = calbook_sandbox_db_find_user_by_id (req->db, id);
  if (user == NULL)
    {
      g_autofree char *message = g_strdup_printf ("User with id=%s not found", user_id);

      calbook_sandbox_reply_error (req, 404, message);
      return;
    }

  if (json_object_has_member (body, "role") &&
      json_node_get_value_type (json_object_get_member (body, "role")) == G_TYPE_STRING)
    role = json_object_get_string_member (body, "role");
  if (!is_role (role))
    {
      calbook_sandbox_reply_error (req, 400, "role must be one of the following values: MEMBER, ADMIN, OWNER");
      return;
    }

  calbook_sandbox_db_set_user_role (req->db, id, role);

  {
    JsonNode *node = json_node_new (JSON_NODE_OBJECT);
    JsonObject *data = json_object_new ();

    json_object_set_int_member (data, "userId", id);
    json_object_set_string_member (data, "role", role);
    json_node_take_object (node, data);
    calbook_sandbox_reply_success (req, 200, node);
  }
}

/* PUT /_sandbox/teams/{id} {"name": TEXT, "members": [{"userId": N,
 * "role": "MEMBER"|"ADMIN"|"OWNER"}]}: a team inside the organization. Its
 * ADMINs and OWNERs see and may act on its members' bookings. */
void
calbook_sandbox_hooks_set_team (CalbookSandboxRequest *req,
                                const char            *team_id)
{
  g_autoptr(JsonObject) body = calbook_sandbox_request_parse_body (req);
  g_autoptr(GArray) user_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) roles = g_ptr_array_new ();
  const char *name = NULL;
  JsonArray *members = NULL;
  JsonNode *node;
  gint64 id;

  if (body == NULL)
    return;

  id = g_ascii_strtoll (team_id, NULL, 10);
  if (json_object_has_member (body, "name") &&
      json_node_get_value_type (json_object_get_member (body, "name")) == G_TYPE_STRING)
    name = json_object_get_string_member (body, "name");
  if (json_object_has_member (body, "members") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "members")))
    members = json_object_get_array_member (body, "members");
  if (id <= 0 || name == NULL || members == NULL)
    {
      calbook_sandbox_reply_error (req, 400, "A team needs a positive id, a name and members [{userId, role}]");
      return;
    }

  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonNode *element = json_array_get_element (members, i);
      JsonObject *member = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *role = NULL;
      gint64 user_id = 0;

      if (member != NULL && json_object_has_member (member, "userId") &&
          json_node_get_value_type (json_object_get_member (member, "userId")) == G_TYPE_INT64)
        user_id = json_object_get_int_member (member, "userId");
      if (member != NULL && json_object_has_member (member, "role") &&
          json_node_get_value_type (json_object_get_member (member, "role")) == G_TYPE_STRING)
        role = json_object_get_string_member (member, "role");
      if (calbook_sandbox_db_find_user_by_id (req->db, user_id) == NULL || !is_role (role))
        {
          calbook_sandbox_reply_error (req, 400, "Each member needs the userId of an organization member and a role"
                                                 " (MEMBER, ADMIN or OWNER)");
          return;
        }
      g_array_append_val (user_ids, user_id);
      g_ptr_array_add (roles, (gpointer) role);
    }

  calbook_sandbox_db_set_team (req->db, id, name, user_ids, roles);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, json_object_ref (body));
  json_object_set_int_member (json_node_get_object (node), "id", id);
  calbook_sandbox_reply_success (req, 200, node);
}

/* DELETE /_sandbox/teams/{id} */
void
calbook_sandbox_hooks_delete_team (CalbookSandboxRequest *req,
                                   const char            *team_id)
{
  if (!calbook_sandbox_db_delete_team (req->db, g_ascii_strtoll (team_id, NULL, 10)))
    {
      g_autofree char *message = g_strdup_printf ("Team with id=%s not found", team_id);

      calbook_sandbox_reply_error (req, 404, message);
      return;
    }

  soup_server_message_set_status (req->msg, 204, NULL);
}

/* PATCH /_sandbox/event-types/{id} {"minimumBookingNotice"?, "beforeEventBuffer"?,
 * "afterEventBuffer"?, "bookingWindowDays"?, "seatsPerTimeSlot"?,
 * "requiresConfirmation"?}: minutes, calendar days (0 = no window), seats
 * (0 = not seated) and a boolean; what is left out stays */
void
calbook_sandbox_hooks_patch_event_type (CalbookSandboxRequest *req,
                                        const char            *event_type_id)
{
  static const struct { const char *member; gsize offset; guint max; } numbers[] = {
    { "minimumBookingNotice", G_STRUCT_OFFSET (CalbookSandboxEventType, minimum_notice), 525600 },
    /* A buffer of a day at most: the availability query relies on it */
    { "beforeEventBuffer", G_STRUCT_OFFSET (CalbookSandboxEventType, before_buffer), 1440 },
    { "afterEventBuffer", G_STRUCT_OFFSET (CalbookSandboxEventType, after_buffer), 1440 },
    { "bookingWindowDays", G_STRUCT_OFFSET (CalbookSandboxEventType, window_days), 525600 },
    { "seatsPerTimeSlot", G_STRUCT_OFFSET (CalbookSandboxEventType, seats_per_time_slot), 1000 },
  };
  g_autoptr(JsonObject) body = NULL;
  const CalbookSandboxEventType *et;
  CalbookSandboxEventType changed;

  et = calbook_sandbox_db_find_event_type (req->db, g_ascii_strtoll (event_type_id, NULL, 10));
  if (et == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Event type with id %s not found.", event_type_id);

      calbook_sandbox_reply_error (req, 404, message);
      return;
    }

  body = calbook_sandbox_request_parse_body (req);
  if (body == NULL)
    return;

  /* A shallow copy: only its plain fields are changed and read back */
  changed = *et;
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      JsonNode *node;

      if (!json_object_has_member (body, numbers[i].member))
        continue;
      node = json_object_get_member (body, numbers[i].member);
      if (json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0 ||
          json_node_get_int (node) > numbers[i].max)
        {
          g_autofree char *message = g_strdup_printf ("%s must be a whole number from 0 to %u",
                                                      numbers[i].member, numbers[i].max);

          calbook_sandbox_reply_error (req, 400, message);
          return;
        }
      G_STRUCT_MEMBER (guint, &changed, numbers[i].offset) = (guint) json_node_get_int (node);
    }
  if (json_object_has_member (body, "requiresConfirmation"))
    {
      JsonNode *node = json_object_get_member (body, "requiresConfirmation");

      if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          calbook_sandbox_reply_error (req, 400, "requiresConfirmation must be a boolean");
          return;
        }
      changed.requires_confirmation = json_node_get_boolean (node);
    }

  calbook_sandbox_db_update_event_type (req->db, &changed);
  calbook_sandbox_reply_success (req, 200, calbook_sandbox_event_type_to_json (req->db, et));
}
