/* calbook-sandbox-bookings-list.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "calbook-sandbox-bookings-list.h"
#include "calbook-sandbox-json.h"

#define MSG_INVALID_STATUS "Invalid status. Allowed are upcoming, recurring, past, cancelled, unconfirmed"

typedef struct
{
  gboolean  is_text;
  gint64    number;
  char     *text;
} Bind;

typedef struct
{
  GString   *where;
  GPtrArray *binds;
  JsonArray *errors;
} Query;

static const char *status_names[] = { "upcoming", "recurring", "past", "cancelled", "unconfirmed" };

/* Cal.com's buildStatusWhereClause, with ?1 bound to "now" in ms */
static const char *status_clauses[] = {
  "(b.end_ms >= ?1 AND ((b.recurring_event_id IS NOT NULL AND b.status = 'accepted')"
  " OR (b.recurring_event_id IS NULL AND b.status NOT IN ('cancelled', 'rejected'))))",
  "(b.end_ms >= ?1 AND b.recurring_event_id IS NOT NULL AND b.status NOT IN ('cancelled', 'rejected'))",
  "(b.end_ms <= ?1 AND b.status NOT IN ('cancelled', 'rejected'))",
  "(b.status IN ('cancelled', 'rejected'))",
  "(b.end_ms >= ?1 AND b.status = 'pending')",
};

/* Auxiliary methods */

static void
bind_free (gpointer data)
{
  Bind *bind = data;

  g_free (bind->text);
  g_free (bind);
}

static void
add_int (Query  *q,
         gint64  value)
{
  Bind *bind = g_new0 (Bind, 1);

  bind->number = value;
  g_ptr_array_add (q->binds, bind);
  g_string_append_printf (q->where, "?%u", q->binds->len + 1);
}

static void
add_text (Query      *q,
          const char *value)
{
  Bind *bind = g_new0 (Bind, 1);

  bind->is_text = TRUE;
  bind->text = g_strdup (value);
  g_ptr_array_add (q->binds, bind);
  g_string_append_printf (q->where, "?%u", q->binds->len + 1);
}

static void
add_error (Query      *q,
           const char *property,
           const char *constraint,
           const char *message)
{
  json_array_add_object_element (q->errors,
                                 calbook_sandbox_validation_error_new (property, constraint, message));
}

static void
bind_all (sqlite3_stmt *stmt,
          Query        *q,
          gint64        now_ms)
{
  sqlite3_bind_int64 (stmt, 1, now_ms);
  for (guint i = 0; i < q->binds->len; i++)
    {
      Bind *bind = g_ptr_array_index (q->binds, i);

      if (bind->is_text)
        sqlite3_bind_text (stmt, (int) i + 2, bind->text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, (int) i + 2, bind->number);
    }
}

/* JavaScript's Number(): "" is 0, junk is NaN. */
static gboolean
parse_js_number (const char *text,
                 double     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*copy == '\0')
    {
      *out = 0;
      return TRUE;
    }

  *out = g_ascii_strtod (copy, &end);
  /* Beyond 2^53 a JavaScript number is no longer an exact integer; such
   * values would only overflow our casts */
  if (isfinite (*out))
    *out = CLAMP (*out, -9007199254740991.0, 9007199254740991.0);
  return end != copy && *end == '\0' && isfinite (*out);
}

/* JavaScript's parseInt(): leading blanks, a sign, the longest run of
 * digits ("0x" for hexadecimal); FALSE for NaN. */
static gboolean
parse_js_int (const char *text,
              gint64     *out)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint64 value = 0;
  guint base = 10;
  guint digits = 0;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '+' || *p == '-')
    negative = *p++ == '-';
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && g_ascii_isxdigit (p[2]))
    {
      base = 16;
      p += 2;
    }

  for (; base == 16 ? g_ascii_isxdigit (*p) : g_ascii_isdigit (*p); p++, digits++)
    {
      /* Saturate: beyond 2^53 the number is out of any useful range */
      if (value < G_GUINT64_CONSTANT (9007199254740991))
        value = value * base + (guint64) g_ascii_xdigit_value (*p);
    }

  if (digits == 0)
    return FALSE;

  value = MIN (value, G_GUINT64_CONSTANT (9007199254740991));
  *out = negative ? -(gint64) value : (gint64) value;
  return TRUE;
}

