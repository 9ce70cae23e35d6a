/* calbook-store.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-store"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "calbook-booking-column-private.h"
#include "calbook-booking-filter-private.h"
#include "calbook-booking-summary-private.h"
#include "calbook-error.h"
#include "calbook-store.h"
#include "calbook-store-private.h"

/* "Calb": lets us tell our files from any other SQLite database */
#define CALBOOK_APPLICATION_ID 0x43616c62

#define BUSY_TIMEOUT_MS 5000

/* Longest account name in a file name; longer ones are cut and get a checksum */
#define MAX_ACCOUNT_CHARS 96

struct _CalbookStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;

  /* Fixed statements, keyed by their (static) SQL text */
  GHashTable *statements;
  /* Booking queries, keyed by the combination of clauses they use (a
   * guint64 of the query bits) */
  GHashTable *query_statements;

  /* The longest booking, so that a range query can bound its start too and
   * walk only part of the index; valid while no connection wrote since */
  gint64      max_span;
  gint64      max_span_data_version;
  gboolean    max_span_known;

  /* Counted in sessions (see join_session()) */
  gboolean    in_session;

  /* The account owner whose bookings the "own" column marks (see
   * calbook_store_set_owner()), as last read from the file */
  gint64      owner_id;
  char       *owner_email;
  gboolean    owner_known;
  gint64      owner_data_version;
  gboolean    owner_loaded;

  /* What calbook_store_ensure_sound() found: checked once per connection;
   * a damaged file stays refused (also when calbook_store_run_check() finds it) */
  gboolean    checked;
  GError     *damage;

  /* Whether rejected_bookings may have rows, as read when a write began:
   * writing a booking then need not clear its uid from an empty table */
  gboolean    has_rejected;

  /* Words known to be in search_words, so that writing a booking looks up
   * only new ones (forgotten when a transaction rolls back) */
  GHashTable *known_words;

  /* calbook_store_set_bulk_writes() */
  gboolean    bulk_writes;

  /* Whether the indexes wait for the end of a first sync (see
   * defer_indexes()), as last read from the file */
  gboolean    deferred;
  gint64      deferred_data_version;

  /* Searches with at most this many matches start from them */
  gint64      text_first_max;
  /* Member filters with at most this many bookings start from them */
  gint64      people_first_max;

  /* The last full-text query counted, and its count, valid while no
   * connection wrote since */
  char       *text_count_query;
  gint64      text_count;
  gint64      text_count_data_version;

  /* The same for the bookings of the members last asked for (ids and
   * e-mail addresses as bound) */
  char       *people_count_key;
  gint64      people_count;
  gint64      people_count_data_version;

  /* For the benchmark: every statement run is added here, values included */
  GPtrArray  *traced;

  /* calbook_store_count_bookings_async()'s own connection to the same
   * file, opened by the first count and used by one count at a time */
  GMutex        count_lock;
  CalbookStore *count_store;
};

/*
 * Whether the file was closed cleanly last time. SQLite removes the -wal
 * file when the last connection closes; finding one when this process first
 * opens the file means the last process went away without closing it (a
 * crash, a kill, a power cut), or another one has it open: a quick check is
 * due before anything is written. This costs no write, so that opening
 * leaves a file it refuses exactly as it was. A full check is due when the
 * last one passed more than a week ago.
 */
#define STATE_LAST_FULL_CHECK "store.last-full-check"
#define FULL_CHECK_INTERVAL_S (7 * 24 * 3600)

typedef struct
{
  guint    connections;
  gboolean unclean;
} Session;

static GMutex      sessions_lock;
static GHashTable *sessions; /* path → Session */
/* Every open connection of the process, whatever its file (atomic) */
static gint        open_connections;

G_DEFINE_FINAL_TYPE (CalbookStore, calbook_store, G_TYPE_OBJECT)

/*
 * The schema, one step per version. Each step runs in its own transaction
 * together with the user_version it leads to, so a crash leaves the file at
 * the previous version, never half-way. Append steps; never edit old ones.
 *
 * bookings is kept narrow (what filters and sorts read), so that scanning it
 * or its covering indexes stays fast however large the JSON gets; the JSON
 * and the search words live in booking_data, read only for the rows a page
 * returns. bookings.end_time is the end the range filter uses: the booking's
 * end, or start + 1 when the end is not after the start (see
 * CalbookBookingFilter). booking_data.words holds the normalized words made by
 * the same code as calbook_booking_filter_matches(); the full-text index is an
 * external-content index over it, kept in step by the store inside the same
 * transaction. (Not by triggers: FTS5 writes out its pending terms at every
 * statement that touches it, so one statement per page instead of one per
 * booking keeps both writing and searching fast.)
 */
static const char * const migrations[] = {
  NULL, /* version 0: the empty file */

  /* version 1 */
  "PRAGMA application_id = " G_STRINGIFY (CALBOOK_APPLICATION_ID) ";"
  "CREATE TABLE bookings ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE CHECK (length (uid) > 0),"
  "  start_time INTEGER NOT NULL,"
  "  end_time INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  api_status TEXT NOT NULL"
  ");"
  "CREATE INDEX bookings_by_start ON bookings (start_time, uid, end_time, status);"
  "CREATE INDEX bookings_by_update ON bookings (updated_at, uid, start_time, end_time, status);"
  "CREATE TABLE booking_data ("
  "  id INTEGER PRIMARY KEY REFERENCES bookings (id) ON DELETE CASCADE,"
  "  words TEXT NOT NULL,"
  "  json TEXT NOT NULL"
  ");"
  "CREATE TABLE booking_hosts ("
  "  booking_id INTEGER NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,"
  "  user_id INTEGER NOT NULL,"
  "  PRIMARY KEY (booking_id, user_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX booking_hosts_by_user ON booking_hosts (user_id, booking_id);"
  "CREATE VIRTUAL TABLE bookings_fts USING fts5 ("
  "  words, content = 'booking_data', content_rowid = 'id',"
  "  tokenize = 'ascii', prefix = '1 2 3', detail = 'none'"
  ");"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  kind TEXT NOT NULL,"
  "  booking_uid TEXT,"
  "  payload TEXT NOT NULL,"
  "  client_request_id TEXT NOT NULL,"
  "  state INTEGER NOT NULL,"
  "  attempts INTEGER NOT NULL,"
  "  last_error TEXT,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE sync_state ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE members ("
  "  position INTEGER PRIMARY KEY,"
  "  user_id INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  email TEXT NOT NULL,"
  "  display_email TEXT,"
  "  username TEXT,"
  "  time_zone TEXT,"
  "  language TEXT,"
  "  phone TEXT,"
  "  role TEXT"
  ");",

  /* version 2: what list rows, calendar blocks and the admin table show or
   * sort by, as real columns (filled by fill_columns() for older rows), so
   * that a window of rows is read and ordered without parsing any JSON;
   * the e-mail addresses of everyone on a booking, for "own bookings"; and
   * the bookings Cal.com sent that could not be read. */
  "ALTER TABLE bookings ADD COLUMN title TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE bookings ADD COLUMN client_name TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE bookings ADD COLUMN client_email TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE bookings ADD COLUMN client_key TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE bookings ADD COLUMN host_name TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE bookings ADD COLUMN host_email TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE bookings ADD COLUMN host_key TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE bookings ADD COLUMN event_type_id INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE bookings ADD COLUMN event_type_slug TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE bookings ADD COLUMN length INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE bookings ADD COLUMN location TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE bookings ADD COLUMN location_kind INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE bookings ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE bookings ADD COLUMN recurring INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE bookings ADD COLUMN attendee_count INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX bookings_by_length ON bookings (length, start_time, uid);"
  "CREATE INDEX bookings_by_client ON bookings (client_key, start_time, uid);"
  "CREATE INDEX bookings_by_host ON bookings (host_key, start_time, uid);"
  "CREATE INDEX bookings_by_event_type ON bookings (event_type_slug, start_time, uid);"
  "CREATE INDEX bookings_by_status ON bookings (status, start_time, uid);"
  "CREATE INDEX bookings_by_location ON bookings (location_kind, start_time, uid);"
  "CREATE INDEX bookings_by_created ON bookings (created_at, start_time, uid);"
  "CREATE INDEX bookings_by_event_type_id ON bookings (event_type_id, start_time, uid);"
  "CREATE TABLE booking_emails ("
  "  booking_id INTEGER NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,"
  "  email TEXT NOT NULL,"
  "  PRIMARY KEY (booking_id, email)"
  ") WITHOUT ROWID;"
  "CREATE INDEX booking_emails_by_email ON booking_emails (email, booking_id);"
  "CREATE TABLE rejected_bookings ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  json TEXT NOT NULL,"
  "  seen_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX rejected_bookings_by_uid ON rejected_bookings (uid);",

  /* version 3: what keeps every view's query within a frame. "own" marks the
   * account owner's own bookings (calbook_store_set_owner()), so that their
   * views walk a small index; booking_counts keeps the number of bookings
   * per status, so that counting a status view reads six rows; search_words
   * is every word the full-text index was ever given, so that a search word
   * can be looked up as the few whole words it begins instead of a prefix
   * query, which FTS5 answers by merging whole doclists. */
  "ALTER TABLE bookings ADD COLUMN own INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX bookings_own_by_start ON bookings (start_time, uid, end_time, status)"
  "  WHERE own != 0;"
  "CREATE TABLE booking_counts ("
  "  status INTEGER PRIMARY KEY,"
  "  n INTEGER NOT NULL"
  ");"
  "INSERT INTO booking_counts (status, n) VALUES (0, 0), (1, 0), (2, 0), (3, 0), (4, 0), (5, 0);"
  "UPDATE booking_counts SET n = (SELECT count(*) FROM bookings AS b"
  "  WHERE b.status = booking_counts.status);"
  "CREATE TRIGGER bookings_counted_in AFTER INSERT ON bookings BEGIN"
  "  UPDATE booking_counts SET n = n + 1 WHERE status = new.status;"
  "END;"
  "CREATE TRIGGER bookings_counted_out AFTER DELETE ON bookings BEGIN"
  "  UPDATE booking_counts SET n = n - 1 WHERE status = old.status;"
  "END;"
  "CREATE TRIGGER bookings_recounted AFTER UPDATE OF status ON bookings"
  "  WHEN old.status != new.status BEGIN"
  "  UPDATE booking_counts SET n = n - 1 WHERE status = old.status;"
  "  UPDATE booking_counts SET n = n + 1 WHERE status = new.status;"
  "END;"
  "CREATE TABLE search_words ("
  "  word TEXT PRIMARY KEY"
  ") WITHOUT ROWID;"
  "CREATE VIRTUAL TABLE temp.store_vocabulary USING fts5vocab (main, 'bookings_fts', 'row');"
  "INSERT INTO search_words (word) SELECT term FROM temp.store_vocabulary;"
  "DROP TABLE temp.store_vocabulary;",

  /* version 4: the longest booking from an index instead of a scan (range
   * views bound their walk by it), and the status index holding the end,
   * so that counting a status over a range never reads a row */
  "CREATE INDEX bookings_by_span ON bookings (end_time - start_time);"
  "DROP INDEX bookings_by_status;"
  "CREATE INDEX bookings_by_status ON bookings (status, start_time, uid, end_time);",

  /* version 5: updatedAt to the millisecond, which Cal.com compares by and
   * the monotonic upsert needs (two changes within one second); older rows
   * only knew the second */
  "ALTER TABLE bookings ADD COLUMN updated_ms INTEGER NOT NULL DEFAULT 0;"
  "UPDATE bookings SET updated_ms = updated_at * 1000;",

  /* version 6: whether the host or an attendee was a no-show, which a
   * calendar block shows from its summary; older rows get it from their
   * JSON (a text SQLite cannot read keeps 0, as it shows as damaged) */
  "ALTER TABLE bookings ADD COLUMN no_show INTEGER NOT NULL DEFAULT 0;"
  "UPDATE bookings SET no_show = coalesce ((SELECT json_extract (d.json, '$.absentHost') IS 1"
  "  OR EXISTS (SELECT 1 FROM json_each (d.json, '$.attendees') AS a"
  "    WHERE json_extract (a.value, '$.absent') IS 1)"
  "  FROM booking_data AS d WHERE d.id = bookings.id AND json_valid (d.json)), 0);",
};

#define LATEST_VERSION ((int) G_N_ELEMENTS (migrations) - 1)

/* Every table any version of the schema has. Anything else in a file with
 * our application id means someone else wrote into it: we keep out. */
static const char * const known_tables[] = {
  "bookings",
  "booking_data",
  "booking_emails",
  "booking_counts",
  "booking_hosts",
  "bookings_fts",
  "bookings_fts_config",
  "bookings_fts_content",
  "bookings_fts_data",
  "bookings_fts_docsize",
  "bookings_fts_idx",
  "members",
  "outbox",
  "rejected_bookings",
  "search_words",
  "sync_state",
  NULL,
};

/* What a booking query is made of; together they key its cached statement */
enum
{
  CLAUSE_STATUS      = 1 << 0,
  CLAUSE_USER        = 1 << 1,
  CLAUSE_BEFORE      = 1 << 2,
  CLAUSE_AFTER       = 1 << 3,
  CLAUSE_TEXT        = 1 << 4,
  CLAUSE_USER_EMAIL  = 1 << 5,
  CLAUSE_USERS       = 1 << 6,
  CLAUSE_EVENT_TYPES = 1 << 7,
  CLAUSE_RECURRING   = 1 << 8,
  QUERY_COUNT        = 1 << 9,
  QUERY_FROM_ROW     = 1 << 10,
  QUERY_BACKWARDS    = 1 << 11,
  QUERY_DESCENDING   = 1 << 12,
  QUERY_SUMMARIES    = 1 << 13,
  CLAUSE_OWN         = 1 << 14,
  CLAUSE_USER_EMAILS = 1 << 20,
  /* With QUERY_TEXT_WALK: how many words, bits 21 to 23 */
  QUERY_TEXT_WALK    = 1 << 30,
  QUERY_WORDS_SHIFT  = 21,
  QUERY_TEXT_FIRST   = 1 << 15,
  QUERY_ORDER_SHIFT  = 16,
  QUERY_STATUS_SHIFT = 24,
};

/* Past what an int holds (the key is a guint64): a page tests each row it
 * walks for the chosen members, instead of starting from their bookings */
#define QUERY_PEOPLE_PER_ROW (G_GUINT64_CONSTANT (1) << 32)

/* While a first sync's indexes wait (see defer_indexes()): no INDEXED BY,
 * and searches test each row's words instead of asking the empty
 * full-text index */
#define QUERY_UNINDEXED (G_GUINT64_CONSTANT (1) << 33)

/* For readers without a store (_calbook_store_append_filter_sql()): a
 * search asks the full-text index, or tests each row's words while the
 * indexes wait, in one text that serves both */
#define QUERY_TEXT_EITHER (G_GUINT64_CONSTANT (1) << 34)

/* A search with m matches among n bookings: reading the matches first and
 * sorting them costs about m row reads; walking the order's index and
 * testing rows costs about 100 n / m row tests, each some 2.5 times a read.
 * So the matches come first while m * m <= 250 n. */
#define TEXT_FIRST_FACTOR 250

/* A search word that begins at most this many indexed words is looked up
 * as those words; one that begins more stays a prefix query */
#define MAX_WORD_EXPANSION 16

/* How a filter is asked of SQLite */
typedef struct
{
  guint      clauses;
  /* The statuses, when CLAUSE_STATUS: they are part of the SQL text */
  guint      statuses;
  char      *fts_query;
  /* The search words, for a page that tests them row by row */
  GPtrArray *words;
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->fts_query, g_free);
  g_clear_pointer (&plan->words, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

/* The orders a list can have: a CalbookBookingColumn, or the old "last
 * updated first". Each walks its own index: (key, start_time, uid), or
 * (start_time, uid) for the start, or (updated_at, uid) for updates. */
#define ORDER_UPDATED CALBOOK_BOOKING_N_COLUMNS

static const struct
{
  const char *key;
  const char *index;
} orders[] = {
  [CALBOOK_BOOKING_COLUMN_DEFAULT] = { NULL, "bookings_by_start" },
  [CALBOOK_BOOKING_COLUMN_START] = { NULL, "bookings_by_start" },
  [CALBOOK_BOOKING_COLUMN_LENGTH] = { "length", "bookings_by_length" },
  [CALBOOK_BOOKING_COLUMN_CLIENT] = { "client_key", "bookings_by_client" },
  [CALBOOK_BOOKING_COLUMN_HOST] = { "host_key", "bookings_by_host" },
  [CALBOOK_BOOKING_COLUMN_EVENT_TYPE] = { "event_type_slug", "bookings_by_event_type" },
  [CALBOOK_BOOKING_COLUMN_STATUS] = { "status", "bookings_by_status" },
  [CALBOOK_BOOKING_COLUMN_LOCATION] = { "location_kind", "bookings_by_location" },
  [CALBOOK_BOOKING_COLUMN_CREATED] = { "created_at", "bookings_by_created" },
  [ORDER_UPDATED] = { "updated_at", "bookings_by_update" },
};

#define SQL_BEGIN "BEGIN IMMEDIATE"
#define SQL_COMMIT "COMMIT"
#define SQL_ROLLBACK "ROLLBACK"
#define SQL_SYNCHRONOUS_NORMAL "PRAGMA synchronous = NORMAL"
#define SQL_SYNCHRONOUS_FULL "PRAGMA synchronous = FULL"

/* A cached statement, reset (not finalized) when it goes out of scope */
typedef sqlite3_stmt StoreStatement;

static void
release_statement (StoreStatement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreStatement, release_statement)

/* Auxiliary methods */

static void
set_sqlite_error (CalbookStore  *self,
                  GError       **error,
                  int            rc,
                  const char    *what)
{
  int primary = rc & 0xff;
  int code = CALBOOK_STORE_ERROR_QUERY;

  g_assert (CALBOOK_IS_STORE (self));

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    code = CALBOOK_STORE_ERROR_CORRUPT;
  else if (primary == SQLITE_CANTOPEN || primary == SQLITE_PERM)
    code = CALBOOK_STORE_ERROR_OPEN;

  g_set_error (error, CALBOOK_STORE_ERROR, code,
               /* Translators: the first %s is what failed, the second the database's message */
               _("%s in “%s”: %s"),
               what, self->path,
               self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
}

static StoreStatement *
prepare_statement (CalbookStore  *self,
                   GHashTable    *cache,
                   gpointer       key,
                   const char    *sql,
                   GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (CALBOOK_IS_STORE (self));
  g_assert (sql != NULL);

  stmt = g_hash_table_lookup (cache, key);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc, _("Could not prepare a statement"));
      return NULL;
    }

  g_hash_table_insert (cache, key, stmt);
  return stmt;
}

