/* calbook-insights.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-insights"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "calbook-error.h"
#include "calbook-insights.h"
#include "calbook-store-private.h"

/*
 * SQL does the counting; C only folds the counts into the viewer's weeks
 * and hours. SQL cannot do that part: whether 09:00 UTC is 10:00 or 11:00
 * in Berlin depends on the date. Counts come per quarter of an hour of UTC
 * (every zone's offset is a whole number of quarters), so each bucket lies
 * in exactly one local hour.
 *
 * The matching rows are selected with the store's own conditions for the
 * filter (_calbook_store_append_filter_sql), on a read-only connection of
 * this class; the tests check both give the same count for random filters.
 */

#define QUARTER (15 * 60)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
#define DAY (24 * 60 * 60)

struct _CalbookInsights
{
  GObject     parent_instance;

  guint       total;
  GPtrArray  *members;
  GArray     *week_starts;
  /* n_weeks × members->len, week-major */
  GArray     *week_counts;
  guint       hours[7][24];
  guint       max_hour_count;
  GPtrArray  *waiting;
  GPtrArray  *event_types;
  guint       leads[CALBOOK_INSIGHTS_N_LEADS];
};

G_DEFINE_FINAL_TYPE (CalbookInsights, calbook_insights, G_TYPE_OBJECT)

typedef struct
{
  char                 *store_path;
  CalbookBookingFilter *filter;
  GTimeZone            *zone;
  gint64                now;
  gboolean              event_types_only;
} ComputeData;

/* One computation: the connection, the filter every chart counts by, and
 * what the rows are folded with. Every query goes through for_each_row(). */
typedef struct
{
  CalbookInsights            *self;
  sqlite3                    *db;
  const char                 *path;
  const CalbookBookingFilter *filter;
  GTimeZone                  *zone;
  gint64                      now;
  /* read_weeks(): (user id, week start, count) rows and their span */
  GArray                     *week_rows;
  gint64                      first_week;
  gint64                      last_week;
} Query;

static CalbookInsights *compute (const char                 *store_path,
                                 const CalbookBookingFilter *filter,
                                 GTimeZone                  *zone,
                                 gint64                      now,
                                 gboolean                    event_types_only,
                                 GError                    **error);

/* Auxiliary methods */

static void
member_free (CalbookInsightsMember *member)
{
  g_free (member->name);
  g_free (member->email);
  g_free (member);
}

static void
waiting_free (CalbookInsightsWaiting *waiting)
{
  g_free (waiting->uid);
  g_free (waiting->title);
  g_free (waiting->member);
  g_free (waiting);
}

static void
event_type_free (CalbookInsightsEventType *event_type)
{
  g_free (event_type->slug);
  g_free (event_type->owner);
  g_free (event_type);
}

static void
compute_data_free (ComputeData *data)
{
  g_free (data->store_path);
  calbook_booking_filter_free (data->filter);
  g_time_zone_unref (data->zone);
  g_free (data);
}

static gboolean
set_sqlite_error (sqlite3     *db,
                  const char  *path,
                  GError     **error)
{
  g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_QUERY,
               _("Could not count the bookings in “%s”: %s"),
               path, db != NULL ? sqlite3_errmsg (db) : "?");
  return FALSE;
}

/* "matching" is a common table: the ids, statuses, starts and request times
 * of the bookings the filter lets through, selected by the store's own
 * conditions. Only fixed fragments go into the text. */
static char *
build_sql (const CalbookBookingFilter *filter,
           const char                 *select)
{
  GString *sql = g_string_new ("WITH matching AS (SELECT b.id AS id, b.status AS status,"
                               " b.start_time AS start_time, b.created_at AS created_at"
                               " FROM bookings AS b WHERE 1");

  _calbook_store_append_filter_sql (sql, filter);
  g_string_append (sql, ") ");
  g_string_append (sql, select);

  return g_string_free (sql, FALSE);
}