/* take and skip: parseInt, then @IsNumber @Min @Max; the failed
 * constraints are listed in class-validator's order (max, min, isNumber). */
static gint64
parse_page_param (CalbookSandboxRequest *req,
                  Query                 *q,
                  const char            *name,
                  gint64                 fallback,
                  gint64                 low,
                  gint64                 high)
{
  const char *raw = calbook_sandbox_request_get_param (req, name);
  g_autoptr(JsonObject) constraints = NULL;
  gboolean parsed;
  gint64 value = 0;

  if (raw == NULL)
    return fallback;

  parsed = parse_js_int (raw, &value);
  constraints = json_object_new ();
  if (high > 0 && (!parsed || value > high))
    {
      g_autofree char *message = g_strdup_printf ("%s must not be greater than %" G_GINT64_FORMAT, name, high);

      json_object_set_string_member (constraints, "max", message);
    }
  if (!parsed || value < low)
    {
      g_autofree char *message = g_strdup_printf ("%s must not be less than %" G_GINT64_FORMAT, name, low);

      json_object_set_string_member (constraints, "min", message);
    }
  if (!parsed)
    {
      g_autofree char *message = g_strdup_printf ("%s must be a number conforming to the specified constraints", name);

      json_object_set_string_member (constraints, "isNumber", message);
    }

  if (json_object_get_size (constraints) > 0)
    {
      JsonObject *error = json_object_new ();

      json_object_set_string_member (error, "property", name);
      json_object_set_array_member (error, "children", json_array_new ());
      json_object_set_object_member (error, "constraints", g_steal_pointer (&constraints));
      json_array_add_object_element (q->errors, error);
      return fallback;
    }

  return value;
}

static GPtrArray *
collect_statuses (CalbookSandboxRequest *req)
{
  g_autoptr(GPtrArray) values = calbook_sandbox_request_get_params (req, "status");
  GPtrArray *statuses = g_ptr_array_new_with_free_func (g_free);

  if (values->len == 1)
    {
      /* One value is split on commas; repeated values are taken as they are */
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (values, 0), ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        g_ptr_array_add (statuses, g_strstrip (g_strdup (parts[i])));
    }
  else
    {
      for (guint i = 0; i < values->len; i++)
        g_ptr_array_add (statuses, g_strdup (g_ptr_array_index (values, i)));
    }

  return statuses;
}

static void
add_status_filter (CalbookSandboxRequest *req,
                   Query                 *q,
                   int                   *single_status)
{
  g_autoptr(GPtrArray) statuses = NULL;
  gboolean all_empty = TRUE;
  gboolean first = TRUE;

  *single_status = -1;
  if (calbook_sandbox_request_get_param (req, "status") == NULL)
    return;

  statuses = collect_statuses (req);
  for (guint i = 0; i < statuses->len; i++)
    if (*(char *) g_ptr_array_index (statuses, i) != '\0')
      all_empty = FALSE;

  if (all_empty)
    {
      add_error (q, "status", "arrayNotEmpty", "status cannot be empty.");
      return;
    }

  for (guint i = 0; i < statuses->len; i++)
    {
      gboolean known = FALSE;

      for (guint s = 0; s < G_N_ELEMENTS (status_names); s++)
        known |= g_str_equal (g_ptr_array_index (statuses, i), status_names[s]);

      if (!known)
        {
          add_error (q, "status", "isEnum", MSG_INVALID_STATUS);
          return;
        }
    }

  g_string_append (q->where, " AND (");
  for (guint i = 0; i < statuses->len; i++)
    {
      for (guint s = 0; s < G_N_ELEMENTS (status_names); s++)
        {
          if (!g_str_equal (g_ptr_array_index (statuses, i), status_names[s]))
            continue;

          g_string_append_printf (q->where, "%s%s", first ? "" : " OR ", status_clauses[s]);
          first = FALSE;
          *single_status = (statuses->len == 1) ? (int) s : -1;
        }
    }
  g_string_append (q->where, ")");
}

