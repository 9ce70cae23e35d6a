/* calbook-sandbox-churn.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-sandbox-churn.h"

struct _CalbookSandboxChurn
{
  GRand *rand;
  guint  count;
};

/* Auxiliary methods */

/* The id of a random booking still to come that is not cancelled (only
 * requests with @pending_only); 0 when there is none */
static gint64
pick_booking (CalbookSandboxChurn *self,
              CalbookSandboxDb    *db,
              gint64               now_ms,
              gboolean             pending_only)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;
  gint64 id = 0;

  stmt = calbook_sandbox_db_prepare (db, pending_only
                                         ? "SELECT COUNT(*) FROM bookings WHERE end_ms > ?1 AND status = 'pending'"
                                         : "SELECT COUNT(*) FROM bookings WHERE end_ms > ?1"
                                           " AND status IN ('accepted', 'pending')");
  sqlite3_bind_int64 (stmt, 1, now_ms);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (n == 0)
    return 0;

  stmt = calbook_sandbox_db_prepare (db, pending_only
                                         ? "SELECT id FROM bookings WHERE end_ms > ?1 AND status = 'pending'"
                                           " ORDER BY id LIMIT 1 OFFSET ?2"
                                         : "SELECT id FROM bookings WHERE end_ms > ?1"
                                           " AND status IN ('accepted', 'pending') ORDER BY id LIMIT 1 OFFSET ?2");
  sqlite3_bind_int64 (stmt, 1, now_ms);
  sqlite3_bind_int64 (stmt, 2, (gint64) (g_rand_double (self->rand) * (double) n));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

static void
run (CalbookSandboxDb *db,
     const char       *sql,
     const char       *text,
     gint64            stamp,
     gint64            id)
{
  sqlite3_stmt *stmt = calbook_sandbox_db_prepare (db, sql);

  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, stamp);
  sqlite3_bind_int64 (stmt, 3, id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
}

/* Public API */

CalbookSandboxChurn *
calbook_sandbox_churn_new (guint64 seed)
{
  CalbookSandboxChurn *self = g_new0 (CalbookSandboxChurn, 1);
  guint32 seed_words[3] = { (guint32) (seed & 0xffffffff), (guint32) (seed >> 32), 0xc4a2 };

  self->rand = g_rand_new_with_seed_array (seed_words, G_N_ELEMENTS (seed_words));
  return self;
}

void
calbook_sandbox_churn_free (CalbookSandboxChurn *self)
{
  if (self == NULL)
    return;

  g_rand_free (self->rand);
  g_free (self);
}

/* One draw: whether to edit now, with @probability */
gboolean
calbook_sandbox_churn_roll (CalbookSandboxChurn *self,
                            double               probability)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_rand_double (self->rand) < probability;
}

/**
 * calbook_sandbox_churn_edit:
 *
 * Makes one edit to a random booking still to come: moves it to another
 * location, confirms it (when it is a request) or cancels it with a
 * reason, stamping it as any change.
 *
 * Returns: (nullable): what was done ("location", "confirm", "cancel"),
 *   %NULL when there was nothing to edit
 */
const char *
calbook_sandbox_churn_edit (CalbookSandboxChurn *self,
                            CalbookSandboxDb    *db,
                            gint64               now_ms)
{
  static const char * const locations[] = {
    "https://meet.example.com/moved-online",
    "Room 2, second floor",
    "Phone: the client calls in",
  };
  int kind;
  gint64 id;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (CALBOOK_IS_SANDBOX_DB (db), NULL);

  kind = g_rand_int_range (self->rand, 0, 3);
  id = pick_booking (self, db, now_ms, kind == 1);
  if (id == 0 && kind == 1)
    {
      kind = 0;
      id = pick_booking (self, db, now_ms, FALSE);
    }
  if (id == 0)
    return NULL;

  self->count++;
  switch (kind)
    {
    case 0:
      run (db, "UPDATE bookings SET location = ?1, updated_ms = ?2 WHERE id = ?3",
           locations[g_rand_int_range (self->rand, 0, G_N_ELEMENTS (locations))],
           calbook_sandbox_db_next_stamp (db, now_ms), id);
      return "location";
    case 1:
      run (db, "UPDATE bookings SET status = ?1, updated_ms = ?2 WHERE id = ?3",
           "accepted", calbook_sandbox_db_next_stamp (db, now_ms), id);
      return "confirm";
    default:
      run (db, "UPDATE bookings SET status = 'cancelled', cancellation_reason = ?1, updated_ms = ?2 WHERE id = ?3",
           "Cancelled on the web", calbook_sandbox_db_next_stamp (db, now_ms), id);
      return "cancel";
    }
}

/* Edits made so far */
guint
calbook_sandbox_churn_get_count (CalbookSandboxChurn *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->count;
}
