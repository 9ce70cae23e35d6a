/* calbook-sandbox-slots.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-sandbox-request.h"

G_BEGIN_DECLS

/* Working hours of every host: Monday to Friday, 09:00 to 17:00 local time. */
#define CALBOOK_SANDBOX_DAY_START_MINUTES (9 * 60)
#define CALBOOK_SANDBOX_DAY_END_MINUTES (17 * 60)

gboolean calbook_sandbox_slots_is_available (CalbookSandboxDb              *db,
                                             const CalbookSandboxUser      *host,
                                             const CalbookSandboxEventType *event_type,
                                             gint64                         start_ms,
                                             gint64                         end_ms,
                                             const char                    *ignored_uid);
gboolean calbook_sandbox_slots_in_bounds    (const CalbookSandboxEventType *event_type,
                                             gint64                         start_ms,
                                             gint64                         now_ms);
void     calbook_sandbox_slots_get          (CalbookSandboxRequest         *req);
void     calbook_sandbox_slots_event_types  (CalbookSandboxRequest         *req);

G_END_DECLS