static void
add_date_filter (CalbookSandboxRequest *req,
                 Query                 *q,
                 const char            *name,
                 const char            *sql,
                 gboolean               is_after)
{
  const char *value = calbook_sandbox_request_get_param (req, name);
  gint64 ms;

  if (value == NULL)
    return;

  if (!calbook_sandbox_parse_time (value, &ms))
    {
      add_error (q, name, "isIso8601",
                 is_after ? "fromDate must be a valid ISO 8601 date." : "toDate must be a valid ISO 8601 date.");
      return;
    }

  g_string_append_printf (q->where, " AND %s ", sql);
  add_int (q, ms);
}

/* Returns: whether a (valid, non-empty) filter was added */
static gboolean
add_id_list_filter (CalbookSandboxRequest *req,
                    Query                 *q,
                    const char            *name,
                    const char            *sql)
{
  const char *value = calbook_sandbox_request_get_param (req, name);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) parts = NULL;

  if (value == NULL)
    return FALSE;

  parts = g_strsplit (value, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id;

      if (!parse_js_int (parts[i], &id))
        {
          g_autofree char *message = g_strdup_printf ("each value in %s must be a number conforming to the specified constraints", name);

          add_error (q, name, "isNumber", message);
          return FALSE;
        }
      g_array_append_val (ids, id);
    }

  g_string_append_printf (q->where, " AND %s IN (", sql);
  for (guint i = 0; i < ids->len; i++)
    {
      if (i > 0)
        g_string_append (q->where, ", ");
      add_int (q, g_array_index (ids, gint64, i));
    }
  g_string_append (q->where, ")");

  return TRUE;
}

/* @sql NULL: validate only (a list filter took precedence) */
static void
add_id_filter (CalbookSandboxRequest *req,
               Query                 *q,
               const char            *name,
               const char            *sql)
{
  const char *value = calbook_sandbox_request_get_param (req, name);
  double number;

  if (value == NULL)
    return;

  if (!parse_js_number (value, &number) || number != floor (number))
    {
      g_autofree char *message = g_strdup_printf ("%s must be an integer number", name);

      add_error (q, name, "isInt", message);
      return;
    }

  if (sql == NULL || number == 0)
    return;

  g_string_append_printf (q->where, " AND %s = ", sql);
  add_int (q, (gint64) number);
}

static const char *
parse_sort (CalbookSandboxRequest *req,
            Query                 *q,
            const char            *name,
            const char            *message)
{
  const char *value = calbook_sandbox_request_get_param (req, name);

  if (value == NULL)
    return NULL;

  if (g_str_equal (value, "asc"))
    return "ASC";
  if (g_str_equal (value, "desc"))
    return "DESC";

  add_error (q, name, "isEnum", message);
  return NULL;
}

static void
add_scope (CalbookSandboxRequest *req,
           Query                 *q,
           CalbookSandboxScope    scope,
           GArray                *user_ids)
{
  switch (scope)
    {
    case CALBOOK_SANDBOX_SCOPE_ORGANIZATION:
      /* Every organizer is a member of the one organization */
      break;

    case CALBOOK_SANDBOX_SCOPE_OWN:
      /* "b.id IN (…)" rather than a correlated EXISTS: SQLite then reads the
       * attendees once through attendees_email instead of once per booking,
       * which made a member's pages take hundreds of milliseconds */
      g_string_append (q->where, " AND (b.organizer_id = ");
      add_int (q, req->user->id);
      g_string_append (q->where, " OR b.id IN (SELECT a.booking_id FROM attendees a WHERE a.email = ");
      add_text (q, req->user->email);
      g_string_append (q->where, ")");
      /* A team's ADMIN/OWNER also sees what its members organize or attend */
      if (calbook_sandbox_db_is_team_admin (req->db, req->user->id, 0))
        {
          g_string_append (q->where,
                           " OR b.organizer_id IN (SELECT m.user_id FROM team_members m JOIN team_members t"
                           " ON t.team_id = m.team_id WHERE t.role IN ('ADMIN', 'OWNER') AND t.user_id = ");
          add_int (q, req->user->id);
          g_string_append (q->where,
                           ") OR b.id IN (SELECT a.booking_id FROM attendees a JOIN users u ON u.email = a.email"
                           " JOIN team_members m ON m.user_id = u.id JOIN team_members t ON t.team_id = m.team_id"
                           " WHERE t.role IN ('ADMIN', 'OWNER') AND t.user_id = ");
          add_int (q, req->user->id);
          g_string_append (q->where, ")");
        }
      g_string_append (q->where, ")");
      break;

    case CALBOOK_SANDBOX_SCOPE_USERS:
    default:
      g_string_append (q->where, " AND (b.organizer_id IN (");
      for (guint i = 0; i < user_ids->len; i++)
        {
          if (i > 0)
            g_string_append (q->where, ", ");
          add_int (q, g_array_index (user_ids, gint64, i));
        }
      g_string_append (q->where, ") OR b.id IN (SELECT a.booking_id FROM attendees a WHERE a.email IN (");
      for (guint i = 0; i < user_ids->len; i++)
        {
          const CalbookSandboxUser *user;

          user = calbook_sandbox_db_find_user_by_id (req->db, g_array_index (user_ids, gint64, i));
          if (i > 0)
            g_string_append (q->where, ", ");
          add_text (q, user != NULL ? user->email : "");
        }
      g_string_append (q->where, ")))");
      break;
    }
}

