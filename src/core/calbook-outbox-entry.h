/* calbook-outbox-entry.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CalbookOutboxState:
 * @CALBOOK_OUTBOX_STATE_QUEUED: waiting to be sent (offline, or a transient failure)
 * @CALBOOK_OUTBOX_STATE_SENDING: handed to the API client; if the app dies now, the
 *   replay checks whether it reached the server before sending again
 * @CALBOOK_OUTBOX_STATE_FAILED: Cal.com refused it for good (e.g. the slot is taken);
 *   kept with its data until the user edits and retries or discards it
 */
typedef enum
{
  CALBOOK_OUTBOX_STATE_QUEUED,
  CALBOOK_OUTBOX_STATE_SENDING,
  CALBOOK_OUTBOX_STATE_FAILED,
} CalbookOutboxState;

#define CALBOOK_TYPE_OUTBOX_ENTRY (calbook_outbox_entry_get_type ())

/**
 * CalbookOutboxEntry:
 * @id: row id; the order in which entries are sent
 * @kind: "create", "reschedule", "cancel", "confirm", "decline", "mark-absent",
 *   "location" or "guests"
 * @booking_uid: (nullable): the booking acted on (%NULL for create)
 * @payload: the JSON request body as text ("{}" when there is none)
 * @client_request_id: a UUID of the change, sent with every attempt as the
 *   X-Calbook-Request-Id header and, for a create, in its metadata so that a
 *   create whose answer was lost is recognized instead of booked twice
 * @state: see #CalbookOutboxState
 * @attempts: how many times it was sent
 * @last_error: (nullable): the last error message, for the user
 * @created_at: UTC seconds
 *
 * A change the user made that Cal.com has not confirmed yet.
 */
typedef struct
{
  gint64              id;
  char               *kind;
  char               *booking_uid;
  char               *payload;
  char               *client_request_id;
  CalbookOutboxState  state;
  guint               attempts;
  char               *last_error;
  gint64              created_at;
} CalbookOutboxEntry;

GType               calbook_outbox_entry_get_type (void) G_GNUC_CONST;
CalbookOutboxEntry *calbook_outbox_entry_new      (const char               *kind,
                                                   const char               *booking_uid,
                                                   const char               *payload);
CalbookOutboxEntry *calbook_outbox_entry_copy     (const CalbookOutboxEntry *self);
void                calbook_outbox_entry_free     (CalbookOutboxEntry       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookOutboxEntry, calbook_outbox_entry_free)

G_END_DECLS
