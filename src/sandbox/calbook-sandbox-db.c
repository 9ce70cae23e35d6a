/* calbook-sandbox-db.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "calbook-sandbox-db.h"

struct _CalbookSandboxDb
{
  GObject     parent_instance;

  sqlite3    *handle;
  /* SQL text → sqlite3_stmt, so each query is compiled once */
  GHashTable *statements;

  /* Users and event types never change while serving, so they live in
   * memory as well as in their tables (which the bookings join against). */
  GPtrArray  *users;
  GPtrArray  *event_types;

  /* The last updatedAt handed out: mutations get strictly increasing
   * stamps even under a frozen sandbox clock, so incremental sync with
   * afterUpdatedAt always sees every change. */
  gint64      last_stamp;

  /* booking id → members its output gets as they are (tests' broken
   * bookings); in memory only */
  GHashTable *raw_members;
};

G_DEFINE_FINAL_TYPE (CalbookSandboxDb, calbook_sandbox_db, G_TYPE_OBJECT)

static const char schema_sql[] =
  "CREATE TABLE IF NOT EXISTS users ("
  "  id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
  "  email TEXT NOT NULL UNIQUE, role TEXT NOT NULL, api_key TEXT NOT NULL UNIQUE,"
  "  time_zone TEXT NOT NULL, membership_id INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS event_types ("
  "  id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL, title TEXT NOT NULL,"
  "  slug TEXT NOT NULL, description TEXT NOT NULL, length INTEGER NOT NULL,"
  "  length_options TEXT NOT NULL, location_type TEXT NOT NULL, location_value TEXT NOT NULL,"
  "  locations_json TEXT NOT NULL, requires_confirmation INTEGER NOT NULL,"
  "  recurrence_count INTEGER NOT NULL, hidden INTEGER NOT NULL,"
  "  minimum_notice INTEGER NOT NULL DEFAULT 120, before_buffer INTEGER NOT NULL DEFAULT 0,"
  "  after_buffer INTEGER NOT NULL DEFAULT 0, window_days INTEGER NOT NULL DEFAULT 0,"
  "  seats_per_time_slot INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS bookings ("
  "  id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, title TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '', organizer_id INTEGER NOT NULL,"
  "  event_type_id INTEGER NOT NULL, status TEXT NOT NULL,"
  "  start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,"
  "  created_ms INTEGER NOT NULL, updated_ms INTEGER,"
  "  location TEXT, absent_host INTEGER NOT NULL DEFAULT 0,"
  "  cancellation_reason TEXT, cancelled_by_email TEXT, rejection_reason TEXT,"
  "  rescheduling_reason TEXT, rescheduled_by_email TEXT,"
  "  rescheduled_from_uid TEXT, rescheduled_to_uid TEXT,"
  "  rescheduled INTEGER NOT NULL DEFAULT 0, recurring_event_id TEXT,"
  "  metadata TEXT NOT NULL DEFAULT '{}', responses TEXT NOT NULL DEFAULT '{}',"
  "  rating INTEGER, ics_uid TEXT);"
  "CREATE TABLE IF NOT EXISTS attendees ("
  "  id INTEGER PRIMARY KEY, booking_id INTEGER NOT NULL, name TEXT NOT NULL,"
  "  email TEXT NOT NULL, time_zone TEXT NOT NULL, language TEXT NOT NULL DEFAULT 'en',"
  "  phone TEXT, absent INTEGER NOT NULL DEFAULT 0, is_guest INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS team_members ("
  "  team_id INTEGER NOT NULL, user_id INTEGER NOT NULL, role TEXT NOT NULL,"
  "  PRIMARY KEY (team_id, user_id));";