/* Every filter of the query string; @with_after_updated FALSE leaves
 * afterUpdatedAt out */
static void
add_filters (CalbookSandboxRequest *req,
             Query                 *q,
             int                   *single_status,
             gboolean               with_after_updated)
{
  GString *where = q->where;
  const char *value;

  add_status_filter (req, q, single_status);

  value = calbook_sandbox_request_get_param (req, "attendeeEmail");
  if (value != NULL && *value != '\0')
    {
      g_autofree char *stripped = g_strstrip (g_strdup (value));
      g_auto(GStrv) words = g_regex_split_simple ("\\s+", stripped, 0, 0);
      /* The input transform trims, and turns inner blanks into "+": an
       * unencoded "+" in the query arrives as a space */
      g_autofree char *trimmed = g_strjoinv ("+", words);

      g_string_append (where, " AND b.id IN (SELECT a.booking_id FROM attendees a WHERE a.email = ");
      add_text (q, trimmed);
      g_string_append (where, ")");
    }

  value = calbook_sandbox_request_get_param (req, "attendeeName");
  if (value != NULL && *value != '\0')
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));

      g_string_append (where, " AND b.id IN (SELECT a.booking_id FROM attendees a WHERE a.name = ");
      add_text (q, trimmed);
      g_string_append (where, ")");
    }

  value = calbook_sandbox_request_get_param (req, "bookingUid");
  if (value != NULL && *value != '\0')
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));

      g_string_append (where, " AND b.uid = ");
      add_text (q, trimmed);
    }

  /* BookingsService uses eventTypeIds || [eventTypeId], an id of 0 meaning none */
  if (!add_id_list_filter (req, q, "eventTypeIds", "b.event_type_id"))
    add_id_filter (req, q, "eventTypeId", "b.event_type_id");
  else
    add_id_filter (req, q, "eventTypeId", NULL);
  /* There are no team event types in the sandbox: a team filter matches nothing */
  if (!add_id_list_filter (req, q, "teamsIds", "-b.id"))
    add_id_filter (req, q, "teamId", "-b.id");
  else
    add_id_filter (req, q, "teamId", NULL);
  add_date_filter (req, q, "afterStart", "b.start_ms >=", TRUE);
  add_date_filter (req, q, "beforeEnd", "b.end_ms <=", FALSE);
  add_date_filter (req, q, "afterCreatedAt", "b.created_ms >=", TRUE);
  add_date_filter (req, q, "beforeCreatedAt", "b.created_ms <=", FALSE);
  if (with_after_updated)
    add_date_filter (req, q, "afterUpdatedAt", "b.updated_ms >=", TRUE);
  add_date_filter (req, q, "beforeUpdatedAt", "b.updated_ms <=", FALSE);
}