static void
bind_named_int64 (sqlite3_stmt *stmt,
                  const char   *name,
                  gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static sqlite3_stmt *
prepare (Query       *query,
         const char  *select,
         GError     **error)
{
  g_autofree char *sql = build_sql (query->filter, select);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (query->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (query->db, query->path, error);
      return NULL;
    }

  if (!_calbook_store_bind_filter (stmt, query->filter, error))
    {
      sqlite3_finalize (stmt);
      return NULL;
    }

  bind_named_int64 (stmt, ":now", query->now);
  bind_named_int64 (stmt, ":cancelled", CALBOOK_BOOKING_STATUS_CANCELLED);
  bind_named_int64 (stmt, ":pending", CALBOOK_BOOKING_STATUS_PENDING);

  return stmt;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static GDateTime *
to_zone (gint64     unix_time,
         GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
}

/* Monday 00:00 of the week @local lies in, as Unix time */
static gint64
get_week_start (GDateTime *local,
                GTimeZone *zone)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) monday = NULL;

  day = g_date_time_new (zone, g_date_time_get_year (local), g_date_time_get_month (local),
                         g_date_time_get_day_of_month (local), 0, 0, 0);
  monday = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));

  /* a day starting at 00:00 again after a zone change */
  return g_date_time_to_unix (monday);
}

static guint
find_member (CalbookInsights *self,
             gint64           user_id)
{
  for (guint i = 0; i < self->members->len; i++)
    {
      CalbookInsightsMember *member = g_ptr_array_index (self->members, i);

      if (member->user_id == user_id)
        return i;
    }

  return G_MAXUINT;
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const CalbookInsightsMember *member_a = *(CalbookInsightsMember * const *) a;
  const CalbookInsightsMember *member_b = *(CalbookInsightsMember * const *) b;
  int result;

  if (member_a->bookings != member_b->bookings)
    return member_a->bookings > member_b->bookings ? -1 : 1;

  result = g_utf8_collate (member_a->name, member_b->name);
  if (result == 0)
    result = (member_a->user_id > member_b->user_id) - (member_a->user_id < member_b->user_id);

  return result;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 value_a = *(const gint64 *) a;
  gint64 value_b = *(const gint64 *) b;

  return (value_a > value_b) - (value_a < value_b);
}

static guint
find_week (GArray *week_starts,
           gint64  week_start)
{
  guint index;

  if (g_array_binary_search (week_starts, &week_start, compare_int64, &index))
    return index;

  return G_MAXUINT;
}

typedef void (*RowFunc) (Query        *query,
                         sqlite3_stmt *stmt);