static StoreStatement *
get_statement (CalbookStore  *self,
               const char    *sql,
               GError       **error)
{
  return prepare_statement (self, self->statements, (gpointer) sql, sql, error);
}

/* Runs a statement that returns no rows (or whose rows are not needed) */
static gboolean
run_statement (CalbookStore    *self,
               StoreStatement  *stmt,
               const char      *what,
               GError         **error)
{
  int rc;

  g_assert (stmt != NULL);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, what);
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_sql (CalbookStore  *self,
         const char    *sql,
         const char    *what,
         GError       **error)
{
  g_autoptr(StoreStatement) stmt = get_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  return run_statement (self, stmt, what, error);
}

static gboolean
begin_transaction (CalbookStore  *self,
                   GError       **error)
{
  return run_sql (self, SQL_BEGIN, _("Could not start a transaction"), error);
}

static gboolean
commit_transaction (CalbookStore  *self,
                    GError       **error)
{
  return run_sql (self, SQL_COMMIT, _("Could not save the changes"), error);
}

static void
rollback_transaction (CalbookStore *self)
{
  /* Words added in the transaction are gone with it */
  if (self->known_words != NULL)
    g_hash_table_remove_all (self->known_words);

  /* After some errors SQLite has already rolled back on its own */
  if (sqlite3_get_autocommit (self->db))
    return;

  if (!run_sql (self, SQL_ROLLBACK, "rollback", NULL))
    g_warning ("Could not roll back a transaction in %s", self->path);
}

/* The outbox holds changes the user made and Cal.com has not seen yet:
 * those writes wait until they are on disk, unlike the rest (see open()). */
static gboolean
begin_durable_write (CalbookStore  *self,
                     GError       **error)
{
  return run_sql (self, SQL_SYNCHRONOUS_FULL, _("Could not set up the database"), error);
}

static void
end_durable_write (CalbookStore *self)
{
  if (!run_sql (self, SQL_SYNCHRONOUS_NORMAL, "synchronous", NULL))
    g_warning ("Could not switch %s back to normal synchronous writes", self->path);
}

static void
bind_text (StoreStatement *stmt,
           const char     *name,
           const char     *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  g_assert (index > 0);

  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_int64 (StoreStatement *stmt,
            const char     *name,
            gint64          value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  g_assert (index > 0);
  sqlite3_bind_int64 (stmt, index, value);
}

static char *
dup_column_text (StoreStatement *stmt,
                 int             column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* Runs a PRAGMA that answers with one integer */
static gboolean
query_pragma_int (CalbookStore  *self,
                  const char    *sql,
                  gint64        *out_value,
                  GError       **error)
{
  g_autoptr(StoreStatement) stmt = get_statement (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error, rc, _("Could not read the database"));
      return FALSE;
    }

  *out_value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static void
set_corrupt_error (CalbookStore  *self,
                   GError       **error,
                   const char    *detail)
{
  g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT,
               _("The Calbook database “%s” is damaged or is not a database (%s). "
                 "It was left as it is."),
               self->path, detail);
}

/* Makes sure the file is one of ours (or empty) before anything is written
 * to it. Errors leave the file exactly as it was. */
static gboolean
inspect_file (CalbookStore  *self,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(StoreStatement) tables = NULL;
  gint64 application_id = 0;
  gint64 version = 0;
  gboolean has_tables = FALSE;
  gboolean has_unknown = FALSE;
  int rc;

  g_assert (CALBOOK_IS_STORE (self));

  if (!query_pragma_int (self, "PRAGMA application_id", &application_id, &local_error) ||
      !query_pragma_int (self, "PRAGMA user_version", &version, &local_error))
    {
      if (g_error_matches (local_error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT))
        set_corrupt_error (self, error, sqlite3_errmsg (self->db));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  tables = get_statement (self,
                          "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')"
                          " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                          &local_error);
  if (tables == NULL)
    {
      if (g_error_matches (local_error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT))
        set_corrupt_error (self, error, sqlite3_errmsg (self->db));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  while ((rc = sqlite3_step (tables)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);

      has_tables = TRUE;
      if (name == NULL || !g_strv_contains ((const char * const *) known_tables, name))
        has_unknown = TRUE;
    }

  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        set_corrupt_error (self, error, sqlite3_errmsg (self->db));
      else
        set_sqlite_error (self, error, rc, _("Could not read the database"));
      return FALSE;
    }

  if ((application_id == 0 && has_tables) ||
      (application_id != 0 && application_id != CALBOOK_APPLICATION_ID))
    {
      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_FOREIGN,
                   _("“%s” is a database of another application, not Calbook’s. "
                     "It was left as it is."),
                   self->path);
      return FALSE;
    }

  if (version > LATEST_VERSION)
    {
      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_TOO_NEW,
                   _("The Calbook database “%s” was written by a newer version of Calbook "
                     "(schema %lld, this version knows up to %d). "
                     "It was left as it is."),
                   self->path, (long long) version, LATEST_VERSION);
      return FALSE;
    }

  if (has_unknown)
    {
      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_FOREIGN,
                   _("The Calbook database “%s” holds tables Calbook does not know. "
                     "It was left as it is."),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_check (CalbookStore  *self,
           const char    *sql,
           GError       **error)
{
  g_autoptr(StoreStatement) stmt = get_statement (self, sql, error);
  g_autoptr(GString) problems = NULL;
  gboolean damaged = FALSE;
  int rc;

  if (stmt == NULL)
    {
      if (error != NULL && g_error_matches (*error, CALBOOK_STORE_ERROR,
                                            CALBOOK_STORE_ERROR_CORRUPT))
        {
          g_clear_error (error);
          set_corrupt_error (self, error, sqlite3_errmsg (self->db));
        }
      return FALSE;
    }

  problems = g_string_new (NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") == 0)
        continue;
      damaged = TRUE;
      /* integrity_check heads its list with the database's name, which
       * tells the user nothing */
      if (line != NULL && g_str_has_prefix (line, "*** "))
        continue;
      /* The first few lines say enough */
      if (problems->len < 400)
        {
          if (problems->len > 0)
            g_string_append (problems, "; ");
          g_string_append (problems, line != NULL ? line : "?");
        }
    }

  if (rc != SQLITE_DONE)
    {
      set_corrupt_error (self, error, sqlite3_errmsg (self->db));
      return FALSE;
    }

  if (damaged)
    {
      set_corrupt_error (self, error, problems->len > 0 ? problems->str : "?");
      return FALSE;
    }

  return TRUE;
}

static gboolean fill_columns (CalbookStore  *self,
                              GError       **error);
static gboolean write_state  (CalbookStore  *self,
                              const char    *key,
                              const char    *value,
                              GError       **error);

static gboolean
write_last_full_check (CalbookStore  *self,
                       GError       **error)
{
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT,
                                          g_get_real_time () / G_USEC_PER_SEC);

  return write_state (self, STATE_LAST_FULL_CHECK, now, error);
}

/* Counts this connection in its file's session; the first connection of
 * the process tells whether the file was closed cleanly (@wal_left) */
static void
join_session (CalbookStore *self,
              gboolean      wal_left)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&sessions_lock);
  Session *session;

  g_assert (CALBOOK_IS_STORE (self));

  if (sessions == NULL)
    sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  session = g_hash_table_lookup (sessions, self->path);
  if (session == NULL)
    {
      session = g_new0 (Session, 1);
      session->unclean = wal_left;
      g_hash_table_insert (sessions, g_strdup (self->path), session);

      /* Tests read these lines: whether a start pays for a check */
      if (wal_left)
        g_debug ("%s was not closed cleanly last time", self->path);
      else
        g_debug ("%s was closed cleanly last time", self->path);
    }

  session->connections++;
  self->in_session = TRUE;
}

/* Returns TRUE when this was the process's last connection to the file and
 * the check an unclean shutdown called for has not passed: then the WAL
 * must stay, so that the next start still knows to check */
static gboolean
leave_session (CalbookStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&sessions_lock);
  Session *session;
  gboolean keep_wal = FALSE;

  if (!self->in_session)
    return FALSE;

  self->in_session = FALSE;
  session = g_hash_table_lookup (sessions, self->path);
  g_return_val_if_fail (session != NULL, FALSE);

  if (--session->connections == 0)
    {
      keep_wal = session->unclean;
      g_hash_table_remove (sessions, self->path);
    }

  return keep_wal;
}

/* A check passed: the file is known sound for this session */
static void
end_unclean_session (CalbookStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&sessions_lock);
  Session *session = sessions != NULL ? g_hash_table_lookup (sessions, self->path) : NULL;

  if (session != NULL)
    session->unclean = FALSE;
}

static gboolean
migrate (CalbookStore  *self,
         GError       **error)
{
  g_assert (CALBOOK_IS_STORE (self));

  for (int target = 1; target <= LATEST_VERSION; target++)
    {
      g_autofree char *set_version = NULL;
      char *message = NULL;
      gint64 version = 0;
      int rc;

      if (!begin_transaction (self, error))
        return FALSE;

      /* Read again inside the transaction: another connection (the sync's)
       * may have migrated the file meanwhile. */
      if (!query_pragma_int (self, "PRAGMA user_version", &version, error))
        {
          rollback_transaction (self);
          return FALSE;
        }

      if (version >= target)
        {
          rollback_transaction (self);
          continue;
        }

      /* target comes from the table above, never from outside */
      set_version = g_strdup_printf ("PRAGMA user_version = %d", target);

      rc = sqlite3_exec (self->db, migrations[target], NULL, NULL, &message);
      if (rc == SQLITE_OK && target == 2 && !fill_columns (self, error))
        {
          rollback_transaction (self);
          return FALSE;
        }
      /* A new file has nothing to check yet */
      if (rc == SQLITE_OK && target == 1 && !write_last_full_check (self, error))
        {
          rollback_transaction (self);
          return FALSE;
        }
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (self->db, set_version, NULL, NULL, &message);

      if (rc != SQLITE_OK)
        {
          g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_QUERY,
                       _("Could not update the Calbook database “%s” to schema %d: %s"),
                       self->path, target, message != NULL ? message : sqlite3_errstr (rc));
          sqlite3_free (message);
          rollback_transaction (self);
          return FALSE;
        }

      if (!commit_transaction (self, error))
        {
          rollback_transaction (self);
          return FALSE;
        }

      g_debug ("Updated %s to schema %d", self->path, target);
    }

  return TRUE;
}

static gboolean
ensure_file (const char  *path,
             GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_OPEN,
                   _("Could not create the folder “%s”: %s"),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  /* Create the file ourselves so that it is private before SQLite writes a
   * single byte into it; SQLite gives its -wal and -shm files the same mode. */
  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST)
        return TRUE;

      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_OPEN,
                   _("Could not create the Calbook database “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  /* The umask may have taken bits away, never added any; make it exact */
  if (fchmod (fd, 0600) != 0)
    g_warning ("Could not set the mode of %s: %s", path, g_strerror (errno));

  return g_close (fd, error);
}

static void
append_account_text (GString    *account,
                     const char *text)
{
  g_assert (account != NULL);

  if (text == NULL)
    return;

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = *p;

      if (g_ascii_isalnum (c) || c == '.' || c == '-')
        g_string_append_c (account, g_ascii_tolower (c));
      else if (account->len > 0 && account->str[account->len - 1] != '_')
        g_string_append_c (account, '_');
    }
}

/* The row (json, uid) of the booking @uid, to be released by the caller;
 * %NULL without @error when there is none */
static StoreStatement *
find_booking_row (CalbookStore  *self,
                  const char    *uid,
                  GError       **error)
{
  StoreStatement *stmt;
  int rc;

  stmt = get_statement (self, "SELECT d.json, b.uid FROM bookings AS b"
                        " JOIN booking_data AS d ON d.id = b.id WHERE b.uid = :uid", error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, ":uid", uid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return stmt;

  if (rc != SQLITE_DONE)
    set_sqlite_error (self, error, rc, _("Could not read a booking"));
  release_statement (stmt);

  return NULL;
}

static CalbookBooking *
booking_from_row (CalbookStore    *self,
                  StoreStatement  *stmt,
                  GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *json = (const char *) sqlite3_column_text (stmt, 0);
  const char *uid = (const char *) sqlite3_column_text (stmt, 1);
  CalbookBooking *booking;

  booking = calbook_booking_new_from_json_string (json != NULL ? json : "", -1, &local_error);
  if (booking == NULL)
    {
      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT,
                   _("The booking “%s” stored in “%s” is damaged: %s"),
                   uid != NULL ? uid : "?", self->path, local_error->message);
      return NULL;
    }

  return booking;
}

/* What a summary is read from; summary_from_row() takes them in this order */
#define SUMMARY_COLUMNS \
  "r.uid, r.title, r.start_time, r.end_time, r.updated_at, r.created_at, r.status," \
  " r.api_status, r.client_name, r.client_email, r.client_key, r.host_name, r.host_email," \
  " r.host_key, r.event_type_id, r.event_type_slug, r.length, r.location, r.location_kind," \
  " r.attendee_count, r.recurring, r.no_show"

static CalbookBookingSummary *
summary_from_row (StoreStatement *stmt)
{
  CalbookBookingSummaryFields fields;

#define TEXT(i) ((const char *) sqlite3_column_text (stmt, (i)))
  fields.uid = TEXT (0);
  fields.title = TEXT (1);
  fields.start = sqlite3_column_int64 (stmt, 2);
  fields.end = sqlite3_column_int64 (stmt, 3);
  fields.updated_at = sqlite3_column_int64 (stmt, 4);
  fields.created_at = sqlite3_column_int64 (stmt, 5);
  fields.status = sqlite3_column_int (stmt, 6);
  fields.api_status = TEXT (7);
  fields.client_name = TEXT (8);
  fields.client_email = TEXT (9);
  fields.client_key = TEXT (10);
  fields.host_name = TEXT (11);
  fields.host_email = TEXT (12);
  fields.host_key = TEXT (13);
  fields.event_type_id = sqlite3_column_int64 (stmt, 14);
  fields.event_type_slug = TEXT (15);
  fields.length = sqlite3_column_int64 (stmt, 16);
  fields.location = TEXT (17);
  fields.location_kind = sqlite3_column_int (stmt, 18);
  fields.attendee_count = sqlite3_column_int64 (stmt, 19);
  fields.recurring = sqlite3_column_int (stmt, 20) != 0;
  fields.no_show = sqlite3_column_int (stmt, 21) != 0;
#undef TEXT

  /* end_time is start + 1 for a booking that ends when it starts (see the
   * schema): the summary gives the booking's own end */
  if (fields.end == fields.start + 1)
    fields.end = fields.start;

  return _calbook_booking_summary_new (&fields);
}

/* Whether another connection committed since @version was read; reads the
 * current version into @version */
static gboolean
data_changed (CalbookStore *self,
              gint64       *version)
{
  gint64 now = 0;

  if (!query_pragma_int (self, "PRAGMA data_version", &now, NULL))
    return TRUE;

  if (now == *version)
    return FALSE;

  *version = now;
  return TRUE;
}

/*
 * A first sync into an empty store writes its bookings without the
 * secondary indexes and without the full-text index, and builds them when
 * the pass ends (see defer_indexes()): sorting once is far cheaper than
 * putting 100,000 entries one by one at random places of 15 B-trees. While
 * this key is in sync_state (its value: the SQL that makes the indexes
 * again), queries name no index and test each row's words, and writes leave
 * the full-text index alone. It goes in the same transaction as the
 * indexes, both ways, so a pass that stops half-way (even a crash) leaves
 * the file in one state or the other, and the next pass goes on from there.
 */
#define STATE_DEFERRED_INDEXES "store.deferred-indexes"

/* Whether the indexes wait, read again when another connection wrote since;
 * this connection keeps self->deferred up to date itself */
static gboolean
indexes_deferred (CalbookStore *self)
{
  gint64 deferred = 0;

  if (!data_changed (self, &self->deferred_data_version))
    return self->deferred;

  /* Unreadable: the indexes are taken as there, as they nearly always are */
  if (query_pragma_int (self,
                        "SELECT EXISTS (SELECT 1 FROM sync_state WHERE key = '"
                        STATE_DEFERRED_INDEXES "')",
                        &deferred, NULL))
    self->deferred = deferred != 0;

  return self->deferred;
}

#define STATE_OWNER_ID "store.owner-id"
#define STATE_OWNER_EMAIL "store.owner-email"

/* Reads who "own" means, again when another connection wrote since */
static gboolean
load_owner (CalbookStore  *self,
            GError       **error)
{
  g_autofree char *id = NULL;
  g_autofree char *email = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!data_changed (self, &self->owner_data_version) && self->owner_loaded)
    return TRUE;

  id = calbook_store_get_state (self, STATE_OWNER_ID, &local_error);
  if (local_error == NULL)
    email = calbook_store_get_state (self, STATE_OWNER_EMAIL, &local_error);
  if (local_error != NULL)
    {
      self->owner_loaded = FALSE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->owner_known = id != NULL;
  self->owner_id = id != NULL ? g_ascii_strtoll (id, NULL, 10) : 0;
  g_free (self->owner_email);
  self->owner_email = g_steal_pointer (&email);
  self->owner_loaded = TRUE;

  return TRUE;
}

/* The FTS5 query for @words: each word is looked up in search_words and
 * becomes the whole words it begins, when they are few (FTS5 finds a whole
 * word's rows directly, where a prefix query merges the lists of every word
 * it begins), or stays a prefix query otherwise. Without a store, prefix
 * queries throughout. */
static char *
dup_fts_query (CalbookStore  *self,
               GPtrArray     *words)
{
  g_autoptr(GString) query = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      g_autoptr(GPtrArray) whole = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(StoreStatement) stmt = NULL;

      if (self != NULL)
        stmt = get_statement (self,
                              "SELECT word FROM search_words WHERE word >= :word AND word < :end"
                              " ORDER BY word LIMIT " G_STRINGIFY (MAX_WORD_EXPANSION) " + 1",
                              NULL);
      if (stmt != NULL)
        {
          /* No byte of UTF-8 text is 0xf5 or more: the range holds exactly
           * the words that begin with word */
          g_autofree char *end = g_strconcat (word, "\xf5", NULL);

          bind_text (stmt, ":word", word);
          bind_text (stmt, ":end", end);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            g_ptr_array_add (whole, dup_column_text (stmt, 0));
        }

      /* FTS5 wants the AND spelled out between parenthesized groups */
      if (i > 0)
        g_string_append (query, " AND ");

      /* Words hold only letters and digits, so never a quote */
      if (stmt == NULL || whole->len > MAX_WORD_EXPANSION)
        {
          g_string_append_printf (query, "\"%s\"*", word);
        }
      else if (whole->len == 0)
        {
          /* Begins no word: the query matches nothing, as it should */
          g_string_append_printf (query, "\"%s\"", word);
        }
      else
        {
          g_string_append_c (query, '(');
          for (guint k = 0; k < whole->len; k++)
            g_string_append_printf (query, "%s\"%s\"", k > 0 ? " OR " : "",
                                    (const char *) g_ptr_array_index (whole, k));
          g_string_append_c (query, ')');
        }
    }

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* Whether the filter's user is the owner the "own" column marks */
static gboolean
is_owner (CalbookStore               *self,
          const CalbookBookingFilter *filter)
{
  g_autofree char *email = NULL;

  if (self == NULL || !load_owner (self, NULL) || !self->owner_known)
    return FALSE;

  email = _calbook_booking_column_dup_email_key (filter->user_email);
  return filter->user_id == self->owner_id && g_strcmp0 (email, self->owner_email) == 0;
}

