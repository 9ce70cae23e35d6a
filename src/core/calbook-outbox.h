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

/* Cal.com failing (5xx, unreadable answers) on one change this many times
 * gives it up: FAILED, shown in Changes Not Sent */
#define CALBOOK_OUTBOX_MAX_ATTEMPTS 6

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
 *   "mutation-failed"  (CalbookOutboxEntry, GError) Cal.com refused a change for
 *                      good, or failed on it CALBOOK_OUTBOX_MAX_ATTEMPTS times
 *   "retry-due"        ()  a change that backed off may be sent again: replay
 *
 * Replay: entries go out one at a time in id order. Before a change to a
 * booking is sent, Cal.com is asked where that booking is now (following
 * rescheduledToUid, so a change to a booking someone moved goes where it
 * moved) and whether it already shows the change (then it is not sent
 * again). A create sent before whose answer was lost is looked up by its
 * calbookRequestId. Each entry is marked SENDING (one more attempt) before
 * it goes out. Success stores Cal.com's answer and removes the entry in one
 * transaction. A refusal (400, 403, ...) makes it FAILED. A rate limit or a
 * rejected key leaves it QUEUED and stops the replay; a network failure
 * leaves it SENDING and stops the replay. A 5xx or an unreadable answer
 * leaves it SENDING and backs it off (doubling waits) while other entries
 * go on; after CALBOOK_OUTBOX_MAX_ATTEMPTS it is FAILED with its reason. A
 * FAILED or waiting entry holds back the later entries of its booking only.
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

void           calbook_outbox_set_backoff_base (CalbookOutbox      *self,
                                                guint               msec);

gboolean       calbook_outbox_get_replaying  (CalbookOutbox        *self);
gboolean       calbook_outbox_get_online     (CalbookOutbox        *self);
const char    *calbook_outbox_get_last_error (CalbookOutbox        *self);

/* Whether this app sent a change to @uid lately (any thread): the sync tells
 * such changes as the person's own */
gboolean       calbook_outbox_was_sent_lately (CalbookOutbox       *self,
                                               const char          *uid);

G_END_DECLS