/* Runs @select over the matching rows and hands each row to @func */
static gboolean
for_each_row (Query       *query,
              const char  *select,
              RowFunc      func,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (query, select, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (query, stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (query->db, query->path, error);

  return TRUE;
}

static void
add_member_row (Query        *query,
                sqlite3_stmt *stmt)
{
  CalbookInsightsMember *member = g_new0 (CalbookInsightsMember, 1);

  member->user_id = sqlite3_column_int64 (stmt, 0);
  member->bookings = sqlite3_column_int (stmt, 1);
  member->cancelled = sqlite3_column_int (stmt, 2);
  member->no_shows = sqlite3_column_int (stmt, 3);
  member->name = dup_column (stmt, 4);
  member->email = dup_column (stmt, 5);
  g_ptr_array_add (query->self->members, member);
}

static gboolean
read_members (Query   *query,
              GError **error)
{
  if (!for_each_row (query,
                     "SELECT h.user_id, count(*),"
                     " sum (mt.status = :cancelled),"
                     " sum (json_extract (d.json, '$.absentHost') = 1 OR EXISTS (SELECT 1"
                     "   FROM json_each (d.json, '$.attendees') AS a"
                     "   WHERE json_extract (a.value, '$.absent') = 1)),"
                     " coalesce ((SELECT m.name FROM members AS m WHERE m.user_id = h.user_id"
                     "   ORDER BY m.position LIMIT 1), max ((SELECT json_extract (j.value, '$.name')"
                     "   FROM json_each (d.json, '$.hosts') AS j"
                     "   WHERE json_extract (j.value, '$.id') = h.user_id))),"
                     " coalesce ((SELECT m.email FROM members AS m WHERE m.user_id = h.user_id"
                     "   ORDER BY m.position LIMIT 1), max ((SELECT json_extract (j.value, '$.email')"
                     "   FROM json_each (d.json, '$.hosts') AS j"
                     "   WHERE json_extract (j.value, '$.id') = h.user_id)))"
                     " FROM matching AS mt"
                     " JOIN booking_hosts AS h ON h.booking_id = mt.id"
                     " JOIN booking_data AS d ON d.id = mt.id"
                     " GROUP BY h.user_id",
                     add_member_row, error))
    return FALSE;

  g_ptr_array_sort (query->self->members, compare_members);

  return TRUE;
}

static void
add_week_row (Query        *query,
              sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) local = to_zone (sqlite3_column_int64 (stmt, 1) * QUARTER, query->zone);
  gint64 row[3];

  if (local == NULL)
    return;

  row[0] = sqlite3_column_int64 (stmt, 0);
  row[1] = get_week_start (local, query->zone);
  row[2] = sqlite3_column_int64 (stmt, 2);
  g_array_append_val (query->week_rows, row);
  query->first_week = MIN (query->first_week, row[1]);
  query->last_week = MAX (query->last_week, row[1]);
}

static gboolean
read_weeks (Query   *query,
            GError **error)
{
  CalbookInsights *self = query->self;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64) * 3);
  gint64 first = G_MAXINT64;
  gint64 last = G_MININT64;

  query->week_rows = rows;
  query->first_week = first;
  query->last_week = last;
  if (!for_each_row (query,
                     "SELECT h.user_id, mt.start_time / 900, count(*) FROM matching AS mt"
                     " JOIN booking_hosts AS h ON h.booking_id = mt.id GROUP BY 1, 2",
                     add_week_row, error))
    return FALSE;
  query->week_rows = NULL;
  first = query->first_week;
  last = query->last_week;

  if (rows->len == 0)
    return TRUE;

  /* Every week in between, also empty ones: a gap is information */
  {
    g_autoptr(GDateTime) week = g_date_time_new_from_unix_utc (first);
    g_autoptr(GDateTime) local = g_date_time_to_timezone (week, query->zone);

    while (local != NULL && g_date_time_to_unix (local) <= last)
      {
        gint64 start = get_week_start (local, query->zone);
        GDateTime *next = g_date_time_add_days (local, 7);

        g_array_append_val (self->week_starts, start);
        g_date_time_unref (local);
        local = next;
      }
  }

  g_array_set_size (self->week_counts, self->week_starts->len * self->members->len);

  for (guint i = 0; i < rows->len; i++)
    {
      const gint64 *row = &g_array_index (rows, gint64, i * 3);
      guint member = find_member (self, row[0]);
      guint week = find_week (self->week_starts, row[1]);

      if (member != G_MAXUINT && week != G_MAXUINT)
        g_array_index (self->week_counts, guint, week * self->members->len + member) += row[2];
    }

  return TRUE;
}

static void
set_total_row (Query        *query,
               sqlite3_stmt *stmt)
{
  query->self->total = sqlite3_column_int (stmt, 0);
}

static void
add_hour_row (Query        *query,
              sqlite3_stmt *stmt)
{
  CalbookInsights *self = query->self;
  g_autoptr(GDateTime) local = to_zone (sqlite3_column_int64 (stmt, 0) * QUARTER, query->zone);
  guint *cell;

  if (local == NULL)
    return;

  cell = &self->hours[g_date_time_get_day_of_week (local) - 1][g_date_time_get_hour (local)];
  *cell += sqlite3_column_int (stmt, 1);
  self->max_hour_count = MAX (self->max_hour_count, *cell);
}