/* How to ask for @filter; @self may be %NULL (another connection) */
static void
plan_query (CalbookStore               *self,
            const CalbookBookingFilter *filter,
            Plan                       *plan)
{
  memset (plan, 0, sizeof *plan);

  if (filter == NULL)
    return;

  /* Every status is no condition at all */
  if (filter->status_mask != 0 &&
      (filter->status_mask & CALBOOK_BOOKING_STATUS_MASK_ALL) != CALBOOK_BOOKING_STATUS_MASK_ALL)
    {
      plan->clauses |= CLAUSE_STATUS;
      plan->statuses = filter->status_mask & CALBOOK_BOOKING_STATUS_MASK_ALL;
    }
  if (filter->user_id != 0 && is_owner (self, filter))
    plan->clauses |= CLAUSE_OWN;
  else if (filter->user_id != 0)
    plan->clauses |= CLAUSE_USER;
  if (filter->user_id != 0 && filter->user_email != NULL && filter->user_email[0] != '\0' &&
      !(plan->clauses & CLAUSE_OWN))
    plan->clauses |= CLAUSE_USER_EMAIL;
  if (filter->user_ids != NULL && filter->user_ids->len > 0)
    plan->clauses |= CLAUSE_USERS;
  if (filter->user_emails != NULL && filter->user_emails->len > 0)
    plan->clauses |= CLAUSE_USER_EMAILS;
  if (filter->event_type_ids != NULL && filter->event_type_ids->len > 0)
    plan->clauses |= CLAUSE_EVENT_TYPES;
  if (filter->recurring_only)
    plan->clauses |= CLAUSE_RECURRING;
  if (filter->range_end != G_MAXINT64)
    plan->clauses |= CLAUSE_BEFORE;
  if (filter->range_start != G_MININT64)
    plan->clauses |= CLAUSE_AFTER;

  {
    g_autoptr(GPtrArray) words = _calbook_booking_filter_dup_search_words (filter->text, NULL);

    if (words->len > 0)
      {
        plan->fts_query = dup_fts_query (self, words);
        plan->clauses |= CLAUSE_TEXT;
        plan->words = g_steal_pointer (&words);
      }
  }
}

/* Which of orders[] a filter asks for, and which way */
static guint
get_order (const CalbookBookingFilter *filter,
           gboolean                   *out_descending)
{
  *out_descending = FALSE;

  if (filter == NULL)
    return CALBOOK_BOOKING_COLUMN_START;

  if (filter->sort_column > CALBOOK_BOOKING_COLUMN_DEFAULT &&
      filter->sort_column < CALBOOK_BOOKING_N_COLUMNS)
    {
      *out_descending = !!filter->sort_descending;
      return filter->sort_column;
    }

  switch (filter->sort)
    {
    case CALBOOK_BOOKING_SORT_START_DESC:
      *out_descending = TRUE;
      return CALBOOK_BOOKING_COLUMN_START;
    case CALBOOK_BOOKING_SORT_UPDATED_DESC:
      *out_descending = TRUE;
      return ORDER_UPDATED;
    case CALBOOK_BOOKING_SORT_START_ASC:
    default:
      return CALBOOK_BOOKING_COLUMN_START;
    }
}

/* Appends the order's columns, each with @direction (when not %NULL) and
 * @prefix; table and column names are fixed names from this file */
static void
append_order_columns (GString    *sql,
                      guint       order,
                      const char *prefix,
                      const char *direction)
{
  const char *suffix = direction != NULL ? direction : "";
  const char *space = direction != NULL ? " " : "";

  g_assert (order < G_N_ELEMENTS (orders));

  if (orders[order].key != NULL)
    g_string_append_printf (sql, "%s%s%s%s, ", prefix, orders[order].key, space, suffix);
  if (order != ORDER_UPDATED)
    g_string_append_printf (sql, "%sstart_time%s%s, ", prefix, space, suffix);
  g_string_append_printf (sql, "%suid%s%s", prefix, space, suffix);
}

static void
append_order (GString    *sql,
              guint       order,
              gboolean    descending,
              const char *prefix)
{
  g_string_append (sql, " ORDER BY ");
  append_order_columns (sql, order, prefix, descending ? "DESC" : "ASC");
}

static void
append_statuses (GString *sql,
                 guint    statuses)
{
  gboolean first = TRUE;

  g_string_append_c (sql, '(');
  for (guint status = 0; status <= CALBOOK_BOOKING_STATUS_OTHER; status++)
    {
      if (statuses & CALBOOK_BOOKING_STATUS_MASK (status))
        {
          g_string_append_printf (sql, "%s%u", first ? "" : ", ", status);
          first = FALSE;
        }
    }
  /* Only statuses no booking has */
  if (first)
    g_string_append (sql, "NULL");
  g_string_append_c (sql, ')');
}

/* The conditions of @clauses on `bookings AS b`, each " AND …"; the
 * statuses are few and written out, so that an index on them can be used */
static void
append_clauses (GString *sql,
                guint64  clauses,
                guint    statuses,
                guint    n_words)
{
  if (clauses & CLAUSE_STATUS)
    {
      g_string_append (sql, " AND b.status IN ");
      append_statuses (sql, statuses);
    }
  if (clauses & CLAUSE_OWN)
    g_string_append (sql, " AND b.own != 0");
  if (clauses & CLAUSE_USER)
    {
      g_string_append (sql, " AND b.id IN (SELECT h.booking_id FROM booking_hosts AS h"
                            " WHERE h.user_id = :user");
      if (clauses & CLAUSE_USER_EMAIL)
        g_string_append (sql, " UNION SELECT e.booking_id FROM booking_emails AS e"
                              " WHERE e.email = :email");
      g_string_append (sql, ")");
    }
  if ((clauses & (CLAUSE_USERS | CLAUSE_USER_EMAILS)) && (clauses & QUERY_PEOPLE_PER_ROW))
    {
      /* A page that walks an order: each row is looked up among its hosts
       * and people, by their primary keys (a page stops after its rows,
       * where the set of all the members' bookings would be built whole) */
      g_string_append (sql, " AND (");
      if (clauses & CLAUSE_USERS)
        g_string_append (sql, "EXISTS (SELECT 1 FROM booking_hosts AS h WHERE h.booking_id = b.id"
                              " AND h.user_id IN (SELECT value FROM json_each (:users)))");
      if ((clauses & CLAUSE_USERS) && (clauses & CLAUSE_USER_EMAILS))
        g_string_append (sql, " OR ");
      if (clauses & CLAUSE_USER_EMAILS)
        g_string_append (sql, "EXISTS (SELECT 1 FROM booking_emails AS e WHERE e.booking_id = b.id"
                              " AND e.email IN (SELECT value FROM json_each (:user_emails)))");
      g_string_append (sql, ")");
    }
  else if (clauses & (CLAUSE_USERS | CLAUSE_USER_EMAILS))
    {
      g_string_append (sql, " AND b.id IN (");
      if (clauses & CLAUSE_USERS)
        g_string_append (sql, "SELECT h.booking_id FROM booking_hosts AS h"
                              " WHERE h.user_id IN (SELECT value FROM json_each (:users))");
      if ((clauses & CLAUSE_USERS) && (clauses & CLAUSE_USER_EMAILS))
        g_string_append (sql, " UNION ");
      if (clauses & CLAUSE_USER_EMAILS)
        g_string_append (sql, "SELECT e.booking_id FROM booking_emails AS e"
                              " WHERE e.email IN (SELECT value FROM json_each (:user_emails))");
      g_string_append (sql, ")");
    }
  if (clauses & CLAUSE_EVENT_TYPES)
    g_string_append (sql, " AND b.event_type_id IN (SELECT value FROM json_each (:event_types))");
  if (clauses & CLAUSE_RECURRING)
    g_string_append (sql, " AND b.recurring != 0");
  if (clauses & CLAUSE_BEFORE)
    g_string_append (sql, " AND b.start_time < :before");
  if (clauses & CLAUSE_AFTER)
    g_string_append (sql, " AND b.end_time > :after AND b.start_time >= :after_floor");
  if ((clauses & CLAUSE_TEXT) && (clauses & QUERY_TEXT_WALK))
    {
      /* Many matches: the page tests the rows it walks, each word the
       * beginning of one of the row's words (the words are kept lower-case
       * and made only of letters and digits, and LIKE lowers only ASCII,
       * so this is the text rule itself) */
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM booking_data AS w WHERE w.id = b.id");
      for (guint i = 0; i < n_words; i++)
        g_string_append_printf (sql, " AND (' ' || w.words) LIKE :word%u", i);
      g_string_append (sql, ")");
    }
  else if ((clauses & CLAUSE_TEXT) && (clauses & QUERY_TEXT_EITHER))
    {
      /* The second part walks booking_data only for the row of sync_state
       * that says the indexes wait: with the index there, it reads one
       * missing key (CROSS JOIN keeps that order) */
      g_string_append (sql, " AND b.id IN (SELECT f.rowid FROM bookings_fts AS f"
                            " WHERE bookings_fts MATCH :text"
                            " UNION ALL SELECT w.id FROM sync_state AS s"
                            " CROSS JOIN booking_data AS w"
                            " WHERE s.key = '" STATE_DEFERRED_INDEXES "'");
      for (guint i = 0; i < n_words; i++)
        g_string_append_printf (sql, " AND (' ' || w.words) LIKE :word%u", i);
      g_string_append (sql, ")");
    }
  else if (clauses & CLAUSE_TEXT)
    {
      g_string_append (sql, " AND b.id IN (SELECT f.rowid FROM bookings_fts AS f"
                            " WHERE bookings_fts MATCH :text)");
    }

}

static char *
build_query_sql (guint64  clauses,
                 guint    statuses,
                 guint    n_words,
                 guint    order,
                 gboolean descending)
{
  GString *sql = g_string_new (NULL);
  gboolean walk_descending = descending != !!(clauses & QUERY_BACKWARDS);
  const char *index = orders[order].index;

  /* Only fixed fragments go into the text; every value is bound.
   *
   * A page walks the covering index of its sort order and reads the JSON of
   * the rows it returns only: the planner would otherwise start from the
   * full-text matches and sort them all, which is much slower for common
   * prefixes and deep offsets. */
  if (clauses == (QUERY_COUNT | CLAUSE_TEXT))
    {
      /* Each booking has exactly one row in the index: counting its
       * matches is enough, and saves building the set of their ids */
      g_string_append (sql, "SELECT count(*) FROM bookings_fts WHERE bookings_fts MATCH :text");
      return g_string_free (sql, FALSE);
    }

  /* Statuses alone: the kept numbers (see schema 3) */
  if ((clauses & ~(CLAUSE_STATUS | QUERY_UNINDEXED)) == QUERY_COUNT)
    {
      g_string_append (sql, "SELECT coalesce (sum (c.n), 0) FROM booking_counts AS c");
      if (clauses & CLAUSE_STATUS)
        {
          g_string_append (sql, " WHERE c.status IN ");
          append_statuses (sql, statuses);
        }
      return g_string_free (sql, FALSE);
    }

  /* One's own bookings by start: the small index of theirs */
  if ((clauses & CLAUSE_OWN) && order == CALBOOK_BOOKING_COLUMN_START)
    index = "bookings_own_by_start";

  if ((clauses & QUERY_COUNT) && (clauses & QUERY_UNINDEXED))
    {
      g_string_append (sql, "SELECT count(*) FROM bookings AS b WHERE 1");
    }
  else if (clauses & QUERY_COUNT)
    {
      /* The index that holds what the conditions read, so that counting
       * never looks up rows: the planner would take the status index for a
       * status and a range, and read every row for its end */
      if (clauses & CLAUSE_OWN)
        g_string_append (sql, "SELECT count(*) FROM bookings AS b"
                              " INDEXED BY bookings_own_by_start WHERE 1");
      else if ((clauses & CLAUSE_STATUS) && (clauses & (CLAUSE_BEFORE | CLAUSE_AFTER)))
        g_string_append (sql, "SELECT count(*) FROM bookings AS b"
                              " INDEXED BY bookings_by_status WHERE 1");
      else if (clauses & (CLAUSE_BEFORE | CLAUSE_AFTER))
        g_string_append (sql, "SELECT count(*) FROM bookings AS b"
                              " INDEXED BY bookings_by_start WHERE 1");
      else
        g_string_append (sql, "SELECT count(*) FROM bookings AS b WHERE 1");
    }
  else
    {
      if (clauses & QUERY_SUMMARIES)
        g_string_append (sql, "SELECT " SUMMARY_COLUMNS " FROM (SELECT b.id, ");
      else
        g_string_append (sql, "SELECT d.json, p.uid FROM (SELECT b.id, ");
      append_order_columns (sql, order, "b.", NULL);
      /* A few matches of a search, or a few bookings of the chosen members:
       * read them by rowid and sort them, instead of walking the whole order
       * to find them */
      if ((clauses & QUERY_TEXT_FIRST) ||
          ((clauses & (CLAUSE_USERS | CLAUSE_USER_EMAILS)) && !(clauses & QUERY_PEOPLE_PER_ROW)))
        g_string_append (sql, " FROM bookings AS b NOT INDEXED WHERE 1");
      else if (clauses & QUERY_UNINDEXED)
        g_string_append (sql, " FROM bookings AS b WHERE 1");
      else
        g_string_append_printf (sql, " FROM bookings AS b INDEXED BY %s WHERE 1", index);
    }

  append_clauses (sql, clauses, statuses, n_words);

  /* Rows after a known one in the walking direction: a seek in the index
   * instead of counting off an offset */
  if (clauses & QUERY_FROM_ROW)
    {
      g_string_append (sql, " AND (");
      append_order_columns (sql, order, "b.", NULL);
      g_string_append_printf (sql, ") %s (", walk_descending ? "<" : ">");
      if (orders[order].key != NULL)
        g_string_append (sql, ":key, ");
      if (order != ORDER_UPDATED)
        g_string_append (sql, ":key_start, ");
      g_string_append (sql, ":key_uid)");
    }

  if (!(clauses & QUERY_COUNT))
    {
      append_order (sql, order, walk_descending, "b.");
      if (clauses & QUERY_SUMMARIES)
        g_string_append (sql, " LIMIT :limit OFFSET :offset) AS p"
                              " JOIN bookings AS r ON r.id = p.id");
      else
        g_string_append (sql, " LIMIT :limit OFFSET :offset) AS p"
                              " JOIN booking_data AS d ON d.id = p.id");
      append_order (sql, order, walk_descending, "p.");
    }

  return g_string_free (sql, FALSE);
}

static gboolean
get_max_span (CalbookStore  *self,
              gint64        *out_span,
              GError       **error)
{
  gint64 data_version = 0;
  gint64 span = 0;

  g_assert (CALBOOK_IS_STORE (self));

  /* data_version changes when another connection commits; our own writes
   * clear max_span_known themselves */
  if (!query_pragma_int (self, "PRAGMA data_version", &data_version, error))
    return FALSE;

  if (!self->max_span_known || self->max_span_data_version != data_version)
    {
      if (!query_pragma_int (self,
                             "SELECT coalesce (max (end_time - start_time), 1) FROM bookings",
                             &span, error))
        return FALSE;

      self->max_span = MAX (span, 1);
      self->max_span_data_version = data_version;
      self->max_span_known = TRUE;
    }

  *out_span = self->max_span;
  return TRUE;
}

