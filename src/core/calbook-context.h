/* calbook-context.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "calbook-account.h"
#include "calbook-api-client.h"
#include "calbook-booking-list.h"
#include "calbook-mutation.h"
#include "calbook-outbox.h"
#include "calbook-store.h"
#include "calbook-sync.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_CONTEXT (calbook_context_get_type ())

G_DECLARE_FINAL_TYPE (CalbookContext, calbook_context, CALBOOK, CONTEXT, GObject)

/*
 * Everything for one signed-in account: the account, the API client, the
 * UI's store connection, the sync engine, the outbox sender and the
 * notifier. The application makes one and hands it to each window as the
 * construct-only "context" property; nothing in the core reaches for a
 * global.
 *
 * Properties: "account", "syncing" (bool), "progress" (double 0..1),
 * "online" (bool: the last request reached the server), "last-error"
 * (string, nullable), "outbox-count" (uint: changes not yet on Cal.com),
 * "needs-key" (bool: Cal.com rejected the API key; sync and sending pause
 * until calbook_context_set_api_key() gives a new one).
 *
 * Signals (main thread):
 *   "bookings-changed" ()                    the store changed: lists reload
 *   "notify-user"      (CalbookNotification) something to tell the person
 *   "mutation-applied" (CalbookOutboxEntry, GPtrArray of CalbookBooking) Cal.com
 *                      has the change; the bookings are its answer as stored
 *   "mutation-failed"  (CalbookOutboxEntry, GError) Cal.com refused a change for good
 */

CalbookContext     *calbook_context_new                 (CalbookAccount *account,
                                                         const char     *api_key,
                                                         const char     *store_path,
                                                         GError        **error);
CalbookAccount     *calbook_context_get_account         (CalbookContext *self);
CalbookApiClient   *calbook_context_get_api_client      (CalbookContext *self);
CalbookStore       *calbook_context_get_store           (CalbookContext *self);
CalbookBookingList *calbook_context_create_booking_list (CalbookContext *self,
                                                         const CalbookBookingFilter *filter);

/* Sync: starts the periodic sync (every @interval seconds) and one now */
void                calbook_context_start_sync          (CalbookContext *self,
                                                         guint           interval);
void                calbook_context_sync_now            (CalbookContext *self,
                                                         gboolean        full);
void                calbook_context_set_reminder_minutes (CalbookContext *self,
                                                         guint           minutes);

/*
 * Changes: each goes to the outbox first, shows as pending, and is sent
 * when Cal.com is reachable. Failing only if the outbox can't be written.
 */
gboolean            calbook_context_enqueue             (CalbookContext *self,
                                                         CalbookMutationKind kind,
                                                         const char     *booking_uid,
                                                         JsonObject     *body,
                                                         gint64         *out_id,
                                                         GError        **error);
GPtrArray          *calbook_context_list_outbox         (CalbookContext *self,
                                                         GError        **error);
gboolean            calbook_context_retry_outbox_entry  (CalbookContext *self,
                                                         gint64          id,
                                                         JsonObject     *new_body,
                                                         GError        **error);
gboolean            calbook_context_discard_outbox_entry (CalbookContext *self,
                                                         gint64          id,
                                                         GError        **error);

/* Added by the sync branch: the engine, for its page/booking progress */
CalbookSync        *calbook_context_get_sync            (CalbookContext *self);
CalbookOutbox      *calbook_context_get_outbox          (CalbookContext *self);

/* Added by the gui2 branch: a rejected key (401) pauses everything until a new
 * one is given; the store and the outbox stay as they are. The API client and
 * the sync engine are replaced by new ones holding the new key, so don't keep
 * the ones returned by the getters above across this call. */
gboolean            calbook_context_get_needs_key       (CalbookContext *self);
gboolean            calbook_context_set_api_key         (CalbookContext *self,
                                                         const char     *api_key,
                                                         GError        **error);

G_END_DECLS