static const char index_sql[] =
  "CREATE INDEX IF NOT EXISTS bookings_start ON bookings (start_ms);"
  "CREATE INDEX IF NOT EXISTS bookings_organizer ON bookings (organizer_id, start_ms);"
  "CREATE INDEX IF NOT EXISTS bookings_updated ON bookings (updated_ms);"
  /* The sync pages by creation time (afterCreatedAt, sortCreated): without
   * this, every page sorts the whole table, and the server's time, not the
   * client's, grows with the number of bookings */
  "CREATE INDEX IF NOT EXISTS bookings_created ON bookings (created_ms);"
  "CREATE INDEX IF NOT EXISTS bookings_recurring ON bookings (recurring_event_id);"
  "CREATE INDEX IF NOT EXISTS attendees_booking ON attendees (booking_id);"
  "CREATE INDEX IF NOT EXISTS attendees_email ON attendees (email);";

/* Auxiliary methods */

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static void
store_user (CalbookSandboxDb         *self,
            const CalbookSandboxUser *user)
{
  sqlite3_stmt *stmt;

  stmt = calbook_sandbox_db_prepare (self,
                                     "INSERT OR REPLACE INTO users (id, username, name, email, role, api_key, time_zone, membership_id)"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, user->id);
  sqlite3_bind_text (stmt, 2, user->username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, user->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, user->email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, user->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, user->api_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, user->time_zone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, user->membership_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_warning ("Could not store user %s: %s", user->username, sqlite3_errmsg (self->handle));
}

static char *
join_lengths (GArray *lengths)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < lengths->len; i++)
    g_string_append_printf (text, "%s%u", i > 0 ? "," : "", g_array_index (lengths, guint, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GArray *
split_lengths (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  GArray *lengths = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint value;

      if (*parts[i] == '\0')
        continue;
      value = (guint) g_ascii_strtoull (parts[i], NULL, 10);
      g_array_append_val (lengths, value);
    }

  return lengths;
}

static void
store_event_type (CalbookSandboxDb              *self,
                  const CalbookSandboxEventType *et)
{
  g_autofree char *lengths = join_lengths (et->length_options);
  sqlite3_stmt *stmt;

  stmt = calbook_sandbox_db_prepare (self,
                                     "INSERT OR REPLACE INTO event_types (id, owner_id, title, slug, description, length,"
                                     " length_options, location_type, location_value, locations_json,"
                                     " requires_confirmation, recurrence_count, hidden, minimum_notice, before_buffer,"
                                     " after_buffer, window_days, seats_per_time_slot)"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, et->id);
  sqlite3_bind_int64 (stmt, 2, et->owner_id);
  sqlite3_bind_text (stmt, 3, et->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, et->slug, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, et->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, (int) et->length);
  sqlite3_bind_text (stmt, 7, lengths, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, et->location_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, et->location_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, et->locations_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 11, et->requires_confirmation);
  sqlite3_bind_int (stmt, 12, (int) et->recurrence_count);
  sqlite3_bind_int (stmt, 13, et->hidden);
  sqlite3_bind_int (stmt, 14, (int) et->minimum_notice);
  sqlite3_bind_int (stmt, 15, (int) et->before_buffer);
  sqlite3_bind_int (stmt, 16, (int) et->after_buffer);
  sqlite3_bind_int (stmt, 17, (int) et->window_days);
  sqlite3_bind_int (stmt, 18, (int) et->seats_per_time_slot);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_warning ("Could not store event type %s: %s", et->slug, sqlite3_errmsg (self->handle));
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* GObject overrides */

static void
calbook_sandbox_db_finalize (GObject *object)
{
  CalbookSandboxDb *self = (CalbookSandboxDb *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->raw_members, g_hash_table_unref);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->event_types, g_ptr_array_unref);
  g_clear_pointer (&self->handle, sqlite3_close);

  G_OBJECT_CLASS (calbook_sandbox_db_parent_class)->finalize (object);
}

static void
calbook_sandbox_db_class_init (CalbookSandboxDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = calbook_sandbox_db_finalize;
}

static void
calbook_sandbox_db_init (CalbookSandboxDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->raw_members = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) json_object_unref);
  self->users = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_sandbox_user_free);
  self->event_types = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_sandbox_event_type_free);
}