/* A JSON array of the ids, for json_each() */
static char *
dup_ids_json (const GArray *ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

/* A JSON array of the e-mail addresses as stored, for json_each() */
static char *
dup_emails_json (const GPtrArray *emails)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; emails != NULL && i < emails->len; i++)
    {
      g_autofree char *key = _calbook_booking_column_dup_email_key (g_ptr_array_index (emails, i));

      if (key != NULL)
        json_builder_add_string_value (builder, key);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* Where a row stands in an order: what a seek continues from */
typedef struct
{
  const char *uid;
  gint64      start;
  gint64      updated_at;
  gint64      number;
  char       *text;
} RowKey;

static void
row_key_clear (RowKey *key)
{
  g_clear_pointer (&key->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RowKey, row_key_clear)

static void
row_key_init (RowKey   *key,
              guint     order,
              gpointer  row)
{
  memset (key, 0, sizeof *key);

  if (CALBOOK_IS_BOOKING_SUMMARY (row))
    {
      CalbookBookingSummary *summary = row;

      key->uid = calbook_booking_summary_get_uid (summary);
      key->start = calbook_booking_summary_get_start (summary);
      key->updated_at = calbook_booking_summary_get_updated_at (summary);
      switch (order)
        {
        case CALBOOK_BOOKING_COLUMN_LENGTH:
          key->number = calbook_booking_summary_get_length (summary);
          break;
        case CALBOOK_BOOKING_COLUMN_STATUS:
          key->number = calbook_booking_summary_get_status (summary);
          break;
        case CALBOOK_BOOKING_COLUMN_LOCATION:
          key->number = calbook_booking_summary_get_location_kind (summary);
          break;
        case CALBOOK_BOOKING_COLUMN_CREATED:
          key->number = calbook_booking_summary_get_created_at (summary);
          break;
        case CALBOOK_BOOKING_COLUMN_CLIENT:
          key->text = g_strdup (_calbook_booking_summary_get_client_key (summary));
          break;
        case CALBOOK_BOOKING_COLUMN_HOST:
          key->text = g_strdup (_calbook_booking_summary_get_host_key (summary));
          break;
        case CALBOOK_BOOKING_COLUMN_EVENT_TYPE:
          key->text = g_strdup (calbook_booking_summary_get_event_type_slug (summary));
          break;
        default:
          break;
        }
    }
  else
    {
      CalbookBooking *booking = row;

      g_assert (CALBOOK_IS_BOOKING (booking));

      key->uid = calbook_booking_get_uid (booking);
      key->start = calbook_booking_get_start (booking);
      key->updated_at = calbook_booking_get_updated_at (booking);
      if (order < CALBOOK_BOOKING_N_COLUMNS && _calbook_booking_column_is_text (order))
        key->text = _calbook_booking_column_dup_text (order, booking);
      else if (order < CALBOOK_BOOKING_N_COLUMNS)
        key->number = _calbook_booking_column_get_number (order, booking);
    }
}

static void
bind_from_row (StoreStatement *stmt,
               guint           order,
               const RowKey   *from)
{
  if (order == ORDER_UPDATED)
    {
      bind_int64 (stmt, ":key", from->updated_at);
    }
  else
    {
      bind_int64 (stmt, ":key_start", from->start);
      if (orders[order].key != NULL && _calbook_booking_column_is_text (order))
        bind_text (stmt, ":key", from->text != NULL ? from->text : "");
      else if (orders[order].key != NULL)
        bind_int64 (stmt, ":key", from->number);
    }

  bind_text (stmt, ":key_uid", from->uid);
}

/* Binds the values of the clauses plan_query() found in @filter; @span is
 * the longest booking (see get_max_span()) */
static void
bind_clauses (StoreStatement             *stmt,
              guint64                     clauses,
              const CalbookBookingFilter *filter,
              const char                 *fts_query,
              GPtrArray                  *words,
              gint64                      span)
{
  if (clauses & CLAUSE_USER)
    {
      /* calbook_booking_involves_user(): an unknown id matches nobody */
      if (filter->user_id > 0)
        bind_int64 (stmt, ":user", filter->user_id);
      else
        bind_text (stmt, ":user", NULL);
    }
  if (clauses & CLAUSE_USER_EMAIL)
    {
      g_autofree char *email = _calbook_booking_column_dup_email_key (filter->user_email);

      bind_text (stmt, ":email", email);
    }
  if (clauses & CLAUSE_USERS)
    {
      g_autofree char *ids = dup_ids_json (filter->user_ids);

      bind_text (stmt, ":users", ids);
    }
  if (clauses & CLAUSE_USER_EMAILS)
    {
      g_autofree char *emails = dup_emails_json (filter->user_emails);

      bind_text (stmt, ":user_emails", emails);
    }
  if (clauses & CLAUSE_EVENT_TYPES)
    {
      g_autofree char *ids = dup_ids_json (filter->event_type_ids);

      bind_text (stmt, ":event_types", ids);
    }
  if (clauses & CLAUSE_BEFORE)
    bind_int64 (stmt, ":before", filter->range_end);
  if (clauses & CLAUSE_AFTER)
    {
      bind_int64 (stmt, ":after", filter->range_start);
      /* end_time - start_time <= span, so end_time > after needs
       * start_time > after - span: the same rows, from a range of the index */
      bind_int64 (stmt, ":after_floor",
                  filter->range_start > G_MININT64 + span ? filter->range_start - span
                                                          : G_MININT64);
    }
  if ((clauses & CLAUSE_TEXT) && (clauses & (QUERY_TEXT_WALK | QUERY_TEXT_EITHER)))
    {
      for (guint i = 0; i < words->len; i++)
        {
          g_autofree char *name = g_strdup_printf (":word%u", i);
          g_autofree char *pattern = g_strdup_printf ("%% %s%%",
                                                      (const char *) g_ptr_array_index (words, i));

          bind_text (stmt, name, pattern);
        }
    }
  if ((clauses & CLAUSE_TEXT) && !(clauses & QUERY_TEXT_WALK))
    bind_text (stmt, ":text", fts_query);
}

/* How many bookings the full-text query matches, remembered until a write */
static gboolean
count_text_matches (CalbookStore  *self,
                    const char    *fts_query,
                    gint64        *out_count,
                    GError       **error)
{
  g_autoptr(StoreStatement) stmt = NULL;
  int rc;

  if (data_changed (self, &self->text_count_data_version))
    g_clear_pointer (&self->text_count_query, g_free);

  if (g_strcmp0 (self->text_count_query, fts_query) == 0)
    {
      *out_count = self->text_count;
      return TRUE;
    }

  stmt = get_statement (self, "SELECT count(*) FROM bookings_fts WHERE bookings_fts MATCH :text",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, ":text", fts_query);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error, rc, _("Could not search the bookings"));
      return FALSE;
    }

  g_free (self->text_count_query);
  self->text_count_query = g_strdup (fts_query);
  self->text_count = *out_count = sqlite3_column_int64 (stmt, 0);

  return TRUE;
}

/* One member's bookings (by id, or by e-mail address), in id order */
typedef struct
{
  sqlite3_stmt *stmt;
  gint64        current;
} PeopleCursor;

static void
people_cursor_free (PeopleCursor *cursor)
{
  sqlite3_finalize (cursor->stmt);
  g_free (cursor);
}

/* Reads the cursor's next booking id; FALSE at its end or on an error */
static gboolean
people_cursor_next (PeopleCursor *cursor,
                    int          *out_rc)
{
  *out_rc = sqlite3_step (cursor->stmt);
  if (*out_rc != SQLITE_ROW)
    return FALSE;

  cursor->current = sqlite3_column_int64 (cursor->stmt, 0);
  return TRUE;
}

/* The cursor on its first row; %NULL when there is none. @out_rc is
 * SQLITE_DONE unless something failed */
static PeopleCursor *
people_cursor_new (CalbookStore  *self,
                   const char    *sql,
                   gint64         id,
                   const char    *email,
                   int           *out_rc)
{
  PeopleCursor *cursor = g_new0 (PeopleCursor, 1);

  *out_rc = sqlite3_prepare_v2 (self->db, sql, -1, &cursor->stmt, NULL);
  if (*out_rc == SQLITE_OK)
    *out_rc = email != NULL ? sqlite3_bind_text (cursor->stmt, 1, email, -1, SQLITE_TRANSIENT)
                            : sqlite3_bind_int64 (cursor->stmt, 1, id);
  if (*out_rc == SQLITE_OK && people_cursor_next (cursor, out_rc))
    {
      *out_rc = SQLITE_DONE;
      return cursor;
    }

  /* SQLITE_DONE: they are on no booking */
  people_cursor_free (cursor);
  return NULL;
}

/*
 * How many bookings the filter's members (user_ids, user_emails) are on,
 * remembered until a write. Each member's bookings come from their index in
 * id order, and the lists are merged here: SQLite would build the set of
 * them all first (a UNION or a DISTINCT), some 10 times the work.
 */
static gboolean
count_people_bookings (CalbookStore               *self,
                       const CalbookBookingFilter *filter,
                       gint64                     *out_count,
                       GError                    **error)
{
  g_autoptr(GPtrArray) cursors = g_ptr_array_new_with_free_func ((GDestroyNotify) people_cursor_free);
  g_autofree char *ids = NULL;
  g_autofree char *emails = NULL;
  g_autofree char *key = NULL;
  gint64 count = 0;
  gint64 last = 0;
  int rc = SQLITE_DONE;

  ids = filter->user_ids != NULL ? dup_ids_json (filter->user_ids) : g_strdup ("[]");
  emails = dup_emails_json (filter->user_emails);
  key = g_strconcat (ids, "\n", emails, NULL);

  if (data_changed (self, &self->people_count_data_version))
    g_clear_pointer (&self->people_count_key, g_free);

  if (g_strcmp0 (self->people_count_key, key) == 0)
    {
      *out_count = self->people_count;
      return TRUE;
    }

  for (guint i = 0; filter->user_ids != NULL && i < filter->user_ids->len && rc == SQLITE_DONE; i++)
    {
      PeopleCursor *cursor =
        people_cursor_new (self, "SELECT booking_id FROM booking_hosts WHERE user_id = ?1"
                                 " ORDER BY booking_id",
                           g_array_index (filter->user_ids, gint64, i), NULL, &rc);

      if (cursor != NULL)
        g_ptr_array_add (cursors, cursor);
    }
  for (guint i = 0; filter->user_emails != NULL && i < filter->user_emails->len && rc == SQLITE_DONE; i++)
    {
      g_autofree char *email =
        _calbook_booking_column_dup_email_key (g_ptr_array_index (filter->user_emails, i));
      PeopleCursor *cursor = NULL;

      if (email != NULL)
        cursor = people_cursor_new (self, "SELECT booking_id FROM booking_emails WHERE email = ?1"
                                          " ORDER BY booking_id",
                                    0, email, &rc);
      if (cursor != NULL)
        g_ptr_array_add (cursors, cursor);
    }

  /* The smallest id of all lists, once, until every list is read */
  while (cursors->len > 0 && rc == SQLITE_DONE)
    {
      PeopleCursor *lowest = g_ptr_array_index (cursors, 0);

      for (guint i = 1; i < cursors->len; i++)
        {
          PeopleCursor *cursor = g_ptr_array_index (cursors, i);

          if (cursor->current < lowest->current)
            lowest = cursor;
        }

      if (count == 0 || lowest->current != last)
        count++;
      last = lowest->current;

      if (people_cursor_next (lowest, &rc))
        rc = SQLITE_DONE;
      else if (rc == SQLITE_DONE)
        g_ptr_array_remove_fast (cursors, lowest);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("Could not count the bookings"));
      return FALSE;
    }

  g_free (self->people_count_key);
  self->people_count_key = g_steal_pointer (&key);
  self->people_count = *out_count = count;

  return TRUE;
}

/* How many bookings there are, from the kept numbers; 0 when unknown */
static gint64
count_all (CalbookStore *self)
{
  gint64 count = 0;

  if (!query_pragma_int (self, "SELECT coalesce (sum (n), 0) FROM booking_counts", &count, NULL))
    return 0;

  return count;
}

/* Whether to start from @matches rows rather than walk the order: reading
 * them costs about @matches row lookups and a sort, walking about
 * n / @matches rows per row of a page (see TEXT_FIRST_FACTOR) */
static gboolean
start_from_matches (CalbookStore *self,
                    gint64        matches,
                    gint64        first_max)
{
  if (first_max >= 0)
    return matches <= first_max;

  return matches * matches <= TEXT_FIRST_FACTOR * count_all (self);
}

static void
forget_counts (CalbookStore *self)
{
  self->max_span_known = FALSE;
  g_clear_pointer (&self->text_count_query, g_free);
  g_clear_pointer (&self->people_count_key, g_free);
}

static StoreStatement *
prepare_query (CalbookStore               *self,
               const CalbookBookingFilter *filter,
               guint                       kind,
               gpointer                    from,
               gboolean                    backwards,
               GError                    **error)
{
  g_auto(RowKey) from_key = { NULL, };
  g_auto(Plan) plan = { 0, };
  g_autofree char *sql = NULL;
  StoreStatement *stmt;
  gboolean descending;
  gint64 span = 1;
  guint64 clauses;
  guint order;
  guint64 key;

  g_assert (CALBOOK_IS_STORE (self));

  plan_query (self, filter, &plan);
  clauses = plan.clauses | kind;
  if (from != NULL)
    clauses |= QUERY_FROM_ROW;
  if (from != NULL && backwards)
    clauses |= QUERY_BACKWARDS;
  if (indexes_deferred (self))
    clauses |= QUERY_UNINDEXED;

  /* A page of a search with few matches starts from them (see
   * build_query_sql()); counting them first is cheap and remembered.
   * Without the full-text index, rows are tested one by one. */
  if ((clauses & CLAUSE_TEXT) && (clauses & QUERY_UNINDEXED))
    clauses |= QUERY_TEXT_WALK;
  else if ((clauses & CLAUSE_TEXT) && !(clauses & QUERY_COUNT))
    {
      gint64 matches;

      if (!count_text_matches (self, plan.fts_query, &matches, error))
        return NULL;
      if (start_from_matches (self, matches, self->text_first_max))
        clauses |= QUERY_TEXT_FIRST;
      else
        clauses |= QUERY_TEXT_WALK;
    }

  /* The same for the bookings of the chosen members; when a search's few
   * matches come first, each is looked up among its people */
  if ((clauses & (CLAUSE_USERS | CLAUSE_USER_EMAILS)) && !(clauses & QUERY_COUNT))
    {
      gint64 bookings_of_people;

      if (clauses & QUERY_TEXT_FIRST)
        {
          clauses |= QUERY_PEOPLE_PER_ROW;
        }
      else
        {
          if (!count_people_bookings (self, filter, &bookings_of_people, error))
            return NULL;
          if (!start_from_matches (self, bookings_of_people, self->people_first_max))
            clauses |= QUERY_PEOPLE_PER_ROW;
        }
    }

  order = get_order (filter, &descending);

  key = clauses | ((guint64) order << QUERY_ORDER_SHIFT) | (descending ? QUERY_DESCENDING : 0) |
        ((guint64) plan.statuses << QUERY_STATUS_SHIFT);
  if (clauses & QUERY_TEXT_WALK)
    key |= (guint64) (plan.words->len - 1) << QUERY_WORDS_SHIFT;
  stmt = g_hash_table_lookup (self->query_statements, &key);
  if (stmt == NULL)
    {
      g_autofree guint64 *stored_key = g_memdup2 (&key, sizeof key);

      sql = build_query_sql (clauses, plan.statuses,
                             plan.words != NULL ? plan.words->len : 0, order, descending);
      stmt = prepare_statement (self, self->query_statements, stored_key, sql, error);
      if (stmt == NULL)
        return NULL;
      g_steal_pointer (&stored_key);
    }

  if (clauses & CLAUSE_AFTER)
    {
      if (!get_max_span (self, &span, error))
        {
          release_statement (stmt);
          return NULL;
        }
    }

  bind_clauses (stmt, clauses, filter, plan.fts_query, plan.words, span);
  if (clauses & QUERY_FROM_ROW)
    {
      row_key_init (&from_key, order, from);
      bind_from_row (stmt, order, &from_key);
    }

  return stmt;
}

/* Binds the values of the columns rows show and sort by; the statement
 * names every one of them */
static void
bind_columns (StoreStatement *stmt,
              CalbookBooking *booking)
{
  CalbookPerson *client = calbook_booking_column_get_client (booking);
  CalbookPerson *host = calbook_booking_column_get_host (booking);
  g_autofree char *client_key = _calbook_booking_column_dup_person_key (client);
  g_autofree char *host_key = _calbook_booking_column_dup_person_key (host);
  g_autofree char *event_type = _calbook_booking_column_dup_text (CALBOOK_BOOKING_COLUMN_EVENT_TYPE,
                                                                  booking);
  const char *title = calbook_booking_get_title (booking);
  const char *location = calbook_booking_get_location (booking);

  bind_text (stmt, ":title", title != NULL ? title : "");
  bind_text (stmt, ":client_name", client != NULL && client->name != NULL ? client->name : "");
  bind_text (stmt, ":client_email", client != NULL && client->email != NULL ? client->email : "");
  bind_text (stmt, ":client_key", client_key);
  bind_text (stmt, ":host_name", host != NULL && host->name != NULL ? host->name : "");
  bind_text (stmt, ":host_email", host != NULL && host->email != NULL ? host->email : "");
  bind_text (stmt, ":host_key", host_key);
  bind_int64 (stmt, ":event_type_id", calbook_booking_get_event_type_id (booking));
  bind_text (stmt, ":event_type_slug", event_type);
  bind_int64 (stmt, ":length",
              _calbook_booking_column_get_number (CALBOOK_BOOKING_COLUMN_LENGTH, booking));
  bind_text (stmt, ":location", location != NULL ? location : "");
  bind_int64 (stmt, ":location_kind",
              _calbook_booking_column_get_number (CALBOOK_BOOKING_COLUMN_LOCATION, booking));
  bind_int64 (stmt, ":created",
              _calbook_booking_column_get_number (CALBOOK_BOOKING_COLUMN_CREATED, booking));
  bind_int64 (stmt, ":recurring", calbook_booking_get_recurring_booking_uid (booking) != NULL);
  bind_int64 (stmt, ":attendee_count", calbook_booking_get_attendees (booking)->len);
}

/* The same rule as the JSON's in schema 6 */
static gboolean
is_no_show (CalbookBooking *booking)
{
  GPtrArray *attendees = calbook_booking_get_attendees (booking);

  if (calbook_booking_get_absent_host (booking))
    return TRUE;

  for (guint i = 0; i < attendees->len; i++)
    {
      CalbookPerson *attendee = g_ptr_array_index (attendees, i);

      if (attendee->absent)
        return TRUE;
    }

  return FALSE;
}

static gboolean
add_email (CalbookStore  *self,
           gint64         booking_id,
           const char    *email,
           GError       **error)
{
  g_autofree char *key = _calbook_booking_column_dup_email_key (email);
  g_autoptr(StoreStatement) insert = NULL;

  if (key == NULL)
    return TRUE;

  insert = get_statement (self,
                          "INSERT OR IGNORE INTO booking_emails (booking_id, email)"
                          " VALUES (:id, :email)",
                          error);
  if (insert == NULL)
    return FALSE;

  bind_int64 (insert, ":id", booking_id);
  bind_text (insert, ":email", key);
  return run_statement (self, insert, _("Could not save the people of a booking"), error);
}

/* The people "own bookings" are found by: hosts by id, and everyone on the
 * booking by e-mail address (see calbook_booking_involves_user()) */
