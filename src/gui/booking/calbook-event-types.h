/* calbook-event-types.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-context.h"
#include "calbook-event-type.h"

G_BEGIN_DECLS

/*
 * The signed-in person's event types, fetched from Cal.com once per
 * context and kept for a few minutes (the dialogs open often, the event
 * types rarely change).
 */
void       calbook_event_types_load_async  (CalbookContext      *context,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* (transfer full) (element-type CalbookEventType) */
GPtrArray *calbook_event_types_load_finish (GAsyncResult        *result,
                                            GError             **error);
/* (transfer none) (nullable): the one with @id among @event_types */
CalbookEventType *calbook_event_types_find (GPtrArray           *event_types,
                                            gint64               id);

G_END_DECLS
