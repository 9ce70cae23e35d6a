/* calbook-sandbox-bookings.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-sandbox-request.h"

G_BEGIN_DECLS

void calbook_sandbox_bookings_get          (CalbookSandboxRequest *req,
                                            const char            *uid);
void calbook_sandbox_bookings_create       (CalbookSandboxRequest *req);
void calbook_sandbox_bookings_reschedule   (CalbookSandboxRequest *req,
                                            const char            *uid);
void calbook_sandbox_bookings_cancel       (CalbookSandboxRequest *req,
                                            const char            *uid);
void calbook_sandbox_bookings_confirm      (CalbookSandboxRequest *req,
                                            const char            *uid);
void calbook_sandbox_bookings_decline      (CalbookSandboxRequest *req,
                                            const char            *uid);
void calbook_sandbox_bookings_mark_absent  (CalbookSandboxRequest *req,
                                            const char            *uid);
void calbook_sandbox_bookings_set_location (CalbookSandboxRequest *req,
                                            const char            *uid);
void calbook_sandbox_bookings_add_guests   (CalbookSandboxRequest *req,
                                            const char            *uid);

G_END_DECLS
