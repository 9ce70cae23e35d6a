/* calbook-outbox.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "calbook-account.h"
#include "calbook-api-client.h"
#include "calbook-outbox-entry.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_OUTBOX (calbook_outbox_get_type ())

G_DECLARE_FINAL_TYPE (CalbookOutbox, calbook_outbox, CALBOOK, OUTBOX, GObject)

/*
 * Sends the changes a person made (the outbox table of the store) to Cal.com,
 * and finds out what became of one whose answer never came. It owns its own
 * CalbookStore connection, used only from worker threads, one job at a time.
 *
 * Read-only properties: "replaying" (bool), "online" (bool: the last request
 * reached the server), "last-error" (string, nullable).
 *
 * Signals (main thread):
 *   "changes"          (GPtrArray of CalbookChange) what a sent change did
 *   "bookings-changed" ()                           the store's bookings changed
 *   "outbox-changed"   ()                           an entry was sent or failed
 *   "mutation-applied" (CalbookOutboxEntry, GPtrArray of CalbookBooking)
 *                      Cal.com has the change; the bookings its answer holds
 *   "mutation-failed"  (CalbookOutboxEntry, GError) Cal.com refused a change for good
 *
 * Replay: entries go out one at a time in id order, each marked SENDING
 * first. Success removes the entry and stores Cal.com's answer. A refusal
 * (400, 403, ...) makes it FAILED and holds back later entries of the same
 * booking only. A rate limit or a rejected key leaves it QUEUED; any other
 * failure (dropped connection, 5xx, unreadable answer) leaves it SENDING,
 * because Cal.com may have made the change: before sending such an entry
 * again the replay looks (a create by its calbookRequestId, a cancel,
 * confirm, decline, reschedule or guests by the booking's state). A change
 * of a booking that has moved since is sent to where it moved.
 */

CalbookOutbox *calbook_outbox_new            (CalbookAccount       *account,
                                              CalbookApiClient     *client,
                                              const char           *store_path,
                                              GError              **error);

/* Sends what the outbox holds; a replay already running is followed by one more */
void           calbook_outbox_replay         (CalbookOutbox        *self);
void           calbook_outbox_replay_async   (CalbookOutbox        *self,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* FALSE with the transient error that stopped it (entries stay queued) */
gboolean       calbook_outbox_replay_finish  (CalbookOutbox        *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* Stops sending; a change in flight stays SENDING and is looked up next time */
void           calbook_outbox_stop           (CalbookOutbox        *self);

gboolean       calbook_outbox_get_replaying  (CalbookOutbox        *self);
gboolean       calbook_outbox_get_online     (CalbookOutbox        *self);
const char    *calbook_outbox_get_last_error (CalbookOutbox        *self);

/* Whether this app sent a change to @uid lately (any thread): the sync tells
 * such changes as the person's own */
gboolean       calbook_outbox_was_sent_lately (CalbookOutbox       *self,
                                               const char          *uid);

G_END_DECLS