static gboolean
write_people (CalbookStore    *self,
              gint64           booking_id,
              CalbookBooking  *booking,
              gboolean         is_new,
              GError         **error)
{
  static const char * const clear[] = {
    "DELETE FROM booking_hosts WHERE booking_id = :id",
    "DELETE FROM booking_emails WHERE booking_id = :id",
  };
  GPtrArray *hosts = calbook_booking_get_hosts (booking);
  GPtrArray *attendees = calbook_booking_get_attendees (booking);
  GPtrArray *guests = calbook_booking_get_guests (booking);

  /* A new booking has nobody to forget */
  for (guint i = 0; !is_new && i < G_N_ELEMENTS (clear); i++)
    {
      g_autoptr(StoreStatement) stmt = get_statement (self, clear[i], error);

      if (stmt == NULL)
        return FALSE;

      bind_int64 (stmt, ":id", booking_id);
      if (!run_statement (self, stmt, _("Could not save the people of a booking"), error))
        return FALSE;
    }

  for (guint i = 0; i < hosts->len; i++)
    {
      CalbookPerson *host = g_ptr_array_index (hosts, i);
      g_autoptr(StoreStatement) insert = NULL;

      insert = get_statement (self,
                              "INSERT OR IGNORE INTO booking_hosts (booking_id, user_id)"
                              " VALUES (:id, :user)",
                              error);
      if (insert == NULL)
        return FALSE;

      bind_int64 (insert, ":id", booking_id);
      bind_int64 (insert, ":user", host->user_id);
      if (!run_statement (self, insert, _("Could not save the hosts of a booking"), error) ||
          !add_email (self, booking_id, host->email, error))
        return FALSE;
    }

  for (guint i = 0; i < attendees->len; i++)
    {
      CalbookPerson *attendee = g_ptr_array_index (attendees, i);

      if (!add_email (self, booking_id, attendee->email, error))
        return FALSE;
    }

  for (guint i = 0; i < guests->len; i++)
    {
      if (!add_email (self, booking_id, g_ptr_array_index (guests, i), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_rejected (CalbookStore  *self,
                const char    *uid,
                const char    *reason,
                const char    *json,
                GError       **error)
{
  g_autoptr(StoreStatement) clear = NULL;
  g_autoptr(StoreStatement) insert = NULL;

  g_assert (CALBOOK_IS_STORE (self));

  clear = get_statement (self, "DELETE FROM rejected_bookings WHERE uid = :uid", error);
  if (clear == NULL)
    return FALSE;
  bind_text (clear, ":uid", uid != NULL ? uid : "");
  if (uid != NULL && uid[0] != '\0' &&
      !run_statement (self, clear, _("Could not set a booking aside"), error))
    return FALSE;

  self->has_rejected = TRUE;
  insert = get_statement (self,
                          "INSERT INTO rejected_bookings (uid, reason, json, seen_at)"
                          " VALUES (:uid, :reason, :json, :seen_at)",
                          error);
  if (insert == NULL)
    return FALSE;

  bind_text (insert, ":uid", uid != NULL ? uid : "");
  bind_text (insert, ":reason", reason != NULL ? reason : "");
  bind_text (insert, ":json", json != NULL ? json : "");
  bind_int64 (insert, ":seen_at", g_get_real_time () / G_USEC_PER_SEC);
  return run_statement (self, insert, _("Could not set a booking aside"), error);
}

/* Called in a write transaction, before write_booking() */
static gboolean
read_has_rejected (CalbookStore  *self,
                   GError       **error)
{
  gint64 has_rejected = 1;

  if (!query_pragma_int (self, "SELECT EXISTS (SELECT 1 FROM rejected_bookings)", &has_rejected,
                         error))
    return FALSE;

  self->has_rejected = has_rejected != 0;
  return TRUE;
}

static gboolean
write_booking (CalbookStore    *self,
               CalbookBooking  *booking,
               GError         **error)
{
  g_autofree char *json = NULL;
  g_autofree char *words = NULL;
  const char *uid;
  gboolean is_new = FALSE;
  gboolean valid = FALSE;
  gint64 booking_id;
  gint64 start;
  gint64 end;
  int rc;

  g_assert (CALBOOK_IS_STORE (self));

  if (!CALBOOK_IS_BOOKING (booking))
    {
      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_QUERY,
                   _("Could not save a booking in “%s”: it is not a booking"), self->path);
      return FALSE;
    }

  uid = calbook_booking_get_uid (booking);
  json = calbook_booking_to_json_string (booking);

  if (!load_owner (self, error))
    return FALSE;

  /* A sync sees most bookings again unchanged (overlapping incremental
   * pages, full reconciliations): those need no write at all, as every
   * other column is derived from the JSON. Compared with what this page
   * staged first, so that when a uid comes twice the newest one wins.
   *
   * Never older over newer: a page read before a change of ours reached
   * Cal.com may arrive after its answer was stored. Equal stamps still
   * compare the text: Cal.com changes some things (attendees' no-show
   * marks) without a new updatedAt. */
  {
    g_autoptr(StoreStatement) stored = NULL;

    /* One row always: the stored booking's, if any, and whether the new
     * text is JSON SQLite can read (see below) */
    stored = get_statement (self,
                            "SELECT b.id, coalesce (p.json, d.json), b.updated_ms,"
                            " json_valid (:json) FROM (SELECT 1) AS one"
                            " LEFT JOIN bookings AS b ON b.uid = :uid"
                            " LEFT JOIN temp.page_data AS p ON p.id = b.id"
                            " LEFT JOIN booking_data AS d ON d.id = b.id",
                            error);
    if (stored == NULL)
      return FALSE;

    bind_text (stored, ":uid", uid);
    bind_text (stored, ":json", json);
    rc = sqlite3_step (stored);
    if (rc != SQLITE_ROW)
      {
        set_sqlite_error (self, error, rc, _("Could not read a booking"));
        return FALSE;
      }

    is_new = sqlite3_column_type (stored, 0) == SQLITE_NULL;
    booking_id = sqlite3_column_int64 (stored, 0);
    if (!is_new &&
        (calbook_booking_get_updated_at_ms (booking) < sqlite3_column_int64 (stored, 2) ||
         g_strcmp0 ((const char *) sqlite3_column_text (stored, 1), json) == 0))
      return TRUE;

    valid = sqlite3_column_int (stored, 3) == 1;
  }

  /* What is written must read back: a text the JSON writer got wrong is set
   * aside with the reason, and the rest of the page goes in */
  if (!valid)
    {
      g_debug ("Setting aside booking %s: its JSON text is not valid", uid);
      return write_rejected (self, uid, _("The booking could not be saved as valid JSON"), json,
                             error);
    }

  words = _calbook_booking_filter_dup_words (booking);
  start = calbook_booking_get_start (booking);
  end = calbook_booking_get_end (booking);
  if (end <= start && start < G_MAXINT64)
    end = start + 1;

  {
    g_autoptr(StoreStatement) upsert = NULL;
    const char *api_status = calbook_booking_get_api_status (booking);

    upsert = get_statement (self,
                            "INSERT INTO bookings (uid, start_time, end_time, updated_at, status,"
                            " api_status, title, client_name, client_email, client_key, host_name,"
                            " host_email, host_key, event_type_id, event_type_slug, length,"
                            " location, location_kind, created_at, recurring, attendee_count, own,"
                            " updated_ms, no_show)"
                            " VALUES (:uid, :start, :end, :updated, :status, :api_status, :title,"
                            " :client_name, :client_email, :client_key, :host_name, :host_email,"
                            " :host_key, :event_type_id, :event_type_slug, :length, :location,"
                            " :location_kind, :created, :recurring, :attendee_count, :own,"
                            " :updated_ms, :no_show)"
                            " ON CONFLICT (uid) DO UPDATE SET start_time = excluded.start_time,"
                            " end_time = excluded.end_time, updated_at = excluded.updated_at,"
                            " status = excluded.status, api_status = excluded.api_status,"
                            " title = excluded.title, client_name = excluded.client_name,"
                            " client_email = excluded.client_email,"
                            " client_key = excluded.client_key, host_name = excluded.host_name,"
                            " host_email = excluded.host_email, host_key = excluded.host_key,"
                            " event_type_id = excluded.event_type_id,"
                            " event_type_slug = excluded.event_type_slug,"
                            " length = excluded.length, location = excluded.location,"
                            " location_kind = excluded.location_kind,"
                            " created_at = excluded.created_at, recurring = excluded.recurring,"
                            " attendee_count = excluded.attendee_count, own = excluded.own,"
                            " updated_ms = excluded.updated_ms, no_show = excluded.no_show",
                            error);
    if (upsert == NULL)
      return FALSE;

    bind_text (upsert, ":uid", uid);
    bind_int64 (upsert, ":start", start);
    bind_int64 (upsert, ":end", end);
    bind_int64 (upsert, ":updated", calbook_booking_get_updated_at (booking));
    bind_int64 (upsert, ":updated_ms", calbook_booking_get_updated_at_ms (booking));
    bind_int64 (upsert, ":status", calbook_booking_get_status (booking));
    bind_text (upsert, ":api_status", api_status != NULL ? api_status : "");
    bind_columns (upsert, booking);
    bind_int64 (upsert, ":no_show", is_no_show (booking));
    bind_int64 (upsert, ":own",
                self->owner_known &&
                calbook_booking_involves_user (booking, self->owner_id, self->owner_email));

    rc = sqlite3_step (upsert);
    if (rc != SQLITE_DONE)
      {
        g_autofree char *what = g_strdup_printf (_("Could not save the booking “%s”"), uid);

        set_sqlite_error (self, error, rc, what);
        return FALSE;
      }

    /* Read above for a stored row (this transaction's own writes included);
     * not RETURNING, which costs a temporary table per row */
    if (is_new)
      booking_id = sqlite3_last_insert_rowid (self->db);
  }

  {
    g_autoptr(StoreStatement) data = NULL;

    /* Staged; write_staged_data() moves the whole page at once, for the
     * full-text index. While that waits, the text goes straight in. */
    if (self->deferred)
      data = get_statement (self,
                            "INSERT INTO booking_data (id, words, json) VALUES (:id, :words, :json)"
                            " ON CONFLICT (id) DO UPDATE SET words = excluded.words,"
                            " json = excluded.json",
                            error);
    else
      data = get_statement (self,
                            "INSERT INTO temp.page_data (id, words, json) VALUES (:id, :words, :json)"
                            " ON CONFLICT (id) DO UPDATE SET words = excluded.words,"
                            " json = excluded.json",
                            error);
    if (data == NULL)
      return FALSE;

    bind_int64 (data, ":id", booking_id);
    bind_text (data, ":words", words);
    bind_text (data, ":json", json);
    if (!run_statement (self, data, _("Could not save a booking"), error))
      return FALSE;
  }

  /* Every word the index is given, for dup_fts_query(); never removed,
   * as a word no booking has any more only costs a lookup. While the
   * indexes wait, they come from the full-text index once it is built. */
  if (!self->deferred)
  {
    g_auto(GStrv) each = g_strsplit (words, " ", -1);

    for (guint i = 0; each[i] != NULL; i++)
      {
        g_autoptr(StoreStatement) add = NULL;

        if (each[i][0] == '\0' || g_hash_table_contains (self->known_words, each[i]))
          continue;

        add = get_statement (self, "INSERT OR IGNORE INTO search_words (word) VALUES (:word)",
                             error);
        if (add == NULL)
          return FALSE;
        bind_text (add, ":word", each[i]);
        if (!run_statement (self, add, _("Could not save a booking"), error))
          return FALSE;
        g_hash_table_add (self->known_words, g_strdup (each[i]));
      }
  }

  /* Read now: whatever was set aside for this uid is out of date */
  if (self->has_rejected)
    {
      g_autoptr(StoreStatement) unreject = NULL;

      unreject = get_statement (self, "DELETE FROM rejected_bookings WHERE uid = :uid", error);
      if (unreject == NULL)
        return FALSE;
      bind_text (unreject, ":uid", uid);
      if (!run_statement (self, unreject, _("Could not save a booking"), error))
        return FALSE;
    }

  return write_people (self, booking_id, booking, is_new, error);
}

/* Schema 2 added columns that older rows must get from their JSON; a row
 * whose JSON cannot be read keeps the defaults and shows as damaged, as
 * it did before. Runs inside the schema step's transaction. */
static gboolean
fill_columns (CalbookStore  *self,
              GError       **error)
{
  g_autoptr(StoreStatement) rows = NULL;
  int rc;

  g_assert (CALBOOK_IS_STORE (self));

  rows = get_statement (self, "SELECT d.id, d.json FROM booking_data AS d", error);
  if (rows == NULL)
    return FALSE;

  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      const char *json = (const char *) sqlite3_column_text (rows, 1);
      gint64 booking_id = sqlite3_column_int64 (rows, 0);
      g_autoptr(CalbookBooking) booking = NULL;
      g_autoptr(StoreStatement) update = NULL;

      booking = calbook_booking_new_from_json_string (json != NULL ? json : "", -1, NULL);
      if (booking == NULL)
        continue;

      update = get_statement (self,
                              "UPDATE bookings SET title = :title, client_name = :client_name,"
                              " client_email = :client_email, client_key = :client_key,"
                              " host_name = :host_name, host_email = :host_email,"
                              " host_key = :host_key, event_type_id = :event_type_id,"
                              " event_type_slug = :event_type_slug, length = :length,"
                              " location = :location, location_kind = :location_kind,"
                              " created_at = :created, recurring = :recurring,"
                              " attendee_count = :attendee_count WHERE id = :id",
                              error);
      if (update == NULL)
        return FALSE;

      bind_columns (update, booking);
      bind_int64 (update, ":id", booking_id);
      if (!run_statement (self, update, _("Could not update a booking"), error) ||
          !write_people (self, booking_id, booking, FALSE, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("Could not read the bookings"));
      return FALSE;
    }

  return TRUE;
}

/* Moves the staged page into booking_data and the full-text index: the old
 * words of replaced bookings leave the index, the new ones enter it. */
static gboolean
write_staged_data (CalbookStore  *self,
                   GError       **error)
{
  static const char * const steps[] = {
    "INSERT INTO bookings_fts (bookings_fts, rowid, words)"
    " SELECT 'delete', d.id, d.words FROM booking_data AS d"
    " WHERE d.id IN (SELECT p.id FROM temp.page_data AS p)",
    "INSERT INTO booking_data (id, words, json)"
    " SELECT p.id, p.words, p.json FROM temp.page_data AS p WHERE 1"
    " ON CONFLICT (id) DO UPDATE SET words = excluded.words, json = excluded.json",
    "INSERT INTO bookings_fts (rowid, words) SELECT p.id, p.words FROM temp.page_data AS p",
    "DELETE FROM temp.page_data",
  };

  g_assert (CALBOOK_IS_STORE (self));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      /* While the indexes wait, the full-text index is built at the end */
      if (self->deferred && g_str_has_prefix (steps[i], "INSERT INTO bookings_fts"))
        continue;
      if (!run_sql (self, steps[i], _("Could not save the bookings"), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_state (CalbookStore  *self,
             const char    *key,
             const char    *value,
             GError       **error)
{
  g_autoptr(StoreStatement) stmt = NULL;

  g_assert (CALBOOK_IS_STORE (self));
  g_assert (key != NULL);

  if (value != NULL)
    {
      stmt = get_statement (self,
                            "INSERT INTO sync_state (key, value) VALUES (:key, :value)"
                            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, ":value", value);
    }
  else
    {
      stmt = get_statement (self, "DELETE FROM sync_state WHERE key = :key", error);
      if (stmt == NULL)
        return FALSE;
    }

  bind_text (stmt, ":key", key);
  return run_statement (self, stmt, _("Could not save the sync state"), error);
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const CalbookPerson *person_a = *(CalbookPerson * const *) a;
  const CalbookPerson *person_b = *(CalbookPerson * const *) b;
  g_autofree char *folded_a = g_utf8_casefold (person_a->name, -1);
  g_autofree char *folded_b = g_utf8_casefold (person_b->name, -1);
  int result;

  result = g_utf8_collate (folded_a, folded_b);
  if (result == 0)
    result = strcmp (person_a->name, person_b->name);
  if (result == 0)
    result = (person_a->user_id > person_b->user_id) - (person_a->user_id < person_b->user_id);

  return result;
}

/* A row of a listing, read into a new value */
typedef gpointer (*RowReader) (StoreStatement *stmt);

/* Runs @sql (no parameters) and reads each row with @read_row */
static GPtrArray *
read_rows (CalbookStore    *self,
           const char      *sql,
           RowReader        read_row,
           GDestroyNotify   free_row,
           const char      *what,
           GError         **error)
{
  g_autoptr(StoreStatement) stmt = get_statement (self, sql, error);
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func (free_row);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt));

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, what);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static gpointer
uid_from_row (StoreStatement *stmt)
{
  return dup_column_text (stmt, 0);
}

static gpointer
rejected_from_row (StoreStatement *stmt)
{
  CalbookRejectedBooking *entry = g_new0 (CalbookRejectedBooking, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->uid = dup_column_text (stmt, 1);
  entry->reason = dup_column_text (stmt, 2);
  entry->json = dup_column_text (stmt, 3);
  entry->seen_at = sqlite3_column_int64 (stmt, 4);
  return entry;
}

static gpointer
member_from_row (StoreStatement *stmt)
{
  CalbookPerson *member = calbook_person_new ((const char *) sqlite3_column_text (stmt, 1),
                                              (const char *) sqlite3_column_text (stmt, 2));

  member->user_id = sqlite3_column_int64 (stmt, 0);
  member->display_email = dup_column_text (stmt, 3);
  member->username = dup_column_text (stmt, 4);
  member->time_zone = dup_column_text (stmt, 5);
  member->language = dup_column_text (stmt, 6);
  member->phone = dup_column_text (stmt, 7);
  member->role = dup_column_text (stmt, 8);
  return member;
}

static gpointer
outbox_entry_from_row (StoreStatement *stmt)
{
  CalbookOutboxEntry *entry = g_new0 (CalbookOutboxEntry, 1);
  gint64 state = sqlite3_column_int64 (stmt, 5);
  gint64 attempts = sqlite3_column_int64 (stmt, 6);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->kind = dup_column_text (stmt, 1);
  entry->booking_uid = dup_column_text (stmt, 2);
  entry->payload = dup_column_text (stmt, 3);
  entry->client_request_id = dup_column_text (stmt, 4);
  /* An unknown state is not sent again on its own: the user decides */
  entry->state = (state >= CALBOOK_OUTBOX_STATE_QUEUED && state <= CALBOOK_OUTBOX_STATE_FAILED)
                 ? (CalbookOutboxState) state : CALBOOK_OUTBOX_STATE_FAILED;
  entry->attempts = (guint) CLAMP (attempts, 0, G_MAXUINT);
  entry->last_error = dup_column_text (stmt, 7);
  entry->created_at = sqlite3_column_int64 (stmt, 8);

  if (entry->kind == NULL)
    entry->kind = g_strdup ("");
  if (entry->payload == NULL)
    entry->payload = g_strdup ("{}");
  if (entry->client_request_id == NULL)
    entry->client_request_id = g_strdup ("");

  return entry;
}

static GPtrArray *
run_query (CalbookStore               *self,
           const CalbookBookingFilter *filter,
           guint                       kind,
           gpointer                    from,
           gboolean                    backwards,
           guint                       offset,
           guint                       limit,
           GError                    **error)
{
  g_autoptr(StoreStatement) stmt = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  int rc;

  g_assert (CALBOOK_IS_STORE (self));

  stmt = prepare_query (self, filter, kind, from, backwards, error);
  if (stmt == NULL)
    return NULL;

  bind_int64 (stmt, ":limit", limit == 0 ? -1 : (gint64) limit);
  bind_int64 (stmt, ":offset", offset);

  bookings = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer row = (kind & QUERY_SUMMARIES) ? (gpointer) summary_from_row (stmt)
                                              : (gpointer) booking_from_row (self, stmt, error);

      if (row == NULL)
        return NULL;
      g_ptr_array_add (bookings, row);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("Could not read the bookings"));
      return NULL;
    }

  return g_steal_pointer (&bookings);
}

/* GObject overrides */

static void
calbook_store_finalize (GObject *object)
{
  CalbookStore *self = (CalbookStore *) object;

  /* Closing the last connection checkpoints the WAL into the file and
   * deletes it, which is what tells the next start all went well */
  if (self->db != NULL && leave_session (self))
    {
      g_debug ("Keeping the WAL of %s: it was not checked yet", self->path);
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    }

  /* Finalizes every cached statement before the connection goes */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->query_statements, g_hash_table_unref);

  if (self->db != NULL)
    {
      int rc = sqlite3_close (self->db);

      if (rc != SQLITE_OK)
        g_warning ("Could not close %s: %s", self->path, sqlite3_errstr (rc));
      self->db = NULL;
      g_atomic_int_add (&open_connections, -1);
    }

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->owner_email, g_free);
  g_clear_pointer (&self->text_count_query, g_free);
  g_clear_pointer (&self->people_count_key, g_free);
  g_clear_pointer (&self->known_words, g_hash_table_unref);
  g_clear_pointer (&self->traced, g_ptr_array_unref);
  g_clear_error (&self->damage);
  /* No count runs: each holds the store */
  g_clear_object (&self->count_store);
  g_mutex_clear (&self->count_lock);

  G_OBJECT_CLASS (calbook_store_parent_class)->finalize (object);
}

static void
calbook_store_class_init (CalbookStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = calbook_store_finalize;
}

static void
calbook_store_init (CalbookStore *self)
{
  g_mutex_init (&self->count_lock);
  self->text_first_max = -1;
  self->people_first_max = -1;
  self->has_rejected = TRUE;
  self->known_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
  self->query_statements = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                  (GDestroyNotify) sqlite3_finalize);
}