static gboolean
read_hours (Query   *query,
            GError **error)
{
  return for_each_row (query, "SELECT count(*) FROM matching", set_total_row, error) &&
         for_each_row (query, "SELECT start_time / 900, count(*) FROM matching GROUP BY 1",
                       add_hour_row, error);
}

static void
add_waiting_row (Query        *query,
                 sqlite3_stmt *stmt)
{
  CalbookInsightsWaiting *waiting = g_new0 (CalbookInsightsWaiting, 1);

  waiting->uid = dup_column (stmt, 0);
  waiting->title = dup_column (stmt, 1);
  waiting->member = dup_column (stmt, 2);
  waiting->created_at = sqlite3_column_int64 (stmt, 3);
  waiting->start = sqlite3_column_int64 (stmt, 4);
  g_ptr_array_add (query->self->waiting, waiting);
}

static gboolean
read_waiting (Query   *query,
              GError **error)
{
  G_STATIC_ASSERT (CALBOOK_INSIGHTS_MAX_WAITING == 10);

  return for_each_row (query,
                       "SELECT uid, title, host, created, start_time FROM (SELECT b.uid AS uid,"
                       " json_extract (d.json, '$.title') AS title,"
                       " json_extract (d.json, '$.hosts[0].name') AS host,"
                       " mt.created_at AS created,"
                       " mt.start_time AS start_time"
                       " FROM matching AS mt JOIN bookings AS b ON b.id = mt.id"
                       " JOIN booking_data AS d ON d.id = mt.id"
                       " WHERE mt.status = :pending AND mt.start_time > :now)"
                       " WHERE created > 0 ORDER BY created, uid LIMIT 10",
                       add_waiting_row, error);
}

static void
add_lead_row (Query        *query,
              sqlite3_stmt *stmt)
{
  int lead = sqlite3_column_int (stmt, 0);

  if (lead >= 0 && lead < CALBOOK_INSIGHTS_N_LEADS)
    query->self->leads[lead] = sqlite3_column_int (stmt, 1);
}

static gboolean
read_leads (Query   *query,
            GError **error)
{
  G_STATIC_ASSERT (CALBOOK_INSIGHTS_N_LEADS == 6);

  return for_each_row (query,
                       "SELECT CASE WHEN lead < 86400 THEN 0 WHEN lead < 3 * 86400 THEN 1"
                       " WHEN lead < 7 * 86400 THEN 2 WHEN lead < 14 * 86400 THEN 3"
                       " WHEN lead < 28 * 86400 THEN 4 ELSE 5 END, count(*)"
                       " FROM (SELECT mt.start_time - mt.created_at AS lead FROM matching AS mt"
                       "   WHERE mt.created_at > 0)"
                       " GROUP BY 1",
                       add_lead_row, error);
}

static void
add_event_type_row (Query        *query,
                    sqlite3_stmt *stmt)
{
  CalbookInsightsEventType *event_type = g_new0 (CalbookInsightsEventType, 1);

  event_type->id = sqlite3_column_int64 (stmt, 0);
  event_type->slug = dup_column (stmt, 1);
  event_type->owner = dup_column (stmt, 2);
  event_type->bookings = sqlite3_column_int (stmt, 3);
  g_ptr_array_add (query->self->event_types, event_type);
}

static gboolean
read_event_types (Query   *query,
                  GError **error)
{
  return for_each_row (query,
                       "SELECT b.event_type_id, max (b.event_type_slug), max (b.host_name), count(*)"
                       " FROM matching AS mt JOIN bookings AS b ON b.id = mt.id"
                       " WHERE b.event_type_id != 0 GROUP BY 1 ORDER BY 2, 3, 1",
                       add_event_type_row, error);
}

static void
compute_in_thread_cb (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  ComputeData *data = task_data;
  CalbookInsights *insights;
  GError *error = NULL;

  insights = compute (data->store_path, data->filter, data->zone, data->now,
                      data->event_types_only, &error);
  if (insights == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, insights, g_object_unref);
}

/* GObject overrides */