/* Public API */

void
calbook_sandbox_user_free (CalbookSandboxUser *user)
{
  if (user == NULL)
    return;

  g_free (user->username);
  g_free (user->name);
  g_free (user->email);
  g_free (user->role);
  g_free (user->api_key);
  g_free (user->time_zone);
  g_free (user);
}

void
calbook_sandbox_event_type_free (CalbookSandboxEventType *et)
{
  if (et == NULL)
    return;

  g_free (et->title);
  g_free (et->slug);
  g_free (et->description);
  g_clear_pointer (&et->length_options, g_array_unref);
  g_free (et->location_type);
  g_free (et->location_value);
  g_free (et->locations_json);
  g_free (et);
}

CalbookSandboxDb *
calbook_sandbox_db_new (const char  *path,
                        GError     **error)
{
  g_autoptr(CalbookSandboxDb) self = g_object_new (CALBOOK_TYPE_SANDBOX_DB, NULL);
  int rc;

  rc = sqlite3_open_v2 (path != NULL ? path : ":memory:", &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Could not open the sandbox database %s: %s",
                   path != NULL ? path : ":memory:",
                   self->handle != NULL ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      return NULL;
    }

  if (!calbook_sandbox_db_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;", error) ||
      !calbook_sandbox_db_exec (self, schema_sql, error))
    return NULL;

  return g_steal_pointer (&self);
}

sqlite3 *
calbook_sandbox_db_get_handle (CalbookSandboxDb *self)
{
  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), NULL);

  return self->handle;
}

/**
 * calbook_sandbox_db_prepare:
 *
 * Returns: (transfer none): a cached statement, reset and with its bindings
 *   cleared, or %NULL (with a warning) when @sql does not compile
 */
sqlite3_stmt *
calbook_sandbox_db_prepare (CalbookSandboxDb *self,
                            const char       *sql)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_critical ("Could not prepare %s: %s", sql, sqlite3_errmsg (self->handle));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
calbook_sandbox_db_exec (CalbookSandboxDb  *self,
                         const char        *sql,
                         GError           **error)
{
  char *message = NULL;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), FALSE);

  if (sqlite3_exec (self->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQLite: %s", message);
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

gboolean
calbook_sandbox_db_begin (CalbookSandboxDb *self)
{
  return calbook_sandbox_db_exec (self, "BEGIN IMMEDIATE", NULL);
}

gboolean
calbook_sandbox_db_commit (CalbookSandboxDb *self)
{
  return calbook_sandbox_db_exec (self, "COMMIT", NULL);
}

void
calbook_sandbox_db_rollback (CalbookSandboxDb *self)
{
  calbook_sandbox_db_exec (self, "ROLLBACK", NULL);
}

/* Called after seeding: building the indexes once is faster than keeping
 * them up to date through 100,000 inserts. */
gboolean
calbook_sandbox_db_create_indexes (CalbookSandboxDb  *self,
                                   GError           **error)
{
  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), FALSE);

  return calbook_sandbox_db_exec (self, index_sql, error);
}

gboolean
calbook_sandbox_db_is_empty (CalbookSandboxDb *self)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), TRUE);

  stmt = calbook_sandbox_db_prepare (self, "SELECT COUNT(*) FROM users");
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;

  return sqlite3_column_int64 (stmt, 0) == 0;
}

/* Reads users and event types back from a database file written by an
 * earlier run, so `--db FILE` keeps its data (and its API keys). */