static JsonNode *
build_pagination (guint  returned,
                  gint64 total,
                  gint64 take,
                  gint64 skip)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *pagination = json_object_new ();
  gint64 total_pages = (total + take - 1) / take;

  json_object_set_int_member (pagination, "returnedItems", returned);
  json_object_set_int_member (pagination, "totalItems", total);
  json_object_set_int_member (pagination, "itemsPerPage", take);
  json_object_set_int_member (pagination, "remainingItems", MAX (0, total - (skip + take)));
  json_object_set_int_member (pagination, "currentPage", total_pages == 0 ? 0 : skip / take + 1);
  json_object_set_int_member (pagination, "totalPages", total_pages);
  json_object_set_boolean_member (pagination, "hasNextPage", skip + take < total);
  json_object_set_boolean_member (pagination, "hasPreviousPage", skip > 0);
  json_node_take_object (node, pagination);

  return node;
}

/* Public API */

/**
 * calbook_sandbox_bookings_list:
 * @scope: whose bookings
 * @user_ids: (element-type gint64) (nullable): for %CALBOOK_SANDBOX_SCOPE_USERS
 *
 * Answers GET /v2/bookings (and the organization variant) with
 * GetBookingsInput_2024_08_13 validation, filters, sorting and pagination.
 */
void
calbook_sandbox_bookings_list (CalbookSandboxRequest *req,
                               CalbookSandboxScope    scope,
                               GArray                *user_ids)
{
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (bind_free);
  g_autoptr(GString) where = g_string_new ("1 = 1");
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(GPtrArray) count_binds = g_ptr_array_new_with_free_func (bind_free);
  g_autoptr(GString) count_where = g_string_new ("1 = 1");
  g_autoptr(JsonArray) count_errors = json_array_new ();
  g_autofree char *tie_order = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *page_sql = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *sort_start, *sort_end, *sort_created, *sort_updated;
  const char *order = "b.start_ms ASC";
  JsonArray *data;
  JsonObject *object;
  sqlite3_stmt *stmt;
  Query q = { where, binds, errors };
  Query count_q = { count_where, count_binds, count_errors };
  int single_status;
  gint64 take;
  gint64 skip;
  gint64 total = 0;

  add_filters (req, &q, &single_status, TRUE);
  /* Cal.com counts without afterUpdatedAt: totalItems stays the size of
   * the whole set while keyset pages narrow it */
  add_filters (req, &count_q, &single_status, FALSE);

  sort_start = parse_sort (req, &q, "sortStart", "SortStart must be either \"asc\" or \"desc\".");
  sort_end = parse_sort (req, &q, "sortEnd", "SortEnd must be either \"asc\" or \"desc\".");
  sort_created = parse_sort (req, &q, "sortCreated", "SortCreated must be either \"asc\" or \"desc\".");
  /* Cal.com reuses the SortCreated text here */
  sort_updated = parse_sort (req, &q, "sortUpdatedAt", "SortCreated must be either \"asc\" or \"desc\".");

  take = parse_page_param (req, &q, "take", 100, 1, 250);
  skip = parse_page_param (req, &q, "skip", 0, 0, 0);

  if (json_array_get_length (errors) > 0)
    {
      calbook_sandbox_reply_validation (req, errors);
      return;
    }

  add_scope (req, &q, scope, user_ids);
  add_scope (req, &count_q, scope, user_ids);

  if (sort_start != NULL)
    order = g_str_equal (sort_start, "ASC") ? "b.start_ms ASC" : "b.start_ms DESC";
  else if (sort_end != NULL)
    order = g_str_equal (sort_end, "ASC") ? "b.end_ms ASC" : "b.end_ms DESC";
  else if (sort_created != NULL)
    order = g_str_equal (sort_created, "ASC") ? "b.created_ms ASC" : "b.created_ms DESC";
  else if (sort_updated != NULL)
    /* PostgreSQL's NULLS LAST ascending, NULLS FIRST descending: a
     * booking without updatedAt comes last in an ascending walk */
    order = g_str_equal (sort_updated, "ASC") ? "(b.updated_ms IS NULL) ASC, b.updated_ms ASC"
                                              : "(b.updated_ms IS NULL) DESC, b.updated_ms DESC";
  else if (single_status == 2 || single_status == 3)
    order = "b.start_ms DESC";   /* past and cancelled: newest first */

  /* Cal.com orders by the sort key alone: rows that tie come back in
   * whatever order PostgreSQL picks, which may change between requests.
   * With a tie salt the sandbox does the same, reproducibly. */
  if (req->tie_salt != 0)
    tie_order = g_strdup_printf ("((b.id * %u) %% 2147483647) ASC, b.id ASC", req->tie_salt);
  else
    tie_order = g_strdup ("b.id ASC");

  count_sql = g_strdup_printf ("SELECT COUNT(*) FROM bookings b WHERE %s", count_where->str);
  /* The filters vary per request: these statements are not cached */
  if (sqlite3_prepare_v2 (calbook_sandbox_db_get_handle (req->db), count_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_critical ("Could not prepare %s", count_sql);
      calbook_sandbox_reply_error (req, 500, "Internal server error");
      return;
    }
  bind_all (stmt, &count_q, req->now_ms);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  /* Pick the page's ids first and only then read their rows: sorting and
   * skipping whole rows (descriptions, metadata, responses) cost far more
   * than the rows of one page. The order is total (b.id breaks ties), so
   * the outer ORDER BY gives the inner one's order back. */
  page_sql = g_strdup_printf ("SELECT " CALBOOK_SANDBOX_BOOKING_COLUMNS " FROM"
                              " (SELECT b.id AS page_id FROM bookings b WHERE %s"
                              " ORDER BY %s, %s LIMIT %" G_GINT64_FORMAT " OFFSET %" G_GINT64_FORMAT ")"
                              " JOIN bookings b ON b.id = page_id ORDER BY %s, %s",
                              where->str, order, tie_order, take, skip, order, tie_order);
  data = json_array_new ();
  if (sqlite3_prepare_v2 (calbook_sandbox_db_get_handle (req->db), page_sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      bind_all (stmt, &q, req->now_ms);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        json_array_add_element (data, calbook_sandbox_booking_to_json (req->db, stmt));
      sqlite3_finalize (stmt);
    }

  root = json_node_new (JSON_NODE_OBJECT);
  object = json_object_new ();
  json_object_set_string_member (object, "status", "success");
  json_object_set_array_member (object, "data", data);
  json_object_set_member (object, "pagination",
                          build_pagination (json_array_get_length (data), total, take, skip));
  json_node_take_object (root, object);

  calbook_sandbox_reply_json (req, 200, root);
}

/* Without cal-api-version, Cal.com serves the 2024-04-15 controller: a
 * different shape (the trap of PR cal#25023), reproduced in brief here. */
void
calbook_sandbox_bookings_list_legacy (CalbookSandboxRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  sqlite3_stmt *stmt;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "bookings");
  json_builder_begin_array (builder);

  stmt = calbook_sandbox_db_prepare (req->db,
                                     "SELECT b.id, b.uid, b.title, b.description, b.start_ms, b.end_ms, b.status,"
                                     " b.event_type_id, b.organizer_id FROM bookings b"
                                     " WHERE b.organizer_id = ?1 OR EXISTS (SELECT 1 FROM attendees a"
                                     " WHERE a.booking_id = b.id AND a.email = ?2)"
                                     " ORDER BY b.start_ms ASC, b.id ASC LIMIT 10");
  sqlite3_bind_int64 (stmt, 1, req->user->id);
  sqlite3_bind_text (stmt, 2, req->user->email, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *start = calbook_sandbox_format_time (sqlite3_column_int64 (stmt, 4));
      g_autofree char *end = calbook_sandbox_format_time (sqlite3_column_int64 (stmt, 5));
      g_autofree char *status = g_ascii_strup ((const char *) sqlite3_column_text (stmt, 6), -1);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
      json_builder_set_member_name (builder, "uid");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 1));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 2));
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 3));
      json_builder_set_member_name (builder, "startTime");
      json_builder_add_string_value (builder, start);
      json_builder_set_member_name (builder, "endTime");
      json_builder_add_string_value (builder, end);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, status);
      json_builder_set_member_name (builder, "eventTypeId");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 7));
      json_builder_set_member_name (builder, "userId");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 8));
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);

  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "recurringInfo");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "nextCursor");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  calbook_sandbox_reply_success (req, 200, json_builder_get_root (builder));
}