/* Public API */

/**
 * calbook_store_build_path:
 * @base_url: the Cal.com API root, e.g. "https://api.cal.com"
 * @user_id: the signed-in Cal.com user's id
 *
 * Where the store of one account lives: one file per server and user, named
 * after the server's host, port and path and the user id, for instance
 * `~/.local/share/calbook/api.cal.com-1234.sqlite3`. Credentials, queries and
 * fragments in @base_url never reach the name.
 *
 * Returns: (transfer full): the path of the account's database file
 */
char *
calbook_store_build_path (const char *base_url,
                          gint64      user_id)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) account = NULL;
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      /* A base URL typed without a scheme, such as "cal.example.com" */
      g_autofree char *with_scheme = g_strconcat ("https://", base_url, NULL);

      g_clear_pointer (&uri, g_uri_unref);
      uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
    }

  account = g_string_new (NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0')
    {
      append_account_text (account, g_uri_get_host (uri));
      if (g_uri_get_port (uri) > 0)
        g_string_append_printf (account, "_%d", g_uri_get_port (uri));
      append_account_text (account, g_uri_get_path (uri));
    }

  /* Never the raw text: it may hold "user:password@" */
  while (account->len > 0 && account->str[account->len - 1] == '_')
    g_string_truncate (account, account->len - 1);
  if (account->len == 0 || account->str[0] == '.')
    g_string_prepend (account, "server");

  if (account->len > MAX_ACCOUNT_CHARS)
    {
      g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                                 account->str, -1);

      g_string_truncate (account, MAX_ACCOUNT_CHARS - 9);
      g_string_append_printf (account, "_%.8s", checksum);
    }

  file_name = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".sqlite3", account->str, user_id);
  return g_build_filename (g_get_user_data_dir (), "calbook", file_name, NULL);
}

/**
 * calbook_store_open:
 * @path: the database file; it and its folder are created when missing
 * @error: return location for a #CalbookStoreError
 *
 * Opens (and creates or updates the schema of) one account's database. The
 * folder is made with mode 0700 and the file with 0600. A file that is not a
 * Calbook database, whose header or schema is damaged, or that comes from a
 * newer Calbook is never changed: the error says which and names the file.
 *
 * Opening reads only the header and the schema, so its cost does not grow
 * with the number of bookings. Damage deeper in the file is found by
 * calbook_store_check_integrity(), which a writer should run before it
 * first writes (the sync does, in its worker thread).
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
CalbookStore *
calbook_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(CalbookStore) self = NULL;
  g_autofree char *journal_mode = NULL;
  gboolean wal_left;
  GStatBuf st;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_file (path, error))
    return NULL;

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);

    wal_left = g_file_test (wal, G_FILE_TEST_EXISTS);
  }

  self = g_object_new (CALBOOK_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* Counted from before it exists, so that quitting waits for a store
   * being opened in a worker thread too */
  g_atomic_int_inc (&open_connections);
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (self->db == NULL)
    g_atomic_int_add (&open_connections, -1);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_OPEN,
                   _("Could not open the Calbook database “%s”: %s"),
                   path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Closing the last connection would copy a leftover WAL into the file;
   * until we know the file is ours, nothing may change it. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  /* Only reads until we know the file is ours. Reading every page
   * (calbook_store_check_integrity()) would make opening a large store slow
   * on the UI's main thread; the sync runs it in its worker thread before it
   * first writes. */
  if (!inspect_file (self, error))
    return NULL;

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  if (!run_sql (self, "PRAGMA foreign_keys = ON", _("Could not set up the database"), error))
    return NULL;

  {
    g_autoptr(StoreStatement) stmt = get_statement (self, "PRAGMA journal_mode = WAL", error);

    if (stmt == NULL)
      return NULL;

    rc = sqlite3_step (stmt);
    if (rc != SQLITE_ROW)
      {
        set_sqlite_error (self, error, rc, _("Could not set up the database"));
        return NULL;
      }
    journal_mode = dup_column_text (stmt, 0);
  }

  if (g_ascii_strcasecmp (journal_mode != NULL ? journal_mode : "", "wal") != 0)
    g_warning ("%s is in %s journal mode instead of WAL", path, journal_mode);

  /* With WAL, NORMAL never corrupts the file; a power cut may only lose the
   * last pages of a sync, which the next sync fetches again. The outbox,
   * which holds the user's own work, switches to FULL for its writes. */
  if (!run_sql (self, SQL_SYNCHRONOUS_NORMAL, _("Could not set up the database"), error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  /* Per connection, never in the file: pages being written and uids being
   * removed. Kept in memory, so no booking ever lands in a temporary file. */
  if (!run_sql (self, "PRAGMA temp_store = MEMORY", _("Could not set up the database"), error) ||
      !run_sql (self,
                "CREATE TEMP TABLE page_data (id INTEGER PRIMARY KEY, words TEXT NOT NULL,"
                " json TEXT NOT NULL)",
                _("Could not set up the database"), error) ||
      !run_sql (self, "CREATE TEMP TABLE doomed_uids (uid TEXT PRIMARY KEY)",
                _("Could not set up the database"), error))
    return NULL;

  join_session (self, wal_left);

  /* An older copy may have been made readable by others; it is ours, so fix it */
  if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
    {
      if (g_chmod (path, 0600) != 0)
        g_warning ("Could not make %s private: %s", path, g_strerror (errno));
    }

  return g_steal_pointer (&self);
}

/**
 * calbook_store_get_path:
 * @self: a store
 *
 * Returns: the path of the database file
 */
const char *
calbook_store_get_path (CalbookStore *self)
{
  g_return_val_if_fail (CALBOOK_IS_STORE (self), NULL);

  return self->path;
}

/**
 * calbook_store_count_open_connections:
 *
 * How many stores of this process, on any file, are open: what an
 * application quitting waits to reach 0, so that each file is closed
 * cleanly (its WAL checkpointed and deleted) and the next start need not
 * check it. Thread-safe.
 *
 * Returns: the number of open stores
 */
guint
calbook_store_count_open_connections (void)
{
  return (guint) g_atomic_int_get (&open_connections);
}

/**
 * calbook_store_move_aside:
 * @path: a store file that could not be opened
 * @error: return location for a #CalbookStoreError
 *
 * Renames a damaged store, with the journal files SQLite keeps beside it,
 * to "<path>.damaged-<date>-<time>", so that a new store can be made at
 * @path and synced again. Nothing is deleted: changes not yet sent stay in
 * the moved file, which the `sqlite3` tool can still read as far as it is
 * readable.
 *
 * Returns: (transfer full) (nullable): the moved file's path, or %NULL
 *   with @error set (then nothing was moved)
 */
char *
calbook_store_move_aside (const char  *path,
                          GError     **error)
{
  static const char * const journals[] = { "-wal", "-shm", "-journal" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *moved = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  moved = g_strdup_printf ("%s.damaged-%s", path, stamp);
  for (guint n = 2; g_file_test (moved, G_FILE_TEST_EXISTS); n++)
    {
      g_free (moved);
      moved = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }

  if (g_rename (path, moved) != 0)
    {
      int saved = errno;

      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_OPEN,
                   _("Could not move “%s” aside: %s"), path, g_strerror (saved));
      return NULL;
    }

  /* The journals go with it, under the names SQLite looks for: a WAL may
   * hold the last changes */
  for (guint i = 0; i < G_N_ELEMENTS (journals); i++)
    {
      g_autofree char *from = g_strconcat (path, journals[i], NULL);
      g_autofree char *to = g_strconcat (moved, journals[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_warning ("Could not move “%s” aside: %s", from, g_strerror (errno));
    }

  return g_steal_pointer (&moved);
}

/**
 * calbook_store_check_integrity:
 * @self: a store
 * @error: return location for a #CalbookStoreError
 *
 * Runs SQLite's full integrity check, which reads every page (slow on large
 * files). Nothing is repaired.
 *
 * Returns: %TRUE when the database is sound; otherwise
 *   %CALBOOK_STORE_ERROR_CORRUPT with what is wrong
 */
gboolean
calbook_store_check_integrity (CalbookStore  *self,
                               GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!run_check (self, "PRAGMA integrity_check", error))
    return FALSE;

  /* The full-text index can disagree with its table while both are sound */
  if (!run_sql (self, "INSERT INTO bookings_fts (bookings_fts) VALUES ('integrity-check')",
                _("The search index is damaged"), &local_error))
    {
      set_corrupt_error (self, error, local_error->message);
      return FALSE;
    }

  end_unclean_session (self);
  if (!write_last_full_check (self, &local_error))
    g_debug ("Could not note the check of %s: %s", self->path, local_error->message);

  return TRUE;
}

/**
 * calbook_store_get_due_check:
 * @self: a store
 *
 * Which check the file needs, so that opening never pays for reading every
 * page: %CALBOOK_STORE_CHECK_QUICK when the last process that had it open
 * went away without closing it (run it before writing),
 * %CALBOOK_STORE_CHECK_FULL when the last full check passed more than a
 * week ago or never ran (run it when convenient, off the main thread, for
 * instance after a sync pass), %CALBOOK_STORE_CHECK_NONE otherwise.
 *
 * Returns: the check that is due
 */
CalbookStoreCheck
calbook_store_get_due_check (CalbookStore *self)
{
  g_autofree char *last_full = NULL;
  gboolean unclean = FALSE;
  gint64 last;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), CALBOOK_STORE_CHECK_FULL);

  g_mutex_lock (&sessions_lock);
  if (sessions != NULL)
    {
      Session *session = g_hash_table_lookup (sessions, self->path);

      unclean = session == NULL || session->unclean;
    }
  g_mutex_unlock (&sessions_lock);

  if (unclean)
    return CALBOOK_STORE_CHECK_QUICK;

  last_full = calbook_store_get_state (self, STATE_LAST_FULL_CHECK, NULL);
  last = last_full != NULL ? g_ascii_strtoll (last_full, NULL, 10) : 0;
  if (last <= 0 || g_get_real_time () / G_USEC_PER_SEC - last > FULL_CHECK_INTERVAL_S)
    return CALBOOK_STORE_CHECK_FULL;

  return CALBOOK_STORE_CHECK_NONE;
}

/**
 * calbook_store_run_check:
 * @self: a store
 * @check: which check
 * @error: return location for a #CalbookStoreError
 *
 * Runs @check: %CALBOOK_STORE_CHECK_QUICK is SQLite's quick_check (the
 * pages and their structure, not whether indexes agree with their tables),
 * %CALBOOK_STORE_CHECK_FULL is calbook_store_check_integrity(). Nothing is
 * repaired. A check that passes is no longer due.
 *
 * Returns: %TRUE when the database is sound; otherwise
 *   %CALBOOK_STORE_ERROR_CORRUPT with what is wrong
 */
gboolean
calbook_store_run_check (CalbookStore       *self,
                         CalbookStoreCheck   check,
                         GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (check)
    {
    case CALBOOK_STORE_CHECK_NONE:
      return TRUE;

    case CALBOOK_STORE_CHECK_QUICK:
      {
        gint64 started = g_get_monotonic_time ();

        ok = run_check (self, "PRAGMA quick_check", &local_error);
        /* Tests and profiles read this line */
        g_debug ("Quick check of %s %s in %" G_GINT64_FORMAT " ms", self->path,
                 ok ? "passed" : "failed", (g_get_monotonic_time () - started) / 1000);
        if (ok)
          end_unclean_session (self);
      }
      break;

    case CALBOOK_STORE_CHECK_FULL:
    default:
      ok = calbook_store_check_integrity (self, &local_error);
      break;
    }

  if (!ok)
    {
      if (g_error_matches (local_error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_CORRUPT) &&
          self->damage == NULL)
        self->damage = g_error_copy (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return ok;
}

/**
 * calbook_store_ensure_sound:
 * @self: a store
 * @error: return location for a #CalbookStoreError
 *
 * What a connection that writes calls before each job: the first time, the
 * check that is due before anything is written (the quick check after an
 * unclean shutdown, see calbook_store_get_due_check(); the full one is left
 * to a quiet moment). A damaged file is refused with
 * %CALBOOK_STORE_ERROR_CORRUPT from then on; a busy one is checked again
 * next time. Not thread-safe, like the rest of a store.
 *
 * Returns: %TRUE when the file may be written
 */
gboolean
calbook_store_ensure_sound (CalbookStore  *self,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->checked && self->damage == NULL)
    {
      if (calbook_store_get_due_check (self) != CALBOOK_STORE_CHECK_QUICK ||
          calbook_store_run_check (self, CALBOOK_STORE_CHECK_QUICK, &local_error))
        {
          self->checked = TRUE;
        }
      else if (self->damage == NULL)
        {
          /* Busy or out of memory: not known to be damaged */
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else
        {
          g_debug ("Store check failed: %s", local_error->message);
        }
    }

  if (self->damage != NULL)
    {
      g_propagate_error (error, g_error_copy (self->damage));
      return FALSE;
    }

  return TRUE;
}

/*
 * A page of 250 new bookings touches a leaf of every index of bookings, of
 * the people tables and of the full-text index, at random places. At
 * 100,000 bookings those indexes hold some tens of MB: with SQLite's
 * default 2 MB page cache, nearly every one of those leaves is read from
 * the file again (a pread() each) for every page, and the WAL, checkpointed
 * every 1,000 pages, copies most of them into the file (and syncs it) after
 * every page. So the cost per booking grew with the store's size. A first
 * sync writes none of those (see defer_indexes()), only the unique uid
 * index at random places and the tables at their ends: 32 MiB holds that
 * for far more than 100,000 bookings (measured at 100,000: the same CPU
 * as with 96 MiB, and half the peak memory), and the indexes of some
 * 60,000 for a full pass over a filled store, which mostly skips bookings
 * it finds unchanged. (Fixed texts: statements are cached by the address
 * of their SQL.)
 */
#define SQL_CACHE_BULK "PRAGMA cache_size = -32768" /* 32 MiB */
#define SQL_CACHE_DEFAULT "PRAGMA cache_size = -2000" /* SQLite's default */
#define SQL_CHECKPOINT_BULK "PRAGMA wal_autocheckpoint = 16384" /* 64 MiB of WAL */
#define SQL_CHECKPOINT_DEFAULT "PRAGMA wal_autocheckpoint = 1000"
#define SQL_WAL_LIMIT "PRAGMA journal_size_limit = 4194304" /* what is left on disk after it */

/* The tables whose own indexes a first sync builds at its end: the
 * bookings' sort and filter indexes, and the people's look-ups by person.
 * Their primary keys and the unique uid stay: writing needs them. */
#define SQL_DEFERRABLE_INDEXES \
  "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL" \
  " AND tbl_name IN ('bookings', 'booking_hosts', 'booking_emails') ORDER BY name"

/* Drops the indexes of an empty store and notes how to make them again (see
 * STATE_DEFERRED_INDEXES), in one transaction. Does nothing when the store
 * has bookings or the indexes wait already (a pass that stopped). */
static gboolean
defer_indexes (CalbookStore  *self,
               GError       **error)
{
  g_autoptr(GString) create = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StoreStatement) indexes = NULL;
  gint64 empty = 0;
  int rc;

  if (!begin_transaction (self, error))
    return FALSE;

  if (!query_pragma_int (self, "SELECT NOT EXISTS (SELECT 1 FROM bookings)", &empty, error))
    {
      rollback_transaction (self);
      return FALSE;
    }

  if (indexes_deferred (self) || !empty)
    {
      rollback_transaction (self);
      return TRUE;
    }

  indexes = get_statement (self, SQL_DEFERRABLE_INDEXES, error);
  if (indexes == NULL)
    {
      rollback_transaction (self);
      return FALSE;
    }
  while ((rc = sqlite3_step (indexes)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, dup_column_text (indexes, 0));
      g_string_append_printf (create, "%s;\n", (const char *) sqlite3_column_text (indexes, 1));
    }
  g_clear_pointer (&indexes, release_statement);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("Could not set up the database"));
      rollback_transaction (self);
      return FALSE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      /* Names read from the schema: our own, and quoted anyway */
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"",
                                               (const char *) g_ptr_array_index (names, i));

      rc = sqlite3_exec (self->db, drop, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (self, error, rc, _("Could not set up the database"));
          rollback_transaction (self);
          return FALSE;
        }
    }

  if (!write_state (self, STATE_DEFERRED_INDEXES, create->str, error) ||
      !commit_transaction (self, error))
    {
      rollback_transaction (self);
      return FALSE;
    }

  self->deferred = TRUE;
  g_debug ("Writing the first sync into %s without %u indexes", self->path, names->len);
  return TRUE;
}

/* Builds what defer_indexes() left out, in one transaction: the indexes,
 * the full-text index from the stored words, and the list of its words */