static void
calbook_insights_finalize (GObject *object)
{
  CalbookInsights *self = CALBOOK_INSIGHTS (object);

  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->week_starts, g_array_unref);
  g_clear_pointer (&self->week_counts, g_array_unref);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_pointer (&self->event_types, g_ptr_array_unref);

  G_OBJECT_CLASS (calbook_insights_parent_class)->finalize (object);
}

static void
calbook_insights_class_init (CalbookInsightsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = calbook_insights_finalize;
}

static void
calbook_insights_init (CalbookInsights *self)
{
  self->members = g_ptr_array_new_with_free_func ((GDestroyNotify) member_free);
  self->week_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->week_counts = g_array_new (FALSE, TRUE, sizeof (guint));
  self->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) waiting_free);
  self->event_types = g_ptr_array_new_with_free_func ((GDestroyNotify) event_type_free);
}

/* Public API */

/* Everything, or only the event types (see calbook_insights_list_event_types_async()) */
static CalbookInsights *
compute (const char                 *store_path,
         const CalbookBookingFilter *filter,
         GTimeZone                  *zone,
         gint64                      now,
         gboolean                    event_types_only,
         GError                    **error)
{
  g_autoptr(CalbookInsights) self = NULL;
  g_autoptr(CalbookBookingFilter) any = NULL;
  g_autoptr(GTimeZone) local = NULL;
  sqlite3 *db = NULL;
  Query query = { 0, };
  gboolean ok;

  g_return_val_if_fail (store_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filter == NULL)
    filter = any = calbook_booking_filter_new ();
  if (zone == NULL)
    zone = local = g_time_zone_new_local ();

  if (sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      set_sqlite_error (db, store_path, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);

  self = g_object_new (CALBOOK_TYPE_INSIGHTS, NULL);

  /* One read transaction: every chart counts the same rows */
  ok = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK ||
       set_sqlite_error (db, store_path, error);
  query.self = self;
  query.db = db;
  query.path = store_path;
  query.filter = filter;
  query.zone = zone;
  query.now = now;
  if (event_types_only)
    ok = ok && read_event_types (&query, error);
  else
    ok = ok &&
         read_hours (&query, error) &&
         read_members (&query, error) &&
         read_weeks (&query, error) &&
         read_waiting (&query, error) &&
         read_leads (&query, error) &&
         read_event_types (&query, error);

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);

  return ok ? g_steal_pointer (&self) : NULL;
}

static void
start_compute (const char                 *store_path,
               const CalbookBookingFilter *filter,
               GTimeZone                  *zone,
               gboolean                    event_types_only,
               GCancellable               *cancellable,
               GAsyncReadyCallback         callback,
               gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  data = g_new0 (ComputeData, 1);
  data->store_path = g_strdup (store_path);
  data->filter = filter != NULL ? calbook_booking_filter_copy (filter) : calbook_booking_filter_new ();
  data->zone = zone != NULL ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  data->now = g_get_real_time () / G_USEC_PER_SEC;
  data->event_types_only = event_types_only;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, calbook_insights_compute_async);
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  g_task_run_in_thread (task, compute_in_thread_cb);
}

/**
 * calbook_insights_compute:
 * @store_path: an account's store file
 * @filter: (nullable): which bookings count; %NULL for all
 * @zone: (nullable): the viewer's zone; %NULL for local time
 * @now: Unix time that separates waiting requests from past ones
 *
 * Blocks on SQLite: call from a worker thread, or on small stores.
 *
 * Returns: (transfer full): the aggregates, or %NULL with @error set
 */
CalbookInsights *
calbook_insights_compute (const char                 *store_path,
                          const CalbookBookingFilter *filter,
                          GTimeZone                  *zone,
                          gint64                      now,
                          GError                    **error)
{
  return compute (store_path, filter, zone, now, FALSE, error);
}