gboolean
calbook_sandbox_db_load (CalbookSandboxDb  *self,
                         GError           **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), FALSE);

  g_ptr_array_set_size (self->users, 0);
  g_ptr_array_set_size (self->event_types, 0);

  stmt = calbook_sandbox_db_prepare (self,
                                     "SELECT id, username, name, email, role, api_key, time_zone, membership_id"
                                     " FROM users ORDER BY id");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CalbookSandboxUser *user = g_new0 (CalbookSandboxUser, 1);

      user->id = sqlite3_column_int64 (stmt, 0);
      user->username = column_dup (stmt, 1);
      user->name = column_dup (stmt, 2);
      user->email = column_dup (stmt, 3);
      user->role = column_dup (stmt, 4);
      user->api_key = column_dup (stmt, 5);
      user->time_zone = column_dup (stmt, 6);
      user->membership_id = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (self->users, user);
    }

  stmt = calbook_sandbox_db_prepare (self,
                                     "SELECT id, owner_id, title, slug, description, length, length_options,"
                                     " location_type, location_value, locations_json, requires_confirmation,"
                                     " recurrence_count, hidden, minimum_notice, before_buffer, after_buffer, window_days,"
                                     " seats_per_time_slot FROM event_types ORDER BY id");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CalbookSandboxEventType *et = g_new0 (CalbookSandboxEventType, 1);
      g_autofree char *lengths = column_dup (stmt, 6);

      et->id = sqlite3_column_int64 (stmt, 0);
      et->owner_id = sqlite3_column_int64 (stmt, 1);
      et->title = column_dup (stmt, 2);
      et->slug = column_dup (stmt, 3);
      et->description = column_dup (stmt, 4);
      et->length = (guint) sqlite3_column_int (stmt, 5);
      et->length_options = split_lengths (lengths);
      et->location_type = column_dup (stmt, 7);
      et->location_value = column_dup (stmt, 8);
      et->locations_json = column_dup (stmt, 9);
      et->requires_confirmation = sqlite3_column_int (stmt, 10) != 0;
      et->recurrence_count = (guint) sqlite3_column_int (stmt, 11);
      et->hidden = sqlite3_column_int (stmt, 12) != 0;
      et->minimum_notice = (guint) sqlite3_column_int (stmt, 13);
      et->before_buffer = (guint) sqlite3_column_int (stmt, 14);
      et->after_buffer = (guint) sqlite3_column_int (stmt, 15);
      et->window_days = (guint) sqlite3_column_int (stmt, 16);
      et->seats_per_time_slot = (guint) sqlite3_column_int (stmt, 17);
      g_ptr_array_add (self->event_types, et);
    }

  stmt = calbook_sandbox_db_prepare (self, "SELECT MAX(updated_ms) FROM bookings");
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->last_stamp = sqlite3_column_int64 (stmt, 0);

  if (self->users->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The sandbox database holds no users");
      return FALSE;
    }

  return TRUE;
}

/* Takes ownership of @user. */
void
calbook_sandbox_db_add_user (CalbookSandboxDb   *self,
                             CalbookSandboxUser *user)
{
  g_return_if_fail (CALBOOK_IS_SANDBOX_DB (self));
  g_return_if_fail (user != NULL);

  store_user (self, user);
  g_ptr_array_add (self->users, user);
}

/* Takes ownership of @event_type. */
void
calbook_sandbox_db_add_event_type (CalbookSandboxDb        *self,
                                   CalbookSandboxEventType *event_type)
{
  g_return_if_fail (CALBOOK_IS_SANDBOX_DB (self));
  g_return_if_fail (event_type != NULL);

  if (event_type->length_options == NULL)
    event_type->length_options = g_array_new (FALSE, FALSE, sizeof (guint));

  store_event_type (self, event_type);
  g_ptr_array_add (self->event_types, event_type);
}

/* Merges @members into what booking @booking_id's output is overwritten
 * with; a null member stops overwriting that one */
void
calbook_sandbox_db_set_raw_members (CalbookSandboxDb *self,
                                    gint64            booking_id,
                                    JsonObject       *members)
{
  JsonObject *raw;
  g_autoptr(GList) names = NULL;

  g_return_if_fail (CALBOOK_IS_SANDBOX_DB (self));

  raw = g_hash_table_lookup (self->raw_members, &booking_id);
  if (raw == NULL)
    {
      raw = json_object_new ();
      g_hash_table_insert (self->raw_members, g_memdup2 (&booking_id, sizeof booking_id), raw);
    }

  names = json_object_get_members (members);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (members, l->data);

      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (raw, l->data);
      else
        json_object_set_member (raw, l->data, json_node_copy (value));
    }

  if (json_object_get_size (raw) == 0)
    g_hash_table_remove (self->raw_members, &booking_id);
}

