/* calbook-sandbox-hooks.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-sandbox-request.h"

G_BEGIN_DECLS

/* Changes made "on the server" behind the client's back, for tests:
 * what Cal.com's web app, another admin or a database fix would do. */
void calbook_sandbox_hooks_delete_booking   (CalbookSandboxRequest *req,
                                             const char            *uid);
void calbook_sandbox_hooks_set_organizer    (CalbookSandboxRequest *req,
                                             const char            *uid);
void calbook_sandbox_hooks_remove_attendee  (CalbookSandboxRequest *req,
                                             const char            *uid,
                                             const char            *email);
void calbook_sandbox_hooks_patch_booking    (CalbookSandboxRequest *req,
                                             const char            *uid);
void calbook_sandbox_hooks_patch_event_type (CalbookSandboxRequest *req,
                                             const char            *event_type_id);
void calbook_sandbox_hooks_set_team         (CalbookSandboxRequest *req,
                                             const char            *team_id);
void calbook_sandbox_hooks_delete_team      (CalbookSandboxRequest *req,
                                             const char            *team_id);
void calbook_sandbox_hooks_set_role         (CalbookSandboxRequest *req,
                                             const char            *user_id);

G_END_DECLS