static gboolean
build_deferred_indexes (CalbookStore  *self,
                        GError       **error)
{
  g_autofree char *create = NULL;
  gint64 started = g_get_monotonic_time ();
  struct timespec cpu_started = { 0, };
  struct timespec cpu_ended = { 0, };
  int rc;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_started);

  if (!begin_transaction (self, error))
    return FALSE;

  create = calbook_store_get_state (self, STATE_DEFERRED_INDEXES, error);
  if (create == NULL)
    {
      rollback_transaction (self);
      if (error != NULL && *error != NULL)
        return FALSE;
      /* Built already, by another connection */
      self->deferred = FALSE;
      return TRUE;
    }

  rc = sqlite3_exec (self->db, create, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db,
                       "INSERT INTO bookings_fts (bookings_fts) VALUES ('rebuild');"
                       "CREATE VIRTUAL TABLE temp.store_vocabulary"
                       "  USING fts5vocab (main, 'bookings_fts', 'row');"
                       "INSERT OR IGNORE INTO search_words (word)"
                       "  SELECT term FROM temp.store_vocabulary;"
                       "DROP TABLE temp.store_vocabulary;",
                       NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc, _("Could not save the bookings"));
      rollback_transaction (self);
      return FALSE;
    }

  if (!write_state (self, STATE_DEFERRED_INDEXES, NULL, error) ||
      !commit_transaction (self, error))
    {
      rollback_transaction (self);
      return FALSE;
    }

  self->deferred = FALSE;
  forget_counts (self);
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_ended);
  g_debug ("Built the indexes of %s in %" G_GINT64_FORMAT " ms (%" G_GINT64_FORMAT
           " ms of CPU)", self->path, (g_get_monotonic_time () - started) / 1000,
           (gint64) (cpu_ended.tv_sec - cpu_started.tv_sec) * 1000 +
           (cpu_ended.tv_nsec - cpu_started.tv_nsec) / 1000000);
  return TRUE;
}

/**
 * calbook_store_set_bulk_writes:
 * @self: a store
 * @bulk: whether many pages are about to be written
 *
 * For a sync writing page after page (a full pass): while on, the
 * connection keeps the indexes in memory (up to 32 MiB) instead of
 * reading them from the file for every page, and checkpoints the WAL less
 * often (up to 64 MB, cut back to 4 MB once checkpointed), so that a page
 * costs about the same in a large store as in a small one. Durability is the same either way: every page is still a
 * transaction of its own. Turning it off gives the memory back and
 * returns to the defaults.
 *
 * A pass that starts on an empty store (a first sync) writes without the
 * indexes and builds them when it is turned off: that takes a moment (about
 * a second per 50,000 bookings), so turn it off where a write may take
 * that long (the sync's worker), not on the main thread. Until then,
 * queries give the same answers, only slower. Not thread-safe, like the
 * rest of a store.
 */
void
calbook_store_set_bulk_writes (CalbookStore *self,
                               gboolean      bulk)
{
  g_return_if_fail (CALBOOK_IS_STORE (self));

  bulk = !!bulk;
  if (self->bulk_writes == bulk)
    return;

  self->bulk_writes = bulk;

  /* Only speed is at stake: on a failure, the indexes are there or wait for
   * the end of the next pass, and queries answer either way */
  {
    g_autoptr(GError) local_error = NULL;

    if (!(bulk ? defer_indexes (self, &local_error) : !indexes_deferred (self) ||
                                                      build_deferred_indexes (self, &local_error)))
      g_warning ("Could not %s the indexes of %s: %s", bulk ? "defer" : "build", self->path,
                 local_error->message);
  }

  /* Only speed is at stake: a failure leaves the connection as it was */
  if (!run_sql (self, bulk ? SQL_CACHE_BULK : SQL_CACHE_DEFAULT, "cache_size", NULL) ||
      !run_sql (self, bulk ? SQL_CHECKPOINT_BULK : SQL_CHECKPOINT_DEFAULT, "wal_autocheckpoint",
                NULL) ||
      !run_sql (self, SQL_WAL_LIMIT, "journal_size_limit", NULL))
    g_debug ("Could not switch bulk writes %s in %s", bulk ? "on" : "off", self->path);

  /* The WAL is checkpointed by the next commit, or when the file is closed */
  if (!bulk)
    sqlite3_db_release_memory (self->db);
}

/**
 * calbook_store_upsert_bookings:
 * @self: a store
 * @bookings: (element-type CalbookBooking): a page of bookings
 * @state_key: (nullable): a sync state key to set with the page
 * @state_value: (nullable): its value (%NULL removes the key)
 * @error: return location for a #CalbookStoreError
 *
 * Inserts or replaces (by uid) every booking of @bookings and sets the sync
 * state key in one transaction: either all of it is written, or nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
calbook_store_upsert_bookings (CalbookStore  *self,
                               GPtrArray     *bookings,
                               const char    *state_key,
                               const char    *state_value,
                               GError       **error)
{
  g_return_val_if_fail (CALBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (bookings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin_transaction (self, error))
    return FALSE;

  /* Read in the transaction: whether the full-text index is written too */
  indexes_deferred (self);

  if (!read_has_rejected (self, error))
    {
      rollback_transaction (self);
      return FALSE;
    }

  for (guint i = 0; i < bookings->len; i++)
    {
      if (!write_booking (self, g_ptr_array_index (bookings, i), error))
        {
          rollback_transaction (self);
          return FALSE;
        }
    }

  if (bookings->len > 0 && !write_staged_data (self, error))
    {
      rollback_transaction (self);
      return FALSE;
    }

  if (state_key != NULL && !write_state (self, state_key, state_value, error))
    {
      rollback_transaction (self);
      return FALSE;
    }

  forget_counts (self);

  if (!commit_transaction (self, error))
    {
      rollback_transaction (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * calbook_store_delete_bookings:
 * @self: a store
 * @uids: (element-type utf8): the uids to remove; unknown ones are skipped
 * @error: return location for a #CalbookStoreError
 *
 * Removes bookings (with their hosts and search words) in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
calbook_store_delete_bookings (CalbookStore  *self,
                               GPtrArray     *uids,
                               GError       **error)
{
  g_return_val_if_fail (CALBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (uids != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin_transaction (self, error))
    return FALSE;

  for (guint i = 0; i < uids->len; i++)
    {
      g_autoptr(StoreStatement) stmt = NULL;

      stmt = get_statement (self, "INSERT OR IGNORE INTO temp.doomed_uids (uid) VALUES (:uid)",
                            error);
      if (stmt == NULL)
        {
          rollback_transaction (self);
          return FALSE;
        }

      bind_text (stmt, ":uid", g_ptr_array_index (uids, i));
      if (!run_statement (self, stmt, _("Could not remove a booking"), error))
        {
          rollback_transaction (self);
          return FALSE;
        }
    }

  /* Words leave the index first, while booking_data still has them (unless
   * the index waits to be built); the rest goes with the bookings rows (ON
   * DELETE CASCADE) */
  if ((!indexes_deferred (self) &&
       !run_sql (self,
                "INSERT INTO bookings_fts (bookings_fts, rowid, words)"
                " SELECT 'delete', d.id, d.words FROM booking_data AS d"
                " JOIN bookings AS b ON b.id = d.id"
                " WHERE b.uid IN (SELECT x.uid FROM temp.doomed_uids AS x)",
                _("Could not remove a booking"), error)) ||
      !run_sql (self,
                "DELETE FROM bookings WHERE uid IN (SELECT x.uid FROM temp.doomed_uids AS x)",
                _("Could not remove a booking"), error) ||
      !run_sql (self, "DELETE FROM temp.doomed_uids", _("Could not remove a booking"), error))
    {
      rollback_transaction (self);
      return FALSE;
    }

  forget_counts (self);

  if (!commit_transaction (self, error))
    {
      rollback_transaction (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * calbook_store_get_booking:
 * @self: a store
 * @uid: a booking uid
 * @error: return location for a #CalbookStoreError
 *
 * Returns: (transfer full): the booking, or %NULL with
 *   %CALBOOK_STORE_ERROR_NOT_FOUND when there is none with that uid
 */
CalbookBooking *
calbook_store_get_booking (CalbookStore  *self,
                           const char    *uid,
                           GError       **error)
{
  g_autoptr(StoreStatement) stmt = NULL;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = find_booking_row (self, uid, error);
  if (stmt == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_NOT_FOUND,
                     _("There is no booking “%s”"), uid);
      return NULL;
    }

  return booking_from_row (self, stmt, error);
}

/**
 * calbook_store_dup_booking_json:
 * @self: a store
 * @uid: a booking uid
 * @error: return location for a #CalbookStoreError
 *
 * The JSON text stored for a booking, as it was written: the sync compares
 * what Cal.com sends with it byte for byte, and need not read either when
 * they are the same.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL (with @error
 *   unset) when no booking has @uid
 */
char *
calbook_store_dup_booking_json (CalbookStore  *self,
                                const char    *uid,
                                GError       **error)
{
  g_autoptr(StoreStatement) stmt = NULL;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = find_booking_row (self, uid, error);
  return stmt != NULL ? dup_column_text (stmt, 0) : NULL;
}

/**
 * calbook_store_list_uids:
 * @self: a store
 * @error: return location for a #CalbookStoreError
 *
 * Returns: (transfer full) (element-type utf8): every stored uid, in byte order
 */
GPtrArray *
calbook_store_list_uids (CalbookStore  *self,
                         GError       **error)
{
  g_return_val_if_fail (CALBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_rows (self, "SELECT uid FROM bookings ORDER BY uid", uid_from_row, g_free,
                    _("Could not read the bookings"), error);
}

/**
 * calbook_store_count_bookings:
 * @self: a store
 * @filter: (nullable): what to count; %NULL counts every booking
 * @error: return location for a #CalbookStoreError
 *
 * Returns: how many bookings @filter selects (0 with @error set on failure)
 */
guint
calbook_store_count_bookings (CalbookStore                *self,
                              const CalbookBookingFilter  *filter,
                              GError                     **error)
{
  g_autoptr(StoreStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  /* A search alone, or members alone: the count their first page needs
   * too, counted once */
  {
    g_auto(Plan) plan = { 0, };
    gint64 matches;

    plan_query (self, filter, &plan);
    if (plan.clauses == CLAUSE_TEXT && !indexes_deferred (self))
      {
        if (!count_text_matches (self, plan.fts_query, &matches, error))
          return 0;
        return (guint) MIN (matches, G_MAXUINT);
      }

    /* Members alone: the count their first page needs too */
    if (plan.clauses != 0 && (plan.clauses & ~(CLAUSE_USERS | CLAUSE_USER_EMAILS)) == 0)
      {
        if (!count_people_bookings (self, filter, &matches, error))
          return 0;
        return (guint) MIN (matches, G_MAXUINT);
      }
  }

  stmt = prepare_query (self, filter, QUERY_COUNT, NULL, FALSE, error);
  if (stmt == NULL)
    return 0;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error, rc, _("Could not count the bookings"));
      return 0;
    }

  return (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);
}


/* SQLite asks this every few thousand steps: non-zero interrupts */
static int
on_count_progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (user_data));
}

/* On the store's count connection: a connection is used by one thread at a
 * time. A count that follows a cancelled one waits only until SQLite has
 * interrupted it (a few thousand steps). */
static void
count_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CalbookStore *self = source_object;
  const CalbookBookingFilter *filter = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->count_lock);
  g_autoptr(GError) error = NULL;
  guint count = 0;

  if (self->count_store == NULL && !g_cancellable_is_cancelled (cancellable))
    self->count_store = calbook_store_open (self->path, &error);

  if (self->count_store != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      if (cancellable != NULL)
        sqlite3_progress_handler (self->count_store->db, 1000, on_count_progress_cb, cancellable);
      count = calbook_store_count_bookings (self->count_store, filter, &error);
      sqlite3_progress_handler (self->count_store->db, 0, NULL, NULL);
    }

  g_clear_pointer (&locker, g_mutex_locker_free);

  /* An interrupted statement fails: that is the cancellation */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&error);
      g_cancellable_set_error_if_cancelled (cancellable, &error);
    }

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, count);
}

/**
 * calbook_store_count_bookings_async:
 * @self: a store
 * @filter: (nullable): what to count (copied); %NULL counts every booking
 * @cancellable: (nullable): stops the count: it ends within a few
 *   milliseconds with %G_IO_ERROR_CANCELLED
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Counts like calbook_store_count_bookings(), in a worker thread on a
 * connection of its own to the same file (one per store, opened by the
 * first count and closed with the store), so that a count that costs more
 * than a frame (a search with many matches and other conditions, see
 * calbook_booking_list_get_count_exact()) never holds the main thread.
 * Cancel a count nobody waits for any more, e.g. when the filter changes:
 * it keeps a core busy otherwise.
 */
void
calbook_store_count_bookings_async (CalbookStore               *self,
                                    const CalbookBookingFilter *filter,
                                    GCancellable               *cancellable,
                                    GAsyncReadyCallback         callback,
                                    gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CALBOOK_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, calbook_store_count_bookings_async);
  g_task_set_task_data (task,
                        filter != NULL ? calbook_booking_filter_copy (filter)
                                       : calbook_booking_filter_new (),
                        (GDestroyNotify) calbook_booking_filter_free);
  /* Whether the count was cancelled is the thread's answer */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, count_in_thread);
}

/**
 * calbook_store_count_bookings_finish:
 * @self: a store
 * @result: the result given to the callback
 * @out_count: (out): the count
 * @error: return location for a #CalbookStoreError, or %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE with @out_count set, %FALSE with @error set
 */
gboolean
calbook_store_count_bookings_finish (CalbookStore  *self,
                                     GAsyncResult  *result,
                                     guint         *out_count,
                                     GError       **error)
{
  gssize count;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  count = g_task_propagate_int (G_TASK (result), error);
  if (count < 0)
    return FALSE;

  *out_count = (guint) count;
  return TRUE;
}

/**
 * calbook_store_query_bookings:
 * @self: a store
 * @filter: (nullable): what to select and in which order; %NULL selects every
 *   booking by start time
 * @offset: how many results to skip
 * @limit: how many results to return at most; 0 means no limit
 * @error: return location for a #CalbookStoreError
 *
 * The bookings @filter selects (exactly those calbook_booking_filter_matches()
 * accepts), in the order of its sort.
 *
 * Returns: (transfer full) (element-type CalbookBooking): the bookings, or
 *   %NULL with @error set
 */