/* Returns: (transfer none) (nullable): see calbook_sandbox_db_set_raw_members() */
JsonObject *
calbook_sandbox_db_get_raw_members (CalbookSandboxDb *self,
                                    gint64            booking_id)
{
  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), NULL);

  return g_hash_table_size (self->raw_members) > 0 ? g_hash_table_lookup (self->raw_members, &booking_id) : NULL;
}

/* Takes the settable parts of @changed (booking limits, seats, whether
 * bookings need confirmation) into the event type with its id */
void
calbook_sandbox_db_update_event_type (CalbookSandboxDb              *self,
                                      const CalbookSandboxEventType *changed)
{
  g_return_if_fail (CALBOOK_IS_SANDBOX_DB (self));
  g_return_if_fail (changed != NULL);

  for (guint i = 0; i < self->event_types->len; i++)
    {
      CalbookSandboxEventType *et = g_ptr_array_index (self->event_types, i);

      if (et->id != changed->id)
        continue;

      et->minimum_notice = changed->minimum_notice;
      et->before_buffer = changed->before_buffer;
      et->after_buffer = changed->after_buffer;
      et->window_days = changed->window_days;
      et->seats_per_time_slot = changed->seats_per_time_slot;
      et->requires_confirmation = changed->requires_confirmation;
      store_event_type (self, et);
    }
}

void
calbook_sandbox_db_set_user_role (CalbookSandboxDb *self,
                                  gint64            id,
                                  const char       *role)
{
  g_return_if_fail (CALBOOK_IS_SANDBOX_DB (self));
  g_return_if_fail (role != NULL);

  for (guint i = 0; i < self->users->len; i++)
    {
      CalbookSandboxUser *user = g_ptr_array_index (self->users, i);

      if (user->id != id)
        continue;

      g_free (user->role);
      user->role = g_strdup (role);
      store_user (self, user);
    }
}

/* Replaces team @id (its name and members); @user_ids and @roles run in
 * parallel */
void
calbook_sandbox_db_set_team (CalbookSandboxDb *self,
                             gint64            id,
                             const char       *name,
                             GArray           *user_ids,
                             GPtrArray        *roles)
{
  sqlite3_stmt *stmt;

  g_return_if_fail (CALBOOK_IS_SANDBOX_DB (self));
  g_return_if_fail (user_ids->len == roles->len);

  calbook_sandbox_db_delete_team (self, id);
  stmt = calbook_sandbox_db_prepare (self, "INSERT INTO teams (id, name) VALUES (?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  for (guint i = 0; i < user_ids->len; i++)
    {
      stmt = calbook_sandbox_db_prepare (self, "INSERT OR REPLACE INTO team_members (team_id, user_id, role) VALUES (?, ?, ?)");
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (user_ids, gint64, i));
      sqlite3_bind_text (stmt, 3, g_ptr_array_index (roles, i), -1, SQLITE_TRANSIENT);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
}

/* Returns: whether there was such a team */
gboolean
calbook_sandbox_db_delete_team (CalbookSandboxDb *self,
                                gint64            id)
{
  sqlite3_stmt *stmt;
  int changes;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), FALSE);

  stmt = calbook_sandbox_db_prepare (self, "DELETE FROM team_members WHERE team_id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  stmt = calbook_sandbox_db_prepare (self, "DELETE FROM teams WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  changes = sqlite3_changes (self->handle);

  return changes > 0;
}

/**
 * calbook_sandbox_db_is_team_admin:
 * @member_id: 0 for any member
 *
 * Returns: whether @admin_id is ADMIN or OWNER of a team that @member_id
 *   belongs to (of any team, for 0)
 */
