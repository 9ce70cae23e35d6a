/* calbook-sync.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "calbook-account.h"
#include "calbook-api-client.h"
#include "calbook-change.h"
#include "calbook-outbox.h"

G_BEGIN_DECLS

/* Pages are as large as Cal.com allows: fewer round trips, same rate budget */
#define CALBOOK_SYNC_PAGE_SIZE CALBOOK_API_MAX_TAKE

/* Walks start this many seconds before the newest stamp seen, for server
 * clocks that disagree by a little (rows met twice are dropped by uid) */
#define CALBOOK_SYNC_OVERLAP 120

/* A full reconciliation (which also notices deletions) runs this often */
#define CALBOOK_SYNC_FULL_INTERVAL (24 * 60 * 60)

/* For someone who keeps only their own bookings, a booking that stops being
 * theirs (reassigned, attendee removed) leaves their list without a trace
 * an incremental pass could see; their list is short, so a full pass runs
 * this often for them */
#define CALBOOK_SYNC_OWN_FULL_INTERVAL (15 * 60)

#define CALBOOK_TYPE_SYNC (calbook_sync_get_type ())

G_DECLARE_FINAL_TYPE (CalbookSync, calbook_sync, CALBOOK, SYNC, GObject)

/*
 * The sync engine of one account: brings the store up to date with Cal.com
 * (first a full pass, then incremental passes from the watermark, and a full
 * reconciliation now and then). It owns its own CalbookStore connection,
 * used only from worker threads, one at a time.
 *
 * Read-only properties: "syncing" (bool), "progress" (double 0..1),
 * "pages-done", "pages-total", "bookings-done", "bookings-total" (uint),
 * "online" (bool: the last request reached the server), "last-error"
 * (string, nullable).
 *
 * Signals (main thread):
 *   "changes"          (GPtrArray of CalbookChange) what a page did
 *   "bookings-changed-in" (gint64 from, gint64 to)  just before "bookings-changed":
 *                      every booking it is about was and is in [from, to)
 *                      (UTC s); G_MININT64, G_MAXINT64 when not known
 *   "bookings-changed" ()                           the store's bookings changed
 *   "finished"         (gboolean success)           a sync pass ended
 *
 * Passes page by stamps, never by a growing skip: a full pass (the first,
 * one every CALBOOK_SYNC_FULL_INTERVAL, or when asked) walks by createdAt
 * and then by updatedAt from where it began, and afterwards deletes what
 * Cal.com confirms is gone or out of scope; the others walk by updatedAt
 * and createdAt from where the last pass got to. Each page is written with
 * where the pass stands in one transaction, so a pass cut short anywhere
 * leaves a sound store and the next pass goes on from there. The first pass
 * of a new store announces nothing.
 */

CalbookSync *calbook_sync_new                (CalbookAccount    *account,
                                              CalbookApiClient  *client,
                                              const char        *store_path,
                                              GError           **error);

/* No schedule of its own: the context runs passes. Stops the running one. */
void         calbook_sync_stop               (CalbookSync       *self);

/* One pass now; while one runs, all requests fold into a single follow-up */
void         calbook_sync_request            (CalbookSync       *self,
                                              gboolean           full);
void         calbook_sync_run_async          (CalbookSync       *self,
                                              gboolean           full,
                                              GAsyncReadyCallback callback,
                                              gpointer           user_data);
gboolean     calbook_sync_run_finish         (CalbookSync       *self,
                                              GAsyncResult      *result,
                                              GError           **error);
/* Stops the running pass between two pages; the store stays consistent */
void         calbook_sync_cancel             (CalbookSync       *self);

/* The outbox whose recent sends are told as the person's own (nullable) */
void         calbook_sync_set_outbox         (CalbookSync       *self,
                                              CalbookOutbox     *outbox);

void         calbook_sync_set_full_interval  (CalbookSync       *self,
                                              guint              seconds);

gboolean     calbook_sync_get_syncing        (CalbookSync       *self);
double       calbook_sync_get_progress       (CalbookSync       *self);
guint        calbook_sync_get_pages_done     (CalbookSync       *self);
guint        calbook_sync_get_pages_total    (CalbookSync       *self);
guint        calbook_sync_get_bookings_done  (CalbookSync       *self);
guint        calbook_sync_get_bookings_total (CalbookSync       *self);
gboolean     calbook_sync_get_online         (CalbookSync       *self);
const char  *calbook_sync_get_last_error     (CalbookSync       *self);

G_END_DECLS