void
calbook_insights_compute_async (const char                 *store_path,
                                const CalbookBookingFilter *filter,
                                GTimeZone                  *zone,
                                GCancellable               *cancellable,
                                GAsyncReadyCallback         callback,
                                gpointer                    user_data)
{
  g_return_if_fail (store_path != NULL);

  start_compute (store_path, filter, zone, FALSE, cancellable, callback, user_data);
}

/**
 * calbook_insights_list_event_types_async:
 * @store_path: the store's file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result; finish with calbook_insights_compute_finish()
 * @user_data: data for @callback
 *
 * Like calbook_insights_compute_async() over every booking, but only
 * calbook_insights_get_event_types() is filled: a filter's choices, for a
 * fraction of the cost.
 */
void
calbook_insights_list_event_types_async (const char          *store_path,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (store_path != NULL);

  start_compute (store_path, NULL, NULL, TRUE, cancellable, callback, user_data);
}

CalbookInsights *
calbook_insights_compute_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
calbook_insights_get_total (CalbookInsights *self)
{
  g_return_val_if_fail (CALBOOK_IS_INSIGHTS (self), 0);

  return self->total;
}

GPtrArray *
calbook_insights_get_members (CalbookInsights *self)
{
  g_return_val_if_fail (CALBOOK_IS_INSIGHTS (self), NULL);

  return self->members;
}

guint
calbook_insights_get_n_weeks (CalbookInsights *self)
{
  g_return_val_if_fail (CALBOOK_IS_INSIGHTS (self), 0);

  return self->week_starts->len;
}

gint64
calbook_insights_get_week_start (CalbookInsights *self,
                                 guint            week)
{
  g_return_val_if_fail (CALBOOK_IS_INSIGHTS (self), 0);
  g_return_val_if_fail (week < self->week_starts->len, 0);

  return g_array_index (self->week_starts, gint64, week);
}

guint
calbook_insights_get_week_count (CalbookInsights *self,
                                 guint            week,
                                 guint            member)
{
  g_return_val_if_fail (CALBOOK_IS_INSIGHTS (self), 0);
  g_return_val_if_fail (week < self->week_starts->len, 0);
  g_return_val_if_fail (member < self->members->len, 0);

  return g_array_index (self->week_counts, guint, week * self->members->len + member);
}

guint
calbook_insights_get_hour_count (CalbookInsights *self,
                                 guint            weekday,
                                 guint            hour)
{
  g_return_val_if_fail (CALBOOK_IS_INSIGHTS (self), 0);
  g_return_val_if_fail (weekday < 7 && hour < 24, 0);

  return self->hours[weekday][hour];
}

guint
calbook_insights_get_max_hour_count (CalbookInsights *self)
{
  g_return_val_if_fail (CALBOOK_IS_INSIGHTS (self), 0);

  return self->max_hour_count;
}

GPtrArray *
calbook_insights_get_waiting (CalbookInsights *self)
{
  g_return_val_if_fail (CALBOOK_IS_INSIGHTS (self), NULL);

  return self->waiting;
}

GPtrArray *
calbook_insights_get_event_types (CalbookInsights *self)
{
  g_return_val_if_fail (CALBOOK_IS_INSIGHTS (self), NULL);

  return self->event_types;
}

guint
calbook_insights_get_lead_count (CalbookInsights     *self,
                                 CalbookInsightsLead  lead)
{
  g_return_val_if_fail (CALBOOK_IS_INSIGHTS (self), 0);
  g_return_val_if_fail (lead < CALBOOK_INSIGHTS_N_LEADS, 0);

  return self->leads[lead];
}

const char *
calbook_insights_lead_to_label (CalbookInsightsLead lead)
{
  static const char *labels[CALBOOK_INSIGHTS_N_LEADS] = {
    N_("Same day"),
    N_("1–2 days"),
    N_("3–6 days"),
    N_("1–2 weeks"),
    N_("2–4 weeks"),
    N_("Longer"),
  };

  g_return_val_if_fail (lead < CALBOOK_INSIGHTS_N_LEADS, NULL);

  return _(labels[lead]);
}