gboolean
calbook_sandbox_db_is_team_admin (CalbookSandboxDb *self,
                                  gint64            admin_id,
                                  gint64            member_id)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), FALSE);

  stmt = calbook_sandbox_db_prepare (self,
                                     "SELECT 1 FROM team_members a JOIN team_members m ON m.team_id = a.team_id"
                                     " WHERE a.user_id = ?1 AND a.role IN ('ADMIN', 'OWNER')"
                                     " AND (?2 = 0 OR m.user_id = ?2) LIMIT 1");
  sqlite3_bind_int64 (stmt, 1, admin_id);
  sqlite3_bind_int64 (stmt, 2, member_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return found;
}

GPtrArray *
calbook_sandbox_db_get_users (CalbookSandboxDb *self)
{
  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), NULL);

  return self->users;
}

GPtrArray *
calbook_sandbox_db_get_event_types (CalbookSandboxDb *self)
{
  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), NULL);

  return self->event_types;
}

const CalbookSandboxUser *
calbook_sandbox_db_find_user_by_key (CalbookSandboxDb *self,
                                     const char       *api_key)
{
  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), NULL);

  if (api_key == NULL)
    return NULL;

  for (guint i = 0; i < self->users->len; i++)
    {
      const CalbookSandboxUser *user = g_ptr_array_index (self->users, i);

      if (g_strcmp0 (user->api_key, api_key) == 0)
        return user;
    }

  return NULL;
}

const CalbookSandboxUser *
calbook_sandbox_db_find_user_by_id (CalbookSandboxDb *self,
                                    gint64            id)
{
  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), NULL);

  for (guint i = 0; i < self->users->len; i++)
    {
      const CalbookSandboxUser *user = g_ptr_array_index (self->users, i);

      if (user->id == id)
        return user;
    }

  return NULL;
}

const CalbookSandboxUser *
calbook_sandbox_db_find_user_by_username (CalbookSandboxDb *self,
                                          const char       *username)
{
  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), NULL);

  for (guint i = 0; i < self->users->len; i++)
    {
      const CalbookSandboxUser *user = g_ptr_array_index (self->users, i);

      if (g_strcmp0 (user->username, username) == 0)
        return user;
    }

  return NULL;
}

const CalbookSandboxUser *
calbook_sandbox_db_find_user_by_email (CalbookSandboxDb *self,
                                       const char       *email)
{
  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), NULL);

  for (guint i = 0; i < self->users->len; i++)
    {
      const CalbookSandboxUser *user = g_ptr_array_index (self->users, i);

      if (email != NULL && g_ascii_strcasecmp (user->email, email) == 0)
        return user;
    }

  return NULL;
}

const CalbookSandboxEventType *
calbook_sandbox_db_find_event_type (CalbookSandboxDb *self,
                                    gint64            id)
{
  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), NULL);

  for (guint i = 0; i < self->event_types->len; i++)
    {
      const CalbookSandboxEventType *et = g_ptr_array_index (self->event_types, i);

      if (et->id == id)
        return et;
    }

  return NULL;
}

gint64
calbook_sandbox_db_next_stamp (CalbookSandboxDb *self,
                               gint64            now_ms)
{
  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), now_ms);

  self->last_stamp = MAX (now_ms, self->last_stamp + 1);
  return self->last_stamp;
}

/* Cal.com uids are 22 base58 characters (short-uuid). */
char *
calbook_sandbox_db_make_uid (CalbookSandboxDb *self,
                             GRand            *rand)
{
  static const char alphabet[] = "123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  char uid[23];

  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), NULL);

  for (guint i = 0; i < 22; i++)
    uid[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
  uid[22] = '\0';

  return g_strdup (uid);
}