GPtrArray *
calbook_store_query_bookings (CalbookStore                *self,
                              const CalbookBookingFilter  *filter,
                              guint                        offset,
                              guint                        limit,
                              GError                     **error)
{
  g_return_val_if_fail (CALBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return run_query (self, filter, 0, NULL, FALSE, offset, limit, error);
}

/**
 * calbook_store_query_summaries:
 * @self: a store
 * @filter: (nullable): what to select and in which order
 * @offset: how many results to skip
 * @limit: how many results to return at most; 0 means no limit
 * @error: return location for a #CalbookStoreError
 *
 * The same rows as calbook_store_query_bookings(), as summaries read from
 * the store's columns: no JSON is parsed, which is what keeps a window of
 * rows within a frame.
 *
 * Returns: (transfer full) (element-type CalbookBookingSummary): the
 *   summaries, or %NULL with @error set
 */
GPtrArray *
calbook_store_query_summaries (CalbookStore                *self,
                               const CalbookBookingFilter  *filter,
                               guint                        offset,
                               guint                        limit,
                               GError                     **error)
{
  g_return_val_if_fail (CALBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return run_query (self, filter, QUERY_SUMMARIES, NULL, FALSE, offset, limit, error);
}

/**
 * calbook_store_set_owner:
 * @self: a store
 * @user_id: the account owner's Cal.com user id
 * @email: (nullable): their e-mail address
 * @error: return location for a #CalbookStoreError
 *
 * Says whose account the file holds, so that the owner's own bookings
 * (calbook_booking_involves_user()) are marked as they are written and their
 * views (a filter with this user_id and user_email) read a small index
 * instead of testing every booking. Changing the owner marks the stored
 * bookings again, in one transaction; setting the same owner again writes
 * nothing. Without an owner, such filters work the same, only slower.
 *
 * Returns: %TRUE on success
 */
gboolean
calbook_store_set_owner (CalbookStore  *self,
                         gint64         user_id,
                         const char    *email,
                         GError       **error)
{
  g_autofree char *email_key = NULL;
  g_autofree char *id_text = NULL;
  g_autoptr(StoreStatement) mark = NULL;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  email_key = _calbook_booking_column_dup_email_key (email);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, user_id);

  if (!begin_transaction (self, error))
    return FALSE;

  self->owner_loaded = FALSE;
  if (!load_owner (self, error))
    {
      rollback_transaction (self);
      return FALSE;
    }

  if (self->owner_known && self->owner_id == user_id &&
      g_strcmp0 (self->owner_email, email_key) == 0)
    {
      rollback_transaction (self);
      return TRUE;
    }

  /* The SQL form of calbook_booking_involves_user(), which marks new rows */
  mark = get_statement (self,
                        "UPDATE bookings SET own = (id IN (SELECT h.booking_id FROM booking_hosts AS h"
                        " WHERE h.user_id = :user) OR id IN (SELECT e.booking_id FROM booking_emails"
                        " AS e WHERE e.email = :email))",
                        error);
  if (mark == NULL)
    {
      rollback_transaction (self);
      return FALSE;
    }

  if (user_id > 0)
    bind_int64 (mark, ":user", user_id);
  else
    bind_text (mark, ":user", NULL);
  bind_text (mark, ":email", email_key);

  if (!run_statement (self, mark, _("Could not mark the owner’s bookings"), error) ||
      !write_state (self, STATE_OWNER_ID, id_text, error) ||
      !write_state (self, STATE_OWNER_EMAIL, email_key, error) ||
      !commit_transaction (self, error))
    {
      rollback_transaction (self);
      self->owner_loaded = FALSE;
      return FALSE;
    }

  self->owner_loaded = FALSE;
  return TRUE;
}

/**
 * calbook_store_reject_booking:
 * @self: a store
 * @uid: (nullable): the booking's uid, when it could be read
 * @reason: why it could not be read, for people
 * @json: the text Cal.com sent for the booking
 * @error: return location for a #CalbookStoreError
 *
 * Keeps a booking the sync could not read aside, replacing an older entry
 * for the same uid. Storing a booking with that uid later removes it.
 *
 * Returns: %TRUE on success
 */
gboolean
calbook_store_reject_booking (CalbookStore  *self,
                              const char    *uid,
                              const char    *reason,
                              const char    *json,
                              GError       **error)
{
  g_return_val_if_fail (CALBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin_transaction (self, error))
    return FALSE;

  if (!write_rejected (self, uid, reason, json, error) || !commit_transaction (self, error))
    {
      rollback_transaction (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * calbook_store_list_rejected:
 * @self: a store
 * @error: return location for a #CalbookStoreError
 *
 * Returns: (transfer full) (element-type CalbookRejectedBooking): the
 *   bookings kept aside, the most recently seen first
 */
GPtrArray *
calbook_store_list_rejected (CalbookStore  *self,
                             GError       **error)
{
  g_return_val_if_fail (CALBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_rows (self,
                    "SELECT id, uid, reason, json, seen_at FROM rejected_bookings"
                    " ORDER BY seen_at DESC, id DESC",
                    rejected_from_row, (GDestroyNotify) calbook_rejected_booking_free,
                    _("Could not read the bookings set aside"), error);
}

/**
 * calbook_store_count_rejected:
 * @self: a store
 * @error: return location for a #CalbookStoreError
 *
 * Returns: how many bookings are kept aside (0 with @error set on failure)
 */
guint
calbook_store_count_rejected (CalbookStore  *self,
                              GError       **error)
{
  gint64 count = 0;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!query_pragma_int (self, "SELECT count(*) FROM rejected_bookings", &count, error))
    return 0;

  return (guint) CLAMP (count, 0, G_MAXUINT);
}

/**
 * calbook_store_get_state:
 * @self: a store
 * @key: a sync state key
 * @error: return location for a #CalbookStoreError
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when @key was never
 *   set (that is not an error: @error stays unset)
 */
char *
calbook_store_get_state (CalbookStore  *self,
                         const char    *key,
                         GError       **error)
{
  g_autoptr(StoreStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = get_statement (self, "SELECT value FROM sync_state WHERE key = :key", error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, ":key", key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return dup_column_text (stmt, 0);
  if (rc != SQLITE_DONE)
    set_sqlite_error (self, error, rc, _("Could not read the sync state"));

  return NULL;
}

/**
 * calbook_store_set_state:
 * @self: a store
 * @key: a sync state key
 * @value: (nullable): the value; %NULL removes the key
 * @error: return location for a #CalbookStoreError
 *
 * Returns: %TRUE on success
 */
gboolean
calbook_store_set_state (CalbookStore  *self,
                         const char    *key,
                         const char    *value,
                         GError       **error)
{
  g_return_val_if_fail (CALBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_state (self, key, value, error);
}

/**
 * calbook_store_replace_members:
 * @self: a store
 * @members: (element-type CalbookPerson): the organization's members
 * @error: return location for a #CalbookStoreError
 *
 * Replaces the stored members with @members in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
calbook_store_replace_members (CalbookStore  *self,
                               GPtrArray     *members,
                               GError       **error)
{
  g_return_val_if_fail (CALBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (members != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin_transaction (self, error))
    return FALSE;

  if (!run_sql (self, "DELETE FROM members", _("Could not save the members"), error))
    {
      rollback_transaction (self);
      return FALSE;
    }

  for (guint i = 0; i < members->len; i++)
    {
      CalbookPerson *member = g_ptr_array_index (members, i);
      g_autoptr(StoreStatement) stmt = NULL;

      stmt = get_statement (self,
                            "INSERT INTO members (user_id, name, email, display_email, username,"
                            " time_zone, language, phone, role)"
                            " VALUES (:user, :name, :email, :display_email, :username,"
                            " :time_zone, :language, :phone, :role)",
                            error);
      if (stmt == NULL)
        {
          rollback_transaction (self);
          return FALSE;
        }

      bind_int64 (stmt, ":user", member->user_id);
      bind_text (stmt, ":name", member->name != NULL ? member->name : "");
      bind_text (stmt, ":email", member->email != NULL ? member->email : "");
      bind_text (stmt, ":display_email", member->display_email);
      bind_text (stmt, ":username", member->username);
      bind_text (stmt, ":time_zone", member->time_zone);
      bind_text (stmt, ":language", member->language);
      bind_text (stmt, ":phone", member->phone);
      bind_text (stmt, ":role", member->role);

      if (!run_statement (self, stmt, _("Could not save the members"), error))
        {
          rollback_transaction (self);
          return FALSE;
        }
    }

  if (!commit_transaction (self, error))
    {
      rollback_transaction (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * calbook_store_list_members:
 * @self: a store
 * @error: return location for a #CalbookStoreError
 *
 * Returns: (transfer full) (element-type CalbookPerson): the members, sorted
 *   by name (case-insensitively, in the user's language)
 */
GPtrArray *
calbook_store_list_members (CalbookStore  *self,
                            GError       **error)
{
  GPtrArray *members;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  members = read_rows (self,
                       "SELECT user_id, name, email, display_email, username, time_zone,"
                       " language, phone, role FROM members ORDER BY position",
                       member_from_row, (GDestroyNotify) calbook_person_unref,
                       _("Could not read the members"), error);
  if (members != NULL)
    g_ptr_array_sort (members, compare_members);

  return members;
}

/**
 * calbook_store_outbox_add:
 * @self: a store
 * @entry: the change to queue; its id and created_at are set on success
 * @error: return location for a #CalbookStoreError
 *
 * Returns: the new entry's id (ids only grow, never reused), or 0 with @error set
 */
gint64
calbook_store_outbox_add (CalbookStore        *self,
                          CalbookOutboxEntry  *entry,
                          GError             **error)
{
  g_autoptr(StoreStatement) stmt = NULL;
  gint64 created_at;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), 0);
  g_return_val_if_fail (entry != NULL, 0);
  g_return_val_if_fail (entry->kind != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  stmt = get_statement (self,
                        "INSERT INTO outbox (kind, booking_uid, payload, client_request_id, state,"
                        " attempts, last_error, created_at)"
                        " VALUES (:kind, :booking_uid, :payload, :client_request_id, :state,"
                        " :attempts, :last_error, :created_at)",
                        error);
  if (stmt == NULL)
    return 0;

  created_at = g_get_real_time () / G_USEC_PER_SEC;

  bind_text (stmt, ":kind", entry->kind);
  bind_text (stmt, ":booking_uid", entry->booking_uid);
  bind_text (stmt, ":payload", entry->payload != NULL ? entry->payload : "{}");
  bind_text (stmt, ":client_request_id",
             entry->client_request_id != NULL ? entry->client_request_id : "");
  bind_int64 (stmt, ":state", entry->state);
  bind_int64 (stmt, ":attempts", entry->attempts);
  bind_text (stmt, ":last_error", entry->last_error);
  bind_int64 (stmt, ":created_at", created_at);

  if (!begin_durable_write (self, error))
    return 0;
  if (!run_statement (self, stmt, _("Could not queue the change"), error))
    {
      end_durable_write (self);
      return 0;
    }
  end_durable_write (self);

  entry->id = sqlite3_last_insert_rowid (self->db);
  entry->created_at = created_at;

  return entry->id;
}

/**
 * calbook_store_outbox_list:
 * @self: a store
 * @error: return location for a #CalbookStoreError
 *
 * Returns: (transfer full) (element-type CalbookOutboxEntry): every queued or
 *   failed change, in the order they were made (by id)
 */
GPtrArray *
calbook_store_outbox_list (CalbookStore  *self,
                           GError       **error)
{
  g_return_val_if_fail (CALBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_rows (self,
                    "SELECT id, kind, booking_uid, payload, client_request_id, state,"
                    " attempts, last_error, created_at FROM outbox ORDER BY id",
                    outbox_entry_from_row, (GDestroyNotify) calbook_outbox_entry_free,
                    _("Could not read the queued changes"), error);
}

/**
 * calbook_store_outbox_update:
 * @self: a store
 * @entry: an entry from the outbox; its state, attempts, last_error and
 *   payload are written
 * @error: return location for a #CalbookStoreError
 *
 * Returns: %TRUE on success; %CALBOOK_STORE_ERROR_NOT_FOUND when no entry has
 *   that id
 */
gboolean
calbook_store_outbox_update (CalbookStore              *self,
                             const CalbookOutboxEntry  *entry,
                             GError                   **error)
{
  g_autoptr(StoreStatement) stmt = NULL;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = get_statement (self,
                        "UPDATE outbox SET state = :state, attempts = :attempts,"
                        " last_error = :last_error, payload = :payload WHERE id = :id",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_int64 (stmt, ":state", entry->state);
  bind_int64 (stmt, ":attempts", entry->attempts);
  bind_text (stmt, ":last_error", entry->last_error);
  bind_text (stmt, ":payload", entry->payload != NULL ? entry->payload : "{}");
  bind_int64 (stmt, ":id", entry->id);

  if (!begin_durable_write (self, error))
    return FALSE;
  if (!run_statement (self, stmt, _("Could not update a queued change"), error))
    {
      end_durable_write (self);
      return FALSE;
    }
  end_durable_write (self);

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_NOT_FOUND,
                   _("There is no queued change %lld"), (long long) entry->id);
      return FALSE;
    }

  return TRUE;
}

/**
 * calbook_store_outbox_remove:
 * @self: a store
 * @id: an entry id
 * @error: return location for a #CalbookStoreError
 *
 * Returns: %TRUE on success; %CALBOOK_STORE_ERROR_NOT_FOUND when no entry has
 *   that id
 */
gboolean
calbook_store_outbox_remove (CalbookStore  *self,
                             gint64         id,
                             GError       **error)
{
  g_autoptr(StoreStatement) stmt = NULL;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = get_statement (self, "DELETE FROM outbox WHERE id = :id", error);
  if (stmt == NULL)
    return FALSE;

  bind_int64 (stmt, ":id", id);
  if (!begin_durable_write (self, error))
    return FALSE;
  if (!run_statement (self, stmt, _("Could not remove a queued change"), error))
    {
      end_durable_write (self);
      return FALSE;
    }
  end_durable_write (self);

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_NOT_FOUND,
                   _("There is no queued change %lld"), (long long) id);
      return FALSE;
    }

  return TRUE;
}

/**
 * calbook_store_outbox_complete:
 * @self: a store
 * @id: the entry Cal.com has applied
 * @bookings: (element-type CalbookBooking): what its answer holds, to store
 * @error: return location for a #CalbookStoreError
 *
 * Stores the answer and removes the entry in one durable transaction: after
 * a crash either both happened or neither did, so an applied change is never
 * left in the outbox to be sent again.
 *
 * Returns: %TRUE on success; %CALBOOK_STORE_ERROR_NOT_FOUND (nothing
 *   written) when no entry has that id
 */
gboolean
calbook_store_outbox_complete (CalbookStore  *self,
                               gint64         id,
                               GPtrArray     *bookings,
                               GError       **error)
{
  g_autoptr(StoreStatement) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), FALSE);
  g_return_val_if_fail (bookings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = get_statement (self, "DELETE FROM outbox WHERE id = :id", error);
  if (stmt == NULL)
    return FALSE;
  bind_int64 (stmt, ":id", id);

  if (!begin_durable_write (self, error))
    return FALSE;
  if (!begin_transaction (self, error))
    goto out;
  if (!read_has_rejected (self, error))
    goto rollback;

  for (guint i = 0; i < bookings->len; i++)
    {
      if (!write_booking (self, g_ptr_array_index (bookings, i), error))
        goto rollback;
    }

  if (bookings->len > 0 && !write_staged_data (self, error))
    goto rollback;

  if (!run_statement (self, stmt, _("Could not remove a queued change"), error))
    goto rollback;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_NOT_FOUND,
                   _("There is no queued change %lld"), (long long) id);
      goto rollback;
    }

  forget_counts (self);

  if (!commit_transaction (self, error))
    goto rollback;

  ok = TRUE;
  goto out;

rollback:
  rollback_transaction (self);
out:
  end_durable_write (self);
  return ok;
}

/* Private API */

/* For the benchmark: every run pays for what a view's first query pays */
/* A search combined with other conditions, with more matches than this,
 * is counted by walking its matches: more than a frame at 100,000 bookings */
#define MAX_CHEAP_COUNT_MATCHES 2000

gboolean
_calbook_store_estimate_count (CalbookStore               *self,
                               const CalbookBookingFilter *filter,
                               guint                      *out_count,
                               GError                    **error)
{
  g_auto(Plan) plan = { 0, };
  gint64 matches;
  guint count;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), TRUE);
  g_return_val_if_fail (out_count != NULL, TRUE);

  plan_query (self, filter, &plan);

  /* Without a search, or a search alone, the count reads an index or the
   * count the first page needs anyway */
  if ((plan.clauses & CLAUSE_TEXT) == 0 || plan.clauses == CLAUSE_TEXT)
    {
      *out_count = calbook_store_count_bookings (self, filter, error);
      return TRUE;
    }

  if (!count_text_matches (self, plan.fts_query, &matches, error))
    {
      *out_count = 0;
      return TRUE;
    }

  if (matches <= MAX_CHEAP_COUNT_MATCHES)
    {
      *out_count = calbook_store_count_bookings (self, filter, error);
      return TRUE;
    }

  /* The other conditions only take matches away: what the search finds
   * is the most there can be */
  count = (guint) MIN (matches, G_MAXUINT);
  *out_count = count;
  return FALSE;
}

void
_calbook_store_forget_counts (CalbookStore *self)
{
  g_return_if_fail (CALBOOK_IS_STORE (self));

  forget_counts (self);
}

/* For the tests, which must see both plans of a search: searches with at
 * most @max_matches matches start from them (-1: the store decides) */
void
_calbook_store_set_text_first_max (CalbookStore *self,
                                   gint64        max_matches)
{
  g_return_if_fail (CALBOOK_IS_STORE (self));

  self->text_first_max = max_matches;
}

/* The same for filters by members (user_ids, user_emails): with at most
 * @max_bookings bookings they start from them */
void
_calbook_store_set_people_first_max (CalbookStore *self,
                                     gint64        max_bookings)
{
  g_return_if_fail (CALBOOK_IS_STORE (self));

  self->people_first_max = max_bookings;
}

static int
on_statement_traced_cb (unsigned int  type,
                        void         *user_data,
                        void         *statement,
                        void         *sql)
{
  CalbookStore *self = user_data;
  char *expanded;

  /* Only what the store runs: not the statements the full-text index runs
   * inside one of them, which name their tables with the schema's */
  if (strstr (sqlite3_sql (statement), "'main'.") != NULL)
    return 0;

  expanded = sqlite3_expanded_sql (statement);
  if (self->traced != NULL && expanded != NULL)
    g_ptr_array_add (self->traced, g_strdup (expanded));
  sqlite3_free (expanded);

  return 0;
}

/*
 * For the benchmark, which runs what a view runs in the sqlite3 tool too:
 * from now on, the SQL text (values included) of every statement run on
 * this connection is added to @into; %NULL stops.
 */
void
_calbook_store_trace_statements (CalbookStore *self,
                                 GPtrArray    *into)
{
  g_return_if_fail (CALBOOK_IS_STORE (self));

  g_clear_pointer (&self->traced, g_ptr_array_unref);
  if (into != NULL)
    self->traced = g_ptr_array_ref (into);
  sqlite3_trace_v2 (self->db, into != NULL ? SQLITE_TRACE_STMT : 0,
                    into != NULL ? on_statement_traced_cb : NULL, self);
}

/*
 * The SQL text, with its values, of what calbook_store_count_bookings()
 * (@count) or calbook_store_query_summaries() / _query_bookings() runs for
 * @filter: for the benchmark, which times the same statements in the
 * sqlite3 tool.
 */
char *
_calbook_store_dup_query_sql (CalbookStore               *self,
                              const CalbookBookingFilter *filter,
                              gboolean                    count,
                              gboolean                    summaries,
                              guint                       offset,
                              guint                       limit,
                              GError                    **error)
{
  g_autoptr(StoreStatement) stmt = NULL;
  char *expanded;
  char *sql;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), NULL);

  stmt = prepare_query (self, filter,
                        count ? QUERY_COUNT : (summaries ? QUERY_SUMMARIES : 0),
                        NULL, FALSE, error);
  if (stmt == NULL)
    return NULL;

  if (!count)
    {
      bind_int64 (stmt, ":limit", limit == 0 ? -1 : (gint64) limit);
      bind_int64 (stmt, ":offset", offset);
    }

  expanded = sqlite3_expanded_sql (stmt);
  sql = g_strdup (expanded);
  sqlite3_free (expanded);

  return sql;
}

/*
 * For other readers of the same file (the admin window's aggregates): the
 * conditions of @filter on `bookings AS b`, as " AND …" with named
 * parameters, and their values bound on a statement of any connection.
 * The text part uses the table bookings_fts (or, while a first sync's
 * indexes wait, booking_data and sync_state); the order is left out.
 */
void
_calbook_store_append_filter_sql (GString                    *sql,
                                  const CalbookBookingFilter *filter)
{
  g_auto(Plan) plan = { 0, };

  g_return_if_fail (sql != NULL);

  plan_query (NULL, filter, &plan);
  append_clauses (sql, plan.clauses | QUERY_TEXT_EITHER, plan.statuses,
                  plan.words != NULL ? plan.words->len : 0);
}

gboolean
_calbook_store_bind_filter (sqlite3_stmt               *stmt,
                            const CalbookBookingFilter *filter,
                            GError                    **error)
{
  g_auto(Plan) plan = { 0, };
  gint64 span = 1;

  g_return_val_if_fail (stmt != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  plan_query (NULL, filter, &plan);
  if (plan.clauses & CLAUSE_AFTER)
    {
      sqlite3_stmt *max_span = NULL;
      int rc;

      rc = sqlite3_prepare_v2 (sqlite3_db_handle (stmt),
                               "SELECT coalesce (max (end_time - start_time), 1) FROM bookings",
                               -1, &max_span, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (max_span);
      if (rc != SQLITE_ROW)
        {
          g_set_error (error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_QUERY,
                       _("Could not read the bookings: %s"),
                       sqlite3_errmsg (sqlite3_db_handle (stmt)));
          sqlite3_finalize (max_span);
          return FALSE;
        }
      span = MAX (sqlite3_column_int64 (max_span, 0), 1);
      sqlite3_finalize (max_span);
    }

  bind_clauses (stmt, plan.clauses | QUERY_TEXT_EITHER, filter, plan.fts_query, plan.words, span);
  return TRUE;
}

/*
 * Up to @limit bookings that come right after @from (or right before it when
 * @backwards) in the order of @filter, in that order: the same rows as an
 * offset query next to @from's position, found by a seek in the index instead
 * of counting off the offset, which is what keeps scrolling a long list fast.
 */
GPtrArray *
_calbook_store_query_bookings_from (CalbookStore               *self,
                                    const CalbookBookingFilter *filter,
                                    gpointer                    from,
                                    gboolean                    backwards,
                                    guint                       limit,
                                    GError                    **error)
{
  GPtrArray *bookings;

  g_return_val_if_fail (CALBOOK_IS_STORE (self), NULL);
  g_return_val_if_fail (CALBOOK_IS_BOOKING (from) || CALBOOK_IS_BOOKING_SUMMARY (from), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bookings = run_query (self, filter,
                        CALBOOK_IS_BOOKING_SUMMARY (from) ? QUERY_SUMMARIES : 0,
                        from, backwards, 0, limit, error);

  /* Walked backwards: put them back in the filter's order */
  if (bookings != NULL && backwards)
    {
      for (guint i = 0, j = bookings->len; i + 1 < j; i++, j--)
        {
          gpointer swap = bookings->pdata[i];

          bookings->pdata[i] = bookings->pdata[j - 1];
          bookings->pdata[j - 1] = swap;
        }
    }

  return bookings;
}
