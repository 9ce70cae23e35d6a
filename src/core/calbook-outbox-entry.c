/* calbook-outbox-entry.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-outbox-entry.h"

G_DEFINE_BOXED_TYPE (CalbookOutboxEntry, calbook_outbox_entry,
                     calbook_outbox_entry_copy, calbook_outbox_entry_free)

/* Public API */

/**
 * calbook_outbox_entry_new:
 * @kind: what to send, e.g. "create" or "cancel"
 * @booking_uid: (nullable): the booking acted on, %NULL for a create
 * @payload: (nullable): the JSON request body; %NULL means "{}"
 *
 * A new queued entry with a fresh client request id. Its id and creation
 * time are set by calbook_store_outbox_add().
 *
 * Returns: (transfer full): a new entry
 */
CalbookOutboxEntry *
calbook_outbox_entry_new (const char *kind,
                          const char *booking_uid,
                          const char *payload)
{
  CalbookOutboxEntry *self;

  g_return_val_if_fail (kind != NULL && kind[0] != '\0', NULL);

  self = g_new0 (CalbookOutboxEntry, 1);
  self->kind = g_strdup (kind);
  self->booking_uid = g_strdup (booking_uid);
  self->payload = g_strdup (payload != NULL ? payload : "{}");
  self->client_request_id = g_uuid_string_random ();
  self->state = CALBOOK_OUTBOX_STATE_QUEUED;

  return self;
}

/**
 * calbook_outbox_entry_copy:
 * @self: an entry
 *
 * Returns: (transfer full): a deep copy of @self
 */
CalbookOutboxEntry *
calbook_outbox_entry_copy (const CalbookOutboxEntry *self)
{
  CalbookOutboxEntry *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->kind = g_strdup (self->kind);
  copy->booking_uid = g_strdup (self->booking_uid);
  copy->payload = g_strdup (self->payload);
  copy->client_request_id = g_strdup (self->client_request_id);
  copy->last_error = g_strdup (self->last_error);

  return copy;
}

/**
 * calbook_outbox_entry_free:
 * @self: (nullable): an entry
 */
void
calbook_outbox_entry_free (CalbookOutboxEntry *self)
{
  if (self == NULL)
    return;

  g_free (self->kind);
  g_free (self->booking_uid);
  g_free (self->payload);
  g_free (self->client_request_id);
  g_free (self->last_error);
  g_free (self);
}