/* Returns: the new row id, or 0 on failure (a duplicate uid, say) */
gint64
calbook_sandbox_db_insert_booking (CalbookSandboxDb                  *self,
                                   const CalbookSandboxBookingInsert *b)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), 0);
  g_return_val_if_fail (b != NULL, 0);

  stmt = calbook_sandbox_db_prepare (self,
                                     "INSERT INTO bookings (uid, title, description, organizer_id, event_type_id, status,"
                                     " start_ms, end_ms, created_ms, updated_ms, location, absent_host,"
                                     " cancellation_reason, cancelled_by_email, rejection_reason, rescheduling_reason,"
                                     " rescheduled_by_email, rescheduled_from_uid, rescheduled_to_uid, rescheduled,"
                                     " recurring_event_id, metadata, responses, rating, ics_uid)"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_text_or_null (stmt, 1, b->uid);
  bind_text_or_null (stmt, 2, b->title);
  bind_text_or_null (stmt, 3, b->description != NULL ? b->description : "");
  sqlite3_bind_int64 (stmt, 4, b->organizer_id);
  sqlite3_bind_int64 (stmt, 5, b->event_type_id);
  bind_text_or_null (stmt, 6, b->status);
  sqlite3_bind_int64 (stmt, 7, b->start_ms);
  sqlite3_bind_int64 (stmt, 8, b->end_ms);
  sqlite3_bind_int64 (stmt, 9, b->created_ms);
  sqlite3_bind_int64 (stmt, 10, b->updated_ms);
  bind_text_or_null (stmt, 11, b->location);
  sqlite3_bind_int (stmt, 12, b->absent_host);
  bind_text_or_null (stmt, 13, b->cancellation_reason);
  bind_text_or_null (stmt, 14, b->cancelled_by_email);
  bind_text_or_null (stmt, 15, b->rejection_reason);
  bind_text_or_null (stmt, 16, b->rescheduling_reason);
  bind_text_or_null (stmt, 17, b->rescheduled_by_email);
  bind_text_or_null (stmt, 18, b->rescheduled_from_uid);
  bind_text_or_null (stmt, 19, b->rescheduled_to_uid);
  sqlite3_bind_int (stmt, 20, b->rescheduled);
  bind_text_or_null (stmt, 21, b->recurring_event_id);
  bind_text_or_null (stmt, 22, b->metadata != NULL ? b->metadata : "{}");
  bind_text_or_null (stmt, 23, b->responses != NULL ? b->responses : "{}");
  if (b->rating > 0)
    sqlite3_bind_int (stmt, 24, b->rating);
  else
    sqlite3_bind_null (stmt, 24);
  bind_text_or_null (stmt, 25, b->ics_uid);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_warning ("Could not insert booking %s: %s", b->uid, sqlite3_errmsg (self->handle));
      sqlite3_reset (stmt);
      return 0;
    }
  sqlite3_reset (stmt);

  self->last_stamp = MAX (self->last_stamp, b->updated_ms);
  return sqlite3_last_insert_rowid (self->handle);
}

gboolean
calbook_sandbox_db_insert_attendee (CalbookSandboxDb *self,
                                    gint64            booking_id,
                                    const char       *name,
                                    const char       *email,
                                    const char       *time_zone,
                                    const char       *language,
                                    const char       *phone,
                                    gboolean          absent,
                                    gboolean          is_guest)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (self), FALSE);

  stmt = calbook_sandbox_db_prepare (self,
                                     "INSERT INTO attendees (booking_id, name, email, time_zone, language, phone, absent, is_guest)"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, booking_id);
  bind_text_or_null (stmt, 2, name != NULL ? name : "");
  bind_text_or_null (stmt, 3, email != NULL ? email : "");
  bind_text_or_null (stmt, 4, time_zone != NULL ? time_zone : "UTC");
  bind_text_or_null (stmt, 5, language != NULL ? language : "en");
  bind_text_or_null (stmt, 6, phone);
  sqlite3_bind_int (stmt, 7, absent);
  sqlite3_bind_int (stmt, 8, is_guest);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_reset (stmt);

  return ok;
}
